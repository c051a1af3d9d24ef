// The ext/sockets table is generated from the real PHP's reflection; this keeps it honest.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import reflected from '../server/src/core/ext-sockets.json';
import internals from '../server/src/core/php-internals.json';
import effectsOverlay from '../server/src/core/socket-effects.json';
import { argumentFor, SOCKET_FUNCTIONS, signatureOf, socketFunction } from '../server/src/core/socket-api';
import { parsePhp } from '../server/src/core/parse';

const script = join(__dirname, '..', 'scripts', 'socket-api-reflect.php');
const fromPhp = (...args: string[]) => JSON.parse(execFileSync('php', [script, ...args], { encoding: 'utf8' }));

describe('ext/sockets table', () => {
  it('matches the installed PHP CLI exactly', () => {
    const live = fromPhp();
    expect(reflected.functions).toEqual(live.functions);
    expect(reflected.constants).toEqual(live.constants);
  });

  it('matches how the installed PHP takes false in the functions of the extensions it names', () => {
    // Only the named extensions: a PHP with php-xml or php-mbstring has more functions, not other ones.
    const live = fromPhp('internals', ...internals.extensions);
    expect(live.extensions).toEqual(internals.extensions);
    expect(internals.functions).toEqual(live.functions);
  });

  it('names the extensions of a bare php-cli, whose functions it covers', () => {
    expect(internals.extensions).toEqual(expect.arrayContaining(['Core', 'standard', 'pcre', 'json']));
    expect(internals.extensions).not.toContain('xml');
    expect(internals.extensions).not.toContain('mbstring');
    expect(internals.functions).toHaveProperty('strlen');
    expect(Object.keys(internals.functions).filter((name) => name.startsWith('socket_'))).toEqual([]);
  });

  it('derives which calls can fail from the return types', () => {
    const failing = [...SOCKET_FUNCTIONS.values()].filter((fn) => fn.canFail).map((fn) => fn.name);
    expect(failing).toContain('socket_accept');
    expect(failing).toContain('socket_set_option');
    expect(failing).toContain('socket_export_stream');
    for (const never of ['socket_close', 'socket_last_error', 'socket_strerror', 'socket_clear_error']) expect(failing).not.toContain(never);
  });

  it('writes signatures as the manual does', () => {
    expect(signatureOf(socketFunction('socket_listen')!)).toBe('socket_listen(Socket $socket, [int $backlog]): bool');
    expect(signatureOf(socketFunction('socket_recvfrom')!)).toContain('&$data');
  });

  it('finds positional and named arguments', () => {
    const call = (code: string) => {
      const statement = parsePhp(`<?php ${code};`).program.children[0];
      if (statement?.kind !== 'expressionstatement') throw new Error(`not an expression: ${code}`);
      return statement.expression;
    };
    const listen = socketFunction('socket_listen')!;
    expect(argumentFor(call('socket_listen($s, 5)'), listen, 'backlog')).toMatchObject({ kind: 'number', value: '5' });
    expect(argumentFor(call('socket_listen(backlog: 7, socket: $s)'), listen, 'backlog')).toMatchObject({ kind: 'number', value: '7' });
    expect(argumentFor(call('socket_listen(...$args)'), listen, 'backlog')).toBeUndefined();
  });
});

describe('the effects overlay (socket-effects.json)', () => {
  const overlay = (effectsOverlay as { functions: Record<string, Record<string, unknown>> }).functions;
  const params = (name: string) => socketFunction(name)!.params.map((p) => p.name);

  it('names only real functions and their real parameters', () => {
    for (const [name, entry] of Object.entries(overlay)) {
      expect(socketFunction(name), name).toBeDefined();
      const creates = entry.creates as { type: unknown; family?: { fromArgument: string }; into?: string } | undefined;
      const type = creates?.type as { fromArgument?: string; sameAsArgument?: string } | string | undefined;
      const named = [
        typeof type === 'object' ? (type.fromArgument ?? type.sameAsArgument) : undefined,
        creates?.family?.fromArgument,
        creates?.into,
        ...((entry.keepsSockets as string[] | undefined) ?? []),
        ...((entry.failureLeaves as string[] | undefined) ?? []),
        ...(entry.partialWrite ? [(entry.partialWrite as { data: string }).data] : []),
      ].filter((value): value is string => value !== undefined);
      for (const param of named) expect(params(name), `${name}: ${param}`).toContain(param);
      if (creates?.into) expect(socketFunction(name)!.effects.outputs, name).toContain(creates.into);
      for (const output of (entry.failureLeaves as string[] | undefined) ?? []) expect(socketFunction(name)!.effects.outputs, name).toContain(output);
    }
  });

  it('changes the state only of functions that take a socket, and creates only where PHP returns or writes one', () => {
    for (const fn of SOCKET_FUNCTIONS.values()) {
      if (fn.effects.onSuccess) expect(fn.effects.socketParameter, fn.name).toBe('socket');
      if (fn.effects.creates && !fn.effects.creates.into) expect(fn.returns, fn.name).toMatch(/Socket/);
    }
  });

  it('takes the socket parameter, outputs and failure value from reflection', () => {
    expect(socketFunction('socket_last_error')!.effects.socketParameter).toBe('socket');
    expect(socketFunction('socket_select')!.effects).toMatchObject({ socketParameter: undefined, outputs: ['read', 'write', 'except'], failure: false });
    expect(socketFunction('socket_close')!.effects).toMatchObject({ failure: undefined, onSuccess: 'closed' });
  });
});
