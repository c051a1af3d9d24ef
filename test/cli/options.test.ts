// Exit codes, flags and the config file, through the real CLI.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { fixture, makeTree, parseJsonReport, removeTrees, resultFor, ROOT, runCli } from './cli-harness';

afterAll(removeTrees);

const UDP_LISTEN = fixture('udp-listen.php');
const TCP_UNCHECKED = fixture('tcp-unchecked.php');
const CLEAN = fixture('clean.php');

describe('exit codes', () => {
  it('is 0 with empty output for a clean file', async () => {
    const cwd = makeTree({ 'clean.php': CLEAN, 'plain.php': fixture('plain.php') });
    const run = await runCli([], { cwd });
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('is 1 for an error-level finding', async () => {
    const cwd = makeTree({ 'udp.php': UDP_LISTEN });
    const run = await runCli(['udp.php'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('listen-on-datagram');
  });

  it('is 0 for warnings only, and 1 once they pass --max-warnings', async () => {
    const cwd = makeTree({ 'tcp.php': TCP_UNCHECKED });
    const json = await runCli(['tcp.php', '-f', 'json'], { cwd });
    expect(json.code).toBe(0);
    const warnings = parseJsonReport(json)[0]!.warningCount;
    expect(warnings).toBeGreaterThan(1);
    expect((await runCli(['tcp.php', '--max-warnings', String(warnings)], { cwd })).code).toBe(0);
    const tooMany = await runCli(['tcp.php', '--max-warnings', String(warnings - 1)], { cwd });
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain(`too many warnings (maximum: ${warnings - 1})`);
  });

  it('is 2 for bad usage, naming the problem', async () => {
    const cwd = makeTree({ 'clean.php': CLEAN });
    const cases: [string[], RegExp][] = [
      [['--no-such-flag'], /Unknown option '--no-such-flag'/],
      [['--format', 'xml'], /Unknown format "xml"/],
      [['--max-warnings', 'many'], /--max-warnings expects a whole number/],
      [['--rule', 'no-such-rule=error'], /Unknown rule "no-such-rule"/],
      [['--rule', 'udp-connect=loud'], /"loud" is not one of/],
      [['--rule', 'udp-connect'], /--rule expects <rule-id>=<level>/],
      [['--somaxconn', '0'], /--somaxconn expects a positive whole number/],
      [['--php-version', 'eight'], /--php-version expects a version like 8.2/],
      [['--fix', '--fix-dry-run'], /cannot be used together/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, { cwd });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });

  it('is 2 when a path or glob matches nothing, as ESLint', async () => {
    const cwd = makeTree({ 'clean.php': CLEAN, 'empty/readme.txt': 'no php here' });
    for (const [pattern, message] of [
      ['missing.php', 'No files matching the pattern "missing.php" were found.'],
      ['src/**/*.php', 'No files matching the pattern "src/**/*.php" were found.'],
      ['empty', 'No files matching the pattern "empty" were found'],
    ]) {
      const run = await runCli([pattern!], { cwd });
      expect(run.code, pattern).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it('says so when every PHP file of the tree is under vendor/, and how to lint them', async () => {
    const cwd = makeTree({ 'app/vendor/acme/client.php': TCP_UNCHECKED });
    const run = await runCli(['app'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("vendor/ directories such as app/vendor are skipped unless named, e.g. 'app/vendor/**/*.php'");
    expect((await runCli(['app/vendor/**/*.php'], { cwd })).code).toBe(0);
  });

  it('says so when a glob matches only files under vendor/, with the glob that names them', async () => {
    const cwd = makeTree({ 'app/vendor/acme/client.php': TCP_UNCHECKED });
    const run = await runCli(['app/**/*.php'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("its matches are all under vendor/, which is skipped unless the pattern names it, e.g. 'app/**/vendor/**/*.php'");
    expect((await runCli(['app/**/vendor/**/*.php'], { cwd })).code).toBe(0);
  });
});

describe('rule settings', () => {
  it('--rule turns a rule off, up or down', async () => {
    const cwd = makeTree({ 'udp.php': UDP_LISTEN, 'tcp.php': TCP_UNCHECKED });
    expect((await runCli(['udp.php', '--rule', 'listen-on-datagram=off'], { cwd })).code).toBe(0);
    expect((await runCli(['udp.php', '--rule', 'listen-on-datagram=warn'], { cwd })).code).toBe(0);
    const raised = await runCli(['tcp.php', '-f', 'json', '--rule', 'unrealistic-backlog=error', '--rule', 'unchecked-false-return=off'], { cwd });
    expect(raised.code).toBe(1);
    const [result] = parseJsonReport(raised);
    expect(result!.messages.map((message) => [message.ruleId, message.severity])).toEqual([['unrealistic-backlog', 2]]);
  });

  it('--somaxconn moves the backlog limit', async () => {
    const cwd = makeTree({ 'tcp.php': TCP_UNCHECKED });
    const ruleIds = async (args: string[]) =>
      parseJsonReport(await runCli(['tcp.php', '-f', 'json', ...args], { cwd }))[0]!.messages.map((message) => message.ruleId);
    expect(await ruleIds([])).toContain('unrealistic-backlog');
    expect(await ruleIds(['--somaxconn', '200000'])).not.toContain('unrealistic-backlog');
  });

  it('--hints shows hint-level findings with severity 0, which never count as warnings', async () => {
    const cwd = makeTree({ 'udp-connect.php': fixture('udp-connect.php') });
    expect(parseJsonReport(await runCli(['-f', 'json'], { cwd }))[0]!.messages).toEqual([]);
    const run = await runCli(['-f', 'json', '--hints', '--max-warnings', '0'], { cwd });
    expect(run.code).toBe(0);
    const [result] = parseJsonReport(run);
    expect(result!.messages).toMatchObject([{ ruleId: 'udp-connect', severity: 0, level: 'hint', line: 7, column: 6 }]);
    expect(result!.warningCount).toBe(0);
  });

  it('--quiet reports errors only and ignores warnings for --max-warnings', async () => {
    const cwd = makeTree({ 'udp.php': UDP_LISTEN, 'tcp.php': TCP_UNCHECKED });
    const run = await runCli(['-f', 'json', '--quiet', '--max-warnings', '0'], { cwd });
    expect(run.code).toBe(1);
    const results = parseJsonReport(run);
    expect(resultFor(results, 'tcp.php').messages).toEqual([]);
    expect(resultFor(results, 'udp.php').messages.map((message) => message.ruleId)).toEqual(['listen-on-datagram']);
    const warningsOnly = await runCli(['tcp.php', '--quiet', '--max-warnings', '0'], { cwd });
    expect(warningsOnly).toMatchObject({ code: 0, stdout: '' });
  });

  it('suppression comments silence the named rule on their line or the next', async () => {
    const cwd = makeTree({ 'suppressed.php': fixture('suppressed.php') });
    const [result] = parseJsonReport(await runCli(['-f', 'json'], { cwd }));
    expect(result!.messages.map((message) => [message.ruleId, message.line])).toEqual([['listen-on-datagram', 13]]);
  });
});

describe('config file', () => {
  const config = (value: unknown) => JSON.stringify(value, null, 2);

  it('is found in the working directory or above, and --rule beats it', async () => {
    const cwd = makeTree({
      '.phpsocketlintrc.json': config({ rules: { 'listen-on-datagram': 'off' }, somaxconn: 200000 }),
      'src/udp.php': UDP_LISTEN,
      'src/tcp.php': TCP_UNCHECKED,
    });
    const fromSubdirectory = await runCli(['-f', 'json', '.'], { cwd: join(cwd, 'src') });
    expect(fromSubdirectory.code).toBe(0);
    const ruleIds = parseJsonReport(fromSubdirectory).flatMap((result) => result.messages.map((message) => message.ruleId));
    expect(ruleIds).not.toContain('listen-on-datagram');
    expect(ruleIds).not.toContain('unrealistic-backlog');
    expect(ruleIds).toContain('unchecked-false-return');
    expect((await runCli(['--rule', 'listen-on-datagram=error'], { cwd })).code).toBe(1);
  });

  it('--no-config ignores it and --config names another', async () => {
    const cwd = makeTree({
      '.phpsocketlintrc.json': config({ rules: { 'listen-on-datagram': 'off' } }),
      'strict.json': config({ rules: { 'unchecked-false-return': 'error' } }),
      'udp.php': UDP_LISTEN,
      'tcp.php': TCP_UNCHECKED,
    });
    expect((await runCli(['udp.php'], { cwd })).code).toBe(0);
    expect((await runCli(['udp.php', '--no-config'], { cwd })).code).toBe(1);
    expect((await runCli(['tcp.php', '--config', 'strict.json'], { cwd })).code).toBe(1);
    expect((await runCli(['tcp.php', '--config', 'strict.json', '--no-config'], { cwd })).code).toBe(2);
  });

  it('include and exclude pick the files a directory walk lints, relative to the config file', async () => {
    const cwd = makeTree({
      '.phpsocketlintrc.json': config({ include: ['src/**/*.php', 'bin/*.inc'], exclude: ['src/generated/**'] }),
      'src/a.php': UDP_LISTEN,
      'src/generated/b.php': UDP_LISTEN,
      'bin/tool.inc': UDP_LISTEN,
      'other/c.php': UDP_LISTEN,
    });
    const results = parseJsonReport(await runCli(['-f', 'json'], { cwd }));
    expect(results.map((result) => result.filePath.slice(cwd.length + 1))).toEqual(['bin/tool.inc', 'src/a.php']);
  });

  // As the language server finds a document's config: one config per package lints the same in CI and in the editor.
  it("gives each file its nearest config, its include and exclude relative to it; --config still settles one for all", async () => {
    const cwd = makeTree({
      '.phpsocketlintrc.json': config({ rules: { 'listen-on-datagram': 'off' } }),
      'root.php': UDP_LISTEN,
      'packages/strict/.phpsocketlintrc.json': config({ rules: { 'unrealistic-backlog': 'off' }, exclude: ['generated/**'] }),
      'packages/strict/udp.php': UDP_LISTEN,
      'packages/strict/tcp.php': TCP_UNCHECKED,
      'packages/strict/generated/udp.php': UDP_LISTEN,
      'packages/plain/udp.php': UDP_LISTEN,
      'only-inc/.phpsocketlintrc.json': config({ include: ['*.inc'] }),
      'only-inc/tool.inc': UDP_LISTEN,
      'only-inc/skipped.php': UDP_LISTEN,
    });
    const rulesByFile = (run: Awaited<ReturnType<typeof runCli>>) =>
      Object.fromEntries(parseJsonReport(run).map((result) => [result.filePath.slice(cwd.length + 1), [...new Set(result.messages.map((message) => message.ruleId))].sort()]));
    const expected = {
      'root.php': [],
      'packages/plain/udp.php': [],
      'packages/strict/udp.php': ['listen-on-datagram'],
      'packages/strict/tcp.php': ['unchecked-false-return'],
      'only-inc/tool.inc': ['listen-on-datagram'],
    };
    expect(rulesByFile(await runCli(['-f', 'json'], { cwd }))).toEqual(expected);
    // From inside a package, and for named files and globs, the same configs apply.
    expect(rulesByFile(await runCli(['-f', 'json', '.'], { cwd: join(cwd, 'packages') }))).toEqual({ 'packages/plain/udp.php': [], 'packages/strict/udp.php': ['listen-on-datagram'], 'packages/strict/tcp.php': ['unchecked-false-return'] });
    const named = await runCli(['-f', 'json', 'root.php', 'packages/strict/tcp.php', 'packages/strict/generated/udp.php'], { cwd });
    expect(resultFor(parseJsonReport(named), 'packages/strict/generated/udp.php').messages).toMatchObject([{ message: expect.stringContaining('File ignored') }]);
    expect(rulesByFile(await runCli(['-f', 'json', 'packages/*/udp.php'], { cwd }))).toEqual({ 'packages/plain/udp.php': [], 'packages/strict/udp.php': ['listen-on-datagram'] });
    // Standard input takes the config of the name it stands for.
    const stdin = (name: string) => runCli(['-f', 'json', '--stdin', '--stdin-filename', name], { cwd, input: UDP_LISTEN });
    expect(parseJsonReport(await stdin('packages/strict/new.php'))[0]!.errorCount).toBe(1);
    expect(parseJsonReport(await stdin('packages/plain/new.php'))[0]!.errorCount).toBe(0);
    const settled = await runCli(['-f', 'json', '--config', 'packages/strict/.phpsocketlintrc.json'], { cwd });
    expect(rulesByFile(settled)['root.php']).toEqual(['listen-on-datagram']);
    expect(rulesByFile(settled)['packages/strict/tcp.php']).toEqual(['unchecked-false-return']);
    // A broken config below is an error of that config, exit 2.
    writeFileSync(join(cwd, 'packages/plain/.phpsocketlintrc.json'), '{ "rules": ');
    const broken = await runCli([], { cwd });
    expect([broken.code, broken.stderr]).toEqual([2, expect.stringContaining(join(cwd, 'packages/plain/.phpsocketlintrc.json'))]);
  }, 30_000);

  it('a bad config file is exit code 2 with its path and the mistake', async () => {
    const cwd = makeTree({ '.phpsocketlintrc.json': config({ rules: { 'no-such-rule': 'error' } }), 'clean.php': CLEAN });
    const run = await runCli([], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(join(cwd, '.phpsocketlintrc.json'));
    expect(run.stderr).toContain('unknown rule "no-such-rule"');
    const broken = makeTree({ '.phpsocketlintrc.json': '{ "rules": ', 'clean.php': CLEAN });
    expect(await runCli([], { cwd: broken })).toMatchObject({ code: 2, stderr: expect.stringContaining('invalid JSON') });
    expect((await runCli(['--config', 'nope.json'], { cwd: broken })).stderr).toContain('cannot read: ENOENT');
  });
});

describe('other commands and flags', () => {
  it('--help and --version print and exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: php-socket-lint');
    for (const id of RULE_IDS) expect(help.stdout).toContain(id);
    const version = await runCli(['--version']);
    const packageVersion = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect(version).toMatchObject({ code: 0, stdout: `${packageVersion}\n` });
  });

  it('`lint` is an optional subcommand and `port` goes to the port command', async () => {
    const cwd = makeTree({ 'udp.php': UDP_LISTEN });
    expect((await runCli(['lint', 'udp.php'], { cwd })).code).toBe(1);
    const port = await runCli(['port', '--help'], { cwd });
    expect(port.stderr).not.toContain('No files matching');
    expect(port.stdout).not.toContain('listen-on-datagram');
  });

  it('--output-file writes the report there, creating folders, and nothing to stdout', async () => {
    const cwd = makeTree({ 'udp.php': UDP_LISTEN });
    const run = await runCli(['-f', 'json', '-o', 'reports/lint.json'], { cwd });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    const report = JSON.parse(readFileSync(join(cwd, 'reports/lint.json'), 'utf8'));
    expect(report[0].messages[0].ruleId).toBe('listen-on-datagram');
  });

  it('colours only on request: --color, FORCE_COLOR; never with --no-color, NO_COLOR or a pipe', async () => {
    const cwd = makeTree({ 'udp.php': UDP_LISTEN });
    const hasAnsi = async (args: string[], env: Record<string, string> = {}) => /\u001b\[/.test((await runCli(args, { cwd, env })).stdout);
    expect(await hasAnsi([])).toBe(false);
    expect(await hasAnsi(['--color'])).toBe(true);
    expect(await hasAnsi([], { FORCE_COLOR: '1' })).toBe(true);
    expect(await hasAnsi([], { FORCE_COLOR: '0' })).toBe(false);
    expect(await hasAnsi([], { NO_COLOR: '1' })).toBe(false);
    expect(await hasAnsi(['--no-color'], { FORCE_COLOR: '1' })).toBe(false);
    expect(await hasAnsi(['--no-color', '--color'])).toBe(true);
  });
});
