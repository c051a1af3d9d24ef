// Where php-parser recovered from a syntax error, the code it kept around the error is a guess: a
// call cut off while typing (`$fp = fsockopen(`), or a statement whose start it threw away (after
// a stray second `<?php`, `$fp = fsockopen(…);` comes back as a bare `fsockopen(…);`). PHP runs
// none of such a file; a finding on the guess (its result "dropped") would be about code nobody wrote.
import { rangeOf, type PhpNode } from '../ast';
import { exactEnd } from '../fix-builders';

interface RecoveredError {
  kind?: string;
  loc?: { start: { offset: number } } | null;
}

/**
 * The call is cut off (its text does not end with its `)`), or a syntax error lies on its line
 * before it or inside it. Files without syntax errors pay one length test.
 */
export function damagedByParseError(program: PhpNode, text: string, call: PhpNode): boolean {
  const errors: readonly RecoveredError[] = program.kind === 'program' ? program.errors : [];
  if (errors.length === 0) return false;
  const [start, end] = rangeOf(call);
  if (text[exactEnd(text, call) - 1] !== ')') return true;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return errors.some((error) => {
    const offset = error.loc?.start.offset;
    return offset !== undefined && offset >= lineStart && offset <= end;
  });
}
