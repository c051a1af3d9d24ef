#!/usr/bin/env node
// Latency of the language server: time from `textDocument/didChange` to the
// `publishDiagnostics` of that version, on generated 1k-, 10k- and 50k-line PHP files and a
// 10k-line file with a finding on every other line, next to a bare php-parser parse of the same
// text in this process (the floor any lint pays) and the core's lintText() in this process (so
// "lsp - lint" is what the server itself adds: the worker hop, diagnostics, JSON-RPC).
// Target (issue 17): lsp / parse ≤ 1.5x on every row.
//
// Wall times swing with the machine's load (a shared machine at load 8 halves or doubles a
// median between runs), so each row also gives CPU time, which load moves far less: the server
// process's (all its threads, from /proc/<pid>/stat) per measured edit, and this process's per
// lintText() (process.cpuUsage()); "cpu +" is what the server spends per edit beyond the lint.
//
//   npm run build && node bench/lsp-latency.mjs [--runs N]
//
// The server runs as editors run it (`bin/php-socket-lint-server.js --stdio`), spoken to
// over JSON-RPC; each edit changes one backlog number near the end of the file.
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { checkedClientFunction } from './php-client-function.mjs';
import { bareParser, loadLintText, median, p90, runsFromArgs, startLanguageServer, timeRuns } from './support.mjs';

const RUNS = runsFromArgs();
const FILES = [
  { name: '1k', lines: 1_000, dense: false },
  { name: '10k', lines: 10_000, dense: false },
  { name: '50k', lines: 50_000, dense: false },
  { name: '10k dense', lines: 10_000, dense: true },
];
const TARGET = 1.5;

/** About `lines` lines of socket code: servers and clients, most checked, some not. */
function generate(lines) {
  const out = ['<?php', 'declare(strict_types=1);', ''];
  for (let i = 0; out.length < lines - 3; i++) {
    if (i % 10 === 0) {
      out.push(
        `function serve${i}(int $port): void`,
        '{',
        '    $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);',
        "    socket_bind($s, '0.0.0.0', $port);",
        '    socket_listen($s, 128);',
        '    $c = socket_accept($s);',
        '    socket_write($c, "hello\\n");',
        '    socket_close($c);',
        '}',
        '',
      );
    } else {
      out.push(...checkedClientFunction(i));
    }
  }
  out.push('$main = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);', 'socket_listen($main, 100);', '');
  return out.join('\n');
}

/** About `lines` lines where every other line has a finding (an unchecked socket_write()). */
function generateDense(lines) {
  const out = ['<?php', 'declare(strict_types=1);', '', '$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);', 'if ($s === false) { exit(1); }'];
  for (let i = 0; out.length < lines - 3; i++) out.push(`socket_write($s, "line ${i}\\n");`, `$n = ${i};`);
  out.push('$main = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);', 'socket_listen($main, 100);', '');
  return out.join('\n');
}

/** CPU time of a process so far (user + system, every thread), in milliseconds; Linux only. */
function processCpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms (USER_HZ 100)
}

/** CPU milliseconds per call of `run` in this process, after two warm-up calls. */
function cpuPerRun(run, runs) {
  for (let i = 0; i < 2; i++) run();
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000 / runs;
}

/** The core's lintText, bundled from source into bench/.work/ (git-ignored). */
const engine = bareParser();

async function measure(server, { name, lines, dense }) {
  const text = dense ? generateDense(lines) : generate(lines);
  const uri = `file:///bench/lsp-latency-${name.replace(' ', '-')}.php`;
  const lastLine = text.split('\n').length - 2; // `socket_listen($main, 100);`
  let opened = server.published(uri, 1);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'php', version: 1, text } });
  const { diagnostics } = await opened;
  const times = [];
  let version = 1;
  let last;
  let cpuBefore;
  // Two warm-up edits, then RUNS measured ones: "100" ↔ "999999" (the backlog finding comes and goes).
  for (let i = 0; i < RUNS + 2; i++) {
    version++;
    const backlog = version % 2 === 0 ? '999999' : '100';
    const previous = version % 2 === 0 ? '100' : '999999';
    const range = { start: { line: lastLine, character: 21 }, end: { line: lastLine, character: 21 + previous.length } };
    const done = server.published(uri, version);
    if (i === 2) cpuBefore = processCpuMs(server.pid);
    const start = performance.now();
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: backlog }] });
    last = await done;
    if (i >= 2) times.push(performance.now() - start);
  }
  const cpu = (processCpuMs(server.pid) - cpuBefore) / RUNS;
  // The light bulb on a finding in the middle of the file, its lint finished: what a code action
  // costs where findings are many (the request names the diagnostic, as VS Code's does).
  const middle = last.diagnostics[Math.floor(last.diagnostics.length / 2)];
  const actionTimes = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const start = performance.now();
    const actions = await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: middle.range,
      context: { diagnostics: [middle], triggerKind: 1 },
    });
    if (actions.length === 0) throw new Error(`no code action for ${middle.message}`);
    if (i >= 2) actionTimes.push(performance.now() - start);
  }
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return { text, diagnostics: diagnostics.length, times, actionTimes, cpu };
}

if (!existsSync(new URL('../dist/server.js', import.meta.url))) {
  console.error('dist/server.js is missing: run `npm run build` first.');
  process.exit(2);
}

const lintText = await loadLintText();
const server = await startLanguageServer();
const rows = [];
for (const file of FILES) {
  const { text, diagnostics, times, actionTimes, cpu } = await measure(server, file);
  const parse = median(timeRuns(() => engine.parseCode(text, 'bench.php'), RUNS));
  const lint = median(timeRuns(() => lintText(text), RUNS));
  const lintCpu = cpuPerRun(() => lintText(text), RUNS);
  rows.push({ lines: file.name, bytes: Buffer.byteLength(text), diagnostics, parse, lint, lsp: median(times), lspP90: p90(times), action: median(actionTimes), cpu, lintCpu });
}
await server.stop();

const cell = (value, width = 10) => String(value).padStart(width);
const ms = (value) => cell(value.toFixed(1));
console.log(`didChange → publishDiagnostics, median of ${RUNS} edits (p90 too); parse and lintText in-process, median of ${RUNS}; a code action on one finding, median of ${RUNS}; CPU: the server's per edit, lintText's per call; node ${process.version}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(['lines', 'bytes', 'diags', 'parse ms', 'lint ms', 'lsp ms', 'lsp p90', 'lsp-lint', 'lsp/parse', 'action ms', 'lsp cpu', 'lint cpu', 'cpu +'].map((h) => cell(h)).join(''));
for (const row of rows) {
  console.log(
    [cell(row.lines), cell(row.bytes), cell(row.diagnostics), ms(row.parse), ms(row.lint), ms(row.lsp), ms(row.lspP90), ms(row.lsp - row.lint), cell(`${(row.lsp / row.parse).toFixed(2)}x`), ms(row.action), ms(row.cpu), ms(row.lintCpu), ms(row.cpu - row.lintCpu)].join(''),
  );
}
const over = rows.filter((row) => row.lsp / row.parse > TARGET);
console.log(over.length === 0 ? `lsp / parse ≤ ${TARGET}x on every row: met` : `lsp / parse > ${TARGET}x on ${over.map((row) => row.lines).join(', ')}: not met`);
