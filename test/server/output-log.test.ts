// What the server says in the output channel, over stdio to the real server: window/logMessage,
// so any LSP client shows it (VS Code in its output channel, Neovim in :LspLog). Its start (name,
// version, Node), each config file it reads, and every error — internal ones with their stack.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import { LspClient } from './lsp-client';

const TEXT = '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif (!$s) { exit(1); }\nif (!socket_listen($s, 100000)) { exit(1); }\n';
const ERROR = 1;
const INFO = 3;

describe('the output channel', { timeout: 60_000 }, () => {
  let client: LspClient;
  let dir: string;
  let settings: Record<string, unknown> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'php-socket-lint-log-'));
    client = await LspClient.start({ clientInfo: { name: 'test-client', version: '1.2' }, settings: () => settings });
  });
  afterAll(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the server\'s name, version, client and Node version', async () => {
    const first = await client.waitFor(() => client.logs[0], 'the first log message');
    expect(first.type).toBe(INFO);
    expect(first.message).toBe(`php-socket-lint server ${version} started for test-client 1.2 (Node ${process.version}, pid ${client.child.pid})`);
    expect(client.logs.filter((log) => log.message.includes(' started '))).toHaveLength(1);
  });

  it('names each config file it reads', async () => {
    mkdirSync(join(dir, 'app'), { recursive: true });
    const config = join(dir, '.phpsocketlintrc.json');
    writeFileSync(config, JSON.stringify({ somaxconn: 128 }));
    const uri = pathToFileURL(join(dir, 'app', 'server.php')).href;
    await client.open(uri, TEXT, 1);
    await client.diagnosticsFor(uri, 1);
    expect(client.logs).toContainEqual({ type: INFO, message: `Reading ${config}` });
  });

  it('says why a config file is not used, with its path', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, '.phpsocketlintrc.json'), '{ "somaxconn": "many" }');
    const uri = pathToFileURL(join(broken, 'a.php')).href;
    await client.open(uri, TEXT, 1);
    await client.diagnosticsFor(uri, 1);
    const logged = await client.waitFor(() => client.logs.find((log) => log.type === ERROR && log.message.includes('somaxconn')), 'the config error');
    expect(logged.message).toBe(`${join(broken, '.phpsocketlintrc.json')}: "somaxconn" must be a positive integer`);
  });

  it('logs an internal error of a request with its stack, and answers the next request', async () => {
    const uri = 'file:///virtual/hover-crash.php';
    await client.open(uri, TEXT, 1);
    await client.diagnosticsFor(uri, 1);
    // A client bug the protocol does not allow (no position) makes the hover handler throw.
    await expect(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: null })).rejects.toThrow();
    const logged = await client.waitFor(() => client.logs.find((log) => log.message.startsWith('textDocument/hover failed')), 'the hover failure');
    expect(logged.type).toBe(ERROR);
    expect(logged.message).toMatch(/^textDocument\/hover failed: TypeError: .+\n\s+at /);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 8 } });
    expect(hover).toMatchObject({ contents: { kind: 'markdown' } });
  });

  it('logs a request that fails by design without a stack', async () => {
    await expect(client.connection.sendRequest('workspace/executeCommand', { command: 'phpSocketLint.noSuchCommand' })).rejects.toThrow();
    const logged = await client.waitFor(() => client.logs.find((log) => log.message.startsWith('workspace/executeCommand failed')), 'the command failure');
    expect(logged).toEqual({ type: ERROR, message: 'workspace/executeCommand failed: Unknown command phpSocketLint.noSuchCommand' });
  });

  // The VS Code client sends null for somaxconn and phpVersion unless a user or workspace
  // setting names them (its Settings UI shows 4096 and "8.0"): null leaves the file's value.
  it('takes the config file\'s somaxconn when the editor sends null, and the editor\'s when it sends a number', async () => {
    const uri = pathToFileURL(join(dir, 'app', 'precedence.php')).href;
    settings = { somaxconn: null, phpVersion: null };
    await client.changeConfiguration(() => settings);
    await client.open(uri, TEXT, 1);
    let { diagnostics } = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.find((d) => d.code === 'unrealistic-backlog')!.message).toContain('(128)');
    const seen = client.publishedFor(uri).length;
    settings = { somaxconn: 4096 };
    await client.changeConfiguration(() => settings);
    ({ diagnostics } = await client.diagnosticsFor(uri, 1, seen));
    expect(diagnostics.find((d) => d.code === 'unrealistic-backlog')!.message).toContain('(4096)');
  });
});
