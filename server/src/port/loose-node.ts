// Transitional: the port reads php-parser's nodes without narrowing them first. LooseNode is
// core's typed union (PhpNode) with its fields left untyped; it is assignable both ways to
// PhpNode, so the port and the core pass nodes to each other. The core itself narrows on kind
// and has no `any` (test/architecture.test.ts); the port is to follow it, then this goes.
import { isNode, type PhpNode } from '../core/ast';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the port's untyped reads, until it narrows.
export type LooseNode = PhpNode & { [field: string]: any };

export function isLooseNode(value: unknown): value is LooseNode {
  return isNode(value);
}
