// Hover and the TextMate injection cover the stream table: the hover of a stream function says
// where its failure is explained ($errstr, error_get_last()), and the grammar scopes the stream
// socket functions and STREAM_* constants, not fwrite() or fclose() of a file.
import { describe, expect, it } from 'vitest';
import { parsePhp } from '../../server/src/core/parse';
import streamTable from '../../server/src/core/stream-api.json';
import { hoverAt, mayHover } from '../../server/src/server/hover';
import { CONSTANT_SCOPE, FUNCTION_SCOPE, highlight } from '../grammar/tokenize';

function hoverOn(code: string, word: string) {
  const offset = code.indexOf(word) + 1;
  return { may: mayHover(code, offset), hover: hoverAt(parsePhp(code), offset) };
}

describe('hover on stream functions and constants', () => {
  it('explains an opener: what it does, what false means, where the reason is', () => {
    const { may, hover } = hoverOn('<?php $fp = fsockopen("h", 80, $errno, $errstr, 5);', 'fsockopen');
    expect(may).toBe(true);
    expect(hover!.markdown).toContain('the timeout bounds only the connect');
    expect(hover!.markdown).toContain('**Returns `false`**: the connection failed');
    expect(hover!.markdown).toContain('Read why in `$error_message`.');
    expect(hover!.markdown).not.toContain('socket_last_error');
  });

  it('names error_get_last() where the call has no $errstr, and the ext/sockets reason for socket_*()', () => {
    expect(hoverOn('<?php $c = stream_socket_accept($s);', 'stream_socket_accept').hover!.markdown).toContain('Read why with `error_get_last()`.');
    expect(hoverOn('<?php socket_listen($s);', 'socket_listen').hover!.markdown).toContain('socket_strerror(socket_last_error($socket))');
  });

  it('shows a STREAM_* constant with its value', () => {
    const { may, hover } = hoverOn('<?php $f = STREAM_SERVER_BIND;', 'STREAM_SERVER_BIND');
    expect(may).toBe(true);
    expect(hover!.markdown).toContain(`STREAM_SERVER_BIND = ${streamTable.constants.STREAM_SERVER_BIND}`);
    expect(hover!.markdown).toContain('Stream socket constant');
  });
});

describe('the grammar on stream code', () => {
  it('scopes the stream socket functions and constants, in any case', async () => {
    const h = await highlight(
      ['$fp = fsockopen($h, 80);', '$s = \\Stream_Socket_Server("udp://0.0.0.0:53", $n, $e, STREAM_SERVER_BIND);', 'socket_set_timeout($fp, 5);', 'pfsockopen($h, 80);'].join('\n'),
    );
    expect(h.scopesAt(0, 'fsockopen')).toContain(FUNCTION_SCOPE);
    expect(h.scopesAt(1, 'Stream_Socket_Server')).toContain(FUNCTION_SCOPE);
    expect(h.scopesAt(1, 'STREAM_SERVER_BIND')).toContain(CONSTANT_SCOPE);
    expect(h.scopesAt(2, 'socket_set_timeout')).toContain(FUNCTION_SCOPE);
    expect(h.scopesAt(3, 'pfsockopen')).toContain(FUNCTION_SCOPE);
  });

  it('leaves the general stream functions alone: they are file code as often', async () => {
    const h = await highlight(['fwrite($f, "x");', 'fclose($f);', 'stream_get_meta_data($f);'].join('\n'));
    for (const [line, name] of [[0, 'fwrite'], [1, 'fclose'], [2, 'stream_get_meta_data']] as const) expect(h.scopesAt(line, name), name).not.toContain(FUNCTION_SCOPE);
  });
});
