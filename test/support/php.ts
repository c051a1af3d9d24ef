// The real PHP CLI, for tests: syntax checks of fixed code and runs of small programs.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usesShortOpenTag } from '../../server/src/core/parse';

const scratch = mkdtempSync(join(tmpdir(), 'php-socket-lint-php-'));
let counter = 0;

export interface PhpRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runPhp(args: string[], input?: string): Promise<PhpRun> {
  return new Promise((resolve) => {
    const child = execFile('php', args, { timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? 255 : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** `php -l` on the text; resolves to null when PHP accepts it, else PHP's message. */
export async function phpSyntaxError(code: string): Promise<string | null> {
  const file = join(scratch, `lint-${process.pid}-${counter++}.php`);
  writeFileSync(file, code);
  // A file written for short_open_tag is checked as PHP runs it there (else it is all inline HTML).
  const result = await runPhp([...(usesShortOpenTag(code) ? ['-d', 'short_open_tag=1'] : []), '-l', file]);
  return result.code === 0 ? null : (result.stdout + result.stderr).trim();
}

/** Runs a PHP snippet (without `<?php`) and returns what it printed. */
export async function phpEval(snippet: string): Promise<string> {
  const result = await runPhp(['-d', 'error_reporting=0', '-r', snippet]);
  return result.stdout;
}
