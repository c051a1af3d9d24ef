// Which files are linted, and files that fight back: unreadable, binary, not UTF-8, CRLF,
// multi-byte, huge. Every case runs the real CLI on a real tree.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, makeTree, parseJsonReport, removeTrees, resultFor, runCli, type JsonResult } from './cli-harness';

afterAll(removeTrees);

const UDP_LISTEN = fixture('udp-listen.php');
const CLEAN = fixture('clean.php');

function linted(results: readonly JsonResult[], root: string): string[] {
  return results.map((result) => result.filePath.slice(root.length + 1)).sort();
}

/** The 1-based column where `needle` starts on its line, in UTF-16 units (what JavaScript strings count). */
function columnOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

describe('file discovery', () => {
  it('walks directories for *.php, honouring .gitignore files, nested ones and negations', async () => {
    const cwd = makeTree({
      '.gitignore': 'build/\n*.generated.php\n',
      'src/a.php': CLEAN,
      'src/b.generated.php': CLEAN,
      'src/notes.txt': 'socket_listen is not PHP here',
      'build/out.php': CLEAN,
      'lib/.gitignore': 'legacy*.php\n!legacy-keep.php\n',
      'lib/legacy.php': CLEAN,
      'lib/legacy-keep.php': CLEAN,
      'lib/deep/c.PHP': CLEAN,
    });
    mkdirSync(join(cwd, 'node_modules/pkg'), { recursive: true });
    mkdirSync(join(cwd, '.git'));
    const run = await runCli(['-f', 'json'], { cwd });
    expect(run.code).toBe(0);
    expect(linted(parseJsonReport(run), cwd)).toEqual(['lib/deep/c.PHP', 'lib/legacy-keep.php', 'src/a.php']);
  });

  it('skips vendor/ at any depth, as node_modules/, unless the config\'s include or a path names it', async () => {
    const cwd = makeTree({
      'a.php': CLEAN,
      'vendor/acme/net/x.php': UDP_LISTEN,
      'vendor/other/y.php': UDP_LISTEN,
      'src/vendor/z.php': UDP_LISTEN,
      'src/vendors/w.php': CLEAN,
    });
    const walk = await runCli(['-f', 'json'], { cwd });
    expect(walk.code).toBe(0);
    expect(linted(parseJsonReport(walk), cwd)).toEqual(['a.php', 'src/vendors/w.php']);
    // A glob that does not name vendor/ does not reach into it; one that does, does.
    expect(linted(parseJsonReport(await runCli(['-f', 'json', '**/*.php'], { cwd })), cwd)).toEqual(['a.php', 'src/vendors/w.php']);
    expect(linted(parseJsonReport(await runCli(['-f', 'json', 'vendor/**/*.php'], { cwd })), cwd)).toEqual(['vendor/acme/net/x.php', 'vendor/other/y.php']);
    // A path inside vendor/ is asked for by name.
    expect(linted(parseJsonReport(await runCli(['-f', 'json', 'vendor/acme'], { cwd })), cwd)).toEqual(['vendor/acme/net/x.php']);
    expect(linted(parseJsonReport(await runCli(['-f', 'json', 'src/vendor/z.php'], { cwd })), cwd)).toEqual(['src/vendor/z.php']);

    writeFileSync(join(cwd, '.phpsocketlintrc.json'), JSON.stringify({ include: ['*.php', 'vendor/acme/**/*.php'] }));
    const included = await runCli(['-f', 'json'], { cwd });
    expect(included.code).toBe(1);
    // `*.php` matches at any depth, but inside vendor/ only the patterns that name it count.
    expect(linted(parseJsonReport(included), cwd)).toEqual(['a.php', 'src/vendors/w.php', 'vendor/acme/net/x.php']);
  });

  it('never walks node_modules or .git', async () => {
    const cwd = makeTree({ 'a.php': CLEAN, 'node_modules/pkg/x.php': UDP_LISTEN, '.git/hooks/y.php': UDP_LISTEN });
    expect(linted(parseJsonReport(await runCli(['-f', 'json'], { cwd })), cwd)).toEqual(['a.php']);
  });

  it('reads .gitignore files from the repository root down, but none above it', async () => {
    const outer = makeTree({
      '.gitignore': '*\n', // like a home directory's
      'repo/.gitignore': 'app/skip.php\n',
      'repo/app/keep.php': CLEAN,
      'repo/app/skip.php': CLEAN,
    });
    mkdirSync(join(outer, 'repo/.git'));
    const run = await runCli(['-f', 'json', '.'], { cwd: join(outer, 'repo/app') });
    expect(linted(parseJsonReport(run), join(outer, 'repo/app'))).toEqual(['keep.php']);
  });

  it('outside a repository, reads .gitignore files from the working directory down', async () => {
    const cwd = makeTree({ '.gitignore': 'src/gen/\n', 'src/a.php': CLEAN, 'src/gen/b.php': CLEAN });
    expect(linted(parseJsonReport(await runCli(['-f', 'json', 'src'], { cwd })), cwd)).toEqual(['src/a.php']);
    expect(linted(parseJsonReport(await runCli(['-f', 'json', join(cwd, 'src')], { cwd: join(cwd, 'src') })), cwd)).toEqual(['src/a.php', 'src/gen/b.php']);
  });

  it('--ignore-pattern takes gitignore-style patterns relative to the working directory', async () => {
    const cwd = makeTree({ 'src/a.php': CLEAN, 'src/vendor/b.php': CLEAN, 'tests/c.php': CLEAN });
    const run = await runCli(['-f', 'json', '--ignore-pattern', 'vendor/', '--ignore-pattern', '/tests'], { cwd });
    expect(linted(parseJsonReport(run), cwd)).toEqual(['src/a.php']);
  });

  it('expands globs with tinyglobby and lints any file a glob or a path names', async () => {
    const cwd = makeTree({ 'src/a.php': CLEAN, 'src/sub/b.php': CLEAN, 'src/c.inc': CLEAN, 'skip/d.php': CLEAN });
    expect(linted(parseJsonReport(await runCli(['-f', 'json', 'src/**/*.php'], { cwd })), cwd)).toEqual(['src/a.php', 'src/sub/b.php']);
    expect(linted(parseJsonReport(await runCli(['-f', 'json', 'src/c.inc', 'src/a.php', 'src'], { cwd })), cwd)).toEqual([
      'src/a.php',
      'src/c.inc',
      'src/sub/b.php',
    ]);
  });

  it('reports a named file that an ignore pattern matches instead of linting it, as ESLint', async () => {
    const cwd = makeTree({ '.gitignore': 'gen/\n', 'gen/x.php': UDP_LISTEN, 'a.php': CLEAN });
    const run = await runCli(['-f', 'json', 'gen/x.php', 'a.php'], { cwd });
    expect(run.code).toBe(0);
    expect(resultFor(parseJsonReport(run), 'x.php')).toMatchObject({ warningCount: 1, messages: [{ ruleId: null, severity: 1 }] });
    const ignoredGlob = await runCli(['gen/*.php'], { cwd });
    expect(ignoredGlob.code).toBe(2);
    expect(ignoredGlob.stderr).toContain('All files matched by "gen/*.php" are ignored.');
  });
});

describe('files that cannot be linted', () => {
  // A packaged tree often holds links into a build tree that is not there: each is a warning
  // on stderr, not a finding, and does not change the exit code.
  it('warns of dangling symlinks and symlink loops on stderr, reports none, and keeps the exit code', async () => {
    const cwd = makeTree({ 'good.php': UDP_LISTEN, 'clean/ok.php': CLEAN });
    symlinkSync('missing-target.php', join(cwd, 'dangling.php'));
    symlinkSync('loop.php', join(cwd, 'loop.php'));
    symlinkSync('../gone.php', join(cwd, 'clean/dangling.php'));
    const run = await runCli(['-f', 'json'], { cwd });
    expect(run.code).toBe(1); // good.php's error, nothing more
    const results = parseJsonReport(run);
    expect(linted(results, cwd)).toEqual(['clean/ok.php', 'good.php']);
    expect(resultFor(results, 'good.php').messages.map((message) => message.ruleId)).toEqual(['listen-on-datagram']);
    expect(run.stderr.split('\n').filter(Boolean).sort()).toEqual([
      'php-socket-lint: warning: clean/dangling.php: Skipped: dangling symbolic link (its target "../gone.php" does not exist).',
      'php-socket-lint: warning: dangling.php: Skipped: dangling symbolic link (its target "missing-target.php" does not exist).',
      'php-socket-lint: warning: loop.php: Skipped: symbolic link loop (ELOOP).',
    ]);

    const clean = await runCli(['-f', 'json', 'clean'], { cwd });
    expect(clean.code).toBe(0);
    expect(linted(parseJsonReport(clean), cwd)).toEqual(['clean/ok.php']);
    expect(clean.stderr).toContain('warning: clean/dangling.php: Skipped: dangling symbolic link');
  });

  it('names a dangling symlink given on the command line, with exit code 0, instead of saying no files match', async () => {
    const cwd = makeTree({});
    symlinkSync('gone.php', join(cwd, 'link.php'));
    const run = await runCli(['-f', 'json', 'link.php'], { cwd });
    expect(run.code).toBe(0);
    expect(parseJsonReport(run)).toEqual([]);
    expect(run.stderr).toBe('php-socket-lint: warning: link.php: Skipped: dangling symbolic link (its target "gone.php" does not exist).\n');
  });

  // A read would block forever on a FIFO with no writer, so it is refused before reading: a
  // FIFO named *.php is a mistake in the tree, an error, unlike a link that points nowhere.
  it('reports a FIFO as a fatal message of the report (not on stderr too), and lints the rest', async () => {
    const cwd = makeTree({ 'good.php': CLEAN });
    execFileSync('mkfifo', [join(cwd, 'pipe.php')]);
    const run = await runCli(['-f', 'json'], { cwd });
    expect(run.code).toBe(1);
    const result = resultFor(parseJsonReport(run), 'pipe.php');
    expect(result).toMatchObject({ errorCount: 1, fatalErrorCount: 1 });
    expect(result.messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, message: 'Cannot read file: a FIFO (named pipe), not a regular file.' });
    expect(result.messages[0]).not.toHaveProperty('line');
    expect(run.stderr).toBe('');
    const stylish = await runCli([], { cwd });
    expect(stylish.stdout).toContain('Cannot read file: a FIFO (named pipe), not a regular file');
    expect(stylish.stderr).toBe('');
  });

  it('skips binary files that mention the socket API with a warning, and says nothing about other binaries', async () => {
    const binary = Buffer.concat([Buffer.from('<?php socket_listen($s, 5);\n'), Buffer.from([0, 1, 2, 255, 0])]);
    const cwd = makeTree({ 'blob.php': binary, 'image.php': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) });
    const run = await runCli(['-f', 'json'], { cwd });
    expect(run.code).toBe(0);
    const results = parseJsonReport(run);
    expect(resultFor(results, 'blob.php').messages).toMatchObject([{ ruleId: null, severity: 1, message: 'File skipped: it looks binary (a NUL byte at byte 28).' }]);
    expect(resultFor(results, 'image.php').messages).toEqual([]);
    expect(run.stderr).toBe('');
  });

  it('lints a Latin-1 file as Latin-1 with a warning, columns counting bytes', async () => {
    const text = "<?php\n// Journal d'\u00e9v\u00e9nements: \u00e9coute UDP\n$s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\nif ($s === false) { exit(1); }\n/* r\u00e9seau */ if (!socket_listen($s, 5)) { exit(1); }\n";
    const cwd = makeTree({ 'latin1.php': Buffer.from(text, 'latin1') });
    const run = await runCli(['-f', 'json'], { cwd });
    const [result] = parseJsonReport(run);
    expect(result!.messages[0]).toMatchObject({ ruleId: null, severity: 1, message: expect.stringContaining('not valid UTF-8') });
    expect(result!.messages[1]).toMatchObject({ ruleId: 'listen-on-datagram', ...columnOf(text, 'socket_listen') });
    expect(columnOf(text, 'socket_listen').column).toBe(19);
  });
});

describe('exact positions', () => {
  it('counts lines and columns of CRLF files exactly', async () => {
    const text = UDP_LISTEN.replace(/\n/g, '\r\n');
    const cwd = makeTree({ 'crlf.php': text });
    const [result] = parseJsonReport(await runCli(['-f', 'json'], { cwd }));
    const { line, column } = columnOf(text, 'socket_listen');
    expect(result!.messages).toMatchObject([{ ruleId: 'listen-on-datagram', line, column, endLine: line, endColumn: column + 'socket_listen'.length }]);
  });

  it('counts columns in UTF-16 units after multi-byte characters, and skips a UTF-8 BOM', async () => {
    const text =
      '\uFEFF<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif ($s === false) { exit(1); }\nif (!socket_bind($s, "0.0.0.0", 80)) { exit(1); }\n' +
      '$caf\u00e9 = "\u{1F30D}\u00e9"; if (!socket_listen($s, 100000)) { exit(1); }\n';
    const cwd = makeTree({ 'utf8.php': text });
    const [result] = parseJsonReport(await runCli(['-f', 'json'], { cwd }));
    const backlog = result!.messages.find((message) => message.ruleId === 'unrealistic-backlog');
    const expected = columnOf(text.slice(1), '100000');
    expect(expected.column).toBe(39); // the globe is two UTF-16 units (four UTF-8 bytes), é one (two bytes)
    expect(backlog).toMatchObject({ ...expected, endColumn: expected.column + 6 });
  });
});

describe('scale', () => {
  it('lints a huge file and skips a huger one that never names the socket API', async () => {
    const body = fixture('tcp-unchecked.php').replace('<?php', '');
    const big = `<?php\n${Array.from({ length: 600 }, (_, index) => `function server${index}() {${body}}\n`).join('')}`;
    const cwd = makeTree({ 'big.php': big, 'plain.php': `<?php\n${'$x = str_repeat("a", 10);\n'.repeat(1_000_000)}` });
    const started = Date.now();
    const run = await runCli(['-f', 'json'], { cwd });
    const results = parseJsonReport(run);
    expect(resultFor(results, 'plain.php').messages).toEqual([]);
    expect(resultFor(results, 'big.php').messages.filter((message) => message.ruleId === 'unrealistic-backlog')).toHaveLength(600);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('does not analyse a socket file longer than maxFileCharacters: one warning, and the other files still linted', async () => {
    const longer = `<?php\n${'socket_write($s, "x");\n'.repeat(50)}`;
    const cwd = makeTree({ '.phpsocketlintrc.json': '{ "maxFileCharacters": 1000 }', 'long.php': longer, 'udp.php': UDP_LISTEN });
    const run = await runCli(['-f', 'json'], { cwd });
    const results = parseJsonReport(run);
    expect(resultFor(results, 'long.php').messages).toMatchObject([
      { ruleId: null, severity: 1, message: `File not analysed: ${longer.length.toLocaleString('en-US')} characters, more than the 1,000 that the config's "maxFileCharacters" allows` },
    ]);
    expect(resultFor(results, 'udp.php').messages.map((message) => message.ruleId)).toContain('listen-on-datagram');
    // The limit is the config's: without it the same file is analysed.
    const unlimited = parseJsonReport(await runCli(['-f', 'json', '--no-config', 'long.php'], { cwd }));
    expect(resultFor(unlimited, 'long.php').messages.every((message) => message.ruleId === 'unchecked-false-return')).toBe(true);
  });

  it('writes a large report into a pipe without cutting it off', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 400; index++) files[`d${index % 20}/f${index}.php`] = fixture('tcp-unchecked.php');
    const cwd = makeTree(files);
    const run = await runCli(['-f', 'json'], { cwd });
    expect(run.stdout.length).toBeGreaterThan(500_000);
    const results = parseJsonReport(run);
    expect(results).toHaveLength(400);
    expect(results.every((result) => result.warningCount > 0)).toBe(true);
  }, 60_000);
});
