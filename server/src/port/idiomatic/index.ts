// The idiomatic port: a PHP socket program of a shape Node has its own idiom for becomes the
// node:net/node:dgram code a Node developer would write (createServer with a connection
// handler, a dgram `message` handler, connect + events.once). `portIdiomatic` gives the module,
// or the reason it cannot carry the program (the caller then uses the faithful port).
import { calledFunctionName } from '../../core/ast';
import { type LooseNode } from '../loose-node';
import { parsePhp } from '../../core/parse';
import { commentLines, stringNodeBytes } from '../literals';
import { CannotCarry, expression, tsName, variableOf, type Code, type Context, type SocketCollection, type SocketKind, type Type } from './expressions';
import { helperSource } from './helpers';
import { clientTurnsUsedAfter, prepareSelectLoops, selectLoop, selectServer, selectStatement } from './select';
import { checkedCreation, isEndless, outputsOf, StatementWriter, tsType, walk } from './statements';

export type IdiomaticResult = { code: string; module: 'node:net' | 'node:dgram'; shape: string; helperLines: number } | { reason: string; line?: number };

const SHAPES = {
  server: 'a TCP server with an accept loop',
  select: 'a socket_select() loop over a listening socket and its clients',
  udpServer: 'a UDP server looping on socket_recvfrom()',
  client: 'a socket client',
  listener: 'a listening socket',
} as const;

/** The reason given when a program creates no socket at all (then there is nothing to say). */
export const NO_SOCKETS = 'no socket_create() the port can follow';

export function portIdiomatic(text: string, fileName: string): IdiomaticResult {
  const { program, errors } = parsePhp(text, fileName);
  if (errors.length > 0) return { reason: 'the file has PHP syntax errors' };
  try {
    return translateProgram(text, fileName, program);
  } catch (error) {
    if (!(error instanceof CannotCarry)) return { reason: `the idiomatic port failed (${(error as Error).message})` };
    const line = error.node?.loc?.start.line;
    return { reason: error.message, line };
  }
}

function socketKinds(program: LooseNode): Map<string, SocketKind> {
  const kinds = new Map<string, SocketKind>();
  const connected = new Set<string>();
  walk(program, (node) => {
    if (node.kind === 'assign' && node.right?.kind === 'call') {
      const name = variableOf(node.left);
      const fn = calledFunctionName(node.right);
      if (!name) return;
      if (fn === 'socket_create') {
        const type = (node.right.arguments?.[1] as LooseNode | undefined)?.name;
        if (type === 'SOCK_DGRAM') kinds.set(name, 'udp');
        else if (type === 'SOCK_STREAM') kinds.set(name, 'tcp-client');
        else throw new CannotCarry(`socket_create() of type ${type ?? 'unknown'}`, node);
        const family = (node.right.arguments?.[0] as LooseNode | undefined)?.name;
        if (family !== 'AF_INET' && family !== 'AF_INET6') throw new CannotCarry(`${family ?? 'a computed'} socket family`, node);
      }
      if (fn === 'socket_accept') kinds.set(name, 'connection');
    }
    if (node.kind === 'call' && (calledFunctionName(node) === 'socket_listen' || calledFunctionName(node) === 'socket_accept')) {
      const name = variableOf(node.arguments?.[0]);
      if (name) connected.add(name);
    }
  });
  for (const name of connected) if (kinds.get(name) === 'tcp-client') kinds.set(name, 'listener');
  return kinds;
}

function assignmentCounts(program: LooseNode): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (name: string | undefined) => name && counts.set(name, (counts.get(name) ?? 0) + 1);
  walk(program, (node) => {
    if (node.kind === 'assign') add(variableOf(node.left));
    if (node.kind === 'post' || node.kind === 'pre') add(variableOf(node.what));
    if (node.kind === 'call' && calledFunctionName(node) === 'socket_recvfrom') [1, 4, 5].forEach((i) => add(variableOf(node.arguments?.[i])));
    if (node.kind === 'call' && calledFunctionName(node) === 'socket_recv') add(variableOf(node.arguments?.[1]));
  });
  return counts;
}

const PARAM_TYPES: Record<string, Type> = { string: 'string', int: 'int', bool: 'bool' };

function returnType(fn: LooseNode): Type {
  const type = fn.type;
  // Without a declared type: void when no return gives a value (PHP's null is then never used).
  if (!type && !returnsValue(fn.body)) return 'void';
  if (!type) throw new CannotCarry(`${fn.name?.name}() has no return type and returns a value`, fn);
  const name = String(type.name ?? '').toLowerCase();
  if (name === 'void') return 'void';
  if (fn.nullable && name === 'string') return 'string|null';
  const known = PARAM_TYPES[name];
  if (!known) throw new CannotCarry(`the return type ${name}`, fn);
  return known;
}

const STREAM_SOCKET_OPENERS = new Set(['stream_socket_server', 'stream_socket_client', 'fsockopen', 'pfsockopen']);

/** A program on stream sockets is ported faithfully, and its header says so. */
function firstStreamSocketCall(program: LooseNode): LooseNode | undefined {
  let first: LooseNode | undefined;
  walk(program, (node) => {
    if (!first && node.kind === 'call' && STREAM_SOCKET_OPENERS.has(calledFunctionName(node) ?? '')) first = node;
  });
  return first;
}

function returnsValue(body: LooseNode | undefined): boolean {
  let found = false;
  if (body) walk(body, (node) => (found ||= node.kind === 'return' && !!node.expr));
  return found;
}

/**
 * The order functions are written in: each after every function that calls it, so the types its
 * calls pass are known when its untyped parameters are typed (main() is written first). Undefined
 * when calls go round in a circle.
 */
function callersFirst(functions: LooseNode[]): LooseNode[] | undefined {
  const nameOf = (fn: LooseNode) => String(fn.name.name).toLowerCase();
  const callers = new Map(functions.map((fn) => [nameOf(fn), new Set<string>()]));
  for (const fn of functions) {
    walk(fn.body as LooseNode, (node) => {
      const callee = node.kind === 'call' ? calledFunctionName(node)?.toLowerCase() : undefined;
      if (callee && callee !== nameOf(fn)) callers.get(callee)?.add(nameOf(fn));
    });
  }
  const order: LooseNode[] = [];
  const placed = new Set<string>();
  while (order.length < functions.length) {
    const next = functions.find((fn) => !placed.has(nameOf(fn)) && [...callers.get(nameOf(fn))!].every((caller) => placed.has(caller)));
    if (!next) return undefined;
    order.push(next);
    placed.add(nameOf(next));
  }
  return order;
}

function translateProgram(text: string, fileName: string, program: LooseNode): IdiomaticResult {
  const statements: LooseNode[] = [];
  for (const child of (program.children ?? []) as LooseNode[]) {
    if (child.kind === 'namespace') throw new CannotCarry('namespaces', child);
    statements.push(child);
  }
  const sockets = socketKinds(program);
  if (sockets.size === 0) {
    const stream = firstStreamSocketCall(program);
    if (stream) throw new CannotCarry(`stream sockets (${calledFunctionName(stream)}()): its forms are written for ext/sockets programs`, stream);
    throw new CannotCarry(NO_SOCKETS);
  }
  const functions = statements.filter((s) => s.kind === 'function');
  const t: Context = {
    types: new Map(),
    sockets,
    timeouts: new Map(),
    helpers: new Set(),
    functions: new Map(),
    argumentTypes: new Map(),
    socketCall: () => undefined,
    program,
  };
  // A function is async when it waits on a socket, or calls one that does.
  const waits = (node: LooseNode) => {
    let found = false;
    walk(node, (inner) => {
      const fn = inner.kind === 'call' ? calledFunctionName(inner) : undefined;
      if (fn && (/^socket_(read|recv|recvfrom|connect|bind|listen|send|sendto)$/.test(fn) || t.functions.get(fn.toLowerCase())?.async)) found = true;
    });
    return found;
  };
  for (const fn of functions) t.functions.set(String(fn.name.name).toLowerCase(), { name: fn.name.name, async: false, returns: returnType(fn) });
  for (let changed = true; changed; ) {
    changed = false;
    for (const fn of functions) {
      const info = t.functions.get(String(fn.name.name).toLowerCase())!;
      if (!info.async && waits(fn.body as LooseNode)) (info.async = true), (changed = true);
    }
  }
  prepareSelectLoops(program, t);
  const w = new StatementWriter(text, t);
  for (const [name, count] of assignmentCounts(program)) if (count === 1) w.assignedOnce.add(name);
  installSockets(w, t);
  // main() first, then each function after its callers: an untyped parameter takes the type its calls pass.
  const initialTypes = new Map(t.types);
  w.lines = [];
  const main = statements.filter((s) => s.kind !== 'function');
  const mainName = t.functions.has('main') ? 'main_' : 'main';
  w.elsewhere = functions.map((fn) => [fn.loc!.start.offset, fn.loc!.end.offset]);
  w.emit(`async function ${mainName}(): Promise<void> {`);
  w.indented(() => w.block(main, 0, text.length));
  w.emit('}');
  const mainLines = w.lines;
  w.elsewhere = [];
  const sources = new Map<LooseNode, string[]>();
  const order = callersFirst(functions);
  for (const fn of order ?? functions) {
    t.types = new Map(initialTypes);
    w.lines = [];
    functionSource(w, t, fn, !!order);
    sources.set(fn, [...w.lines, '']);
  }
  const out = functions.flatMap((fn) => sources.get(fn)!);
  w.lines = mainLines;
  const shape = w.shapes.select ? 'select' : w.shapes.server ? 'server' : w.shapes.udpServer ? 'udpServer' : [...sockets.values()].includes('listener') ? 'listener' : 'client';
  const module = [...sockets.values()].some((kind) => kind !== 'udp') ? 'node:net' : 'node:dgram';
  const helpers = helperSource(t.helpers);
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const header = [
    `// Ported from ${commentLines(base).join(' ')} by php-socket-lint: idiomatic ${module} (${SHAPES[shape]}).`,
    ...(shape === 'server'
      ? ['// Node serves clients concurrently where the PHP accept loop queued them, one at a time:', '// each connection gets its own handler; the variables shared between clients stay shared.']
      : shape === 'select'
        ? ['// Each client has its own connection handler, its turns a loop around its read; the clients are a', `// ${t.collections?.size ? [...t.collections].map(([name, kind]) => `${kind === 'socket-map' ? 'Map' : 'Set'} (${name})`).join(', ') : 'collection'} shared by the handlers, as the PHP's array was shared by its loop.`]
        : []),
    "// Strings are PHP's bytes (one char per byte, written as latin1). Faithful emulation: `php-socket-lint port --faithful`.",
  ];
  const imports = [
    ...(t.helpers.has('reader') || [...sockets.values()].some((k) => k !== 'udp') ? ["import * as net from 'node:net';"] : []),
    ...([...sockets.values()].includes('udp') ? ["import * as dgram from 'node:dgram';"] : []),
    "import { once } from 'node:events';",
    ...(t.helpers.has('strerror') ? ["import * as util from 'node:util';"] : []),
  ];
  // The helpers come before the call: they are declared before main() runs.
  const run = t.throws ? [`${mainName}().catch((error: unknown) => {`, "  console.error('Uncaught', error);", "  process.exitCode = 255; // PHP's exit code for an uncaught exception", '});'] : [`void ${mainName}();`];
  const code = [...header, ...imports, '', ...out, ...w.lines, ...(helpers ? ['', helpers] : []), '', ...run, ''].join('\n');
  return { code, module, shape: SHAPES[shape], helperLines: helpers ? helpers.split('\n').filter((l) => l.trim()).length : 0 };
}

function functionSource(w: StatementWriter, t: Context, fn: LooseNode, callsKnown: boolean): void {
  const info = t.functions.get(String(fn.name.name).toLowerCase())!;
  const params: string[] = [];
  const names: string[] = [];
  const outerSockets = new Map(t.sockets);
  for (const param of (fn.arguments ?? []) as LooseNode[]) {
    const name = String(param.name?.name ?? param.name);
    if (param.byref || param.variadic || param.value) throw new CannotCarry('by-reference, variadic or optional parameters', param);
    names.push(name);
    const typeName = String(param.type?.name ?? '').toLowerCase();
    const collection = typeName === 'array' ? collectionPassedAs(t, fn, names.length - 1) : undefined;
    if (collection) {
      t.types.set(name, collection);
      params.push(`${tsName(name)}: ${tsType(collection)}`);
      continue;
    }
    if (!param.type && (usedAsSocket(fn, name) || (callsKnown && passedType(t, fn, names.length - 1) === 'socket:connection'))) {
      t.sockets.set(name, 'connection');
      params.push(`${tsName(name)}: net.Socket`);
      continue;
    }
    const passed = !param.type && callsKnown ? passedType(t, fn, names.length - 1) : undefined;
    const type = PARAM_TYPES[typeName] ?? (passed === 'socket:connection' ? undefined : passed);
    if (!type) throw new CannotCarry(`the parameter $${name} without a string, int or bool type${param.type ? '' : ' (nor one its calls all pass)'}`, param);
    t.types.set(name, type);
    params.push(`${tsName(name)}: ${tsType(type)}`);
  }
  const returns = tsType(info.returns);
  w.emit(`${info.async ? 'async ' : ''}function ${tsName(fn.name.name)}(${params.join(', ')}): ${info.async ? `Promise<${returns}>` : returns} {`);
  w.scoped(names, () => w.indented(() => w.block(fn.body?.children ?? [], fn.body?.loc?.start.offset ?? 0, fn.body?.loc?.end.offset ?? 0)));
  w.emit('}');
  for (const name of names) t.types.delete(name);
  t.sockets.clear();
  for (const [name, kind] of outerSockets) t.sockets.set(name, kind);
}

/** The one string, int or bool type (or `socket:connection`) every call of `fn` passes as its argument `index`. */
function passedType(t: Context, fn: LooseNode, index: number): Type | 'socket:connection' | undefined {
  const calls = t.argumentTypes.get(String(fn.name.name).toLowerCase()) ?? [];
  const types = new Set(calls.map((args) => args[index]));
  const [only] = types;
  return calls.length > 0 && types.size === 1 && (only === 'string' || only === 'int' || only === 'bool' || only === 'socket:connection') ? only : undefined;
}

/** An `array` parameter that every call passes the select loop's clients to. */
function collectionPassedAs(t: Context, fn: LooseNode, index: number): SocketCollection | undefined {
  const passed = new Set<SocketCollection | undefined>();
  walk(t.program!, (node) => {
    if (node.kind === 'call' && calledFunctionName(node)?.toLowerCase() === String(fn.name.name).toLowerCase()) passed.add(t.collections?.get(variableOf(node.arguments?.[index]) ?? ''));
  });
  const [only] = passed;
  return passed.size === 1 ? only : undefined;
}

function usedAsSocket(fn: LooseNode, name: string): boolean {
  let used = false;
  walk(fn, (node) => {
    if (node.kind === 'call' && calledFunctionName(node)?.startsWith('socket_') && variableOf(node.arguments?.[0]) === name) used = true;
  });
  return used;
}

const isLiteralFalse = (n: LooseNode | undefined) => n?.kind === 'boolean' && !n.value;

/** `if ($s === false)` / `if (!$s)` right after socket_create()/socket_accept(): Node's calls do not return false. */
function testsOnlyFailureOf(test: LooseNode, sockets: Map<string, SocketKind>): string | undefined {
  if (test.kind === 'unary' && test.type === '!' && sockets.has(variableOf(test.what) ?? '')) return variableOf(test.what);
  if (test.kind === 'bin' && test.type === '===' && isLiteralFalse(test.right) && sockets.has(variableOf(test.left) ?? '')) return variableOf(test.left);
  return undefined;
}

/** Sends nothing closes the socket after (the last statement of a message handler): written without await. */
const unawaited = new WeakSet<LooseNode>();

function installSockets(w: StatementWriter, t: Context): void {
  const value = (node: LooseNode): Code => expression(t, node);
  const bound = new Map<string, { host: string; port: string; failure: LooseNode[] | null }>();
  const families = new Map<string, string>();
  const text = (c: Code) => (c.type === 'string' ? c.code : `String(${c.code})`);
  const sendable = (args: LooseNode[], lengthIndex: number) => {
    const data = value(args[1]!);
    if (data.type !== 'string') throw new CannotCarry(`sending a ${data.type} value`, args[1]);
    const length = args[lengthIndex];
    const isWhole = !length || (length.kind === 'call' && calledFunctionName(length) === 'strlen' && w.text.slice(length.arguments[0].loc!.start.offset, length.arguments[0].loc!.end.offset) === w.text.slice(args[1]!.loc!.start.offset, args[1]!.loc!.end.offset)) || (args[1]!.kind === 'string' && length.kind === 'number' && Number(length.value) >= stringNodeBytes(args[1]!).length);
    return isWhole ? data.code : `${data.prec < 20 ? `(${data.code})` : data.code}.slice(0, ${value(length!).code})`;
  };
  const inError = (fn: string) => {
    if (!t.error) throw new CannotCarry(`${fn}() outside the failure branch of a socket call`);
  };

  t.socketCall = (node, name, asStatement, assignTo) => {
    const args: LooseNode[] = node.arguments ?? [];
    const socketName = name === 'socket_create' ? assignTo : variableOf(args[0]);
    const kind = socketName ? t.sockets.get(socketName) : undefined;
    const s = socketName ? tsName(socketName) : '';
    if (name === 'socket_strerror') return inError(name), t.helpers.add('strerror'), { code: `strerror(${t.error})`, type: 'string', prec: 20 };
    if (name === 'socket_last_error') return inError(name), { code: `Math.abs((${t.error} as NodeJS.ErrnoException).errno ?? 0)`, type: 'int', prec: 20 };
    if (!kind) throw new CannotCarry(`${name}() on a socket the port cannot follow`, node);
    if (name === 'socket_create' && assignTo) {
      families.set(assignTo, String(args[0]?.name));
      w.emit(kind === 'udp' ? `const ${tsName(assignTo)} = dgram.createSocket('${args[0]?.name === 'AF_INET6' ? 'udp6' : 'udp4'}');` : kind === 'listener' ? `const ${tsName(assignTo)} = net.createServer();` : `const ${tsName(assignTo)} = new net.Socket();`);
      return { code: '', type: 'void', prec: 20 };
    }
    if (name === 'socket_accept') throw new CannotCarry('socket_accept() outside an accept loop (`while (true) { $client = socket_accept($server); … }`)', node);
    if (!asStatement && !['socket_read', 'socket_recv', 'socket_recvfrom', ...(kind === 'udp' ? ['socket_sendto', 'socket_send'] : [])].includes(name)) throw new CannotCarry(`the result of ${name}()`, node);
    switch (name) {
      case 'socket_set_option': {
        const option = args[2]?.name;
        if (option === 'SO_REUSEADDR') return w.emit(`// SO_REUSEADDR: Node's servers set it.`), { code: '', type: 'void', prec: 20 };
        if (option === 'SO_RCVTIMEO' && args[3]?.kind === 'array') {
          const field = (key: string) => args[3]!.items.find((item: LooseNode) => item.key?.kind === 'string' && item.key.value === key)?.value;
          const sec = Number(field('sec')?.value ?? 0);
          const usec = Number(field('usec')?.value ?? 0);
          t.timeouts.set(socketName!, sec * 1000 + Math.round(usec / 1000));
          w.emit(`// SO_RCVTIMEO: a reply is awaited for at most ${sec * 1000 + Math.round(usec / 1000)} ms (AbortSignal.timeout).`);
          return { code: '', type: 'void', prec: 20 };
        }
        throw new CannotCarry(`the socket option ${option ?? 'computed'}`, node);
      }
      case 'socket_write':
        if (kind === 'udp' || kind === 'listener') break;
        return { code: `${s}.write(${sendable(args, 2)}, 'latin1')`, type: 'void', prec: 20 };
      case 'socket_read': {
        if (kind === 'udp' || kind === 'listener') break;
        t.helpers.add('reader');
        const normal = args[2]?.kind === 'name' && args[2].name === 'PHP_NORMAL_READ';
        if (args[2] && !normal && !(args[2].kind === 'name' && args[2].name === 'PHP_BINARY_READ')) throw new CannotCarry('socket_read() with a computed mode', node);
        return { code: `await read(${s}, ${value(args[1]!).code}${normal ? ', true' : ''})`, type: 'string|false', prec: 15 };
      }
      case 'socket_close':
      case 'socket_shutdown':
        if (name === 'socket_close') w.closed.add(socketName!);
        if (kind === 'listener') return { code: `${s}.close()`, type: 'void', prec: 20 };
        // socket_close() closes the descriptor (after what was written has gone out); shutdown only ends the writing side.
        return { code: kind === 'udp' ? `${s}.close()` : name === 'socket_close' ? `${s}.end(() => ${s}.destroy())` : `${s}.end()`, type: 'void', prec: 20 };
      case 'socket_sendto':
        if (kind !== 'udp') break;
        // The reply at the end of a message handler: nothing closes the socket after it, so it need not be awaited.
        if (unawaited.has(node) && asStatement) return { code: `${s}.send(Buffer.from(${sendable(args, 2)}, 'latin1'), ${value(args[5]!).code}, ${text(value(args[4]!))})`, type: 'void', prec: 20 };
        t.helpers.add('send');
        return { code: `await send(${s}, ${sendable(args, 2)}, ${value(args[5]!).code}, ${text(value(args[4]!))})`, type: asStatement ? 'void' : 'int', prec: 15 };
      case 'socket_send':
        if (kind !== 'udp') break;
        t.helpers.add('send');
        return { code: `await send(${s}, ${sendable(args, 2)})`, type: asStatement ? 'void' : 'int', prec: 15 };
      case 'socket_bind':
        bound.set(socketName!, { host: text(value(args[1]!)), port: value(args[2]!).code, failure: null });
        if (kind === 'udp') return { code: `${s}.bind(${value(args[2]!).code}, ${text(value(args[1]!))});\nawait once(${s}, 'listening')`, type: 'void', prec: 20 };
        return { code: '', type: 'void', prec: 20 };
      case 'socket_listen': {
        if (kind !== 'listener') throw new CannotCarry(`socket_listen() on a ${kind} socket (it fails in PHP)`, node);
        const at = bound.get(socketName!);
        // PHP's socket_listen() backlog defaults to 0.
        const backlog = args[1] ? value(args[1]).code : '0';
        // Listening before binding: the kernel picks a free port on every interface (INADDR_ANY), as PHP's does.
        if (!at) w.emit('// socket_listen() before socket_bind(): a free port the kernel picks, on every interface.');
        if (!at) return { code: `${s}.listen({ host: '${families.get(socketName!) === 'AF_INET6' ? '::' : '0.0.0.0'}', port: 0, backlog: ${backlog} })\nawait once(${s}, 'listening')`, type: 'void', prec: 20 };
        return { code: `${s}.listen({ host: ${at.host}, port: ${at.port}, backlog: ${backlog} });\nawait once(${s}, 'listening')`, type: 'void', prec: 20 };
      }
      case 'socket_getsockname': {
        // The address the socket is bound to: Node's address() (it throws where PHP returns false).
        const outputs = [variableOf(args[1]), variableOf(args[2])];
        if (!outputs[0] || !outputs[1] || args.length !== 3) throw new CannotCarry('socket_getsockname() into something other than an address and a port variable', node);
        const declare = outputs.map((o) => !w.isDeclared(o!));
        if (declare[0] !== declare[1]) throw new CannotCarry('socket_getsockname() into a declared and an undeclared variable', node);
        t.types.set(outputs[0], 'string');
        t.types.set(outputs[1], 'int');
        const fields = ['address', 'port'].map((field, i) => (tsName(outputs[i]!) === field ? field : `${field}: ${tsName(outputs[i]!)}`)).join(', ');
        const addressOf = `${s}.address()${kind === 'udp' ? '' : ' as net.AddressInfo'}`;
        return { code: declare[0] ? `const { ${fields} } = ${addressOf}` : `({ ${fields} } = ${addressOf})`, type: 'void', prec: 20 };
      }
      case 'socket_connect':
        return { code: `${s}.connect(${value(args[2]!).code}, ${text(value(args[1]!))});\nawait once(${s}, 'connect')`, type: 'void', prec: 20 };
      case 'socket_recv':
      case 'socket_recvfrom': {
        if (kind !== 'udp') break;
        t.helpers.add('receive');
        const timeout = t.timeouts.get(socketName!);
        const outputs = (name === 'socket_recv' ? [1] : [1, 4, 5]).map((i) => variableOf(args[i]));
        if (outputs.some((o) => !o)) throw new CannotCarry(`${name}() into something other than variables`, node);
        const targets = [assignTo, ...outputs] as (string | undefined)[];
        const types: Type[] = ['int|false', 'string|null', 'string', 'int'];
        const declaredNow = targets.map((target) => target !== undefined && !w.isDeclared(target));
        targets.forEach((target, i) => {
          if (target && declaredNow[i]) t.types.set(target, types[i]!);
        });
        const pattern = `[${targets.map((target) => (target ? tsName(target) : '')).join(', ')}]`;
        const call = `await receive(${s}, ${value(args[2]!).code}${timeout === undefined ? '' : `, ${timeout}`})`;
        if (declaredNow.every((d, i) => d || !targets[i])) w.emit(`const ${pattern} = ${call};`);
        else {
          targets.forEach((target, i) => target && declaredNow[i] && w.emit(`let ${tsName(target)}: ${tsType(types[i]!)};`));
          w.emit(`${pattern} = ${call};`);
        }
        return { code: '', type: 'void', prec: 20 };
      }
    }
    throw new CannotCarry(`${name}() on a ${kind} socket`, node);
  };

  // `if (!socket_bind(…) || !socket_listen(…)) { … }` and friends: the calls, then their failure branch in a catch.
  w.failurePath = (callNode, failure) => {
    const checked = callNode;
    const name = calledFunctionName(checked)!;
    if (!['socket_bind', 'socket_listen', 'socket_connect', 'socket_set_option'].includes(name)) return false;
    const kind = t.sockets.get(variableOf(checked.arguments?.[0]) ?? '');
    if (name === 'socket_set_option') return t.socketCall(checked, name, true), true;
    if (name === 'socket_bind' && kind === 'listener') {
      t.socketCall(checked, name, true);
      bound.get(variableOf(checked.arguments[0])!)!.failure = failure;
      return true;
    }
    return false;
  };

  // The checked forms are handled where the statement is seen: see statement() below.
  const originalStatement = w.statement.bind(w);
  w.statement = (node, local, siblings, index) => {
    const created = checkedCreation(node);
    if (created) {
      originalStatement({ kind: 'expressionstatement', expression: created, loc: created.loc } as LooseNode, local, siblings, index);
      return droppedCheck(w, node);
    }
    const resultChecked = checkedResult(node, siblings[index + 1], t.program!);
    if (resultChecked) {
      skipped.add(siblings[index + 1]!);
      return w.statement(resultChecked, local, siblings, index);
    }
    const checked = checkedFailure(node);
    if (checked) {
      const failure = checked.failure ?? [];
      const calls = checked.calls;
      const codes: string[] = [];
      let catchBlock = failure;
      for (const c of calls) {
        const name = calledFunctionName(c)!;
        const code = t.socketCall(c, name, true)!.code;
        const at = bound.get(variableOf(c.arguments[0]) ?? '');
        if (name === 'socket_bind' && at && t.sockets.get(variableOf(c.arguments[0])!) === 'listener') at.failure = failure.length > 0 ? failure : null;
        if (name === 'socket_listen') catchBlock = at?.failure ?? failure;
        if (code) codes.push(...code.split('\n'));
      }
      const waits = codes.filter((line) => line.startsWith('await '));
      for (const line of codes.filter((line) => !line.startsWith('await '))) w.emit(`${line.replace(/;$/, '')};`);
      if (waits.length > 0 && catchBlock.length > 0) {
        w.emit('try {');
        w.indented(() => waits.forEach((line) => w.emit(`${line};`)));
        const at = w.lines.length;
        w.emit('} catch (error) {');
        w.failureBlock(catchBlock);
        w.emit('}');
        if (!w.lines.slice(at + 1).some((line) => /\berror\b/.test(line))) w.lines[at] = w.lines[at]!.replace('catch (error)', 'catch');
      } else waits.forEach((line) => w.emit(`${line};`));
      return;
    }
    if (node.kind === 'if' && !node.alternate && testsOnlyFailureOf(node.test, t.sockets)) return droppedCheck(w, node);
    // `do { … } while (true)` is the same endless loop.
    if ((node.kind === 'while' || node.kind === 'do') && acceptLoop(node, t.sockets)) return serverLoop(w, t, node, siblings, index, local);
    const select = node.kind === 'while' ? selectLoop(node) : undefined;
    if (select && typeof select !== 'string') {
      const leaked = clientTurnsUsedAfter(node, siblings, index, local, t);
      if (leaked) throw new CannotCarry(`$${leaked}, a variable of a client's turn, is used outside the select loop`, node);
      const rest = afterLoop(w, siblings, index, '');
      for (const statement of rest) skipped.delete(statement);
      try {
        return selectServer(w, t, node, select, rest);
      } finally {
        for (const statement of rest) skipped.add(statement);
      }
    }
    if (selectStatement(w, node)) return;
    if (node.kind === 'expressionstatement' && node.expression.kind === 'assign' && t.perClient?.has(variableOf(node.expression.left) ?? '') && node.expression.right.kind === 'array') {
      return w.emit(`// $${variableOf(node.expression.left)}: one per client, a variable of its connection handler`);
    }
    if (node.kind === 'while' && datagramLoop(node, t.sockets) !== undefined) return datagramServer(w, t, node, siblings, index, local);
    if (skipped.has(node)) return;
    return originalStatement(node, local, siblings, index);
  };
  const skipped = new Set<LooseNode>();
  (w as unknown as { skipped: Set<LooseNode> }).skipped = skipped;

  function checkedFailure(node: LooseNode): { calls: LooseNode[]; failure: LooseNode[] | null } | undefined {
    const failed = (test: LooseNode): LooseNode[] | undefined => {
      const isSocket = (n: LooseNode | undefined) => n?.kind === 'call' && ['socket_bind', 'socket_listen', 'socket_connect', 'socket_set_option', 'socket_send', 'socket_sendto', 'socket_getsockname'].includes(calledFunctionName(n) ?? '');
      if (test.kind === 'unary' && test.type === '!' && isSocket(test.what)) return [test.what];
      if (test.kind === 'bin' && test.type === '===' && isLiteralFalse(test.right) && isSocket(test.left)) return [test.left];
      if (test.kind === 'bin' && (test.type === '||' || test.type === 'or')) {
        const left = failed(test.left);
        const right = failed(test.right);
        if (left && right) return [...left, ...right];
        if (left && test.right.kind === 'exit') return left;
      }
      return undefined;
    };
    if (node.kind === 'if' && !node.alternate) {
      const calls = failed(node.test);
      if (calls) return { calls, failure: (node.body?.kind === 'block' ? node.body.children : [node.body]) as LooseNode[] };
    }
    if (node.kind === 'expressionstatement') {
      const e = node.expression;
      const calls = failed(e);
      if (calls) return { calls, failure: e.kind === 'bin' && e.right.kind === 'exit' ? [e.right] : null };
      if (e.kind === 'call' && failed({ kind: 'unary', type: '!', what: e, loc: null })) return { calls: [e], failure: null };
    }
    return undefined;
  }
}

const RESULT_CHECKED = ['socket_bind', 'socket_listen', 'socket_connect', 'socket_set_option'];

/** `$ret = socket_bind(…);` then `if (!$ret) {…}` (or `$ret === false`): $ret and its check, the variable aside. */
function resultCheck(node: LooseNode, next: LooseNode | undefined): { name: string; call: LooseNode; check: LooseNode } | undefined {
  const e: LooseNode | undefined = node.kind === 'expressionstatement' ? node.expression : undefined;
  const name = e?.kind === 'assign' && e.operator === '=' && RESULT_CHECKED.includes(calledFunctionName(e.right) ?? '') ? variableOf(e.left) : undefined;
  if (!name || next?.kind !== 'if' || next.alternate) return undefined;
  const test: LooseNode = next.test;
  const tested = test.kind === 'unary' && test.type === '!' ? variableOf(test.what) : test.kind === 'bin' && test.type === '===' && isLiteralFalse(test.right) ? variableOf(test.left) : undefined;
  return tested === name ? { name, call: e!.right, check: next } : undefined;
}

/** The checked form `if (!socket_bind(…)) {…}` of a result checked right after, when the variable is read nowhere else. */
function checkedResult(node: LooseNode, next: LooseNode | undefined, program: LooseNode): LooseNode | undefined {
  const pair = resultCheck(node, next);
  if (!pair) return undefined;
  let uses = 0;
  let checkedUses = 0;
  walk(program, (inner) => {
    if (variableOf(inner) === pair.name) uses++;
    const siblings: LooseNode[] | undefined = Array.isArray(inner.children) ? inner.children : undefined;
    siblings?.forEach((statement, i) => resultCheck(statement, siblings[i + 1])?.name === pair.name && (checkedUses += 2));
  });
  if (uses !== checkedUses) return undefined;
  const test = { kind: 'unary', type: '!', what: pair.call, loc: pair.check.test.loc } as LooseNode;
  return { ...pair.check, test } as LooseNode;
}

/** The comment for a dropped check of a socket against false: its PHP's first line. */
function droppedCheck(w: StatementWriter, node: LooseNode): void {
  const php = node.kind === 'if' ? w.text.slice(node.loc!.start.offset, node.test.loc!.end.offset + 1) : w.text.slice(node.loc!.start.offset, node.loc!.end.offset);
  w.emit(`// ${php.split(/\r?\n/)[0]} …: Node's sockets never are false; failures come as 'error' events and rejected awaits.`);
}

function acceptLoop(node: LooseNode, sockets: Map<string, SocketKind>): string | undefined {
  const first = node.body?.children?.[0];
  if (!isEndless(node.test) || first?.kind !== 'expressionstatement') return undefined;
  const e = first.expression;
  if (e.kind !== 'assign' || calledFunctionName(e.right) !== 'socket_accept') return undefined;
  return sockets.get(variableOf(e.right.arguments?.[0]) ?? '') === 'listener' ? variableOf(e.left) : undefined;
}

/**
 * `while (true) { [echo …; $ip = '';] $n = socket_recvfrom($s, …); … }`: the index of the receive. What comes
 * before it may only print (it runs before each datagram) or reset the receive's outputs (which it overwrites).
 */
function datagramLoop(node: LooseNode, sockets: Map<string, SocketKind>): number | undefined {
  if (!isEndless(node.test)) return undefined;
  const statements: LooseNode[] = node.body?.children ?? [];
  const at = statements.findIndex((statement) => statement.kind !== 'echo' && !resetsOutput(statement, statements));
  const receive = statements[at];
  if (receive?.kind !== 'expressionstatement') return undefined;
  const e: LooseNode = receive.expression;
  const recv: LooseNode = e.kind === 'assign' ? e.right : e;
  return calledFunctionName(recv) === 'socket_recvfrom' && sockets.get(variableOf(recv.arguments?.[0]) ?? '') === 'udp' ? at : undefined;
}

/** `$ip = '';` before a socket_recvfrom() that writes $ip. */
function resetsOutput(statement: LooseNode, loop: LooseNode[]): boolean {
  const e = statement.kind === 'expressionstatement' ? statement.expression : undefined;
  const name = e?.kind === 'assign' && e.operator === '=' && ['string', 'number', 'nullkeyword'].includes(e.right.kind) ? variableOf(e.left) : undefined;
  return !!name && loop.some((other) => other.kind === 'expressionstatement' && outputsOf(other.expression.kind === 'assign' ? other.expression.right : other.expression).includes(name));
}

function hasNode(node: LooseNode, kind: string): boolean {
  let found = false;
  walk(node, (inner) => (found ||= inner.kind === kind));
  return found;
}

/** What follows the server loop runs when the server closes; `socket_close($server)` is that close. */
function afterLoop(w: StatementWriter, siblings: LooseNode[], index: number, server: string): LooseNode[] {
  const rest = siblings.slice(index + 1);
  const first = rest[0];
  if (first?.kind === 'expressionstatement' && calledFunctionName(first.expression) === 'socket_close' && variableOf((first.expression as LooseNode).arguments?.[0]) === server) rest.shift();
  const skipped = (w as unknown as { skipped: Set<LooseNode> }).skipped;
  for (const statement of siblings.slice(index + 1)) skipped.add(statement);
  return rest;
}

function onClose(w: StatementWriter, server: string, rest: LooseNode[], end: number): void {
  if (rest.length === 0) return;
  const skipped = (w as unknown as { skipped: Set<LooseNode> }).skipped;
  w.emit(`${tsName(server)}.on('close', async () => {`);
  for (const statement of rest) skipped.delete(statement);
  w.indented(() => w.block(rest, rest[0]!.loc?.start.offset ?? end, end));
  for (const statement of rest) skipped.add(statement);
  w.emit('});');
}

function serverLoop(w: StatementWriter, t: Context, node: LooseNode, siblings: LooseNode[], index: number, local: Set<string>): void {
  const client = acceptLoop(node, t.sockets)!;
  const first = node.body.children[0];
  const server = variableOf(first.expression.right.arguments[0])!;
  const body: LooseNode[] = node.body.children.slice(1);
  if (body[0]?.kind === 'if' && !body[0].alternate && testsOnlyFailureOf(body[0].test, t.sockets) === client) body.shift();
  const last = body[body.length - 1];
  const closesClient = last?.kind === 'expressionstatement' && calledFunctionName(last.expression) === 'socket_close' && variableOf((last.expression as LooseNode).arguments?.[0]) === client;
  if (closesClient) body.pop();
  const rest = afterLoop(w, siblings, index, server);
  w.shapes.server = true;
  const c = tsName(client);
  w.emit(`${tsName(server)}.on('connection', async (${c}) => {`);
  w.indented(() => {
    w.emit(`${c}.on('error', () => {}); // a reset connection ends like a closed one, as socket_read() returning false`);
    w.pushHandler({ kind: 'handler', closes: client, onBreak: [`${c}.end(() => ${c}.destroy());`, `${tsName(server)}.close();`, 'return;'], onContinue: ['return;'] });
    try {
      w.block(body, first.loc.end.offset, closesClient ? last.loc!.start.offset : node.body.loc.end.offset);
    } finally {
      w.popHandler();
    }
    if (closesClient) w.emit(`${c}.end(() => ${c}.destroy());`);
  });
  w.emit('});');
  onClose(w, server, rest, w.text.length);
  void local;
}

function datagramServer(w: StatementWriter, t: Context, node: LooseNode, siblings: LooseNode[], index: number, local: Set<string>): void {
  const at = datagramLoop(node, t.sockets)!;
  const first = node.body.children[at];
  // The prints before the receive: once before the first datagram, then after each (a turn that continues would skip them).
  const before: LooseNode[] = node.body.children.slice(0, at).filter((statement: LooseNode) => statement.kind === 'echo');
  if (before.length > 0 && hasNode(node.body, 'continue')) throw new CannotCarry('continue in a UDP loop that prints before its socket_recvfrom()', node);
  const printBefore = () => before.forEach((statement) => w.statement(statement, new Set(), before, 0));
  printBefore();
  const assign = first.expression.kind === 'assign' ? first.expression : undefined;
  const recv = assign ? assign.right : first.expression;
  const args: LooseNode[] = recv.arguments;
  const socket = variableOf(args[0])!;
  const body: LooseNode[] = node.body.children.slice(at + 1);
  const last = body[body.length - 1];
  if (last?.kind === 'expressionstatement' && calledFunctionName(last.expression) === 'socket_sendto' && variableOf((last.expression as LooseNode).arguments?.[0]) === socket) unawaited.add(last.expression);
  const result = assign ? variableOf(assign.left) : undefined;
  const test: LooseNode | undefined = body[0]?.kind === 'if' && !body[0].alternate ? body[0].test : undefined;
  if (test && result && /^(!|===)/.test(test.kind === 'unary' ? '!' : test.type ?? '') && variableOf(test.what ?? test.left) === result) body.shift();
  const rest = afterLoop(w, siblings, index, socket);
  w.shapes.udpServer = true;
  const s = tsName(socket);
  const outputs = [variableOf(args[1]), variableOf(args[4]), variableOf(args[5])];
  if (outputs.some((o) => !o)) throw new CannotCarry('socket_recvfrom() into something other than variables', recv);
  const values = [`datagram.subarray(0, ${expression(t, args[2]!).code}).toString('latin1')`, 'remote.address', 'remote.port'];
  const types: Type[] = ['string', 'string', 'int'];
  w.emit(`${s}.on('message', async (datagram, remote) => {`);
  w.indented(() => {
    const declared: string[] = [];
    outputs.forEach((name, i) => {
      const declare = !w.isDeclared(name!);
      if (declare) declared.push(name!);
      t.types.set(name!, types[i]!);
      w.emit(`${declare ? 'const ' : ''}${tsName(name!)} = ${values[i]};`);
    });
    if (result) {
      const declare = !w.isDeclared(result);
      t.types.set(result, 'int');
      if (declare) declared.push(result);
      w.emit(`${declare ? 'const ' : ''}${tsName(result)} = ${tsName(outputs[0]!)}.length;`);
    }
    w.scoped(declared, () => {
      w.pushHandler({ kind: 'handler', onBreak: [`${s}.close();`, 'return;'], onContinue: ['return;'] });
      try {
        w.block(body, first.loc.end.offset, node.body.loc.end.offset);
        printBefore();
      } finally {
        w.popHandler();
      }
    });
  });
  w.emit('});');
  onClose(w, socket, rest, w.text.length);
  void local;
}
