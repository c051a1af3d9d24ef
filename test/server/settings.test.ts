// Settings from the real server's point of view: `workspace/configuration` answered by the
// test client per document, changes re-validating open documents, `.phpsocketlintrc.json`
// honoured with editor settings overriding the rules they name, and `run: onSave`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './lsp-client';

const TEXT = '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif (!$s) { exit(1); }\nif (!socket_listen($s, 100000)) { exit(1); }\n';

function severityOf(diagnostics: Diagnostic[], rule: string): number | undefined {
  return diagnostics.find((d) => d.code === rule)?.severity;
}

describe('settings', { timeout: 60_000 }, () => {
  let client: LspClient;
  let settings: Record<string, unknown> = {};
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'php-socket-lint-settings-'));
    client = await LspClient.start({ settings: () => settings });
  });
  afterAll(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches settings per document once, with the document as scope', async () => {
    const uri = 'file:///virtual/settings-fetch.php';
    await client.open(uri, TEXT, 1);
    expect(severityOf((await client.diagnosticsFor(uri, 1)).diagnostics, 'unrealistic-backlog')).toBe(2);
    await client.change(uri, 2, [{ text: `${TEXT}\n` }]);
    await client.diagnosticsFor(uri, 2);
    await client.change(uri, 3, [{ text: TEXT }]);
    await client.diagnosticsFor(uri, 3);
    const asked = client.configurationRequests.flatMap((r) => r.items).filter((item) => item.scopeUri === uri);
    expect(asked).toEqual([{ scopeUri: uri, section: 'phpSocketLint' }]);
  });

  it('re-validates open documents when the settings change', async () => {
    const uri = 'file:///virtual/settings-change.php';
    await client.open(uri, TEXT, 4);
    await client.diagnosticsFor(uri, 4);
    let seen = client.publishedFor(uri).length;
    await client.changeConfiguration(() => ({ rules: { 'unrealistic-backlog': 'error', 'unchecked-false-return': 'off' } }));
    let next = await client.diagnosticsFor(uri, 4, seen);
    expect(severityOf(next.diagnostics, 'unrealistic-backlog')).toBe(1);
    expect(next.diagnostics.filter((d) => d.code === 'unchecked-false-return')).toEqual([]);

    seen = client.publishedFor(uri).length;
    await client.changeConfiguration(() => ({ somaxconn: 200000 }));
    next = await client.diagnosticsFor(uri, 4, seen);
    expect(severityOf(next.diagnostics, 'unrealistic-backlog')).toBeUndefined();

    seen = client.publishedFor(uri).length;
    await client.changeConfiguration(() => ({ enable: false }));
    next = await client.diagnosticsFor(uri, 4, seen);
    expect(next.diagnostics).toEqual([]);
    settings = {};
    await client.changeConfiguration(() => settings);
  });

  it('honours the nearest .phpsocketlintrc.json; editor rules override the rules they name', async () => {
    mkdirSync(join(dir, 'src', 'net'), { recursive: true });
    writeFileSync(
      join(dir, '.phpsocketlintrc.json'),
      JSON.stringify({ rules: { 'unrealistic-backlog': 'off', 'listen-before-bind': 'error' }, somaxconn: 128 }),
    );
    const file = join(dir, 'src', 'net', 'server.php');
    writeFileSync(file, TEXT);
    const uri = pathToFileURL(file).href;
    await client.open(uri, TEXT, 1);
    let { diagnostics } = await client.diagnosticsFor(uri, 1);
    expect(severityOf(diagnostics, 'unrealistic-backlog')).toBeUndefined();
    expect(severityOf(diagnostics, 'listen-before-bind')).toBe(1);

    // The editor names unrealistic-backlog: it wins; listen-before-bind still comes from the file.
    let seen = client.publishedFor(uri).length;
    await client.changeConfiguration(() => ({ rules: { 'unrealistic-backlog': 'info' } }));
    ({ diagnostics } = await client.diagnosticsFor(uri, 1, seen));
    expect(severityOf(diagnostics, 'unrealistic-backlog')).toBe(3);
    expect(diagnostics.find((d) => d.code === 'unrealistic-backlog')!.message).toContain('(128)');
    expect(severityOf(diagnostics, 'listen-before-bind')).toBe(1);

    // Editing the file (a watched-file event) re-reads it.
    seen = client.publishedFor(uri).length;
    writeFileSync(join(dir, '.phpsocketlintrc.json'), JSON.stringify({ rules: { 'listen-before-bind': 'off' } }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(join(dir, '.phpsocketlintrc.json')).href, type: 2 }],
    });
    ({ diagnostics } = await client.diagnosticsFor(uri, 1, seen));
    expect(severityOf(diagnostics, 'listen-before-bind')).toBeUndefined();
    expect(diagnostics.find((d) => d.code === 'unrealistic-backlog')!.message).toContain('(4096)');

    // A document longer than the file's maxFileCharacters gets one warning instead of its analysis.
    seen = client.publishedFor(uri).length;
    writeFileSync(join(dir, '.phpsocketlintrc.json'), JSON.stringify({ maxFileCharacters: 50 }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(join(dir, '.phpsocketlintrc.json')).href, type: 2 }],
    });
    ({ diagnostics } = await client.diagnosticsFor(uri, 1, seen));
    expect(diagnostics).toMatchObject([{ severity: 2, message: expect.stringMatching(/^File not analysed: [\d,]+ characters, more than the 50 that the config's "maxFileCharacters"/) }]);
    await client.close(uri);
    settings = {};
    await client.changeConfiguration(() => settings);
  });

  it('reports a broken config file and lints with the editor settings', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, '.phpsocketlintrc.json'), '{ "rules": { "no-such-rule": "error" } }');
    const uri = pathToFileURL(join(broken, 'a.php')).href;
    await client.open(uri, TEXT, 1);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    expect(severityOf(diagnostics, 'unrealistic-backlog')).toBe(2);
    await client.waitFor(() => client.messages.find((m) => m.includes('unknown rule "no-such-rule"')), 'the config error message');
  });

  it('with run: onSave, lints on open and save but not on change', async () => {
    settings = { run: 'onSave' };
    await client.changeConfiguration(() => settings);
    const uri = 'file:///virtual/on-save.php';
    await client.open(uri, TEXT, 1);
    await client.diagnosticsFor(uri, 1);
    await client.change(uri, 2, [{ range: { start: { line: 3, character: 23 }, end: { line: 3, character: 29 } }, text: '64' }]);
    // Publishes are processed in order: once a document opened after the change has its
    // diagnostics, the change would have published before it.
    const marker = 'file:///virtual/on-save-marker.php';
    await client.open(marker, TEXT, 1);
    await client.diagnosticsFor(marker, 1);
    expect(client.publishedFor(uri).map((p) => p.version)).toEqual([1]);
    await client.save(uri);
    const saved = await client.diagnosticsFor(uri, 2);
    expect(severityOf(saved.diagnostics, 'unrealistic-backlog')).toBeUndefined();
    settings = {};
    await client.changeConfiguration(() => settings);
  });
});

describe('a client without workspace/configuration', { timeout: 30_000 }, () => {
  it('takes the settings sent with didChangeConfiguration', async () => {
    const client = await LspClient.start({ configuration: false });
    try {
      const uri = 'file:///virtual/pushed-settings.php';
      await client.open(uri, TEXT, 1);
      expect(severityOf((await client.diagnosticsFor(uri, 1)).diagnostics, 'unrealistic-backlog')).toBe(2);
      const seen = client.publishedFor(uri).length;
      await client.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: { phpSocketLint: { rules: { 'unrealistic-backlog': 'hint' } } },
      });
      expect(severityOf((await client.diagnosticsFor(uri, 1, seen)).diagnostics, 'unrealistic-backlog')).toBe(4);
      expect(client.configurationRequests).toEqual([]);
    } finally {
      await client.stop();
    }
  });

  it('does not resend the same diagnostics when a settings change relints to the same result', async () => {
    const client = await LspClient.start({ configuration: false });
    try {
      const uri = 'file:///virtual/same-settings.php';
      await client.open(uri, TEXT, 1);
      const first = await client.diagnosticsFor(uri, 1);
      const seen = client.publishedFor(uri).length;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { phpSocketLint: {} } });
      // A code action naming the diagnostics waits for the lint of the new settings.
      await client.codeActions(uri, first.diagnostics);
      await client.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: { phpSocketLint: { rules: { 'unrealistic-backlog': 'hint' } } },
      });
      // The next publish is the changed one: the relint to the same diagnostics sent nothing.
      expect(severityOf((await client.diagnosticsFor(uri, 1, seen)).diagnostics, 'unrealistic-backlog')).toBe(4);
    } finally {
      await client.stop();
    }
  });
});
