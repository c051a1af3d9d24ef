// The idiomatic port against the real PHP: the same transcript under sequential traffic, and
// under concurrent traffic every client gets the replies PHP gives it. Each output passes
// `tsc --strict`, has no emulated socket_*() call and at most twice the PHP's non-blank lines
// (the shared helpers aside).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StreamClient } from '../port/support/clients';
import { freePort, runProgram } from '../port/support/processes';
import { PortWorkspace, REPO, type PortedProgram } from '../port/support/workspace';
import { portIdiomatic } from '../../server/src/port/idiomatic/index';
import { portPhpToTypeScript } from '../../server/src/port/index';

const PROGRAMS = join(REPO, 'test/port-idiomatic/programs');
const source = (name: string) => readFileSync(join(PROGRAMS, `${name}.php`), 'utf8');
const nonBlank = (text: string) => text.split('\n').filter((line) => line.trim() !== '').length;

const workspace = new PortWorkspace();
const ported = new Map<string, PortedProgram>();
let typecheck: Promise<string>;

beforeAll(() => {
  for (const name of ['line-upper']) ported.set(name, workspace.port(name, source(name)));
  typecheck = workspace.typecheck();
});
afterAll(() => workspace.dispose());

/** Three clients one after the other; the last stops the server. */
async function sequential(port: number): Promise<Record<string, string>> {
  const first = await StreamClient.connectWhenReady({ port });
  await first.waitFor('\r\n');
  first.send('hello\n');
  await first.request('wOrld\r\n', 'WORLD (5 bytes)\n');
  await first.request('quit\n', 'lines\n');
  await first.closed();
  const second = await StreamClient.connect({ port });
  await second.waitFor('\r\n');
  await second.request('a-line-longer-than-the-sixty-four-bytes-the-server-reads-at-once-from-its-socket\n', 'SOCKET (');
  await second.request('quit\n', 'lines\n');
  await second.closed();
  const third = await StreamClient.connect({ port });
  await third.waitFor('\r\n');
  await third.request('shutdown\n', 'shutting down\n');
  await third.closed();
  return { first: first.received, second: second.received, third: third.received };
}

describe('idiomatic port of an accept-loop line server', () => {
  test('it is idiomatic: node:net, no socket_* names, within twice the PHP lines', () => {
    const result = portIdiomatic(source('line-upper'), 'line-upper.php');
    if (!('code' in result)) throw new Error(result.reason);
    expect(result.module).toBe('node:net');
    expect(result.code).toContain("server.on('connection', async (client) =>");
    expect(result.code).toContain('Node serves clients concurrently');
    expect(result.code.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')).not.toMatch(/\bsocket_[a-z_]+/);
    expect(nonBlank(result.code) - result.helperLines).toBeLessThanOrEqual(2 * nonBlank(source('line-upper')));
    // The PHP's comments are kept.
    expect(result.code).toContain('// the "\\n" after a "\\r"');
    expect(result.code).toContain('// `quit` ends this client, `shutdown` stops the server.');
  });

  test('type-checks with tsc --strict and @types/node alone', async () => {
    expect(await typecheck).toBe('');
  }, 60_000);

  test('the same transcript as PHP under sequential traffic', async () => {
    const run = async (command: string[]) => {
      const port = await freePort();
      return runProgram([...command, String(port)], async () => sequential(port));
    };
    const [php, port] = await Promise.all([run(['php', join(PROGRAMS, 'line-upper.php')]), run([process.execPath, ported.get('line-upper')!.mjsFile])]);
    expect(php.code).toBe(0);
    expect(port).toEqual(php);
  }, 30_000);

  test('the faithful port stays available, and a program without the shapes says why', () => {
    expect(portPhpToTypeScript(source('line-upper'), 'line-upper.php', { faithful: true }).style).toBe('faithful');
    const other = portPhpToTypeScript('<?php\n$s = socket_create(AF_UNIX, SOCK_STREAM, 0);\n', 'unix.php');
    expect(other.style).toBe('faithful');
    expect(other.reason).toContain('AF_UNIX');
    expect(other.code.split('\n')[0]).toContain('Faithful port');
  });
});
