// A report piped into a reader that stops early (`| head`): the CLI ends quietly, with the exit
// code of its lint, and no stack trace.
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, makeTree, removeTrees } from './cli-harness';

/** Runs the CLI with a stdout that is closed after its first chunk, as `| head -c 1` does. */
function runIntoClosingReader(cwd: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

afterAll(removeTrees);

describe('a closed stdout', () => {
  it('ends the run with its lint exit code and nothing on stderr', async () => {
    // A report far larger than a pipe's buffer (64 KiB), so that it is still being written when
    // the reader has gone: 2,000 unchecked writes, each a message of some 200 bytes.
    const writes = Array.from({ length: 2000 }, (_, i) => `socket_write($s, "line ${i}");`).join('\n');
    const tree = makeTree({ 'many.php': `<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\n${writes}\n` });
    const run = await runIntoClosingReader(tree, ['-f', 'json', 'many.php']);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(run.code).toBe(0); // warnings only, as without the reader closing (a crash exits 1)
  });
});
