#!/usr/bin/env node
// Requests per second of a PHP socket server and of its TypeScript port, under the same load:
// loopback clients doing request/response round trips over a few connections.
//
//   node bench/port-throughput.mjs [--requests N] [--connections C] [--seconds S] [--trials T] [--line-bytes B] [--warmup W]
//
// Servers (from test/port/programs/):
// - line-server.php: one client at a time, PHP_NORMAL_READ lines of B bytes (default 48; the
//   server reads at most 64), one reply line per request; the connections take turns, as its
//   accept loop serves them. PHP_NORMAL_READ reads a byte per recv(), so PHP's cost grows with B;
// - select-server.php: socket_select() over all connections at once; `/who` is the request.
// Each run is bounded by N requests and S seconds; the servers are killed at the end. Before the
// timed requests a connection of its own sends W untimed ones (default 2000) and quits: Node
// compiles its hot code during them, and PHP gets the same (as in idiomatic-throughput.mjs). PHP
// and the port take turns for T trials and the median is reported (other load on the machine varies).
// Besides requests per second (wall clock: on a loaded machine mostly noise) the server's own CPU
// time per request during the timed requests is read from /proc (the sum of its threads' run
// times), the steadier figure under load; the load average is printed beside them.
// The faithful port always (the idiomatic ones are measured by bench/idiomatic-throughput.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transformSync } from 'esbuild';
import { cpuMs } from './support.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const programs = join(root, 'test/port/programs');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}
const REQUESTS = option('requests', 30000);
const CONNECTIONS = option('connections', 4);
const SECONDS = option('seconds', 20);
const TRIALS = option('trials', 3);
const LINE_BYTES = Math.min(63, Math.max(8, option('line-bytes', 48)));
const WARMUP = option('warmup', 2000);

/** A request line of LINE_BYTES bytes (without its "\n"), different for every request. */
function requestLine(connection, index) {
  const head = `get ${connection}-${index} `;
  return `${head}${'x'.repeat(Math.max(0, LINE_BYTES - head.length))}\n`;
}

const work = mkdtempSync(join(tmpdir(), 'port-bench-'));

/** The port engine, bundled once so Node can run it directly. */
async function loadPort() {
  const outfile = join(work, 'port-engine.mjs');
  await build({ entryPoints: [join(root, 'server/src/port/index.ts')], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
  return import(outfile);
}

async function portProgram(engine, name) {
  const { code, unported, runtime } = engine.portPhpToTypeScript(readFileSync(join(programs, `${name}.php`), 'utf8'), `${name}.php`, { faithful: true });
  if (unported.length > 0) throw new Error(`${name}.php did not port completely: ${JSON.stringify(unported)}`);
  const toJavaScript = (typescript) => transformSync(typescript, { loader: 'ts', format: 'esm', target: 'node20' }).code;
  // The port imports ./php-runtime.js: the runtime module, transpiled beside it.
  writeFileSync(join(work, runtime.fileName.replace(/\.ts$/, '.js')), toJavaScript(runtime.code));
  const file = join(work, `${name}.mjs`);
  writeFileSync(file, toJavaScript(code));
  return file;
}


function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A connection that sends a line and resolves with the next reply line. */
class LineConnection {
  static open(port) {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(new LineConnection(socket)));
      socket.once('error', reject);
    });
  }

  static async openWhenReady(port, deadline) {
    for (;;) {
      try {
        return await LineConnection.open(port);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  }

  constructor(socket) {
    this.socket = socket;
    this.buffer = '';
    this.waiting = [];
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      this.buffer += chunk;
      this.deliver();
    });
    socket.on('error', () => undefined);
  }

  /** Hands complete lines to whoever waits for them. */
  deliver() {
    let newline;
    while (this.waiting.length > 0 && (newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      this.waiting.shift()(line);
    }
  }

  nextLine() {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.deliver();
    });
  }

  async request(line) {
    const reply = this.nextLine();
    this.socket.write(line);
    return reply;
  }

  close() {
    this.socket.destroy();
  }
}

/** The untimed warm-up: one connection, its greeting, `WARMUP` requests and `last`. */
async function warmUp(port, deadline, request, last) {
  const connection = await LineConnection.openWhenReady(port, deadline);
  await connection.nextLine();
  await roundTrips(connection, WARMUP, request, deadline);
  await connection.request(last);
  connection.close();
}

/** Runs `count` round trips on one connection, stopping at the deadline; returns how many ran. */
async function roundTrips(connection, count, request, deadline) {
  let done = 0;
  while (done < count && Date.now() < deadline) {
    await connection.request(request(done));
    done++;
  }
  return done;
}

const SERVERS = {
  'line-server': {
    // Connections take turns: each one greets, runs its share of requests, then quits.
    async load(port, deadline, serverCpu) {
      const perConnection = Math.ceil(REQUESTS / CONNECTIONS);
      let completed = 0;
      await warmUp(port, deadline, (i) => requestLine('w', i), 'quit\n');
      const [cpuBefore, started] = [serverCpu(), performance.now()];
      for (let c = 0; c < CONNECTIONS && Date.now() < deadline; c++) {
        const connection = await LineConnection.open(port);
        await connection.nextLine(); // greeting
        completed += await roundTrips(connection, perConnection, (i) => requestLine(c, i), deadline);
        await connection.request('quit\n');
        connection.close();
      }
      const elapsed = performance.now() - started;
      const cpu = serverCpu() - cpuBefore;
      const stop = await LineConnection.open(port);
      await stop.nextLine();
      await stop.request('shutdown\n');
      stop.close();
      return { completed, elapsed, cpu };
    },
  },
  'select-server': {
    // All connections at once: socket_select() serves whichever has a request.
    async load(port, deadline, serverCpu) {
      await warmUp(port, deadline, () => '/who\n', '/quit\n');
      const connections = [];
      for (let c = 0; c < CONNECTIONS; c++) {
        const connection = await LineConnection.open(port);
        await connection.nextLine();
        connections.push(connection);
      }
      const perConnection = Math.ceil(REQUESTS / CONNECTIONS);
      const [cpuBefore, started] = [serverCpu(), performance.now()];
      const counts = await Promise.all(connections.map((connection) => roundTrips(connection, perConnection, () => '/who\n', deadline)));
      const elapsed = performance.now() - started;
      const cpu = serverCpu() - cpuBefore;
      await connections[0].request('/stop\n');
      connections.forEach((connection) => connection.close());
      return { completed: counts.reduce((sum, count) => sum + count, 0), elapsed, cpu };
    },
  },
};

async function measure(command, server) {
  const port = await freePort();
  const child = spawn(command[0], [...command.slice(1), String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + SECONDS * 1000;
  const killer = setTimeout(() => child.kill('SIGKILL'), (SECONDS + 5) * 1000);
  try {
    const { completed, elapsed, cpu } = await server.load(port, deadline, () => cpuMs(child.pid));
    return { completed, perSecond: Math.round((completed / elapsed) * 1000), cpuMicros: (cpu * 1000) / completed };
  } finally {
    clearTimeout(killer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

try {
  const engine = await loadPort();
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`${REQUESTS} requests over ${CONNECTIONS} connections, ${TRIALS} trials (each at most ${SECONDS} s) after ${WARMUP} untimed requests, loopback; median req/s and server CPU µs per request; line-server lines of ${LINE_BYTES} bytes; load ${load()}`);
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (const [name, server] of Object.entries(SERVERS)) {
    const ported = await portProgram(engine, name);
    const php = [];
    const port = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      php.push(await measure(['php', join(programs, `${name}.php`)], server));
      port.push(await measure([process.execPath, ported], server));
    }
    const [phpRate, portRate] = [php, port].map((runs) => median(runs.map((run) => run.perSecond)));
    const [phpCpu, portCpu] = [php, port].map((runs) => median(runs.map((run) => run.cpuMicros)).toFixed(1));
    const rates = (runs) => runs.map((run) => run.perSecond).join(', ');
    console.log(`${name.padEnd(14)} PHP ${String(phpRate).padStart(7)} req/s   port ${String(portRate).padStart(7)} req/s   port/PHP ${(portRate / phpRate).toFixed(2)}   server CPU µs/req: PHP ${phpCpu}, port ${portCpu}   (trials: PHP ${rates(php)}; port ${rates(port)}; load ${load()})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
