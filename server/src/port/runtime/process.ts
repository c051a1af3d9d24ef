// The program's surroundings: output, exit codes, argv, environment, time, files.
// Output is written synchronously (stdout and stderr are synchronous for files and pipes on
// Linux), so what PHP echoes before exit() is all there after process.exit().
import * as fs from 'node:fs';
import { ERRNO_TEXTS } from './errno.generated';
import { PhpArray, PhpError, phpNotice, phpTypeName, phpWarning, toBool, toInt, toStr, type PhpValue } from './values';
import { sprintf } from './strings';
import { PhpSocket } from './sockets';

/** What a socket stream (streams.ts) does for fwrite(), fgets() and fclose(). */
export interface SocketStreamIo {
  write(bytes: string): number | false;
  readLine(length: number | null): Promise<string | false>;
  close(): void;
}

/** A stream resource: STDIN, STDOUT, STDERR, a file fopen() opened, or a socket stream. */
export class PhpStream {
  static readonly phpClassName = 'resource';
  closed = false;
  /** A socket stream's own I/O; files and the standard streams have none. */
  socketIo?: SocketStreamIo;
  constructor(readonly fd: number) {}
}

/** A stream argument that is still open, or PHP's TypeError. */
function openStream(stream: unknown, functionName: string): PhpStream {
  if (!(stream instanceof PhpStream)) throw new PhpError('TypeError', `${functionName}(): Argument #1 ($stream) must be of type resource, ${phpTypeName(stream)} given`);
  if (stream.closed) throw new PhpError('TypeError', `${functionName}(): supplied resource is not a valid stream resource`);
  return stream;
}

/** The text the C library gives for a Node error's errno ("No such file or directory"). */
function errorText(error: unknown): string {
  const errno = -((error as NodeJS.ErrnoException).errno ?? 0);
  return ERRNO_TEXTS[errno] ?? String((error as NodeJS.ErrnoException).code);
}

/** fopen()'s modes as open(2) flags ('b' and 't' change nothing on Linux). */
const OPEN_FLAGS: Record<string, number> = {
  r: fs.constants.O_RDONLY,
  'r+': fs.constants.O_RDWR,
  w: fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC,
  'w+': fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC,
  a: fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_APPEND,
  'a+': fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_APPEND,
  x: fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL,
  'x+': fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL,
  c: fs.constants.O_WRONLY | fs.constants.O_CREAT,
  'c+': fs.constants.O_RDWR | fs.constants.O_CREAT,
};

/** fopen() of a file (not a URL wrapper): a stream, or PHP's warning and false. */
export function fopen(path: unknown, mode: unknown): PhpStream | false {
  const name = toStr(path);
  const written = toStr(mode);
  const flags = OPEN_FLAGS[written.replace(/[bt]/g, '')];
  if (flags === undefined) {
    phpWarning(`fopen(${name}): Failed to open stream: \`${written}' is not a valid mode for fopen`);
    return false;
  }
  try {
    return new PhpStream(fs.openSync(bytesToUtf8(name), flags, 0o666));
  } catch (error) {
    phpWarning(`fopen(${name}): Failed to open stream: ${errorText(error)}`);
    return false;
  }
}

export function fclose(stream: unknown): boolean {
  const open = openStream(stream, 'fclose');
  if (open.socketIo) open.socketIo.close();
  else if (open.fd > 2) fs.closeSync(open.fd);
  open.closed = true;
  return true;
}

/** The result of a call the program drops (`fsockopen(...);` alone): PHP frees a stream or socket at once, which closes it. */
export function dropped(result: unknown): void {
  const value = Array.isArray(result) ? result[0] : result;
  if (value instanceof PhpStream && !value.closed) fclose(value);
  else if (value instanceof PhpSocket && !value.closed) value.close();
}

/** /etc/protocols (Debian's netbase) as getprotobyname() reads it: name, number, alias. */
const PROTOCOLS: [string, number, string][] = [
  ['ip', 0, 'IP'],
  ['icmp', 1, 'ICMP'],
  ['igmp', 2, 'IGMP'],
  ['tcp', 6, 'TCP'],
  ['udp', 17, 'UDP'],
  ['ipv6', 41, 'IPv6'],
  ['ipv6-icmp', 58, 'IPv6-ICMP'],
  ['sctp', 132, 'SCTP'],
];

export function getprotobyname(protocol: unknown): number | false {
  const name = toStr(protocol);
  return PROTOCOLS.find(([own, , alias]) => own === name || alias === name)?.[1] ?? false;
}

export function getprotobynumber(protocol: unknown): string | false {
  const number = toInt(protocol);
  return PROTOCOLS.find(([, own]) => own === number)?.[0] ?? false;
}

export const STDIN = new PhpStream(0);

export const STDOUT = new PhpStream(1);

export const STDERR = new PhpStream(2);

/** Output echoed since the program last waited; written in one piece when it waits or ends. */
let pendingOutput = '';

/** Writes what echo/print/printf produced so far (before waiting, exiting or writing stderr). */
export function flushOutput(): void {
  if (pendingOutput === '') return;
  const buffer = Buffer.from(pendingOutput, 'latin1');
  pendingOutput = '';
  process.stdout.write(buffer);
}

/**
 * Writes a byte string to a file descriptor. Standard output is collected until the program's
 * next await (a microtask), so a loop of echos costs one write, in the same order as PHP's.
 */
export function writeBytes(fd: number, bytes: string): void {
  if (fd === 1) {
    if (pendingOutput === '') queueMicrotask(flushOutput);
    pendingOutput += bytes;
    return;
  }
  flushOutput();
  const buffer = Buffer.from(bytes, 'latin1');
  if (fd === 2) process.stderr.write(buffer);
  else fs.writeSync(fd, buffer);
}

export function echo(...values: unknown[]): void {
  writeBytes(1, values.length === 1 ? toStr(values[0]) : values.map(toStr).join(''));
}

export function print(value: unknown): number {
  writeBytes(1, toStr(value));
  return 1;
}

export function printf(format: unknown, ...values: unknown[]): number {
  const text = sprintf(format, ...values);
  writeBytes(1, text);
  return text.length;
}

/**
 * fwrite()/fputs() to STDOUT, STDERR, a file or a socket stream; a stream not open for writing
 * gives PHP's notice and false. A `length` writes at most that many bytes (none when it is 0 or
 * below, as PHP 8.2 does, without an error).
 */
export function fwrite(stream: unknown, data: unknown, length: unknown = null): number | false {
  const open = openStream(stream, 'fwrite');
  const whole = toStr(data);
  const bytes = length === null ? whole : whole.slice(0, Math.max(0, toInt(length)));
  if (open.socketIo) return open.socketIo.write(bytes);
  if (open.fd === 1 || open.fd === 2) {
    writeBytes(open.fd, bytes);
    return bytes.length;
  }
  try {
    return fs.writeSync(open.fd, Buffer.from(bytes, 'latin1'));
  } catch (error) {
    phpNotice(`fwrite(): Write of ${bytes.length} bytes failed with errno=${-((error as NodeJS.ErrnoException).errno ?? 0)} ${errorText(error)}`);
    return false;
  }
}

/** Lines of standard input, read once the program asks for one. */
const stdinLines: string[] = [];
let stdinEnded = false;
let stdinWaiter: (() => void) | undefined;
let stdinStarted = false;

/** fgets(STDIN): the next line with its "\n", or false at the end of input. */
export async function fgets(stream: unknown, length: unknown = null): Promise<string | false> {
  const open = openStream(stream, 'fgets');
  if (open.socketIo) return open.socketIo.readLine(length === null ? null : toInt(length));
  if (open.fd !== 0) return false;
  if (!stdinStarted) {
    stdinStarted = true;
    let pending = '';
    process.stdin.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        stdinLines.push(pending.slice(0, newline + 1));
        pending = pending.slice(newline + 1);
      }
      stdinWaiter?.();
    });
    process.stdin.on('end', () => {
      if (pending) stdinLines.push(pending);
      stdinEnded = true;
      stdinWaiter?.();
    });
  }
  while (stdinLines.length === 0 && !stdinEnded) await new Promise<void>((resolve) => (stdinWaiter = resolve));
  process.stdin.pause();
  const line = stdinLines.shift();
  if (stdinLines.length === 0 && !stdinEnded) process.stdin.resume();
  return line ?? false;
}

/** An object of a class with a destructor. */
export interface PhpDestructible {
  __destruct(): unknown;
}

/** The objects with a destructor not run yet, in the order they were made. */
const liveDestructibles = new Set<PhpDestructible>();

/** The main script's variables, first assigned first, as PHP's symbol table holds them at the end. */
let mainVariables: (() => unknown)[] = [];

/** Registers a new object of a class with __destruct (a property initializer of the class). */
export function phpDestructible(object: PhpDestructible): true {
  liveDestructibles.add(object);
  return true;
}

/** The main script's variables, read at the end (one still in its temporal dead zone reads as null). */
export function phpMainVariables(...variables: (() => unknown)[]): void {
  mainVariables = variables;
}

/** The locals of the running functions that hold the only reference to an object with __destruct, innermost last. */
const frames = new Set<() => unknown[]>();

/** A function with such locals starts: exit() destroys what they hold first, as PHP unwinds the stack. */
export function phpEnterFrame(locals: () => unknown[]): () => unknown[] {
  frames.add(locals);
  return locals;
}

/** The function returns: its locals' objects are destroyed. */
export function phpLeaveFrame(locals: () => unknown[]): void {
  frames.delete(locals);
  for (const value of locals()) phpDestruct(value);
}

/** The last reference to an object went: PHP runs its __destruct(), once. */
export function phpDestruct(object: unknown): void {
  if (!liveDestructibles.has(object as PhpDestructible)) return;
  liveDestructibles.delete(object as PhpDestructible);
  void (object as PhpDestructible).__destruct();
}

/** `$object = <new value>` (or null) where $object held the only reference: destroyed once the new value is stored. */
export function destroyedBy<T>(old: unknown, next: T): T {
  if (old !== next) phpDestruct(old);
  return next;
}

/** The values an object or array refers to, as PHP counts references (arrays and the program's objects). */
function referencedValues(value: unknown): unknown[] {
  if (value instanceof PhpArray) return value.values();
  if (typeof value !== 'object' || value === null || value instanceof PhpSocket || value instanceof PhpStream || value instanceof Error) return [];
  return Object.values(value);
}

/**
 * PHP's shutdown: the main script's variables, last to first, that hold an object nothing else
 * refers to are destroyed (and what only they referred to with them), then every other object
 * still alive, in the order they were made.
 */
export function runDestructors(): void {
  if (liveDestructibles.size === 0) return;
  for (const locals of [...frames].reverse()) phpLeaveFrame(locals);
  const roots = mainVariables.map((read) => {
    try {
      return read();
    } catch {
      return null;
    }
  });
  mainVariables = [];
  const counts = new Map<unknown, number>();
  const seen = new Set<unknown>();
  const count = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    if (seen.has(value)) return;
    seen.add(value);
    referencedValues(value).forEach(count);
  };
  roots.forEach(count);
  const release = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    const left = (counts.get(value) ?? 1) - 1;
    counts.set(value, left);
    if (left > 0) return;
    phpDestruct(value);
    referencedValues(value).forEach(release);
  };
  for (const root of [...roots].reverse()) {
    if (typeof root === 'object' && root !== null && !(root instanceof PhpArray) && counts.get(root) === 1) release(root);
  }
  for (const object of [...liveDestructibles]) phpDestruct(object);
}

/** exit()/die(): a string is printed and the status is 0; an int is the status. Like PHP's exit, it
 * ends the program at once: `finally` blocks do not run; destructors do. */
export function exit(status: unknown = 0): never {
  if (typeof status === 'string') writeBytes(1, status);
  runDestructors();
  flushOutput();
  process.exit(typeof status === 'string' ? 0 : toInt(status));
}

/** A file PHP refuses when it compiles it: its fatal error, and nothing of the program runs. */
export function compileFailed(message: string): never {
  writeBytes(2, `PHP Fatal error:  ${message}\n`);
  process.exit(255);
}

/** Runs the ported program and ends the process the way the PHP CLI would. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => {
      runDestructors();
      flushOutput();
      process.exit(0);
    },
    (error: unknown) => {
      flushOutput();
      const description = error instanceof PhpError ? `Uncaught ${error.phpClass}: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`PHP Fatal error:  ${description}\n`);
      runDestructors();
      flushOutput();
      process.exit(255);
    },
  );
}

/** Converts text Node decoded as UTF-8 (argv, environment) back to PHP's bytes. */
export function utf8ToBytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** Byte strings used as file names, hosts or paths go back to Node as UTF-8 text. */
export function bytesToUtf8(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** $argv: the script name, then the arguments. */
export const argv: PhpArray<string> = PhpArray.of(
  utf8ToBytes(process.argv[1] ?? ''),
  ...process.argv.slice(2).map(utf8ToBytes),
);

export const argc: number = argv.count;

export function getenv(name: unknown): string | false {
  const value = process.env[bytesToUtf8(toStr(name))];
  return value === undefined ? false : utf8ToBytes(value);
}

export async function sleep(seconds: unknown): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, toInt(seconds) * 1000));
  return 0;
}

export async function usleep(microseconds: unknown): Promise<null> {
  await new Promise((resolve) => setTimeout(resolve, toInt(microseconds) / 1000));
  return null;
}

export function microtime(asFloat: true): number;
export function microtime(asFloat?: false): string;
export function microtime(asFloat: unknown = false): string | number {
  const now = performance.timeOrigin + performance.now();
  if (asFloat) return now / 1000;
  const seconds = Math.floor(now / 1000);
  return `${((now % 1000) / 1000).toFixed(8)} ${seconds}`;
}

export function time(): number {
  return Math.floor(Date.now() / 1000);
}

/** The microsecond the last uniqid() used: PHP waits for the next one, so ids never repeat. */
let lastUniqid = 0;

/** uniqid(): the prefix, then the time as 8 hex digits of seconds and 5 of microseconds; more entropy adds a digit, '.' and 8 digits. */
export function uniqid(prefix: unknown = '', moreEntropy: unknown = false): string {
  let now = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  if (now <= lastUniqid) now = lastUniqid + 1;
  lastUniqid = now;
  const id = `${toStr(prefix)}${Math.floor(now / 1e6).toString(16).padStart(8, '0')}${(now % 1e6).toString(16).padStart(5, '0')}`;
  return toBool(moreEntropy) ? `${id}${(Math.random() * 10).toFixed(8)}` : id;
}

export function file_exists(path: unknown): boolean {
  return fs.existsSync(bytesToUtf8(toStr(path)));
}

export function unlink(path: unknown): boolean {
  try {
    fs.unlinkSync(bytesToUtf8(toStr(path)));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    phpWarning(`unlink(${toStr(path)}): ${code === 'ENOENT' ? 'No such file or directory' : String(code)}`);
    return false;
  }
}

export const FILE_APPEND = 8;

/** file_put_contents(): the bytes written (an array's values joined), FILE_APPEND appends; PHP's warning and false when the file cannot be opened. */
export function file_put_contents(path: unknown, data: unknown, flags: unknown = 0): number | false {
  const bytes = data instanceof PhpArray ? data.values().map(toStr).join('') : toStr(data);
  try {
    fs.writeFileSync(bytesToUtf8(toStr(path)), Buffer.from(bytes, 'latin1'), { flag: toInt(flags) & FILE_APPEND ? 'a' : 'w' });
    return bytes.length;
  } catch (error) {
    phpWarning(`file_put_contents(${toStr(path)}): Failed to open stream: ${errorText(error)}`);
    return false;
  }
}

export function file_get_contents(path: unknown): string | false {
  try {
    return fs.readFileSync(bytesToUtf8(toStr(path))).toString('latin1');
  } catch {
    phpWarning(`file_get_contents(${toStr(path)}): Failed to open stream: No such file or directory`);
    return false;
  }
}

/** error_log() in the CLI writes the message and a newline to stderr. */
export function error_log(message: unknown): boolean {
  writeBytes(2, `${toStr(message)}\n`);
  return true;
}

/**
 * include/require of a file that was missing when the program was ported: PHP's warnings and
 * false (include), or its warning and fatal Error (require).
 */
export function includeFailed(keyword: 'include' | 'include_once' | 'require' | 'require_once', path: string): false {
  phpWarning(`${keyword}(${path}): Failed to open stream: No such file or directory`);
  if (keyword.startsWith('require')) throw new PhpError('Error', `Failed opening required '${path}' (include_path='.:/usr/share/php')`);
  phpWarning(`${keyword}(): Failed opening '${path}' for inclusion (include_path='.:/usr/share/php')`);
  return false;
}

/** Settings that change nothing for a port (set_time_limit, error_reporting, ini_set, ...). */
export function noEffect(..._ignored: PhpValue[]): null {
  return null;
}

/**
 * Reached where the PHP could not be ported (a TODO(port) comment says why). An arrow function,
 * so TypeScript does not treat the code after a call as unreachable.
 */
export const unported = (php: string): never => {
  throw new PhpError('Error', `not ported from PHP: ${php}`);
};
