// Scripted traffic for the stream-socket programs (programs/stream-*.php): the same for PHP and
// the port, as in scenarios.ts, which lists them with the others.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scriptedServer, StreamClient } from './support/clients';
import { freePort, type RunningProgram } from './support/processes';
import type { Scenario } from './scenarios';

/** A scripted loopback server for a client program; `stop()` closes it after the run. */
function withServer(handle: (socket: Socket, index: number) => void, drive: (program: RunningProgram) => Promise<Record<string, string>> = async () => ({})): Scenario {
  let stop = () => undefined as void;
  return {
    async args() {
      const { server, port } = await scriptedServer(handle);
      stop = () => server.close();
      return [String(port)];
    },
    async drive(program) {
      const observed = await drive(program);
      await program.exited;
      return observed;
    },
    cleanup: () => stop(),
  };
}

/** Sends `reply` in pieces of `size` bytes once the request's blank line has come. */
function answerRequest(socket: Socket, reply: (request: string) => string, size: number): void {
  let request = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    request += chunk;
    if (!request.includes('\r\n\r\n')) return;
    const text = reply(request);
    for (let i = 0; i < text.length; i += size) socket.write(Buffer.from(text.slice(i, i + size), 'latin1'));
    socket.end();
  });
}

const HTTP_BODIES: Record<string, string> = {
  '/hello': 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nX-Test: yes\r\n\r\nhello, stream world\nsecond line',
  '/numbers': 'HTTP/1.0 200 OK\r\n\r\n1\n22\n333\n',
  '/bytes': 'HTTP/1.0 200 OK\r\n\x00\x01\xff\n',
};

export const STREAM_SCENARIOS: Record<string, () => Scenario> = {
  'stream-line-server': () => ({
    args: async () => [String(await freePort())],
    async drive(program, [port]) {
      await program.waitForOutput('ready');
      const first = await StreamClient.connect({ port: Number(port) });
      await first.waitFor('\r\n');
      for (const line of ['hello\n', 'two words\r\n', 'stats\n']) await first.request(line);
      await first.request('quit\n', 'bye\n');
      const firstSaw = await first.closed();
      // A client that ends without quit: its last line has no "\n", fgets gives it at the end.
      const second = await StreamClient.connect({ port: Number(port) });
      await second.waitFor('\r\n');
      await second.request('abc\n');
      second.send('no newline');
      second.end();
      const secondSaw = await second.closed();
      const third = await StreamClient.connect({ port: Number(port) });
      await third.waitFor('\r\n');
      await third.request('shutdown\n', 'shutting down\n');
      const thirdSaw = await third.closed();
      return { first: firstSaw, second: secondSaw, third: thirdSaw };
    },
  }),

  'stream-http-client': () =>
    withServer((socket) => answerRequest(socket, (request) => HTTP_BODIES[request.split(' ')[1] ?? ''] ?? 'HTTP/1.0 404 Not Found\r\n\r\n', 3)),

  'stream-select-chat': () => ({
    args: async () => [String(await freePort())],
    async drive(program, [port]) {
      await program.waitForOutput('ready');
      const first = await StreamClient.connect({ port: Number(port) });
      await first.waitFor('welcome guest0\n');
      const second = await StreamClient.connect({ port: Number(port) });
      await second.waitFor('welcome guest1\n');
      first.send('hi all\n');
      await second.waitFor('guest0> hi all\n');
      second.send('yo\n');
      await first.waitFor('guest1> yo\n');
      // The first client closes; the other hears of it, then closes too, which ends the loop.
      first.end();
      await first.closed();
      await second.waitFor('* guest0 left\n');
      second.end();
      await second.closed();
      return { first: first.received, second: second.received };
    },
  }),

  'stream-refused': () => ({
    args: async () => [String(await freePort())],
    async drive() {
      return {};
    },
  }),

  // The server answers "hello" 1.5 s late (after two reads of the client timed out), and its half-close.
  'stream-timeout': () =>
    withServer((socket) => {
      let received = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => {
        received += chunk;
        if (received === 'hello\n') setTimeout(() => socket.write('late\n'), 1500);
      });
      socket.on('end', () => socket.end('after shutdown\n'));
    }),

  // Its own socket path for each run (PHP and the port run side by side); the program does not print it.
  'stream-unix-udp': () => {
    const directory = mkdtempSync(join(tmpdir(), 'pps-'));
    return {
      args: async () => [join(directory, 'stream.sock')],
      async drive(program) {
        await program.exited;
        return {};
      },
      cleanup: () => rmSync(directory, { recursive: true, force: true }),
    };
  },
};
