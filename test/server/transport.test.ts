// The diagnostics a lint worker wrote as JSON text go out as that text over --stdio (the writer
// splices it into the message) and as objects over --node-ipc (as VS Code starts the server):
// either way the client receives the same diagnostics, pushed and pulled, and code actions still
// find the findings they name.
import type { Diagnostic, DocumentDiagnosticReport, FullDocumentDiagnosticReport, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics, fullReport, messageJson, publishParams } from '../../server/src/server/transport';
import { LspClient } from './lsp-client';

/** Findings of several rules; messages and related information with quotes, backslashes and non-ASCII text. */
const TEXT = [
  '<?php',
  '// Grüße, "quoted" \\ and 😀 before the findings',
  '$sö = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);',
  'if ($sö === false) { exit(1); }',
  'socket_write($sö, "ünïcödé \\"x\\"\\n");',
  'socket_listen($sö, 100000);',
  '$u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);',
  'socket_listen($u, 5);',
  '$bad = ;',
  '',
].join('\n');

const DIAGNOSTIC: Diagnostic = {
  range: { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } },
  severity: 2,
  source: 'php-socket-lint',
  message: 'a "quoted" message \\ with ünïcödé and 😀',
  code: 'unchecked-false-return',
  data: { version: 3, index: 0 },
};

describe('prewritten diagnostics in messages', () => {
  it('splice the JSON text into a notification as JSON.stringify would write it', () => {
    const diagnostics = Diagnostics.json(JSON.stringify([DIAGNOSTIC, DIAGNOSTIC]), 2);
    const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: publishParams('file:///a%20b/ü.php', 3, diagnostics) };
    const plain = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b/ü.php', version: 3, diagnostics: [DIAGNOSTIC, DIAGNOSTIC] } };
    expect(messageJson(message)).toBe(JSON.stringify(plain));
    // Whatever stringifies the message itself (process.send over --node-ipc) reads the objects.
    expect(JSON.stringify(message)).toBe(JSON.stringify(plain));
  });

  it('leave out a version they do not have, and splice a pull report into a response', () => {
    const diagnostics = Diagnostics.of([DIAGNOSTIC]);
    expect(JSON.parse(messageJson({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: publishParams('file:///x.php', undefined, diagnostics) } as never))).toEqual({
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: { uri: 'file:///x.php', diagnostics: [DIAGNOSTIC] },
    });
    const response = { jsonrpc: '2.0', id: 7, result: fullReport('12', diagnostics) };
    expect(messageJson(response as never)).toBe(JSON.stringify({ jsonrpc: '2.0', id: 7, result: { kind: 'full', resultId: '12', items: [DIAGNOSTIC] } }));
  });

  it('leave every other message to JSON.stringify', () => {
    const message = { jsonrpc: '2.0', id: 1, result: { contents: 'x', range: null } };
    expect(messageJson(message as never)).toBe(JSON.stringify(message));
    const empty = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x.php', diagnostics: [] } };
    expect(messageJson(empty as never)).toBe(JSON.stringify(empty));
  });
});

describe('the same diagnostics over --stdio and --node-ipc', { timeout: 60_000 }, () => {
  const clients: Record<'stdio' | 'node-ipc', { push: LspClient; pull: LspClient }> = {} as never;
  beforeAll(async () => {
    for (const transport of ['stdio', 'node-ipc'] as const) {
      clients[transport] = { push: await LspClient.start({ transport }), pull: await LspClient.start({ transport, pull: true }) };
    }
  });
  afterAll(async () => {
    for (const { push, pull } of Object.values(clients)) await Promise.all([push.stop(), pull.stop()]);
  });

  async function pushed(client: LspClient): Promise<PublishDiagnosticsParams> {
    const uri = 'file:///virtual/transport.php';
    await client.open(uri, TEXT, 1);
    await client.diagnosticsFor(uri, 1);
    await client.change(uri, 2, [{ range: { start: { line: 5, character: 19 }, end: { line: 5, character: 25 } }, text: '99999' }]);
    return client.diagnosticsFor(uri, 2);
  }

  async function pulled(client: LspClient): Promise<FullDocumentDiagnosticReport> {
    const uri = 'file:///virtual/transport.php';
    await client.open(uri, TEXT, 1);
    const report: DocumentDiagnosticReport = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    expect(report.kind).toBe('full');
    return report as FullDocumentDiagnosticReport;
  }

  it('pushes them', async () => {
    const [stdio, ipc] = await Promise.all([pushed(clients.stdio.push), pushed(clients['node-ipc'].push)]);
    expect(stdio.version).toBe(2);
    expect(stdio.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['unchecked-false-return', 'listen-on-datagram']));
    expect(stdio.diagnostics.some((d) => String(d.message).includes('$sö'))).toBe(true);
    expect(stdio.diagnostics.some((d) => d.code === undefined)).toBe(true); // the parse error
    expect(ipc).toEqual(stdio);
  });

  it('answers pulls with them', async () => {
    const [stdio, ipc] = await Promise.all([pulled(clients.stdio.pull), pulled(clients['node-ipc'].pull)]);
    expect(stdio.items.length).toBeGreaterThan(3);
    expect(ipc.items).toEqual(stdio.items);
    const [pushedStdio] = clients.stdio.push.publishedFor('file:///virtual/transport.php');
    expect(stdio.items).toEqual(pushedStdio!.diagnostics);
  });

  it('finds the findings a code action names in them', async () => {
    for (const transport of ['stdio', 'node-ipc'] as const) {
      const client = clients[transport].push;
      const [latest] = client.publishedFor('file:///virtual/transport.php').slice(-1);
      const unchecked = latest!.diagnostics.find((d) => d.code === 'unchecked-false-return')!;
      const actions = await client.codeActions('file:///virtual/transport.php', [unchecked]);
      expect(actions.map((action) => action.title)).toContain('Disable unchecked-false-return for this line');
    }
  });
});
