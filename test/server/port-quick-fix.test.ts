// The light bulb's "Port to TypeScript (node:net)" through the real language server: offered on
// every finding and on socket_create/listen/accept/bind lines, never elsewhere; choosing it
// writes the idiomatic port beside the file and says which port it is and how to type-check it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CreateFile, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasNodeTypes } from '../../server/src/server/port-action';
import { LspClient } from './lsp-client';

const PHP = readFileSync(new URL('../port-idiomatic/programs/line-upper.php', import.meta.url), 'utf8');
const UDP = '<?php\n$s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\nsocket_listen($s, 5);\necho "x";\n';
const UDP_STREAM = '<?php\n$fp = fsockopen("udp://127.0.0.1", 9);\nfwrite($fp, "x");\n';
const BOTH = '<?php\n$t = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\n$u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\nsocket_write($t, "x");\n';

let client: LspClient;
let dir: string;
const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;

describe('the port quick fix', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psl-port-fix-'));
    client = await LspClient.start();
    for (const [name, text] of [['line-upper.php', PHP], ['udp.php', UDP], ['udp-stream.php', UDP_STREAM], ['both.php', BOTH]] as const) {
      writeFileSync(join(dir, name), text);
      await client.open(uriOf(name), text);
    }
  });
  afterAll(() => client.stop());

  const titlesAt = async (name: string, line: number) => {
    const actions = await client.connection.sendRequest<{ title: string; kind?: string; command?: { command: string; arguments: unknown[] } }[]>('textDocument/codeAction', {
      textDocument: { uri: uriOf(name) },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics: [] },
    });
    return actions;
  };

  it('is offered on a socket finding, with node:dgram for a UDP program', async () => {
    const published = await client.diagnosticsFor(uriOf('udp.php'));
    expect(published.diagnostics.length).toBeGreaterThan(0);
    const actions = await client.codeActions(uriOf('udp.php'), published.diagnostics);
    const port = actions.find((action) => action.title === 'Port to TypeScript (node:dgram)');
    expect(port?.kind).toBe('quickfix');
  });

  it('names node:dgram for a udp:// stream, and both modules for a program of both kinds', async () => {
    for (const [name, title] of [['udp-stream.php', 'Port to TypeScript (node:dgram)'], ['both.php', 'Port to TypeScript (node:net / node:dgram)']]) {
      const published = await client.diagnosticsFor(uriOf(name));
      expect(published.diagnostics.length, name).toBeGreaterThan(0);
      expect((await client.codeActions(uriOf(name), published.diagnostics)).map((action) => action.title), name).toContain(title);
    }
  });

  it('is offered on socket_create/bind/listen/accept lines and nowhere else', async () => {
    const lines = PHP.split('\n');
    const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    for (const call of [/socket_create\(/, /socket_bind\(/, /socket_accept\(/]) {
      expect((await titlesAt('line-upper.php', at(call))).map((a) => a.title)).toContain('Port to TypeScript (node:net)');
    }
    expect((await titlesAt('line-upper.php', at(/\$totalLines = 0/))).map((a) => a.title)).not.toContain('Port to TypeScript (node:net)');
  });

  it('writes the idiomatic port beside the file and names it in the message', async () => {
    const [port] = (await titlesAt('line-upper.php', PHP.split('\n').findIndex((line) => line.includes('socket_accept(')))).filter((a) => a.title.startsWith('Port to TypeScript'));
    const target = await client.connection.sendRequest('workspace/executeCommand', { command: port!.command!.command, arguments: port!.command!.arguments });
    expect(target).toBe(uriOf('line-upper.ts'));
    const [create, text] = client.appliedEdits.at(-1)!.documentChanges as [CreateFile, TextDocumentEdit];
    expect(create).toMatchObject({ kind: 'create', uri: uriOf('line-upper.ts') });
    expect((text.edits[0] as { newText: string }).newText).toContain("server.on('connection', async (client) =>");
    const message = await client.waitFor(() => client.messages.find((m) => m.startsWith('Ported to line-upper.ts')), 'the port message');
    expect(message).toContain('idiomatic node:net port');
    // The scratch folder is outside any node_modules/@types/node.
    expect(message).toContain('npm i -D @types/node typescript');
  });

  it('finds @types/node in the folder or above it', () => {
    const present = new Set(['/a/node_modules/@types/node']);
    expect(hasNodeTypes('/a/b/c/x.ts', (p) => present.has(p))).toBe(true);
    expect(hasNodeTypes('/z/x.ts', (p) => present.has(p))).toBe(false);
  });
});
