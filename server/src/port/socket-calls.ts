// ext/sockets calls. Parameters, optional ones and by-reference ones come from the API table
// generated from PHP's reflection (core/socket-api.ts). A by-reference output becomes part of
// the runtime call's result: `socket_recvfrom($s, $buf, 512, 0, $from, $port)` is
// `[bytes, buf, from, port] = await socket_recvfrom(s, 512, 0)`.
import { isLooseNode, type LooseNode } from './loose-node';
import { argumentFor, type SocketFunction } from '../core/socket-api';
import { INT, NULL, STRING, union, type PhpType } from './php-types';
import { isRuntimeName } from './runtime/module';
import { typeOf, type TypeEnvironment } from './typing';

/** By-reference parameters whose value PHP also reads (socket_select's arrays). */
const IN_OUT_PARAMS: Record<string, readonly string[]> = { socket_select: ['read', 'write', 'except'] };

/** What PHP stores in each by-reference output. */
const OUTPUT_TYPES: Record<string, Record<string, PhpType>> = {
  socket_recv: { data: union(STRING, NULL) },
  socket_recvfrom: { data: STRING, address: STRING, port: INT },
  socket_getpeername: { address: STRING, port: INT },
  socket_getsockname: { address: STRING, port: INT },
};

/** PHP aliases that name the same runtime function. */
const ALIASES: Record<string, string> = { socket_getopt: 'socket_get_option', socket_setopt: 'socket_set_option' };

export function runtimeSocketFunction(fn: SocketFunction): string {
  return ALIASES[fn.name] ?? fn.name;
}

/** Why a socket function cannot be ported, or undefined when it can. */
export function unsupportedSocketFunction(fn: SocketFunction): string | undefined {
  if (!isRuntimeName(runtimeSocketFunction(fn))) return `${fn.name}() has no Node.js equivalent in the port`;
  const outputs = fn.params.filter((param) => param.byRef && !IN_OUT_PARAMS[fn.name]?.includes(param.name));
  if (outputs.some((param) => !OUTPUT_TYPES[fn.name]?.[param.name])) return `${fn.name}()'s by-reference output is not ported`;
  return undefined;
}

export interface SocketOutput {
  param: string;
  /** The PHP expression passed by reference, if the call passes one. */
  target: LooseNode;
  type(env: TypeEnvironment): PhpType;
}

/** What socket_select() leaves in an array argument: what it held, or null for a variable never assigned (PHP passes null). */
export function inOutType(before: PhpType): PhpType {
  return before.kinds.size === 0 ? NULL : before;
}

/** The by-reference arguments of a socket call, in parameter order. */
export function socketCallOutputs(call: LooseNode, fn: SocketFunction): SocketOutput[] {
  const outputs: SocketOutput[] = [];
  for (const param of fn.params) {
    if (!param.byRef) continue;
    const target = argumentFor(call, fn, param.name);
    if (!target) continue;
    const declared = OUTPUT_TYPES[fn.name]?.[param.name];
    outputs.push({ param: param.name, target, type: (env) => declared ?? inOutType(typeOf(target, env)) });
  }
  return outputs;
}

/** Parameters the runtime function takes, in order: the by-value ones and the in-out ones. */
export function runtimeInputs(fn: SocketFunction): string[] {
  return fn.params.filter((param) => !param.byRef || IN_OUT_PARAMS[fn.name]?.includes(param.name)).map((param) => param.name);
}

/** Every by-reference parameter, in order: the runtime returns [result, ...these]. */
export function byRefParams(fn: SocketFunction): string[] {
  return fn.params.filter((param) => param.byRef).map((param) => param.name);
}

/** Arguments that a call passes after a spread or with names the table does not know. */
export function hasUnmappableArguments(call: LooseNode, fn: SocketFunction): boolean {
  const args: LooseNode[] = (call.arguments ?? []).filter(isLooseNode);
  if (args.some((arg) => arg.kind === 'variadic')) return true;
  return args.some((arg) => arg.kind === 'namedargument' && !fn.params.some((param) => param.name === arg.name));
}
