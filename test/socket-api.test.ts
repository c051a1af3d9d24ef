// The ext/sockets table is generated from the real PHP's reflection; this keeps it honest.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import reflected from '../server/src/core/ext-sockets.json';
import internals from '../server/src/core/php-internals.json';
import { argumentFor, SOCKET_FUNCTIONS, signatureOf, socketFunction } from '../server/src/core/socket-api';
import { parsePhp } from '../server/src/core/parse';

const script = join(__dirname, '..', 'scripts', 'socket-api-reflect.php');
const fromPhp = (mode?: string) => JSON.parse(execFileSync('php', mode ? [script, mode] : [script], { encoding: 'utf8' }));

describe('ext/sockets table', () => {
  it('matches the installed PHP CLI exactly', () => {
    const live = fromPhp();
    expect(reflected.functions).toEqual(live.functions);
    expect(reflected.constants).toEqual(live.constants);
  });

  it('matches how the installed PHP takes false in its other functions', () => {
    expect(internals.functions).toEqual(fromPhp('internals').functions);
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
    const call = (code: string) => parsePhp(`<?php ${code};`).program.children[0].expression;
    const listen = socketFunction('socket_listen')!;
    expect(argumentFor(call('socket_listen($s, 5)'), listen, 'backlog')?.value).toBe('5');
    expect(argumentFor(call('socket_listen(backlog: 7, socket: $s)'), listen, 'backlog')?.value).toBe('7');
    expect(argumentFor(call('socket_listen(...$args)'), listen, 'backlog')).toBeUndefined();
  });
});
