// Code actions from the real server: every quick fix (a finding's fix, preferred, and its
// suggestions), "disable for this line" and fix-all are applied the way an editor applies them;
// the result must pass the real `php -l` and lose the finding. Fix-all applies fixes only, never
// a suggestion. Edits are versioned for the version that was asked about.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phpSyntaxError } from '../support/php';
import { applyWorkspaceEdit, editsFor, LspClient } from './lsp-client';

const SERVE = [
  '<?php',
  'function serve(int $port): void',
  '{',
  '    $server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);',
  '    if (!is_resource($server)) {',
  "        throw new RuntimeException('create');",
  '    }',
  "    $label = \"é😀\"; socket_bind($server, '0.0.0.0', $port);",
  '    socket_listen($server, 100000);',
  '}',
  '',
].join('\n');

let client: LspClient;
let documents = 0;

/** Opens `text` as a fresh document and returns its diagnostics. */
async function lint(text: string, version = 1): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `file:///virtual/actions-${documents++}.php`;
  await client.open(uri, text, version);
  const { diagnostics } = await client.diagnosticsFor(uri, version);
  return { uri, diagnostics };
}

function count(diagnostics: Diagnostic[], rule: string): number {
  return diagnostics.filter((d) => d.code === rule).length;
}

describe('code actions', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    client = await LspClient.start();
  });
  afterAll(() => client.stop());

  it('offers each finding its fix (preferred) and suggestions (not); applied, each passes php -l and removes the finding', async () => {
    const { uri, diagnostics } = await lint(SERVE, 3);
    const fixable = diagnostics.filter((d) => ['unrealistic-backlog', 'unchecked-false-return', 'socket-is-resource'].includes(String(d.code)));
    expect(fixable.map((d) => d.code).sort()).toEqual(['socket-is-resource', 'unchecked-false-return', 'unchecked-false-return', 'unrealistic-backlog']);
    let applied = 0;
    for (const diagnostic of fixable) {
      const actions = await client.codeActions(uri, [diagnostic]);
      const fixes = actions.filter((a) => a.edit && !a.title.startsWith('Disable'));
      expect(fixes.length, `fixes for ${diagnostic.code}: ${diagnostic.message}`).toBeGreaterThan(0);
      for (const fix of fixes) {
        expect(fix.kind).toBe('quickfix');
        expect(fix.diagnostics).toEqual([diagnostic]);
        expect(editsFor(fix.edit!, uri).version).toBe(3);
        const fixed = applyWorkspaceEdit(SERVE, uri, fix.edit!);
        expect(await phpSyntaxError(fixed), fix.title).toBeNull();
        const after = await lint(fixed);
        expect(count(after.diagnostics, String(diagnostic.code)), fix.title).toBe(count(diagnostics, String(diagnostic.code)) - 1);
        applied++;
      }
      // Only socket-is-resource's edit keeps behaviour; a throw or a new backlog is a suggestion.
      const preferred = fixes.filter((fix) => fix.isPreferred).map((fix) => fix.title);
      expect(preferred).toEqual(diagnostic.code === 'socket-is-resource' ? ['Replace with $server instanceof \\Socket'] : []);
    }
    expect(applied).toBe(4);
  });

  it('disables a rule for one line with a comment above it, keeping the indentation', async () => {
    for (const eol of ['\n', '\r\n']) {
      const text = SERVE.replaceAll('\n', eol);
      const { uri, diagnostics } = await lint(text);
      const backlog = diagnostics.find((d) => d.code === 'unrealistic-backlog')!;
      const actions = await client.codeActions(uri, [backlog]);
      const disable = actions.find((a) => a.title === 'Disable unrealistic-backlog for this line')!;
      expect(disable.kind).toBe('quickfix');
      const fixed = applyWorkspaceEdit(text, uri, disable.edit!);
      expect(fixed.split(eol)[8]).toBe('    // php-socket-lint-disable-next-line unrealistic-backlog');
      expect(fixed.split(eol)[9]).toBe('    socket_listen($server, 100000);');
      expect(await phpSyntaxError(fixed)).toBeNull();
      const after = await lint(fixed);
      expect(count(after.diagnostics, 'unrealistic-backlog')).toBe(0);
      // The other rule on that line still reports; disabling it too extends the same comment.
      const unchecked = after.diagnostics.find((d) => d.code === 'unchecked-false-return' && d.range.start.line === 9)!;
      const more = (await client.codeActions(after.uri, [unchecked])).find((a) => a.title === 'Disable unchecked-false-return for this line')!;
      const both = applyWorkspaceEdit(fixed, after.uri, more.edit!);
      expect(both.split(eol)[8]).toBe('    // php-socket-lint-disable-next-line unrealistic-backlog, unchecked-false-return');
      expect(await phpSyntaxError(both)).toBeNull();
      const last = await lint(both);
      expect(last.diagnostics.filter((d) => d.range.start.line === 9)).toEqual([]);
    }
  });

  it('shows the documentation through a server command and window/showDocument', async () => {
    const { uri, diagnostics } = await lint(SERVE);
    const backlog = diagnostics.find((d) => d.code === 'unrealistic-backlog')!;
    const docs = (await client.codeActions(uri, [backlog])).find((a) => a.title === 'Show documentation for unrealistic-backlog')!;
    expect(docs.command?.command).toBe('phpSocketLint.showDocumentation');
    const href = backlog.codeDescription!.href;
    expect(docs.command!.arguments).toEqual([href]);
    await client.connection.sendRequest('workspace/executeCommand', { command: docs.command!.command, arguments: docs.command!.arguments });
    await client.waitFor(() => client.shownDocuments.includes(href), 'window/showDocument');
    // Only the bundled pages: any other URI is refused, shown nowhere.
    const shown = client.shownDocuments.length;
    await client.connection.sendRequest('workspace/executeCommand', { command: docs.command!.command, arguments: ['file:///etc/passwd'] });
    await client.connection.sendRequest('workspace/executeCommand', { command: docs.command!.command, arguments: ['https://example.com/x.md'] });
    expect(client.shownDocuments.length).toBe(shown);
  });

  it('fix-all applies every fix, and no suggestion, as one edit for the asked version', async () => {
    const { uri, diagnostics } = await lint(SERVE, 5);
    const actions = await client.codeActions(uri, [], ['source.fixAll.phpSocketLint']);
    expect(actions).toHaveLength(1);
    const [fixAll] = actions as [CodeAction];
    expect(fixAll.kind).toBe('source.fixAll.phpSocketLint');
    const { version, edits } = editsFor(fixAll.edit!, uri);
    expect(version).toBe(5);
    expect(edits).toHaveLength(1);
    const fixed = applyWorkspaceEdit(SERVE, uri, fixAll.edit!);
    expect(fixed).toBe(SERVE.replace('!is_resource($server)', '!$server instanceof \\Socket'));
    expect(await phpSyntaxError(fixed)).toBeNull();
    const after = await lint(fixed);
    expect(count(after.diagnostics, 'socket-is-resource')).toBe(0);
    // The backlog and the unchecked results keep their findings: their edits are suggestions.
    expect(count(after.diagnostics, 'unrealistic-backlog')).toBe(1);
    expect(count(after.diagnostics, 'unchecked-false-return')).toBe(2);
    // Asked by the generic `source` kind too; not offered to unfiltered (light bulb) requests.
    expect((await client.codeActions(uri, [], ['source.fixAll'])).map((a) => a.kind)).toEqual(['source.fixAll.phpSocketLint']);
    // A document whose folder is not on disk cannot be ported: `source` brings fix-all alone.
    expect((await client.codeActions(uri, [], ['source'])).map((a) => a.kind)).toEqual(['source.fixAll.phpSocketLint']);
    expect((await client.codeActions(uri, [])).some((a) => a.kind === 'source.fixAll.phpSocketLint')).toBe(false);
    // Nothing to fix: no action.
    const clean = await lint(fixed);
    expect(await client.codeActions(clean.uri, [], ['source.fixAll.phpSocketLint'])).toEqual([]);
  });

  it('offers a fix shared by several findings once, for all of them (both by-reference arguments of one call)', async () => {
    // As Neovim asks: every diagnostic of the cursor's line in one request.
    const text = ['<?php', '$read = [socket_create(AF_INET, SOCK_STREAM, SOL_TCP)];', 'socket_select($read, $write = null, $except = null, 1);', ''].join('\n');
    const { uri, diagnostics } = await lint(text);
    const byReference = diagnostics.filter((d) => d.code === 'by-reference-expression');
    expect(byReference).toHaveLength(2);
    const actions = await client.codeActions(uri, byReference);
    const hoists = actions.filter((a) => a.title.startsWith('Pass variables set before the call'));
    expect(hoists.map((a) => a.title)).toEqual(['Pass variables set before the call for $write, $except']);
    expect(hoists[0]!.diagnostics).toEqual(byReference);
    expect(hoists[0]!.isPreferred).toBe(true);
    const fixed = applyWorkspaceEdit(text, uri, hoists[0]!.edit!);
    expect(await phpSyntaxError(fixed)).toBeNull();
    expect(count((await lint(fixed)).diagnostics, 'by-reference-expression')).toBe(0);
    // One of the two asked alone still gets the fix, naming only that one.
    const single = (await client.codeActions(uri, [byReference[1]!])).filter((a) => a.title === hoists[0]!.title);
    expect(single.map((a) => a.diagnostics)).toEqual([[byReference[1]]]);
  });

  it('answers for the current version only: a diagnostic of an older text gets no fix', async () => {
    const { uri, diagnostics } = await lint(SERVE, 1);
    const backlog = diagnostics.find((d) => d.code === 'unrealistic-backlog')!;
    // Fix the backlog by hand (version 2), then ask with the version-1 diagnostic.
    await client.change(uri, 2, [{ range: backlog.range, text: '64' }]);
    const stale = await client.codeActions(uri, [backlog]);
    expect(stale.filter((a) => a.edit)).toEqual([]);
    // A finding that is still there (same range and message) is answered for version 2.
    const unchecked = diagnostics.find((d) => d.code === 'unchecked-false-return' && d.range.start.line === 8)!;
    const current = (await client.codeActions(uri, [unchecked])).filter((a) => a.edit);
    expect(current.length).toBeGreaterThan(0);
    for (const action of current) expect(editsFor(action.edit!, uri).version).toBe(2);
    const fixAll = await client.codeActions(uri, [], ['source.fixAll']);
    expect(editsFor(fixAll[0]!.edit!, uri).version).toBe(2);
  });
});
