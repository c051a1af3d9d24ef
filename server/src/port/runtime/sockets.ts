// ext/sockets on node:net and node:dgram. PHP's calls block; here each one is an async
// function the program awaits, so its loops keep their shape. PhpSocket buffers what Node
// delivers (bytes, connections, datagrams) and the calls take from those queues the way the
// kernel calls would: socket_read() returns what is there, accept() waits for the next
// connection, select() waits until one of the sockets has something.
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import { ERRNO_TEXTS } from './errno.generated';
import { bytesToUtf8 } from './process';
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  MSG_DONTWAIT,
  MSG_PEEK,
  MSG_WAITALL,
  PHP_NORMAL_READ,
  SO_ERROR,
  SO_RCVTIMEO,
  SO_SNDTIMEO,
  SO_TYPE,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  SOL_TCP,
  SOL_UDP,
} from './socket-constants.generated';
import { PhpArray, PhpError, phpWarning, toInt, toStr, type PhpKey, type PhpValue } from './values';

/** An errno a socket operation failed with. */
class SocketFailure {
  constructor(readonly errno: number) {}
}

const EAGAIN = 11;
const EINVAL = 22;
const EPIPE = 32;
const EOPNOTSUPP = 95;
const EPROTONOSUPPORT = 93;
const ECONNRESET = 104;
const EISCONN = 106;
const ENOTCONN = 107;
const EINPROGRESS = 115;
const UNKNOWN_HOST = -10001;

/** The Linux errno of a Node error: libuv reports it negated, os.constants.errno names it. */
function errnoOf(error: unknown): number {
  const { errno, code } = error as NodeJS.ErrnoException;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return UNKNOWN_HOST;
  if (typeof errno === 'number' && errno < 0 && errno > -4096) return -errno;
  const named = code ? (os.constants.errno as Record<string, number>)[code] : undefined;
  return named ?? EINVAL;
}

/** A value now, or a promise of it when the call has to wait (the port awaits either). */
export type Awaitable<T> = T | Promise<T>;

/** Applies `next` to a value that may still be coming. */
function then<T, R>(value: Awaitable<T>, next: (value: T) => R): Awaitable<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/**
 * The blocking call the program is in. PHP code is sequential, so there is at most one; any
 * socket event wakes it, and it looks again at what it waits for.
 */
let wakeBlockedCall: (() => void) | undefined;

function notifyBlockedCall(): void {
  const wake = wakeBlockedCall;
  wakeBlockedCall = undefined;
  wake?.();
}

/**
 * Resolves true at the next socket event, false after `timeoutMs` (null: no timeout). With
 * `together`, once Node has run all the I/O callbacks of that turn (setImmediate) rather than at
 * the first: a select() then sees every socket that became readable at once, as the kernel's
 * does, and a loop over 4 clients serves 4 requests per select rather than one.
 */
function nextSocketEvent(timeoutMs: number | null, together: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = timeoutMs === null ? undefined : setTimeout(() => {
      wakeBlockedCall = undefined;
      resolve(false);
    }, timeoutMs);
    wakeBlockedCall = () => {
      clearTimeout(timer);
      if (together) setImmediate(resolve, true);
      else resolve(true);
    };
  });
}

/** Socket calls answered without waiting since Node's I/O last ran; every YIELD_EVERY-th waits for it. */
let answeredAtOnce = 0;
const YIELD_EVERY = 64;

/**
 * Runs `attempt` now and, while it has no result, again after each socket event: a result at
 * once when there is one (no promise, as PHP's call returns at once), else a promise of it.
 * Every YIELD_EVERY-th call in a row that would not wait waits for one turn of Node's I/O first.
 * `select`: a select() over many sockets, which looks again once the turn's events are all in.
 */
export function whenReady<T>(attempt: () => T | undefined, timeoutMs: number | null, onTimeout: () => T, select = false): Awaitable<T> {
  const yielding = ++answeredAtOnce >= YIELD_EVERY;
  if (!yielding) {
    const now = attempt();
    if (now !== undefined) return now;
  }
  return (async () => {
    answeredAtOnce = 0;
    if (yielding) {
      // A loop whose calls never wait (a closed peer left in a select set) would starve Node's
      // I/O, and so every other client; PHP's kernel keeps serving them. Let Node's I/O run.
      await new Promise((resolve) => setImmediate(resolve));
      const now = attempt();
      if (now !== undefined) return now;
    }
    const deadline = timeoutMs === null ? null : Date.now() + timeoutMs;
    for (;;) {
      const remaining = deadline === null ? null : deadline - Date.now();
      if ((remaining !== null && remaining <= 0) || !(await nextSocketEvent(remaining, select))) return onTimeout();
      const result = attempt();
      if (result !== undefined) return result;
    }
  })();
}

/** Stop reading from Node once this much is queued, as a full kernel buffer would. */
const HIGH_WATER_BYTES = 1 << 20;

interface Datagram {
  data: Buffer;
  address: string;
  port: number;
}

/** A PHP Socket object. */
export class PhpSocket {
  static readonly phpClassName = 'Socket';
  /** socket_last_error($socket). */
  lastError = 0;
  blocking = true;
  closed = false;
  /** SO_RCVTIMEO in milliseconds; 0 waits forever. */
  receiveTimeoutMs = 0;
  private readonly options = new Map<string, PhpValue>();
  private server?: net.Server;
  private stream?: net.Socket;
  private udp?: dgram.Socket;
  private udpBound = false;
  private connecting = false;
  private connectOutcome?: Promise<number>;
  private peer?: { address: string; port: number };
  private localBinding?: { address: string; port: number };
  private readonly inbox: Buffer[] = [];
  private inboxBytes = 0;
  private ended = false;
  private readShutdown = false;
  private writeShutdown = false;
  private streamError = 0;
  /** SO_ERROR: the error of a non-blocking connect, until read. */
  private pendingError = 0;
  private readonly incoming: PhpSocket[] = [];
  private readonly datagrams: Datagram[] = [];

  constructor(
    readonly domain: number,
    readonly type: number,
    readonly protocol: number,
  ) {}

  private changed(): void {
    notifyBlockedCall();
  }

  /** SO_RCVTIMEO as a wait limit. */
  private get receiveTimeout(): number | null {
    return this.receiveTimeoutMs > 0 ? this.receiveTimeoutMs : null;
  }

  private attachStream(stream: net.Socket): void {
    this.stream = stream;
    stream.on('data', (chunk: Buffer) => {
      this.inbox.push(chunk);
      this.inboxBytes += chunk.length;
      if (this.inboxBytes > HIGH_WATER_BYTES) stream.pause();
      this.changed();
    });
    stream.on('end', () => {
      this.ended = true;
      this.changed();
    });
    stream.on('error', (error) => {
      this.streamError = errnoOf(error);
      this.pendingError = this.streamError;
      this.changed();
    });
    stream.on('close', () => {
      this.ended = true;
      this.changed();
    });
  }

  private static accepted(domain: number, stream: net.Socket): PhpSocket {
    const socket = new PhpSocket(domain, SOCK_STREAM, 0);
    socket.attachStream(stream);
    return socket;
  }

  private ensureUdp(): dgram.Socket {
    if (!this.udp) {
      const udp = dgram.createSocket({ type: this.domain === AF_INET6 ? 'udp6' : 'udp4', reuseAddr: this.option(SOL_SOCKET, 2) === 1 });
      udp.on('message', (data, remote) => {
        this.datagrams.push({ data, address: remote.address, port: remote.port });
        this.changed();
      });
      udp.on('error', (error) => {
        this.streamError = errnoOf(error);
        this.changed();
      });
      this.udp = udp;
    }
    return this.udp;
  }

  private option(level: number, name: number): PhpValue | undefined {
    return this.options.get(`${level}:${name}`);
  }

  setOption(level: number, name: number, value: PhpValue): void {
    this.options.set(`${level}:${name}`, value);
    if (level === SOL_SOCKET && name === SO_RCVTIMEO && value instanceof PhpArray) {
      this.receiveTimeoutMs = toInt(value.get('sec')) * 1000 + toInt(value.get('usec')) / 1000;
    }
    if (level === 6 && name === 1) this.stream?.setNoDelay(Boolean(value));
    if (level === SOL_SOCKET && name === 9) this.stream?.setKeepAlive(Boolean(value));
    if (level === SOL_SOCKET && name === 6) this.udp?.setBroadcast(Boolean(value));
  }

  getOption(level: number, name: number): PhpArray<PhpValue> | number | false {
    if (level === SOL_SOCKET && name === SO_ERROR) {
      const error = this.pendingError;
      this.pendingError = 0;
      return error;
    }
    if (level === SOL_SOCKET && name === SO_TYPE) return this.type;
    const stored = this.option(level, name);
    if (stored instanceof PhpArray) return stored.copy();
    if (stored !== undefined) return typeof stored === 'number' ? stored : Number(Boolean(stored));
    if (level === SOL_SOCKET && (name === SO_RCVTIMEO || name === SO_SNDTIMEO)) return PhpArray.fromEntries([['sec', 0], ['usec', 0]]);
    return 0;
  }

  async bind(address: string, port: number): Promise<number> {
    if (this.type === SOCK_DGRAM) {
      if (this.domain === AF_UNIX) throw new PhpError('Error', 'not ported from PHP: AF_UNIX datagram sockets have no Node equivalent');
      const udp = this.ensureUdp();
      return new Promise((resolve) => {
        const onError = (error: Error) => resolve(errnoOf(error));
        udp.once('error', onError);
        udp.bind({ address, port, exclusive: true }, () => {
          udp.off('error', onError);
          this.udpBound = true;
          resolve(0);
        });
      });
    }
    if (this.server || this.stream) return EINVAL;
    // A TCP port is only taken when Node listens, so bind() listens; accept() will not
    // take a connection before the program calls socket_listen()/socket_accept().
    this.localBinding = { address, port };
    return this.listenOn(this.domain === AF_UNIX ? { path: address } : { host: address, port });
  }

  private listenOn(options: net.ListenOptions): Promise<number> {
    const server = net.createServer({ allowHalfOpen: true });
    server.on('connection', (stream) => {
      this.incoming.push(PhpSocket.accepted(this.domain, stream));
      this.changed();
    });
    return new Promise((resolve) => {
      server.once('error', (error) => resolve(errnoOf(error)));
      server.listen({ ...options, backlog: 511 }, () => {
        server.removeAllListeners('error');
        server.on('error', () => undefined);
        this.server = server;
        resolve(0);
      });
    });
  }

  async listen(): Promise<number> {
    if (this.type !== SOCK_STREAM) return EOPNOTSUPP;
    if (this.server) return 0;
    if (this.stream) return EINVAL;
    // Linux gives an unbound AF_UNIX socket no address to listen on (EINVAL); Node would throw.
    if (this.domain === AF_UNIX) return EINVAL;
    return this.listenOn({ host: this.domain === AF_INET6 ? '::' : '0.0.0.0', port: 0 });
  }

  accept(): Awaitable<PhpSocket | SocketFailure> {
    if (!this.server) return new SocketFailure(EINVAL);
    const attempt = () => this.incoming.shift() ?? (this.blocking ? undefined : new SocketFailure(EAGAIN));
    return whenReady(attempt, this.receiveTimeout, () => new SocketFailure(EAGAIN));
  }

  async connect(address: string, port: number): Promise<number> {
    if (this.type === SOCK_DGRAM) {
      this.ensureUdp();
      this.peer = { address, port };
      return 0;
    }
    if (this.stream) return this.connecting ? 114 : EISCONN;
    if (this.server) {
      // bind() then connect(): a client that chose its local address.
      this.closeServer();
      this.server = undefined;
    }
    const local = this.localBinding;
    const stream =
      this.domain === AF_UNIX
        ? net.connect({ path: address, allowHalfOpen: true })
        : net.connect({ host: address, port, allowHalfOpen: true, localAddress: local?.address, localPort: local?.port || undefined });
    this.attachStream(stream);
    this.connecting = true;
    this.connectOutcome = new Promise<number>((resolve) => {
      stream.once('connect', () => resolve(0));
      stream.once('error', (error) => resolve(errnoOf(error)));
    }).then((errno) => {
      this.connecting = false;
      this.changed();
      return errno;
    });
    if (!this.blocking) return EINPROGRESS;
    const errno = await this.connectOutcome;
    if (errno !== 0) this.forgetStream();
    return errno;
  }

  private forgetStream(): void {
    this.stream?.destroy();
    this.stream = undefined;
    this.streamError = 0;
    this.pendingError = 0;
    this.ended = false;
  }

  /** Takes up to `length` queued bytes (or peeks at them). */
  private take(length: number, peek = false): Buffer {
    // The front chunk, or all of them joined into one when it is shorter than asked; a request
    // that came in one piece is taken without a copy.
    if (this.inbox.length > 1 && this.inbox[0]!.length < length) this.inbox.splice(0, this.inbox.length, Buffer.concat(this.inbox, this.inboxBytes));
    const first = this.inbox[0]!;
    const bytes = first.length <= length ? first : first.subarray(0, length);
    if (!peek) {
      if (first.length > length) this.inbox[0] = first.subarray(length);
      else this.inbox.shift();
      this.inboxBytes -= bytes.length;
      if (this.inboxBytes <= HIGH_WATER_BYTES / 2 && this.stream?.isPaused()) this.stream.resume();
    }
    return bytes;
  }

  /** recv(): what is queued (up to `length`), '' at end of stream, or an errno. */
  receive(length: number, flags: number): Awaitable<Buffer | SocketFailure> {
    if (this.type === SOCK_DGRAM) {
      return then(this.receiveDatagram(length, flags), (datagram) => (datagram instanceof SocketFailure ? datagram : datagram.data));
    }
    const dontWait = !this.blocking || (flags & MSG_DONTWAIT) !== 0;
    const attempt = (): Buffer | SocketFailure | undefined => {
      const complete = (flags & MSG_WAITALL) === 0 || this.inboxBytes >= length || this.ended || this.streamError !== 0;
      if (this.inboxBytes > 0 && complete) return this.take(length, (flags & MSG_PEEK) !== 0);
      if (this.streamError) return this.takeError();
      if (this.ended || this.readShutdown || (!this.stream && !this.connecting)) return Buffer.alloc(0);
      return dontWait ? new SocketFailure(EAGAIN) : undefined;
    };
    return whenReady(attempt, this.receiveTimeout, () => new SocketFailure(EAGAIN));
  }

  /** An error is reported once; after that the socket reads as closed. */
  private takeError(): SocketFailure {
    const errno = this.streamError;
    this.streamError = 0;
    this.ended = true;
    return new SocketFailure(errno);
  }

  /**
   * PHP_NORMAL_READ: up to and including the first "\n" or "\r", or `length` bytes. PHP reads
   * byte by byte and ignores timeouts and non-blocking mode while it waits; at the end of the
   * stream before a line end it fails with ECONNRESET (a non-blocking socket gets the rest).
   */
  readLine(length: number): Awaitable<Buffer | SocketFailure> {
    const attempt = (): Buffer | SocketFailure | undefined => {
      const end = this.lineEnd(length);
      if (end > 0) return this.take(end);
      if (this.streamError) return this.takeError();
      if (this.ended || this.readShutdown || !this.stream) {
        if (!this.blocking || !this.stream) return this.inboxBytes > 0 ? this.take(this.inboxBytes) : Buffer.alloc(0);
        if (this.inboxBytes > 0) this.take(this.inboxBytes);
        return new SocketFailure(ECONNRESET);
      }
      return undefined;
    };
    return whenReady(attempt, null, () => new SocketFailure(EAGAIN));
  }

  /** Length of the line at the front of the queue, or 0 when it is not complete yet. */
  private lineEnd(length: number): number {
    let offset = 0;
    for (const chunk of this.inbox) {
      for (let i = 0; i < chunk.length && offset + i < length; i++) {
        if (chunk[i] === 10 || chunk[i] === 13) return offset + i + 1;
      }
      offset += chunk.length;
      if (offset >= length) return length;
    }
    return 0;
  }

  receiveDatagram(length: number, flags: number): Awaitable<Datagram | SocketFailure> {
    if (this.type !== SOCK_DGRAM) {
      return then(this.receive(length, flags), (data) => (data instanceof SocketFailure ? data : { data, address: '', port: 0 }));
    }
    const dontWait = !this.blocking || (flags & MSG_DONTWAIT) !== 0;
    const attempt = (): Datagram | SocketFailure | undefined => {
      const next = this.datagrams[0];
      if (next) {
        if ((flags & MSG_PEEK) === 0) this.datagrams.shift();
        return { ...next, data: next.data.subarray(0, length) };
      }
      if (!this.udp) return new SocketFailure(dontWait ? EAGAIN : EINVAL);
      return dontWait ? new SocketFailure(EAGAIN) : undefined;
    };
    return whenReady(attempt, this.receiveTimeout, () => new SocketFailure(EAGAIN));
  }

  /** send(): `data` as a Buffer or as PHP's bytes in a string (one char per byte, written as latin1 with no copy). */
  write(data: Buffer | string): Awaitable<number | SocketFailure> {
    if (this.type === SOCK_DGRAM) {
      if (!this.peer) return new SocketFailure(89);
      return this.sendDatagram(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, this.peer.address, this.peer.port);
    }
    if (this.connecting && this.stream && !this.blocking) return new SocketFailure(EAGAIN);
    if (this.connecting) return this.connectOutcome!.then(() => this.write(data));
    const stream = this.stream;
    if (!stream || this.writeShutdown || stream.destroyed || this.streamError || stream.writableEnded) {
      return new SocketFailure(this.streamError || EPIPE);
    }
    if (this.ended && stream.readableEnded && !stream.writable) return new SocketFailure(EPIPE);
    // Like a blocking write() with a full kernel buffer, wait until Node has sent what it holds.
    if (!stream.write(data, 'latin1')) return new Promise((resolve) => stream.once('drain', () => resolve(data.length)).once('close', () => resolve(data.length)));
    return data.length;
  }

  async sendDatagram(data: Buffer, address: string, port: number): Promise<number | SocketFailure> {
    const udp = this.ensureUdp();
    return new Promise((resolve) => {
      udp.send(data, port, address, (error) => resolve(error ? new SocketFailure(errnoOf(error)) : data.length));
    });
  }

  shutdown(how: number): number {
    if (!this.stream || this.connecting) return ENOTCONN;
    if (how === 0 || how === 2) {
      this.readShutdown = true;
      this.changed();
    }
    if (how === 1 || how === 2) {
      this.writeShutdown = true;
      this.stream.end();
    }
    return 0;
  }

  close(): void {
    this.closed = true;
    this.closeServer();
    for (const pending of this.incoming.splice(0)) pending.close();
    const stream = this.stream;
    if (stream) {
      // close(2) with unread input makes Linux send a reset (and drop what is unsent); otherwise
      // hand what is queued to the kernel first, which then sends it.
      if (this.inboxBytes > 0) stream.resetAndDestroy();
      else if (stream.writableLength === 0) stream.destroy();
      else stream.end(() => stream.destroy());
    }
    this.udp?.close();
    this.changed();
  }

  /**
   * Node removes a UNIX socket's file when its server closes; PHP's close() leaves it (programs
   * unlink() it themselves), so the file is kept under another name and put back.
   */
  private closeServer(): void {
    const server = this.server;
    if (!server) return;
    const path = this.domain === AF_UNIX ? this.localBinding?.address : undefined;
    const kept = path ? `${path}.${process.pid}.closing` : undefined;
    try {
      if (path && kept) fs.linkSync(path, kept);
    } catch {
      server.close();
      return;
    }
    server.close();
    if (path && kept) fs.renameSync(kept, path);
  }

  /** getsockname(): [address, port]; an AF_UNIX socket has a path and no port. */
  localName(): [string, number] | SocketFailure {
    if (this.server) {
      const address = this.server.address();
      return typeof address === 'string' ? [address, 0] : address ? [address.address, address.port] : ['', 0];
    }
    if (this.udp && this.udpBound) {
      const address = this.udp.address();
      return [address.address, address.port];
    }
    if (this.stream) return this.domain === AF_UNIX ? ['', 0] : [this.stream.localAddress ?? '', this.stream.localPort ?? 0];
    return this.domain === AF_UNIX ? ['', 0] : [this.domain === AF_INET ? '0.0.0.0' : '::', 0];
  }

  /** getpeername(): [address, port] of the connected peer. */
  peerName(): [string, number] | SocketFailure {
    if (this.peer) return [this.peer.address, this.peer.port];
    const stream = this.stream;
    if (!stream || this.connecting || (this.ended && stream.destroyed)) return new SocketFailure(ENOTCONN);
    return this.domain === AF_UNIX ? ['', 0] : [stream.remoteAddress ?? '', stream.remotePort ?? 0];
  }

  isReadable(): boolean {
    if (this.server) return this.incoming.length > 0;
    if (this.type === SOCK_DGRAM) return this.datagrams.length > 0 || this.streamError !== 0;
    if (this.connecting) return false;
    return this.inboxBytes > 0 || this.ended || this.readShutdown || this.streamError !== 0 || !this.stream;
  }

  isWritable(): boolean {
    if (this.server) return false;
    if (this.type === SOCK_DGRAM) return true;
    return !this.connecting;
  }
}

/**
 * `$client = <a new socket>` where $client held the only reference to a socket: PHP frees the old
 * one, which closes it, once the new value is stored.
 */
export function replaced<T>(old: unknown, next: T): T {
  if (old instanceof PhpSocket && old !== next && !old.closed && !sharedSockets.has(old)) old.close();
  return next;
}

/** Sockets a copy was made of (into an array, another variable, a call): another reference may keep them open. */
const sharedSockets = new WeakSet<PhpSocket>();

/** A copy of a socket's only reference is made here: `replaced()` leaves it open from now on. */
export function shared<T>(value: T): T {
  if (value instanceof PhpSocket) sharedSockets.add(value);
  return value;
}

/** socket_last_error() without a socket: the error of the last failing socket call. */
let lastSocketError = 0;

/** Records a failure on the socket and module, warning as PHP does (not for EAGAIN/EINPROGRESS). */
function socketFailed(socket: PhpSocket | undefined, functionName: string, message: string, errno: number): false {
  if (socket) socket.lastError = errno;
  lastSocketError = errno;
  if (errno !== EAGAIN && errno !== EINPROGRESS) {
    const what = errno === UNKNOWN_HOST ? 'Host lookup failed' : message;
    phpWarning(`${functionName}(): ${what} [${errno}]: ${socket_strerror(errno)}`);
  }
  return false;
}

/** A Socket argument, or PHP's TypeError/Error for anything else. */
function socketArgument(value: unknown, functionName: string, position = 1, name = 'socket'): PhpSocket {
  if (!(value instanceof PhpSocket)) {
    const given = value === false ? 'bool' : value === null || value === undefined ? 'null' : typeof value === 'string' ? 'string' : typeof value === 'number' ? 'int' : 'array';
    throw new PhpError('TypeError', `${functionName}(): Argument #${position} ($${name}) must be of type Socket, ${given} given`);
  }
  if (value.closed) throw new PhpError('Error', `${functionName}(): Argument #${position} ($${name}) has already been closed`);
  return value;
}

export function socket_create(domain: unknown, type: unknown, protocol: unknown): PhpSocket | false {
  const family = toInt(domain);
  if (family !== AF_INET && family !== AF_INET6 && family !== AF_UNIX) {
    throw new PhpError('ValueError', 'socket_create(): Argument #1 ($domain) must be one of AF_UNIX, AF_INET6, or AF_INET');
  }
  const kind = toInt(type);
  if (kind !== SOCK_STREAM && kind !== SOCK_DGRAM) {
    throw new PhpError('Error', 'not ported from PHP: only SOCK_STREAM and SOCK_DGRAM sockets have Node equivalents');
  }
  // socket(2) refuses a protocol of another family or type (SOL_UDP for a UNIX or stream socket).
  const number = toInt(protocol);
  const fits = number === 0 || (family !== AF_UNIX && number === (kind === SOCK_STREAM ? SOL_TCP : SOL_UDP));
  if (!fits) return socketFailed(undefined, 'socket_create', 'Unable to create socket', EPROTONOSUPPORT);
  return new PhpSocket(family, kind, number);
}

export async function socket_create_listen(port: unknown, backlog: unknown = 128): Promise<PhpSocket | false> {
  void backlog;
  const socket = new PhpSocket(AF_INET, SOCK_STREAM, 0);
  const errno = await socket.bind('0.0.0.0', toInt(port));
  if (errno) return socketFailed(socket, 'socket_create_listen', 'unable to bind to given address', errno);
  return socket;
}

export async function socket_bind(socket: unknown, address: unknown, port: unknown = 0): Promise<boolean> {
  const s = socketArgument(socket, 'socket_bind');
  const errno = await s.bind(bytesToUtf8(toStr(address)), toInt(port));
  return errno ? socketFailed(s, 'socket_bind', 'Unable to bind address', errno) : true;
}

/** The backlog is Node's (511): Node listens when the socket is bound. */
export async function socket_listen(socket: unknown, backlog: unknown = 0): Promise<boolean> {
  void backlog;
  const s = socketArgument(socket, 'socket_listen');
  const errno = await s.listen();
  return errno ? socketFailed(s, 'socket_listen', 'unable to listen on socket', errno) : true;
}

export function socket_accept(socket: unknown): Awaitable<PhpSocket | false> {
  const s = socketArgument(socket, 'socket_accept');
  // PHP records the error on the socket it failed to create, so the listener's stays as it was.
  return then(s.accept(), (accepted) => (accepted instanceof SocketFailure ? socketFailed(undefined, 'socket_accept', 'unable to accept incoming connection', accepted.errno) : accepted));
}

export async function socket_connect(socket: unknown, address: unknown, port: unknown = null): Promise<boolean> {
  const s = socketArgument(socket, 'socket_connect');
  const errno = await s.connect(bytesToUtf8(toStr(address)), toInt(port));
  return errno ? socketFailed(s, 'socket_connect', 'unable to connect', errno) : true;
}

export function socket_read(socket: unknown, length: unknown, mode: unknown = 2): Awaitable<string | false> {
  const s = socketArgument(socket, 'socket_read');
  const limit = toInt(length);
  if (limit < 1) throw new PhpError('ValueError', 'socket_read(): Argument #2 ($length) must be greater than 0');
  const data = toInt(mode) === PHP_NORMAL_READ ? s.readLine(limit) : s.receive(limit, 0);
  return then(data, (read) => (read instanceof SocketFailure ? socketFailed(s, 'socket_read', 'unable to read from socket', read.errno) : read.toString('latin1')));
}

/** socket_recv(): [bytes or false, data]; the data is null when nothing was received. */
export function socket_recv(socket: unknown, length: unknown, flags: unknown): Awaitable<[number | false, string | null]> {
  const s = socketArgument(socket, 'socket_recv');
  return then(s.receive(Math.max(1, toInt(length)), toInt(flags)), (data): [number | false, string | null] => {
    if (data instanceof SocketFailure) return [socketFailed(s, 'socket_recv', 'Unable to read from socket', data.errno), null];
    return [data.length, data.length > 0 ? data.toString('latin1') : null];
  });
}

/** socket_recvfrom(): [bytes or false, data, address, port]. */
export function socket_recvfrom(socket: unknown, length: unknown, flags: unknown): Awaitable<[number | false, string, string, number]> {
  const s = socketArgument(socket, 'socket_recvfrom');
  return then(s.receiveDatagram(Math.max(1, toInt(length)), toInt(flags)), (datagram): [number | false, string, string, number] => {
    if (datagram instanceof SocketFailure) return [socketFailed(s, 'socket_recvfrom', 'Unable to recvfrom', datagram.errno), '', '', 0];
    return [datagram.data.length, datagram.data.toString('latin1'), datagram.address, datagram.port];
  });
}

export function socket_write(socket: unknown, data: unknown, length: unknown = null): Awaitable<number | false> {
  const s = socketArgument(socket, 'socket_write');
  const bytes = toStr(data);
  const size = length === null ? bytes.length : Math.min(bytes.length, toInt(length));
  return then(s.write(size === bytes.length ? bytes : bytes.slice(0, size)), (written) =>
    written instanceof SocketFailure ? socketFailed(s, 'socket_write', 'unable to write to socket', written.errno) : written,
  );
}

export function socket_send(socket: unknown, data: unknown, length: unknown, flags: unknown): Awaitable<number | false> {
  void flags;
  const s = socketArgument(socket, 'socket_send');
  const bytes = toStr(data).slice(0, Math.max(0, toInt(length)));
  return then(s.write(bytes), (written) =>
    written instanceof SocketFailure ? socketFailed(s, 'socket_send', 'Unable to write to socket', written.errno) : written,
  );
}

export async function socket_sendto(socket: unknown, data: unknown, length: unknown, flags: unknown, address: unknown, port: unknown = null): Promise<number | false> {
  void flags;
  const s = socketArgument(socket, 'socket_sendto');
  if (port === null && s.domain !== AF_UNIX) {
    throw new PhpError('ValueError', `socket_sendto(): Argument #6 ($port) cannot be null when the socket type is ${s.domain === AF_INET ? 'AF_INET' : 'AF_INET6'}`);
  }
  const bytes = Buffer.from(toStr(data).slice(0, Math.max(0, toInt(length))), 'latin1');
  const sent = s.type === SOCK_DGRAM ? await s.sendDatagram(bytes, bytesToUtf8(toStr(address)), toInt(port)) : await s.write(bytes);
  return sent instanceof SocketFailure ? socketFailed(s, 'socket_sendto', 'Unable to write to socket', sent.errno) : sent;
}

/** A select() set: the sockets of a PHP array, or null. */
type SelectSet = PhpArray<PhpSocket> | PhpArray<PhpValue> | null;

/**
 * socket_select(): [ready count or false, read, write, except] - the arrays keep only the
 * ready sockets, with their keys, as PHP rewrites its by-reference arguments. `seconds`
 * null waits forever; 0 polls.
 */
export function socket_select<R extends SelectSet, W extends SelectSet, E extends SelectSet>(
  read: R,
  write: W,
  except: E,
  seconds: unknown,
  microseconds: unknown = 0,
): Awaitable<[number | false, R, W, E]> {
  if (read === null && write === null && except === null) {
    throw new PhpError('ValueError', 'socket_select(): At least one array argument must be passed');
  }
  const reading = selectEntries(read, 1);
  const writing = selectEntries(write, 2);
  selectEntries(except, 3);
  const timeoutMs = seconds === null || seconds === undefined ? null : toInt(seconds) * 1000 + toInt(microseconds) / 1000;
  const result = (ready: boolean): [number | false, R, W, E] => {
    const readable = ready ? reading.filter(([, socket]) => socket.isReadable()) : [];
    const writable = ready ? writing.filter(([, socket]) => socket.isWritable()) : [];
    return [readable.length + writable.length, rewritten(read, readable), rewritten(write, writable), rewritten(except, [])];
  };
  const attempt = () => (timeoutMs === 0 || reading.some(([, socket]) => socket.isReadable()) || writing.some(([, socket]) => socket.isWritable()) ? result(true) : undefined);
  return whenReady(attempt, timeoutMs, () => result(false), true);
}

/** The sockets of a select() array with their keys (a TypeError for anything else). */
function selectEntries(set: SelectSet, position: number): [PhpKey, PhpSocket][] {
  if (!(set instanceof PhpArray)) return [];
  const entries = set.entries() as [PhpKey, PhpSocket][];
  for (const [, socket] of entries) socketArgument(socket, 'socket_select', position, ['read', 'write', 'except'][position - 1]);
  return entries;
}

/** A select() array rewritten to the ready sockets, keeping their keys; null stays null. */
function rewritten<S extends SelectSet>(set: S, ready: [PhpKey, PhpSocket][]): S {
  return set instanceof PhpArray ? (PhpArray.fromEntries(ready) as S) : set;
}

export function socket_set_nonblock(socket: unknown): boolean {
  socketArgument(socket, 'socket_set_nonblock').blocking = false;
  return true;
}

export function socket_set_block(socket: unknown): boolean {
  socketArgument(socket, 'socket_set_block').blocking = true;
  return true;
}

/** Options are recorded; SO_RCVTIMEO, TCP_NODELAY, SO_KEEPALIVE and SO_BROADCAST take effect. */
export function socket_set_option(socket: unknown, level: unknown, option: unknown, value: unknown): boolean {
  socketArgument(socket, 'socket_set_option').setOption(toInt(level), toInt(option), value as PhpValue);
  return true;
}

export function socket_get_option(socket: unknown, level: unknown, option: unknown): PhpArray<PhpValue> | number | false {
  return socketArgument(socket, 'socket_get_option').getOption(toInt(level), toInt(option));
}

export function socket_shutdown(socket: unknown, mode: unknown = 2): boolean {
  const s = socketArgument(socket, 'socket_shutdown');
  const errno = s.shutdown(toInt(mode));
  return errno ? socketFailed(s, 'socket_shutdown', 'Unable to shutdown socket', errno) : true;
}

/** PHP's void functions give null to a program that uses their value (`return socket_close($s);`). */
export function socket_close(socket: unknown): null {
  socketArgument(socket, 'socket_close').close();
  return null;
}

/** socket_getsockname(): [ok, address, port]. */
export function socket_getsockname(socket: unknown): [boolean, string, number] {
  const s = socketArgument(socket, 'socket_getsockname');
  const name = s.localName();
  if (name instanceof SocketFailure) return [socketFailed(s, 'socket_getsockname', 'unable to retrieve socket name', name.errno), '', 0];
  return [true, ...name];
}

/** socket_getpeername(): [ok, address, port]. */
export function socket_getpeername(socket: unknown): [boolean, string, number] {
  const s = socketArgument(socket, 'socket_getpeername');
  const name = s.peerName();
  if (name instanceof SocketFailure) return [socketFailed(s, 'socket_getpeername', 'unable to retrieve peer name', name.errno), '', 0];
  return [true, ...name];
}

export function socket_last_error(socket: unknown = null): number {
  return socket === null ? lastSocketError : socketArgument(socket, 'socket_last_error').lastError;
}

export function socket_clear_error(socket: unknown = null): null {
  if (socket === null) lastSocketError = 0;
  else socketArgument(socket, 'socket_clear_error').lastError = 0;
  return null;
}

export function socket_strerror(errno: unknown): string {
  const code = toInt(errno);
  return ERRNO_TEXTS[code] ?? `Unknown error ${code}`;
}
