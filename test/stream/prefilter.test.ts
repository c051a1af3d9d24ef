// The prefilter: a file that names no function of either family (ext/sockets, stream sockets) is
// never decoded or parsed; one that names one always is.
import { describe, expect, it } from 'vitest';
import { bytesMentionSocketApi } from '../../server/src/cli/lint-file';
import { lintText, mentionsSocketApi } from '../../server/src/core/lint';

const NAMING = [
  '<?php socket_create(AF_INET, SOCK_STREAM, 0);',
  '<?php Socket_Create(AF_INET, SOCK_STREAM, 0);',
  '<?php SOCKET_CREATE(1, 2, 3);',
  '<?php $fp = fsockopen("h", 80);',
  '<?php $fp = \\PFSOCKOPEN("h", 80);',
  '<?php $fp = Fsockopen("h", 80);',
  '<?php stream_socket_client("tcp://a:1");',
  '<?php STREAM_SOCKET_SERVER("tcp://a:1");',
  '<?php socket_set_timeout($fp, 5);',
  // Only the last candidate is a real one: the search goes on past the look-alikes.
  '<?php // lock, block, Sockets, sockpuppet, SOCK_STREAM ... then\nsocket_close($s);',
];
const NOT_NAMING = [
  '<?php echo "hello";',
  '<?php $lock->block(); $clock = new Clock();',
  '<?php class Sockets {} $socket = new WebSocket(); $sock = 1; // sockets, SOCK_DGRAM',
  '<?php fopen("php://stdin", "r"); fwrite(STDOUT, "x"); stream_set_timeout($fp, 1); stream_select($r, $w, $e, 1);',
  'ock', 'sock', 'socke', 'socket', 'sockop', '',
];

describe('the prefilter', () => {
  it('lets through every file that names a function of either family, in any usual case', () => {
    for (const text of NAMING) {
      expect(bytesMentionSocketApi(Buffer.from(text)), text).toBe(true);
      expect(mentionsSocketApi(text), text).toBe(true);
      expect(lintText(text).parsed, text).toBe(true);
    }
  });

  it('stops every file that names neither, before it is decoded or parsed', () => {
    for (const text of NOT_NAMING) {
      expect(bytesMentionSocketApi(Buffer.from(text)), text).toBe(false);
      expect(mentionsSocketApi(text), text).toBe(false);
      expect(lintText(text).parsed, text).toBe(false);
    }
  });

  it('finds a name at the very start and the very end of the bytes', () => {
    expect(bytesMentionSocketApi(Buffer.from('socket_'))).toBe(true);
    expect(bytesMentionSocketApi(Buffer.from('xx fsockop'))).toBe(false);
    expect(bytesMentionSocketApi(Buffer.from('xx fsockopen'))).toBe(true);
  });
});
