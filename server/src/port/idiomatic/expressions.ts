// PHP expressions → plain TypeScript, for the subset where the two languages agree once the
// types are known (strings as bytes, ints, bools). Anything else throws `CannotCarry` with the
// reason, and the whole file falls back to the faithful port.
import { calledFunctionName } from '../../core/ast';
import { type LooseNode } from '../loose-node';
import { encapsedParts, stringNodeBytes, tsStringLiteral, tsTemplateChunk } from '../literals';

export class CannotCarry extends Error {
  constructor(
    reason: string,
    readonly node?: LooseNode,
  ) {
    super(reason);
  }
}

export type Type = 'string' | 'int' | 'float' | 'rounded' | 'bool' | 'null' | 'string|false' | 'string|null' | 'int|false' | 'int?' | 'string?' | 'socket' | 'void' | 'unknown' | 'int-map' | SocketCollection;

/** The clients of a select loop: an array of sockets keyed by an int id (a Map), or a list of them (a Set). */
export type SocketCollection = 'socket-map' | 'socket-set';
export const isCollection = (type: Type | undefined): type is SocketCollection => type === 'socket-map' || type === 'socket-set';

export interface Code {
  code: string;
  type: Type;
  /** Binding strength: 20 atoms and calls, 15 unary, 10 binary, 5 ternary/??, 1 assignment. */
  prec: number;
}

export type SocketKind = 'listener' | 'connection' | 'tcp-client' | 'udp';

/** What an expression is translated against: variable types, socket variables, helpers, errors. */
export interface Context {
  types: Map<string, Type>;
  sockets: Map<string, SocketKind>;
  /** socket variable → SO_RCVTIMEO in milliseconds. */
  timeouts: Map<string, number>;
  helpers: Set<string>;
  /** Name of the caught error inside a translated failure branch. */
  error?: string;
  /** PHP function name in lower case → its declared name and what the port knows of it. */
  functions: Map<string, { name: string; async: boolean; returns: Type }>;
  /** PHP function name in lower case → the types of the arguments of each call translated so far (a socket as `socket:<kind>`). */
  argumentTypes: Map<string, string[][]>;
  /** Arrays of clients in a select loop: name → Map (keyed by id) or Set. */
  collections?: Map<string, SocketCollection>;
  /** Arrays indexed only by the current client's key: each becomes a variable of its connection handler. */
  perClient?: Set<string>;
  /** The program throws one of PHP's exceptions somewhere (main()'s caller then exits with PHP's 255). */
  throws?: boolean;
  /** The program's syntax tree (for what a function's callers pass it). */
  program?: LooseNode;
  /** Translates a socket call (set by the statement translator). */
  socketCall(call: LooseNode, name: string, asStatement: boolean, assignTo?: string): Code | undefined;
}

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof let new null return super switch this throw true try typeof var void while with yield await static implements interface package private protected public arguments eval undefined NaN Infinity'.split(' '),
);
const TAKEN = new Set(['net', 'dgram', 'once', 'print', 'read', 'readers', 'receive', 'trim', 'upper', 'lower', 'main', 'process', 'Buffer', 'error', 'datagram', 'remote', 'strerror', 'util', 'send', 'jsonEncode', 'stopServer', 'truthy']);

/** A PHP variable's name in the port: the same name, unless TypeScript reserves it. */
export function tsName(phpName: string): string {
  if (TAKEN.has(phpName)) throw new CannotCarry(`the name $${phpName} is taken by the port's own code`);
  return RESERVED.has(phpName) ? `${phpName}_` : phpName;
}

export function variableOf(node: LooseNode | null | false | undefined): string | undefined {
  return node && node.kind === 'variable' && typeof node.name === 'string' ? node.name : undefined;
}

const atom = (code: string, type: Type): Code => ({ code, type, prec: 20 });
export const paren = (c: Code, prec: number) => (c.prec < prec ? `(${c.code})` : c.code);

export function isStringType(type: Type): boolean {
  return type === 'string';
}

function describe(node: LooseNode): string {
  return node.kind === 'call' ? `${calledFunctionName(node) ?? 'a dynamic call'}()` : node.kind;
}

/** A string value that can be interpolated exactly like PHP prints it. */
function printable(c: Code, node: LooseNode): string {
  if (c.type === 'string' || c.type === 'int') return c.code;
  // round()'s result: a short decimal, printed alike by PHP (precision 14) and JavaScript (shortest form) below 1e15.
  if (c.type === 'rounded') return c.code;
  if (c.type === 'string?' || c.type === 'string|null') return `${paren(c, 5)} ?? ''`;
  if (c.type === 'string|false') return `${paren(c, 5)} || ''`;
  throw new CannotCarry(`a ${c.type} value converted to a string (PHP and JavaScript print it differently)`, node);
}

/** `a . b . c` and interpolations as one TypeScript string. */
export function joinStrings(parts: (string | { code: Code; node: LooseNode })[]): Code {
  if (parts.length === 0) return atom("''", 'string');
  if (parts.every((part) => typeof part === 'string')) return atom(tsStringLiteral(parts.join('')), 'string');
  if (parts.length === 1 && typeof parts[0] !== 'string' && parts[0]!.code.type === 'string') return parts[0]!.code;
  let out = '`';
  for (const part of parts) out += typeof part === 'string' ? tsTemplateChunk(part) : `\${${printable(part.code, part.node)}}`;
  return atom(`${out}\``, 'string');
}

export function concatParts(t: Context, node: LooseNode, out: (string | { code: Code; node: LooseNode })[]): void {
  if (node.kind === 'bin' && node.type === '.') {
    concatParts(t, node.left, out);
    concatParts(t, node.right, out);
  } else if (node.kind === 'string') {
    out.push(stringNodeBytes(node));
  } else if (node.kind === 'name' && String(node.name).toUpperCase() === 'PHP_EOL') {
    out.push('\n');
  } else if (node.kind === 'encapsed' && node.type === 'string') {
    for (const part of encapsedParts(node, undefined)) out.push(typeof part === 'string' ? part : { code: expression(t, part), node: part });
  } else {
    out.push({ code: expression(t, node), node });
  }
}

const TRUTHY_STRINGS = new Set<Type>(['string', 'string|false', 'string|null', 'string?']);

/** A value as a condition, with PHP's truthiness ('' and '0' are false, so is 0); undefined for other types. */
export function truthiness(t: Context, c: Code): Code | undefined {
  if (c.type === 'bool') return c;
  if (c.type === 'int') return { code: `${paren(c, 11)} !== 0`, type: 'bool', prec: 10 };
  if (!TRUTHY_STRINGS.has(c.type)) return undefined;
  t.helpers.add('truthy');
  return atom(`truthy(${c.code})`, 'bool');
}

const isLiteralFalse = (node: LooseNode) => node.kind === 'boolean' && !node.value;

const COMPARISON = new Set(['===', '!==', '<', '>', '<=', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '%']);

function nonNumericString(node: LooseNode): boolean {
  return node.kind === 'string' && !/^\s*[+-]?(\d|\.\d)/.test(stringNodeBytes(node));
}

function binary(t: Context, node: LooseNode): Code {
  const op: string = node.type;
  if (op === '.') {
    const parts: (string | { code: Code; node: LooseNode })[] = [];
    concatParts(t, node, parts);
    return joinStrings(parts);
  }
  const againstFalse = (op === '!==' || op === '===') && node.right.kind === 'boolean' && !node.right.value ? comparedWithFalse(t, node.left) : undefined;
  if (againstFalse) return { code: op === '!==' ? againstFalse.code : `!${paren(againstFalse, 15)}`, type: 'bool', prec: op === '!==' ? againstFalse.prec : 15 };
  const left = expression(t, node.left);
  const right = node.right.kind === 'number' && left.type === 'string?' && op === '??' ? atom(`'${expression(t, node.right).code}'`, 'string') : expression(t, node.right);
  if (op === '??') {
    const type: Type = right.type === 'string' && ['string?', 'string|null', 'string'].includes(left.type) ? 'string' : right.type === 'int' && left.type === 'int?' ? 'int' : left.type === right.type ? left.type : 'unknown';
    return { code: `${paren(left, 6)} ?? ${paren(right, 6)}`, type, prec: 5 };
  }
  // `$buf != false`: the truthiness of $buf (PHP converts it to bool to compare).
  if ((op === '==' || op === '!=') && isLiteralFalse(node.right)) {
    const truth = truthiness(t, left);
    if (truth) return op === '!=' ? truth : { code: `!${paren(truth, 15)}`, type: 'bool', prec: 15 };
  }
  if (COMPARISON.has(op)) {
    if (op.length === 3 || (left.type === 'int' && right.type === 'int')) return { code: `${paren(left, 11)} ${op} ${paren(right, 11)}`, type: 'bool', prec: 10 };
  }
  if ((op === '==' || op === '!=') && ((left.type === 'string' && nonNumericString(node.right)) || (left.type === 'int' && right.type === 'int'))) {
    return { code: `${paren(left, 11)} ${op}= ${paren(right, 11)}`, type: 'bool', prec: 10 };
  }
  if (op === '&&' || op === '||' || op === 'and' || op === 'or') {
    if (left.type === 'bool' && right.type === 'bool') return { code: `${paren(left, 9)} ${op.length === 2 ? op : op === 'and' ? '&&' : '||'} ${paren(right, 9)}`, type: 'bool', prec: 8 };
  }
  if (ARITHMETIC.has(op) && left.type === 'int' && right.type === 'int') return { code: `${paren(left, 11)} ${op} ${paren(right, 11)}`, type: 'int', prec: 10 };
  // int / int: a float (PHP's int when it divides evenly prints the same); only round() of it is printed.
  if (op === '/' && left.type === 'int' && right.type === 'int') return { code: `${paren(left, 11)} / ${paren(right, 11)}`, type: 'float', prec: 10 };
  throw new CannotCarry(`the operator ${op} on ${left.type} and ${right.type}`, node);
}

/**
 * `strpos(…) !== false` (and `($n = strpos(…)) !== false`) as indexOf against -1, and a checked
 * `socket_write(…) !== false` as a write on a socket that is still writable: the true/false these
 * comparisons give, without PHP's int|false.
 */
function comparedWithFalse(t: Context, node: LooseNode): Code | undefined {
  const inner = node;
  const assigned = inner.kind === 'assign' && inner.operator === '=' ? variableOf(inner.left) : undefined;
  const value = assigned ? inner.right : inner;
  if (value.kind !== 'call') return undefined;
  const name = calledFunctionName(value);
  if (name === 'strpos' && (value.arguments ?? []).length === 2) {
    const [haystack, needle] = (value.arguments as LooseNode[]).map((arg) => expression(t, arg));
    if (haystack!.type !== 'string' || needle!.type !== 'string') throw new CannotCarry('strpos() of a value that is not a string', value);
    const index = `${paren(haystack!, 20)}.indexOf(${needle!.code})`;
    if (assigned) t.types.set(assigned, 'int');
    return { code: `${assigned ? `(${tsName(assigned)} = ${index})` : index} !== -1`, type: 'bool', prec: 10 };
  }
  if (name === 'socket_write' && !assigned) {
    const write = t.socketCall(value, name, true);
    const socket = tsName(variableOf(value.arguments?.[0]) ?? '');
    if (write) return { code: `(${write.code} || ${socket}.writable)`, type: 'bool', prec: 20 };
  }
  return undefined;
}

/** `(int) x` / intval(x): PHP's leading-number rule for strings. */
function toInt(c: Code): Code {
  if (c.type === 'int') return c;
  if (c.type === 'string' || c.type === 'string?') return atom(`(Number.parseInt(${c.type === 'string?' ? `${paren(c, 6)} ?? ''` : c.code}, 10) || 0)`, 'int');
  if (c.type === 'unknown' || c.type === 'float') throw new CannotCarry(`an int cast of a ${c.type} value`);
  throw new CannotCarry(`an int cast of a ${c.type} value`);
}

function castString(c: Code, node: LooseNode): Code {
  if (c.type === 'string') return c;
  if (c.type === 'string|null' || c.type === 'string?') return { code: `${paren(c, 6)} ?? ''`, type: 'string', prec: 5 };
  if (c.type === 'string|false') return { code: `${paren(c, 6)} || ''`, type: 'string', prec: 5 };
  if (c.type === 'int') return atom(`String(${c.code})`, 'string');
  throw new CannotCarry(`a string cast of a ${c.type} value`, node);
}

const TRIMS: Record<string, string> = { trim: 'both', ltrim: 'left', rtrim: 'right' };

function builtin(t: Context, node: LooseNode, name: string): Code | undefined {
  const args: LooseNode[] = node.arguments ?? [];
  const arg = (i: number) => expression(t, args[i]!);
  const stringArg = (i: number) => {
    const c = arg(i);
    if (c.type !== 'string') throw new CannotCarry(`${name}() of a ${c.type} value`, node);
    return c;
  };
  switch (name) {
    case 'strlen':
      return atom(`${paren(stringArg(0), 20)}.length`, 'int');
    case 'trim':
    case 'ltrim':
    case 'rtrim': {
      t.helpers.add('trim');
      const text = stringArg(0).code;
      if (args.length === 1) return atom(TRIMS[name] === 'both' ? `trim(${text})` : `trim(${text}, undefined, '${TRIMS[name]}')`, 'string');
      if (args[1]!.kind !== 'string' || stringNodeBytes(args[1]!).includes('..')) throw new CannotCarry(`${name}() with a character list that is not a plain literal`, node);
      return atom(`trim(${text}, ${tsStringLiteral(stringNodeBytes(args[1]!))}${TRIMS[name] === 'both' ? '' : `, '${TRIMS[name]}'`})`, 'string');
    }
    case 'strtoupper':
    case 'strtolower':
      t.helpers.add('asciiCase');
      return atom(`${name === 'strtoupper' ? 'upper' : 'lower'}(${stringArg(0).code})`, 'string');
    case 'str_repeat':
      return atom(`${paren(stringArg(0), 20)}.repeat(${toInt(arg(1)).code})`, 'string');
    case 'strrev':
      return atom(`[...${paren(stringArg(0), 20)}].reverse().join('')`, 'string');
    case 'str_contains':
    case 'str_starts_with':
    case 'str_ends_with':
      return atom(`${paren(stringArg(0), 20)}.${{ str_contains: 'includes', str_starts_with: 'startsWith', str_ends_with: 'endsWith' }[name]}(${stringArg(1).code})`, 'bool');
    case 'intval':
      return toInt(arg(0));
    case 'strval':
      return castString(arg(0), node);
    case 'sprintf':
      return format(t, node);
    case 'ord': {
      // ord($text[$i]): the byte at $i.
      const at = args[0]?.kind === 'offsetlookup' ? args[0] : undefined;
      // Past the end PHP's `$text[$i]` is '' and ord('') is 0; charCodeAt() gives NaN there.
      if (at && args.length === 1) return atom(`(${paren(stringOf(t, at.what), 20)}.charCodeAt(${intOf(t, at.offset as LooseNode)}) || 0)`, 'int');
      return atom(`(${paren(stringArg(0), 20)}.charCodeAt(0) || 0)`, 'int');
    }
    case 'round': {
      const value = arg(0);
      if (value.type !== 'int' && value.type !== 'float') throw new CannotCarry(`round() of a ${value.type} value`, node);
      if (args[1] && args[1].kind !== 'number') throw new CannotCarry('round() to a computed number of places', node);
      t.helpers.add('round');
      return atom(`round(${value.code}${args[1] ? `, ${Number(args[1].value)}` : ''})`, 'rounded');
    }
    case 'count': {
      const items = arg(0);
      if (!isCollection(items.type) && items.type !== 'int-map') throw new CannotCarry(`count() of a ${items.type} value`, node);
      return atom(`${items.code}.size`, 'int');
    }
    case 'implode': {
      const keys = args[1]?.kind === 'call' && calledFunctionName(args[1]) === 'array_keys' ? expression(t, args[1].arguments[0]) : undefined;
      if (keys?.type !== 'socket-map' || args.length !== 2) throw new CannotCarry('implode() of something other than the keys of the clients', node);
      return atom(`[...${keys.code}.keys()].join(${stringArg(0).code})`, 'string');
    }
    case 'json_encode':
      if (args.length !== 1) throw new CannotCarry('json_encode() with flags', node);
      t.helpers.add('json');
      return atom(`jsonEncode(${stringArg(0).code})`, 'string|false');
    case 'substr': {
      const text = paren(stringArg(0), 20);
      const start = toInt(arg(1));
      if (args.length === 2) return atom(`${text}.slice(${start.code})`, 'string');
      if (args[1]!.kind === 'number' && Number(args[1]!.value) === 0 && args.length === 3) return atom(`${text}.slice(0, ${toInt(arg(2)).code})`, 'string');
      throw new CannotCarry('substr() from an offset other than 0 with a length', node);
    }
    default:
      return undefined;
  }
}

/** sprintf()/printf() with only %s, %d and %%: a template literal. */
export function format(t: Context, node: LooseNode): Code {
  const [first, ...rest] = (node.arguments ?? []) as LooseNode[];
  if (!first || first.kind !== 'string') throw new CannotCarry('a format that is not a literal', node);
  const text = stringNodeBytes(first);
  const parts: (string | { code: Code; node: LooseNode })[] = [];
  let last = 0;
  let index = 0;
  for (const match of text.matchAll(/%(-?)(0?)([1-9][0-9]*)?([^-0-9])/gs)) {
    const [, left, zero, width, conversion] = match;
    parts.push(text.slice(last, match.index));
    last = match.index! + match[0].length;
    if (match[0] === '%%') parts.push('%');
    else if ((conversion === 's' || conversion === 'd' || ((conversion === 'x' || conversion === 'X') && !left)) && rest[index] && !(zero && conversion !== 'x' && conversion !== 'X')) {
      const argument = rest[index++]!;
      const c = expression(t, argument);
      if (conversion !== 's' && c.type !== 'int') throw new CannotCarry(`%${conversion} of a ${c.type} value`, node);
      if (!width && conversion !== 'x' && conversion !== 'X') {
        parts.push({ code: c, node: argument });
        continue;
      }
      // Widths pad with spaces (or zeros, for %x); hex of a negative int differs (PHP prints its 64 bits).
      // The value is parenthesised whole: a literal (`255.toString`) is no operand of a member access.
      const digits = conversion === 's' || conversion === 'd' ? `String(${printable(c, argument)})` : `(${c.code}).toString(16)${conversion === 'X' ? '.toUpperCase()' : ''}`;
      parts.push({ code: atom(width ? `${digits}.${left ? 'padEnd' : 'padStart'}(${width}${zero ? ", '0'" : ''})` : digits, 'string'), node: argument });
    } else throw new CannotCarry(`the format ${match[0]} (only %s, %d, %x and %X with a width, and %% are carried)`, node);
  }
  parts.push(text.slice(last));
  return joinStrings(parts.filter((part) => part !== ''));
}

const CONSTANTS: Record<string, Code> = {
  PHP_EOL: atom("'\\n'", 'string'),
  true: atom('true', 'bool'),
  false: atom('false', 'bool'),
  null: atom('null', 'null'),
  // PHP's SOMAXCONN on Linux (the kernel caps a larger backlog at net.core.somaxconn anyway).
  somaxconn: atom('4096', 'int'),
};

export function expression(t: Context, node: LooseNode): Code {
  switch (node.kind) {
    case 'string':
      return atom(tsStringLiteral(stringNodeBytes(node)), 'string');
    case 'encapsed': {
      if (node.type !== 'string') throw new CannotCarry(`a ${node.type} string`, node);
      const parts: (string | { code: Code; node: LooseNode })[] = [];
      concatParts(t, node, parts);
      return joinStrings(parts);
    }
    case 'number':
      if (!/^(0|[1-9][0-9_]*)$/.test(String(node.value))) throw new CannotCarry(`the number ${node.value}`, node);
      return atom(String(node.value).replace(/_/g, ''), 'int');
    case 'boolean':
      return atom(node.value ? 'true' : 'false', 'bool');
    case 'nullkeyword':
      return atom('null', 'null');
    case 'name': {
      const constant = String(node.name) === 'PHP_EOL' ? CONSTANTS.PHP_EOL : String(node.name) === 'SOMAXCONN' ? CONSTANTS.somaxconn : CONSTANTS[String(node.name).toLowerCase()];
      if (constant) return constant;
      throw new CannotCarry(`the constant ${node.name}`, node);
    }
    case 'variable': {
      const name = variableOf(node);
      if (!name) throw new CannotCarry('a variable variable', node);
      if (t.sockets.has(name) && !isCollection(t.types.get(name))) return atom(tsName(name), 'socket');
      const type = t.types.get(name);
      if (!type) throw new CannotCarry(`$${name}, read before any assignment the port understands`, node);
      return atom(tsName(name), type);
    }
    case 'offsetlookup': {
      // `$a[]` (offset false) is no read: PHP does not compile it.
      const offset = node.offset as LooseNode;
      if (variableOf(node.what) === 'argv' && offset?.kind === 'number') return atom(`process.argv[${Number(offset.value) + 1}]`, 'string?');
      const known = offset && (node.what.kind !== 'variable' || t.types.has(variableOf(node.what) ?? ''));
      const what = known ? expression(t, node.what) : undefined;
      // $text[$i]: a one-byte string ('' past the end, where PHP warns).
      if (what?.type === 'string') return atom(`${paren(what, 20)}.charAt(${intOf(t, offset)})`, 'string');
      // $counts[$key] of a string-keyed array of ints (a Map): PHP's null for a missing key is undefined here.
      if (what?.type === 'int-map') return atom(`${what.code}.get(${mapKey(t, offset)})`, 'int?');
      throw new CannotCarry('arrays (the idiomatic port carries strings, ints and bools)', node);
    }
    case 'bin':
      return binary(t, node);
    case 'unary': {
      const inner = expression(t, node.what);
      const truth = node.type === '!' ? truthiness(t, inner) : undefined;
      if (truth) return { code: `!${paren(truth, 15)}`, type: 'bool', prec: 15 };
      if (node.type === '-' && inner.type === 'int') return { code: `-${paren(inner, 15)}`, type: 'int', prec: 15 };
      throw new CannotCarry(`${node.type} of a ${inner.type} value`, node);
    }
    case 'retif': {
      const test = expression(t, node.test);
      if (test.type !== 'bool' || !node.trueExpr) throw new CannotCarry('a ternary whose test is not a bool', node);
      const yes = expression(t, node.trueExpr);
      const no = expression(t, node.falseExpr);
      const type: Type = yes.type === no.type ? yes.type : no.type === 'null' && yes.type === 'string' ? 'string|null' : yes.type === 'null' && no.type === 'string' ? 'string|null' : 'unknown';
      return { code: `${paren(test, 6)} ? ${paren(yes, 6)} : ${paren(no, 6)}`, type, prec: 5 };
    }
    case 'cast':
      if (node.type === 'int') return toInt(expression(t, node.expr ?? node.what));
      if (node.type === 'string') return castString(expression(t, node.expr ?? node.what), node);
      throw new CannotCarry(`a (${node.type}) cast`, node);
    case 'post':
    case 'pre': {
      const inner = expression(t, node.what);
      if (inner.type !== 'int' || !variableOf(node.what)) throw new CannotCarry(`${node.type}${node.type} of a ${inner.type} value`, node);
      const op = node.type === '+' ? '++' : '--';
      return { code: node.kind === 'post' ? `${inner.code}${op}` : `${op}${inner.code}`, type: 'int', prec: 15 };
    }
    case 'call':
      return call(t, node, false);
    default:
      throw new CannotCarry(`${describe(node)} expressions`, node);
  }
}

function stringOf(t: Context, node: LooseNode): Code {
  const c = expression(t, node);
  if (c.type !== 'string') throw new CannotCarry(`an offset into a ${c.type} value`, node);
  return c;
}

function intOf(t: Context, node: LooseNode): string {
  const c = expression(t, node);
  if (c.type !== 'int') throw new CannotCarry(`an offset of a ${c.type} value`, node);
  return c.code;
}

/** A key of a string-keyed array (a Map<string, …>): ints as their decimal string, which is the key PHP makes of "5" too. */
export function mapKey(t: Context, node: LooseNode): string {
  const c = expression(t, node);
  if (c.type === 'string') return c.code;
  if (c.type === 'int') return `String(${c.code})`;
  throw new CannotCarry(`an array key of a ${c.type} value`, node);
}

export function call(t: Context, node: LooseNode, asStatement: boolean): Code {
  const name = calledFunctionName(node);
  if (!name) throw new CannotCarry('a dynamic call', node);
  if (name.startsWith('socket_')) {
    const socket = t.socketCall(node, name, asStatement);
    if (socket) return socket;
    throw new CannotCarry(`${name}() used this way`, node);
  }
  const known = builtin(t, node, name);
  if (known) return known;
  const fn = t.functions.get(name.toLowerCase());
  if (!fn) throw new CannotCarry(`the function ${name}()`, node);
  const args = ((node.arguments ?? []) as LooseNode[]).map((arg) => expression(t, arg));
  const calls = t.argumentTypes.get(name.toLowerCase()) ?? [];
  const passed = ((node.arguments ?? []) as LooseNode[]).map((arg, i) => (args[i]!.type === 'socket' ? `socket:${t.sockets.get(variableOf(arg) ?? '')}` : args[i]!.type));
  t.argumentTypes.set(name.toLowerCase(), [...calls, passed]);
  const code = `${tsName(fn.name)}(${args.map((arg) => arg.code).join(', ')})`;
  return fn.async ? { code: `await ${code}`, type: fn.returns, prec: 15 } : atom(code, fn.returns);
}
