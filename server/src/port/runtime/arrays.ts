// PHP's array and math functions over PhpArray. Functions that take the array by reference in
// PHP (array_push, sort, ...) change the PhpArray in place.
import { compare, looseEquals, PhpArray, PhpError, toInt, toNumber, toStr, type PhpKey, type PhpValue } from './values';

/** count()/sizeof(): PHP 8 throws for anything but an array (or Countable). */
export function count(value: unknown): number {
  if (value instanceof PhpArray) return value.count;
  throw new PhpError('TypeError', 'count(): Argument #1 ($value) must be of type Countable|array');
}

export function in_array(needle: unknown, haystack: PhpArray<unknown>, strict: unknown = false): boolean {
  return haystack.values().some((value) => (strict ? value === needle : looseEquals(value, needle)));
}

export function array_search(needle: unknown, haystack: PhpArray<unknown>, strict: unknown = false): PhpKey | false {
  const found = haystack.entries().find(([, value]) => (strict ? value === needle : looseEquals(value, needle)));
  return found ? found[0] : false;
}

export function array_keys<V>(array: PhpArray<V>): PhpArray<PhpKey> {
  return PhpArray.of(...array.keys());
}

export function array_values<V>(array: PhpArray<V>): PhpArray<V> {
  return PhpArray.of(...array.values());
}

export function array_key_exists(key: unknown, array: PhpArray<unknown>): boolean {
  return array.has(key as PhpValue);
}

export function array_key_first(array: PhpArray<unknown>): PhpKey | null {
  return array.keys()[0] ?? null;
}

export function array_key_last(array: PhpArray<unknown>): PhpKey | null {
  return array.keys().at(-1) ?? null;
}

/** array_merge(): int keys are renumbered, string keys overwrite. */
export function array_merge<V>(...arrays: PhpArray<V>[]): PhpArray<V> {
  const merged = new PhpArray<V>();
  for (const array of arrays) {
    for (const [key, value] of array.entries()) {
      if (typeof key === 'number') merged.push(value);
      else merged.set(key, value);
    }
  }
  return merged;
}

export function array_push<V>(array: PhpArray<V>, ...values: V[]): number {
  for (const value of values) array.push(value);
  return array.count;
}

export function array_pop<V>(array: PhpArray<V>): V | null {
  const key = array.keys().at(-1);
  if (key === undefined) return null;
  const value = array.get(key);
  array.delete(key);
  // PHP resets the next free index after array_pop().
  array.replaceWith(array.entries(), false);
  return value;
}

export function array_shift<V>(array: PhpArray<V>): V | null {
  const entries = array.entries();
  if (entries.length === 0) return null;
  const [[, first], ...rest] = entries as [[PhpKey, V], ...[PhpKey, V][]];
  array.replaceWith(rest, true);
  return first;
}

export function array_unshift<V>(array: PhpArray<V>, ...values: V[]): number {
  const entries = array.entries();
  array.replaceWith([...values.map((value): [PhpKey, V] => [0, value]), ...entries], true);
  return array.count;
}

export function array_slice<V>(array: PhpArray<V>, offset: unknown, length: unknown = null, preserveKeys: unknown = false): PhpArray<V> {
  const entries = array.entries();
  let start = toInt(offset);
  if (start < 0) start = Math.max(0, entries.length + start);
  const end = length === null ? entries.length : toInt(length) < 0 ? entries.length + toInt(length) : start + toInt(length);
  const slice = new PhpArray<V>();
  for (const [key, value] of entries.slice(start, Math.max(start, end))) {
    if (typeof key === 'number' && !preserveKeys) slice.push(value);
    else slice.set(key, value);
  }
  return slice;
}

/**
 * array_splice(): removes `length` entries from `offset` (negative counts from the end; null to the
 * end), puts the replacement's values there, renumbers the int keys (string keys stay), and
 * returns the removed entries (int keys renumbered, string keys kept).
 */
export function array_splice<V>(array: PhpArray<V>, offset: unknown, length: unknown = null, replacement: unknown = null): PhpArray<V> {
  const entries = array.entries();
  let start = toInt(offset);
  if (start < 0) start = Math.max(0, entries.length + start);
  start = Math.min(start, entries.length);
  let end = length === null ? entries.length : toInt(length) < 0 ? entries.length + toInt(length) : start + toInt(length);
  end = Math.min(Math.max(start, end), entries.length);
  const inserted: V[] = replacement instanceof PhpArray ? (replacement.values() as V[]) : replacement === null ? [] : [replacement as V];
  const removed = new PhpArray<V>();
  for (const [key, value] of entries.slice(start, end)) {
    if (typeof key === 'number') removed.push(value);
    else removed.set(key, value);
  }
  const kept: [PhpKey, V][] = [...entries.slice(0, start), ...inserted.map((value): [PhpKey, V] => [0, value]), ...entries.slice(end)];
  array.replaceWith(kept, true);
  return removed;
}

export function array_map<V, R>(callback: (value: V) => R, array: PhpArray<V>): PhpArray<R> {
  const mapped = PhpArray.fromEntries(array.entries().map(([key, value]): [PhpKey, R] => [key, callback(value)]));
  return array.isList() ? PhpArray.of(...mapped.values()) : mapped;
}

/** array_filter(): keeps keys; without a callback keeps truthy values. */
export function array_filter<V>(array: PhpArray<V>, callback?: ((value: V) => unknown) | null): PhpArray<V> {
  const keep = callback ?? ((value: V) => value);
  return PhpArray.fromEntries(array.entries().filter(([, value]) => truthy(keep(value))));
}

function truthy(value: unknown): boolean {
  if (typeof value === 'string') return value !== '' && value !== '0';
  if (value instanceof PhpArray) return value.count > 0;
  return Boolean(value);
}

export function array_reverse<V>(array: PhpArray<V>, preserveKeys: unknown = false): PhpArray<V> {
  const reversed = new PhpArray<V>();
  for (const [key, value] of array.entries().reverse()) {
    if (typeof key === 'number' && !preserveKeys) reversed.push(value);
    else reversed.set(key, value);
  }
  return reversed;
}

export function array_flip(array: PhpArray<PhpKey>): PhpArray<PhpKey> {
  return PhpArray.fromEntries(array.entries().map(([key, value]): [PhpKey, PhpKey] => [value, key]));
}

/** array_unique() compares values as strings (SORT_STRING): "1e1" and "10" both stay, and a Socket is PHP's Error. */
/** Compares values as strings (SORT_STRING); PHP compares nothing in an array of one (a lone Socket passes). */
export function array_unique<V>(array: PhpArray<V>): PhpArray<V> {
  if (array.count <= 1) return array.copy();
  const kept = new PhpArray<V>();
  const seen = new Set<string>();
  for (const [key, value] of array.entries()) {
    const text = toStr(value);
    if (seen.has(text)) continue;
    seen.add(text);
    kept.set(key, value);
  }
  return kept;
}

export function array_sum(array: PhpArray<unknown>): number {
  return array.values().reduce((sum: number, value) => sum + toNumber(value), 0);
}

export function array_fill<V>(start: unknown, length: unknown, value: V): PhpArray<V> {
  const filled = new PhpArray<V>();
  for (let i = 0; i < toInt(length); i++) filled.set(toInt(start) + i, value);
  return filled;
}

export function array_combine<V>(keys: PhpArray<PhpValue>, values: PhpArray<V>): PhpArray<V> {
  const valueList = values.values();
  return PhpArray.fromEntries(keys.values().map((key, i): [PhpValue, V] => [key, valueList[i]!]));
}

export function range(start: unknown, end: unknown, step: unknown = 1): PhpArray<number> {
  const from = toNumber(start);
  const to = toNumber(end);
  const by = Math.abs(toNumber(step)) || 1;
  const list: number[] = [];
  if (from <= to) for (let i = from; i <= to; i += by) list.push(i);
  else for (let i = from; i >= to; i -= by) list.push(i);
  return PhpArray.of(...list);
}

/** sort()/rsort(): values reordered by PHP's comparison, keys renumbered. */
export function sort<V>(array: PhpArray<V>): true {
  array.replaceWith(array.entries().sort(([, a], [, b]) => compare(a, b)), true);
  return true;
}

export function rsort<V>(array: PhpArray<V>): true {
  array.replaceWith(array.entries().sort(([, a], [, b]) => compare(b, a)), true);
  return true;
}

export function usort<V>(array: PhpArray<V>, callback: (a: V, b: V) => unknown): true {
  array.replaceWith(array.entries().sort(([, a], [, b]) => toInt(callback(a, b))), true);
  return true;
}

export function ksort<V>(array: PhpArray<V>): true {
  array.replaceWith(array.entries().sort(([a], [b]) => compare(a, b)), false);
  return true;
}

export function krsort<V>(array: PhpArray<V>): true {
  array.replaceWith(array.entries().sort(([a], [b]) => compare(b, a)), false);
  return true;
}

export function asort<V>(array: PhpArray<V>): true {
  array.replaceWith(array.entries().sort(([, a], [, b]) => compare(a, b)), false);
  return true;
}

export function arsort<V>(array: PhpArray<V>): true {
  array.replaceWith(array.entries().sort(([, a], [, b]) => compare(b, a)), false);
  return true;
}

/** max()/min() of several values or of one array. */
export function max<V>(...values: (V | PhpArray<V>)[]): V {
  const list = (values.length === 1 && values[0] instanceof PhpArray ? values[0].values() : values) as V[];
  if (list.length === 0) throw new PhpError('ValueError', 'max(): Argument #1 ($value) must contain at least one element');
  return list.reduce((best, value) => (compare(value, best) > 0 ? value : best));
}

export function min<V>(...values: (V | PhpArray<V>)[]): V {
  const list = (values.length === 1 && values[0] instanceof PhpArray ? values[0].values() : values) as V[];
  if (list.length === 0) throw new PhpError('ValueError', 'min(): Argument #1 ($value) must contain at least one element');
  return list.reduce((best, value) => (compare(value, best) < 0 ? value : best));
}

export function abs(value: unknown): number {
  return Math.abs(toNumber(value));
}

export function floor(value: unknown): number {
  return Math.floor(toNumber(value));
}

export function ceil(value: unknown): number {
  return Math.ceil(toNumber(value));
}
