// Hover from the real server: ext/sockets call names and constants hover with the signature,
// what `false` means, how to read the error and the Node.js equivalent; strings, comments,
// methods and namespaced functions of the same name do not.
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_FUNCTIONS } from '../../server/src/core/socket-api';
import { LspClient } from './lsp-client';

const TEXT = [
  '<?php',
  'namespace App;',
  '$s = \\socket_create(AF_INET, SOCK_STREAM, SOL_TCP); // socket_bind in a comment',
  '$t = "é😀"; socket_bind($s, "0.0.0.0", 8000);',
  '$o->socket_listen($s);',
  'echo "socket_close($s)";',
  'Lib\\socket_accept($s);',
  '',
].join('\n');
const uri = 'file:///virtual/hover.php';

let client: LspClient;

function hover(line: number, character: number): Promise<Hover | null> {
  return client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
}

function markdown(result: Hover | null): string {
  return (result!.contents as MarkupContent).value;
}

describe('hover', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    client = await LspClient.start();
    await client.open(uri, TEXT);
    await client.diagnosticsFor(uri);
  });
  afterAll(() => client.stop());

  it('shows signature, false return, error reading and the Node.js equivalent on a call name', async () => {
    // `socket_bind` after the multi-byte string starts at UTF-16 column 12 (11 code points in).
    const result = await hover(3, 13);
    expect(result!.range).toEqual({ start: { line: 3, character: 12 }, end: { line: 3, character: 23 } });
    const text = markdown(result);
    const note = SOCKET_FUNCTIONS.get('socket_bind')!.note!;
    expect(text).toContain('socket_bind(Socket $socket, string $address, [int $port]): bool');
    expect(text).toContain(note.summary);
    expect(text).toContain(note.onFalse!);
    expect(text).toContain('socket_strerror(socket_last_error($socket))');
    expect(text).toContain(note.node);
    // Nothing said twice.
    expect(text.split(note.node).length).toBe(2);
  });

  it('hovers a fully qualified call, reading the module error when there is no socket yet', async () => {
    const result = await hover(2, 8);
    expect(result!.range).toEqual({ start: { line: 2, character: 5 }, end: { line: 2, character: 19 } });
    const text = markdown(result);
    expect(text).toContain('socket_create(int $domain, int $type, int $protocol): Socket|false');
    expect(text).toContain('socket_strerror(socket_last_error())');
    expect(text).toContain(SOCKET_FUNCTIONS.get('socket_create')!.note!.node);
  });

  it('hovers constants with their value', async () => {
    const result = await hover(2, 22);
    expect(result!.range).toEqual({ start: { line: 2, character: 20 }, end: { line: 2, character: 27 } });
    expect(markdown(result)).toContain('AF_INET = 2');
  });

  it('does not hover strings, comments, methods or namespaced functions', async () => {
    expect(await hover(2, 60)).toBeNull(); // socket_bind in a comment
    expect(await hover(4, 8)).toBeNull(); // $o->socket_listen
    expect(await hover(5, 8)).toBeNull(); // "socket_close(...)" in a string
    expect(await hover(6, 8)).toBeNull(); // Lib\socket_accept
    expect(await hover(3, 2)).toBeNull(); // a variable
  });
});
