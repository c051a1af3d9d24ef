#!/usr/bin/env node
// Requests per second of PHP socket servers and of their idiomatic TypeScript ports, under the
// same loopback load: C clients at once, each doing N request/reply round trips in turn.
//
//   node bench/idiomatic-throughput.mjs [--requests N] [--trials T] [--warmup W]
//
// Servers: line-upper.php (test/port-idiomatic/programs: an accept loop, PHP_NORMAL_READ lines;
// PHP serves the clients one after the other, Node at once), udp-upper.php (a socket_recvfrom()
// loop) and select-server.php (test/port/programs: socket_select() over all clients, `/who` is
// the request). Every run starts a fresh server, sends W untimed round trips (Node compiles its
// hot code during them; PHP gets the same), then times C x N round trips. Besides requests per
// second (wall clock, sensitive to other load on this 2-core machine) the server's own CPU time
// per request is read from /proc (its threads' run times, in ns), and so is the bench's own (the
// clients', all in this process): on 2 cores the clients compete with the server, and a round trip
// costs the client's CPU as well as the server's. PHP and the port take turns for T trials; medians
// are reported, and a second table splits the server's CPU into user and system time.
//
// Beside them runs Node's floor for each protocol: a hand-written node:net/node:dgram server that
// does only what the protocol needs (same replies, same stdout lines), with no PHP semantics to keep.
// The port cannot be faster than it, so where the floor is below PHP the target is out of the
// port's reach on this machine.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transformSync } from 'esbuild';
import { cpuMs } from './support.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const option = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const REQUESTS = option('requests', 10000);
const TRIALS = option('trials', 5);
const WARMUP = option('warmup', 2000);
const work = mkdtempSync(join(tmpdir(), 'idiomatic-bench-'));
const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

let engine;
async function portedFile(path) {
  if (!engine) {
    const outfile = join(work, 'engine.mjs');
    await build({ entryPoints: [join(root, 'server/src/port/index.ts')], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
    engine = await import(outfile);
  }
  const name = path.split('/').pop();
  const result = engine.portPhpToTypeScript(readFileSync(path, 'utf8'), name);
  if (result.style !== 'idiomatic') throw new Error(`${name} did not port idiomatically: ${result.reason}`);
  const file = join(work, name.replace(/\.php$/, '.mjs'));
  writeFileSync(file, transformSync(result.code, { loader: 'ts', format: 'esm', target: 'node20' }).code);
  return file;
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });


/** [user, system] CPU time of a process in ms, in 10-ms ticks (/proc/<pid>/stat): where its time goes. */
function userSystemMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return [Number(fields[11]) * CLOCK_TICK_MS, Number(fields[12]) * CLOCK_TICK_MS];
}

function start(command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('latin1').on('data', (data) => (out = (out + data).slice(-64)));
  const exited = new Promise((resolve) => child.once('close', resolve));
  return { child, exited, output: () => out };
}

async function until(what, condition, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const connects = (port) => new Promise((resolve) => connect(port, '127.0.0.1').once('connect', function () { this.destroy(); resolve(true); }).once('error', () => resolve(false)));

/**
 * One TCP client: `count` requests, each sent once the reply to the previous one has arrived
 * (a reply is the next "\n"-terminated line), then `last`, and after its reply the end; nothing else to do per
 * request, so the client costs as little as it can. Lines of a greeting are skipped first.
 */
function streamClient(port, { greeting, request, count, last }) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let received = '';
    let sent = 0;
    let greeted = !greeting;
    socket.setEncoding('latin1').on('error', reject);
    socket.on('data', (data) => {
      received += data;
      if (!greeted) {
        if (!received.includes(greeting)) return;
        received = received.slice(received.indexOf('\n', received.indexOf(greeting)) + 1);
        greeted = true;
        socket.write(request(sent++));
        return;
      }
      let newline;
      while ((newline = received.indexOf('\n')) >= 0) {
        received = received.slice(newline + 1);
        if (sent < count) socket.write(request(sent++));
        else if (sent++ === count) socket.write(last);
        else return void socket.end();
      }
    });
    if (!greeting) socket.write(request(sent++));
    socket.on('close', resolve);
  });
}

function datagramClient(port, id, count) {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    let replies = 0;
    socket.on('message', () => {
      if (++replies < count) socket.send(`c${id} datagram ${replies}`, port, '127.0.0.1');
      else socket.close(resolve);
    });
    socket.bind(0, '127.0.0.1', () => socket.send(`c${id} datagram 0`, port, '127.0.0.1'));
  });
}

/** Node's floor: the least a node:net/node:dgram server for each protocol does. */
const FLOORS = {
  'line server': `import * as net from 'node:net';
let clients = 0;
const server = net.createServer((client) => {
  let [lines, buffered] = [0, ''];
  client.setEncoding('latin1').on('error', () => {});
  process.stdout.write(\`client \${++clients} connected\\n\`);
  client.write(\`hello #\${clients}\\r\\n\`, 'latin1');
  client.on('data', (data) => {
    buffered += data;
    for (let newline; (newline = buffered.indexOf('\\n')) >= 0; ) {
      const command = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      lines++;
      if (command === 'quit') return void client.end(\`bye after \${lines} lines\\n\`, 'latin1');
      if (command === 'shutdown') return void (client.end('shutting down\\n'), server.close());
      client.write(\`\${command.toUpperCase()} (\${command.length} bytes)\\n\`, 'latin1');
    }
  });
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('listening\\n'));
`,
  'UDP echo': `import * as dgram from 'node:dgram';
const socket = dgram.createSocket('udp4');
let received = 0;
socket.on('message', (message, remote) => {
  const text = message.toString('latin1').replace(/[\\r\\n]+$/, '');
  process.stdout.write(\`\${++received}: \${message.length} bytes from \${remote.address}\\n\`);
  if (text === 'stop') return void socket.send('stopping', remote.port, remote.address, () => socket.close());
  socket.send(Buffer.from(\`#\${received} \${text.toUpperCase()}\`, 'latin1'), remote.port, remote.address);
});
socket.bind(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('ready\\n'));
`,
  'select server': `import * as net from 'node:net';
const clients = new Map();
let nextId = 1;
const server = net.createServer((client) => {
  const id = nextId++;
  let buffered = '';
  clients.set(id, client);
  client.setEncoding('latin1').on('error', () => {});
  client.on('close', () => clients.delete(id));
  client.write(\`welcome #\${id}, \${clients.size} online\\n\`, 'latin1');
  process.stdout.write(\`join #\${id} (\${clients.size} online)\\n\`);
  client.on('data', (data) => {
    buffered += data;
    for (let newline; (newline = buffered.indexOf('\\n')) >= 0; ) {
      const line = buffered.slice(0, newline).replace(/\\r$/, '');
      buffered = buffered.slice(newline + 1);
      if (line === '/quit') return void (clients.delete(id), client.end(\`bye #\${id}\\n\`));
      if (line === '/stop') return void (server.close(), clients.forEach((other) => other.end('server stopping\\n')));
      if (line === '/who') client.write(\`online: \${[...clients.keys()].join(',')}\\n\`, 'latin1');
    }
  });
});
server.listen(Number(process.argv[2]), '127.0.0.1');
`,
};

const SERVERS = {
  'line server': {
    php: join(root, 'test/port-idiomatic/programs/line-upper.php'),
    ready: async (server) => server.output().includes('listening'),
    run: (port, clients, count) => Promise.all(Array.from({ length: clients }, (_, id) => streamClient(port, { greeting: 'hello #', request: (i) => `c${id} request ${i}\n`, count, last: 'quit\n' }))),
    stop: (port) => connect(port, '127.0.0.1').on('error', () => undefined).end('shutdown\n'),
  },
  'UDP echo': {
    php: join(root, 'test/port-idiomatic/programs/udp-upper.php'),
    ready: async (server) => server.output().includes('ready'),
    run: (port, clients, count) => Promise.all(Array.from({ length: clients }, (_, id) => datagramClient(port, id, count))),
    stop: (port) => {
      const socket = createSocket('udp4');
      socket.send('stop', port, '127.0.0.1', () => socket.close());
    },
  },
  'select server': {
    php: join(root, 'test/port/programs/select-server.php'),
    ready: (_server, port) => connects(port),
    run: (port, clients, count) => Promise.all(Array.from({ length: clients }, () => streamClient(port, { greeting: 'welcome #', request: () => '/who\n', count, last: '/quit\n' }))),
    stop: (port) => {
      const socket = connect(port, '127.0.0.1').on('error', () => undefined);
      socket.once('data', () => socket.write('/stop\n'));
    },
  },
};

/** One trial: a fresh server, the warm-up, then the timed load. */
async function trial(server, command, script, clients) {
  const port = await freePort();
  const process_ = start(command, [script, String(port)]);
  await until(`${script} to start`, () => server.ready(process_, port));
  // The select server's "online: …" reply lists its clients; a warm-up client that has left is not in it.
  await server.run(port, 1, WARMUP);
  const cpuBefore = cpuMs(process_.child.pid);
  const splitBefore = userSystemMs(process_.child.pid);
  const clientBefore = process.cpuUsage();
  const began = performance.now();
  await server.run(port, clients, REQUESTS);
  const seconds = (performance.now() - began) / 1000;
  const cpu = cpuMs(process_.child.pid) - cpuBefore;
  const [serverUser, serverSystem] = userSystemMs(process_.child.pid).map((ms, i) => ((ms - splitBefore[i]) * 1000) / (clients * REQUESTS));
  const { user, system } = process.cpuUsage(clientBefore);
  server.stop(port);
  await process_.exited;
  return { perSecond: (clients * REQUESTS) / seconds, cpuMicros: (cpu * 1000) / (clients * REQUESTS), clientMicros: (user + system) / (clients * REQUESTS), serverUser, serverSystem };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const loadBefore = load();
try {
  const table = {};
  const split = {};
  for (const [name, server] of Object.entries(SERVERS)) {
    const ported = await portedFile(server.php);
    const floorFile = join(work, `${name.replace(/ /g, '-')}-floor.mjs`);
    writeFileSync(floorFile, FLOORS[name]);
    for (const clients of [1, 4]) {
      const php = [];
      const port = [];
      const floor = [];
      for (let i = 0; i < TRIALS; i++) {
        php.push(await trial(server, 'php', server.php, clients));
        port.push(await trial(server, process.execPath, ported, clients));
        floor.push(await trial(server, process.execPath, floorFile, clients));
      }
      const [p, t, f] = [php, port, floor].map((runs) => median(runs.map((r) => r.perSecond)));
      // Other load only ever slows a trial down: the best of the trials is the steadier figure.
      const [bp, bt, bf] = [php, port, floor].map((runs) => Math.max(...runs.map((r) => r.perSecond)));
      table[`${name}, ${clients} client${clients > 1 ? 's' : ''}`] = {
        'PHP req/s': Math.round(p),
        'port req/s': Math.round(t),
        'port / PHP': `${(t / p).toFixed(2)}x`,
        'best port / best PHP': `${(bt / bp).toFixed(2)}x`,
        'Node floor / PHP': `${(f / p).toFixed(2)}x`,
        'best floor / best PHP': `${(bf / bp).toFixed(2)}x`,
        'PHP CPU µs/req': median(php.map((r) => r.cpuMicros)).toFixed(1),
        'port CPU µs/req': median(port.map((r) => r.cpuMicros)).toFixed(1),
        'floor CPU µs/req': median(floor.map((r) => r.cpuMicros)).toFixed(1),
        'client CPU µs/req': median([...php, ...port, ...floor].map((r) => r.clientMicros)).toFixed(1),
      };
      const userSystem = (runs) => `${median(runs.map((r) => r.serverUser)).toFixed(1)} + ${median(runs.map((r) => r.serverSystem)).toFixed(1)}`;
      split[`${name}, ${clients} client${clients > 1 ? 's' : ''}`] = { 'PHP user + system µs/req': userSystem(php), 'port user + system': userSystem(port), 'floor user + system': userSystem(floor) };
    }
  }
  console.log(`\nIdiomatic port vs PHP: ${REQUESTS} round trips per client after ${WARMUP} untimed ones, median of ${TRIALS} and best of ${TRIALS} (target: port / PHP ≥ 1.00x; Node floor: a hand-written server for the protocol); load ${loadBefore} before, ${load()} after`);
  console.table(table);
  console.log(`Where the server's CPU goes (utime + stime in 10-ms ticks, so ±${((CLOCK_TICK_MS * 1000) / REQUESTS).toFixed(1)} µs for 1 client): the system part is the kernel's, much the same for PHP and Node; the user part is the program's own`);
  console.table(split);
} finally {
  rmSync(work, { recursive: true, force: true });
}
