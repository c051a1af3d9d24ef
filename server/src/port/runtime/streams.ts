// Stream sockets (fsockopen, stream_socket_*, fread/fgets/feof on them) over the runtime's
// socket emulation: a stream over a TCP, UDP or UNIX socket is the same kernel object as an
// ext/sockets Socket, so PhpSocketStream wraps a PhpSocket and adds what PHP's stream layer adds
// on top: a read buffer filled by reads of up to 8192 bytes, a read timeout (default_socket_timeout,
// 60 s, or stream_set_timeout's) that sets `timed_out`, and an end-of-file flag.
import * as dns from 'node:dns';
import * as net from 'node:net';
import { PhpStream, bytesToUtf8, type SocketStreamIo } from './process';
import { PhpSocket, socket_strerror, whenReady, type Awaitable } from './sockets';
import { AF_INET, AF_INET6, AF_UNIX, MSG_DONTWAIT, SOCK_DGRAM, SOCK_STREAM } from './socket-constants.generated';
import { PhpArray, PhpError, phpNotice, phpTypeName, phpWarning, toBool, toFloat, toInt, toStr, type PhpKey, type PhpValue } from './values';

/** PHP's ini default_socket_timeout, in seconds: the wait of accept(), connect() and reads without a timeout of their own. */
const DEFAULT_SOCKET_TIMEOUT = 60;
/** The size of the reads that fill PHP's stream buffer. */
const CHUNK_SIZE = 8192;
/** EAGAIN: a read or accept that got nothing in its time. */
const NOTHING_IN_TIME = 11;
/** ETIMEDOUT. */
const CONNECT_TIMED_OUT = 110;

export const STREAM_SERVER_BIND = 4;
export const STREAM_SERVER_LISTEN = 8;
export const STREAM_CLIENT_CONNECT = 4;
export const STREAM_CLIENT_ASYNC_CONNECT = 2;
export const STREAM_CLIENT_PERSISTENT = 1;
export const STREAM_SHUT_RD = 0;
export const STREAM_SHUT_WR = 1;
export const STREAM_SHUT_RDWR = 2;

/**
 * Resource ids, as PHP numbers them: STDIN, STDOUT and STDERR are 1-3; every stream a call tries
 * to open takes the next one (a failed connect too), and so does the default context, the first
 * time stream_socket_server() or stream_socket_client() uses it.
 */
let lastResourceId = 3;
let defaultContextCreated = false;

function nextResourceId(): number {
  return ++lastResourceId;
}

function useDefaultContext(): void {
  if (defaultContextCreated) return;
  defaultContextCreated = true;
  nextResourceId();
}

/** A stream context: only the `socket` options the port supports (others are PHP's Error at run time). */
export class PhpStreamContext extends PhpStream {
  readonly resourceId = nextResourceId();
  constructor(readonly options: PhpArray<PhpValue>) {
    super(-1);
  }
}

/** Context options the port carries: `socket` => `backlog` (Node's listen() takes it). */
const SUPPORTED_CONTEXT_OPTIONS: Record<string, readonly string[]> = { socket: ['backlog'] };

export function stream_context_create(options: unknown = null): PhpStreamContext {
  const given = options instanceof PhpArray ? (options as PhpArray<PhpValue>) : new PhpArray<PhpValue>();
  for (const [wrapper, values] of given.entries()) {
    const names = values instanceof PhpArray ? values.keys().map(String) : [];
    const unsupported = names.find((name) => !SUPPORTED_CONTEXT_OPTIONS[String(wrapper)]?.includes(name));
    if (unsupported !== undefined || !(values instanceof PhpArray)) {
      throw new PhpError('Error', `not ported from PHP: the stream context option ${String(wrapper)}.${unsupported ?? ''}`);
    }
  }
  return new PhpStreamContext(given);
}

/** What a read of the socket gave: bytes, the end of the stream, or an errno (NOTHING_IN_TIME: nothing in time). */
/** What one read of the socket brought. */
type ReadResult = 'data' | 'nothing' | 'end';

function readOutcome(result: unknown): Buffer | number {
  return Buffer.isBuffer(result) ? result : (result as { errno: number }).errno;
}

/** A stream resource over a socket. */
export class PhpSocketStream extends PhpStream implements SocketStreamIo {
  readonly resourceId: number;
  /** Bytes read from the socket and not yet taken by the program (PHP's stream buffer), as a byte string. */
  private buffer = '';
  eof = false;
  timedOut = false;
  /** The read timeout in milliseconds (stream_set_timeout). */
  timeoutMs = DEFAULT_SOCKET_TIMEOUT * 1000;

  constructor(
    readonly socket: PhpSocket,
    readonly streamType: string,
    resourceId = nextResourceId(),
  ) {
    super(-1);
    this.resourceId = resourceId;
    this.socketIo = this;
  }

  get blocking(): boolean {
    return this.socket.blocking;
  }

  get unreadBytes(): number {
    return this.buffer.length;
  }

  /**
   * One read of the socket into the buffer, as PHP's stream layer does when its buffer is empty.
   * `nothing`: no byte came, at the timeout (timed_out) or at once on a non-blocking stream,
   * where PHP's fgets() and stream_get_contents() return what they have instead of waiting.
   */
  async fill(): Promise<ReadResult> {
    this.timedOut = false;
    if (this.eof) return 'end';
    this.socket.receiveTimeoutMs = Math.max(1, this.timeoutMs);
    const result = this.absorb(readOutcome(await this.socket.receive(CHUNK_SIZE, 0)));
    if (result === 'nothing') this.timedOut = this.socket.blocking;
    return result;
  }

  /** A read's bytes into the buffer; an empty read or an error other than EAGAIN is the end. */
  private absorb(outcome: Buffer | number): ReadResult {
    if (typeof outcome === 'number') {
      if (outcome === NOTHING_IN_TIME) return 'nothing';
      this.eof = true;
      return 'end';
    }
    if (outcome.length === 0) {
      this.eof = true;
      return 'end';
    }
    this.buffer += outcome.toString('latin1');
    return 'data';
  }

  private take(length: number): string {
    const taken = this.buffer.slice(0, length);
    this.buffer = this.buffer.slice(length);
    return taken;
  }

  /**
   * fread(): the buffered bytes and, while fewer than `length`, what one more read gives (PHP waits
   * for it even with bytes buffered); '' at the end, false when a timeout left nothing.
   */
  async read(length: number): Promise<string | false> {
    let bytes = this.take(length);
    if (bytes.length < length) {
      await this.fill();
      bytes += this.take(length - bytes.length);
    }
    return bytes === '' && this.timedOut ? false : bytes;
  }

  /** fgets(): up to and including "\n", at most `length - 1` bytes; the rest at the end; false when nothing came. */
  async readLine(length: number | null): Promise<string | false> {
    const limit = length === null ? Infinity : length - 1;
    for (;;) {
      const newline = this.buffer.indexOf('\n');
      if (newline >= 0 && newline < limit) return this.take(newline + 1);
      if (this.buffer.length >= limit) return this.take(limit);
      if (this.eof || (await this.fill()) === 'nothing') break;
    }
    return this.buffer === '' ? false : this.take(this.buffer.length);
  }

  /** stream_get_line(): up to `ending` (dropped) or `length` bytes; the rest at the end; false when nothing came. */
  async readUntil(length: number, ending: string): Promise<string | false> {
    for (;;) {
      const end = ending === '' ? -1 : this.buffer.indexOf(ending);
      if (end >= 0 && end <= length) {
        const line = this.take(end);
        this.take(ending.length);
        return line;
      }
      if (this.buffer.length >= length) return this.take(length);
      if (this.eof || (await this.fill()) === 'nothing') break;
    }
    return this.buffer === '' ? false : this.take(this.buffer.length);
  }

  /** stream_get_contents(): everything until the end of the stream (or a timeout, or `length` bytes). */
  async readAll(length: number | null): Promise<string> {
    while ((length === null || this.buffer.length < length) && !this.eof) {
      if ((await this.fill()) === 'nothing') break;
    }
    return this.take(length ?? this.buffer.length);
  }

  /** feof(): nothing buffered and the peer has closed; PHP looks without waiting (a peek at the socket). */
  async atEnd(): Promise<boolean> {
    if (this.buffer !== '') return false;
    if (!this.eof) this.absorb(readOutcome(await this.socket.receive(CHUNK_SIZE, MSG_DONTWAIT)));
    return this.eof;
  }

  /** fwrite(): Node takes every byte at once (it buffers what the kernel does not take yet). */
  write(bytes: string): number | false {
    const written = this.socket.write(Buffer.from(bytes, 'latin1'));
    if (written instanceof Promise || typeof written === 'number') return bytes.length;
    const errno = (written as { errno: number }).errno;
    phpNotice(`fwrite(): Send of ${bytes.length} bytes failed with errno=${errno} ${socket_strerror(errno)}`);
    return false;
  }

  close(): void {
    this.socket.close();
  }

  /** Ready for stream_select(): buffered bytes, or a socket with something to read. */
  isReadable(): boolean {
    return this.buffer !== '' || this.eof || this.socket.isReadable();
  }
}

/** A stream argument that is open, or PHP's TypeError (false passed on) / Error (a closed one). */
function socketStream(value: unknown, functionName: string, position = 1, name = 'stream'): PhpSocketStream {
  if (value instanceof PhpSocketStream && !value.closed) return value;
  if (value instanceof PhpStream) {
    if (value.closed) throw new PhpError('TypeError', `${functionName}(): supplied resource is not a valid stream resource`);
    throw new PhpError('Error', `not ported from PHP: ${functionName}() on a file stream`);
  }
  throw new PhpError('TypeError', `${functionName}(): Argument #${position} ($${name}) must be of type resource, ${phpTypeName(value)} given`);
}

interface Endpoint {
  transport: 'tcp' | 'udp' | 'unix';
  host: string;
  port: number;
}

/** "tcp://host:port", "udp://host:port", "unix:///path" or "host:port" (tcp); undefined for another transport (ssl://, tls://). */
function parseEndpoint(address: string): Endpoint | undefined {
  const scheme = /^([a-z0-9+.-]+):\/\//i.exec(address);
  const transport = scheme ? scheme[1]!.toLowerCase() : 'tcp';
  const rest = scheme ? address.slice(scheme[0].length) : address;
  if (transport === 'unix') return { transport, host: rest, port: 0 };
  if (transport !== 'tcp' && transport !== 'udp') return undefined;
  const colon = rest.lastIndexOf(':');
  const host = colon >= 0 ? rest.slice(0, colon) : rest;
  return { transport, host: host.replace(/^\[(.*)\]$/, '$1'), port: colon >= 0 ? toInt(rest.slice(colon + 1)) : 0 };
}

function unsupportedTransport(functionName: string, address: string): never {
  throw new PhpError('Error', `not ported from PHP: ${functionName}() with the transport of ${address} (only tcp://, udp:// and unix://)`);
}

const STREAM_TYPES: Record<Endpoint['transport'], string> = { tcp: 'tcp_socket/ssl', udp: 'udp_socket', unix: 'unix_socket' };

/** getaddrinfo()'s failure as PHP words it, or undefined when the host resolves (or is an address). */
async function hostLookupFailure(host: string): Promise<string | undefined> {
  if (net.isIP(host) !== 0) return undefined;
  try {
    await dns.promises.lookup(host);
    return undefined;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EAI_AGAIN' ? 'Temporary failure in name resolution' : 'Name or service not known';
    return `php_network_getaddresses: getaddrinfo for ${host} failed: ${reason}`;
  }
}

function socketFor(endpoint: Endpoint): PhpSocket {
  const domain = endpoint.transport === 'unix' ? AF_UNIX : net.isIPv6(endpoint.host) ? AF_INET6 : AF_INET;
  return new PhpSocket(domain, endpoint.transport === 'udp' ? SOCK_DGRAM : SOCK_STREAM, 0);
}

/** A failed stream_socket_client()/fsockopen()/stream_socket_server(): PHP's warning, and [false, errno, errstr]. */
function connectFailed(functionName: string, shown: string, errno: number, message: string, errstr = message): [false, number, string] {
  phpWarning(`${functionName}(): Unable to connect to ${shown} (${message})`);
  return [false, errno, errstr];
}

/** Connects a stream to `endpoint` within `timeoutSeconds`: [stream or false, errno, errstr] with PHP's warnings. */
async function openClient(functionName: string, endpoint: Endpoint, shown: string, timeoutSeconds: number): Promise<[PhpSocketStream | false, number, string]> {
  const resourceId = nextResourceId();
  const lookupFailure = endpoint.transport === 'unix' ? undefined : await hostLookupFailure(endpoint.host);
  if (lookupFailure) {
    phpWarning(`${functionName}(): ${lookupFailure}`);
    return connectFailed(functionName, shown, 0, lookupFailure);
  }
  const socket = socketFor(endpoint);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(CONNECT_TIMED_OUT), Math.max(0, timeoutSeconds) * 1000)));
  const errno = await Promise.race([socket.connect(endpoint.host, endpoint.port), timedOut]);
  clearTimeout(timer);
  if (errno !== 0) {
    socket.close();
    return connectFailed(functionName, shown, errno, socket_strerror(errno));
  }
  return [new PhpSocketStream(socket, STREAM_TYPES[endpoint.transport], resourceId), 0, ''];
}

function timeoutSeconds(timeout: unknown): number {
  return timeout === null || timeout === undefined ? DEFAULT_SOCKET_TIMEOUT : toFloat(timeout);
}

/** stream_socket_client(): [stream or false, errno, errstr]. */
export async function stream_socket_client(
  address: unknown,
  timeout: unknown = null,
  flags: unknown = STREAM_CLIENT_CONNECT,
  context: unknown = null,
): Promise<[PhpSocketStream | false, number, string]> {
  void context;
  const shown = toStr(address);
  if ((toInt(flags) & (STREAM_CLIENT_ASYNC_CONNECT | STREAM_CLIENT_PERSISTENT)) !== 0) {
    throw new PhpError('Error', 'not ported from PHP: stream_socket_client() with STREAM_CLIENT_ASYNC_CONNECT or STREAM_CLIENT_PERSISTENT');
  }
  useDefaultContext();
  const endpoint = parseEndpoint(bytesToUtf8(shown)) ?? unsupportedTransport('stream_socket_client', shown);
  return openClient('stream_socket_client', endpoint, shown, timeoutSeconds(timeout));
}

/** fsockopen(): [stream or false, errno, errstr]; the host may carry the transport ("udp://host"). */
export async function fsockopen(hostname: unknown, port: unknown = -1, timeout: unknown = null): Promise<[PhpSocketStream | false, number, string]> {
  const host = toStr(hostname);
  const portNumber = toInt(port);
  const shown = portNumber >= 0 && !host.startsWith('unix://') ? `${host}:${portNumber}` : host;
  const endpoint = parseEndpoint(bytesToUtf8(shown)) ?? unsupportedTransport('fsockopen', host);
  return openClient('fsockopen', endpoint, shown, timeoutSeconds(timeout));
}

/** pfsockopen(): a persistent connection is an ordinary one in a program that runs once. */
export function pfsockopen(hostname: unknown, port: unknown = -1, timeout: unknown = null): Promise<[PhpSocketStream | false, number, string]> {
  return fsockopen(hostname, port, timeout);
}

/** stream_socket_server(): [stream or false, errno, errstr]. PHP reports a failed bind with errno 0. */
export async function stream_socket_server(
  address: unknown,
  flags: unknown = STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
  context: unknown = null,
): Promise<[PhpSocketStream | false, number, string]> {
  if (context !== null && !(context instanceof PhpStreamContext)) {
    throw new PhpError('TypeError', `stream_socket_server(): Argument #5 ($context) must be of type resource or null, ${phpTypeName(context)} given`);
  }
  if (context === null) useDefaultContext();
  const shown = toStr(address);
  const endpoint = parseEndpoint(bytesToUtf8(shown)) ?? unsupportedTransport('stream_socket_server', shown);
  const bits = toInt(flags);
  const listens = (bits & STREAM_SERVER_LISTEN) !== 0;
  if ((bits & STREAM_SERVER_BIND) === 0 || (endpoint.transport !== 'udp' && !listens)) {
    throw new PhpError('Error', 'not ported from PHP: stream_socket_server() that does not bind, or a stream server that does not listen');
  }
  const resourceId = nextResourceId();
  // listen(2) on a datagram socket fails; PHP gives no errno and an empty $errstr for it.
  if (endpoint.transport === 'udp' && listens) return connectFailed('stream_socket_server', shown, 0, 'Unknown error', '');
  const socket = socketFor(endpoint);
  const errno = await socket.bind(endpoint.host, endpoint.port);
  if (errno !== 0) return connectFailed('stream_socket_server', shown, 0, socket_strerror(errno));
  return [new PhpSocketStream(socket, STREAM_TYPES[endpoint.transport], resourceId), 0, ''];
}

/** "address:port" of a socket name, or the path of a UNIX socket. */
function formatName(stream: PhpSocketStream, name: [string, number]): string {
  return stream.socket.domain === AF_UNIX ? name[0] : `${name[0]}:${name[1]}`;
}

/**
 * stream_socket_accept(): [stream or false, peer name]. It waits `timeout` seconds (default_socket_timeout,
 * 60, by default; a negative one forever), then warns as PHP does and gives false.
 */
export async function stream_socket_accept(server: unknown, timeout: unknown = null): Promise<[PhpSocketStream | false, string | null]> {
  const listener = socketStream(server, 'stream_socket_accept', 1, 'socket');
  const seconds = timeoutSeconds(timeout);
  const socket = listener.socket;
  const blocking = socket.blocking;
  socket.blocking = seconds !== 0;
  socket.receiveTimeoutMs = seconds > 0 ? Math.max(1, seconds * 1000) : 0;
  const accepted = await socket.accept();
  socket.blocking = blocking;
  if (!(accepted instanceof PhpSocket)) {
    phpWarning('stream_socket_accept(): Accept failed: Connection timed out');
    return [false, null];
  }
  const stream = new PhpSocketStream(accepted, listener.streamType);
  const peer = accepted.peerName();
  return [stream, Array.isArray(peer) ? formatName(stream, peer) : null];
}

export function stream_socket_get_name(stream: unknown, remote: unknown): string | false {
  const open = socketStream(stream, 'stream_socket_get_name', 1, 'socket');
  const name = toBool(remote) ? open.socket.peerName() : open.socket.localName();
  return Array.isArray(name) ? formatName(open, name) : false;
}

export function stream_socket_shutdown(stream: unknown, mode: unknown): boolean {
  const how = toInt(mode);
  if (how < STREAM_SHUT_RD || how > STREAM_SHUT_RDWR) {
    throw new PhpError('ValueError', 'stream_socket_shutdown(): Argument #2 ($mode) must be one of STREAM_SHUT_RD, STREAM_SHUT_WR, or STREAM_SHUT_RDWR');
  }
  return socketStream(stream, 'stream_socket_shutdown').socket.shutdown(how) === 0;
}

export function fread(stream: unknown, length: unknown): Promise<string | false> {
  const open = socketStream(stream, 'fread');
  const count = toInt(length);
  if (count <= 0) throw new PhpError('ValueError', 'fread(): Argument #2 ($length) must be greater than 0');
  return open.read(count);
}

export async function fgetc(stream: unknown): Promise<string | false> {
  const read = await socketStream(stream, 'fgetc').read(1);
  return read === '' ? false : read;
}

export function stream_get_line(stream: unknown, length: unknown, ending: unknown = ''): Promise<string | false> {
  const open = socketStream(stream, 'stream_get_line');
  const count = toInt(length);
  if (count < 0) throw new PhpError('ValueError', 'stream_get_line(): Argument #2 ($length) must be greater than or equal to 0');
  return open.readUntil(count === 0 ? CHUNK_SIZE : count, toStr(ending));
}

export function stream_get_contents(stream: unknown, length: unknown = null, offset: unknown = -1): Promise<string> {
  if (toInt(offset) !== -1) throw new PhpError('Error', 'not ported from PHP: stream_get_contents() with an offset on a socket');
  const count = length === null ? null : toInt(length);
  return socketStream(stream, 'stream_get_contents').readAll(count !== null && count < 0 ? null : count);
}

export function feof(stream: unknown): Promise<boolean> {
  return socketStream(stream, 'feof').atEnd();
}

export function stream_set_timeout(stream: unknown, seconds: unknown, microseconds: unknown = 0): boolean {
  socketStream(stream, 'stream_set_timeout').timeoutMs = toInt(seconds) * 1000 + toInt(microseconds) / 1000;
  return true;
}

export function stream_set_blocking(stream: unknown, enable: unknown): boolean {
  socketStream(stream, 'stream_set_blocking').socket.blocking = toBool(enable);
  return true;
}

/** stream_get_meta_data() of a socket stream, with PHP's keys in PHP's order. */
export function stream_get_meta_data(stream: unknown): PhpArray<PhpValue> {
  const open = socketStream(stream, 'stream_get_meta_data');
  return PhpArray.fromEntries<PhpValue>([
    ['timed_out', open.timedOut],
    ['blocked', open.blocking],
    ['eof', open.eof],
    ['stream_type', open.streamType],
    ['mode', 'r+'],
    ['unread_bytes', open.unreadBytes],
    ['seekable', false],
  ]);
}

/** is_resource(): an open stream (a closed one is a resource of type "Unknown"). */
export function is_resource(value: unknown): boolean {
  return value instanceof PhpStream && !value.closed;
}

export function get_resource_type(value: unknown): string {
  if (value instanceof PhpStreamContext) return 'stream-context';
  if (!(value instanceof PhpStream)) throw new PhpError('TypeError', `get_resource_type(): Argument #1 ($resource) must be of type resource, ${phpTypeName(value)} given`);
  return value.closed ? 'Unknown' : 'stream';
}

/** A stream_select() set: the streams of a PHP array, or null. */
type StreamSet = PhpArray<PhpStream> | PhpArray<PhpValue> | null | undefined;

/** The streams of a select array with their keys (PHP's TypeError for anything else). */
function selectStreams(set: StreamSet): [PhpKey, PhpSocketStream][] {
  if (!(set instanceof PhpArray)) return [];
  const entries = set.entries() as [PhpKey, unknown][];
  for (const [, stream] of entries) {
    if (!(stream instanceof PhpSocketStream) || stream.closed) throw new PhpError('TypeError', 'stream_select(): supplied argument is not a valid stream resource');
  }
  return entries as [PhpKey, PhpSocketStream][];
}

/** A select array rewritten to its ready streams, keys kept; null stays null. */
function readyOnly<S extends StreamSet>(set: S, ready: [PhpKey, PhpSocketStream][]): S {
  return set instanceof PhpArray ? (PhpArray.fromEntries(ready) as S) : set;
}

/**
 * stream_select(): [ready count, read, write, except] - each array keeps its ready streams with
 * their keys, as PHP rewrites its by-reference arguments. `seconds` null waits forever; 0 polls.
 */
export function stream_select<R extends StreamSet, W extends StreamSet, E extends StreamSet>(
  read: R,
  write: W,
  except: E,
  seconds: unknown,
  microseconds: unknown = null,
): Awaitable<[number | false, R, W, E]> {
  if (!(read instanceof PhpArray) && !(write instanceof PhpArray) && !(except instanceof PhpArray)) throw new PhpError('ValueError', 'No stream arrays were passed');
  const reading = selectStreams(read);
  const writing = selectStreams(write);
  selectStreams(except);
  const timeoutMs = seconds === null || seconds === undefined ? null : toInt(seconds) * 1000 + toInt(microseconds ?? 0) / 1000;
  const result = (ready: boolean): [number | false, R, W, E] => {
    const readable = ready ? reading.filter(([, stream]) => stream.isReadable()) : [];
    const writable = ready ? writing.filter(([, stream]) => stream.socket.isWritable()) : [];
    return [readable.length + writable.length, readyOnly(read, readable), readyOnly(write, writable), readyOnly(except, [])];
  };
  const anyReady = () => reading.some(([, stream]) => stream.isReadable()) || writing.some(([, stream]) => stream.socket.isWritable());
  return whenReady(() => (timeoutMs === 0 || anyReady() ? result(true) : undefined), timeoutMs, () => result(false), true);
}
