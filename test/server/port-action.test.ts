// "Port file to TypeScript" and the Node.js equivalent in hover, through the real server.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CreateFile, Hover, MarkupContent, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './lsp-client';

const PHP = [
  '<?php',
  '$udp = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);',
  "if ($udp === false || !socket_bind($udp, '127.0.0.1', 9999)) exit(1);",
  'socket_listen($udp);',
  '$tcp = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or exit(1);',
  'socket_listen($tcp, 5) or exit(1);',
  '',
].join('\n');

let client: LspClient;
let dir: string;
let uri: string;

describe('port action and Node.js equivalents', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psl-port-action-'));
    writeFileSync(join(dir, 'server.php'), PHP);
    uri = pathToFileURL(join(dir, 'server.php')).href;
    client = await LspClient.start();
    await client.open(uri, PHP);
    await client.diagnosticsFor(uri);
  });
  afterAll(() => client.stop());

  it('offers "Port file to TypeScript" and creates server.ts beside the file', async () => {
    const actions = await client.codeActions(uri, [], ['source.portToTypeScript']);
    const port = actions.find((action) => action.title.startsWith('Port file to TypeScript'));
    expect(port?.kind).toBe('source.portToTypeScript');
    const target = await client.connection.sendRequest('workspace/executeCommand', { command: port!.command!.command, arguments: port!.command!.arguments });
    const tsUri = pathToFileURL(join(dir, 'server.ts')).href;
    expect(target).toBe(tsUri);
    const edit = client.appliedEdits.at(-1)!;
    const [create, text, createRuntime, runtimeText] = edit.documentChanges as [CreateFile, TextDocumentEdit, CreateFile, TextDocumentEdit];
    expect(create).toMatchObject({ kind: 'create', uri: tsUri, options: { overwrite: false } });
    expect(text.textDocument.uri).toBe(tsUri);
    const code = (text.edits[0] as { newText: string }).newText;
    // The faithful port (UDP and TCP sockets) imports PHP's runtime, created beside it.
    expect(code).toContain("from './php-runtime.js';");
    const runtimeUri = pathToFileURL(join(dir, 'php-runtime.ts')).href;
    expect(createRuntime).toMatchObject({ kind: 'create', uri: runtimeUri, options: { overwrite: false } });
    expect(runtimeText.textDocument.uri).toBe(runtimeUri);
    const runtime = (runtimeText.edits[0] as { newText: string }).newText;
    expect(runtime).toContain("from 'node:dgram'");
    expect(runtime).toContain("from 'node:net'");
    await client.waitFor(() => client.messages.find((m) => m.startsWith('Ported to server.ts')), 'the port message');
  });

  it('leaves a php-runtime.ts of a newer php-socket-lint alone and says so', async () => {
    const ours = ((client.appliedEdits.at(-1)!.documentChanges![3] as TextDocumentEdit).edits[0] as { newText: string }).newText;
    const header = ours.slice(0, ours.indexOf('\n'));
    writeFileSync(join(dir, 'php-runtime.ts'), `${header}\n// Runtime version: 99.0.0+000000000000\n`);
    const actions = await client.codeActions(uri, [], ['source.portToTypeScript']);
    const port = actions.find((action) => action.title.startsWith('Port file to TypeScript'))!;
    const before = client.messages.length;
    await client.connection.sendRequest('workspace/executeCommand', { command: port.command!.command, arguments: port.command!.arguments });
    expect(client.appliedEdits.at(-1)!.documentChanges!.map((change) => ('textDocument' in change ? change.textDocument.uri : (change as CreateFile).uri))).toEqual([
      pathToFileURL(join(dir, 'server.ts')).href,
      pathToFileURL(join(dir, 'server.ts')).href,
    ]);
    const message = await client.waitFor(() => client.messages.slice(before).find((m) => m.startsWith('Ported to server.ts')), 'the port message');
    expect(message).toContain('. php-runtime.ts beside the port is from a newer php-socket-lint (99.0.0; this is ');
    rmSync(join(dir, 'php-runtime.ts'));
  });

  it('ports to server.ported.ts when server.ts exists, and not at all when both do', async () => {
    writeFileSync(join(dir, 'server.ts'), '// mine\n');
    const actions = await client.codeActions(uri, [], ['source.portToTypeScript']);
    const port = actions.find((action) => action.title.startsWith('Port file to TypeScript'))!;
    const target = await client.connection.sendRequest('workspace/executeCommand', { command: port.command!.command, arguments: port.command!.arguments });
    expect(target).toBe(pathToFileURL(join(dir, 'server.ported.ts')).href);
    expect(readFileSync(join(dir, 'server.ts'), 'utf8')).toBe('// mine\n');
    writeFileSync(join(dir, 'server.ported.ts'), '// also mine\n');
    const none = await client.codeActions(uri, [], ['source.portToTypeScript']);
    expect(none.some((action) => action.title.startsWith('Port file to TypeScript'))).toBe(false);
  });

  it('hovers the net equivalent on a stream socket_listen and the dgram form on a datagram one', async () => {
    const hover = async (line: number, character: number) =>
      ((await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as Hover).contents as MarkupContent;
    const udp = await hover(3, 3);
    expect(udp.value).toContain('This call in Node.js');
    expect(udp.value).toContain("socket.on('message'");
    const tcp = await hover(5, 3);
    expect(tcp.value).toContain('server.listen({ host, port, backlog: 5 })');
    const create = await hover(1, 10);
    expect(create.value).toContain("dgram.createSocket('udp4')");
  });
});
