// A translated expression: TypeScript text, the PHP type of its value, and its JavaScript
// precedence so that callers add parentheses only where they are needed.
import type { PhpType } from './php-types';

export interface Expr {
  code: string;
  type: PhpType;
  prec: number;
}

export const PREC = {
  primary: 20,
  postfix: 17,
  unary: 16,
  exponent: 15,
  multiplicative: 14,
  additive: 13,
  shift: 12,
  relational: 11,
  equality: 10,
  bitAnd: 9,
  bitXor: 8,
  bitOr: 7,
  and: 6,
  or: 5,
  conditional: 4,
  assignment: 3,
  comma: 1,
} as const;

export function expr(code: string, type: PhpType, prec: number = PREC.primary): Expr {
  return { code, type, prec };
}

/** The code, parenthesized when its precedence is below `min`. */
export function wrap(value: Expr, min: number): string {
  return value.prec < min ? `(${value.code})` : value.code;
}

/** `a op b` for a left-associative binary operator. */
export function binary(left: Expr, operator: string, right: Expr, prec: number, type: PhpType): Expr {
  return expr(`${wrap(left, prec)} ${operator} ${wrap(right, prec + 1)}`, type, prec);
}

/** `name(args…)`. */
export function call(name: string, args: readonly Expr[], type: PhpType): Expr {
  return expr(`${name}(${args.map((arg) => wrap(arg, PREC.assignment)).join(', ')})`, type);
}

/** `await value` when the value is a promise. */
export function awaited(value: Expr): Expr {
  return expr(`await ${wrap(value, PREC.unary)}`, value.type, PREC.unary);
}
