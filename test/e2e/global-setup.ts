// Once per `npm run test:e2e`: prepare code-server (cached outside the repository, see
// setup.mjs), build the extension and package it as a .vsix, and hand both to the test files.
// The teardown stops any code-server a test file could not stop itself (its process crashed).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureCodeServer } from './setup.mjs';
import { killGroup, ROOT } from './processes';

export interface E2eContext {
  /** The prepared code-server folder (setup.mjs). */
  codeServerDir: string;
  /** The extension as users install it. */
  vsix: string;
  /** Temporary folder of this run: sessions, and the pid files of running code-servers. */
  runDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

export default function setup(project: TestProject): () => void {
  const log = (line: string) => process.stderr.write(`[e2e] ${line}\n`);
  let started = Date.now();
  const codeServerDir = ensureCodeServer({ log });
  log(`code-server ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${codeServerDir}`);

  started = Date.now();
  const runDir = mkdtempSync(join(tmpdir(), 'php-socket-lint-e2e-'));
  mkdirSync(join(runDir, 'pids'));
  const vsix = join(runDir, 'php-socket-lint.vsix');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'package-vsix.mjs'), '--out', vsix], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  if (!existsSync(vsix)) throw new Error(`vsce did not write ${vsix}`);
  log(`extension built and packaged in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  project.provide('e2e', { codeServerDir, vsix, runDir });
  return () => {
    for (const name of readdirSync(join(runDir, 'pids'))) {
      const pid = Number(name);
      if (Number.isInteger(pid) && killGroup(pid, 'SIGKILL')) log(`stopped a leftover code-server (process group ${pid})`);
    }
    // A browser killed with its test process may still be writing its profile: retry, never fail here.
    try {
      rmSync(runDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch (error) {
      log(`could not remove ${runDir}: ${String(error)}`);
    }
  };
}
