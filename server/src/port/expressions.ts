// PHP expressions → TypeScript expressions. Where PHP and JavaScript agree for the operand
// types (ints, sockets-or-false, strings compared with a non-numeric literal…) the output is
// plain TypeScript; elsewhere a runtime helper applies PHP's rule (toBool, looseEquals, …).
import { calledFunctionName, normalizeName } from '../core/ast';
import { isLooseNode, type LooseNode } from './loose-node';
import { socketFunction } from '../core/socket-api';
import { builtin, emitBuiltin } from './builtins';
import { awaited, binary, expr, PREC, wrap, type Expr } from './code';
import { assignment, increment } from './assignments';
import { closure } from './closures';
import { encapsedParts, heredocLayout, nowdocBytes, stringNodeBytes, tsStringLiteral, tsTemplateChunk, utf8Bytes } from './literals';
import {
  arrayOf,
  BOOL,
  elementOf,
  FLOAT,
  has,
  hasJsTruthiness,
  INT,
  isArray,
  isInt,
  isNumeric,
  isOnly,
  isString,
  kinds,
  MIXED,
  NEVER,
  NULL,
  NUMBER,
  STRING,
  union,
  without,
  tsType,
  tsTypeNames,
  type PhpType,
} from './php-types';
import { calleeReturnType, isGlobalsEntry, type FunctionInfo } from './analysis';
import { contextMethod, newInstance, programMethodCall, propertyRead, staticRead } from './class-code';
import { PHP_ERROR_PARENTS } from './runtime/exceptions';
import { isAsyncRuntimeFunction } from './runtime/module';
import { PatternProblem, pcrePattern } from './runtime/pcre';
import { byReferenceRefusal, isRefusedByReference, socketCall, withOutputs, type SocketCallOptions } from './socket-translation';
import type { Translator } from './translator';
import { isSocketCopy } from './ownership';
import { binaryType, bitNotType, constantType, methodType, numberLiteralType } from './typing';

/** PHP's exception classes (lowercase), as the runtime knows them. */
const PHP_EXCEPTION_CLASSES = new Set(['throwable', ...Object.keys(PHP_ERROR_PARENTS).map((name) => name.toLowerCase())]);

/** PHP's name for a built-in exception class, as written in the source. */
function exceptionClass(node: LooseNode): string | undefined {
  if (node.kind !== 'name') return undefined;
  const name = String(node.name).replace(/^\\/, '');
  return PHP_EXCEPTION_CLASSES.has(name.toLowerCase()) ? name : undefined;
}

export function value(t: Translator, node: LooseNode): Expr {
  if (!isLooseNode(node)) return t.unportedExpr(t.currentStatement, 'incomplete PHP (a syntax error) is not ported');
  switch (node.kind) {
    case 'number':
      return numberLiteral(String(node.value));
    case 'string':
      return expr(tsStringLiteral(stringNodeBytes(node)), STRING);
    case 'nowdoc':
      return expr(tsStringLiteral(nowdocBytes(node)), STRING);
    case 'encapsed':
      return encapsed(t, node);
    case 'boolean':
      return expr(node.value ? 'true' : 'false', kinds(node.value ? 'true' : 'false'));
    case 'nullkeyword':
      return expr('null', NULL);
    case 'magic':
      return magic(t, node);
    case 'array':
      return arrayLiteral(t, node);
    case 'variable':
      return variable(t, node);
    case 'offsetlookup':
      return offsetRead(t, node);
    case 'propertylookup':
    case 'nullsafepropertylookup':
      return propertyRead(t, node);
    case 'staticlookup':
      return staticRead(t, node);
    case 'call':
      return callExpression(t, node);
    case 'bin':
      return binaryExpression(t, node);
    case 'unary':
      return unary(t, node);
    case 'assign':
      return assignment(t, node, false);
    case 'post':
    case 'pre':
      return increment(t, node, false);
    case 'cast':
      return cast(t, node);
    case 'retif':
      return ternary(t, node);
    case 'isset':
      return issetExpression(t, node);
    case 'empty':
      return emptyExpression(t, node);
    case 'silent':
      return silenced(t, node);
    case 'exit':
      return exitCall(t, node);
    case 'print':
      return expr(`${t.use('print')}(${echoArgument(t, value(t, node.expression))})`, INT);
    case 'closure':
    case 'arrowfunc':
      return closure(t, node);
    case 'new':
      return newExpression(t, node);
    case 'match':
      return matchExpression(t, node);
    case 'name':
      return constant(t, node);
    case 'identifier':
      // "$items[first]" inside double quotes: an unquoted string key.
      return expr(tsStringLiteral(utf8Bytes(String(node.name))), STRING);
    case 'throw':
      return t.unportedExpr(node, '`throw` as an expression is not ported');
    case 'include':
      return t.unportedExpr(node, "include/require is ported as a statement of its own with a literal path or __DIR__ . '/file.php'");
    default:
      return t.unportedExpr(node, `${node.kind} expressions are not ported`);
  }
}

/** PHP number syntax in TypeScript: legacy octal `0755` becomes `0o755`. */
export function numberLiteral(text: string): Expr {
  const type = numberLiteralType(text);
  const code = /^0[0-7_]+$/.test(text) ? `0o${text.slice(1)}` : text.replace(/^0O/, '0o');
  return expr(code, type);
}

/** Code for a value as a PHP string (echo, `.`, interpolation). */
export function stringCode(t: Translator, value: Expr): string {
  if (isString(value.type)) return value.code;
  if (isInt(value.type)) return `String(${value.code})`;
  // Known floats print as floats even when integral (1.5e14 is "1.5E+14", not digits).
  if (isOnly(value.type, 'float')) return `${t.use('floatToString')}(${value.code})`;
  return `${t.use('toStr')}(${value.code})`;
}

/** An echo/print argument: known floats are formatted as floats, the rest by echo itself. */
export function echoArgument(t: Translator, value: Expr): string {
  return isOnly(value.type, 'float') ? stringCode(t, value) : wrap(value, PREC.assignment);
}

/** Code for a value as a number in arithmetic. */
function numberCode(t: Translator, value: Expr, operator: string, prec: number): string {
  if (isNumeric(value.type)) return wrap(value, prec);
  return `${t.use('toNumber')}(${value.code}${operator === '+' ? '' : `, '${operator}'`})`;
}

function templatePart(t: Translator, part: Expr): string {
  if (isString(part.type) || isInt(part.type)) return `\${${part.code}}`;
  return `\${${stringCode(t, part)}}`;
}

/** Literal bytes and values as one template literal (or a plain literal when all are bytes). */
function template(t: Translator, parts: (string | Expr)[]): Expr {
  const merged: (string | Expr)[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part;
    else merged.push(part);
  }
  if (merged.every((part) => typeof part === 'string')) return expr(tsStringLiteral(merged.join('')), STRING);
  if (merged.length === 1) return expr(stringCode(t, merged[0] as Expr), STRING);
  return expr(`\`${merged.map((part) => (typeof part === 'string' ? tsTemplateChunk(part) : templatePart(t, part))).join('')}\``, STRING);
}

function encapsed(t: Translator, node: LooseNode): Expr {
  if (node.type === 'shell') return t.unportedExpr(node, 'shell commands (backticks) are not ported');
  const heredoc = node.type === 'heredoc';
  const layout = heredoc ? heredocLayout(String(node.raw)) : undefined;
  const parts: (string | Expr)[] = encapsedParts(node, layout).map((part) => (typeof part === 'string' ? part : value(t, part)));
  return template(t, parts);
}

function magic(t: Translator, node: LooseNode): Expr {
  const file = t.fileOf(node);
  switch (node.value) {
    case '__LINE__':
      return expr(String(file.lines.positionAt(node.loc?.start.offset ?? 0).line), INT);
    case '__FILE__':
      return expr(tsStringLiteral(utf8Bytes(file.path)), STRING);
    case '__DIR__':
      return expr(tsStringLiteral(utf8Bytes(file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '.')), STRING);
    case '__FUNCTION__':
      return expr(tsStringLiteral(utf8Bytes(contextMethod(t) ? t.scope.php : functionName(t))), STRING);
    case '__CLASS__':
      return expr(tsStringLiteral(utf8Bytes(contextMethod(t)?.owner?.qualified ?? '')), STRING);
    case '__METHOD__': {
      const method = contextMethod(t);
      const owner = method?.owner;
      return expr(tsStringLiteral(utf8Bytes(owner && method ? `${owner.qualified}::${method.php}` : functionName(t))), STRING);
    }
    case '__NAMESPACE__':
      return expr(tsStringLiteral(utf8Bytes(String(node.phpNamespace ?? ''))), STRING);
    default:
      return expr("''", STRING);
  }
}

/** The PHP name of the function being written, with its namespace ('' in the main script, {closure} in a closure). */
function functionName(t: Translator): string {
  const namespace = t.scope.node?.phpNamespace;
  return namespace && t.scope.php ? `${String(namespace)}\\${t.scope.php}` : t.scope.php;
}

function arrayLiteral(t: Translator, node: LooseNode): Expr {
  const items: LooseNode[] = (node.items ?? []).filter(isLooseNode);
  const entries: LooseNode[] = items.map((item) => (item.kind === 'entry' ? item : { kind: 'entry', key: null, value: item, loc: item.loc, byRef: false, unpack: false }));
  const bad = entries.find((entry) => entry.byRef || entry.unpack);
  if (bad) return t.unportedExpr(node, bad.byRef ? 'arrays of references are not ported' : 'array unpacking (...) is not ported');
  const values = entries.map((entry) => value(t, entry.value));
  const element = union(NEVER, ...values.map((item) => item.type));
  const type = arrayOf(element);
  // TypeScript infers the element type from the first value; mixed values need it spelled out.
  const distinct = new Set(values.map((item) => tsType(item.type)));
  let typeArgument = '';
  if (distinct.size > 1) {
    for (const name of tsTypeNames(element)) t.use(name);
    typeArgument = `<${tsType(element)}>`;
  }
  const phpArray = t.use('PhpArray');
  if (entries.every((entry) => !entry.key)) {
    return expr(`${phpArray}.of${typeArgument}(${values.map((item) => wrap(item, PREC.assignment)).join(', ')})`, type);
  }
  const pairs = entries.map((entry, i) => `[${entry.key ? wrap(value(t, entry.key), PREC.assignment) : 'undefined'}, ${wrap(values[i]!, PREC.assignment)}]`);
  return expr(`${phpArray}.fromEntries${typeArgument}([${pairs.join(', ')}])`, type);
}

const SUPERGLOBALS = new Set(['GLOBALS', '_SERVER', '_ENV', '_GET', '_POST', '_COOKIE', '_FILES', '_REQUEST', '_SESSION']);

export function variable(t: Translator, node: LooseNode): Expr {
  if (typeof node.name !== 'string') return t.unportedExpr(node, 'variable variables are not ported');
  if (SUPERGLOBALS.has(node.name)) return t.unportedExpr(node, `$${node.name} is not ported`);
  const info = t.variableInfo(node);
  if (node.name === 'this') return info ? expr('this', info.type) : t.unportedExpr(node, '$this outside an instance method is not ported');
  if (!info) return t.unportedExpr(node, 'unknown variable');
  // $argv and $argc of the main script come from the runtime unless the program assigns them.
  if ((info.php === 'argv' || info.php === 'argc') && info.writes === 0 && t.analysis.main.vars.get(info.php) === info) {
    return expr(t.use(info.php), info.php === 'argv' ? arrayOf(STRING) : INT);
  }
  const type = info.php === 'argv' && info.writes === 0 ? arrayOf(STRING) : info.type;
  // A copy of the only reference to a socket: from here on the socket is not closed when the variable is overwritten.
  if (isSocketCopy(t.analysis, node)) return expr(`${t.use('shared')}(${info.ts})`, type);
  return expr(info.ts, type);
}

/** `$a[$k]` read: PhpArray.get, a string byte, or the helper when the type is unknown. */
function offsetRead(t: Translator, node: LooseNode): Expr {
  if (!node.offset) return t.unportedExpr(node, '`[]` cannot be read');
  if (isGlobalsEntry(node)) {
    const info = t.variableInfo(node)!;
    return expr(info.ts, info.type);
  }
  const container = value(t, node.what);
  const offset = value(t, node.offset);
  if (isArray(container.type)) return expr(`${wrap(container, PREC.primary)}.get(${offset.code})`, elementOf(container.type));
  if (isString(container.type)) return expr(`${t.use('substr')}(${container.code}, ${offset.code}, 1)`, STRING);
  const read = `${t.use('offsetGet')}(${container.code}, ${offset.code})`;
  if (!container.type.kinds.has('array')) return expr(read, MIXED);
  // An array, a string or nothing (false, null): the element, a byte, or null; TypeScript sees PhpValue.
  const type = union(elementOf(container.type), STRING, NULL);
  tsTypeNames(type).forEach((name) => t.use(name));
  return expr(`${read} as ${tsType(type)}`, type, PREC.relational);
}

/** Arguments as written, or undefined when a call spreads or names them (not ported). */
function positionalArguments(t: Translator, node: LooseNode): LooseNode[] | undefined {
  const args: LooseNode[] = (node.arguments ?? []).filter(isLooseNode);
  const special = args.find((arg) => arg.kind === 'variadic' || arg.kind === 'namedargument');
  if (special) {
    t.report(node, special.kind === 'variadic' ? 'argument unpacking (...) is not ported' : 'named arguments are not ported here');
    return undefined;
  }
  return args;
}

/** Why a literal PCRE pattern has no JavaScript RegExp of the same meaning (PHP's own pattern errors warn as in PHP). */
function literalPatternProblem(pattern: LooseNode | undefined): string | undefined {
  if (pattern?.kind !== 'string') return undefined;
  const translated = pcrePattern(stringNodeBytes(pattern));
  return translated instanceof PatternProblem && !translated.warning ? translated.message : undefined;
}

/** What to write instead of PHP's process control, which Node has no equivalent of. */
const PROCESS_ADVICE: Record<string, string> = {
  pcntl_fork: ': Node cannot fork; serve clients concurrently on the event loop, or use node:cluster (worker processes sharing a server) or child_process.fork()',
  pcntl_signal: ": use process.on('SIGINT', handler) (or the signal's name) in Node",
  pcntl_signal_dispatch: ': Node dispatches signal handlers on its event loop by itself',
  pcntl_async_signals: ': Node dispatches signal handlers on its event loop by itself',
  pcntl_waitpid: ": use the child's 'exit' event (child_process) or cluster's 'exit' event",
  pcntl_wait: ": use the child's 'exit' event (child_process) or cluster's 'exit' event",
  posix_kill: ': use process.kill(pid, signal)',
  exec: ': use child_process.execFileSync()',
  shell_exec: ': use child_process.execSync()',
};

/** A call. `options` say when it is a whole statement or assigned, for by-reference outputs. */
export function callExpression(t: Translator, node: LooseNode, options: SocketCallOptions = {}): Expr {
  const viaClass = ['propertylookup', 'nullsafepropertylookup', 'staticlookup'].includes(node.what?.kind) && !node.what.parenthesizedExpression;
  if (viaClass) {
    if (!positionalArguments(t, node)) return t.unportedExpr(node, 'this call is not ported');
    const call = programMethodCall(t, node, (callee, code, args) => calleeCall(t, node, callee, code, args, options));
    return call ?? methodCall(t, node);
  }
  const name = calledFunctionName(node);
  if (!name) {
    if (node.what?.kind === 'variable' || node.what?.parenthesizedExpression) {
      const callee = value(t, node.what);
      const args = positionalArguments(t, node);
      // A closure in a property that may still be null (its default): PHP would throw there.
      const callable = isOnly(without(callee.type, 'null'), 'callable') ? `${wrap(callee, PREC.postfix)}${callee.type.kinds.has('null') ? '!' : ''}` : undefined;
      // A closure of the program that waits may be the one called: the call awaits it (awaiting a plain value changes nothing).
      const awaits = t.scope.isAsync && [...t.analysis.closures.values()].some((closure) => closure.isAsync);
      if (args && callable) return expr(`${awaits ? 'await ' : ''}${callable}(${args.map((arg) => value(t, arg).code).join(', ')})`, MIXED, awaits ? PREC.unary : undefined);
    }
    return t.unportedExpr(node, 'dynamic calls are not ported');
  }
  const socket = socketFunction(name);
  if (socket) return socketCall(t, node, socket, options);
  const user = t.analysis.functions.get(name);
  if (user) return userCall(t, node, user, options);
  if (name === 'define') return t.unportedExpr(node, 'define() with a computed name is not ported');
  if (name === 'defined' && node.arguments?.[0]?.kind === 'string') {
    const constantName = String(node.arguments[0].value);
    return expr(t.analysis.constants.has(constantName) || constantType(constantName, t.analysis.env) ? 'true' : 'false', BOOL);
  }
  const spec = builtin(name);
  if (!spec) return t.unportedExpr(node, `${name}() is not ported${PROCESS_ADVICE[name] ?? ''}`);
  const allArgs = positionalArguments(t, node);
  if (!allArgs) return t.unportedExpr(node, 'this call is not ported');
  const address = allArgs[0]?.kind === 'string' ? String(allArgs[0].value) : allArgs[0]?.kind === 'encapsed' && allArgs[0].value?.[0]?.expression?.kind === 'string' ? String(allArgs[0].value[0].expression.value) : '';
  const encrypted = /^(ssl|tls|sslv[23]|tlsv1\.[0-3]):\/\//i.exec(address);
  if (encrypted && ['fsockopen', 'pfsockopen', 'stream_socket_client', 'stream_socket_server'].includes(name)) {
    // Ported as it is: where it runs, the port throws PHP's Error "not ported".
    t.report(node, `${name}() over ${encrypted[1]}:// (TLS) is not ported: Node's node:tls (tls.connect(), tls.createServer()) would carry it`);
  }
  const patternProblem = name.startsWith('preg_') ? literalPatternProblem(allArgs[0]) : undefined;
  if (patternProblem) return t.unportedExpr(node, `${name}(): ${patternProblem}`);
  const isOutput = (index: number) => spec.outputs?.some((output) => output.index === index && !output.inOut) ?? false;
  const args = allArgs.filter((_arg, index) => !isOutput(index));
  const translated = args.map((arg, index) => {
    if (spec.callbacks?.includes(index) && arg.kind === 'string') return namedCallable(t, arg);
    if (spec.callbacks?.includes(index) && t.analysis.closures.get(arg)?.isAsync) return t.unportedExpr(arg, `${name}() with a closure that waits on sockets is not ported (PHP's ${name}() calls it synchronously)`);
    const method = spec.callbacks?.includes(index) && arg.kind === 'array' ? methodCallable(t, arg) : undefined;
    if (method) return method;
    const translatedArg = value(t, arg);
    if (!spec.arrays?.includes(index) || isArray(translatedArg.type)) return translatedArg;
    // PHP throws a TypeError when an array parameter gets anything else.
    return expr(`${t.use('arrayArgument')}(${translatedArg.code}, '${name}', ${index + 1})`, arrayOf(elementOf(translatedArg.type)));
  });
  const emitted = emitBuiltin(name, spec, { args: translated, use: (helper) => t.use(helper) });
  const call = isAsyncRuntimeFunction(spec.helper ?? name) ? awaited(emitted) : emitted;
  if (!spec.outputs) return call;
  const refused = spec.outputs.find((output) => isRefusedByReference(allArgs[output.index]));
  if (refused) {
    const evaluated = allArgs.slice(0, refused.index + 1).map((arg, index) => (isOutput(index) && index !== refused.index ? undefined : arg));
    return byReferenceRefusal(t, { functionName: name, position: refused.index, param: refused.name, type: call.type }, evaluated);
  }
  return withOutputs(t, node, call, spec.outputs.map((output) => allArgs[output.index]), options);
}

/** A callable named by a string: a user function, or a built-in as an arrow function. */
/** `[$object, 'method']` or `['Class', 'method']` naming one of the program's methods: the method, bound to its object or class. */
function methodCallable(t: Translator, node: LooseNode): Expr | undefined {
  const items: LooseNode[] = (node.items ?? []).map((item: LooseNode) => (item?.kind === 'entry' && !item.key ? item.value : item));
  const [receiver, name] = items;
  if (items.length !== 2 || !receiver || name?.kind !== 'string') return undefined;
  const classes = t.analysis.classes;
  if (receiver.kind === 'string') {
    const cls = classes.named(String(receiver.value));
    const method = cls ? classes.method(cls, String(name.value)) : undefined;
    if (!cls || !method?.isStatic) return undefined;
    return expr(`${method.owner!.ts}.${method.ts}.bind(${cls.ts})`, kinds('callable'), PREC.postfix);
  }
  const object = value(t, receiver);
  const methods = classes.methodsFor(object.type, String(name.value)).filter((method) => !method.isStatic);
  if (methods.length !== 1 || !isOnly(object.type, 'object')) return undefined;
  const bound = wrap(object, PREC.postfix);
  return expr(`${bound}.${methods[0]!.ts}.bind(${bound})`, kinds('callable'), PREC.postfix);
}

function namedCallable(t: Translator, node: LooseNode): Expr {
  const staticMethod = /^([^:]+)::([^:]+)$/.exec(String(node.value));
  if (staticMethod) {
    const classes = t.analysis.classes;
    const cls = classes.named(staticMethod[1]!);
    const method = cls ? classes.method(cls, staticMethod[2]!) : undefined;
    if (cls && method?.isStatic) return expr(`${method.owner!.ts}.${method.ts}.bind(${cls.ts})`, kinds('callable'), PREC.postfix);
  }
  const name = normalizeName(String(node.value));
  const user = t.analysis.functions.get(name);
  if (user) return expr(user.ts, kinds('callable'));
  const spec = builtin(name);
  if (!spec || isAsyncRuntimeFunction(spec.helper ?? name)) return t.unportedExpr(node, `the callable '${name}' is not ported`);
  const call = emitBuiltin(name, spec, { args: [expr('value', MIXED)], use: (helper) => t.use(helper) });
  return expr(`(value: ${t.use('PhpValue')}) => ${wrap(call, PREC.assignment)}`, kinds('callable'), PREC.assignment);
}

/** Converts an argument to a parameter's declared type, as PHP does for scalars when calling. */
function coerced(t: Translator, arg: Expr, declared: PhpType): Expr {
  const fits = [...arg.type.kinds].every((kind) => declared.kinds.has(kind) || (kind === 'int' && declared.kinds.has('float')));
  if (fits && arg.type.kinds.size > 0) return arg;
  if (isOnly(without(declared, 'null'), 'int')) return expr(`${t.use('toInt')}(${arg.code})`, INT);
  if (isOnly(without(declared, 'null'), 'int', 'float')) return expr(`${t.use('toNumber')}(${arg.code})`, NUMBER);
  if (isOnly(without(declared, 'null'), 'string')) return expr(stringCode(t, arg), STRING);
  if (isOnly(without(declared, 'null'), 'true', 'false')) return expr(`${t.use('toBool')}(${arg.code})`, BOOL);
  for (const name of tsTypeNames(declared)) t.use(name);
  return expr(`${wrap(arg, PREC.unary)} as ${tsType(declared)}`, declared, PREC.relational);
}

/** A call of a PHP function of the program; by-reference parameters come back in its result. */
function userCall(t: Translator, node: LooseNode, user: FunctionInfo, options: SocketCallOptions): Expr {
  const args = positionalArguments(t, node);
  if (!args) return t.unportedExpr(node, 'this call is not ported');
  return calleeCall(t, node, user, user.ts, args, options);
}

/** A call of a function or method of the program as `code(args)`: arguments coerced to declared types, awaited when it waits. */
function calleeCall(t: Translator, node: LooseNode, user: FunctionInfo, code: string, args: readonly LooseNode[], options: SocketCallOptions): Expr {
  const params: LooseNode[] = user.node?.arguments ?? [];
  const inputs = args.slice(0, user.params.length).map((arg, index) => {
    const translated = value(t, arg);
    const param = params[index];
    const info = user.vars.get(user.params[index]!);
    return param?.type && info ? coerced(t, translated, info.type) : translated;
  });
  const type = calleeReturnType(user);
  const plain = expr(`${code}(${inputs.map((arg) => wrap(arg, PREC.assignment)).join(', ')})`, type);
  const call = user.isAsync ? awaited(plain) : plain;
  if (user.refParams.length === 0) return call;
  const outputs = user.params.map((name, index) => (user.refParams.includes(name) ? args[index] : null)).filter((arg) => arg !== null);
  return withOutputs(t, node, call, outputs, options);
}

/** `$e->getMessage()` and `$e->getCode()` on exceptions (PHP's, or the program's own). */
function methodCall(t: Translator, node: LooseNode): Expr {
  const method = String(node.what.offset?.name ?? '');
  const type = methodType(method);
  if (node.what.kind === 'staticlookup' && node.what.what?.kind === 'name') {
    // `X::m()` of a class the program does not declare: a class reference, not a constant.
    const className = String(node.what.what.name).replace(/^\\/, '');
    return t.unportedExpr(node, `${className}::${method}() is not a method of the program's classes (${className} is not one of them)`);
  }
  const target = value(t, node.what.what);
  if (type === MIXED || (node.arguments ?? []).length > 0) {
    const known = isOnly(target.type, 'object') && (target.type.classes?.size ?? 0) > 0;
    return t.unportedExpr(node, known ? `${method}() is not a method the program's classes declare (magic methods are not ported)` : 'a method call on a value of a class the port cannot tell is not ported');
  }
  // The program's exception classes extend PhpUserError, which has PHP's Exception methods.
  const isException = isOnly(target.type, 'error') || (isOnly(target.type, 'object') && t.analysis.classes.classesOf(target.type).every((cls) => t.analysis.classes.exceptionBase(cls)));
  const receiver = isException ? wrap(target, PREC.primary) : `(${target.code} as ${t.use('PhpError')})`;
  const name = { getcode: 'getCode', getseverity: 'getSeverity' }[method.toLowerCase()] ?? 'getMessage';
  return expr(`${receiver}.${name}()`, type);
}

function concatOperands(node: LooseNode): LooseNode[] {
  if (node.kind === 'bin' && node.type === '.') return [...concatOperands(node.left), ...concatOperands(node.right)];
  return [node];
}

/** A `.` operand as template parts: literal bytes, or the parts of an interpolated string. */
function concatParts(t: Translator, operand: LooseNode): (string | Expr)[] {
  if (operand.kind === 'string') return [stringNodeBytes(operand)];
  if (operand.kind === 'encapsed' && operand.type !== 'shell') {
    const layout = operand.type === 'heredoc' ? heredocLayout(String(operand.raw)) : undefined;
    return encapsedParts(operand, layout).map((part) => (typeof part === 'string' ? part : value(t, part)));
  }
  return [value(t, operand)];
}

/** Literal strings of a `.` chain stay bytes, so the chain can become one template literal. */
function concatenation(t: Translator, node: LooseNode): Expr {
  const operands = concatOperands(node);
  const parts = operands.flatMap((operand) => concatParts(t, operand));
  if (parts.some((part) => typeof part === 'string')) return template(t, parts);
  const values = parts as Expr[];
  return expr(values.map((part) => (isString(part.type) ? wrap(part, PREC.additive + 1) : stringCode(t, part))).join(' + '), STRING, PREC.additive);
}

function isNonNumericStringLiteral(node: LooseNode): boolean {
  return node.kind === 'string' && !/^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(stringNodeBytes(node));
}

/** PHP's `==`: plain `===` where both sides are the same simple type, or a string meets a word. */
function looseEquality(t: Translator, node: LooseNode, left: Expr, right: Expr, negate: boolean): Expr {
  const strictOk =
    (isNumeric(left.type) && isNumeric(right.type)) ||
    (isString(left.type) && (isNonNumericStringLiteral(node.right) || isNonNumericStringLiteral(node.left)) && isString(right.type)) ||
    (isOnly(left.type, 'true', 'false') && isOnly(right.type, 'true', 'false')) ||
    (isOnly(left.type, 'socket', 'false', 'null', 'error') && isOnly(right.type, 'socket', 'false', 'null', 'error') && !(left.type.kinds.has('null') && right.type.kinds.has('false')) && !(left.type.kinds.has('false') && right.type.kinds.has('null')));
  if (strictOk) return binary(left, negate ? '!==' : '===', right, PREC.equality, BOOL);
  const call = `${t.use('looseEquals')}(${left.code}, ${right.code})`;
  return negate ? expr(`!${call}`, BOOL, PREC.unary) : expr(call, BOOL);
}

function strictEquality(t: Translator, left: Expr, right: Expr, negate: boolean): Expr {
  if (left.type.kinds.has('array') && right.type.kinds.has('array')) {
    const call = `${t.use('strictEquals')}(${left.code}, ${right.code})`;
    return negate ? expr(`!${call}`, BOOL, PREC.unary) : expr(call, BOOL);
  }
  // Types TypeScript sees as disjoint (`$line === false` of a string): PHP's answer is false, TypeScript refuses the comparison.
  if (disjoint(left.type, right.type)) return binary(expr(`(${left.code} as unknown)`, MIXED), negate ? '!==' : '===', right, PREC.equality, BOOL);
  return binary(left, negate ? '!==' : '===', right, PREC.equality, BOOL);
}

/** Two types with no kind in common (ints and floats are both numbers; mixed and objects may be anything). */
function disjoint(left: PhpType, right: PhpType): boolean {
  const family = (kind: string) => (kind === 'float' ? 'int' : kind);
  const kindsOf = (type: PhpType) => new Set([...type.kinds].map(family));
  const [a, b] = [kindsOf(left), kindsOf(right)];
  if ([a, b].some((set) => set.size === 0 || set.has('mixed') || set.has('object'))) return false;
  return ![...a].some((kind) => b.has(kind));
}

/** `<`, `>`, `<=`, `>=`, `<=>`: numbers natively, strings against a word natively, else compare(). */
function comparison(t: Translator, node: LooseNode, operator: string, left: Expr, right: Expr): Expr {
  const nativeNumbers = isNumeric(left.type) && isNumeric(right.type);
  const nativeStrings = isString(left.type) && isString(right.type) && (isNonNumericStringLiteral(node.left) || isNonNumericStringLiteral(node.right));
  if (operator === '<=>') {
    if (nativeNumbers) return expr(`Math.sign(${binary(left, '-', right, PREC.additive, INT).code})`, INT);
    return expr(`${t.use('compare')}(${left.code}, ${right.code})`, INT);
  }
  if (nativeNumbers || nativeStrings) return binary(left, operator, right, PREC.relational, BOOL);
  return expr(`${t.use('compare')}(${left.code}, ${right.code}) ${operator} 0`, BOOL, PREC.relational);
}

function arithmetic(t: Translator, operator: string, left: Expr, right: Expr, node?: LooseNode): Expr {
  const type = binaryType(operator, left.type, right.type);
  if (operator === '+' && left.type.kinds.has('array') && right.type.kinds.has('array')) {
    return expr(`${t.use('add')}(${left.code}, ${right.code})`, type.kinds.has('array') ? type : MIXED);
  }
  // PHP throws DivisionByZeroError; JavaScript gives INF/NAN, so only a literal divisor is native.
  const literalDivisor = node !== undefined && node.right.kind === 'number' && Number(String(node.right.value).replace(/_/g, '')) !== 0;
  if (operator === '/' && !(isNumeric(left.type) && isNumeric(right.type) && literalDivisor)) return expr(`${t.use('divide')}(${left.code}, ${right.code})`, type);
  if (operator === '%' && !(isInt(left.type) && isInt(right.type) && literalDivisor)) return expr(`${t.use('modulo')}(${left.code}, ${right.code})`, INT);
  const prec = operator === '+' || operator === '-' ? PREC.additive : operator === '**' ? PREC.exponent : PREC.multiplicative;
  const leftMin = operator === '**' ? PREC.postfix : prec;
  const rightMin = operator === '**' ? prec : prec + 1;
  return expr(`${numberCode(t, left, operator, leftMin)} ${operator} ${numberCode(t, right, operator, rightMin)}`, type, prec);
}

/** 64-bit bitwise operators, or bytewise ones on two strings; `$x & 0xFF` with a 31-bit mask is exact in JavaScript. */
function bitwise(t: Translator, node: LooseNode, operator: string, left: Expr, right: Expr): Expr {
  const type = binaryType(operator, left.type, right.type);
  if (isString(type)) return expr(`${t.use('bytesBitwise')}('${operator}', ${left.code}, ${right.code})`, STRING);
  if (has(type, 'string')) return expr(`${t.use('anyBitwise')}('${operator}', ${left.code}, ${right.code})`, type);
  const smallMask = (side: LooseNode) => side.kind === 'number' && isInt(numberLiteral(String(side.value)).type) && Number(side.value.replace(/_/g, '')) <= 0x7fffffff;
  if (operator === '&' && isInt(left.type) && isInt(right.type) && (smallMask(node.left) || smallMask(node.right))) {
    return binary(left, '&', right, PREC.bitAnd, INT);
  }
  return expr(`${t.use('bitwise')}('${operator}', ${left.code}, ${right.code})`, INT);
}

function binaryExpression(t: Translator, node: LooseNode): Expr {
  const operator = String(node.type);
  switch (operator) {
    case '.':
      return concatenation(t, node);
    case '&&':
    case 'and':
    case '||':
    case 'or':
    case 'xor':
      return asBooleanValue(logical(t, node));
    case '??':
      return coalesce(t, node);
    case 'instanceof':
      return instanceOf(t, node);
  }
  const left = value(t, node.left);
  const right = value(t, node.right);
  switch (operator) {
    case '==':
      return looseEquality(t, node, left, right, false);
    case '!=':
    case '<>':
      return looseEquality(t, node, left, right, true);
    case '===':
      return strictEquality(t, left, right, false);
    case '!==':
      return strictEquality(t, left, right, true);
    case '<':
    case '>':
    case '<=':
    case '>=':
    case '<=>':
      return comparison(t, node, operator, left, right);
    case '&':
    case '|':
    case '^':
    case '<<':
    case '>>':
      return bitwise(t, node, operator, left, right);
    default:
      return arithmetic(t, operator, left, right, node);
  }
}

/** A JS boolean for a condition value that may be a socket or an int (for `$ok = $a && $b`). */
function asBooleanValue(condition: Expr): Expr {
  return isOnly(condition.type, 'true', 'false') ? condition : expr(`Boolean(${condition.code})`, BOOL);
}

/** `&&`, `||`, `xor` for their truthiness; the result's type says whether it is a boolean. */
function logical(t: Translator, node: LooseNode): Expr {
  const operator = String(node.type);
  const left = condition(t, node.left);
  const right = condition(t, node.right);
  if (operator === 'xor') return expr(`${toBoolean(left)} !== ${toBoolean(right)}`, BOOL, PREC.equality);
  const js = operator === '&&' || operator === 'and' ? '&&' : '||';
  const prec = js === '&&' ? PREC.and : PREC.or;
  const bothBoolean = isOnly(left.type, 'true', 'false') && isOnly(right.type, 'true', 'false');
  return expr(`${wrap(left, prec)} ${js} ${wrap(right, prec + 1)}`, bothBoolean ? BOOL : union(left.type, right.type), prec);
}

function toBoolean(condition: Expr): string {
  return isOnly(condition.type, 'true', 'false') ? wrap(condition, PREC.equality + 1) : `Boolean(${condition.code})`;
}

/** Code whose JavaScript truthiness is the PHP truthiness of the expression. */
export function condition(t: Translator, node: LooseNode): Expr {
  if (node.kind === 'bin' && ['&&', '||', 'and', 'or'].includes(String(node.type))) return logical(t, node);
  if (node.kind === 'unary' && node.type === '!') return negation(t, node.what);
  const result = value(t, node);
  if (hasJsTruthiness(result.type) || result.type.kinds.size === 0) return result;
  return expr(`${t.use('toBool')}(${result.code})`, BOOL);
}

function negation(t: Translator, node: LooseNode): Expr {
  const inner = condition(t, node);
  return expr(`!${wrap(inner, PREC.unary)}`, BOOL, PREC.unary);
}

function unary(t: Translator, node: LooseNode): Expr {
  if (node.type === '!') return negation(t, node.what);
  const operand = value(t, node.what);
  if (node.type === '~') return expr(`${t.use('bitNot')}(${operand.code})`, bitNotType(operand.type));
  if (node.type === '+') return isNumeric(operand.type) ? operand : expr(`${t.use('toNumber')}(${operand.code})`, NUMBER);
  const type = isNumeric(operand.type) ? operand.type : NUMBER;
  return expr(`-${isNumeric(operand.type) ? wrap(operand, PREC.unary) : `${t.use('toNumber')}(${operand.code}, '*')`}`, type, PREC.unary);
}

/** `$a ?? $b`: no warning for a missing key or variable, as PHP's isset semantics. */
function coalesce(t: Translator, node: LooseNode): Expr {
  const left = quietValue(t, node.left);
  const right = value(t, node.right);
  if (isOnly(left.type, 'null')) return right;
  return expr(`${wrap(left, PREC.or + 2)} ?? ${wrap(right, PREC.or + 2)}`, union(without(left.type, 'null'), right.type), PREC.or);
}

/** A read that gives null (or undefined) instead of warning, for `??` and isset(). */
function quietValue(t: Translator, node: LooseNode): Expr {
  if (node.kind === 'offsetlookup' && node.offset && !isGlobalsEntry(node)) {
    const container = quietValue(t, node.what);
    const offset = value(t, node.offset);
    const type = union(elementOf(container.type), NULL);
    if (isArray(container.type)) return expr(`${wrap(container, PREC.primary)}.lookup(${offset.code})`, type);
    if (isArray(without(container.type, 'null'))) return expr(`${wrap(container, PREC.primary)}?.lookup(${offset.code})`, type);
  }
  return value(t, node);
}

function issetExpression(t: Translator, node: LooseNode): Expr {
  const checks = (node.variables ?? []).map((target: LooseNode) => {
    if (target.kind === 'offsetlookup' && target.offset && !isGlobalsEntry(target)) {
      const container = quietValue(t, target.what);
      if (isArray(container.type)) return `${wrap(container, PREC.primary)}.isset(${value(t, target.offset).code})`;
    }
    return `${wrap(quietValue(t, target), PREC.equality + 1)} != null`;
  });
  return expr(checks.join(' && '), BOOL, checks.length > 1 ? PREC.and : PREC.equality);
}

function emptyExpression(t: Translator, node: LooseNode): Expr {
  const inner = node.expression.kind === 'offsetlookup' ? quietValue(t, node.expression) : value(t, node.expression);
  if (hasJsTruthiness(inner.type)) return expr(`!${wrap(inner, PREC.unary)}`, BOOL, PREC.unary);
  return expr(`!${t.use('toBool')}(${inner.code})`, BOOL, PREC.unary);
}

function cast(t: Translator, node: LooseNode): Expr {
  const inner = value(t, node.expr);
  switch (String(node.type)) {
    case 'int':
      if (isInt(inner.type)) return inner;
      if (isOnly(inner.type, 'float')) return expr(`Math.trunc(${inner.code})`, INT);
      return expr(`${t.use('toInt')}(${inner.code})`, INT);
    case 'float':
      return isNumeric(inner.type) ? { ...inner, type: FLOAT } : expr(`${t.use('toFloat')}(${inner.code})`, FLOAT);
    case 'string':
    case 'binary':
      return expr(stringCode(t, inner), STRING, isString(inner.type) ? inner.prec : PREC.primary);
    case 'bool':
      return expr(`${t.use('toBool')}(${inner.code})`, BOOL);
    default:
      return t.unportedExpr(node, `(${String(node.type)}) casts are not ported`);
  }
}

function ternary(t: Translator, node: LooseNode): Expr {
  const whenFalse = value(t, node.falseExpr);
  if (!node.trueExpr) {
    const tested = value(t, node.test);
    if (hasJsTruthiness(tested.type)) return expr(`${wrap(tested, PREC.or + 1)} || ${wrap(whenFalse, PREC.or + 1)}`, union(without(tested.type, 'false', 'null'), whenFalse.type), PREC.or);
    if (!['variable', 'string', 'number', 'boolean', 'nullkeyword'].includes(node.test.kind)) return t.unportedExpr(node, '`?:` on a complex expression is not ported');
    return expr(`${t.use('toBool')}(${tested.code}) ? ${tested.code} : ${wrap(whenFalse, PREC.conditional)}`, union(tested.type, whenFalse.type), PREC.conditional);
  }
  const test = condition(t, node.test);
  const whenTrue = value(t, node.trueExpr);
  return expr(`${wrap(test, PREC.or)} ? ${wrap(whenTrue, PREC.assignment)} : ${wrap(whenFalse, PREC.assignment)}`, union(whenTrue.type, whenFalse.type), PREC.conditional);
}

function silenced(t: Translator, node: LooseNode): Expr {
  const inner = value(t, node.expr);
  const helper = t.use('silenced');
  // `@socket_connect(...)`: the promise itself is silenced, then awaited.
  if (inner.prec === PREC.unary && inner.code.startsWith('await ') && !inner.code.slice(6).includes('await ')) {
    return awaited(expr(`${helper}(() => ${inner.code.slice(6)})`, inner.type));
  }
  if (inner.code.includes('await ')) return awaited(expr(`${helper}(async () => ${wrap(inner, PREC.assignment)})`, inner.type));
  return expr(`${helper}(() => ${wrap(inner, PREC.assignment)})`, inner.type);
}

function exitCall(t: Translator, node: LooseNode): Expr {
  const status = node.expression ? value(t, node.expression) : undefined;
  return expr(`${t.use('exit')}(${status ? status.code : ''})`, NEVER);
}

function newExpression(t: Translator, node: LooseNode): Expr {
  const args = positionalArguments(t, node);
  if (!args) return t.unportedExpr(node, 'this constructor call is not ported');
  const instance = newInstance(t, node, (callee, code, calleeArgs) => calleeCall(t, node, callee, code, calleeArgs, {}));
  if (instance) return instance;
  const phpClass = exceptionClass(node.what);
  if (node.what?.kind === 'class') return t.unportedExpr(node, 'anonymous classes are not ported');
  if (!phpClass) return t.unportedExpr(node, `the class ${t.php(node.what)} is neither the program's nor one of PHP's exception classes`);
  const [message, code, severity] = args.map((arg) => value(t, arg));
  const parts = [tsStringLiteral(phpClass), ...(message ? [stringCode(t, message)] : []), ...(code ? [code.code] : [])];
  // ErrorException($message, $code, $severity, ...): the severity getSeverity() gives (E_ERROR by default).
  if (phpClass === 'ErrorException' && severity) parts.push(isInt(severity.type) ? severity.code : `${t.use('toInt')}(${severity.code})`);
  return expr(`new ${t.use('PhpError')}(${parts.join(', ')})`, kinds('error'));
}

function instanceOf(t: Translator, node: LooseNode): Expr {
  const target = value(t, node.left ?? node.what);
  const classNode = node.right ?? node.class;
  const className = classNode?.kind === 'name' ? normalizeName(String(classNode.name)) : '';
  if (className === 'socket') return expr(`${wrap(target, PREC.relational + 1)} instanceof ${t.use('PhpSocket')}`, BOOL, PREC.relational);
  const programClass = classNode ? t.analysis.classes.referenced(classNode) : undefined;
  if (programClass?.isInterface) {
    // The classes that implement it (a subclass of one is an instance of it too).
    const classes = t.analysis.classes.implementers(programClass).filter((cls, _, all) => !all.includes(cls.parent!));
    if (classes.length === 0) return (node.left ?? node.what)?.kind === 'variable' ? expr('false', BOOL) : expr(`(${target.code}, false)`, BOOL, PREC.primary);
    if (classes.length === 1) return expr(`${wrap(target, PREC.relational + 1)} instanceof ${classes[0]!.ts}`, BOOL, PREC.relational);
    const subject = t.temporary('tested');
    return expr(`((${subject}: unknown) => ${classes.map((cls) => `${subject} instanceof ${cls.ts}`).join(' || ')})(${target.code})`, BOOL, PREC.postfix);
  }
  if (programClass) return expr(`${wrap(target, PREC.relational + 1)} instanceof ${programClass.ts}`, BOOL, PREC.relational);
  const phpClass = classNode ? exceptionClass(classNode) : undefined;
  if (!phpClass) return t.unportedExpr(node, 'instanceof with classes is not ported');
  return expr(`${t.use('isPhpInstance')}(${target.code}, ${tsStringLiteral(phpClass)})`, BOOL);
}

/** match: a chain of `===` tests on a subject that is a plain variable or literal. */
function matchExpression(t: Translator, node: LooseNode): Expr {
  if (!['variable', 'number', 'string'].includes(node.cond.kind)) return t.unportedExpr(node, 'match on a complex expression is not ported');
  const subject = value(t, node.cond);
  let fallback = expr(`${t.use('unhandledMatch')}(${subject.code})`, NEVER);
  const arms: LooseNode[] = [...(node.arms ?? [])];
  const defaultArm = arms.find((arm) => !arm.conds);
  if (defaultArm) fallback = value(t, defaultArm.body);
  let result = fallback;
  for (const arm of arms.filter((arm) => arm.conds).reverse()) {
    const tests = arm.conds.map((test: LooseNode) => strictEquality(t, subject, value(t, test), false).code).join(' || ');
    const body = value(t, arm.body);
    result = expr(`${arm.conds.length > 1 ? `(${tests})` : tests} ? ${wrap(body, PREC.assignment)} : ${wrap(result, PREC.conditional)}`, union(body.type, result.type), PREC.conditional);
  }
  return result;
}

function constant(t: Translator, node: LooseNode): Expr {
  const name = String(node.name).replace(/^\\/, '');
  const lower = name.toLowerCase();
  if (lower === 'true' || lower === 'false') return expr(lower, kinds(lower as 'true' | 'false'));
  if (lower === 'null') return expr('null', NULL);
  const user = t.analysis.constants.get(name);
  if (user) return expr(user.php, user.type);
  const type = constantType(name, t.analysis.env);
  if (!type) return t.unportedExpr(node, `the constant ${name} is not ported`);
  return expr(t.use(name), type);
}

