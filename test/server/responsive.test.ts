// The server stays responsive while it lints: the core runs in worker threads, so a hover or a
// code action is answered while a long lint is still running (shown by the order of the replies,
// not by time), an edit stops the lint of the version before it (only the final version's
// diagnostics are published), deeply nested files get their findings through the server, and
// Lint Workspace neither hangs on a FIFO named *.php nor goes on once cancelled.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './lsp-client';

/** About `lines` lines of checked socket code, and one unchecked listen at the end. */
function bigFile(lines: number): string {
  const out = ['<?php'];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `function client${i}(string $host, int $port): ?string`,
      '{',
      '    $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);',
      "    if ($s === false) { throw new RuntimeException('create'); }",
      '    if (!socket_connect($s, $host, $port)) { socket_close($s); return null; }',
      `    $sent = socket_write($s, "GET /${i}\\r\\n");`,
      '    $reply = $sent === false ? false : socket_read($s, 8192);',
      '    socket_close($s);',
      '    return $reply === false ? null : $reply;',
      '}',
      '',
    );
  }
  out.push('$main = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);', 'socket_listen($main, 100);', '');
  return out.join('\n');
}

const SMALL = '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_listen($s, 100);\n';
const SMALL_URI = 'file:///virtual/responsive-small.php';

describe('a responsive server', { timeout: 120_000 }, () => {
  let client: LspClient;

  beforeAll(async () => {
    client = await LspClient.start();
    await client.open(SMALL_URI, SMALL, 1);
    await client.diagnosticsFor(SMALL_URI, 1);
  });
  afterAll(() => client.stop());

  it('answers a hover on another document and a code action on the same one before a long lint’s diagnostics', async () => {
    const uri = 'file:///virtual/responsive-big.php';
    const order: string[] = [];
    const published = client.diagnosticsFor(uri, 1, 0, 100_000).then((params) => {
      order.push('diagnostics');
      return params;
    });
    await client.open(uri, bigFile(50_000), 1);
    // The code action first: once it is answered the server has read the didOpen before it (a
    // server that lints on its own thread answers it only when the lint is done).
    await client.codeActions(uri, []);
    order.push('codeAction');
    const hovered = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: SMALL_URI }, position: { line: 2, character: 3 } });
    order.push('hover');
    const { diagnostics } = await published;
    expect(hovered).toMatchObject({ contents: { kind: 'markdown' } });
    expect(diagnostics.map((d) => d.code)).toContain('unchecked-false-return');
    expect(order).toEqual(['codeAction', 'hover', 'diagnostics']);
    await client.close(uri);
  });

  it('stops the lints of versions an edit superseded: only the final version is published', async () => {
    const uri = 'file:///virtual/responsive-edits.php';
    const text = bigFile(10_000);
    const line = text.split('\n').length - 2; // socket_listen($main, 100);
    await client.open(uri, text, 1);
    await client.diagnosticsFor(uri, 1, 0, 60_000);
    const before = client.publishedFor(uri).length;
    const FINAL = 12;
    for (let version = 2; version <= FINAL; version++) {
      const backlog = String(100 + version);
      await client.change(uri, version, [{ range: { start: { line, character: 21 }, end: { line, character: 24 } }, text: backlog }]);
      // A request answered after the change: the server has read the edit and started its lint.
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: SMALL_URI }, position: { line: 2, character: 3 } });
    }
    await client.diagnosticsFor(uri, FINAL, before, 60_000);
    // One more answered request, so that a late publish of an older version would have arrived.
    await client.codeActions(uri, []);
    expect(client.publishedFor(uri).slice(before).map((p) => p.version)).toEqual([FINAL]);
    await client.close(uri);
  });

  it('gives the findings of deeply nested files', async () => {
    const create = '$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);';
    // The 20,000-term concatenation is test/node/deep-input.test.ts's (php-parser takes seconds on it).
    const deep: Record<string, string> = {
      ifs: `<?php\n${create}\n${'if ($s) {\n'.repeat(1000)}socket_write($s, "x");\n${'}\n'.repeat(1000)}`,
      parens: `<?php\n${create}\n$x = ${'('.repeat(5000)}1${')'.repeat(5000)};\nsocket_write($s, "x");\n`,
    };
    for (const [name, text] of Object.entries(deep)) {
      const uri = `file:///virtual/responsive-deep-${name}.php`;
      await client.open(uri, text, 1);
      const { diagnostics } = await client.diagnosticsFor(uri, 1, 0, 60_000);
      expect(diagnostics.map((d) => d.code), name).toContain('unchecked-false-return');
      expect(diagnostics.filter((d) => d.code === undefined), name).toEqual([]);
      await client.close(uri);
    }
  });
});

describe('Lint Workspace', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'php-socket-lint-responsive-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('skips a FIFO named x.php and lints the rest', async () => {
    const folder = join(dir, 'fifo');
    execFileSync('mkdir', ['-p', folder]);
    execFileSync('mkfifo', [join(folder, 'x.php')]);
    writeFileSync(join(folder, 'a.php'), SMALL);
    const client = await LspClient.start({ workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'fifo' }] });
    try {
      const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'phpSocketLint.lintWorkspace', arguments: [] });
      expect(result).toMatchObject({ files: 1, cancelled: false });
      expect(client.messages.some((message) => message.includes('x.php') && /FIFO/.test(message))).toBe(true);
      const { diagnostics } = await client.diagnosticsFor(pathToFileURL(join(folder, 'a.php')).href);
      expect(diagnostics.map((d) => d.code)).toContain('unchecked-false-return');
    } finally {
      await client.stop();
    }
  });

  it('stops when cancelled, and ends its progress', async () => {
    const folder = join(dir, 'many');
    execFileSync('mkdir', ['-p', folder]);
    const text = bigFile(2_000);
    for (let i = 0; i < 200; i++) writeFileSync(join(folder, `f${String(i).padStart(3, '0')}.php`), text);
    const client = await LspClient.start({ workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'many' }] });
    try {
      const source = new CancellationTokenSource();
      const request = client.connection.sendRequest('workspace/executeCommand', { command: 'phpSocketLint.lintWorkspace', arguments: [] }, source.token);
      // Cancelled once the first file has been published.
      await client.waitFor(() => client.published.length > 0, 'the first file’s diagnostics', 60_000);
      source.cancel();
      const result = (await request.catch((error: unknown) => ({ error }))) as { files?: number; cancelled?: boolean; error?: unknown };
      // The reply to a cancelled request may be the result (cancelled: true) or a cancellation error.
      if (result.error === undefined) {
        expect(result.cancelled).toBe(true);
        expect(result.files).toBeLessThan(200);
      }
      await client.waitFor(() => client.progress.some((p) => p.value.kind === 'end'), 'the end of the progress', 30_000);
      // Nothing is linted after the cancellation was read: the publishes stop well short of 200.
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: SMALL_URI }, position: { line: 0, character: 0 } });
      expect(client.published.length).toBeLessThan(200);
    } finally {
      await client.stop();
    }
  });
});
