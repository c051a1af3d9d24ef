#!/usr/bin/env node
// Latency in real VS Code: from a keystroke in a 10,000-line PHP file to the Problems panel
// showing the change it makes, through code-server 4.100.3 and Chromium (the end-to-end tests'
// set-up: test/e2e/), next to the language server alone on the very same edits
// (didChange → publishDiagnostics over stdio, as bench/lsp-latency.mjs measures it).
//
//   node bench/vscode-latency.mjs [--runs N]
//
// Each measured edit is one key at the end of the file: "0" turns `socket_listen($main, 1000)`
// into a backlog of 10000 (an unrealistic-backlog finding appears), Backspace turns it back (the
// finding goes). In the page, a capture-phase keydown listener and a MutationObserver on the
// Problems panel take both times with the page's clock, so polling never rounds the figure.
// code-server is prepared by test/e2e/setup.mjs in its cache folder (the first run takes a
// minute or two); the extension is built and packaged as in the e2e tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, p90, root, runsFromArgs, startLanguageServer, work } from './support.mjs';

const RUNS = runsFromArgs();
const WARMUP = 2;
const LINES = 10_000;

/** The e2e harness (TypeScript) bundled for plain Node, into bench/.work/ (git-ignored). */
async function loadHarness() {
  const esbuild = await import('esbuild');
  mkdirSync(work, { recursive: true });
  const outfile = join(work, 'vscode-harness.mjs');
  await esbuild.build({
    absWorkingDir: root,
    stdin: {
      contents: [
        "export * from './test/e2e/code-server';",
        "export * from './test/e2e/workbench';",
        "export { ensureCodeServer, CODE_SERVER_VERSION } from './test/e2e/setup.mjs';",
        "export { generateBigFile } from './test/e2e/big-file.mjs';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    // Resolved by Node from bench/.work/, that is from the repository's node_modules.
    external: ['playwright-core'],
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

/** Where the measured key goes: after `1000` in `socket_listen($main, 1000)` (0-based line, UTF-16 column). */
function editPoint(text) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('socket_listen($main, 1000)'));
  if (line < 0) throw new Error('the generated file has no `socket_listen($main, 1000)`');
  return { line, character: lines[line].indexOf('1000)') + 4 };
}

/** Keystroke → Problems panel in the workbench, per edit, in ms. */
async function measureVsCode(harness, text) {
  const { ensureCodeServer, startCodeServer, Workbench, until, STARTUP_TIMEOUT, CODE_SERVER_VERSION } = harness;
  const log = (line) => process.stderr.write(`[vscode-latency] ${line}\n`);
  const codeServerDir = ensureCodeServer({ log });
  const runDir = mkdtempSync(join(tmpdir(), 'php-socket-lint-vscode-latency-'));
  mkdirSync(join(runDir, 'pids'));
  const fixture = join(runDir, 'fixture');
  mkdirSync(fixture);
  writeFileSync(join(fixture, 'bench.php'), text);
  const vsix = join(runDir, 'php-socket-lint.vsix');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
  execFileSync(process.execPath, [join(root, 'scripts', 'package-vsix.mjs'), '--out', vsix], { cwd: root, stdio: 'pipe' });

  let server;
  let workbench;
  try {
    server = await startCodeServer({ name: 'bench', codeServerDir, vsix, runDir, fixture });
    workbench = await Workbench.open(server, join(runDir, 'chromium-profile'));
    log(`code-server ${CODE_SERVER_VERSION} at ${server.url}; opening bench.php`);
    await workbench.openFile('bench.php');
    await workbench.showProblems();
    await until('the first diagnostics of bench.php', () => workbench.problemsIn('bench.php'), (rows) => rows.length > 0, STARTUP_TIMEOUT);
    const at = editPoint(text);
    await workbench.goTo(at.line + 1, at.character + 1);

    const page = workbench.page;
    await page.evaluate(() => {
      const state = { keydowns: [], changes: [] };
      globalThis.__vscodeLatency = state;
      globalThis.addEventListener('keydown', () => state.keydowns.push(performance.now()), true);
      const panel = globalThis.document.querySelector('.markers-panel');
      const shown = () => [...panel.querySelectorAll('.marker-code')].some((element) => element.textContent === 'unrealistic-backlog');
      let last = shown();
      new MutationObserver(() => {
        const now = shown();
        if (now !== last) {
          last = now;
          state.changes.push({ at: performance.now(), shown: now });
        }
      }).observe(panel, { subtree: true, childList: true, characterData: true });
    });

    const times = [];
    for (let i = 0; i < RUNS + WARMUP; i++) {
      const appears = i % 2 === 0;
      await page.keyboard.press(appears ? '0' : 'Backspace');
      await page.waitForFunction((n) => globalThis.__vscodeLatency.changes.length > n, i, { timeout: 60_000, polling: 'raf' });
      const { keydowns, changes } = await page.evaluate(() => globalThis.__vscodeLatency);
      if (changes[i].shown !== appears) throw new Error(`edit ${i}: the finding ${appears ? 'should appear' : 'should go'}`);
      if (i >= WARMUP) times.push(changes[i].at - keydowns[i]);
    }
    return times;
  } finally {
    await workbench?.close().catch(() => undefined);
    await server?.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** The same edits sent to the server alone: didChange → publishDiagnostics of that version, in ms. */
async function measureServer(text) {
  const server = await startLanguageServer();
  try {
    const uri = 'file:///bench/vscode-latency.php';
    const opened = server.published(uri, 1);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'php', version: 1, text } });
    await opened;
    const at = editPoint(text);
    const times = [];
    for (let i = 0, version = 1; i < RUNS + WARMUP; i++) {
      version++;
      const change =
        i % 2 === 0
          ? { range: { start: at, end: at }, text: '0' }
          : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
      const done = server.published(uri, version);
      const start = performance.now();
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const { diagnostics } = await done;
      if (diagnostics.some((d) => d.code === 'unrealistic-backlog') !== (i % 2 === 0)) throw new Error(`server edit ${i}: wrong diagnostics`);
      if (i >= WARMUP) times.push(performance.now() - start);
    }
    return times;
  } finally {
    await server.stop();
  }
}

const harness = await loadHarness();
const text = harness.generateBigFile(LINES).replace('socket_listen($main, 100)', 'socket_listen($main, 1000)');
const server = await measureServer(text);
const vscode = await measureVsCode(harness, text);

const ms = (value) => `${value.toFixed(1)} ms`.padStart(10);
console.log(`Keystroke → diagnostic updated, ${text.split('\n').length} lines (${Buffer.byteLength(text)} bytes), median of ${RUNS} edits (after ${WARMUP} warm-up); node ${process.version}`);
console.log(`${''.padEnd(64)}${'median'.padStart(10)}${'p90'.padStart(10)}${'min'.padStart(10)}${'max'.padStart(10)}`);
const row = (label, times) => console.log(`${label.padEnd(64)}${ms(median(times))}${ms(p90(times))}${ms(Math.min(...times))}${ms(Math.max(...times))}`);
row('language server alone: didChange → publishDiagnostics', server);
row(`code-server ${harness.CODE_SERVER_VERSION} (VS Code 1.100.3): keydown → Problems row`, vscode);
console.log(`VS Code adds ${(median(vscode) - median(server)).toFixed(1)} ms to the server's median (client, pull request, rendering).`);
