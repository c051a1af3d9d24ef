// The scripted traffic for each differential program. A scenario gets a fresh loopback port
// (or socket path), starts the program with it and returns what its clients observed; the
// harness adds stdout, warnings and the exit code. The same scenario drives PHP and the port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { DatagramClient, scriptedServer, StreamClient } from './support/clients';
import { freePort, poll, type RunningProgram } from './support/processes';
import { STREAM_SCENARIOS } from './stream-scenarios';

export interface Scenario {
  /** Program arguments after the script. */
  args(): Promise<string[]>;
  drive(program: RunningProgram, args: string[]): Promise<Record<string, string>>;
  /** Cleanup after the run (servers the scenario started). */
  cleanup?(): void;
}

type ScenarioFactory = () => Scenario;

/** A directory for UNIX socket paths (short, so it fits sun_path). */
function socketDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'pps-'));
}

const hex = (bytes: string) => Buffer.from(bytes, 'latin1').toString('hex');
const u16 = (value: number) => String.fromCharCode(value >> 8, value & 0xff);
const u32 = (value: number) => u16(Math.floor(value / 65536)) + u16(value % 65536);
const frame = (type: number, payload: string) => u16(payload.length) + String.fromCharCode(type) + payload;

export const SCENARIOS: Record<string, ScenarioFactory> = {
  'line-server': () => ({
    args: async () => [String(await freePort())],
    async drive(program, [port]) {
      const first = await StreamClient.connectWhenReady({ port: Number(port) });
      await first.waitFor('\r\n');
      // "wOrld\r\n" is two PHP_NORMAL_READ lines: "wOrld\r" and "\n".
      for (const line of ['hello\n', 'wOrld\r\n', 'a-rather-long-line-that-exceeds-the-sixty-four-byte-read-length-of-the-server\n', 'stats\n']) first.send(line);
      await first.request('sync\n', 'sync ok\n');
      await first.request('quit\n', 'bye');
      const firstSaw = await first.closed();
      const second = await StreamClient.connect({ port: Number(port) });
      await second.waitFor('\r\n');
      second.send('ping\n');
      await second.request('sync\n', 'sync ok\n');
      second.end();
      await second.closed();
      const third = await StreamClient.connect({ port: Number(port) });
      await third.waitFor('\r\n');
      await third.request('Shutdown\n', 'shutting down\n');
      await third.closed();
      await program.exited;
      return { first: firstSaw, second: second.received, third: third.received };
    },
  }),

  'udp-echo': () => ({
    args: async () => [String(await freePort())],
    async drive(program, [port]) {
      await program.waitForOutput('ready');
      const client = await DatagramClient.open();
      const other = await DatagramClient.open();
      try {
        const replies: Record<string, string> = {};
        replies.hello = await client.request('hello', Number(port));
        replies.binary = await client.request('bin\x00\xff\r\n', Number(port));
        replies.long = await other.request('a datagram that is longer than thirty-two bytes', Number(port));
        replies.empty = await client.request('', Number(port));
        replies.stats = await other.request('stats', Number(port));
        replies.stop = await client.request('stop', Number(port));
        await program.exited;
        return replies;
      } finally {
        client.close();
        other.close();
      }
    },
  }),

  'tcp-client': () => {
    let stop = () => undefined as void;
    let transcript = '';
    return {
      async args() {
        const { server, port } = await scriptedServer((socket) => {
          let pending = '';
          const bodies: Record<string, string> = { '/greeting': 'hello there\n', '/numbers': '1\n22\n333\n4444\n' };
          socket.setEncoding('latin1');
          socket.on('data', (chunk: string) => {
            pending += chunk;
            let newline: number;
            while ((newline = pending.indexOf('\n')) >= 0) {
              const request = pending.slice(0, newline);
              pending = pending.slice(newline + 1);
              transcript += `${JSON.stringify(request)}\n`;
              const path = request.replace(/^GET /, '').trim();
              const body = request.startsWith('HELLO') ? 'welcome' : (bodies[path] ?? 'not found');
              const status = request.startsWith('HELLO') || bodies[path] ? 'OK' : 'MISSING';
              // The header and body in small pieces, so the client has to assemble them.
              const reply = `${status} ${body.length}\n${body}`;
              for (let i = 0; i < reply.length; i += 4) socket.write(reply.slice(i, i + 4));
            }
          });
          socket.on('end', () => {
            transcript += 'client half-closed\n';
            socket.end('trailer after the half-close');
          });
        });
        stop = () => server.close();
        return [String(port)];
      },
      async drive(program) {
        await program.exited;
        return { server: transcript };
      },
      cleanup: () => stop(),
    };
  },

  'udp-client': () => {
    let server: UdpSocket | undefined;
    let transcript = '';
    return {
      async args() {
        const dropped = new Set<string>();
        server = createSocket('udp4');
        server.on('message', (message, from) => {
          const request = message.toString('latin1');
          transcript += `${JSON.stringify(request)}\n`;
          const reply = (text: string) => server!.send(Buffer.from(text, 'latin1'), from.port, from.address);
          if (request === 'time?') reply('tick');
          else if (request.startsWith('echo:')) reply(request.slice(5));
          else if (request.startsWith('upper:')) reply(request.slice(6).toUpperCase());
          else if (request === 'drop-once' && !dropped.has(request)) dropped.add(request);
          else if (request === 'drop-once') reply('second try');
        });
        await new Promise<void>((resolve) => server!.bind(0, '127.0.0.1', resolve));
        return [String(server.address().port)];
      },
      async drive(program) {
        await program.exited;
        return { server: transcript };
      },
      cleanup: () => server?.close(),
    };
  },

  'select-server': () => ({
    args: async () => [String(await freePort())],
    async drive(program, [port]) {
      const one = await StreamClient.connectWhenReady({ port: Number(port) });
      await one.waitFor('welcome #1');
      const two = await StreamClient.connect({ port: Number(port) });
      await two.waitFor('welcome #2');
      const three = await StreamClient.connect({ port: Number(port) });
      await three.waitFor('welcome #3');
      await one.request('/who\n', 'online: ');
      one.send('hello everyone\n');
      await two.waitFor('[1] hello everyone\n');
      await three.waitFor('[1] hello everyone\n');
      // Two lines in one write, and a line split across writes.
      two.send('first\nsecond\nthird, in ');
      await three.waitFor('[2] second\n');
      two.send('two parts\r\n');
      await one.waitFor('[2] third, in two parts\n');
      await three.request('/quit\n', 'bye #3\n');
      await three.closed();
      await one.waitFor('#3 quit\n');
      // Leave with a clean end of stream once everything sent to #2 has arrived (closing with
      // unread data would be a reset, and the server's warning would depend on timing).
      await two.waitFor('#3 quit\n');
      two.end();
      await one.waitFor('#2 left\n');
      await two.closed();
      await one.request('/stop\n', 'server stopping\n');
      await one.closed();
      await program.exited;
      return { one: one.received, two: two.received, three: three.received };
    },
  }),

  'websocket-chat': () => ({
    args: async () => [String(await freePort())],
    async drive(program, [port]) {
      const upgrade = async (key: string | undefined) => {
        const client = await StreamClient.connectWhenReady({ port: Number(port) });
        const header = key === undefined ? '' : `Sec-WebSocket-Key: ${key}\r\n`;
        client.send(`GET /chat HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${header}Sec-WebSocket-Version: 13\r\n\r\n`);
        return client;
      };
      // A client's text frame: FIN + text opcode, the mask bit, a 7- or 16-bit length, the mask, the masked payload.
      const masked = (text: string, mask: number[]) => {
        const length = text.length <= 125 ? String.fromCharCode(0x80 | text.length) : String.fromCharCode(0x80 | 126) + u16(text.length);
        const payload = [...text].map((c, i) => String.fromCharCode(c.charCodeAt(0) ^ mask[i % 4]!)).join('');
        return `\x81${length}${String.fromCharCode(...mask)}${payload}`;
      };
      const alice = await upgrade('dGhlIHNhbXBsZSBub25jZQ==');
      await alice.waitFor('\r\n\r\n');
      const bob = await upgrade('x3JJHMbDL1EzLkh9GBhXDw==');
      await bob.waitFor('\r\n\r\n');
      const carol = await upgrade('AQIDBAUGBwgJCgsMDQ4PEA==');
      await carol.waitFor('\r\n\r\n');
      const refused = await upgrade(undefined);
      await program.waitForOutput('#3 refused');
      alice.send(masked('hello, \xff bytes', [0x37, 0xfa, 0x21, 0x3d]));
      await bob.waitFor('#0: hello');
      await carol.waitFor('#0: hello');
      const long = `a longer message: ${'0123456789'.repeat(20)}`;
      bob.send(masked(long, [0x01, 0x80, 0xff, 0x7e]));
      await alice.waitFor(long.slice(-10));
      await carol.waitFor(long.slice(-10));
      carol.end();
      await program.waitForOutput('#2 left');
      await carol.closed();
      refused.end();
      await program.waitForOutput('#3 left');
      alice.send(masked('shutdown', [9, 8, 7, 6]));
      await program.exited;
      await Promise.all([alice.closed(), bob.closed()]);
      return { alice: hex(alice.received), bob: hex(bob.received), carol: hex(carol.received), refused: refused.received };
    },
  }),

  'accept-overwrite': () => ({
    args: async () => [String(await freePort())],
    async drive(program, [port]) {
      const clients: StreamClient[] = [];
      for (const [index, word] of ['first', 'second', 'third'].entries()) {
        const client = index === 0 ? await StreamClient.connectWhenReady({ port: Number(port) }) : await StreamClient.connect({ port: Number(port) });
        // The previous connection closes once this one is accepted (its Socket is freed).
        if (index > 0) await clients[index - 1]!.closed();
        await client.waitFor(`hello #${index + 1}\n`);
        await client.request(`${word}\n`, 'ok\n');
        clients.push(client);
      }
      await program.exited;
      await clients[2]!.closed();
      return Object.fromEntries(clients.map((client, index) => [`client${index + 1}`, client.received]));
    },
  }),

  'select-closed-peer': () => ({
    args: async () => [String(await freePort())],
    async drive(program, [port]) {
      const one = await StreamClient.connectWhenReady({ port: Number(port) });
      await one.waitFor('welcome #1\n');
      const two = await StreamClient.connect({ port: Number(port) });
      await two.waitFor('welcome #2\n');
      // #0 half-closes and the server keeps it in its select set: every select() returns at once.
      one.end();
      await program.waitForOutput('#0 closed');
      await two.request('hello\n', '(while spinning)\n');
      const three = await StreamClient.connect({ port: Number(port) });
      await three.waitFor('welcome #3\n');
      // More than the server reads (16 bytes): it closes with input unread, and the kernel resets.
      three.send(`drop${'x'.repeat(40)}`);
      await three.closed();
      await two.request('again\n', '(while spinning)\n');
      await two.request('stop\n', 'bye\n');
      await program.exited;
      return { one: one.received, two: two.received, three: `${three.received} [${three.error || 'end'}]` };
    },
  }),

  'class-server': () => ({
    args: async () => [String(await freePort())],
    async drive(program, [port]) {
      const ann = await StreamClient.connectWhenReady({ port: Number(port) });
      await ann.waitFor('commands: echo shout tell who\n');
      const bo = await StreamClient.connect({ port: Number(port) });
      await bo.waitFor('hello #2');
      await ann.request('echo plain words\n', '= plain words\n');
      await ann.request('shout quiet\n', '! QUIET!\n');
      // The handler throws the program's ProtocolError; an unknown command its subclass.
      await bo.request('shout\n', 'nothing to shout\n');
      await bo.request('dance now\n', "unknown command 'dance'\n");
      await bo.request('who\n', 'online: 1,2\n');
      // Two commands in one write, the second split across writes.
      ann.send('tell hi all\nec');
      await bo.waitFor('#1: hi all\n');
      await ann.request('ho split\n', '= split\n');
      bo.end();
      await program.waitForOutput('left #2');
      await bo.closed();
      await ann.request('who\n', 'online: 1\n');
      ann.send('stop\n');
      await program.exited;
      await ann.closed();
      return { ann: ann.received, bo: bo.received };
    },
  }),

  'session-server': () => ({
    args: async () => [String(await freePort())],
    async drive(program, [port]) {
      const ann = await StreamClient.connectWhenReady({ port: Number(port) });
      await ann.waitFor('> hello #1\n');
      await ann.request('echo hi there\n', '> hi there\n');
      await ann.request('u shout\n', '> SHOUT\n');
      await ann.request('zz top\n', '> unknown zz\n');
      await ann.request('count\n', '> 4 lines\n');
      await ann.request('quit\n', '> bye\n');
      // Ann's session ends only when the next one replaces it.
      const bo = await StreamClient.connect({ port: Number(port) });
      await bo.waitFor('> hello #2\n');
      const annSaw = await ann.closed();
      await bo.request('upper abc\n', '> ABC\n');
      bo.end();
      await program.waitForOutput('#2 left');
      const cy = await StreamClient.connect({ port: Number(port) });
      await cy.waitFor('> hello #3\n');
      await bo.closed();
      await cy.request('quit server\n', '> bye\n');
      await program.exited;
      await cy.closed();
      return { ann: annSaw, bo: bo.received, cy: cy.received };
    },
  }),

  'include-server': () => ({
    args: async () => [String(await freePort())],
    async drive(program, [port]) {
      const first = await StreamClient.connectWhenReady({ port: Number(port) });
      await first.waitFor('commands: echo, upper, count\n');
      await first.request('echo included code\n', 'included code\n');
      await first.request('count\n', 'count seen 1 times\n');
      await first.request('dance\n', 'unknown: dance\n');
      await first.request('quit\n', 'bye #1\n');
      await first.closed();
      const second = await StreamClient.connect({ port: Number(port) });
      await second.waitFor('commands: ');
      await second.request('upper shout\r\n', 'SHOUT\n');
      await second.request('count\n', 'count seen 2 times\n');
      second.end();
      await second.closed();
      await program.exited;
      return { first: first.received, second: second.received };
    },
  }),

  'unix-server': () => {
    const directory = socketDirectory();
    const path = join(directory, 'calc.sock');
    return {
      cleanup: () => rmSync(directory, { recursive: true, force: true }),
      args: async () => [path],
      async drive(program) {
        const first = await StreamClient.connectWhenReady({ path });
        await first.request('add 2 3 4.5\n');
        await first.request('mul 2 3 7\n');
        await first.request('div 7 2\n');
        await first.request('div 1 0\n');
        await first.request('max 3 11 5\n');
        await first.request('pow 2 8\n');
        await first.request('bye\n');
        await first.closed();
        const second = await StreamClient.connect({ path });
        await second.request('\r\nadd 0.1 0.2\n', '= ');
        await second.waitFor('\n', second.received.indexOf('= '));
        second.end();
        await second.closed();
        await program.exited;
        return { first: first.received, second: second.received };
      },
    };
  },

  'binary-server': () => ({
    args: async () => [String(await freePort())],
    async drive(program, [port]) {
      const client = await StreamClient.connectWhenReady({ port: Number(port) });
      const exchange = async (frameBytes: string, pieces = 1) => {
        const from = client.received.length;
        const size = Math.ceil(frameBytes.length / pieces);
        for (let i = 0; i < frameBytes.length; i += size) {
          client.send(frameBytes.slice(i, i + size));
          await new Promise((resolve) => setImmediate(resolve));
        }
        await poll('a reply frame', () => (client.received.length >= from + 3 && client.received.length >= from + 3 + (client.received.charCodeAt(from) << 8) + client.received.charCodeAt(from + 1) ? true : undefined));
        return hex(client.received.slice(from));
      };
      const replies: Record<string, string> = {};
      replies.reverse = await exchange(frame(1, 'abc\x00\xff'), 3);
      replies.sum = await exchange(frame(2, u32(1) + u32(0xffffffff) + u32(70000)), 4);
      replies.empty = await exchange(frame(2, ''));
      replies.record = await exchange(frame(3, u32(0xdeadbeef) + u16(8080) + 'node\x00\x00\x00\x00' + '\x05' + '\x01\x00\x00\x00'));
      replies.hex = await exchange(frame(4, '\x00\x7f\x80'));
      replies.unknown = await exchange(frame(7, 'x'));
      replies.close = await exchange(frame(9, ''));
      await client.closed();
      await program.exited;
      return replies;
    },
  }),

  'nonblocking-client': () => {
    let stop = () => undefined as void;
    let requests = '';
    return {
      async args() {
        const { server, port } = await scriptedServer((socket) => {
          socket.setEncoding('latin1');
          let count = 0;
          let sent = 0;
          const sendLine = () => socket.write(`item ${++sent}: ${'#'.repeat(sent * 3)}\n`);
          socket.on('data', (chunk: string) => {
            requests += chunk;
            for (const line of chunk.split('\n').filter(Boolean)) {
              if (line.startsWith('LIST ')) count = Number(line.slice(5));
              if (sent < count) sendLine();
              if (sent === count) socket.end('done');
            }
          });
        });
        stop = () => server.close();
        return [String(port)];
      },
      async drive(program) {
        await program.exited;
        return { requests };
      },
      cleanup: () => stop(),
    };
  },

  errors: () => {
    const directory = socketDirectory();
    return {
      cleanup: () => rmSync(directory, { recursive: true, force: true }),
      args: async () => [String(await freePort()), directory],
      async drive(program) {
        await program.exited;
        return {};
      },
    };
  },
  ...STREAM_SCENARIOS,
};
