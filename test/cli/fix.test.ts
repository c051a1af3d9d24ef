// --fix writes fixed files in place (only files that change) and reports what is left;
// --fix-dry-run computes the same without writing. Neither applies a suggestion.
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, makeTree, parseJsonReport, removeTrees, resultFor, runCli } from './cli-harness';

afterAll(removeTrees);

const PHP7 = fixture('php7-checks.php');
const TCP_UNCHECKED = fixture('tcp-unchecked.php');
const CLEAN = fixture('clean.php');
/** What --fix makes of php7-checks.php: the two tests PHP 8 sockets never pass, rewritten. */
const PHP7_FIXED = PHP7.replace('!is_resource($server)', '!$server instanceof \\Socket').replace('"hello\\n") < 0', '"hello\\n") === false');

function tree() {
  const files = { 'tcp.php': PHP7, 'unchecked.php': TCP_UNCHECKED, 'clean.php': CLEAN, 'crlf.php': PHP7.replace(/\n/g, '\r\n') };
  const cwd = makeTree(files);
  const past = new Date('2020-01-01T00:00:00Z');
  for (const name of Object.keys(files)) utimesSync(join(cwd, name), past, past);
  return cwd;
}

describe('--fix', () => {
  it('applies the fixes in place, no suggestion, leaves other files untouched and reports what remains', async () => {
    const cwd = tree();
    const before = parseJsonReport(await runCli(['-f', 'json'], { cwd }));
    expect(resultFor(before, 'tcp.php').fixableWarningCount).toBe(2);
    // The unchecked socket_bind() offers a throw: a suggestion, which --fix must leave alone.
    expect(resultFor(before, 'tcp.php').messages.flatMap((m) => m.suggestions ?? []).map((s) => s.desc)).toEqual(['Throw when socket_bind() fails']);
    expect(resultFor(before, 'unchecked.php').fixableWarningCount).toBe(0);
    expect(resultFor(before, 'unchecked.php').messages.filter((m) => m.suggestions).length).toBeGreaterThan(0);

    const run = await runCli(['--fix', '-f', 'json'], { cwd });
    expect(run.code).toBe(0);
    const after = parseJsonReport(run);
    const fixed = readFileSync(join(cwd, 'tcp.php'), 'utf8');
    expect(fixed).toBe(PHP7_FIXED);
    expect(fixed).not.toContain('RuntimeException');
    expect(resultFor(after, 'tcp.php').output).toBe(fixed);
    expect(resultFor(after, 'tcp.php').messages.map((m) => m.ruleId)).toEqual(['unchecked-false-return']);
    expect(resultFor(after, 'tcp.php').fixableWarningCount).toBe(0);
    // A file with suggestions only is not written.
    for (const name of ['clean.php', 'unchecked.php']) expect(statSync(join(cwd, name)).mtime.getUTCFullYear()).toBe(2020);
    expect(readFileSync(join(cwd, 'unchecked.php'), 'utf8')).toBe(TCP_UNCHECKED);
    expect(readFileSync(join(cwd, 'clean.php'), 'utf8')).toBe(CLEAN);

    // A second run finds nothing more to fix and writes nothing.
    const again = parseJsonReport(await runCli(['--fix', '-f', 'json'], { cwd }));
    expect(resultFor(again, 'tcp.php').output).toBeUndefined();
    expect(readFileSync(join(cwd, 'tcp.php'), 'utf8')).toBe(fixed);
  });

  it('keeps CRLF line endings in the fixed file', async () => {
    const cwd = tree();
    await runCli(['--fix'], { cwd });
    const fixed = readFileSync(join(cwd, 'crlf.php'), 'utf8');
    expect(fixed).toBe(PHP7_FIXED.replace(/\n/g, '\r\n'));
    expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('writes Latin-1 files back as Latin-1 and keeps a UTF-8 byte order mark', async () => {
    const latin1 = PHP7.replace('Written for PHP 7', "\u00c9crit pour PHP 7");
    const cwd = makeTree({ 'latin1.php': Buffer.from(latin1, 'latin1'), 'bom.php': `\uFEFF${PHP7}` });
    await runCli(['--fix'], { cwd });
    const fixedLatin1 = readFileSync(join(cwd, 'latin1.php'));
    expect(fixedLatin1.equals(Buffer.from(PHP7_FIXED.replace('Written for PHP 7', '\u00c9crit pour PHP 7'), 'latin1'))).toBe(true);
    expect(readFileSync(join(cwd, 'bom.php'), 'utf8')).toBe(`\uFEFF${PHP7_FIXED}`);
  });

  it('--fix-dry-run shows the output without writing it', async () => {
    const cwd = tree();
    const run = await runCli(['--fix-dry-run', '-f', 'json', 'tcp.php'], { cwd });
    const [result] = parseJsonReport(run);
    expect(result!.output).toBe(PHP7_FIXED);
    expect(readFileSync(join(cwd, 'tcp.php'), 'utf8')).toBe(PHP7);
  });
});
