// Stream sockets (runtime/streams.ts): fsockopen, stream_socket_*, and the stream reads on
// them. The by-reference outputs ($errno, $errstr, $peername) come back in the runtime call's
// result, as for the other built-ins with outputs. fwrite/fputs/fgets/fclose are the file
// functions' entries (builtins.ts): the runtime's PhpStream hands a socket stream's I/O to it.
import type { Builtin } from './builtins';
import { arrayOf, BOOL, INT, kinds, MIXED, NULL, STRING, union } from './php-types';

const STREAM_OR_FALSE = union(kinds('stream'), kinds('false'));
const STRING_OR_FALSE = union(STRING, kinds('false'));
const fixed = (type: typeof BOOL): Builtin => ({ returns: () => type });
/** What an opening call stores in its $errno and $errstr arguments, at these positions. */
const errorOutputs = (errno: number) => [{ index: errno, name: 'error_code', type: INT }, { index: errno + 1, name: 'error_message', type: STRING }];

export const STREAM_BUILTINS: readonly [string, Builtin][] = [
  ['stream_socket_server', { returns: () => STREAM_OR_FALSE, outputs: errorOutputs(1) }],
  ['stream_socket_client', { returns: () => STREAM_OR_FALSE, outputs: errorOutputs(1) }],
  ['fsockopen', { returns: () => STREAM_OR_FALSE, outputs: errorOutputs(2) }],
  ['pfsockopen', { returns: () => STREAM_OR_FALSE, outputs: errorOutputs(2) }],
  ['stream_socket_accept', { returns: () => STREAM_OR_FALSE, outputs: [{ index: 2, name: 'peer_name', type: union(STRING, NULL) }] }],
  ...['fread', 'fgetc', 'stream_get_line', 'stream_get_contents', 'stream_socket_get_name'].map((name): [string, Builtin] => [name, fixed(STRING_OR_FALSE)]),
  ...['feof', 'stream_set_timeout', 'stream_set_blocking', 'stream_socket_shutdown', 'is_resource'].map((name): [string, Builtin] => [name, fixed(BOOL)]),
  ['socket_set_timeout', { helper: 'stream_set_timeout', returns: () => BOOL }],
  ['socket_set_blocking', { helper: 'stream_set_blocking', returns: () => BOOL }],
  ['stream_get_meta_data', fixed(arrayOf(MIXED))],
  ['socket_get_status', { helper: 'stream_get_meta_data', returns: () => arrayOf(MIXED) }],
  ['stream_select', {
    returns: () => union(INT, kinds('false')),
    outputs: ['read', 'write', 'except'].map((name, index) => ({ index, name, type: arrayOf(kinds('stream')), inOut: true })),
  }],
  ['stream_context_create', fixed(kinds('stream'))],
  ['get_resource_type', fixed(STRING)],
];
