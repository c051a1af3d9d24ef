// PHP's non-socket built-in functions the port supports: the type each returns, and the
// TypeScript it becomes. Most become a call of the runtime function with the PHP name (which
// applies PHP's rules); a few become plain TypeScript when the argument types make that exact
// (strlen of a string is `.length`, count of an array is `.count`).
import { expr, PREC, wrap, type Expr } from './code';
import {
  arrayOf,
  BOOL,
  elementOf,
  FLOAT,
  INT,
  isArray,
  isInt,
  isNumeric,
  isString,
  KEY,
  kinds,
  MIXED,
  NULL,
  NUMBER,
  STRING,
  tsType,
  tsTypeNames,
  union,
  type PhpType,
} from './php-types';
import { STREAM_BUILTINS } from './stream-builtins';

export interface BuiltinCall {
  args: readonly Expr[];
  /** Marks a runtime name as used and returns it. */
  use(name: string): string;
}

export interface Builtin {
  returns(args: readonly PhpType[]): PhpType;
  /** Runtime function to call when `emit` gives nothing; defaults to the PHP name. */
  helper?: string;
  /** Plain TypeScript for the call, when the argument types allow it. */
  emit?(call: BuiltinCall): Expr | undefined;
  /** Arguments PHP takes by reference and the runtime changes in place (arrays). */
  mutates?: readonly number[];
  /** Arguments that are callables, which PHP may also name with a string ('trim'). */
  callbacks?: readonly number[];
  /** Arguments PHP requires to be arrays. */
  arrays?: readonly number[];
  /**
   * By-reference outputs (`preg_match($p, $s, $matches)`): the argument's position and what PHP
   * stores there. The runtime function takes the other arguments and returns [result, ...outputs];
   * an `inOut` one (stream_select's arrays) it also takes, in its place, and its type is what it held.
   */
  outputs?: readonly { index: number; name: string; type: PhpType; inOut?: boolean }[];
  /** The runtime function's type argument, when TypeScript cannot infer it from mixed arguments. */
  typeArgument?(args: readonly PhpType[]): PhpType;
}

const returns = (type: PhpType) => () => type;
const sameAsFirst = (args: readonly PhpType[]) => args[0] ?? MIXED;
const elementOfFirst = (args: readonly PhpType[]) => (args[0] ? elementOf(args[0]) : MIXED);
const STRING_OR_FALSE = union(STRING, kinds('false'));
const INT_OR_FALSE = union(INT, kinds('false'));

function fixed(type: PhpType): Builtin {
  return { returns: returns(type) };
}

function renamed(helper: string, type: PhpType): Builtin {
  return { helper, returns: returns(type) };
}

/** A call of the runtime function with the given name. */
function helperCall(name: string, { args, use }: BuiltinCall, type: PhpType, typeArgument?: PhpType): Expr {
  let typeArgs = '';
  if (typeArgument) {
    tsTypeNames(typeArgument).forEach(use);
    typeArgs = `<${tsType(typeArgument)}>`;
  }
  return expr(`${use(name)}${typeArgs}(${args.map((arg) => wrap(arg, PREC.assignment)).join(', ')})`, type);
}

const STRING_FUNCTIONS = [
  'strtoupper', 'strtolower', 'ucfirst', 'lcfirst', 'ucwords', 'trim', 'ltrim', 'rtrim', 'str_pad', 'str_repeat', 'substr',
  'sprintf', 'vsprintf', 'implode', 'strrev', 'chr', 'bin2hex', 'dechex', 'decbin', 'decoct', 'base64_encode',
  'base64_decode', 'number_format', 'nl2br', 'wordwrap', 'str_replace', 'pack', 'md5', 'sha1', 'hash', 'urlencode', 'urldecode',
  'rawurlencode', 'rawurldecode', 'preg_quote',
];

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ...STRING_FUNCTIONS.map((name): [string, Builtin] => [name, fixed(STRING)]),
  ['join', renamed('implode', STRING)],
  ['chop', renamed('rtrim', STRING)],
  ['preg_match', { returns: returns(INT_OR_FALSE), outputs: [{ index: 2, name: 'matches', type: arrayOf(STRING) }] }],
  ['preg_replace', fixed(union(STRING, NULL))],
  ['preg_split', fixed(union(arrayOf(STRING), kinds('false')))],
  ['filter_var', fixed(union(STRING, INT, kinds('false')))],
  ['strval', renamed('toStr', STRING)],
  ['strlen', {
    returns: returns(INT),
    emit: ({ args, use }) => expr(isString(args[0]!.type) ? `${wrap(args[0]!, PREC.primary)}.length` : `${use('toStr')}(${args[0]!.code}).length`, INT),
  }],
  ['count', { returns: returns(INT), emit: ({ args }) => (isArray(args[0]!.type) ? expr(`${wrap(args[0]!, PREC.primary)}.count`, INT) : undefined) }],
  ['sizeof', { helper: 'count', returns: returns(INT), emit: ({ args }) => (isArray(args[0]!.type) ? expr(`${wrap(args[0]!, PREC.primary)}.count`, INT) : undefined) }],
  ...['strpos', 'stripos', 'strrpos'].map((name): [string, Builtin] => [name, fixed(INT_OR_FALSE)]),
  ['strstr', fixed(STRING_OR_FALSE)],
  ['hex2bin', fixed(STRING_OR_FALSE)],
  ['iconv', fixed(STRING_OR_FALSE)],
  ['ip2long', fixed(INT_OR_FALSE)],
  ['long2ip', fixed(STRING)],
  ...['str_contains', 'str_starts_with', 'str_ends_with', 'in_array', 'array_key_exists', 'file_exists', 'unlink', 'error_log'].map(
    (name): [string, Builtin] => [name, fixed(BOOL)],
  ),
  ['key_exists', renamed('array_key_exists', BOOL)],
  ...['is_int', 'is_float', 'is_string', 'is_bool', 'is_array', 'is_null', 'is_numeric'].map((name): [string, Builtin] => [name, fixed(BOOL)]),
  ['is_integer', renamed('is_int', BOOL)],
  ['is_long', renamed('is_int', BOOL)],
  ['is_double', renamed('is_float', BOOL)],
  ...['ord', 'strcmp', 'strcasecmp', 'strncmp', 'strncasecmp', 'substr_count', 'str_word_count', 'intdiv', 'array_push', 'array_unshift', 'printf', 'print', 'time'].map(
    (name): [string, Builtin] => [name, fixed(INT)],
  ),
  ['hexdec', fixed(NUMBER)],
  ['bindec', fixed(NUMBER)],
  ['octdec', fixed(NUMBER)],
  ['intval', {
    helper: 'toInt',
    returns: returns(INT),
    // With a base: the runtime's intval() reads the string in it, as strtol() does.
    emit: ({ args, use }) => (args.length === 1 && isInt(args[0]!.type) ? args[0] : args.length > 1 ? expr(`${use('intval')}(${args.map((arg) => wrap(arg, PREC.assignment)).join(', ')})`, INT) : undefined),
  }],
  ['floatval', renamed('toFloat', FLOAT)],
  ['boolval', renamed('toBool', BOOL)],
  ['abs', { returns: (args) => (args[0] && isNumeric(args[0]) ? args[0] : NUMBER) }],
  ['floor', fixed(FLOAT)],
  ['ceil', fixed(FLOAT)],
  ['round', fixed(FLOAT)],
  ['sqrt', { returns: returns(FLOAT), emit: ({ args, use }) => expr(`Math.sqrt(${isNumeric(args[0]!.type) ? args[0]!.code : `${use('toNumber')}(${args[0]!.code})`})`, FLOAT) }],
  ['max', { returns: (args) => (args.length === 1 ? elementOfFirst(args) : union(...args)), typeArgument: (args) => (args.length === 1 ? elementOfFirst(args) : union(...args)) }],
  ['min', { returns: (args) => (args.length === 1 ? elementOfFirst(args) : union(...args)), typeArgument: (args) => (args.length === 1 ? elementOfFirst(args) : union(...args)) }],
  ['array_sum', fixed(NUMBER)],
  ['explode', fixed(arrayOf(STRING))],
  ['str_split', fixed(arrayOf(STRING))],
  ['array_keys', fixed(arrayOf(KEY))],
  ['array_values', { returns: (args) => arrayOf(elementOfFirst(args)) }],
  ['array_merge', { returns: (args) => arrayOf(union(...args.map(elementOf))), typeArgument: (args) => union(...args.map(elementOf)) }],
  ...['array_slice', 'array_reverse', 'array_unique'].map((name): [string, Builtin] => [name, { returns: sameAsFirst }]),
  ['array_filter', { returns: sameAsFirst, callbacks: [1] }],
  ['array_map', { returns: returns(arrayOf(MIXED)), callbacks: [0] }],
  ['array_flip', fixed(arrayOf(KEY))],
  ['array_fill', { returns: (args) => arrayOf(args[2] ?? MIXED) }],
  ['array_combine', { returns: (args) => arrayOf(args[1] ? elementOf(args[1]) : MIXED) }],
  ['range', { returns: (args) => arrayOf(args.every((arg) => isInt(arg)) ? INT : NUMBER) }],
  ['array_search', fixed(union(KEY, kinds('false')))],
  ['array_key_first', fixed(union(KEY, NULL))],
  ['array_key_last', fixed(union(KEY, NULL))],
  ['array_pop', { returns: (args) => union(elementOfFirst(args), NULL), mutates: [0] }],
  ['array_shift', { returns: (args) => union(elementOfFirst(args), NULL), mutates: [0] }],
  ['array_splice', { returns: sameAsFirst, mutates: [0] }],
  ...['sort', 'rsort', 'ksort', 'krsort', 'asort', 'arsort'].map((name): [string, Builtin] => [name, { returns: returns(kinds('true')), mutates: [0] }]),
  ['getprotobyname', { returns: returns(INT_OR_FALSE) }],
  ['getprotobynumber', { returns: returns(STRING_OR_FALSE) }],
  ['set_error_handler', { returns: returns(MIXED), callbacks: [0] }],
  ['restore_error_handler', { returns: returns(kinds('true')) }],
  ['usort', { returns: returns(kinds('true')), mutates: [0], callbacks: [1] }],
  ['json_encode', fixed(STRING_OR_FALSE)],
  ['json_decode', fixed(MIXED)],
  ['unpack', fixed(union(arrayOf(MIXED), kinds('false')))],
  ['var_dump', fixed(NULL)],
  ['var_export', { returns: (args) => (args.length > 1 ? union(STRING, NULL) : NULL) }],
  ['print_r', { returns: (args) => (args.length > 1 ? union(STRING, kinds('true')) : kinds('true')) }],
  ['gettype', fixed(STRING)],
  ['get_class', renamed('phpClassName', STRING)],
  ['getenv', fixed(STRING_OR_FALSE)],
  ['sleep', fixed(INT)],
  ['usleep', fixed(NULL)],
  ['microtime', {
    returns: (args) => (args.length > 0 ? FLOAT : STRING),
    emit: ({ args, use }) => expr(`${use('microtime')}(${args.length > 0 ? 'true' : ''})`, args.length > 0 ? FLOAT : STRING),
  }],
  ['fwrite', fixed(INT_OR_FALSE)],
  ['fputs', renamed('fwrite', INT_OR_FALSE)],
  ['fgets', fixed(STRING_OR_FALSE)],
  ['fflush', { returns: returns(BOOL), emit: () => expr('true', BOOL) }],
  ['file_put_contents', fixed(INT_OR_FALSE)],
  ['file_get_contents', fixed(STRING_OR_FALSE)],
  ['spl_object_id', renamed('objectId', INT)],
  ...['rand', 'mt_rand', 'random_int', 'mt_getrandmax'].map((name): [string, Builtin] => [name, fixed(INT)]),
  ['getrandmax', renamed('mt_getrandmax', INT)],
  ['mt_srand', fixed(NULL)],
  ['srand', fixed(NULL)],
  ['uniqid', fixed(STRING)],
  ['fopen', fixed(union(kinds('stream'), kinds('false')))],
  ['fclose', fixed(kinds('true'))],
  ['is_object', { returns: returns(BOOL), emit: ({ args, use }) => expr(`typeof ${wrap(args[0]!, PREC.unary)} === 'object' && !(${args[0]!.code} instanceof ${use('PhpArray')}) && ${args[0]!.code} !== null`, BOOL, PREC.and) }],
  ['function_exists', { returns: returns(BOOL), emit: () => expr('true', BOOL) }],
  ['extension_loaded', { returns: returns(BOOL), emit: () => expr('true', BOOL) }],
  ...['set_time_limit', 'error_reporting', 'ini_set', 'ob_implicit_flush', 'ob_end_flush', 'gc_collect_cycles', 'date_default_timezone_set', 'cli_set_process_title'].map(
    (name): [string, Builtin] => [name, renamed('noEffect', NULL)],
  ),
  ...STREAM_BUILTINS,
]);

/** Which arguments of the array functions must be arrays (-1: every argument). */
const ARRAY_ARGUMENTS: Record<string, readonly number[]> = {
  in_array: [1], array_search: [1], array_key_exists: [1], key_exists: [1], array_keys: [0], array_values: [0], array_key_first: [0],
  array_key_last: [0], array_push: [0], array_pop: [0], array_shift: [0], array_splice: [0], array_unshift: [0], array_slice: [0], array_map: [1],
  array_filter: [0], array_reverse: [0], array_flip: [0], array_unique: [0], array_sum: [0], array_combine: [0, 1], sort: [0],
  rsort: [0], usort: [0], ksort: [0], krsort: [0], asort: [0], arsort: [0], array_merge: [0, 1, 2, 3, 4, 5, 6, 7],
};

const WITH_ARRAY_ARGUMENTS: ReadonlyMap<string, Builtin> = new Map(
  [...BUILTINS].map(([name, spec]): [string, Builtin] => [name, ARRAY_ARGUMENTS[name] ? { ...spec, arrays: ARRAY_ARGUMENTS[name] } : spec]),
);

export function builtin(name: string): Builtin | undefined {
  return WITH_ARRAY_ARGUMENTS.get(name);
}

/** The call of a builtin: its own emitter, or the runtime function it names. */
export function emitBuiltin(name: string, spec: Builtin, call: BuiltinCall): Expr {
  const type = spec.returns(call.args.map((arg) => arg.type));
  const typeArgument = spec.typeArgument?.(call.args.map((arg) => arg.type));
  return spec.emit?.(call) ?? helperCall(spec.helper ?? name, call, type, typeArgument);
}
