// The stream-socket table (stream-api.json, generated from the real PHP's reflection) and the hand-written
// effects (stream-effects.json): each agrees with the installed PHP, and with the other.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import table from '../../server/src/core/stream-api.json';
import effectsFile from '../../server/src/core/stream-effects.json';
import type { StreamEffect } from '../../server/src/core/stream-api';

interface Param { name: string; type: string; optional: boolean; byRef: boolean; variadic: boolean; default?: unknown }
interface Fn { extension: string; params: Param[]; returns: string }
type Effect = StreamEffect;

const root = join(__dirname, '..', '..');
const script = join(root, 'scripts', 'stream-api-reflect.php');
const functions = table.functions as Record<string, Fn>;
const constants = table.constants as Record<string, number>;
const effects = effectsFile.functions as Record<string, Effect>;

/** The names the issue's rules need (issue 14), then the reads loops end on and the old aliases real code calls. */
const NEEDED = [
  'fsockopen', 'pfsockopen', 'stream_socket_client', 'stream_socket_server', 'stream_socket_accept', 'stream_socket_recvfrom',
  'stream_socket_sendto', 'stream_socket_shutdown', 'stream_socket_pair', 'stream_socket_get_name', 'stream_socket_enable_crypto',
  'stream_set_timeout', 'stream_set_blocking', 'stream_select', 'stream_get_meta_data', 'stream_context_create',
  'stream_context_set_option', 'socket_import_stream', 'socket_export_stream', 'fwrite', 'fputs', 'fread', 'fgets', 'fgetc', 'feof', 'fclose',
  'stream_get_line', 'stream_get_contents', 'socket_set_timeout', 'socket_set_blocking', 'socket_get_status',
];

/** The return type: reflection's, or the documented one where reflection has none (resources). */
const returnsOf = (name: string) => functions[name]!.returns || effects[name]!.returns!;
const paramNames = (name: string) => functions[name]!.params.map((p) => p.name);
const param = (name: string, parameter: string) => functions[name]!.params.find((p) => p.name === parameter);

describe('stream-api.json', () => {
  it('matches the installed PHP CLI exactly', () => {
    const live = JSON.parse(execFileSync('php', [script], { encoding: 'utf8' }));
    expect(table.functions).toEqual(live.functions);
    expect(table.constants).toEqual(live.constants);
    expect(table.transports).toEqual(live.transports);
  });

  it('holds the functions the stream rules need and no others, whatever extensions this PHP has', () => {
    expect(Object.keys(functions).sort()).toEqual([...NEEDED].sort());
    // The reflect script names them itself: the functions of a PHP with more extensions never leak in.
    const loaded = execFileSync('php', ['-r', 'echo count(get_defined_functions()["internal"]);'], { encoding: 'utf8' });
    expect(Number(loaded)).toBeGreaterThan(NEEDED.length);
    expect(functions.socket_import_stream!.extension).toBe('sockets');
    expect(functions.fsockopen!.extension).toBe('standard');
  });

  it('records the defaults the rules reason about', () => {
    expect(param('stream_socket_server', 'flags')!.default).toBe(constants.STREAM_SERVER_BIND! | constants.STREAM_SERVER_LISTEN!);
    expect(param('stream_socket_client', 'flags')!.default).toBe(constants.STREAM_CLIENT_CONNECT);
    for (const name of ['fsockopen', 'stream_socket_client', 'stream_socket_accept']) expect(param(name, 'timeout'), name).toMatchObject({ type: '?float', default: null });
    expect(param('stream_select', 'read')).toMatchObject({ type: '?array', byRef: true });
    expect(constants).toMatchObject({ STREAM_SERVER_BIND: 4, STREAM_SERVER_LISTEN: 8, STREAM_SHUT_RDWR: 2, STREAM_SOCK_DGRAM: 2 });
    expect(table.transports).toEqual(expect.arrayContaining(['tcp', 'udp', 'unix', 'udg']));
  });
});

describe('stream-effects.json against stream-api.json', () => {
  it('describes exactly the functions of the table', () => {
    expect(Object.keys(effects).sort()).toEqual(Object.keys(functions).sort());
  });

  it('gives a return type exactly where reflection has none, and only resource ones', () => {
    for (const name of NEEDED) {
      if (functions[name]!.returns === '') expect(effects[name]!.returns, name).toMatch(/^resource(\|false)?$/);
      else expect(effects[name]!.returns, name).toBeUndefined();
    }
    expect(Object.keys(effects).filter((name) => effects[name]!.returns).sort()).toEqual(
      ['fsockopen', 'pfsockopen', 'socket_export_stream', 'stream_context_create', 'stream_socket_accept', 'stream_socket_client', 'stream_socket_server'],
    );
  });

  it('says false on failure for every function whose return type has false, and only where false or bool can come back', () => {
    for (const name of NEEDED) {
      const types = returnsOf(name).split('|');
      if (types.includes('false')) expect(effects[name]!.failure, name).toBe(false);
      if (effects[name]!.failure === false) expect(types.includes('false') || types.includes('bool'), name).toBe(true);
    }
    // bool functions whose false is no failure: feof() (false: not at end of stream).
    const boolNoFailure = NEEDED.filter((name) => returnsOf(name) === 'bool' && effects[name]!.failure === undefined);
    expect(boolNoFailure).toEqual(['feof']);
    for (const never of ['stream_get_meta_data', 'stream_context_create', 'feof']) expect(effects[never]!.failure, never).toBeUndefined();
  });

  it('names every by-reference parameter as an output, with what it receives', () => {
    for (const name of NEEDED) {
      const byRef = functions[name]!.params.filter((p) => p.byRef).map((p) => p.name);
      expect(Object.keys(effects[name]!.outputs ?? {}), name).toEqual(byRef);
      for (const role of Object.values(effects[name]!.outputs ?? {})) expect(['errno', 'errstr', 'peer', 'ready'], name).toContain(role);
    }
    for (const opener of ['fsockopen', 'pfsockopen', 'stream_socket_client', 'stream_socket_server']) {
      expect(effects[opener]!.outputs, opener).toEqual({ error_code: 'errno', error_message: 'errstr' });
    }
  });

  it('names only real parameters, of the right kind', () => {
    for (const [name, effect] of Object.entries(effects)) {
      const named = [
        effect.takesStream, effect.opens?.address, effect.opens?.port, effect.opens?.connectTimeout, effect.opens?.flags,
        effect.opens?.context, effect.opens?.from, effect.opens?.type, effect.opens?.domain, effect.waits?.timeout,
        effect.reads?.length, effect.writes?.data, effect.writes?.length, effect.setsBlocking, effect.createsContext?.options,
        effect.setsContextOption?.context, ...Object.values(effect.setsTimeout ?? {}), ...(effect.keepsStreams ?? []),
      ].filter((value): value is string => value !== undefined);
      for (const parameter of named) expect(paramNames(name), `${name}: ${parameter}`).toContain(parameter);
      // A stream parameter is untyped in reflection (a resource).
      if (effect.takesStream) expect(param(name, effect.takesStream)!.type, name).toBe('');
      if (effect.opens?.from === 'socket' && name === 'socket_export_stream') expect(param(name, 'socket')!.type).toBe('Socket');
      if (effect.keepsStreams) expect(effect.keepsStreams, name).toEqual(Object.keys(effect.outputs ?? {}));
    }
  });

  it('opens streams only where PHP returns a resource (or, for a pair, an array of them)', () => {
    const openers = Object.keys(effects).filter((name) => effects[name]!.opens).sort();
    expect(openers).toEqual(['fsockopen', 'pfsockopen', 'socket_export_stream', 'stream_socket_accept', 'stream_socket_client', 'stream_socket_pair', 'stream_socket_server']);
    for (const name of openers) {
      const opens = effects[name]!.opens!;
      if (opens.into === 'result') expect(returnsOf(name), name).toBe('array|false');
      else expect(returnsOf(name), name).toBe('resource|false');
      expect(['client', 'server', 'accepted', 'pair', 'exported'], name).toContain(opens.role);
    }
  });

  it("gives the opener's default flags as PHP's default of its flags parameter", () => {
    for (const [name, effect] of Object.entries(effects)) {
      if (!effect.opens?.defaultFlags) continue;
      const value = effect.opens.defaultFlags.reduce((bits, flag) => bits | constants[flag]!, 0);
      expect(param(name, effect.opens.flags!)!.default, name).toBe(value);
    }
    const server = effects.stream_socket_server!.opens!;
    expect(server.defaultFlags).toContain(server.listensWith);
  });

  it('describes an alias exactly as the function it aliases (same parameters, same return, same effects)', () => {
    const aliases = Object.entries(effects).filter(([, effect]) => effect.aliasOf).map(([name, effect]) => [name, effect.aliasOf!] as const);
    expect(Object.fromEntries(aliases)).toEqual({
      fputs: 'fwrite', socket_set_timeout: 'stream_set_timeout', socket_set_blocking: 'stream_set_blocking', socket_get_status: 'stream_get_meta_data',
    });
    for (const [alias, target] of aliases) {
      expect(functions[alias]!.params, alias).toEqual(functions[target]!.params);
      expect(returnsOf(alias), alias).toBe(returnsOf(target));
      expect({ ...effects[alias], aliasOf: undefined, $comment: undefined }, alias).toEqual({ ...effects[target], aliasOf: undefined, $comment: undefined });
    }
    for (const writer of ['fwrite', 'fputs']) expect(effects[writer]!.writes, writer).toMatchObject({ partial: true });
  });

  it('types every transport of this PHP, datagram ones as SOCK_DGRAM', () => {
    const types = effectsFile.transports.types as Record<string, string>;
    for (const transport of table.transports) expect(types[transport], transport).toMatch(/^SOCK_(STREAM|DGRAM)$/);
    expect(Object.keys(types).filter((transport) => types[transport] === 'SOCK_DGRAM').sort()).toEqual(['udg', 'udp']);
    expect(effectsFile.transports.default).toBe('tcp');
  });
});

describe('stream-effects.json against the real PHP', () => {
  const php = (code: string, ...options: string[]) => execFileSync('php', [...options, '-r', code], { encoding: 'utf8' });

  it("has PHP's built-in default_socket_timeout", () => {
    const { ini, seconds } = effectsFile.defaultSocketTimeout;
    expect(php(`echo ini_get('${ini}');`, '-n')).toBe(String(seconds));
  });

  it("has the keys stream_get_meta_data() returns for a stream socket", () => {
    const keys = php("$s = stream_socket_server('tcp://127.0.0.1:0'); echo json_encode(array_keys(stream_get_meta_data($s)));");
    expect(JSON.parse(keys)).toEqual(effectsFile.metaData.alwaysKeys);
  });

  it('has the backlog listen() gets when the context gives none (ss shows it as Send-Q)', () => {
    const out = JSON.parse(execFileSync('php', [join(__dirname, 'php', 'backlog.php')], { encoding: 'utf8' }));
    expect(out.backlogs.default.sendQ).toBe(effectsFile.contextOptions.socket.backlog.default);
  });

  it('says which transports are datagram ones as PHP does: a listening server on them fails', () => {
    const types = effectsFile.transports.types as Record<string, string>;
    const code = `foreach (['tcp', 'udp'] as $t) echo $t, '=', @stream_socket_server("$t://127.0.0.1:0") ? 'ok' : 'false', ' ';`;
    const result = php(code).trim().split(' ').map((pair) => pair.split('='));
    for (const [transport, outcome] of result) expect(outcome, transport).toBe(types[transport!] === 'SOCK_DGRAM' ? 'false' : 'ok');
  });

  it('says which reads return false at a stream timeout and which return an empty string', () => {
    const readers = Object.entries(effects).filter(([, effect]) => effect.reads?.falseOnTimeout || effect.reads?.emptyOnTimeout);
    expect(readers.map(([name]) => name).sort()).toEqual(['fgetc', 'fgets', 'fread', 'stream_get_contents', 'stream_get_line']);
    const calls: Record<string, string> = {
      fread: 'fread($c, 10)', fgets: 'fgets($c)', fgetc: 'fgetc($c)', stream_get_line: 'stream_get_line($c, 10, "\\n")', stream_get_contents: 'stream_get_contents($c, 10)',
    };
    const code = `$l = stream_socket_server('tcp://127.0.0.1:0'); $c = stream_socket_client('tcp://' . stream_socket_get_name($l, false));
      $p = stream_socket_accept($l); stream_set_timeout($c, 0, 50000); $out = [];
      ${Object.entries(calls).map(([name, call]) => `$out['${name}'] = [${call}, stream_get_meta_data($c)['timed_out']];`).join(' ')}
      echo json_encode($out);`;
    const measured = JSON.parse(php(code)) as Record<string, [string | false, boolean]>;
    for (const [name, effect] of readers) {
      expect(measured[name]![1], `${name} timed out`).toBe(true);
      expect(measured[name]![0], name).toBe(effect.reads!.falseOnTimeout ? false : '');
    }
  });

  it('closes a stream where it says onSuccess: closed, after which every function that takes a stream throws a TypeError', () => {
    const closers = Object.keys(effects).filter((name) => effects[name]!.onSuccess === 'closed');
    expect(closers).toEqual(['fclose']);
    for (const [name, effect] of Object.entries(effects)) if (effect.onSuccess) expect(effect.takesStream, name).toBeDefined();
    const takers = Object.keys(effects).filter((name) => effects[name]!.takesStream);
    // Each taker is called with the closed stream and a plain value of each other required parameter's type.
    const code = `$l = stream_socket_server('tcp://127.0.0.1:0'); $c = stream_socket_client('tcp://' . stream_socket_get_name($l, false));
      fclose($c); $out = [];
      foreach (${JSON.stringify(takers)} as $name) {
        $args = [];
        foreach ((new ReflectionFunction($name))->getParameters() as $p) {
          if ($p->isOptional()) break;
          $type = (string) $p->getType();
          $args[] = $args === [] ? $c : ($type === 'string' ? 'x' : ($type === 'bool' ? true : 1));
        }
        try { $name(...$args); $out[$name] = 'no error'; } catch (Throwable $e) { $out[$name] = get_class($e) . ': ' . $e->getMessage(); }
      }
      echo json_encode($out);`;
    const measured = JSON.parse(php(code)) as Record<string, string>;
    for (const name of takers) expect(measured[name], name).toBe(`TypeError: ${name}(): supplied resource is not a valid stream resource`);
  });

  it('is valid JSON with nothing but documented keys at the top', () => {
    const raw = JSON.parse(readFileSync(join(root, 'server', 'src', 'core', 'stream-effects.json'), 'utf8'));
    expect(Object.keys(raw).sort()).toEqual(['$comment', 'contextOptions', 'defaultSocketTimeout', 'functions', 'metaData', 'transports']);
  });
});
