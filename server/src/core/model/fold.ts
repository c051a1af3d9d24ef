// Constant folding with PHP's integer semantics, for backlogs and socket-type arguments:
// `1 << 16`, `SOMAXCONN * 2`, `0x7fff`, `-1`. Anything unsure folds to undefined.
import { SYSTEM_SOMAXCONN, type Constant } from './values';

/** PHP integer literal or float text → number, or undefined (`0x1F`, `0b101`, `0o17`, `017`, `1_000`). */
export function parsePhpNumber(raw: string): number | undefined {
  const text = raw.replace(/_/g, '').toLowerCase();
  let value: number;
  if (/^0x[0-9a-f]+$/.test(text)) value = parseInt(text.slice(2), 16);
  else if (/^0b[01]+$/.test(text)) value = parseInt(text.slice(2), 2);
  else if (/^0o[0-7]+$/.test(text)) value = parseInt(text.slice(2), 8);
  else if (/^0[0-7]+$/.test(text)) value = parseInt(text.slice(1), 8);
  else value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function asInteger(value: Constant): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return 0;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

function asNumber(value: Constant): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) return Number(value);
  return asInteger(value);
}

const INT64 = (value: bigint): number | undefined => {
  const wrapped = BigInt.asIntN(64, value);
  return wrapped >= BigInt(Number.MIN_SAFE_INTEGER) && wrapped <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(wrapped) : undefined;
};

function integerOp(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '<<':
      return b < 0 ? undefined : b >= 64 ? 0 : INT64(BigInt(a) << BigInt(b));
    case '>>':
      return b < 0 ? undefined : INT64(BigInt(a) >> BigInt(Math.min(b, 63)));
    case '|':
      return INT64(BigInt(a) | BigInt(b));
    case '&':
      return INT64(BigInt(a) & BigInt(b));
    case '^':
      return INT64(BigInt(a) ^ BigInt(b));
    case '%':
      return b === 0 ? undefined : a % b;
    default:
      return undefined;
  }
}

function arithmeticOp(op: string, a: number, b: number): number | undefined {
  let result: number;
  switch (op) {
    case '+':
      result = a + b;
      break;
    case '-':
      result = a - b;
      break;
    case '*':
      result = a * b;
      break;
    case '/':
      if (b === 0) return undefined;
      result = a / b;
      break;
    case '**':
      result = a ** b;
      break;
    default:
      return undefined;
  }
  return Number.isFinite(result) ? result : undefined;
}

export function foldBinary(op: string, left: Constant, right: Constant): Constant | undefined {
  if (left === SYSTEM_SOMAXCONN || right === SYSTEM_SOMAXCONN) return undefined;
  if (op === '.') {
    const text = (v: Constant) => (typeof v === 'boolean' ? (v ? '1' : '') : v === null ? '' : typeof v === 'string' ? v : typeof v === 'number' && Number.isInteger(v) ? String(v) : undefined);
    const a = text(left);
    const b = text(right);
    return a === undefined || b === undefined ? undefined : a + b;
  }
  if (['<<', '>>', '|', '&', '^', '%'].includes(op)) {
    const a = asInteger(left);
    const b = asInteger(right);
    return a === undefined || b === undefined ? undefined : integerOp(op, a, b);
  }
  const a = asNumber(left);
  const b = asNumber(right);
  return a === undefined || b === undefined ? undefined : arithmeticOp(op, a, b);
}

export function foldUnary(op: string, operand: Constant): Constant | undefined {
  if (operand === SYSTEM_SOMAXCONN) return undefined;
  const n = asNumber(operand);
  if (n === undefined) return undefined;
  if (op === '-') return -n;
  if (op === '+') return n;
  if (op === '~') {
    const i = asInteger(operand);
    return i === undefined ? undefined : INT64(~BigInt(i));
  }
  return undefined;
}

/** PHP truthiness of a known scalar. */
export function truthy(value: Constant): boolean | undefined {
  if (value === SYSTEM_SOMAXCONN) return true;
  if (typeof value === 'string') return value !== '' && value !== '0';
  if (typeof value === 'bigint') return value !== 0n;
  return Boolean(value);
}
