// Pull diagnostics (`textDocument/diagnostic`) for a client that announces them: the same
// validation as push, result ids for unchanged reports, refresh on settings changes.
import type { DocumentDiagnosticReport, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './lsp-client';

const TEXT = '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif (!$s) { exit(1); }\nif (!socket_listen($s, 100000)) { exit(1); }\n';

describe('pull diagnostics', { timeout: 30_000 }, () => {
  let client: LspClient;
  let settings: Record<string, unknown> = {};
  beforeAll(async () => {
    client = await LspClient.start({ pull: true, settings: () => settings });
  });
  afterAll(() => client.stop());

  function pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  it('announces a diagnostic provider', () => {
    expect(client.initializeResult.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: false, workspaceDiagnostics: false });
  });

  it('answers pulls with full reports, then unchanged ones, and pushes nothing', async () => {
    const uri = 'file:///virtual/pull.php';
    await client.open(uri, TEXT, 1);
    const first = (await pull(uri)) as FullDocumentDiagnosticReport;
    expect(first.kind).toBe('full');
    const backlog = first.items.find((d) => d.code === 'unrealistic-backlog')!;
    expect(backlog.range).toEqual({ start: { line: 3, character: 23 }, end: { line: 3, character: 29 } });
    expect(backlog.codeDescription?.href).toMatch(/unrealistic-backlog\.md$/);
    expect(await pull(uri, first.resultId)).toEqual({ kind: 'unchanged', resultId: first.resultId });

    await client.change(uri, 2, [{ range: backlog.range, text: '64' }]);
    const second = (await pull(uri, first.resultId)) as FullDocumentDiagnosticReport;
    expect(second.kind).toBe('full');
    expect(second.items.some((d) => d.code === 'unrealistic-backlog')).toBe(false);

    // Code actions read the same recorded validation.
    const unchecked = second.items.find((d) => d.code === 'unchecked-false-return');
    if (unchecked) expect((await client.codeActions(uri, [unchecked])).length).toBeGreaterThan(0);

    await client.close(uri);
    // The only publish is the one clearing on close.
    const cleared = await client.waitFor(() => client.publishedFor(uri)[0], 'the clearing publish');
    expect(cleared.diagnostics).toEqual([]);
    expect(client.publishedFor(uri)).toHaveLength(1);
  });

  it('asks the client to pull again when the settings change', async () => {
    const uri = 'file:///virtual/pull-settings.php';
    await client.open(uri, TEXT, 1);
    const before = (await pull(uri)) as FullDocumentDiagnosticReport;
    expect(before.items.find((d) => d.code === 'unrealistic-backlog')!.severity).toBe(2);
    const refreshes = client.refreshRequests;
    settings = { rules: { 'unrealistic-backlog': 'error' } };
    await client.changeConfiguration(() => settings);
    await client.waitFor(() => client.refreshRequests > refreshes, 'workspace/diagnostic/refresh');
    const after = (await pull(uri, before.resultId)) as FullDocumentDiagnosticReport;
    expect(after.kind).toBe('full');
    expect(after.items.find((d) => d.code === 'unrealistic-backlog')!.severity).toBe(1);
  });
});
