// PHP values in TypeScript, as the ported programs represent them:
// - a PHP string is a JS string of "binary" chars, one char (0-255) per byte, so strlen() is
//   `.length` and binary protocols stay exact; bytes meet Node as Buffer.from(s, 'latin1');
// - int and float are both `number` (an integral number prints as an int);
// - arrays are PhpArray, PHP's ordered map with int/string keys;
// - sockets, exceptions and streams are objects.
import { PHP_ERROR_PARENTS } from './exceptions';
import { writeBytes } from './process';

// This file is runtime source: generate.mjs joins the runtime files into php-runtime.ts and drops
// their imports of each other, so top-level names must be unique across them.

/** Any PHP value. */
export type PhpValue = string | number | boolean | null | PhpArray<PhpValue> | object;

/** A PHP closure or callable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- PHP callables take and return anything.
export type PhpCallable = (...args: any[]) => any;

/** A PHP array key after PHP's key casts: "5" becomes 5, true becomes 1, null becomes "". */
export type PhpKey = string | number;

/** PHP's ordered map. Reads of a missing key warn and give null, as in PHP. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- nested() accepts arrays of any element type.
export class PhpArray<V = PhpValue> implements Iterable<V> {
  private map = new Map<PhpKey, V>();
  private nextIndex = 0;

  /** A list: keys 0, 1, 2... */
  static of<V>(...values: V[]): PhpArray<V> {
    const array = new PhpArray<V>();
    for (const value of values) array.push(value);
    return array;
  }

  /** Entries of an array literal; an `undefined` key takes the next index, as `[..., $v]` does. */
  static fromEntries<V>(entries: Iterable<readonly [PhpValue | undefined, V]>): PhpArray<V> {
    const array = new PhpArray<V>();
    for (const [key, value] of entries) {
      if (key === undefined) array.push(value);
      else array.set(key, value);
    }
    return array;
  }

  get count(): number {
    return this.map.size;
  }

  get(key: PhpValue): V {
    const normalized = arrayKey(key);
    const value = this.map.get(normalized);
    if (value === undefined && !this.map.has(normalized)) {
      phpWarning(typeof normalized === 'number' ? `Undefined array key ${normalized}` : `Undefined array key "${normalized}"`);
      return null as V;
    }
    return value as V;
  }

  /** The value, or undefined when the key is missing - without a warning, as `??` reads. */
  lookup(key: PhpValue): V | undefined {
    return this.map.get(arrayKey(key));
  }

  /** `$a[$k][...] = ...`: the array stored at the key, created when missing (PHP autovivification). */
  nested(key: PhpValue): Extract<V, PhpArray<any>> {
    const existing = this.map.get(arrayKey(key));
    if (existing instanceof PhpArray) return existing as Extract<V, PhpArray<any>>;
    if (existing !== undefined && existing !== null && existing !== '') throw new PhpError('Error', 'Cannot use a scalar value as an array');
    return this.set(key, new PhpArray() as V) as Extract<V, PhpArray<any>>;
  }

  /** `[$a, $b] = $array`: the values at the given keys, in order. */
  pick(...keys: PhpValue[]): V[] {
    return keys.map((key) => this.get(key));
  }

  /** isset($a[$k]): present and not null. */
  isset(key: PhpValue): boolean {
    const value = this.map.get(arrayKey(key));
    return value !== undefined && value !== null;
  }

  has(key: PhpValue): boolean {
    return this.map.has(arrayKey(key));
  }

  set(key: PhpValue, value: V): V {
    const normalized = arrayKey(key);
    this.map.set(normalized, value);
    if (typeof normalized === 'number' && normalized >= this.nextIndex) this.nextIndex = normalized + 1;
    return value;
  }

  /** $a[] = $value */
  push(value: V): V {
    return this.set(this.nextIndex, value);
  }

  delete(key: PhpValue): void {
    this.map.delete(arrayKey(key));
  }

  /** Snapshots, so a loop may change the array as PHP's foreach allows. */
  keys(): PhpKey[] {
    return [...this.map.keys()];
  }

  values(): V[] {
    return [...this.map.values()];
  }

  entries(): [PhpKey, V][] {
    return [...this.map.entries()];
  }

  [Symbol.iterator](): Iterator<V> {
    return this.values()[Symbol.iterator]();
  }

  /** PHP arrays are values: assignment copies (nested arrays too; objects stay shared). */
  copy(): PhpArray<V> {
    const copy = new PhpArray<V>();
    copy.map = new Map(this.map);
    for (const [key, value] of copy.map) if (value instanceof PhpArray) copy.map.set(key, value.copy() as V);
    copy.nextIndex = this.nextIndex;
    return copy;
  }

  /** Removes everything and renumbers from 0 (array_shift and friends reindex). */
  replaceWith(entries: Iterable<readonly [PhpKey, V]>, renumber: boolean): void {
    const list = [...entries];
    this.map.clear();
    this.nextIndex = 0;
    for (const [key, value] of list) {
      if (renumber && typeof key === 'number') this.push(value);
      else this.set(key, value);
    }
  }

  isList(): boolean {
    let expected = 0;
    for (const key of this.map.keys()) if (key !== expected++) return false;
    return true;
  }
}

const INT_KEY = /^(0|-?[1-9][0-9]*)$/;

/** PHP's array key cast. */
export function arrayKey(key: PhpValue): PhpKey {
  if (typeof key === 'number') return Number.isInteger(key) ? key : Math.trunc(key);
  if (typeof key === 'string') {
    if (INT_KEY.test(key)) {
      const asNumber = Number(key);
      if (Number.isSafeInteger(asNumber)) return asNumber;
    }
    return key;
  }
  if (typeof key === 'boolean') return key ? 1 : 0;
  if (key === null || key === undefined) return '';
  throw new PhpError('TypeError', 'Illegal offset type');
}

/** A PHP exception or error (Exception, RuntimeException, TypeError, ...). */
export class PhpError extends Error {
  constructor(
    readonly phpClass: string,
    message = '',
    readonly code = 0,
    /** ErrorException's severity (E_ERROR unless given). */
    readonly severity = 1,
  ) {
    super(message);
  }

  getSeverity(): number {
    return this.severity;
  }

  getMessage(): string {
    return this.message;
  }

  getCode(): number {
    return this.code;
  }
}

/**
 * The base of a program's own exception classes: PHP's Exception constructor (message, code),
 * named after the program's class; `phpParent` (a static of the class that extends this one)
 * is the PHP exception class the program's class extends.
 */
export class PhpUserError extends PhpError {
  static readonly phpParent: string = 'Exception';

  constructor(message: unknown = '', code: unknown = 0) {
    super(phpClassName({ constructor: new.target }), toStr(message), toInt(code));
  }
}

/** `$e instanceof RuntimeException` for a caught value (a program's exception class counts its PHP parent). */
export function isPhpInstance(caught: unknown, phpClass: string): caught is PhpError {
  if (!(caught instanceof PhpError)) return false;
  const userParent = caught instanceof PhpUserError ? (caught.constructor as typeof PhpUserError).phpParent : undefined;
  const parentOf = (name: string) => PHP_ERROR_PARENTS[name] ?? (name === caught.phpClass ? userParent : undefined);
  for (let name: string | undefined = caught.phpClass; name; name = parentOf(name)) {
    if (name.toLowerCase() === phpClass.toLowerCase()) return true;
  }
  return false;
}

/** The program's classes by lowercased name, for `new $name`: a class, or the name of an abstract one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each class takes its own constructor arguments.
export type PhpClassTable = Record<string, (new (...args: any[]) => object) | string>;

/** The class `new $name` makes, with PHP's errors for a class the program does not have or cannot instantiate. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each class takes its own constructor arguments.
export function classNamed(table: PhpClassTable, name: unknown): new (...args: any[]) => object {
  const written = toStr(name);
  const key = written.replace(/^\\/, '').toLowerCase();
  const found = Object.hasOwn(table, key) ? table[key] : undefined;
  if (found === undefined) throw new PhpError('Error', `Class "${written}" not found`);
  if (typeof found === 'string') throw new PhpError('Error', `Cannot instantiate abstract class ${found}`);
  return found;
}

/** How many `@` operators are active; warnings are not printed while it is above zero. */
let silenceDepth = 0;

/** PHP's `@expr`: runs `evaluate` with warnings suppressed (awaiting it if it is async). */
export function silenced<T>(evaluate: () => T): T {
  silenceDepth++;
  let result: T;
  try {
    result = evaluate();
  } catch (error) {
    silenceDepth--;
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => silenceDepth--) as T;
  silenceDepth--;
  return result;
}

/** set_error_handler()'s handler and the levels it takes, and the ones it replaced (restore_error_handler()). */
let errorHandler: { handler: PhpCallable; levels: number } | null = null;
const replacedHandlers: ({ handler: PhpCallable; levels: number } | null)[] = [];
let inErrorHandler = false;

/**
 * set_error_handler(): PHP calls the handler (errno, errstr, errfile, errline) for the warnings,
 * notices and deprecations of its levels instead of logging them, also under `@`; its false lets
 * PHP log the message after all. Returns the handler it replaces, or null.
 */
export function set_error_handler(handler: unknown, levels: unknown = 32767): PhpCallable | null {
  if (handler !== null && typeof handler !== 'function') {
    throw new PhpError('TypeError', `set_error_handler(): Argument #1 ($callback) must be a valid callback or null, ${typeof handler === 'string' ? `function "${handler}" not found or invalid function name` : 'no array or string given'}`);
  }
  const previous = errorHandler;
  replacedHandlers.push(previous);
  errorHandler = handler === null ? null : { handler: handler as PhpCallable, levels: toInt(levels) };
  return previous?.handler ?? null;
}

export function restore_error_handler(): true {
  errorHandler = replacedHandlers.pop() ?? null;
  return true;
}

/**
 * A warning, notice or deprecation of PHP's (level E_WARNING 2, E_NOTICE 8, E_DEPRECATED 8192, or a
 * user level): the program's error handler takes it if it has one for the level; else it is logged
 * where the PHP CLI logs it by default, stderr, as "PHP Warning:  ...". The handler gets '' and 0 for
 * the file and line, which the port does not know.
 */
export function phpError(level: number, label: string, message: string): void {
  if (errorHandler && (errorHandler.levels & level) !== 0 && !inErrorHandler) {
    const { handler } = errorHandler;
    inErrorHandler = true;
    let handled: unknown;
    try {
      handled = handler(level, message, '', 0);
    } finally {
      inErrorHandler = false;
    }
    if (handled !== false) return;
  }
  if (silenceDepth === 0) writeBytes(2, `PHP ${label}:  ${message}\n`);
}

/** Prints a warning where the PHP CLI logs it by default: stderr, as "PHP Warning:  ...". */
export function phpWarning(message: string): void {
  phpError(2, 'Warning', message);
}

/** A notice, logged as a warning is ("PHP Notice:  ..."). */
export function phpNotice(message: string): void {
  phpError(8, 'Notice', message);
}

/** A deprecation ("PHP Deprecated:  ..."). */
export function phpDeprecated(message: string): void {
  phpError(8192, 'Deprecated', message);
}

/** PHP's string conversion (echo, `.`, interpolation). */
export function toStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberToString(value);
  if (value === true) return '1';
  if (value === false || value === null || value === undefined) return '';
  if (value instanceof PhpArray) {
    phpWarning('Array to string conversion');
    return 'Array';
  }
  throw new PhpError('Error', `Object of class ${phpClassName(value)} could not be converted to string`);
}

/** An integral number prints as an int; anything else as PHP prints a float (precision=14). */
export function numberToString(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 2 ** 63 && !Object.is(value, -0)
    ? value.toFixed(0)
    : formatFloat(value, 14, 'E');
}

/** How echo prints a float (precision=14), also when it is integral: 1.5e14 is "1.5E+14". */
export function floatToString(value: number): string {
  return formatFloat(value, 14, 'E');
}

/**
 * PHP's float formatting (zend_gcvt): `digits` significant digits, trailing zeros dropped,
 * exponent form outside 1e-5...1e`digits`, and "1.0E+25" rather than "1E+25". With `digits`
 * 0 it uses the shortest round-trip digits and the 1e17 limit, as var_dump() and
 * json_encode() do (serialize_precision=-1).
 */
export function formatFloat(value: number, digits: number, exponentChar: 'E' | 'e'): string {
  if (Number.isNaN(value)) return 'NAN';
  if (!Number.isFinite(value)) return value > 0 ? 'INF' : '-INF';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = (digits > 0 ? value.toExponential(digits - 1) : value.toExponential()).split('e') as [string, string];
  const exponent = Number(exponentText);
  const significant = mantissa.replace('-', '').replace('.', '').replace(/0+$/, '') || '0';
  const sign = value < 0 ? '-' : '';
  const limit = digits > 0 ? digits : 17;
  if (exponent < -4 || exponent >= limit) {
    const fraction = significant.slice(1) || '0';
    return `${sign}${significant[0]}.${fraction}${exponentChar}${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${significant}`;
  if (significant.length <= exponent + 1) return sign + significant + '0'.repeat(exponent + 1 - significant.length);
  return `${sign}${significant.slice(0, exponent + 1)}.${significant.slice(exponent + 1)}`;
}

/** The class name PHP reports for an object (get_class, error messages). */
export function phpClassName(value: unknown): string {
  if (value instanceof PhpError) return value.phpClass;
  if (typeof value === 'function') return 'Closure';
  const name = (value as { constructor?: { phpClassName?: string; name?: string } })?.constructor;
  return name?.phpClassName ?? name?.name ?? 'stdClass';
}

/** `$value[$offset]` when the port cannot tell an array from a string or null. */
export function offsetGet(value: unknown, offset: unknown): PhpValue {
  if (value instanceof PhpArray) return value.get(offset as PhpValue);
  if (typeof value === 'string') {
    const index = toInt(offset);
    const position = index < 0 ? value.length + index : index;
    if (position >= 0 && position < value.length) return value[position]!;
    phpWarning(`Uninitialized string offset ${index}`);
    return '';
  }
  return null;
}

/** PHP's truthiness: "", "0", 0, 0.0, null, false and [] are false; NAN is true. */
export function toBool(value: unknown): boolean {
  if (typeof value === 'string') return value !== '' && value !== '0';
  if (typeof value === 'number') return value !== 0;
  if (value instanceof PhpArray) return value.count > 0;
  return value !== false && value !== null && value !== undefined;
}

const WHITESPACE = '[ \\t\\n\\r\\v\\f]*';
const NUMERIC = new RegExp(`^${WHITESPACE}[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?${WHITESPACE}$`);
const LEADING_NUMERIC = new RegExp(`^${WHITESPACE}[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?`);
const INTEGER_TEXT = new RegExp(`^${WHITESPACE}[+-]?\\d+${WHITESPACE}$`);

/** is_numeric() for strings: optional surrounding whitespace, decimal or exponent syntax. */
export function isNumericString(text: string): boolean {
  return NUMERIC.test(text);
}

/** A numeric string's value: int syntax within int64 stays an int, the rest is a float. */
function numericStringValue(text: string): number {
  return INTEGER_TEXT.test(text) ? Number.parseInt(text.trim(), 10) : Number.parseFloat(text.trim());
}

/** The number an arithmetic operator sees, with PHP 8's warnings and TypeErrors. */
export function toNumber(value: unknown, operator = '+'): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') {
    if (NUMERIC.test(value)) return numericStringValue(value);
    const prefix = LEADING_NUMERIC.exec(value);
    if (prefix) {
      phpWarning('A non-numeric value encountered');
      return numericStringValue(prefix[0]);
    }
    throw new PhpError('TypeError', `Unsupported operand types: string ${operator} int`);
  }
  throw new PhpError('TypeError', `Unsupported operand types: ${phpTypeName(value)} ${operator} int`);
}

/** PHP's (int) cast and intval(): leading digits of strings, floats truncated toward zero. */
export function toInt(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) || 0 : 0;
  if (typeof value === 'string') {
    const prefix = LEADING_NUMERIC.exec(value);
    return prefix ? toInt(numericStringValue(prefix[0])) : 0;
  }
  if (value instanceof PhpArray) return value.count > 0 ? 1 : 0;
  // A resource (a stream) converts to its id.
  if (typeof value === 'object' && value !== null && 'resourceId' in value) return Number(value.resourceId);
  return toBool(value) ? 1 : 0;
}

/** PHP's (float) cast and floatval(). */
export function toFloat(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const prefix = LEADING_NUMERIC.exec(value);
    return prefix ? Number.parseFloat(prefix[0].trim()) : 0;
  }
  return toInt(value);
}

/** The name PHP uses for a value's type in error messages (get_debug_type style). */
export function phpTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'string';
  if (value instanceof PhpArray) return 'array';
  return phpClassName(value);
}

/** PHP 8's `==`. */
export function looseEquals(left: unknown, right: unknown): boolean {
  if (left === undefined) left = null;
  if (right === undefined) right = null;
  if (typeof left === 'boolean' || typeof right === 'boolean') return toBool(left) === toBool(right);
  if (left === null && right === null) return true;
  if (left === null) return typeof right === 'string' ? right === '' : !toBool(right);
  if (right === null) return typeof left === 'string' ? left === '' : !toBool(left);
  if (typeof left === 'number' && typeof right === 'number') return left === right;
  if (typeof left === 'string' && typeof right === 'string') {
    return isNumericString(left) && isNumericString(right) ? numericStringValue(left) === numericStringValue(right) : left === right;
  }
  if (typeof left === 'number' && typeof right === 'string') return numberEqualsString(left, right);
  if (typeof left === 'string' && typeof right === 'number') return numberEqualsString(right, left);
  if (left instanceof PhpArray && right instanceof PhpArray) {
    if (left.count !== right.count) return false;
    return left.entries().every(([key, value]) => right.has(key) && looseEquals(value, right.get(key)));
  }
  return left === right;
}

function numberEqualsString(number: number, text: string): boolean {
  return isNumericString(text) ? number === numericStringValue(text) : numberToString(number) === text;
}

/** PHP's `===`: identity for scalars and objects, same pairs in the same order for arrays. */
export function strictEquals(left: unknown, right: unknown): boolean {
  if (left instanceof PhpArray && right instanceof PhpArray) {
    const a = left.entries();
    const b = right.entries();
    return a.length === b.length && a.every(([key, value], i) => key === b[i]![0] && strictEquals(value, b[i]![1]));
  }
  return left === right;
}

/** PHP 8's `<=>`: -1, 0 or 1. */
export function compare(left: unknown, right: unknown): number {
  if (left === undefined) left = null;
  if (right === undefined) right = null;
  if (typeof left === 'string' && typeof right === 'string') {
    if (isNumericString(left) && isNumericString(right)) return Math.sign(numericStringValue(left) - numericStringValue(right));
    return left < right ? -1 : left > right ? 1 : 0;
  }
  if (typeof left === 'boolean' || typeof right === 'boolean' || left === null || right === null) {
    if (left === null && typeof right === 'string') return right === '' ? 0 : -1;
    if (right === null && typeof left === 'string') return left === '' ? 0 : 1;
    return Number(toBool(left)) - Number(toBool(right));
  }
  if (typeof left === 'number' && typeof right === 'number') return Math.sign(left - right);
  if (typeof left === 'number' && typeof right === 'string') return -compareStringToNumber(right, left);
  if (typeof left === 'string' && typeof right === 'number') return compareStringToNumber(left, right);
  if (left instanceof PhpArray && right instanceof PhpArray) {
    if (left.count !== right.count) return Math.sign(left.count - right.count);
    for (const [key, value] of left.entries()) {
      if (!right.has(key)) return 1;
      const order = compare(value, right.get(key));
      if (order !== 0) return order;
    }
    return 0;
  }
  if (left instanceof PhpArray) return 1;
  if (right instanceof PhpArray) return -1;
  return left === right ? 0 : 1;
}

function compareStringToNumber(text: string, number: number): number {
  if (isNumericString(text)) return Math.sign(numericStringValue(text) - number);
  const asText = numberToString(number);
  return text < asText ? -1 : text > asText ? 1 : 0;
}

/** `+` for operands that may be strings, null or bools; arrays give their union. */
export function add(left: unknown, right: unknown): PhpValue {
  if (left instanceof PhpArray && right instanceof PhpArray) {
    const union = left.copy();
    for (const [key, value] of right.entries()) if (!union.has(key)) union.set(key, value);
    return union;
  }
  return toNumber(left, '+') + toNumber(right, '+');
}

/** `/`: PHP 8 throws on division by zero instead of giving INF. */
export function divide(left: unknown, right: unknown): number {
  const divisor = toNumber(right, '/');
  if (divisor === 0) throw new PhpError('DivisionByZeroError', 'Division by zero');
  return toNumber(left, '/') / divisor;
}

/** `%`: both operands become ints first; the sign follows the dividend. */
export function modulo(left: unknown, right: unknown): number {
  const divisor = toInt(toNumber(right, '%'));
  if (divisor === 0) throw new PhpError('DivisionByZeroError', 'Modulo by zero');
  return toInt(toNumber(left, '%')) % divisor || 0;
}

/** intdiv(): integer division truncated toward zero. */
export function intdiv(left: unknown, right: unknown): number {
  const divisor = toInt(right);
  if (divisor === 0) throw new PhpError('DivisionByZeroError', 'Division by zero');
  return Math.trunc(toInt(left) / divisor) || 0;
}

/** PHP ints are 64-bit; JS bitwise operators are 32-bit, so wider values go through BigInt. */
export function bitwise(operator: '&' | '|' | '^' | '<<' | '>>', left: unknown, right: unknown): number {
  const a = toInt(left);
  const b = toInt(right);
  const small = (a | 0) === a && (b | 0) === b;
  if (operator === '&') return small ? a & b : Number(BigInt.asIntN(64, BigInt(a) & BigInt(b)));
  if (operator === '|') return small ? a | b : Number(BigInt.asIntN(64, BigInt(a) | BigInt(b)));
  if (operator === '^') return small ? a ^ b : Number(BigInt.asIntN(64, BigInt(a) ^ BigInt(b)));
  if (b < 0) throw new PhpError('ArithmeticError', 'Bit shift by negative number');
  if (operator === '>>') return b >= 64 ? (a < 0 ? -1 : 0) : small && b < 32 ? a >> b : Number(BigInt.asIntN(64, BigInt(a) >> BigInt(b)));
  return b >= 64 ? 0 : Number(BigInt.asIntN(64, BigInt(a) << BigInt(b)));
}

/**
 * `&`, `|`, `^` of two strings work on their bytes in PHP (`$data[$i] ^ $mask[$i % 4]` unmasks a
 * WebSocket frame): `&` and `^` stop at the shorter string, `|` keeps the longer one's tail.
 */
export function bytesBitwise(operator: '&' | '|' | '^', left: string, right: string): string {
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  let result = '';
  for (let i = 0; i < shorter.length; i++) {
    const a = left.charCodeAt(i);
    const b = right.charCodeAt(i);
    result += String.fromCharCode(operator === '&' ? a & b : operator === '|' ? a | b : a ^ b);
  }
  return operator === '|' ? result + longer.slice(shorter.length) : result;
}

/** `&`, `|`, `^` of operands that may both be strings: bytes when they are, ints otherwise. */
export function anyBitwise(operator: '&' | '|' | '^', left: unknown, right: unknown): number | string {
  return typeof left === 'string' && typeof right === 'string' ? bytesBitwise(operator, left, right) : bitwise(operator, left, right);
}

/** `~`: every byte of a string inverted, or the int's complement. */
export function bitNot(value: string): string;
export function bitNot(value: number): number;
export function bitNot(value: unknown): number | string;
export function bitNot(value: unknown): number | string {
  if (typeof value !== 'string') return -toInt(value) - 1;
  let result = '';
  for (let i = 0; i < value.length; i++) result += String.fromCharCode(~value.charCodeAt(i) & 0xff);
  return result;
}

/** A match expression without a matching arm. */
/** A built-in's by-reference parameter given an expression PHP cannot refer to (`$w = null`, a literal). */
export function cannotPassByReference(functionName: string, position: number, param: string, ..._evaluated: unknown[]): never {
  throw new PhpError('Error', `${functionName}(): Argument #${position} ($${param}) cannot be passed by reference`);
}

export function unhandledMatch(subject: unknown): never {
  const shown = typeof subject === 'string' ? JSON.stringify(subject) : typeof subject === 'number' || typeof subject === 'boolean' ? String(subject) : `of type ${phpTypeName(subject)}`;
  throw new PhpError('UnhandledMatchError', `Unhandled match case ${shown}`);
}

/** Assignment of a value that may be an array: arrays are copied, everything else is shared. */
export function copyValue<T>(value: T): T {
  return value instanceof PhpArray ? (value.copy() as T) : value;
}

/** foreach over a value the port cannot prove is an array: null and scalars warn and give nothing. */
export function iterableArray<V = PhpValue>(value: PhpArray<V> | PhpValue | undefined): PhpArray<V> {
  if (value instanceof PhpArray) return value as PhpArray<V>;
  phpWarning(`foreach() argument must be of type array|object, ${phpTypeName(value)} given`);
  return new PhpArray<V>();
}

/** An argument PHP declares as `array`: anything else is PHP's TypeError. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- keeps the array's element type.
export function arrayArgument<T>(value: T, functionName: string, position: number): Extract<T, PhpArray<any>> {
  if (value instanceof PhpArray) return value as Extract<T, PhpArray<any>>;
  throw new PhpError('TypeError', `${functionName}(): Argument #${position} must be of type array, ${phpTypeName(value)} given`);
}

/** `[$a, $b] = $value` when $value may not be an array: PHP assigns null to every variable then. */
export function listValues<V>(value: PhpArray<V> | PhpValue, ...keys: PhpValue[]): (V | null)[] {
  return value instanceof PhpArray ? (value as PhpArray<V>).pick(...keys) : keys.map(() => null);
}
