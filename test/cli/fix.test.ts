// --fix writes fixed files in place (only files that change) and reports what is left;
// --fix-dry-run computes the same without writing.
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, makeTree, parseJsonReport, removeTrees, resultFor, runCli } from './cli-harness';

afterAll(removeTrees);

const TCP_UNCHECKED = fixture('tcp-unchecked.php');
const CLEAN = fixture('clean.php');

function tree() {
  const cwd = makeTree({ 'tcp.php': TCP_UNCHECKED, 'clean.php': CLEAN, 'crlf.php': TCP_UNCHECKED.replace(/\n/g, '\r\n') });
  const past = new Date('2020-01-01T00:00:00Z');
  for (const name of ['tcp.php', 'clean.php', 'crlf.php']) utimesSync(join(cwd, name), past, past);
  return cwd;
}

describe('--fix', () => {
  it('fixes unchecked results in place, leaves other files untouched and reports what remains', async () => {
    const cwd = tree();
    const before = parseJsonReport(await runCli(['-f', 'json'], { cwd }));
    const fixable = resultFor(before, 'tcp.php').fixableWarningCount;
    expect(fixable).toBeGreaterThan(0);

    const run = await runCli(['--fix', '-f', 'json'], { cwd });
    expect(run.code).toBe(0);
    const after = parseJsonReport(run);
    const fixed = readFileSync(join(cwd, 'tcp.php'), 'utf8');
    expect(fixed).not.toBe(TCP_UNCHECKED);
    expect(fixed).toContain('=== false');
    expect(resultFor(after, 'tcp.php').output).toBe(fixed);
    expect(resultFor(after, 'tcp.php').warningCount).toBeLessThan(resultFor(before, 'tcp.php').warningCount);
    expect(resultFor(after, 'tcp.php').fixableWarningCount).toBe(0);
    expect(statSync(join(cwd, 'clean.php')).mtime.getUTCFullYear()).toBe(2020);
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
    expect(fixed).toContain('=== false');
    expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('writes Latin-1 files back as Latin-1 and keeps a UTF-8 byte order mark', async () => {
    const latin1 = TCP_UNCHECKED.replace('nothing is checked', "rien n'est v\u00e9rifi\u00e9");
    const cwd = makeTree({ 'latin1.php': Buffer.from(latin1, 'latin1'), 'bom.php': `\uFEFF${TCP_UNCHECKED}` });
    await runCli(['--fix'], { cwd });
    const fixedLatin1 = readFileSync(join(cwd, 'latin1.php'));
    expect(fixedLatin1.toString('latin1')).toContain('=== false');
    expect(fixedLatin1.toString('latin1')).toContain('rien n\'est v\u00e9rifi\u00e9');
    const fixedBom = readFileSync(join(cwd, 'bom.php'), 'utf8');
    expect(fixedBom.startsWith('\uFEFF<?php')).toBe(true);
    expect(fixedBom).toContain('=== false');
  });

  it('--fix-dry-run shows the output without writing it', async () => {
    const cwd = tree();
    const run = await runCli(['--fix-dry-run', '-f', 'json', 'tcp.php'], { cwd });
    const [result] = parseJsonReport(run);
    expect(result!.output).toContain('=== false');
    expect(readFileSync(join(cwd, 'tcp.php'), 'utf8')).toBe(TCP_UNCHECKED);
  });
});
