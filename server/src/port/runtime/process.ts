// The program's surroundings: output, exit codes, argv, environment, time, files.
// Output is written synchronously (stdout and stderr are synchronous for files and pipes on
// Linux), so what PHP echoes before exit() is all there after process.exit().
import * as fs from 'node:fs';
import { PhpArray, PhpError, phpWarning, toInt, toStr, type PhpValue } from './values';
import { sprintf } from './strings';

/** A stream resource: STDIN, STDOUT or STDERR. */
export class PhpStream {
  static readonly phpClassName = 'resource';
  constructor(readonly fd: number) {}
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

/** fwrite()/fputs() to STDOUT or STDERR. */
export function fwrite(stream: unknown, data: unknown): number | false {
  if (!(stream instanceof PhpStream) || stream.fd === 0) return false;
  const bytes = toStr(data);
  writeBytes(stream.fd, bytes);
  return bytes.length;
}

/** Lines of standard input, read once the program asks for one. */
const stdinLines: string[] = [];
let stdinEnded = false;
let stdinWaiter: (() => void) | undefined;
let stdinStarted = false;

/** fgets(STDIN): the next line with its "\n", or false at the end of input. */
export async function fgets(stream: unknown): Promise<string | false> {
  if (!(stream instanceof PhpStream) || stream.fd !== 0) return false;
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

/** exit()/die(): a string is printed and the status is 0; an int is the status. Like PHP's exit, it
 * ends the program at once: `finally` blocks do not run. */
export function exit(status: unknown = 0): never {
  if (typeof status === 'string') writeBytes(1, status);
  flushOutput();
  process.exit(typeof status === 'string' ? 0 : toInt(status));
}

/** Runs the ported program and ends the process the way the PHP CLI would. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => {
      flushOutput();
      process.exit(0);
    },
    (error: unknown) => {
      flushOutput();
      const description = error instanceof PhpError ? `Uncaught ${error.phpClass}: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`PHP Fatal error:  ${description}\n`);
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

export function file_put_contents(path: unknown, data: unknown): number | false {
  const bytes = toStr(data);
  try {
    fs.writeFileSync(bytesToUtf8(toStr(path)), Buffer.from(bytes, 'latin1'));
    return bytes.length;
  } catch {
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
