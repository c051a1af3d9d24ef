// --generate-baseline and --baseline through the real CLI: today's findings recorded, a new one
// reported, a fixed one named as a stale entry, moved code still matched.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, makeTree, parseJsonReport, removeTrees, resultFor, runCli } from './cli-harness';

afterAll(removeTrees);

const UNCHECKED = '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or exit(1);\nsocket_set_nonblock($s);\nsocket_set_nonblock($s);\n';

function legacyTree() {
  return makeTree({ 'src/udp.php': fixture('udp-listen.php'), 'src/tcp.php': UNCHECKED, 'src/clean.php': fixture('clean.php') });
}

describe('baseline', () => {
  it('records every finding as rule, file, message and count, and exits 0', async () => {
    const cwd = legacyTree();
    const run = await runCli(['--generate-baseline', 'src'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('baseline of 3 finding(s) in 2 entries written to php-socket-lint-baseline.json');
    const baseline = JSON.parse(readFileSync(join(cwd, 'php-socket-lint-baseline.json'), 'utf8'));
    expect(baseline.entries).toEqual([
      { rule: 'unchecked-false-return', file: 'src/tcp.php', message: expect.stringContaining('socket_set_nonblock()'), count: 2 },
      { rule: 'listen-on-datagram', file: 'src/udp.php', message: expect.stringContaining('SOCK_DGRAM'), count: 1 },
    ]);
    expect(JSON.stringify(baseline)).not.toMatch(/"line"/);
  });

  it('drops what it records, reports what is new, and matches code that moved', async () => {
    const cwd = legacyTree();
    await runCli(['--generate-baseline', 'src'], { cwd });
    const quiet = await runCli(['-f', 'json', '--baseline', 'php-socket-lint-baseline.json', 'src'], { cwd });
    expect(quiet.code).toBe(0);
    expect(parseJsonReport(quiet).flatMap((result) => result.messages)).toEqual([]);

    // Code moves down and a third unchecked call appears: only the one beyond the count is new.
    writeFileSync(join(cwd, 'src/tcp.php'), UNCHECKED.replace('<?php\n', '<?php\n\n// moved\n') + 'socket_set_block($s);\n');
    const run = await runCli(['-f', 'json', '--baseline', 'php-socket-lint-baseline.json', 'src'], { cwd });
    const tcp = resultFor(parseJsonReport(run), 'tcp.php');
    expect(tcp.messages.map((m) => [m.ruleId, m.line])).toEqual([['unchecked-false-return', 7]]);
    expect(tcp.warningCount).toBe(1);
  });

  it('matches a finding whose message names a line after the code moved', async () => {
    const used = '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_connect($s, "127.0.0.1", 80) or die();\n';
    const cwd = makeTree({ 'src/client.php': used });
    await runCli(['--generate-baseline', 'src'], { cwd });
    const [entry] = JSON.parse(readFileSync(join(cwd, 'php-socket-lint-baseline.json'), 'utf8')).entries;
    expect(entry.message).toMatch(/^socket_create\(\) returns false on failure, and line N uses the result unchecked/);
    writeFileSync(join(cwd, 'src/client.php'), used.replace('<?php\n', '<?php\n// moved down two lines\n\n'));
    const run = await runCli(['-f', 'json', '--baseline', 'php-socket-lint-baseline.json', 'src'], { cwd });
    expect(run.code).toBe(0);
    expect(parseJsonReport(run).flatMap((result) => result.messages)).toEqual([]);
  });

  it('names entries that match nothing any more, so the file only shrinks', async () => {
    const cwd = legacyTree();
    await runCli(['--generate-baseline', 'src'], { cwd });
    writeFileSync(join(cwd, 'src/tcp.php'), UNCHECKED.replace('socket_set_nonblock($s);\n', 'socket_set_nonblock($s) or exit(1);\n'));
    rmSync(join(cwd, 'src/udp.php'));
    const run = await runCli(['-f', 'json', '--baseline', 'php-socket-lint-baseline.json', 'src'], { cwd });
    expect(run.code).toBe(0);
    const stale = resultFor(parseJsonReport(run), 'php-socket-lint-baseline.json').messages.map((m) => m.message);
    expect(stale).toEqual([
      expect.stringMatching(/^Baseline entry matched nothing \(1 of its 2\): unchecked-false-return in src\/tcp\.php: /),
      expect.stringMatching(/^Baseline entry matched nothing: listen-on-datagram in src\/udp\.php: /),
    ]);
  });

  it('is read from the config file relative to it, and a missing or broken one is a clear error (exit 2)', async () => {
    const cwd = legacyTree();
    writeFileSync(join(cwd, '.phpsocketlintrc.json'), '{ "baseline": "ci/baseline.json" }');
    expect((await runCli(['--generate-baseline', 'src'], { cwd })).stderr).toContain('written to ci/baseline.json');
    const run = await runCli(['-f', 'json', 'src'], { cwd });
    expect([run.code, parseJsonReport(run).flatMap((result) => result.messages)]).toEqual([0, []]);

    writeFileSync(join(cwd, 'ci/baseline.json'), '{ "entries": [{ "rule": "x" }] }');
    const broken = await runCli(['src'], { cwd });
    expect([broken.code, broken.stderr]).toEqual([2, expect.stringContaining('not a baseline: entry 0 needs')]);
    const missing = await runCli(['--baseline', 'nope.json', 'src'], { cwd });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('nope.json: cannot read the baseline: ENOENT')]);
  });
});
