#!/usr/bin/env node
// Does the language server stay responsive, and does it keep its memory? (issue 17)
//
// 1. Hover while linting: a 50k-line file is edited (each edit starts a lint of about half a
//    second or more) and, until that version's diagnostics arrive, hovers on another open
//    document are sent one after another; each hover's round trip is timed. Target: median
//    ≤ 50 ms, p99 ≤ 100 ms.
// 2. Typing storm: 10,000 edits over 20 open files (rounds of one edit per file, every round’s
//    diagnostics awaited; every fifth round also sends a second edit at once, so that lints are
//    superseded and stopped). The server's resident memory (VmRSS from /proc, all its threads)
//    after the first edits against after the storm, measured twice: right after a full garbage
//    collection of the server's threads (bench/server-gc.cjs; what it keeps, so what a leak
//    per version would grow), and as it runs (medians over windows of rounds, see FIRST_WINDOW;
//    this includes garbage V8 has not collected yet). Target: ≤ 1.2x.
//
//   npm run build && node bench/lsp-responsive.mjs [--edits N] [--supersede-every N (0: never)] [--storm-only]
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { checkedClientFunction } from './php-client-function.mjs';
import { median, startLanguageServer } from './support.mjs';

const editsIndex = process.argv.indexOf('--edits');
const EDITS = editsIndex > 0 ? Number(process.argv[editsIndex + 1]) : 10_000;
const FILE_COUNT = 20;
/** Every this many rounds each file gets a second edit at once, superseding the first (0: never). */
const supersedeIndex = process.argv.indexOf('--supersede-every');
const SUPERSEDE_EVERY = supersedeIndex > 0 ? Number(process.argv[supersedeIndex + 1]) : 5;
const STORM_ONLY = process.argv.includes('--storm-only');
/**
 * RSS saws up and down with the garbage collector, so each figure is the median of one sample
 * per round over a window: "after the first edits" is rounds 5-25 (every file opened, linted and
 * edited five to 25 times), "after the storm" the last 20 rounds.
 */
const FIRST_WINDOW = [5, 25];
const LAST_WINDOW = 20;
const HOVER_SAMPLES = 300;
/** Hovers per lint at most, a few milliseconds apart, so that they spread over several lints. */
const HOVERS_PER_LINT = 30;
const load = () => `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `lines` lines of checked client functions, ending in an unchecked listen whose backlog the edits change. */
function generate(lines) {
  const out = ['<?php', 'declare(strict_types=1);', ''];
  for (let i = 0; out.length < lines - 3; i++) out.push(...checkedClientFunction(i));
  out.push('$main = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);', 'socket_listen($main, 100);', '');
  return out.join('\n');
}

/** An editable document: `edit()` sends the next version (the backlog toggles 100 ↔ 999999). */
function editable(server, uri, text) {
  const line = text.split('\n').length - 2;
  let version = 1;
  let backlog = '100';
  return {
    uri,
    get version() {
      return version;
    },
    open() {
      const done = server.published(uri, 1);
      void server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'php', version: 1, text } });
      return done;
    },
    edit() {
      version++;
      const next = backlog === '100' ? '999999' : '100';
      const range = { start: { line, character: 21 }, end: { line, character: 21 + backlog.length } };
      backlog = next;
      void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: next }] });
      return version;
    },
  };
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

async function hoverWhileLinting(server) {
  const smallUri = 'file:///bench/responsive-small.php';
  const small = editable(server, smallUri, '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_listen($s, 100);\n');
  await small.open();
  const big = editable(server, 'file:///bench/responsive-50k.php', generate(50_000));
  await big.open();
  const hover = () => server.connection.sendRequest('textDocument/hover', { textDocument: { uri: smallUri }, position: { line: 2, character: 3 } });
  await hover(); // the hover worker's first parse of the small document
  const times = [];
  let lints = 0;
  while (times.length < HOVER_SAMPLES && lints < 50) {
    const version = big.edit();
    let linted = false;
    const published = server.published(big.uri, version).then(() => (linted = true));
    lints++;
    for (let sent = 0; !linted && sent < HOVERS_PER_LINT; sent++) {
      await pause(5);
      const start = performance.now();
      const result = await hover();
      if (!result) throw new Error('hover answered null');
      // Only hovers answered while the lint was still running count.
      if (!linted) times.push(performance.now() - start);
    }
    await published;
  }
  return { times, lints };
}

async function typingStorm(server) {
  const documents = [];
  for (let i = 0; i < FILE_COUNT; i++) {
    const document = editable(server, `file:///bench/storm-${i}.php`, generate(300 + 20 * i));
    await document.open();
    documents.push(document);
  }
  let edits = 0;
  let round = 0;
  const samples = [];
  const collected = [];
  while (edits < EDITS) {
    const waits = [];
    for (const document of documents) {
      if (edits >= EDITS) break;
      if (SUPERSEDE_EVERY > 0 && round % SUPERSEDE_EVERY === SUPERSEDE_EVERY - 1 && edits + 1 < EDITS) {
        document.edit(); // superseded at once by the next edit
        edits++;
      }
      waits.push(server.published(document.uri, document.edit()));
      edits++;
    }
    await Promise.all(waits);
    round++;
    samples.push({ edits, rss: rssMb(server.pid) });
    if (round === FIRST_WINDOW[1] || Math.floor(edits / 2500) > Math.floor(samples.at(-2)?.edits / 2500)) collected.push(await afterGc(server, edits));
  }
  if (collected.at(-1)?.edits !== edits) collected.push(await afterGc(server, edits));
  const window = (list) => ({ edits: list.at(-1).edits, rss: median(list.map((sample) => sample.rss)) });
  const checkpoints = samples.filter((_, index) => index % 100 === 99).map((sample) => `${sample.edits}: ${sample.rss.toFixed(0)} MB`);
  return { first: window(samples.slice(...FIRST_WINDOW)), last: window(samples.slice(-LAST_WINDOW)), checkpoints, collected };
}

/** RSS after a full GC of the server's threads: the median of five samples 100 ms apart. */
async function afterGc(server, edits) {
  await server.collectGarbage();
  const rss = [];
  for (let i = 0; i < 5; i++) {
    rss.push(rssMb(server.pid));
    await pause(100);
  }
  return { edits, rss: median(rss) };
}

if (!existsSync(new URL('../dist/server.js', import.meta.url))) {
  console.error('dist/server.js is missing: run `npm run build` first.');
  process.exit(2);
}

const server = STORM_ONLY ? undefined : await startLanguageServer();
if (server) try {
  const { times, lints } = await hoverWhileLinting(server);
  const med = median(times);
  const p99 = percentile(times, 99);
  console.log(`Hover on another document while a 50k-line file lints: ${times.length} hovers during ${lints} lints; node ${process.version}; ${load()}`);
  console.log(`  median ${med.toFixed(1)} ms (target ≤ 50), p99 ${p99.toFixed(1)} ms (target ≤ 100), max ${Math.max(...times).toFixed(1)} ms: ${med <= 50 && p99 <= 100 ? 'met' : 'not met'}`);
} finally {
  await server.stop();
}

// The storm in a server of its own: the 50k-line file above is not part of its memory.
const stormServer = await startLanguageServer({ gc: true });
try {
  const storm = await typingStorm(stormServer);
  const [first, last] = [storm.collected[0], storm.collected.at(-1)];
  const kept = last.rss / first.rss;
  const ratio = storm.last.rss / storm.first.rss;
  const verdict = (value) => `${value.toFixed(2)}x (target ≤ 1.2x): ${value <= 1.2 ? 'met' : 'not met'}`;
  console.log(`Typing storm, ${FILE_COUNT} files, ${storm.last.edits} edits; ${load()}`);
  console.log(`  after a full GC of its threads: ${first.rss.toFixed(0)} MB after ${first.edits} edits, ${last.rss.toFixed(0)} MB after ${last.edits}: ${verdict(kept)}`);
  console.log(`  as it runs (medians of one sample per round): ${storm.first.rss.toFixed(0)} MB around the first ${storm.first.edits} edits, ${storm.last.rss.toFixed(0)} MB at the end: ${verdict(ratio)}`);
  console.log(`  along the way, after a full GC (edits: RSS): ${storm.collected.map((sample) => `${sample.edits}: ${sample.rss.toFixed(0)} MB`).join(', ')}`);
  console.log(`  along the way, as it runs (edits: RSS): ${storm.checkpoints.join(', ')}`);
} finally {
  await stormServer.stop();
}
