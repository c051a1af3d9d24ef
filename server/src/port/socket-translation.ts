// ext/sockets calls → the runtime's functions of the same name. By-reference outputs are
// destructured from the result: `[, buf, from, port] = await socket_recvfrom(sock, 512, 0)`;
// inside a larger expression the call's own result is `(…)[0]`.
import { argumentFor, type SocketFunction } from '../core/socket-api';
import type { LooseNode } from './loose-node';
import { awaited, expr, PREC, wrap, type Expr } from './code';
import { value } from './expressions';
import { isPropertyPlace } from './analysis';
import { fromDeclared, type PhpType } from './php-types';
import { isAsyncRuntimeFunction } from './runtime/module';
import { byRefParams, hasUnmappableArguments, runtimeInputs, runtimeSocketFunction, unsupportedSocketFunction } from './socket-calls';
import type { Translator } from './translator';

export interface SocketCallOptions {
  /** The call is a whole statement: its destructuring can stand alone. */
  statement?: boolean;
  /** The variable (TypeScript name) that receives the call's result: `$n = socket_recv(...)`. */
  resultTarget?: string;
}

export function socketCall(t: Translator, node: LooseNode, fn: SocketFunction, options: SocketCallOptions = {}): Expr {
  const unsupported = unsupportedSocketFunction(fn);
  if (unsupported) return t.unportedExpr(node, unsupported);
  if (hasUnmappableArguments(node, fn)) return t.unportedExpr(node, 'argument unpacking in socket calls is not ported');
  const inputs: string[] = [];
  const params = runtimeInputs(fn);
  for (const [index, name] of params.entries()) {
    const arg = argumentFor(node, fn, name);
    const param = fn.params.find((p) => p.name === name)!;
    if (!arg) {
      if (!param.optional) return t.unportedExpr(node, `${fn.name}() is missing its $${name} argument`);
      if (params.slice(index + 1).some((later) => argumentFor(node, fn, later))) inputs.push('undefined');
      continue;
    }
    inputs.push(wrap(value(t, arg), PREC.assignment));
  }
  const runtimeName = t.use(runtimeSocketFunction(fn));
  const returns = fromDeclared(fn.returns);
  const plain = expr(`${runtimeName}(${inputs.join(', ')})`, returns);
  const call = isAsyncRuntimeFunction(runtimeName) ? awaited(plain) : plain;
  const outputs = byRefParams(fn);
  if (outputs.length === 0) return options.resultTarget ? expr(`${options.resultTarget} = ${call.code}`, returns, PREC.assignment) : call;

  const targets = outputs.map((name) => argumentFor(node, fn, name));
  const refused = outputs.findIndex((_name, index) => isRefusedByReference(targets[index]));
  if (refused >= 0) {
    const position = fn.params.findIndex((param) => param.name === outputs[refused]);
    const before = fn.params.slice(0, position).map((param) => (param.byRef ? undefined : argumentFor(node, fn, param.name)));
    return byReferenceRefusal(t, { functionName: fn.name, position, param: outputs[refused]!, type: returns }, [...before, targets[refused]]);
  }
  return withOutputs(t, node, call, targets, options);
}

/** What PHP takes by reference from any expression, as a temporary (with a notice for a call's result). */
const REFERENCE_TAKERS = new Set(['variable', 'propertylookup', 'nullsafepropertylookup', 'staticlookup', 'offsetlookup', 'call', 'new']);

/** A by-reference argument of a built-in function that PHP refuses when the call runs (`$write = null`, a literal). */
export function isRefusedByReference(arg: LooseNode | undefined): boolean {
  return arg !== undefined && !REFERENCE_TAKERS.has(arg.kind);
}

/**
 * PHP's Error for a refused by-reference argument, thrown once the arguments up to it are evaluated
 * (they are the helper's arguments, so JavaScript evaluates them first, in order). `evaluated` holds
 * the arguments before it and the argument itself; PHP does not read an earlier by-reference one (undefined).
 */
export function byReferenceRefusal(t: Translator, refused: RefusedArgument, evaluated: readonly (LooseNode | undefined)[]): Expr {
  const values = evaluated.filter((arg) => arg !== undefined).map((arg) => wrap(value(t, arg), PREC.assignment));
  const helperArgs = [`'${refused.functionName}'`, String(refused.position + 1), `'${refused.param}'`, ...values];
  return expr(`${t.use('cannotPassByReference')}(${helperArgs.join(', ')})`, refused.type);
}

export interface RefusedArgument {
  functionName: string;
  /** 0-based position of the parameter. */
  position: number;
  param: string;
  /** The call's type, which the expression keeps (it never returns). */
  type: PhpType;
}

/**
 * A call whose by-reference arguments come back in its result, `[result, ...outputs]`:
 * destructured into the variables PHP passed (a hole where none was passed).
 */
export function withOutputs(t: Translator, node: LooseNode, call: Expr, outputs: readonly (LooseNode | undefined)[], options: SocketCallOptions): Expr {
  const targets: string[] = [];
  for (const output of outputs) {
    if (!output) {
      targets.push('');
      continue;
    }
    const isPlace = (output.kind === 'variable' && typeof output.name === 'string') || isPropertyPlace(output);
    if (!isPlace) return t.unportedExpr(node, 'a by-reference argument must be a variable or a property to be ported');
    targets.push(value(t, output).code);
  }
  while (targets.length > 0 && targets[targets.length - 1] === '') targets.pop();
  if (targets.length === 0 && !options.resultTarget) return options.statement ? call : expr(`${wrap(call, PREC.primary)}[0]`, call.type);
  const destructuring = `[${[options.resultTarget ?? '', ...targets].join(', ')}] = ${call.code}`;
  if (options.statement) return expr(destructuring, call.type, PREC.assignment);
  return expr(`(${destructuring})[0]`, call.type);
}
