// One file discovery (server/src/node/files.ts) for the CLI and the editor's "Lint Workspace":
// on one real tree — nested .gitignore files, the config's include and exclude, vendor/,
// node_modules/, dangling and looping symlinks, a FIFO — both lint the same files, and both
// name the links that point nowhere as warnings (stderr / the output channel), not findings.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, parseJsonReport, removeTrees, runCli, type CliRun } from '../cli/cli-harness';
import { LspClient } from '../server/lsp-client';

const BAD = '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif (!$s) { exit(1); }\nif (!socket_listen($s, 100000)) { exit(1); }\n';

const TREE = {
  '.phpsocketlintrc.json': JSON.stringify({ include: ['**/*.php', 'vendor/acme/**/*.php'], exclude: ['generated/'] }),
  '.gitignore': 'build/\n',
  'a.php': BAD,
  'src/net/b.php': BAD,
  'src/vendor/nested.php': BAD,
  'vendor/acme/net/c.php': BAD,
  'vendor/other/d.php': BAD,
  'node_modules/pkg/e.php': BAD,
  'build/f.php': BAD,
  'lib/.gitignore': 'gen*.php\n!gen-keep.php\n',
  'lib/gen.php': BAD,
  'lib/gen-keep.php': BAD,
  'generated/h.php': BAD,
  'notes.txt': BAD,
};

/** What both must lint (and find the backlog in), relative to the tree. */
const EXPECTED = ['a.php', 'lib/gen-keep.php', 'src/net/b.php', 'vendor/acme/net/c.php'];

describe('the CLI and Lint Workspace agree on which files to lint', { timeout: 60_000 }, () => {
  let dir: string;
  let cli: CliRun;
  let client: LspClient;
  const relativeOf = (path: string) => path.slice(dir.length + 1);

  beforeAll(async () => {
    dir = makeTree(TREE);
    mkdirSync(join(dir, '.git'));
    symlinkSync('missing-target.php', join(dir, 'dangling.php'));
    symlinkSync('loop.php', join(dir, 'src/loop.php'));
    execFileSync('mkfifo', [join(dir, 'pipe.php')]);
    cli = await runCli(['-f', 'json'], { cwd: dir });
    client = await LspClient.start({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'tree' }] });
  });
  afterAll(async () => {
    await client?.stop();
    removeTrees();
  });

  it('the CLI lints the expected files and warns of the links on stderr', () => {
    const results = parseJsonReport(cli);
    const withFindings = results.filter((result) => result.messages.some((m) => m.ruleId === 'unrealistic-backlog')).map((r) => relativeOf(r.filePath));
    expect(withFindings.sort()).toEqual(EXPECTED);
    // The FIFO is an error of its own; the links are no result at all.
    expect(results.map((r) => relativeOf(r.filePath)).sort()).toEqual([...EXPECTED, 'pipe.php'].sort());
    expect(cli.stderr).toContain('php-socket-lint: warning: dangling.php: Skipped: dangling symbolic link (its target "missing-target.php" does not exist).');
    expect(cli.stderr).toContain('php-socket-lint: warning: src/loop.php: Skipped: symbolic link loop (ELOOP).');
  });

  it('Lint Workspace publishes for the same files and names the links and the FIFO in the output channel', async () => {
    const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'phpSocketLint.lintWorkspace', arguments: [] });
    expect(result).toMatchObject({ files: EXPECTED.length, findings: EXPECTED.length * 2, cancelled: false });
    const published = client.published.filter((p) => p.diagnostics.some((d) => d.code === 'unrealistic-backlog')).map((p) => relativeOf(fileURLToPath(p.uri)));
    expect(published.sort()).toEqual(EXPECTED);
    const logged = await client.waitFor(() => client.messages.some((m) => m.includes('pipe.php')) && client.messages, 'the output channel naming pipe.php');
    expect(logged).toContain(`Lint Workspace: ${join(dir, 'dangling.php')}: Skipped: dangling symbolic link (its target "missing-target.php" does not exist).`);
    expect(logged).toContain(`Lint Workspace: ${join(dir, 'src/loop.php')}: Skipped: symbolic link loop (ELOOP).`);
    expect(logged).toContain(`Lint Workspace: ${join(dir, 'pipe.php')}: Cannot read file: a FIFO (named pipe), not a regular file.`);
    expect(logged).toContain(`Reading ${join(dir, '.phpsocketlintrc.json')}`);
  });
});
