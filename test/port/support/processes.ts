// Running a program (PHP or its port) under a scripted scenario: the same traffic for both,
// bounded in time, the process always killed at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface Transcript {
  /** What the scenario observed (what clients received, in order). */
  observed: Record<string, string>;
  stdout: string;
  /** Warnings without PHP's " in FILE on line N", which the port does not know. */
  stderr: string;
  code: number | null;
}

export interface RunningProgram {
  output(): string;
  /** Resolves once stdout contains `text`. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

/**
 * PHP logs "PHP Warning:  msg in /path/file.php on line 12" and adds a stack trace to fatal
 * errors; the port cannot know paths and lines, so both are compared without them.
 */
export function normalizeStderr(stderr: string): string {
  return stderr
    .replace(/ in \S+ on line \d+$/gm, '')
    .replace(/ in \S+:\d+$/gm, '')
    .replace(/^(Stack trace:|#\d+ .*|  thrown)$/gm, '')
    .replace(/\n+/g, '\n')
    .trim();
}

/** Polls until `condition` gives a value, failing after `timeoutMs`. */
export async function poll<T>(what: string, condition: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await condition();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function runProgram(
  command: readonly string[],
  scenario: (program: RunningProgram) => Promise<Record<string, string>>,
  timeoutMs = 15_000,
): Promise<Transcript> {
  const child: ChildProcess = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('latin1').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('latin1').on('data', (chunk: string) => (stderr += chunk));
  // 'close', not 'exit': the output pipes may still hold data when the process has exited.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const program: RunningProgram = {
    output: () => stdout,
    waitForOutput: (text, wait = 5000) => poll(`"${text}" in the output of ${command.join(' ')} (so far: ${JSON.stringify(stdout)})`, () => (stdout.includes(text) ? true : undefined), wait).then(() => undefined),
    exited,
  };
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const observed = await scenario(program);
    const code = await exited;
    return { observed, stdout, stderr: normalizeStderr(stderr), code };
  } catch (error) {
    throw new Error(`${(error as Error).message}\nstdout: ${stdout}\nstderr: ${stderr}`);
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
