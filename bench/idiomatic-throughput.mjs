#!/usr/bin/env node
// Requests per second of PHP socket servers and of their idiomatic TypeScript ports, under the
// same loopback load: C clients at once, each doing N request/reply round trips in turn.
//
//   node bench/idiomatic-throughput.mjs [--requests N] [--trials T]
//
// Servers (test/port-idiomatic/programs/): line-upper.php (an accept loop, PHP_NORMAL_READ
// lines; PHP serves the clients one after the other, Node at once) and udp-upper.php (a
// socket_recvfrom() loop). A socket_select() server has no idiomatic port yet, so it is not here.
// PHP and the port take turns for T trials; the median is reported.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transformSync } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const programs = join(root, 'test/port-idiomatic/programs');
const option = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const REQUESTS = option('requests', 5000);
const TRIALS = option('trials', 3);
const work = mkdtempSync(join(tmpdir(), 'idiomatic-bench-'));

async function portedFile(name) {
  const engine = join(work, 'engine.mjs');
  await build({ entryPoints: [join(root, 'server/src/port/index.ts')], bundle: true, platform: 'node', format: 'esm', outfile: engine, logLevel: 'error' });
  const { portPhpToTypeScript } = await import(engine);
  const result = portPhpToTypeScript(readFileSync(join(programs, `${name}.php`), 'utf8'), `${name}.php`);
  if (result.style !== 'idiomatic') throw new Error(`${name} did not port idiomatically: ${result.reason}`);
  const file = join(work, `${name}.mjs`);
  writeFileSync(file, transformSync(result.code, { loader: 'ts', format: 'esm' }).code);
  return file;
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

function start(command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('latin1').on('data', (data) => (out += data));
  const exited = new Promise((resolve) => child.once('close', resolve));
  const ready = new Promise((resolve, reject) => {
    const timer = setInterval(() => out.includes('listening') || out.includes('ready') ? (clearInterval(timer), resolve()) : undefined, 5);
    setTimeout(() => (clearInterval(timer), reject(new Error(`${args[0]} did not start`))), 10_000);
  });
  return { child, ready, exited };
}

/** One TCP client: N lines, each awaited, then quit. */
function lineClient(port, id) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let sent = 0;
    socket.setEncoding('latin1').on('error', reject);
    socket.on('data', (data) => {
      received += data;
      let newline;
      while ((newline = received.indexOf('\n')) >= 0) {
        received = received.slice(newline + 1);
        if (sent < REQUESTS) socket.write(`c${id} request ${sent++}\n`);
        else if (sent++ === REQUESTS) socket.write('quit\n');
      }
    });
    socket.on('close', resolve);
  });
}

async function lineRun(command, script, clients) {
  const port = await freePort();
  const server = start(command, [script, String(port)]);
  await server.ready;
  const began = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, id) => lineClient(port, id)));
  const seconds = (performance.now() - began) / 1000;
  const stop = connect(port, '127.0.0.1');
  stop.on('error', () => undefined).write('shutdown\n');
  await server.exited;
  return (clients * REQUESTS) / seconds;
}

async function udpRun(command, script, clients) {
  const port = await freePort();
  const server = start(command, [script, String(port)]);
  await server.ready;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, id) => {
      const socket = createSocket('udp4');
      await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
      for (let i = 0; i < REQUESTS; i++) {
        const reply = new Promise((resolve) => socket.once('message', resolve));
        socket.send(`c${id} datagram ${i}`, port, '127.0.0.1');
        await reply;
      }
      socket.close();
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const stop = createSocket('udp4');
  stop.send('stop', port, '127.0.0.1', () => stop.close());
  await server.exited;
  return (clients * REQUESTS) / seconds;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  const servers = { 'line server': ['line-upper', lineRun], 'UDP echo': ['udp-upper', udpRun] };
  const table = {};
  for (const [name, [program, run]] of Object.entries(servers)) {
    const ported = await portedFile(program);
    for (const clients of [1, 4]) {
      const php = [];
      const port = [];
      for (let trial = 0; trial < TRIALS; trial++) {
        php.push(await run('php', join(programs, `${program}.php`), clients));
        port.push(await run(process.execPath, ported, clients));
      }
      const [p, t] = [median(php), median(port)];
      table[`${name}, ${clients} client${clients > 1 ? 's' : ''}`] = { 'PHP req/s': Math.round(p), 'port req/s': Math.round(t), 'port / PHP': `${(t / p).toFixed(2)}x` };
    }
  }
  console.log(`\nIdiomatic port vs PHP: ${REQUESTS} round trips per client, median of ${TRIALS}`);
  console.table(table);
  console.log('select server: no idiomatic port yet (the faithful one is measured by port-throughput.mjs)');
} finally {
  rmSync(work, { recursive: true, force: true });
}
