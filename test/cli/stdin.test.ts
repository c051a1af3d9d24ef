// --stdin and --stdin-filename, through the real CLI: the text is linted as the named file (its
// config, its ignores, its name in the report); with --fix the fixed text is printed, not written.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixText } from '../../server/src/core/lint';
import { CLI_BIN, fixture, makeTree, parseJsonReport, removeTrees, runCli } from './cli-harness';

afterAll(removeTrees);

/** The CLI's stdout as bytes (runCli decodes it as UTF-8). */
function runCliBytes(args: string[], input: Buffer, cwd: string): Buffer {
  return spawnSync(process.execPath, [CLI_BIN, ...args], { cwd, input }).stdout;
}

/** A PHP 8 program with a fix (is_resource() on a Socket) and a finding with suggestions only (an unchecked result). */
const FIXABLE = [
  '<?php',
  '$tcp = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);',
  'if (!is_resource($tcp)) { exit(1); }',
  'socket_set_nonblock($tcp);',
  '',
].join('\n');

describe('--stdin', () => {
  it('lints standard input as <text>, or as --stdin-filename with the config found from the working directory', async () => {
    const cwd = makeTree({ '.phpsocketlintrc.json': '{ "rules": { "listen-on-datagram": "warn" } }' });
    const plain = await runCli(['--stdin', '--format', 'json'], { cwd, input: fixture('udp-listen.php') });
    const [result] = parseJsonReport(plain);
    expect(result!.filePath).toBe('<text>');
    expect(result!.messages.map((m) => [m.ruleId, m.severity, m.line])).toEqual([['listen-on-datagram', 1, 10]]);
    expect(plain.code).toBe(0);

    const named = await runCli(['--stdin', '--stdin-filename', 'src/udp.php', '-f', 'json'], { cwd, input: fixture('udp-listen.php') });
    expect(parseJsonReport(named)[0]!.filePath).toBe(join(cwd, 'src', 'udp.php'));
    expect(existsSync(join(cwd, 'src'))).toBe(false);
  });

  it('reports an ignored --stdin-filename as ignored, not linted (exit 0)', async () => {
    const cwd = makeTree({ '.gitignore': 'generated/\n', '.phpsocketlintrc.json': '{ "exclude": ["legacy/**"] }' });
    for (const name of ['generated/a.php', 'legacy/b.php']) {
      const run = await runCli(['--stdin', '--stdin-filename', name, '-f', 'json'], { cwd, input: fixture('udp-listen.php') });
      expect(run.code, name).toBe(0);
      expect(parseJsonReport(run)[0]!.messages.map((m) => m.message), name).toEqual([expect.stringMatching(/^File ignored because of a matching ignore pattern/)]);
    }
  });

  it('with --fix prints the fixed text on stdout and the rest of the report on stderr; no file is written', async () => {
    const cwd = makeTree({ 'a.php': FIXABLE });
    const run = await runCli(['--stdin', '--stdin-filename', 'a.php', '--fix'], { cwd, input: FIXABLE });
    const expected = fixText(FIXABLE, {}).output;
    expect(expected).toContain('instanceof \\Socket');
    expect(run.stdout).toBe(expected);
    expect(run.stderr).toContain('unchecked-false-return');
    expect(run.stderr).not.toContain('socket-is-resource');
    expect(run.code).toBe(0);
    expect(readFileSync(join(cwd, 'a.php'), 'utf8')).toBe(FIXABLE);
    // Latin-1 text keeps its encoding in the fixed output.
    const latin1 = Buffer.from(`${FIXABLE}// caf\xe9\n`, 'latin1');
    const fixedLatin1 = await runCliBytes(['--stdin', '--fix'], latin1, cwd);
    expect(fixedLatin1.equals(Buffer.from(`${expected}// caf\xe9\n`, 'latin1'))).toBe(true);
    // Text without a fix comes back unchanged, byte for byte.
    const clean = fixture('clean.php');
    const unchanged = await runCli(['--stdin', '--fix'], { cwd, input: clean });
    expect([unchanged.code, unchanged.stdout]).toEqual([0, clean]);
  });

  it('refuses file names beside --stdin, and --stdin-filename without it', async () => {
    const both = await runCli(['--stdin', 'a.php'], { input: '' });
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('--stdin reads standard input')]);
    const alone = await runCli(['--stdin-filename', 'a.php']);
    expect([alone.code, alone.stderr]).toEqual([2, expect.stringContaining('--stdin-filename needs --stdin')]);
  });
});
