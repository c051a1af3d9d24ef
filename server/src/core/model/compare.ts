// PHP 8's loose and strict comparison of `false` with an integer, and what that means for a
// C-style error test on a socket result (`$n < 0`, `$r == -1`): PHP compares false with an
// int as booleans, so `false < 0` and `false == -1` are both false.

export type ComparisonOperator = '==' | '!=' | '<>' | '===' | '!==' | '<' | '<=' | '>' | '>=';

type Operand = number | boolean;

function asBoolean(value: Operand): boolean {
  return typeof value === 'boolean' ? value : value !== 0;
}

/** PHP 8's `a OP b` for ints and bools. */
export function phpCompare(op: ComparisonOperator, a: Operand, b: Operand): boolean {
  if (op === '===') return typeof a === typeof b && a === b;
  if (op === '!==') return !(typeof a === typeof b && a === b);
  // A bool on either side: both are compared as booleans (false < true).
  const [x, y] = typeof a === 'boolean' || typeof b === 'boolean' ? [Number(asBoolean(a)), Number(asBoolean(b))] : [a as number, b as number];
  switch (op) {
    case '==':
      return x === y;
    case '!=':
    case '<>':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

const EQUALITY = new Set(['==', '!=', '<>', '===', '!==']);
const RELATIONAL = new Set(['<', '<=', '>', '>=']);

/**
 * How a comparison of a socket result with the integer `sentinel` treats `false`:
 * - `error-test`: true for -1 (the C error value) but false for `false`: the error branch never runs;
 * - `success-test`: false for -1 but true for `false`: a failure takes the success branch;
 * - undefined: `false` lands where -1 does, or this is not a C-style test (`== 0`, `> 0`).
 */
export function falseBlindness(op: string, sentinel: number, subjectOnLeft: boolean): 'error-test' | 'success-test' | undefined {
  if (!Number.isInteger(sentinel)) return undefined;
  if (!((EQUALITY.has(op) && sentinel < 0) || (RELATIONAL.has(op) && sentinel <= 0))) return undefined;
  const test = (subject: Operand) => (subjectOnLeft ? phpCompare(op as ComparisonOperator, subject, sentinel) : phpCompare(op as ComparisonOperator, sentinel, subject));
  const onError = test(-1);
  const onFalse = test(false);
  if (onError && !onFalse) return 'error-test';
  if (!onError && onFalse) return 'success-test';
  return undefined;
}
