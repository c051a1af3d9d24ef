// Push diagnostics from the real server binary: exact UTF-16 ranges, CRLF, parse errors,
// coalesced edits that never publish a stale version, and close clearing diagnostics.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, ROOT } from './lsp-client';

const SOURCE = 'php-socket-lint';
/** The pages installed beside the server (dist/ → ../docs/rules), here this checkout's. */
const DOCS = `${pathToFileURL(join(ROOT, 'docs', 'rules')).href}/`;

// Line 3 holds a string of a 2-byte (é, 1 UTF-16 unit) and a 4-byte (😀, 2 units) character
// before the call: UTF-16 columns differ from both byte and code point columns there.
const MULTIBYTE = [
  '<?php',
  '$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);',
  'if ($s === false) { exit(1); }',
  '$label = "é😀"; socket_listen($s, 100000);',
  '',
].join('\n');

function byRule<D extends { code?: string | number }>(diagnostics: D[], rule: string): D[] {
  return diagnostics.filter((d) => d.code === rule);
}

describe('push diagnostics', { timeout: 60_000 }, () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start();
  });
  afterAll(() => client.stop());

  it('announces push only (no diagnosticProvider) to a client without pull diagnostics', () => {
    expect(client.initializeResult.capabilities.diagnosticProvider).toBeUndefined();
    expect(client.initializeResult.capabilities.codeActionProvider).toMatchObject({ codeActionKinds: ['quickfix', 'source.fixAll.phpSocketLint', 'source.portToTypeScript'] });
    expect(client.initializeResult.serverInfo?.name).toBe('php-socket-lint');
  });

  it('publishes on open with the version and exact UTF-16 ranges after multi-byte text', async () => {
    const uri = 'file:///virtual/multibyte.php';
    await client.open(uri, MULTIBYTE, 7);
    const { version, diagnostics } = await client.diagnosticsFor(uri);
    expect(version).toBe(7);
    const [unchecked] = byRule(diagnostics, 'unchecked-false-return');
    // "$label = \"é😀\"; " is 16 UTF-16 units (15 code points, 19 bytes).
    expect(unchecked!.range).toEqual({ start: { line: 3, character: 16 }, end: { line: 3, character: 29 } });
    const [backlog] = byRule(diagnostics, 'unrealistic-backlog');
    expect(backlog!.range).toEqual({ start: { line: 3, character: 34 }, end: { line: 3, character: 40 } });
    expect(backlog).toMatchObject({
      source: SOURCE,
      severity: 2,
      codeDescription: { href: `${DOCS}unrealistic-backlog.md` },
      data: { version: 7 },
    });
    for (const diagnostic of diagnostics) expect(diagnostic.source).toBe(SOURCE);
    for (const diagnostic of diagnostics) expect(existsSync(fileURLToPath(diagnostic.codeDescription!.href))).toBe(true);
  });

  it('gives CRLF files the same line/character ranges', async () => {
    const uri = 'file:///virtual/crlf.php';
    await client.open(uri, MULTIBYTE.replaceAll('\n', '\r\n'), 1);
    const { diagnostics } = await client.diagnosticsFor(uri);
    expect(byRule(diagnostics, 'unchecked-false-return')[0]!.range).toEqual({ start: { line: 3, character: 16 }, end: { line: 3, character: 29 } });
    expect(byRule(diagnostics, 'unrealistic-backlog')[0]!.range).toEqual({ start: { line: 3, character: 34 }, end: { line: 3, character: 40 } });
  });

  it('carries related information where the finding has related ranges', async () => {
    const uri = 'file:///virtual/related.php';
    const text = '<?php\n$c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_connect($c, "127.0.0.1", 80);\n';
    await client.open(uri, text);
    const { diagnostics } = await client.diagnosticsFor(uri);
    const used = diagnostics.find((d) => d.code === 'unchecked-false-return' && d.relatedInformation);
    expect(used!.range.start).toEqual({ line: 1, character: 5 });
    // Why it can fail (at the call), then where the unchecked value is used.
    expect(used!.relatedInformation!.map((r) => r.message)).toEqual([
      expect.stringMatching(/^socket_create\(\): false means /),
      'used here without a check for false',
    ]);
    expect(used!.relatedInformation![1]!.location).toEqual({ uri, range: { start: { line: 2, character: 15 }, end: { line: 2, character: 17 } } });
  });

  it('reports a parse error as an error without a code', async () => {
    const uri = 'file:///virtual/broken.php';
    await client.open(uri, '<?php\nsocket_listen($s, ;\n');
    const { diagnostics } = await client.diagnosticsFor(uri);
    const parseErrors = diagnostics.filter((d) => d.code === undefined);
    expect(parseErrors.length).toBeGreaterThan(0);
    expect(parseErrors[0]).toMatchObject({ severity: 1, source: SOURCE, range: { start: { line: 1, character: 18 } } });
    expect(parseErrors[0]!.codeDescription).toBeUndefined();
  });

  it('re-publishes on every change with the new version', async () => {
    const uri = 'file:///virtual/edit.php';
    await client.open(uri, MULTIBYTE, 1);
    await client.diagnosticsFor(uri, 1);
    // Replace the backlog 100000 with 128: the backlog finding goes away.
    await client.change(uri, 2, [{ range: { start: { line: 3, character: 34 }, end: { line: 3, character: 40 } }, text: '128' }]);
    const { diagnostics } = await client.diagnosticsFor(uri, 2);
    expect(byRule(diagnostics, 'unrealistic-backlog')).toEqual([]);
    expect(byRule(diagnostics, 'unchecked-false-return')).toHaveLength(1);
  });

  it('never publishes a superseded version: versions only increase and the last edit wins', async () => {
    const uri = 'file:///virtual/typing.php';
    // A long file so a lint takes a while and edits arrive while it runs.
    const filler = Array.from({ length: 4000 }, (_, i) => `$v${i} = socket_read($s, ${i});`).join('\n');
    const text = `<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\n${filler}\nsocket_listen($s, 9);\n`;
    const line = 4002;
    await client.open(uri, text, 1);
    const before = client.publishedFor(uri).length;
    // Type the backlog "9" → "9999999" one key at a time, without waiting for diagnostics.
    for (let version = 2; version <= 7; version++) {
      await client.change(uri, version, [{ range: { start: { line, character: 19 + version - 2 }, end: { line, character: 19 + version - 2 } }, text: '9' }]);
    }
    const last = await client.diagnosticsFor(uri, 7, before);
    const backlog = byRule(last.diagnostics, 'unrealistic-backlog');
    expect(backlog).toHaveLength(1);
    expect(backlog[0]!.message).toContain('Backlog 9999999 ');
    const versions = client.publishedFor(uri).map((p) => p.version!);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!).toBeGreaterThan(versions[i - 1]!);
    expect(versions.at(-1)).toBe(7);
    // Coalescing: fewer publishes than versions (open + 6 edits).
    expect(versions.length).toBeLessThan(7);
  });

  it('clears diagnostics on close', async () => {
    const uri = 'file:///virtual/close.php';
    await client.open(uri, MULTIBYTE);
    const opened = await client.diagnosticsFor(uri);
    expect(opened.diagnostics.length).toBeGreaterThan(0);
    const count = client.publishedFor(uri).length;
    await client.close(uri);
    const cleared = await client.waitFor(() => client.publishedFor(uri)[count], 'the clearing publish');
    expect(cleared.diagnostics).toEqual([]);
  });

  it('lints untitled PHP documents', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, MULTIBYTE);
    const { diagnostics } = await client.diagnosticsFor(uri);
    expect(byRule(diagnostics, 'unrealistic-backlog')).toHaveLength(1);
  });
});
