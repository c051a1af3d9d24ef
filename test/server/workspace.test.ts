// `phpSocketLint.lintWorkspace` on a real folder: every PHP file, open or not, with work-done
// progress; vendor/ (no include names it), node_modules/ and .gitignored directories skipped;
// open documents keep the editor's text; a nested .phpsocketlintrc.json's include and exclude
// decide below its directory, as in the CLI.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, ROOT } from './lsp-client';

const BAD = '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif (!$s) { exit(1); }\nif (!socket_listen($s, 100000)) { exit(1); }\n';
const CLEAN = '<?php\necho "hello";\n';

/** Writes `files` (path → text) under `dir` and starts a server with `dir` as its workspace folder. */
async function serverOnTree(dir: string, files: Record<string, string>): Promise<LspClient> {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return LspClient.start({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }] });
}

describe('lint workspace command', { timeout: 60_000 }, () => {
  let dir: string;
  let client: LspClient;
  const uriOf = (...parts: string[]) => pathToFileURL(join(dir, ...parts)).href;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'php-socket-lint-ws-'));
    const files: Record<string, string> = {
      'a.php': BAD,
      'src/net/b.php': BAD,
      'src/clean.php': CLEAN,
      'open.php': BAD,
      'vendor/lib/c.php': BAD,
      'node_modules/pkg/d.php': BAD,
      'build/e.php': BAD,
      '.gitignore': 'build/\n',
      'notes.txt': BAD,
    };
    client = await serverOnTree(dir, files);
  });
  afterAll(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces the command', () => {
    expect(client.initializeResult.capabilities.executeCommandProvider?.commands).toContain('phpSocketLint.lintWorkspace');
  });

  it('lints closed and open files with progress and publishes for the closed ones', async () => {
    // open.php is open with a fixed backlog that is not on disk.
    await client.open(uriOf('open.php'), BAD.replace('100000', '64'), 3);
    await client.diagnosticsFor(uriOf('open.php'), 3);
    const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'phpSocketLint.lintWorkspace', arguments: [] });
    expect(result).toMatchObject({ files: 4, cancelled: false });

    expect(client.progressCreated).toHaveLength(1);
    const token = client.progressCreated[0]!;
    const kinds = client.progress.filter((p) => p.token === token).map((p) => p.value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds.at(-1)).toBe('end');
    expect(kinds.filter((kind) => kind === 'report').length).toBe(4);

    for (const name of ['a.php', 'src/net/b.php']) {
      const { version, diagnostics } = await client.diagnosticsFor(uriOf(...name.split('/')));
      expect(version).toBeUndefined();
      expect(diagnostics.find((d) => d.code === 'unrealistic-backlog')!.range).toEqual({
        start: { line: 3, character: 23 },
        end: { line: 3, character: 29 },
      });
    }
    const published = new Set(client.published.map((p) => p.uri));
    for (const skipped of ['vendor/lib/c.php', 'node_modules/pkg/d.php', 'build/e.php', 'src/clean.php', 'notes.txt']) {
      expect(published.has(uriOf(...skipped.split('/'))), skipped).toBe(false);
    }
    // The open document's diagnostics are still those of the editor's text.
    const open = client.publishedFor(uriOf('open.php'));
    expect(open.every((p) => p.version === 3 && !p.diagnostics.some((d) => d.code === 'unrealistic-backlog'))).toBe(true);
  });

  it('replaces a closed file\'s diagnostics when it is opened, and clears them on close', async () => {
    const uri = uriOf('a.php');
    const seen = client.publishedFor(uri).length;
    await client.open(uri, BAD.replace('100000', '64'), 1);
    const opened = await client.diagnosticsFor(uri, 1, seen);
    expect(opened.diagnostics.some((d) => d.code === 'unrealistic-backlog')).toBe(false);
    const count = client.publishedFor(uri).length;
    await client.close(uri);
    const cleared = await client.waitFor(() => client.publishedFor(uri)[count], 'the clearing publish');
    expect(cleared.diagnostics).toEqual([]);
  });
});

describe('lint workspace command with nested config files', { timeout: 60_000 }, () => {
  let dir: string;
  let client: LspClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'php-socket-lint-ws-nested-'));
    const files: Record<string, string> = {
      'a.php': BAD,
      'lib/l.php': BAD,
      'pkg/p.php': BAD,
      'pkg/gen/g.php': BAD,
      'pkg/vendor/acme/v.php': BAD,
      'pkg/vendor/other/o.php': BAD,
      // Below pkg/ its config alone decides: generated code is excluded, one vendored package included.
      'pkg/.phpsocketlintrc.json': '{ "exclude": ["gen/**"], "include": ["**/*.php", "vendor/acme/**/*.php"] }',
      // A broken config stops the CLI; the editor says so and walks lib2/ with the defaults.
      'lib2/.phpsocketlintrc.json': '{ "exclude": [ }',
      'lib2/m.php': BAD,
    };
    client = await serverOnTree(dir, files);
  });
  afterAll(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The files the CLI reports for `php-socket-lint <folder>` (relative, sorted). */
  function cliFiles(folder: string): string[] {
    const json = execFileSync(process.execPath, [join(ROOT, 'bin', 'php-socket-lint.js'), folder, '--format', 'json'], { encoding: 'utf8', cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    return (JSON.parse(json) as { filePath: string }[]).map((result) => result.filePath.slice(dir.length + 1)).sort();
  }

  it('lints the files the CLI lints', async () => {
    const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'phpSocketLint.lintWorkspace', arguments: [] });
    const linted = [...new Set(client.published.map((p) => p.uri.slice(pathToFileURL(dir).href.length + 1)))].sort();
    expect(linted).toEqual(['a.php', 'lib/l.php', 'lib2/m.php', 'pkg/p.php', 'pkg/vendor/acme/v.php']);
    expect(result).toMatchObject({ files: 5, cancelled: false });
    // The CLI, on the folders whose configs are sound, finds the same files.
    const sound = linted.filter((path) => !path.startsWith('lib2/'));
    expect([...cliFiles('a.php'), ...cliFiles('lib'), ...cliFiles('pkg')].sort()).toEqual(sound);
    expect(client.messages.some((message) => message.includes(join(dir, 'lib2', '.phpsocketlintrc.json')))).toBe(true);
  });
});
