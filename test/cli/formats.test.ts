// The five report formats, produced by the real CLI and read back as their consumers would.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { fixture, makeTree, parseJsonReport, removeTrees, resultFor, ROOT, runCli } from './cli-harness';
import { parseXml } from './xml';

afterAll(removeTrees);

const UDP_LISTEN = fixture('udp-listen.php');
const TCP_UNCHECKED = fixture('tcp-unchecked.php');
const SYNTAX_ERROR = fixture('syntax-error.php');

function project() {
  return makeTree({ 'src/udp.php': UDP_LISTEN, 'src/tcp.php': TCP_UNCHECKED, 'src/broken.php': SYNTAX_ERROR, 'src/clean.php': fixture('clean.php') });
}

describe('json', () => {
  it("is ESLint's result array with absolute paths, 1-based positions and counts", async () => {
    const cwd = project();
    const run = await runCli(['-f', 'json', 'src'], { cwd });
    expect(run.code).toBe(1);
    const results = parseJsonReport(run);
    expect(results.map((result) => result.filePath)).toEqual(['broken', 'clean', 'tcp', 'udp'].map((name) => join(cwd, 'src', `${name}.php`)));
    const udp = resultFor(results, 'udp.php');
    expect(udp).toMatchObject({ errorCount: 1, fatalErrorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 });
    expect(udp.messages).toEqual([
      expect.objectContaining({ ruleId: 'listen-on-datagram', severity: 2, line: 10, column: 6, endLine: 10, endColumn: 19 }),
    ]);
    const tcp = resultFor(results, 'tcp.php');
    expect(tcp.warningCount).toBe(tcp.messages.length);
    // Its edits all change what runs: suggestions, none of them a fix.
    expect(tcp.fixableWarningCount).toBe(0);
    expect(tcp.messages.filter((message) => message.fix)).toEqual([]);
    const broken = resultFor(results, 'broken.php');
    expect(broken.fatalErrorCount).toBeGreaterThan(0);
    expect(broken.messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 4, message: expect.stringContaining('Parsing error') });
    expect(resultFor(results, 'clean.php')).toMatchObject({ messages: [], errorCount: 0, warningCount: 0 });
  });
});

describe('json fixes and suggestions', () => {
  it("carry ESLint's shape: offsets into the file and the text that replaces them", async () => {
    const php7 = fixture('php7-checks.php');
    const cwd = makeTree({ 'php7.php': php7 });
    const [result] = parseJsonReport(await runCli(['-f', 'json', 'php7.php'], { cwd }));
    const applied = (edit: { range: [number, number]; text: string }) => php7.slice(0, edit.range[0]) + edit.text + php7.slice(edit.range[1]);
    const [isResource, unchecked, lessThanZero] = result!.messages;
    expect(isResource).toMatchObject({ ruleId: 'socket-is-resource', fix: { range: [160, 180], text: '$server instanceof \\Socket' } });
    expect(applied(isResource!.fix!)).toBe(php7.replace('is_resource($server)', '$server instanceof \\Socket'));
    expect(isResource!.suggestions).toBeUndefined();
    expect(lessThanZero).toMatchObject({ ruleId: 'impossible-false-check', fix: { text: 'socket_write($client, "hello\\n") === false' } });
    expect(unchecked!.fix).toBeUndefined();
    expect(unchecked!.suggestions).toEqual([{ desc: 'Throw when socket_bind() fails', fix: { range: [199, 239], text: expect.any(String) } }]);
    expect(applied(unchecked!.suggestions![0]!.fix)).toBe(
      php7.replace(
        "socket_bind($server, '127.0.0.1', 7000);",
        "if (socket_bind($server, '127.0.0.1', 7000) === false) {\n    throw new \\RuntimeException('socket_bind() failed: ' . socket_strerror(socket_last_error($server)));\n}",
      ),
    );
    expect(result).toMatchObject({ warningCount: 3, fixableWarningCount: 2 });
  });
});

describe('sarif', () => {
  async function sarifOf(cwd: string, args: string[] = ['src']): Promise<Sarif.Log> {
    const run = await runCli(['-f', 'sarif', ...args], { cwd });
    expect(run.code).toBe(1);
    return JSON.parse(run.stdout) as Sarif.Log;
  }

  it('is SARIF 2.1.0 with the fields GitHub code scanning requires', async () => {
    const cwd = project();
    const log = await sarifOf(cwd);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe(`file://${cwd}/`);
    const driver = run.tool.driver;
    expect(driver).toMatchObject({ name: 'php-socket-lint', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    // No link to a site that does not exist: the rule pages travel inside the log.
    expect(driver.informationUri).toBeUndefined();
    expect(driver.rules!.map((rule) => rule.id)).toEqual([...RULE_IDS]);
    for (const rule of driver.rules!) {
      expect(rule.shortDescription?.text).toBeTruthy();
      expect(rule.helpUri).toBeUndefined();
      const page = readFileSync(join(ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8');
      expect(rule.help?.markdown).toBe(page);
      expect(rule.help?.text).toContain(rule.id);
      expect(rule.help?.text).not.toMatch(/^#|\*\*/m);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration?.level);
    }
    const results = run.results!;
    expect(results.length).toBeGreaterThan(1);
    for (const result of results) {
      expect(driver.rules![result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text).toBeTruthy();
      const physical = result.locations![0]!.physicalLocation!;
      expect(physical.artifactLocation).toMatchObject({ uri: expect.stringMatching(/^src\/\w+\.php$/), uriBaseId: '%SRCROOT%' });
      expect(physical.region!.startLine).toBeGreaterThanOrEqual(1);
      expect(physical.region!.startColumn).toBeGreaterThanOrEqual(1);
      expect(result.partialFingerprints?.primaryLocationLineHash).toMatch(/^[0-9a-f]{32}:\d+$/);
    }
    const udp = results.find((result) => result.ruleId === 'listen-on-datagram')!;
    expect(udp.locations![0]!.physicalLocation!.region).toEqual({ startLine: 10, startColumn: 6, endLine: 10, endColumn: 19 });
    const used = results.find((result) => result.relatedLocations?.length);
    expect(used?.relatedLocations![0]!.physicalLocation!.region!.startLine).toBeGreaterThan(0);
  });

  it('puts parse errors and unreadable files in the invocation, not in the results', async () => {
    const cwd = project();
    const log = await sarifOf(cwd);
    const invocation = log.runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(true);
    const notifications = invocation.toolExecutionNotifications!;
    expect(notifications.length).toBeGreaterThan(0);
    expect(notifications[0]).toMatchObject({ level: 'error', descriptor: { id: 'parse-error' } });
    expect(notifications[0]!.locations![0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: 'src/broken.php' }, region: { startLine: 4 } });
    expect(log.runs[0]!.results!.every((result) => result.ruleId)).toBe(true);
  });

  it('keeps fingerprints when code moves down, and tells repeated lines apart', async () => {
    const twice = UDP_LISTEN.replace(/if \(!socket_listen\(\$socket, 16\)\) \{\n    exit\(1\);\n\}\n/, (block) => block + block);
    const cwd = makeTree({ 'src/udp.php': twice });
    const before = (await sarifOf(cwd)).runs[0]!.results!.map((result) => result.partialFingerprints!.primaryLocationLineHash);
    expect(before).toHaveLength(2);
    expect(before[0]!.split(':')[0]).toBe(before[1]!.split(':')[0]);
    expect(before[0]).not.toBe(before[1]);
    writeFileSync(join(cwd, 'src/udp.php'), twice.replace('<?php\n', '<?php\n\n// a comment that shifts every line\n\n'));
    const after = await sarifOf(cwd);
    expect(after.runs[0]!.results!.map((result) => result.partialFingerprints!.primaryLocationLineHash)).toEqual(before);
    expect(after.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine).toBe(13);
  });
});

describe('checkstyle', () => {
  it('is well-formed XML with one <file> per linted file and rule sources', async () => {
    const cwd = project();
    const run = await runCli(['-f', 'checkstyle', 'src'], { cwd });
    expect(run.code).toBe(1);
    const root = parseXml(run.stdout);
    expect(root).toMatchObject({ name: 'checkstyle', attributes: { version: '4.3' } });
    expect(root.children.map((file) => file.attributes.name)).toEqual(['broken', 'clean', 'tcp', 'udp'].map((name) => join(cwd, 'src', `${name}.php`)));
    const udp = root.children.find((file) => file.attributes.name!.endsWith('udp.php'))!;
    expect(udp.children).toEqual([
      {
        name: 'error',
        attributes: { line: '10', column: '6', severity: 'error', message: expect.stringContaining('SOCK_DGRAM'), source: 'php-socket-lint.listen-on-datagram' },
        children: [],
      },
    ]);
    const broken = root.children.find((file) => file.attributes.name!.endsWith('broken.php'))!;
    expect(broken.children[0]!.attributes.source).toBe('php-socket-lint.parse-error');
  });
});

describe('github', () => {
  it('prints one workflow command per finding with repository-relative paths', async () => {
    const cwd = project();
    const run = await runCli(['-f', 'github', 'src/udp.php', 'src/tcp.php'], { cwd });
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^::warning file=src\/tcp\.php,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=php-socket-lint \(unchecked-false-return\)::socket_create\(\)/);
    expect(lines.at(-1)).toMatch(/^::error file=src\/udp\.php,line=10,col=6,endLine=10,endColumn=19,title=php-socket-lint \(listen-on-datagram\)::/);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) [^:]+::.+$/);
  });
});

describe('stylish', () => {
  it('lists findings per file with a summary', async () => {
    const cwd = project();
    const run = await runCli(['src/udp.php', 'src/tcp.php'], { cwd });
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('');
    expect(lines[1]).toBe(join(cwd, 'src/tcp.php'));
    expect(run.stdout).toMatch(/\n {2}10:6 {2}error {2}socket_listen\(\) on a SOCK_DGRAM socket .* {2}listen-on-datagram\n/);
    expect(run.stdout).toMatch(/\n\u2716 \d+ problems \(1 error, \d+ warnings\)\n/);
    // Their edits are suggestions: nothing here is fixable with --fix.
    expect(run.stdout).not.toMatch(/potentially fixable/);
    const fixable = await runCli(['php7.php'], { cwd: makeTree({ 'php7.php': fixture('php7-checks.php') }) });
    expect(fixable.stdout).toMatch(/ {2}0 errors and 2 warnings potentially fixable with the `--fix` option\.\n$/);
  });

  it('counts info and hint findings each under its own name in the summary', async () => {
    const cwd = makeTree({ 'udp.php': fixture('udp-connect.php'), 'tcp.php': fixture('tcp-unchecked.php') });
    const run = await runCli(['--hints', '--rule', 'unrealistic-backlog=info', '--rule', 'unchecked-false-return=info'], { cwd });
    expect(run.stdout).toMatch(/\n {2}5:24 {2}info {2}Backlog 100000/);
    expect(run.stdout).toContain('\u2716 7 problems (0 errors, 0 warnings, 6 info, 1 hint)\n');
    const oneInfo = await runCli(['--hints', '--rule', 'udp-connect=info', 'udp.php'], { cwd });
    expect(oneInfo.stdout).toContain('\u2716 1 problem (0 errors, 0 warnings, 1 info)\n');
  });
});
