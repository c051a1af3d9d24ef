// ext/sockets calls → the runtime's functions of the same name. By-reference outputs are
// destructured from the result: `[, buf, from, port] = await socket_recvfrom(sock, 512, 0)`;
// inside a larger expression the call's own result is `(…)[0]`.
import { argumentFor, type SocketFunction } from '../core/socket-api';
import type { PhpNode } from '../core/ast';
import { awaited, expr, PREC, wrap, type Expr } from './code';
import { value } from './expressions';
import { fromDeclared } from './php-types';
import { isAsyncRuntimeFunction } from './runtime/pieces';
import { byRefParams, hasUnmappableArguments, runtimeInputs, runtimeSocketFunction, unsupportedSocketFunction } from './socket-calls';
import type { Translator } from './translator';

export interface SocketCallOptions {
  /** The call is a whole statement: its destructuring can stand alone. */
  statement?: boolean;
  /** The variable (TypeScript name) that receives the call's result: `$n = socket_recv(...)`. */
  resultTarget?: string;
}

export function socketCall(t: Translator, node: PhpNode, fn: SocketFunction, options: SocketCallOptions = {}): Expr {
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

  const targets: string[] = [];
  for (const name of outputs) {
    const arg = argumentFor(node, fn, name);
    if (!arg) {
      targets.push('');
      continue;
    }
    if (arg.kind !== 'variable' || typeof arg.name !== 'string') return t.unportedExpr(node, `${fn.name}()'s by-reference $${name} must be a plain variable to be ported`);
    targets.push(value(t, arg).code);
  }
  while (targets.length > 0 && targets[targets.length - 1] === '') targets.pop();
  if (targets.length === 0 && !options.resultTarget) return expr(`${wrap(call, PREC.primary)}[0]`, returns);
  const pattern = `[${[options.resultTarget ?? '', ...targets].join(', ')}]`;
  const destructuring = `${pattern} = ${call.code}`;
  if (options.statement) return expr(destructuring, returns, PREC.assignment);
  return expr(`(${destructuring})[0]`, returns);
}
