// `php-socket-lint port` with the idiomatic default, --faithful, the shared strict parser and --help.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runPortCommand } from '../../server/src/cli/port-command';

const dir = mkdtempSync(join(tmpdir(), 'port-idiomatic-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LINE_SERVER = new URL('programs/line-upper.php', import.meta.url).pathname;

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runPortCommand(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

describe('port command', () => {
  test('writes the idiomatic port by default and the faithful one with --faithful', async () => {
    const idiomatic = await run(LINE_SERVER);
    expect(idiomatic).toMatchObject({ code: 0, stderr: '' });
    expect(idiomatic.stdout).toContain('net.createServer()');
    const faithful = await run('--faithful', LINE_SERVER, '--output', join(dir, 'f.ts'));
    expect(faithful).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'f.ts'), 'utf8')).toContain('socket_accept(');
  });

  test('says on stderr why a socket program got the faithful port', async () => {
    const file = join(dir, 'unix.php');
    writeFileSync(file, "<?php\n$s = socket_create(AF_UNIX, SOCK_STREAM, 0);\nsocket_bind($s, '/tmp/x.sock');\n");
    const result = await run(file);
    expect(result.stderr).toBe(`${file}: faithful port: the idiomatic form cannot carry AF_UNIX socket family (line 2)\nport: the port imports ./php-runtime.js; write it with -o to get php-runtime.ts beside it\n`);
    expect(result.stdout.split('\n')[0]).toBe("// Faithful port (PHP's ext/sockets emulated), not the idiomatic one, which cannot carry AF_UNIX socket family (line 2).");
  });

  test('says why a stream-socket program got the faithful port', async () => {
    const file = join(dir, 'stream.php');
    writeFileSync(file, "<?php\n// stream_socket_client() in a comment does not count\n$conn = fsockopen('127.0.0.1', 7);\n");
    const result = await run(file);
    expect(result.stderr.split('\n')[0]).toBe(`${file}: faithful port: the idiomatic form cannot carry stream sockets (fsockopen()): its forms are written for ext/sockets programs (line 3)`);
    expect(result.stdout.split('\n')[0]).toContain('cannot carry stream sockets (fsockopen())');
  });

  test('parses like lint: no private short flags, values checked, a real --help', async () => {
    const short = await run('-f', LINE_SERVER);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("Unknown option '-f'");
    expect((await run(LINE_SERVER, '-o')).code).toBe(2);
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: php-socket-lint port <file\.php> \[options\]/);
    expect(help.stdout).toContain('--faithful');
    expect(help.stdout).toContain('concurrently');
  });
});
