// The stream-socket functions (fsockopen(), stream_socket_*(), the f*() calls on their streams) as a
// second API table beside socket-api.ts, in the same SocketFunction shape, so the model follows them
// with the mechanism it uses for ext/sockets. Signatures and constants come from the real PHP
// (stream-api.json, scripts/gen-stream-api.mjs); what each call does is stream-effects.json.
//
// How a rule asks for stream facts:
// - a model call of this table has `fn.api === 'streams'`, and `fn.stream` is its stream-effects.json
//   entry (`opens`, `reads`, `writes`, `waits`, `setsTimeout`…); its arguments' values are in
//   `call.arguments` by PHP 8 parameter name;
// - a value a stream opener made holds a site with `api: 'streams'`, the opener's name (`fn`), its
//   `role` and the type of its transport (`udp://` is SOCK_DGRAM): `streamSites(value, 'fsockopen')`;
// - by-reference outputs (`$errno`, `$errstr`, the accepted peer) and the results of the table's other
//   calls carry `origins` (values.ts), and `model.originReads` says where each was read and how
//   (tested in a condition, used, dropped).
import type { PhpNode } from './ast';
import type { ArgumentFact, SocketCall } from './model/model';
import type { CreatedSocket, FunctionNote, SocketFunction, SocketParameter, SocketState, SocketType } from './socket-api';
import { returnsFalse, SOCKET_CONSTANTS, socketFunction } from './socket-api';
import reflected from './stream-api.json';
import effectsFile from './stream-effects.json';

export interface StreamOpening {
  role: string;
  address?: string;
  port?: string;
  connectTimeout?: string;
  flags?: string;
  defaultFlags?: readonly string[];
  listensWith?: string;
  context?: string;
  from?: string;
  /** stream_socket_pair(): the parameters that give the socket type and the address family. */
  type?: string;
  domain?: string;
  into?: string;
  persistent?: boolean;
}

/** One function's entry of stream-effects.json (its `$comment` explains each field). */
export interface StreamEffect {
  returns?: string;
  failure?: false;
  /** By-reference parameter → what it receives: errno, errstr, peer, ready. */
  outputs?: Readonly<Record<string, string>>;
  opens?: StreamOpening;
  takesStream?: string;
  waits?: { timeout: string; default?: string; forever?: number };
  reads?: { length?: string; falseOnTimeout?: boolean; emptyOnTimeout?: boolean };
  writes?: { data: string; length?: string; partial?: boolean };
  setsTimeout?: Readonly<Record<string, string>>;
  setsBlocking?: string;
  keepsStreams?: readonly string[];
  createsContext?: { options: string };
  setsContextOption?: { context: string };
  aliasOf?: string;
  /** The stream argument's state after the call succeeds (fclose(): closed), as socket-effects.json's. */
  onSuccess?: SocketState;
  errnoAlwaysZero?: boolean;
  neverBlocks?: boolean;
  returnsKeys?: string;
}

const EFFECTS = effectsFile.functions as Record<string, StreamEffect>;

/** The `socket` context options that reach a system call unchecked (`backlog` → listen()). */
export const SOCKET_CONTEXT_OPTIONS = effectsFile.contextOptions.socket as Readonly<Record<string, { call: string; default: number; cappedBy: string }>>;
/** Keys stream_get_meta_data() always returns. */
export const META_DATA_KEYS: readonly string[] = effectsFile.metaData.alwaysKeys;
export const DEFAULT_SOCKET_TIMEOUT = effectsFile.defaultSocketTimeout;

const TRANSPORTS = effectsFile.transports as { default: string; types: Record<string, SocketType> };

/**
 * The transport an address names (`udp://10.0.0.1:53` → udp); an address with no `scheme://` is
 * tcp. As in PHP, case counts: `UDP://` names no transport ("Unable to find the socket transport").
 */
export function transportOf(address: string): string {
  return /^([a-z][a-z0-9.+-]*):\/\//i.exec(address)?.[1] ?? TRANSPORTS.default;
}

/** The socket type of a transport (udp: SOCK_DGRAM); one PHP has no transport for is `unknown`. */
export function transportType(address: string): SocketType | 'unknown' {
  return TRANSPORTS.types[transportOf(address)] ?? 'unknown';
}

/**
 * The transport an address spells out before its first interpolation (`"udp://$host:53"`,
 * `'udg://' . $path`): known though the address is not.
 */
export function leadingTransport(node: PhpNode | undefined): string | undefined {
  let first = node;
  while (first?.kind === 'bin' && first.type === '.') first = first.left;
  if (first?.kind === 'encapsed') {
    const part = first.value[0];
    first = part?.kind === 'encapsedpart' ? part.expression : part;
  }
  if (first?.kind !== 'string' || !/^[a-z][a-z0-9.+-]*:\/\//i.test(String(first.value))) return undefined;
  return transportOf(String(first.value));
}

/** Every transport an address argument may name, or undefined when some path's is not known. */
export function addressTransports(address: ArgumentFact): string[] | undefined {
  const { value } = address;
  if (!value.unknown && value.consts.length > 0 && value.consts.every((c) => typeof c === 'string')) return [...new Set((value.consts as string[]).map(transportOf))];
  const leading = leadingTransport(address.node);
  return leading === undefined ? undefined : [leading];
}

const NOTES: Record<string, FunctionNote> = {
  fsockopen: {
    summary: 'Opens a stream socket connection (tcp by default; `udp://`, `ssl://`, `unix://` by prefix); the timeout bounds only the connect.',
    onFalse: 'the connection failed: `$errno`/`$errstr` say why, but `$errno` is 0 for failures before connect() (an unknown host)',
    node: '`net.connect({ host, port, timeout })`',
  },
  pfsockopen: {
    summary: 'fsockopen() with a persistent connection, kept open across requests by the PHP process.',
    onFalse: 'the connection failed (see `$errno`/`$errstr`; 0 before connect())',
    node: '`net.connect()` with a kept `http.Agent({ keepAlive: true })`',
  },
  stream_socket_client: {
    summary: 'Opens a stream socket connection to `transport://host:port`; the timeout bounds only the connect.',
    onFalse: 'the connection failed: `$errno` is 0 for failures before connect() (bad address, unknown host or transport)',
    node: "`net.connect({ host, port })` / `tls.connect()` / `dgram.createSocket('udp4').connect()`",
  },
  stream_socket_server: {
    summary: 'Creates a server socket bound to `transport://host:port`; by default it also listens (not possible for `udp://`).',
    onFalse: 'the address could not be bound or listened on; `$errno` is always 0 here, `$errstr` says why',
    node: "`net.createServer().listen({ host, port })` / `dgram.createSocket('udp4').bind(port)`",
  },
  stream_socket_accept: {
    summary: 'Accepts a connection on a server socket, waiting at most `timeout` seconds (default_socket_timeout, 60 s, when omitted; -1 for ever).',
    onFalse: 'no connection came within the timeout (or the server cannot accept: a udp:// server)',
    node: "`server.on('connection', (socket) => …)`",
  },
  stream_socket_pair: { summary: 'Creates a pair of connected stream sockets in an array.', onFalse: 'no pair was created', node: 'no direct equivalent' },
  stream_socket_recvfrom: { summary: 'Receives up to `length` bytes from a stream socket, with the sender address (by reference).', onFalse: 'the receive failed', node: "`udp.on('message', (msg, rinfo) => …)`" },
  stream_socket_sendto: { summary: 'Sends data on a stream socket, to an address for a datagram socket.', onFalse: 'nothing was sent', node: '`udp.send(msg, port, address)` / `socket.write(data)`' },
  stream_socket_shutdown: { summary: 'Shuts down reading, writing or both on a stream socket.', onFalse: 'the socket was not shut down', node: '`socket.end()`' },
  stream_socket_get_name: { summary: 'The local or remote address of a stream socket.', onFalse: 'the name could not be read', node: '`socket.localAddress` / `socket.remoteAddress`' },
  stream_socket_enable_crypto: { summary: 'Turns TLS on or off on a connected stream socket (0: a non-blocking stream needs more data).', onFalse: 'the handshake failed', node: '`tls.connect({ socket })`' },
  stream_set_timeout: { summary: 'Sets how long reads and writes on the stream wait (default_socket_timeout, 60 s, until set).', onFalse: 'the timeout was not set', node: '`socket.setTimeout(ms)`' },
  stream_set_blocking: { summary: 'Puts a stream in blocking or non-blocking mode.', onFalse: 'the mode was not changed', node: 'Node sockets never block' },
  stream_select: { summary: 'Waits until streams in the arrays (by reference) are readable or writable.', onFalse: 'the wait failed (for example interrupted by a signal)', node: "events: `socket.on('data')`" },
  stream_get_meta_data: { summary: 'The stream\'s state as an array; `timed_out` is always there: test its value.', node: "`socket.on('timeout', …)`" },
  stream_context_create: { summary: 'Creates a stream context; `[\'socket\' => [\'backlog\' => n]]` goes to listen() (capped by somaxconn).', node: '`net.createServer().listen({ backlog })`' },
  stream_context_set_option: { summary: 'Sets an option of a stream context.', onFalse: 'the option was not set', node: 'options of `listen()` / `connect()`' },
  fwrite: { summary: 'Writes to a stream; on a socket it may write fewer bytes than given and returns that count.', onFalse: 'nothing was written', node: '`socket.write(data)` (buffers the rest)' },
  fputs: { summary: 'Alias of fwrite(): may write fewer bytes than given on a socket.', onFalse: 'nothing was written', node: '`socket.write(data)`' },
  fread: { summary: 'Reads up to `length` bytes; on a socket returns what arrived, false after the read timeout.', onFalse: 'the read failed or timed out', node: "`socket.on('data', …)`" },
  fgets: { summary: 'Reads one line (up to `length` - 1 bytes); false at EOF or after the read timeout.', onFalse: 'no line: end of stream, or the read timed out', node: '`readline.createInterface({ input: socket })`' },
  fgetc: { summary: 'Reads one byte; false at EOF or after the read timeout.', onFalse: 'no byte: end of stream, or the read timed out', node: "`socket.on('data', …)`" },
  feof: { summary: 'True only once the peer closed the stream; never blocks, so it stays false on an idle open socket.', node: "`socket.on('end', …)`" },
  fclose: { summary: 'Closes a stream.', onFalse: 'the stream was not closed', node: '`socket.destroy()`' },
  stream_get_line: { summary: 'Reads up to `length` bytes or to a delimiter.', onFalse: 'nothing was read (EOF or the read timed out)', node: '`readline.createInterface({ input: socket })`' },
  stream_get_contents: { summary: 'Reads the rest of a stream (until EOF, or `length` bytes).', onFalse: 'the read failed', node: '`for await (const chunk of socket)`' },
  socket_set_timeout: { summary: 'Alias of stream_set_timeout().', onFalse: 'the timeout was not set', node: '`socket.setTimeout(ms)`' },
  socket_set_blocking: { summary: 'Alias of stream_set_blocking().', onFalse: 'the mode was not changed', node: 'Node sockets never block' },
  socket_get_status: { summary: 'Alias of stream_get_meta_data(); `timed_out` is always there.', node: "`socket.on('timeout', …)`" },
};

/** The socket a stream opener makes: typed by its address's transport, or like the server it accepts on. */
function createdStream(opens: StreamOpening | undefined): CreatedSocket | undefined {
  if (!opens || opens.into) return undefined;
  if (opens.address) return { type: { fromAddress: opens.address }, bound: true, role: opens.role };
  if (opens.from) return { type: { sameAsArgument: opens.from, otherwise: 'SOCK_STREAM' }, bound: true, role: opens.role };
  return undefined;
}

function toStreamFunction(name: string, entry: { params: SocketParameter[]; returns: string }): SocketFunction {
  const effect = EFFECTS[name] ?? {};
  const returns = entry.returns || effect.returns || 'mixed';
  const creates = createdStream(effect.opens);
  return {
    name,
    api: 'streams',
    params: entry.params,
    returns,
    canFail: returnsFalse(returns),
    socketParam: undefined,
    note: NOTES[name],
    effects: {
      socketParameter: effect.takesStream,
      outputs: entry.params.filter((p) => p.byRef).map((p) => p.name),
      // Only an opened stream must be checked before it is used, as a socket_create() result is; a
      // failed read or write is the business of the stream rules, which read `fn.stream`.
      failure: creates ? false : undefined,
      ...(creates ? { creates } : {}),
      ...(effect.onSuccess ? { onSuccess: effect.onSuccess } : {}),
      ...(effect.keepsStreams ? { keepsSockets: effect.keepsStreams } : {}),
    },
    stream: effect,
  };
}

/** socket_import_stream() and socket_export_stream() are ext/sockets functions: socket-api.ts has them. */
export const STREAM_FUNCTIONS: ReadonlyMap<string, SocketFunction> = new Map(
  Object.entries(reflected.functions as Record<string, { extension: string; params: SocketParameter[]; returns: string }>)
    .filter(([name]) => socketFunction(name) === undefined)
    .map(([name, entry]) => [name, toStreamFunction(name, entry)]),
);

export const STREAM_CONSTANTS: ReadonlyMap<string, number> = new Map(Object.entries(reflected.constants as Record<string, number>));

export function streamFunction(name: string): SocketFunction | undefined {
  return STREAM_FUNCTIONS.get(name);
}

/** A function of either table: what the model follows. */
export function apiFunction(name: string): SocketFunction | undefined {
  return socketFunction(name) ?? STREAM_FUNCTIONS.get(name);
}

/** A constant of either table (SOCK_DGRAM, STREAM_SERVER_BIND). */
export function apiConstant(name: string): number | undefined {
  return SOCKET_CONSTANTS.get(name) ?? STREAM_CONSTANTS.get(name);
}

/** The stream a call acts on (stream-effects.json `takesStream`), as the model saw it there. */
export function streamArgument(call: SocketCall): ArgumentFact | undefined {
  const param = call.fn.stream?.takesStream;
  return param ? call.arguments.get(param) : undefined;
}

/** An argument given a value other than null: a missing or null timeout both mean PHP's default. */
export function givenArgument(call: SocketCall, param: string | undefined): ArgumentFact | undefined {
  const fact = param ? call.arguments.get(param) : undefined;
  const onlyNull = fact !== undefined && !fact.value.unknown && fact.value.consts.length > 0 && fact.value.consts.every((c) => c === null);
  return onlyNull ? undefined : fact;
}

/** What `by-reference parameter` of a stream function receives (errno, errstr, peer, ready), if the table says. */
export function outputMeaning(fn: SocketFunction, paramName: string): string | undefined {
  return fn.stream?.outputs?.[paramName];
}
