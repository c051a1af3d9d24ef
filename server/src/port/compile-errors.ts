// What PHP 8 refuses when it compiles a file although php-parser reads it: then PHP runs none
// of the program, and prints only its fatal error. A port of such a file does the same.
import { appendChildNodes, type PhpNode } from '../core/ast';
import { LineIndex } from '../core/positions';

export interface CompileError {
  /** PHP's message, without the location. */
  message: string;
  offset: number;
  line: number;
}

/** `$text{0}`: an offset in braces, which PHP 8.0 removed (php-parser reads it as `$text[0]`). */
function isBraceOffset(node: PhpNode, text: string): boolean {
  if (node.kind !== 'offsetlookup' || !node.what.loc || !node.loc) return false;
  const between = text.slice(node.what.loc.end.offset, node.loc.end.offset).trimStart();
  return between.startsWith('{');
}

/** The first compile-time error of PHP 8 in the program, if any. */
export function compileError(program: PhpNode, text: string): CompileError | undefined {
  const stack: PhpNode[] = [program];
  let first: PhpNode | undefined;
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isBraceOffset(node, text) && (!first || node.loc!.start.offset < first.loc!.start.offset)) first = node;
    appendChildNodes(node, stack);
  }
  if (!first) return undefined;
  const offset = first.loc!.start.offset;
  const message = 'Array and string offset access syntax with curly braces is no longer supported';
  return { message, offset, line: new LineIndex(text).positionAt(offset).line };
}
