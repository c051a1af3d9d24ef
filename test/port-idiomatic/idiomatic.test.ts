// The idiomatic port against the real PHP: the same transcript under sequential traffic, and
// under concurrent traffic every client gets the replies PHP gives it. Each output passes
// `tsc --strict`, has no emulated socket_*() call and at most twice the PHP's non-blank lines
// (the shared helpers aside).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSocket } from 'node:dgram';
import { DatagramClient, scriptedServer, StreamClient } from '../port/support/clients';
import { SCENARIOS } from '../port/scenarios';
import { freePort, runProgram } from '../port/support/processes';
import { PortWorkspace, REPO, type PortedProgram } from '../port/support/workspace';
import { portIdiomatic } from '../../server/src/port/idiomatic/index';
import { portPhpToTypeScript } from '../../server/src/port/index';

const PROGRAMS = join(REPO, 'test/port-idiomatic/programs');
/** The bundled examples the idiomatic port carries, by the name they get here. */
const EXAMPLES: Record<string, string> = { 'udp-time-client': join(REPO, 'examples/udp-time-client.php'), 'ephemeral-listener': join(REPO, 'examples/ephemeral-listener.php'), 'udp-echo': join(REPO, 'test/port/programs/udp-echo.php'), 'select-server': join(REPO, 'test/port/programs/select-server.php') };
const pathOf = (name: string) => EXAMPLES[name] ?? join(PROGRAMS, `${name}.php`);
const source = (name: string) => readFileSync(pathOf(name), 'utf8');
/** The TypeScript without its comments and the text of its strings (the PHP's messages may name socket_*() calls). */
function codeOnly(code: string): string {
  let out = '';
  const templates: number[] = []; // brace depth at which each open template's ${…} returns to its text
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    const inTemplateText = templates.length > 0 && templates[templates.length - 1] === -1;
    if (inTemplateText) {
      if (c === '\\') i++;
      else if (c === '`') templates.pop();
      else if (c === '$' && code[i + 1] === '{') (templates[templates.length - 1] = depth++), i++;
      continue;
    }
    if (c === '/' && code[i + 1] === '/') i = code.indexOf('\n', i) - 1 < 0 ? code.length : code.indexOf('\n', i) - 1;
    else if (c === '/' && code[i + 1] === '*') i = code.indexOf('*/', i) + 1;
    else if (c === "'" || c === '"') for (i++; i < code.length && code[i] !== c; i++) code[i] === '\\' && i++;
    else if (c === '`') templates.push(-1);
    else if (c === '{') (depth++, (out += c));
    else if (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth - 1) (depth--, (templates[templates.length - 1] = -1));
    else if (c === '}') (depth--, (out += c));
    else out += c;
  }
  return out;
}
const nonBlank = (text: string) => text.split('\n').filter((line) => line.trim() !== '').length;

const PORTED = ['line-upper', 'udp-upper', 'tcp-fetch', 'udp-ask', 'udp-time-client', 'select-server', 'chat-relay', 'ephemeral-listener', 'udp-echo', 'settings-echo', 'tutorial-udp', 'tutorial-tcp', 'untyped-helpers'];
const workspace = new PortWorkspace();
const ported = new Map<string, PortedProgram>();
let typecheck: Promise<string>;

beforeAll(() => {
  for (const name of PORTED) ported.set(name, workspace.port(name, source(name)));
  typecheck = workspace.typecheck();
});
afterAll(() => workspace.dispose());

/** Three clients one after the other; the last stops the server. */
async function sequential(port: number): Promise<Record<string, string>> {
  const first = await StreamClient.connectWhenReady({ port });
  await first.waitFor('\r\n');
  first.send('hello\n');
  await first.request('wOrld\r\n', 'WORLD (5 bytes)\n');
  await first.request('quit\n', 'lines\n');
  await first.closed();
  const second = await StreamClient.connect({ port });
  await second.waitFor('\r\n');
  await second.request('a-line-longer-than-the-sixty-four-bytes-the-server-reads-at-once-from-its-socket\n', 'SOCKET (');
  await second.request('quit\n', 'lines\n');
  await second.closed();
  const third = await StreamClient.connect({ port });
  await third.waitFor('\r\n');
  await third.request('shutdown\n', 'shutting down\n');
  await third.closed();
  return { first: first.received, second: second.received, third: third.received };
}

const IDIOMS: Record<string, [module: string, idiom: string]> = {
  'line-upper': ['node:net', "server.on('connection', async (client) =>"],
  'udp-upper': ['node:dgram', "socket.on('message', async (datagram, remote) =>"],
  'tcp-fetch': ['node:net', "await once(socket, 'connect')"],
  'udp-ask': ['node:dgram', 'await receive(socket, 128, 500)'],
  'udp-time-client': ['node:dgram', 'await receive(socket, 64, 2000)'],
  'select-server': ['node:net', "listener.on('connection', async (client) =>"],
  'chat-relay': ['node:net', 'const clients = new Set<net.Socket>();'],
  'udp-echo': ['node:dgram', 'for (let i = 0; i < text.length; i++) {'],
  'ephemeral-listener': ['node:net', "socket.listen({ host: '0.0.0.0', port: 0, backlog: 4096 });"],
  'settings-echo': ['node:net', '// set_time_limit(0): Node has no time limit.'],
  'tutorial-udp': ['node:dgram', "sock.on('message', async (datagram, remote) =>"],
  'tutorial-tcp': ['node:net', "socket.on('connection', async (conn) =>"],
  'untyped-helpers': ['node:net', 'function greet(client: net.Socket, number: number): void {'],
};

test('codeOnly() drops comments and string text, and keeps code, also inside ${…}', () => {
  expect(codeOnly("const a = `x ${f(socket_read(s), { b: '}' })} y` + 'socket_c'; // socket_d\n/* socket_e */ g(\"socket_f\");")).toBe('const a = f(socket_read(s), { b:  }) + ; \n g();');
});

describe.each(PORTED)('%s', (name) => {
  test('is idiomatic: its module, no socket_* names, within twice the PHP lines, comments kept', () => {
    const result = portIdiomatic(source(name), `${name}.php`);
    if (!('code' in result)) throw new Error(result.reason);
    expect(result.module).toBe(IDIOMS[name]![0]);
    expect(result.code).toContain(IDIOMS[name]![1]);
    expect(codeOnly(result.code)).not.toMatch(/\bsocket_[a-z_]+/);
    expect(nonBlank(result.code) - result.helperLines).toBeLessThanOrEqual(2 * nonBlank(source(name)));
    expect(result.helperLines).toBeLessThan(40);
    expect(result.code).toContain(source(name).split('\n')[1]!);
  });
});

describe('idiomatic port of an accept-loop line server', () => {
  test('says that Node serves clients concurrently and keeps inner comments', () => {
    const result = portIdiomatic(source('line-upper'), 'line-upper.php');
    if (!('code' in result)) throw new Error(result.reason);
    expect(result.code).toContain('Node serves clients concurrently');
    expect(result.code).toContain('// the "\\n" after a "\\r"');
  });

  test('every port type-checks with tsc --strict and @types/node alone', async () => {
    expect(await typecheck).toBe('');
  }, 60_000);

  test('the same transcript as PHP under sequential traffic', async () => {
    const run = async (command: string[]) => {
      const port = await freePort();
      return runProgram([...command, String(port)], async () => sequential(port));
    };
    const [php, port] = await Promise.all([run(['php', join(PROGRAMS, 'line-upper.php')]), run([process.execPath, ported.get('line-upper')!.mjsFile])]);
    expect(php.code).toBe(0);
    expect(port).toEqual(php);
  }, 30_000);

  test('the faithful port stays available, and a program without the shapes says why', () => {
    expect(portPhpToTypeScript(source('line-upper'), 'line-upper.php', { faithful: true }).style).toBe('faithful');
    const other = portPhpToTypeScript('<?php\n$s = socket_create(AF_UNIX, SOCK_STREAM, 0);\n', 'unix.php');
    expect(other.style).toBe('faithful');
    expect(other.reason).toContain('AF_UNIX');
    expect(other.code.split('\n')[0]).toContain('Faithful port');
    // A server that accepts one client, outside any loop (examples/clean-http-probe.php).
    const probe = portPhpToTypeScript(readFileSync(join(REPO, 'examples/clean-http-probe.php'), 'utf8'), 'clean-http-probe.php');
    expect([probe.style, probe.reason]).toEqual(['faithful', 'socket_accept() outside an accept loop (`while (true) { $client = socket_accept($server); … }`) (line 24)']);
  });

  test('socket_listen() without a backlog listens with PHP\'s default, 0 (the engine crashed on the missing argument)', () => {
    const php = source('line-upper').replace(/socket_listen\(\$(\w+), [^)]*\)/, 'socket_listen($$$1)');
    expect(php).toMatch(/socket_listen\(\$\w+\)/);
    const result = portPhpToTypeScript(php, 'line-upper.php');
    expect([result.style, result.reason]).toEqual(['idiomatic', undefined]);
    expect(result.code).toContain('backlog: 0 }');
  });
});

/** Runs PHP and the port under the same traffic; the port's transcript must equal PHP's. */
async function differential(name: string, args: () => Promise<string[]>, drive: (args: string[], program: Parameters<Parameters<typeof runProgram>[1]>[0]) => Promise<Record<string, string>>) {
  const run = async (command: string[]) => {
    const values = await args();
    return runProgram([...command, ...values], (program) => drive(values, program));
  };
  const [php, port] = await Promise.all([run(['php', pathOf(name)]), run([process.execPath, ported.get(name)!.mjsFile])]);
  return { php, port };
}

describe('concurrent traffic', () => {
  test('line server: four clients at once each get the replies PHP gives them', async () => {
    const drive = async ([port]: string[]) => {
      const clients = [];
      for (let i = 0; i < 4; i++) clients.push(await StreamClient.connectWhenReady({ port: Number(port) }));
      // All four have sent their lines before the first says quit; PHP serves them one by one.
      clients.forEach((client, i) => client.send(`client-${i} line\nsecond ${i}\n`));
      await Promise.all(clients.map(async (client, i) => {
        await client.waitFor(`SECOND ${i} `);
        await client.request('quit\n', 'lines\n');
        await client.closed();
      }));
      const last = await StreamClient.connect({ port: Number(port) });
      await last.request('shutdown\n', 'shutting down\n');
      await last.closed();
      return Object.fromEntries(clients.map((client, i) => [`client${i}`, client.received]));
    };
    const { php, port } = await differential('line-upper', async () => [String(await freePort())], drive);
    expect(port.observed).toEqual(php.observed);
    expect(port.code).toBe(php.code);
  }, 30_000);
});

describe('sequential traffic: the same transcript as PHP (PHP\'s warnings on stderr aside)', () => {
  const same = (php: Awaited<ReturnType<typeof differential>>['php'], port: typeof php) => {
    expect({ ...port, stderr: '' }).toEqual({ ...php, stderr: '' });
    expect(port.stderr).toBe('');
  };

  test('udp-upper', async () => {
    const { php, port } = await differential('udp-upper', async () => [String(await freePort())], async ([p], program) => {
      await program.waitForOutput('ready');
      const a = await DatagramClient.open();
      const b = await DatagramClient.open();
      try {
        const replies = { hello: await a.request('hello\n', Number(p)), other: await b.request('w\xe9rld', Number(p)), long: await a.request('x'.repeat(80), Number(p)), stop: await b.request('stop', Number(p)) };
        await program.exited;
        return replies;
      } finally {
        a.close();
        b.close();
      }
    });
    same(php, port);
  }, 30_000);

  test('tcp-fetch', async () => {
    const servers: Awaited<ReturnType<typeof scriptedServer>>[] = [];
    const { php, port } = await differential(
      'tcp-fetch',
      async () => {
        const scripted = await scriptedServer((socket) => {
          let request = '';
          socket.setEncoding('latin1').on('data', (data: string) => {
            request += data;
            if (request.includes('\r\n')) socket.end(`you asked ${JSON.stringify(request)}\n${'body '.repeat(3000)}\n`);
          });
        });
        servers.push(scripted);
        return [String(scripted.port), String(await freePort())];
      },
      async (_args, program) => ({ exit: String(await program.exited) }),
    );
    for (const { server } of servers) server.close();
    same(php, port);
    expect(php.stdout).toContain('second: no server');
  }, 30_000);

  test('udp-ask (a reply, then a timeout)', async () => {
    const sockets: ReturnType<typeof createSocket>[] = [];
    const { php, port } = await differential(
      'udp-ask',
      async () => {
        const socket = createSocket('udp4');
        sockets.push(socket);
        socket.on('message', (message, remote) => {
          if (message.toString() === 'time?') socket.send('noon', remote.port, remote.address);
        });
        await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
        return [String(socket.address().port)];
      },
      async (_args, program) => ({ exit: String(await program.exited) }),
    );
    for (const socket of sockets) socket.close();
    same(php, port);
    expect(php.stdout).toBe('noon (from the server)\nno answer\n');
  }, 30_000);

  test('test/port/programs/udp-echo.php (the faithful suite\'s scenario: binary bytes, truncation, an empty datagram, stats)', async () => {
    const { php, port } = await differential('udp-echo', () => SCENARIOS['udp-echo']!().args(), (args, program) => SCENARIOS['udp-echo']!().drive(program, args));
    expect(port).toEqual(php);
    expect(php.observed.stats).toMatch(/^received=5 bytes=\d+ senders=2 average=\d+(\.\d+)?$/);
  }, 30_000);

  test('test/port/programs/udp-echo.php on a port that is taken', async () => {
    const taken = createSocket('udp4');
    await new Promise<void>((resolve) => taken.bind(0, '127.0.0.1', resolve));
    try {
      const { php, port } = await differential('udp-echo', async () => [String(taken.address().port)], async () => ({}));
      expect(php.stdout).toBe('bind failed: [98] Address already in use\n');
      expect({ stdout: port.stdout, code: port.code }).toEqual({ stdout: php.stdout, code: php.code });
      expect(php.code).toBe(1);
    } finally {
      taken.close();
    }
  }, 30_000);

  test('examples/ephemeral-listener.php: a port the kernel picks, on every interface', async () => {
    const { php, port } = await differential('ephemeral-listener', async () => [], async () => ({}));
    const listening = /^Listening on 0\.0\.0\.0:([1-9][0-9]*)\n$/;
    expect(php.stdout).toMatch(listening);
    expect(port.stdout).toMatch(listening);
    const anyPort = (transcript: typeof php) => ({ ...transcript, stdout: transcript.stdout.replace(/:[0-9]+\n$/, ':PORT\n') });
    expect(anyPort(port)).toEqual(anyPort(php));
  }, 30_000);

  test('examples/udp-time-client.php with no time service on its port', async () => {
    const { php, port } = await differential('udp-time-client', async () => [], async (_args, program) => ({ exit: String(await program.exited) }));
    same(php, port);
    expect(php.stdout).toBe('no answer\n');
  }, 30_000);
});

/** Lines received, grouped by their sender's tag (the text before the first space), each group in order. */
function bySender(received: string, tag: (line: string) => string = (line) => line.split(' ')[0]!): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const line of received.split('\n').filter(Boolean)) (groups[tag(line)] ??= []).push(line);
  return groups;
}
/** `count` clients connected one after the other, the first once the server listens: PHP accepts them in this order. */
async function connectInOrder(port: number, count: number): Promise<StreamClient[]> {
  const clients = [await StreamClient.connectWhenReady({ port })];
  while (clients.length < count) clients.push(await StreamClient.connect({ port }));
  return clients;
}
const sortedLines = (text: string) => text.split('\n').sort().join('\n');

describe('UDP server under concurrent traffic', () => {
  test('udp-echo: four clients at once each get the replies PHP gives them; the counters agree', async () => {
    const { php, port } = await differential('udp-echo', async () => [String(await freePort())], async ([p], program) => {
      await program.waitForOutput('ready');
      const clients = await Promise.all([0, 1, 2, 3].map(() => DatagramClient.open()));
      try {
        const replies: Record<string, string> = {};
        await Promise.all(clients.map(async (client, i) => {
          const got: string[] = [];
          for (let n = 0; n < 5; n++) got.push(await client.request(`client ${i} says ${n}\r\n`, Number(p)));
          // The datagram's number depends on how the clients interleave: per client, the text and order are PHP's.
          replies[`client ${i}`] = got.map((reply) => reply.replace(/#\d+/, '#N')).join('|');
        }));
        replies.stats = await clients[0]!.request('stats', Number(p));
        replies.stop = await clients[1]!.request('stop', Number(p));
        await program.exited;
        return replies;
      } finally {
        clients.forEach((client) => client.close());
      }
    });
    expect(port.observed).toEqual(php.observed);
    expect(php.observed.stats).toMatch(/^received=21 bytes=\d+ senders=4 average=/);
    expect(port.code).toBe(php.code);
    expect(sortedLines(port.stdout.replace(/^ ?\d+:/gm, 'N:'))).toBe(sortedLines(php.stdout.replace(/^ ?\d+:/gm, 'N:')));
  }, 30_000);
});

describe('select loops: sequential traffic gives the same transcript as PHP', () => {
  test('test/port/programs/select-server.php (the faithful suite\'s scenario)', async () => {
    const { php, port } = await differential('select-server', () => SCENARIOS['select-server']!().args(), (args, program) => SCENARIOS['select-server']!().drive(program, args));
    expect(port).toEqual(php);
    expect(php.observed.one).toContain('[2] third, in two parts\n');
  }, 30_000);

  test('chat-relay (a list of clients, PHP_NORMAL_READ lines)', async () => {
    const { php, port } = await differential('chat-relay', async () => [String(await freePort())], async ([p]) => {
      const a = await StreamClient.connectWhenReady({ port: Number(p) });
      await a.waitFor('There are 1 people');
      const b = await StreamClient.connect({ port: Number(p) });
      await b.waitFor('There are 2 people');
      a.send('hi\n');
      await b.waitFor('hi\n');
      // "x\r\n" is two PHP_NORMAL_READ lines, relayed as they were read.
      b.send('x\r\ny\n');
      await a.waitFor('y\n');
      const c = await StreamClient.connect({ port: Number(p) });
      await c.waitFor('There are 3 people');
      c.send('from c\n');
      await a.waitFor('from c\n');
      await b.waitFor('from c\n');
      b.end();
      await b.closed();
      a.send('after b\n');
      await c.waitFor('after b\n');
      a.send('/stop\n');
      await a.closed();
      await c.closed();
      return { a: a.received, b: b.received, c: c.received };
    });
    // PHP_NORMAL_READ at the end of a stream warns "Connection reset by peer"; the port prints no PHP warnings.
    expect({ ...port, stderr: '' }).toEqual({ ...php, stderr: '' });
    expect(port.stderr).toBe('');
    expect(php.stdout).toContain('a client left, 2 remain\nstopped\n');
  }, 30_000);
});

describe('select loops: four clients at once each get what PHP sends them', () => {
  test('select-server: every line reaches the other three, in each sender\'s order', async () => {
    const drive = async ([p]: string[]) => {
      const clients: StreamClient[] = [];
      for (let i = 1; i <= 4; i++) {
        clients.push(i === 1 ? await StreamClient.connectWhenReady({ port: Number(p) }) : await StreamClient.connect({ port: Number(p) }));
        await clients[i - 1]!.waitFor(`welcome #${i}`);
      }
      clients.forEach((client, i) => client.send(Array.from({ length: 5 }, (_, j) => `line ${j} of ${i + 1}\n`).join('')));
      await Promise.all(clients.map((client, i) => Promise.all([1, 2, 3, 4].filter((other) => other !== i + 1).map((other) => client.waitFor(`[${other}] line 4 of ${other}\n`)))));
      await clients[0]!.request('/stop\n', 'server stopping\n');
      await Promise.all(clients.map((client) => client.closed()));
      return Object.fromEntries(clients.map((client, i) => [`client${i + 1}`, JSON.stringify(bySender(client.received))]));
    };
    const { php, port } = await differential('select-server', async () => [String(await freePort())], drive);
    expect(port.observed).toEqual(php.observed);
    expect(sortedLines(port.stdout)).toBe(sortedLines(php.stdout));
    expect(port.code).toBe(php.code);
  }, 30_000);

  test('chat-relay: every line reaches the other three, in each sender\'s order', async () => {
    const drive = async ([p]: string[]) => {
      const clients: StreamClient[] = [];
      for (let i = 1; i <= 4; i++) {
        clients.push(i === 1 ? await StreamClient.connectWhenReady({ port: Number(p) }) : await StreamClient.connect({ port: Number(p) }));
        await clients[i - 1]!.waitFor(`There are ${i} people`);
      }
      clients.forEach((client, i) => client.send(Array.from({ length: 5 }, (_, j) => `c${i + 1} says ${j}\n`).join('')));
      await Promise.all(clients.map((client, i) => Promise.all([1, 2, 3, 4].filter((other) => other !== i + 1).map((other) => client.waitFor(`c${other} says 4\n`)))));
      clients[0]!.send('/stop\n');
      await Promise.all(clients.map((client) => client.closed()));
      return Object.fromEntries(clients.map((client, i) => [`client${i + 1}`, JSON.stringify(bySender(client.received))]));
    };
    const { php, port } = await differential('chat-relay', async () => [String(await freePort())], drive);
    expect(port.observed).toEqual(php.observed);
    expect(port).toMatchObject({ stdout: php.stdout, code: php.code });
  }, 30_000);
});

describe('process settings with no Node meaning (set_time_limit(0), error_reporting, ini_set of display options, ob_implicit_flush)', () => {
  test('are comments, and a setting that does change the program keeps the faithful port', () => {
    const result = portIdiomatic(source('settings-echo'), 'settings-echo.php');
    if (!('code' in result)) throw new Error(result.reason);
    expect(result.code).toContain("// ini_set('display_errors', '1'): an option of PHP's own output, which Node does not have.");
    const limited = portPhpToTypeScript(source('settings-echo').replace('set_time_limit(0)', 'set_time_limit(5)'), 'settings-echo.php');
    expect([limited.style, limited.reason]).toEqual(['faithful', 'the function set_time_limit() (line 4)']);
    const memory = portPhpToTypeScript(source('settings-echo').replace("'display_errors', '1'", "'memory_limit', '1G'"), 'settings-echo.php');
    expect([memory.style, memory.reason]).toEqual(['faithful', 'the function ini_set() (line 6)']);
  });

  test('sequential traffic: the same transcript as PHP', async () => {
    const { php, port } = await differential('settings-echo', async () => [String(await freePort())], async ([p]) => {
      const first = await StreamClient.connectWhenReady({ port: Number(p) });
      await first.waitFor('client 1\n');
      await first.request('hello\n', 'hello\n');
      await first.request('w\xe9rld\r\n', '\r\n');
      first.end();
      await first.closed();
      const second = await StreamClient.connect({ port: Number(p) });
      await second.waitFor('client 2\n');
      await second.request('stop\n', 'stopping\n');
      await second.closed();
      return { first: first.received, second: second.received };
    });
    expect(port).toEqual(php);
    expect(php.stdout).toBe('ready\nclient 1 left\nserved 2\n');
  }, 30_000);

  test('concurrent traffic: each of three clients gets the replies PHP gives it', async () => {
    const { php, port } = await differential('settings-echo', async () => [String(await freePort())], async ([p]) => {
      const clients = await connectInOrder(Number(p), 3);
      clients.forEach((client, i) => client.send(`line of ${i + 1}\n`));
      await Promise.all(clients.map(async (client, i) => {
        await client.waitFor(`echo: line of ${i + 1}\n`);
        client.end();
        await client.closed();
      }));
      const last = await StreamClient.connect({ port: Number(p) });
      await last.request('stop\n', 'stopping\n');
      await last.closed();
      return Object.fromEntries(clients.map((client, i) => [`client${i + 1}`, client.received]));
    });
    expect(port.observed).toEqual(php.observed);
    expect(php.observed.client3).toBe('echo server, client 3\necho: line of 3\n');
    // $served is shared by the handlers (the header says so): a line printed after a wait shows its value then.
    expect(port.stdout.endsWith('served 4\n')).toBe(php.stdout.endsWith('served 4\n'));
    expect(port.code).toBe(php.code);
  }, 30_000);
});

describe("the tutorials' forms of setup and checks (socket_create() checked in an if or by `or die()`, $ret checked on the next line, while (1), do-while, truthiness)", () => {
  test('tutorial-udp, sequential: the same transcript as PHP (it prints before each wait)', async () => {
    const { php, port } = await differential('tutorial-udp', async () => [String(await freePort())], async ([p], program) => {
      await program.waitForOutput('bound');
      const a = await DatagramClient.open();
      const b = await DatagramClient.open();
      try {
        const replies = { one: await a.request('one', Number(p)), bytes: await b.request('\x00\xff two\n', Number(p)), long: await a.request('y'.repeat(300), Number(p)), bye: await b.request('bye', Number(p)) };
        await program.exited;
        return replies;
      } finally {
        a.close();
        b.close();
      }
    });
    expect(port).toEqual(php);
    expect(php.stdout).toBe('bound\nwaiting\nwaiting\nwaiting\nwaiting\nclosed\n');
  }, 30_000);

  test('tutorial-udp on a port that is taken: the failure branch of socket_bind()', async () => {
    const taken = createSocket('udp4');
    await new Promise<void>((resolve) => taken.bind(0, '127.0.0.1', resolve));
    try {
      const { php, port } = await differential('tutorial-udp', async () => [String(taken.address().port)], async () => ({}));
      expect(php.stdout).toBe('Could not bind socket: [98] Address already in use\n');
      expect({ stdout: port.stdout, code: port.code }).toEqual({ stdout: php.stdout, code: php.code });
    } finally {
      taken.close();
    }
  }, 30_000);

  test('tutorial-udp, concurrent: four clients at once each get the replies PHP gives them', async () => {
    const { php, port } = await differential('tutorial-udp', async () => [String(await freePort())], async ([p], program) => {
      await program.waitForOutput('bound');
      const clients = await Promise.all([0, 1, 2, 3].map(() => DatagramClient.open()));
      try {
        const replies: Record<string, string> = {};
        await Promise.all(clients.map(async (client, i) => {
          const got: string[] = [];
          for (let n = 0; n < 4; n++) got.push(await client.request(`client ${i} says ${'!'.repeat(n)}`, Number(p)));
          replies[`client ${i}`] = got.join('|');
        }));
        replies.bye = await clients[0]!.request('bye', Number(p));
        await program.exited;
        return replies;
      } finally {
        clients.forEach((client) => client.close());
      }
    });
    expect(port).toEqual(php);
  }, 30_000);

  test('tutorial-tcp, sequential: the same transcript as PHP', async () => {
    const { php, port } = await differential('tutorial-tcp', async () => [String(await freePort())], async ([p]) => {
      const replies: Record<string, string> = {};
      for (const [name, text] of Object.entries({ word: 'hello\n', zero: '0\n', blank: '  \n', stop: 'stop\n' })) {
        const client = name === 'word' ? await StreamClient.connectWhenReady({ port: Number(p) }) : await StreamClient.connect({ port: Number(p) });
        client.send(text);
        replies[name] = await client.closed();
      }
      return replies;
    });
    expect(port).toEqual(php);
    expect(php.observed).toEqual({ word: 'olleh\n', zero: 'empty or zero\n', blank: 'empty or zero\n', stop: 'stopping\n' });
  }, 30_000);

  test('tutorial-tcp, concurrent: each of four clients gets the reply PHP gives it', async () => {
    const { php, port } = await differential('tutorial-tcp', async () => [String(await freePort())], async ([p]) => {
      const clients = await connectInOrder(Number(p), 4);
      clients.forEach((client, i) => client.send(`abc${i}\n`));
      const replies = await Promise.all(clients.map((client) => client.closed()));
      const last = await StreamClient.connect({ port: Number(p) });
      last.send('stop\n');
      await last.closed();
      return Object.fromEntries(replies.map((reply, i) => [`client${i + 1}`, reply]));
    });
    expect(port).toEqual(php);
    expect(php.observed.client4).toBe('3cba\n');
  }, 30_000);
});

describe('functions without declared types: parameters typed by what every call passes, void when nothing is returned', () => {
  test('a value returned, or a parameter passed two types, keeps the faithful port and says why', () => {
    const returning = portPhpToTypeScript(source('untyped-helpers').replace('echo "[$count] $what\\n";', 'return "[$count] $what\\n";'), 'untyped-helpers.php');
    expect([returning.style, returning.reason]).toEqual(['faithful', 'note() has no return type and returns a value (line 9)']);
    const mixed = portPhpToTypeScript(source('untyped-helpers').replace("note('listening', 0);", "note('listening', 'none');"), 'untyped-helpers.php');
    expect([mixed.style, mixed.reason]).toEqual(['faithful', 'the parameter $count without a string, int or bool type (nor one its calls all pass) (line 9)']);
  });

  test('sequential traffic: the same transcript as PHP', async () => {
    const { php, port } = await differential('untyped-helpers', async () => [String(await freePort())], async ([p]) => {
      const first = await StreamClient.connectWhenReady({ port: Number(p) });
      await first.waitFor('hi #1\n');
      await first.request('abc\n', 'cba\n');
      await first.request('\r\nend\n', 'bye\n');
      await first.closed();
      const second = await StreamClient.connect({ port: Number(p) });
      await second.waitFor('hi #2\n');
      await second.request('halt\n', 'halting\n');
      await second.closed();
      return { first: first.received, second: second.received };
    });
    expect(port).toEqual(php);
    expect(php.stdout).toBe('[0] listening\n[1] greeted\n[3] abc\n[2] greeted\n[2] halted\n');
  }, 30_000);

  test('concurrent traffic: each of three clients gets the replies PHP gives it', async () => {
    const { php, port } = await differential('untyped-helpers', async () => [String(await freePort())], async ([p]) => {
      const clients = await connectInOrder(Number(p), 3);
      clients.forEach((client, i) => client.send(`word${i}\nend\n`));
      await Promise.all(clients.map((client) => client.closed()));
      const last = await StreamClient.connect({ port: Number(p) });
      await last.request('halt\n', 'halting\n');
      await last.closed();
      return Object.fromEntries(clients.map((client, i) => [`client${i + 1}`, client.received]));
    });
    expect(port.observed).toEqual(php.observed);
    expect(php.observed.client3).toBe('hi #3\n2drow\nbye\n');
    expect(sortedLines(port.stdout)).toBe(sortedLines(php.stdout));
    expect(port.code).toBe(php.code);
  }, 30_000);
});
