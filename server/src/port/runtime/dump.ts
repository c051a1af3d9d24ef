// var_dump, print_r, var_export, json_encode/json_decode and the type predicates. An integral
// number is shown as an int: the port does not keep PHP's int/float tag at run time.
import { writeBytes } from './process';
import { formatFloat, isNumericString, PhpArray, phpClassName, PhpError, toStr, type PhpKey, type PhpValue } from './values';

/** PHP's object handle numbers (#1, #2, ...), given out as objects are first shown. */
const objectIds = new WeakMap<object, number>();

let nextObjectId = 1;

function objectId(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) objectIds.set(value, (id = nextObjectId++));
  return id;
}

function isInt(value: number): boolean {
  return Number.isInteger(value) && !Object.is(value, -0) && Math.abs(value) < 2 ** 63;
}

export function var_dump(...values: unknown[]): null {
  for (const value of values) writeBytes(1, dumpValue(value, ''));
  return null;
}

function dumpValue(value: unknown, indent: string): string {
  if (value === null || value === undefined) return `${indent}NULL\n`;
  if (typeof value === 'boolean') return `${indent}bool(${value})\n`;
  if (typeof value === 'number') return isInt(value) ? `${indent}int(${value})\n` : `${indent}float(${formatFloat(value, 0, 'E')})\n`;
  if (typeof value === 'string') return `${indent}string(${value.length}) "${value}"\n`;
  if (value instanceof PhpArray) {
    let out = `${indent}array(${value.count}) {\n`;
    for (const [key, item] of value.entries()) {
      out += `${indent}  ${typeof key === 'number' ? `[${key}]` : `["${key}"]`}=>\n${dumpValue(item, `${indent}  `)}`;
    }
    return `${out}${indent}}\n`;
  }
  const enumCase = enumCaseOf(value);
  if (enumCase) return `${indent}enum(${phpClassName(value)}::${enumCase.name})\n`;
  return `${indent}object(${phpClassName(value)})#${objectId(value as object)} (0) {\n${indent}}\n`;
}

/** A case of one of the program's enums (its class has `phpEnum`: 'string' or 'int' backed, or '' for a pure one). */
function enumCaseOf(value: unknown): { name: string; value?: unknown; backing: string } | undefined {
  const backing = (value as { constructor?: { phpEnum?: string } } | null)?.constructor?.phpEnum;
  if (typeof backing !== 'string') return undefined;
  const fields = value as { name: string; value?: unknown };
  return { name: fields.name, value: fields.value, backing };
}

/** print_r(); with `return` true it gives the text instead of printing it. */
export function print_r(value: unknown, returnText: unknown = false): string | true {
  const text = printR(value, 0);
  if (returnText) return text;
  writeBytes(1, text);
  return true;
}

function printR(value: unknown, indent: number): string {
  if (value instanceof PhpArray) return `Array\n${printEntries(value.entries(), indent)}`;
  const enumCase = enumCaseOf(value);
  if (enumCase) {
    const fields: [PhpKey, unknown][] = [['name', enumCase.name], ...(enumCase.backing ? [['value', enumCase.value] as [PhpKey, unknown]] : [])];
    return `${phpClassName(value)} Enum${enumCase.backing ? `:${enumCase.backing}` : ''}\n${printEntries(fields, indent)}`;
  }
  if (typeof value === 'object' && value !== null) return `${phpClassName(value)} Object\n${printEntries([], indent)}`;
  return toStr(value);
}

function printEntries(entries: [PhpKey, unknown][], indent: number): string {
  const pad = ' '.repeat(indent);
  let out = `${pad}(\n`;
  for (const [key, item] of entries) out += `${pad}    [${key}] => ${printR(item, indent + 8)}\n`;
  return `${out}${pad})\n`;
}

export function var_export(value: unknown, returnText: unknown = false): string | null {
  const text = exportValue(value, 1);
  if (returnText) return text;
  writeBytes(1, text);
  return null;
}

function exportValue(value: unknown, level: number): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (isInt(value)) return String(value);
    const text = formatFloat(value, 0, 'E');
    return /^-?\d+$/.test(text) ? `${text}.0` : text;
  }
  if (typeof value === 'string') return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  if (value instanceof PhpArray) {
    const outer = level > 1 ? `\n${' '.repeat(level - 1)}` : '';
    let out = `${outer}array (\n`;
    for (const [key, item] of value.entries()) {
      out += `${' '.repeat(level + 1)}${typeof key === 'number' ? key : exportValue(key, 0)} => ${exportValue(item, level + 2)},\n`;
    }
    return `${out}${level > 1 ? ' '.repeat(level - 1) : ''})`;
  }
  return `\\${phpClassName(value)}::__set_state(array(\n))`;
}

export const JSON_FORCE_OBJECT = 16;

export const JSON_UNESCAPED_SLASHES = 64;

export const JSON_PRETTY_PRINT = 128;

export const JSON_UNESCAPED_UNICODE = 256;

export const JSON_THROW_ON_ERROR = 4194304;

/** json_encode() of scalars and arrays; false (or JsonException) for invalid UTF-8. */
export function json_encode(value: unknown, flags: unknown = 0): string | false {
  const options = typeof flags === 'number' ? flags : 0;
  try {
    return encodeJson(value, options, '');
  } catch (error) {
    if (error instanceof PhpError && (options & JSON_THROW_ON_ERROR) === 0) return false;
    throw error;
  }
}

function encodeJson(value: unknown, flags: number, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return isInt(value) ? String(value) : formatFloat(value, 0, 'e');
  if (typeof value === 'string') return encodeJsonString(value, flags);
  if (!(value instanceof PhpArray)) return '{}';
  const pretty = (flags & JSON_PRETTY_PRINT) !== 0;
  const inner = pretty ? `${indent}    ` : '';
  const asList = value.isList() && (flags & JSON_FORCE_OBJECT) === 0;
  if (value.count === 0) return asList ? '[]' : '{}';
  const items = value.entries().map(([key, item]) => {
    const encoded = encodeJson(item, flags, inner);
    return asList ? inner + encoded : `${inner}${encodeJsonString(String(key), flags)}:${pretty ? ' ' : ''}${encoded}`;
  });
  const [open, close] = asList ? ['[', ']'] : ['{', '}'];
  return pretty ? `${open}\n${items.join(',\n')}\n${indent}${close}` : open + items.join(',') + close;
}

function encodeJsonString(bytes: string, flags: number): string {
  // Printable ASCII without quotes, backslashes or slashes is written as it is.
  if (/^[\x20-\x21\x23-\x2e\x30-\x5b\x5d-\x7e]*$/.test(bytes)) return `"${bytes}"`;
  const text = Buffer.from(bytes, 'latin1').toString('utf8');
  if (Buffer.from(text, 'utf8').toString('latin1') !== bytes) {
    throw new PhpError('JsonException', 'Malformed UTF-8 characters, possibly incorrectly encoded', 5);
  }
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '/') out += flags & JSON_UNESCAPED_SLASHES ? '/' : '\\/';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code < 0x80) out += char;
    else if (flags & JSON_UNESCAPED_UNICODE) out += Buffer.from(char, 'utf8').toString('latin1');
    else for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** json_decode(); objects become arrays (the port supports the `$assoc = true` form). */
export function json_decode(json: unknown, associative: unknown = null): PhpValue {
  void associative;
  try {
    return fromJson(JSON.parse(Buffer.from(toStr(json), 'latin1').toString('utf8')) as unknown);
  } catch {
    return null;
  }
}

function fromJson(value: unknown): PhpValue {
  if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('latin1');
  if (Array.isArray(value)) return PhpArray.of(...value.map(fromJson));
  if (typeof value === 'object' && value !== null) {
    return PhpArray.fromEntries(Object.entries(value).map(([key, item]): [PhpValue, PhpValue] => [Buffer.from(key, 'utf8').toString('latin1'), fromJson(item)]));
  }
  return value as PhpValue;
}

export function gettype(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return isInt(value) ? 'integer' : 'double';
  if (typeof value === 'string') return 'string';
  if (value instanceof PhpArray) return 'array';
  return 'object';
}

export function is_int(value: unknown): value is number {
  return typeof value === 'number' && isInt(value);
}

export function is_float(value: unknown): value is number {
  return typeof value === 'number' && !isInt(value);
}

export function is_string(value: unknown): value is string {
  return typeof value === 'string';
}

export function is_bool(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

export function is_array(value: unknown): value is PhpArray<PhpValue> {
  return value instanceof PhpArray;
}

export function is_null(value: unknown): value is null {
  return value === null || value === undefined;
}

export function is_numeric(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && isNumericString(value));
}
