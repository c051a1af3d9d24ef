// PHP's string functions on byte strings (one char per byte). PHP 8's case functions are
// ASCII-only, and trim() strips " \t\n\r\0\x0B" - JavaScript's versions differ on both.
import * as crypto from 'node:crypto';
import { formatFloat, PhpArray, PhpError, phpWarning, toFloat, toInt, toNumber, toStr } from './values';

export function strtoupper(text: unknown): string {
  return toStr(text).replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

export function strtolower(text: unknown): string {
  return toStr(text).replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

export function ucfirst(text: unknown): string {
  const value = toStr(text);
  return strtoupper(value.slice(0, 1)) + value.slice(1);
}

export function lcfirst(text: unknown): string {
  const value = toStr(text);
  return strtolower(value.slice(0, 1)) + value.slice(1);
}

export function ucwords(text: unknown): string {
  return toStr(text).replace(/(^|[ \t\r\n\f\v])([a-z])/g, (_match, space: string, letter: string) => space + letter.toUpperCase());
}

const TRIM_DEFAULT = new Set([' ', '\t', '\n', '\r', '\0', '\x0B']);

/** Character lists seen before (a program trims with the same few lists). */
const trimSets = new Map<string, Set<string>>();

/** The set of bytes a trim() character list names, with PHP's "a..z" ranges. */
function trimSet(characters: unknown): Set<string> {
  if (characters === undefined) return TRIM_DEFAULT;
  const list = toStr(characters);
  const known = trimSets.get(list);
  if (known) return known;
  const set = new Set<string>();
  if (trimSets.size < 64) trimSets.set(list, set);
  for (let i = 0; i < list.length; i++) {
    if (list.slice(i + 1, i + 3) === '..' && i + 3 < list.length) {
      for (let code = list.charCodeAt(i); code <= list.charCodeAt(i + 3); code++) set.add(String.fromCharCode(code));
      i += 3;
    } else {
      set.add(list[i]!);
    }
  }
  return set;
}

export function trim(text: unknown, characters?: unknown): string {
  return rtrim(ltrim(text, characters), characters);
}

export function ltrim(text: unknown, characters?: unknown): string {
  const value = toStr(text);
  const set = trimSet(characters);
  let start = 0;
  while (start < value.length && set.has(value[start]!)) start++;
  return value.slice(start);
}

export function rtrim(text: unknown, characters?: unknown): string {
  const value = toStr(text);
  const set = trimSet(characters);
  let end = value.length;
  while (end > 0 && set.has(value[end - 1]!)) end--;
  return value.slice(0, end);
}

export function explode(separator: unknown, text: unknown, limit: unknown = Number.MAX_SAFE_INTEGER): PhpArray<string> {
  const sep = toStr(separator);
  if (sep === '') throw new PhpError('ValueError', 'explode(): Argument #1 ($separator) cannot be empty');
  const parts = toStr(text).split(sep);
  const most = toInt(limit);
  if (most > 0 && parts.length > most) return PhpArray.of(...parts.slice(0, most - 1), parts.slice(most - 1).join(sep));
  if (most < 0) return PhpArray.of(...parts.slice(0, most));
  if (most === 0 && parts.length > 1) return PhpArray.of(parts.join(sep));
  return PhpArray.of(...parts);
}

/** implode($separator, $array), also in the legacy implode($array) form. */
export function implode(separator: unknown, array?: unknown): string {
  if (separator instanceof PhpArray) return separator.values().map(toStr).join(array === undefined ? '' : toStr(array));
  if (!(array instanceof PhpArray)) throw new PhpError('TypeError', 'implode(): Argument #2 ($array) must be of type ?array');
  return array.values().map(toStr).join(toStr(separator));
}

export const STR_PAD_LEFT = 0;

export const STR_PAD_RIGHT = 1;

export const STR_PAD_BOTH = 2;

export function str_pad(text: unknown, length: unknown, padding: unknown = ' ', type: unknown = 1): string {
  const value = toStr(text);
  const pad = toStr(padding);
  const total = toInt(length) - value.length;
  if (total <= 0 || pad === '') return value;
  const side = toInt(type);
  const left = side === 0 ? total : side === 2 ? Math.floor(total / 2) : 0;
  const fill = (size: number) => pad.repeat(Math.ceil(size / pad.length)).slice(0, size);
  return fill(left) + value + fill(total - left);
}

export function str_repeat(text: unknown, times: unknown): string {
  const repeats = toInt(times);
  if (repeats < 0) throw new PhpError('ValueError', 'str_repeat(): Argument #2 ($times) must be greater than or equal to 0');
  return toStr(text).repeat(repeats);
}

/** substr() with PHP's negative offsets and lengths. */
export function substr(text: unknown, offset: unknown, length?: unknown): string {
  const value = toStr(text);
  let start = toInt(offset);
  if (start < 0) start = Math.max(0, value.length + start);
  if (start > value.length) return '';
  if (length === undefined || length === null) return value.slice(start);
  const span = toInt(length);
  const end = span < 0 ? value.length + span : start + span;
  return end <= start ? '' : value.slice(start, end);
}

function searchOffset(haystack: string, offset: unknown, name: string): number {
  let start = toInt(offset);
  if (start < 0) start += haystack.length;
  if (start < 0 || start > haystack.length) {
    throw new PhpError('ValueError', `${name}(): Argument #3 ($offset) must be contained in argument #1 ($haystack)`);
  }
  return start;
}

export function strpos(haystack: unknown, needle: unknown, offset: unknown = 0): number | false {
  const text = toStr(haystack);
  const index = text.indexOf(toStr(needle), searchOffset(text, offset, 'strpos'));
  return index < 0 ? false : index;
}

export function stripos(haystack: unknown, needle: unknown, offset: unknown = 0): number | false {
  const text = strtolower(haystack);
  const index = text.indexOf(strtolower(needle), searchOffset(text, offset, 'stripos'));
  return index < 0 ? false : index;
}

export function strrpos(haystack: unknown, needle: unknown): number | false {
  const index = toStr(haystack).lastIndexOf(toStr(needle));
  return index < 0 ? false : index;
}

export function strstr(haystack: unknown, needle: unknown, beforeNeedle: unknown = false): string | false {
  const text = toStr(haystack);
  const index = text.indexOf(toStr(needle));
  if (index < 0) return false;
  return beforeNeedle ? text.slice(0, index) : text.slice(index);
}

export function str_contains(haystack: unknown, needle: unknown): boolean {
  return toStr(haystack).includes(toStr(needle));
}

export function str_starts_with(haystack: unknown, needle: unknown): boolean {
  return toStr(haystack).startsWith(toStr(needle));
}

export function str_ends_with(haystack: unknown, needle: unknown): boolean {
  return toStr(haystack).endsWith(toStr(needle));
}

export function substr_count(haystack: unknown, needle: unknown): number {
  const text = toStr(needle);
  if (text === '') throw new PhpError('ValueError', 'substr_count(): Argument #2 ($needle) cannot be empty');
  return toStr(haystack).split(text).length - 1;
}

/** str_replace() with string or array search/replace (subject as a string). */
export function str_replace(search: unknown, replace: unknown, subject: unknown): string {
  const searches = search instanceof PhpArray ? search.values().map(toStr) : [toStr(search)];
  const replacements = replace instanceof PhpArray ? replace.values().map(toStr) : undefined;
  let result = toStr(subject);
  searches.forEach((needle, i) => {
    if (needle !== '') result = result.split(needle).join(replacements ? (replacements[i] ?? '') : toStr(replace));
  });
  return result;
}

export function str_split(text: unknown, length: unknown = 1): PhpArray<string> {
  const value = toStr(text);
  const size = toInt(length);
  if (size < 1) throw new PhpError('ValueError', 'str_split(): Argument #2 ($length) must be greater than 0');
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += size) parts.push(value.slice(i, i + size));
  return PhpArray.of(...(parts.length ? parts : ['']));
}

export function strrev(text: unknown): string {
  return [...toStr(text)].reverse().join('');
}

/** PHP 8.2's byte comparison: the difference of the first bytes that differ, else -1/0/1 by length. */
function compareBytes(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const difference = a.charCodeAt(i) - b.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return Math.sign(a.length - b.length);
}

export function strcmp(left: unknown, right: unknown): number {
  return compareBytes(toStr(left), toStr(right));
}

export function strcasecmp(left: unknown, right: unknown): number {
  return strcmp(strtolower(left), strtolower(right));
}

/** The length of strncmp()/strncasecmp(), with PHP's ValueError for a negative one. */
function comparedLength(length: unknown, functionName: string): number {
  const prefix = toInt(length);
  if (prefix < 0) throw new PhpError('ValueError', `${functionName}(): Argument #3 ($length) must be greater than or equal to 0`);
  return prefix;
}

export function strncmp(left: unknown, right: unknown, length: unknown): number {
  const prefix = comparedLength(length, 'strncmp');
  return strcmp(toStr(left).slice(0, prefix), toStr(right).slice(0, prefix));
}

export function strncasecmp(left: unknown, right: unknown, length: unknown): number {
  const prefix = comparedLength(length, 'strncasecmp');
  return strcasecmp(toStr(left).slice(0, prefix), toStr(right).slice(0, prefix));
}

export function ord(text: unknown): number {
  const value = toStr(text);
  return value.length ? value.charCodeAt(0) : 0;
}

export function chr(code: unknown): string {
  return String.fromCharCode(((toInt(code) % 256) + 256) % 256);
}

export function bin2hex(text: unknown): string {
  return Buffer.from(toStr(text), 'latin1').toString('hex');
}

export function hex2bin(text: unknown): string | false {
  const value = toStr(text);
  if (value.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(value)) {
    phpWarning(value.length % 2 ? 'hex2bin(): Hexadecimal input string must have an even length' : 'hex2bin(): Input string must be hexadecimal string');
    return false;
  }
  return Buffer.from(value, 'hex').toString('latin1');
}

/** An int as the unsigned 64-bit value PHP's dechex()/decbin()/%x print. */
function unsigned64(value: unknown): bigint {
  return BigInt.asUintN(64, BigInt(toInt(value)));
}

export function dechex(value: unknown): string {
  return unsigned64(value).toString(16);
}

export function decbin(value: unknown): string {
  return unsigned64(value).toString(2);
}

export function decoct(value: unknown): string {
  return unsigned64(value).toString(8);
}

function baseToDecimal(text: unknown, pattern: RegExp, base: number): number {
  const digits = toStr(text).replace(pattern, '');
  return digits === '' ? 0 : Number.parseInt(digits, base);
}

export function hexdec(text: unknown): number {
  return baseToDecimal(text, /[^0-9a-fA-F]/g, 16);
}

export function bindec(text: unknown): number {
  return baseToDecimal(text, /[^01]/g, 2);
}

export function octdec(text: unknown): number {
  return baseToDecimal(text, /[^0-7]/g, 8);
}

export function base64_encode(text: unknown): string {
  return Buffer.from(toStr(text), 'latin1').toString('base64');
}

export function base64_decode(text: unknown): string {
  return Buffer.from(toStr(text), 'base64').toString('latin1');
}

/** md5(), sha1() and hash(): hex digits, or the raw bytes when `binary`. */
export function hash(algorithm: unknown, text: unknown, binary: unknown = false): string {
  const digest = crypto.createHash(toStr(algorithm).toLowerCase()).update(Buffer.from(toStr(text), 'latin1'));
  return binary ? digest.digest().toString('latin1') : digest.digest('hex');
}

export function md5(text: unknown, binary: unknown = false): string {
  return hash('md5', text, binary);
}

export function sha1(text: unknown, binary: unknown = false): string {
  return hash('sha1', text, binary);
}

/** urlencode(): RFC 1738, a space is "+"; rawurlencode(): RFC 3986, a space is "%20". */
export function urlencode(text: unknown): string {
  return rawurlencode(text).replace(/%20/g, '+').replace(/~/g, '%7E');
}

export function rawurlencode(text: unknown): string {
  return toStr(text).replace(/[^A-Za-z0-9_.~-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** urldecode() also reads "+" as a space; both leave a "%" without two hex digits as it is. */
export function urldecode(text: unknown): string {
  return rawurldecode(toStr(text).replace(/\+/g, ' '));
}

export function rawurldecode(text: unknown): string {
  return toStr(text).replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The exact decimal digits of a double: value = 0.DIGITS * 10^point. */
function exactDecimal(value: number): { digits: string; point: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  if (mantissa === 0n) return { digits: '0', point: 1 };
  if (exponent >= 0) {
    const digits = (mantissa << BigInt(exponent)).toString();
    return { digits, point: digits.length };
  }
  const digits = (mantissa * 5n ** BigInt(-exponent)).toString();
  return { digits, point: digits.length + exponent };
}

/** Rounds exact digits to `keep` digits, ties to even (as PHP's zend_dtoa does). */
function roundDigits(digits: string, keep: number): { digits: string; carried: boolean } {
  if (keep < 0) return { digits: '', carried: false };
  if (digits.length <= keep) return { digits: digits.padEnd(keep, '0'), carried: false };
  const head = digits.slice(0, keep);
  const rest = digits.slice(keep);
  const half = rest[0]! > '5' || (rest[0] === '5' && /[1-9]/.test(rest.slice(1)));
  const tie = rest[0] === '5' && !/[1-9]/.test(rest.slice(1));
  const lastOdd = keep > 0 && Number(head[keep - 1]) % 2 === 1;
  if (!(half || (tie && lastOdd))) return { digits: head, carried: false };
  const incremented = (BigInt(head || '0') + 1n).toString().padStart(keep, '0');
  return incremented.length > keep ? { digits: incremented, carried: true } : { digits: incremented, carried: false };
}

/** `%.Nf`: fixed notation, correctly rounded. */
export function formatFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Inf' : '-Inf';
  const { digits, point } = exactDecimal(value);
  const rounded = roundDigits(digits, point + decimals);
  const all = rounded.digits.padStart(decimals + 1, '0');
  const whole = all.slice(0, all.length - decimals) || '0';
  const text = decimals > 0 ? `${whole}.${all.slice(all.length - decimals)}` : whole;
  return value < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}

/** `%.Ne`: one digit, N decimals, and PHP's unpadded exponent ("1.5e+3"). */
function formatExponent(value: number, decimals: number, exponentChar: string): string {
  if (value === 0) return `${(0).toFixed(decimals)}${exponentChar}+0`;
  const { digits, point } = exactDecimal(value);
  const significant = digits.replace(/^0+/, '');
  let exponent = point - (digits.length - significant.length) - 1;
  const rounded = roundDigits(significant, decimals + 1);
  let kept = rounded.digits;
  if (rounded.carried) {
    kept = kept.slice(0, decimals + 1);
    exponent++;
  }
  const mantissa = decimals > 0 ? `${kept[0]}.${kept.slice(1)}` : kept[0]!;
  return `${value < 0 ? '-' : ''}${mantissa}${exponentChar}${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
}

/** PHP's sprintf(): %b %c %d %e %E %f %F %g %G %o %s %u %x %X, argnum$, flags, width, precision. */
export function sprintf(format: unknown, ...values: unknown[]): string {
  const text = toStr(format);
  let out = '';
  let next = 0;
  const spec = /%(?:(\d+)\$)?((?:[-+ 0]|'.)*)(\d+)?(?:\.(\d*))?([bcdeEfFgGosuxX%])/gs;
  let last = 0;
  for (let match = spec.exec(text); match; match = spec.exec(text)) {
    out += text.slice(last, match.index);
    last = spec.lastIndex;
    const [, argnum, flags = '', width, precision] = match;
    const conversion = match[5]!;
    if (conversion === '%') {
      out += '%';
      continue;
    }
    const index = argnum ? Number(argnum) - 1 : next++;
    if (index >= values.length) throw new PhpError('ArgumentCountError', `${values.length + 1} arguments are required, ${index + 2} given`);
    out += formatOne(values[index], conversion, flags, width ? Number(width) : 0, precision);
  }
  return out + text.slice(last);
}

function formatOne(value: unknown, conversion: string, flags: string, width: number, precisionText: string | undefined): string {
  let padding = ' ';
  let left = false;
  let plus = false;
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    if (flag === '-') left = true;
    else if (flag === '+') plus = true;
    else if (flag === "'") padding = flags[++i]!;
    else padding = flag;
  }
  const precision = precisionText === undefined ? undefined : Number(precisionText || '0');
  let body: string;
  let signed = false;
  switch (conversion) {
    case 's': {
      const textValue = toStr(value);
      body = precision === undefined ? textValue : textValue.slice(0, precision);
      break;
    }
    case 'd': {
      const int = toInt(value);
      body = int >= 0 && plus ? `+${int}` : String(int);
      signed = true;
      break;
    }
    case 'u':
      body = unsigned64(value).toString();
      break;
    case 'c':
      return chr(value);
    case 'x':
      body = dechex(value);
      break;
    case 'X':
      body = dechex(value).toUpperCase();
      break;
    case 'o':
      body = decoct(value);
      break;
    case 'b':
      body = decbin(value);
      break;
    case 'e':
    case 'E':
      body = formatExponent(toFloat(value), precision ?? 6, conversion);
      signed = true;
      break;
    case 'g':
    case 'G':
      body = formatFloat(toFloat(value), precision === 0 ? 1 : (precision ?? 6), conversion === 'g' ? 'e' : 'E');
      signed = true;
      break;
    default:
      body = formatFixed(toFloat(value), Math.min(precision ?? 6, 53));
      signed = true;
  }
  if (signed && plus && !body.startsWith('-') && !body.startsWith('+')) body = `+${body}`;
  if (body.length >= width) return body;
  const fill = padding.repeat(width - body.length);
  if (left) return body + (padding === '0' ? ' '.repeat(width - body.length) : fill);
  if (padding === '0' && signed && (body[0] === '-' || body[0] === '+')) return body[0] + fill + body.slice(1);
  return fill + body;
}

export function vsprintf(format: unknown, values: unknown): string {
  return sprintf(format, ...(values instanceof PhpArray ? values.values() : []));
}

/** PHP 8.2's round(): pre-rounds to 15 significant digits so round(1.005, 2) is 1.01. */
export function round(value: unknown, places: unknown = 0): number {
  const number = toNumber(value);
  const digits = toInt(places);
  if (!Number.isFinite(number) || number === 0) return number;
  const pow10 = (power: number) => 10 ** Math.abs(power);
  const scale = (x: number, power: number) => (power >= 0 ? x * pow10(power) : x / pow10(power));
  const halfUp = (x: number) => (x >= 0 ? Math.floor(x + 0.5) : Math.ceil(x - 0.5));
  const precisionPlaces = 14 - Math.floor(Math.log10(Math.abs(number)));
  let scaled: number;
  if (precisionPlaces > digits && precisionPlaces - 15 < digits) {
    scaled = halfUp(scale(number, precisionPlaces));
    scaled = scaled / pow10(Math.max(-60, digits - precisionPlaces));
  } else {
    scaled = scale(number, digits);
    if (Math.abs(scaled) >= 1e15) return number;
  }
  scaled = halfUp(scaled);
  return digits > 0 ? scaled / pow10(digits) : scaled * pow10(digits);
}

export function number_format(value: unknown, decimals: unknown = 0, point: unknown = '.', thousands: unknown = ','): string {
  const places = Math.max(0, toInt(decimals));
  const fixed = formatFixed(Math.abs(round(value, places)), places);
  const [whole, fraction] = fixed.split('.') as [string, string?];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, toStr(thousands));
  const negative = toNumber(value) < 0 && /[1-9]/.test(fixed);
  return (negative ? '-' : '') + grouped + (fraction !== undefined ? toStr(point) + fraction : '');
}

export function str_word_count(text: unknown): number {
  return (toStr(text).match(/[A-Za-z'-]+/g) ?? []).length;
}

export function nl2br(text: unknown): string {
  return toStr(text).replace(/(\r\n|\n\r|\n|\r)/g, '<br />$1');
}

export function wordwrap(text: unknown, width: unknown = 75, separator: unknown = '\n', cut: unknown = false): string {
  const limit = toInt(width);
  const words = toStr(text).split(' ');
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (cut && word.length > limit) {
      if (line) lines.push(line);
      lines.push(word.slice(0, limit));
      word = word.slice(limit);
      line = '';
    }
    if (line && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.join(toStr(separator));
}

/** intval() with a base: strtol() on a string (leading blanks, a sign, the base's prefix, digits up to the first other byte, saturating); any other value as (int). */
export function intval(value: unknown, base: unknown = 10): number {
  let radix = toInt(base);
  if (typeof value !== 'string' || radix === 10) return toInt(value);
  let text = value.replace(/^[ \t\n\r\v\f]+/, '');
  let sign = 1n;
  if (text[0] === '-' || text[0] === '+') {
    if (text[0] === '-') sign = -1n;
    text = text.slice(1);
  }
  // PHP 8.2's intval() knows 0x and 0b (not 0o) before the digits.
  const prefixes: Record<number, RegExp> = { 16: /^0[xX]/, 2: /^0[bB]/ };
  if (radix === 0) radix = prefixes[16]!.test(text) ? 16 : prefixes[2]!.test(text) ? 2 : text.startsWith('0') ? 8 : 10;
  if (radix < 2 || radix > 36) return 0;
  if (prefixes[radix]?.test(text)) text = text.slice(2);
  let result = 0n;
  for (const char of text.toLowerCase()) {
    const digit = parseInt(char, 36);
    if (Number.isNaN(digit) || digit >= radix) break;
    result = result * BigInt(radix) + BigInt(digit);
  }
  const signed = sign * result;
  const max = 2n ** 63n - 1n;
  return Number(signed > max ? max : signed < -max - 1n ? -max - 1n : signed);
}
