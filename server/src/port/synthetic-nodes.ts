// Statements the port makes itself, which no PHP node stands for: a statement left out for its
// syntax error, a select loop client's turns and the check after its read, and an include
// statement replaced by the included file's statements (or by PHP's failure when it is missing). They travel
// with php-parser's nodes through the statement writers, so they take a node's shape; their
// kinds are not php-parser's, so they are made and recognised here only.
import type { Location } from '../core/ast';
import type { LooseNode } from './loose-node';

export type SyntheticKind = 'syntaxerror' | 'selectTurns' | 'selectEnded' | 'included' | 'includedOnce' | 'includeMissing';

export function syntheticNode(kind: SyntheticKind, loc: Location | null, fields: Record<string, unknown> = {}): LooseNode {
  return { kind, loc, ...fields } as unknown as LooseNode;
}

export function isSynthetic(node: LooseNode, kind: SyntheticKind): boolean {
  return (node.kind as string) === kind;
}
