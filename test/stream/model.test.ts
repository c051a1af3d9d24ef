// The socket model on the stream table: stream calls are model calls with their table entry, their
// results are values with identity (which opener made the stream), their by-reference outputs are
// known outputs, and a failure value narrows as a socket_*() result does.
import { describe, expect, it } from 'vitest';
import type { ResultTestedEvent } from '../../server/src/core/model/events';
import { buildSocketModel, type SocketCall, type SocketModel } from '../../server/src/core/model/model';
import { streamSites } from '../../server/src/core/model/values';
import { parsePhp } from '../../server/src/core/parse';
import { runRuleTests } from '../support/rule-tester';

function modelOf(code: string): SocketModel {
  const { program } = parsePhp(code);
  return buildSocketModel(program, code).model;
}

/** Ids of the calls whose result some real test looks at, as a rule hears them (model/events.ts). */
function testedIds(code: string): Set<number> {
  const { listeners } = buildSocketModel(parsePhp(code).program, code, () => {
    const tested = new Set<number>();
    return [{ tested, resultTested: ({ callIds }: ResultTestedEvent) => { for (const id of callIds) tested.add(id); } }];
  });
  return (listeners[0] as { tested: Set<number> }).tested;
}

function callsOf(model: SocketModel, name: string): SocketCall[] {
  return model.calls.filter((call) => call.fn.name === name);
}

describe('stream calls in the model', () => {
  it('are calls of the streams table with their effects entry', () => {
    const model = modelOf('<?php $fp = fsockopen("example.org", 80, $errno, $errstr, 5) or die; fwrite($fp, "x");');
    const [open] = callsOf(model, 'fsockopen');
    expect(open!.fn.api).toBe('streams');
    expect(open!.fn.stream?.opens?.role).toBe('client');
    expect(open!.fn.effects.failure).toBe(false);
    expect(callsOf(model, 'fwrite')[0]!.fn.stream?.writes).toMatchObject({ data: 'data', partial: true });
  });

  it('give a stream the identity of its opener, and a file from fopen() none', () => {
    const code = `<?php
      $fp = fsockopen("example.org", 80) or die;
      $srv = stream_socket_server("udp://0.0.0.0:53", $no, $str, STREAM_SERVER_BIND) or die;
      $c = @stream_socket_accept($srv);
      $f = fopen("/tmp/log", "w");
      fwrite($fp, "a"); fwrite($srv, "b"); fwrite($f, "c"); fwrite($c ?: $fp, "d");`;
    const writes = callsOf(modelOf(code), 'fwrite').map((call) => call.arguments.get('stream')!.value);
    expect(streamSites(writes[0]!, 'fsockopen')).toHaveLength(1);
    expect(streamSites(writes[0]!, 'stream_socket_server')).toHaveLength(0);
    expect(streamSites(writes[1]!, 'stream_socket_server').map((site) => [site.role, site.type])).toEqual([['server', 'SOCK_DGRAM']]);
    expect(streamSites(writes[2]!)).toEqual([]);
    // An accepted stream has its server's transport type.
    expect(streamSites(writes[3]!, 'stream_socket_accept').map((site) => [site.role, site.type])).toEqual([['accepted', 'SOCK_DGRAM']]);
    expect(streamSites(writes[3]!, 'fsockopen')).toHaveLength(1);
  });

  it('type a stream by its transport, also when only the scheme is a literal', () => {
    const code = `<?php
      $a = stream_socket_client("udp://10.0.0.1:53") or die; $b = stream_socket_client("tcp://$host:80") or die;
      $c = stream_socket_client('udg://' . $path) or die; $d = fsockopen($host, 80) or die;
      fclose($a); fclose($b); fclose($c); fclose($d);`;
    const types = callsOf(modelOf(code), 'fclose').map((call) => streamSites(call.arguments.get('stream')!.value).map((site) => site.type));
    expect(types).toEqual([['SOCK_DGRAM'], ['SOCK_STREAM'], ['SOCK_DGRAM'], ['unknown']]);
  });

  it('know the by-reference outputs: $errno and $errstr carry where they came from', () => {
    const code = '<?php $fp = fsockopen("h", 80, $errno, $errstr);\nif ($errno > 0) echo $errstr;';
    const model = modelOf(code);
    const reads = [...model.originReads.values()].map((read) => ({ what: read.origins.map((o) => o.what), usages: [...read.usages] }));
    expect(reads).toEqual(expect.arrayContaining([{ what: ['errno'], usages: ['check'] }, { what: ['errstr'], usages: ['use'] }]));
  });

  it('narrow the failure value exactly as a socket_create() result: checked, no false pending', () => {
    const streamCode = '<?php $fp = stream_socket_client("tcp://a:1");\nif ($fp === false) { exit(1); }\nfwrite($fp, "x");';
    const stream = modelOf(streamCode);
    const socket = modelOf('<?php $fp = socket_create(AF_INET, SOCK_STREAM, 0);\nif ($fp === false) { exit(1); }\nsocket_write($fp, "x");');
    const written = callsOf(stream, 'fwrite')[0]!.arguments.get('stream')!.value;
    const sent = callsOf(socket, 'socket_write')[0]!.arguments.get('socket')!.value;
    expect(written.pending.size).toBe(0);
    expect(streamSites(written, 'stream_socket_client')).toHaveLength(1);
    expect({ consts: written.consts, unknown: written.unknown, sockets: written.sockets.size }).toEqual({ consts: sent.consts, unknown: sent.unknown, sockets: sent.sockets.size });
    expect(stream.unchecked).toEqual([]);
    expect(testedIds(streamCode).has(callsOf(stream, 'stream_socket_client')[0]!.id)).toBe(true);
  });
});

// is_resource() is right for a stream: it must never be taken for a test of a PHP 8 Socket.
runRuleTests('socket-is-resource', {
  valid: [
    { name: 'fsockopen() result', code: '<?php $fp = fsockopen("h", 80);\nif (!is_resource($fp)) exit;' },
    { name: 'accepted stream', code: '<?php $s = stream_socket_server("tcp://0.0.0.0:1") or die;\n$c = stream_socket_accept($s);\nif (is_resource($c)) fclose($c);' },
    { name: 'get_resource_type() of a stream', code: '<?php $fp = stream_socket_client("tcp://a:1") or die;\necho get_resource_type($fp);' },
    { name: 'gettype() of a stream', code: '<?php $fp = pfsockopen("h", 80) or die;\nif (gettype($fp) !== "resource") exit;' },
    { name: 'exported stream of a Socket', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0) or die;\n$fp = socket_export_stream($s);\nif (!is_resource($fp)) exit;' },
    { name: 'either a stream or a Socket: not judged', code: '<?php $x = $tcp ? fsockopen("h", 80) : socket_create(AF_INET, SOCK_STREAM, 0);\nif (!is_resource($x)) exit;' },
    {
      name: 'a Socket replaced by a stream on a later pass of the loop: not judged',
      code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0) or die;\nfor ($i = 0; $i < 3; $i++) {\n  if (is_resource($s)) fclose($s);\n  $s = stream_socket_client("tcp://$addr", $e, $r, 1);\n  if ($s === false) exit(1);\n}',
    },
  ],
  invalid: [
    {
      name: 'a Socket is still flagged beside a stream',
      code: '<?php $fp = fsockopen("h", 80);\n$s = socket_create(AF_INET, SOCK_STREAM, 0);\nif (is_resource($fp) && is_resource($s)) {}',
      errors: [{ messageId: 'isResource', line: 3, column: 25, endLine: 3, endColumn: 40 }],
      output: '<?php $fp = fsockopen("h", 80);\n$s = socket_create(AF_INET, SOCK_STREAM, 0);\nif (is_resource($fp) && $s instanceof \\Socket) {}',
    },
  ],
});
