// --fix keeps what programs do: the example servers, fixed by the real CLI (dist), run under the
// real PHP CLI with the same loopback traffic as the originals and give the same transcript
// (what the clients received, stdout, warnings, exit code). The chat server's original dies at
// its first socket_select() (`$write = null` cannot be passed by reference: a call that can never
// work, which the fix repairs), so its reference is that one line repaired by hand.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamClient } from '../port/support/clients';
import { freePort, runProgram, type Transcript } from '../port/support/processes';
import { makeTree, removeTrees, ROOT, runCli } from './cli-harness';

afterAll(removeTrees);

const CHAT = readFileSync(join(ROOT, 'examples/tcp-chat-server.php'), 'utf8');
const UDP_ECHO = readFileSync(join(ROOT, 'examples/udp-echo-server.php'), 'utf8');
const BROKEN_SELECT = 'socket_select($read, $write = null, $except = null, null)';

/** Fixes `files` with `php-socket-lint --fix` in a fresh folder and returns the folder. */
async function fixedCopy(files: Record<string, string>): Promise<string> {
  const dir = makeTree(files);
  await runCli(['--fix', '--format', 'json', dir]);
  return dir;
}

/** Two chat clients and one that resets its connection; the server must go on relaying. */
async function chatTraffic(port: number): Promise<Record<string, string>> {
  const a = await StreamClient.connectWhenReady({ port });
  await a.waitFor('There are 1 people');
  const b = await StreamClient.connect({ port });
  await b.waitFor('There are 2 people');
  const resetting = connect(port, '127.0.0.1');
  resetting.on('error', () => undefined);
  await new Promise<void>((resolve) => resetting.once('data', () => resolve()));
  resetting.resetAndDestroy();
  a.send('hello after the reset\n');
  await b.waitFor('hello after the reset\n');
  b.send('bye\n');
  await a.waitFor('bye\n');
  // a and b stay connected until the harness kills the server, so no later reset races the kill.
  return { a: a.received, b: b.received };
}

async function runChat(file: string): Promise<Transcript> {
  const port = await freePort();
  const source = readFileSync(file, 'utf8').replace('$port = 4000;', `$port = ${port};`);
  const dir = makeTree({ 'chat.php': source });
  // The server loops for ever: the harness kills it once the traffic is done.
  const transcript = await runProgram(['php', join(dir, 'chat.php')], () => chatTraffic(port), 4000);
  // Each run gets its own free port; the server prints it. Whether the server writes to the reset
  // client once more before its read sees the reset is a race of the kernel's, not the program's:
  // that one warning may or may not appear in either run.
  const stderr = transcript.stderr.split('\n').filter((line) => !/socket_write\(\): unable to write to socket \[104\]/.test(line)).join('\n');
  return { ...transcript, stdout: transcript.stdout.replaceAll(`:${port}`, ':PORT'), stderr };
}

describe('--fix keeps what the example servers do (real PHP, loopback traffic)', () => {
  it('tcp-chat-server.php: the fixed server relays exactly as the hand-repaired original', async () => {
    expect(CHAT).toContain(BROKEN_SELECT);
    const dir = await fixedCopy({ 'tcp-chat-server.php': CHAT });
    const fixed = join(dir, 'tcp-chat-server.php');
    // The fix is the by-reference repair only: no throw, no new backlog (suggestions).
    expect(readFileSync(fixed, 'utf8')).not.toContain('RuntimeException');
    expect(readFileSync(fixed, 'utf8')).toContain('socket_listen($server, 100000)');
    const reference = join(makeTree({ 'reference.php': CHAT.replace(BROKEN_SELECT, 'socket_select($read, $write, $except, null)') }), 'reference.php');
    const [fixedRun, referenceRun] = [await runChat(fixed), await runChat(reference)];
    expect(fixedRun.observed.b).toContain('hello after the reset\n');
    expect(fixedRun).toEqual(referenceRun);
  }, 60_000);

  it('udp-echo-server.php: --fix changes nothing, and both fail the same way', async () => {
    const dir = await fixedCopy({ 'udp-echo-server.php': UDP_ECHO });
    expect(readFileSync(join(dir, 'udp-echo-server.php'), 'utf8')).toBe(UDP_ECHO);
    const run = async (file: string) => {
      const port = await freePort();
      const copy = join(makeTree({ 'udp.php': readFileSync(file, 'utf8').replace('$port = 9999;', `$port = ${port};`) }), 'udp.php');
      return runProgram(['php', copy], async (program) => ({ exit: String(await program.exited) }));
    };
    const [original, fixed] = [await run(join(ROOT, 'examples/udp-echo-server.php')), await run(join(dir, 'udp-echo-server.php'))];
    expect(original.stderr).toContain('socket_listen() failed');
    expect(fixed).toEqual(original);
  }, 30_000);
});
