// The npm package as a user gets it: `npm run pack:npm` (scripts/pack-npm.mjs), then `npm install <tarball>` into an empty folder
// (and `npm install --global`), then both bins from there, with none of this repository's
// node_modules in reach: the CLI on an example, the language server over stdio.
import { execFile, type ExecFileException } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { LspClient, ROOT } from '../server/lsp-client';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    // A clean environment for npm: no npm_config_* from the `npm test` that runs us.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    execFile(file, args, { cwd, env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error: ExecFileException | null, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 255) : 0, stdout, stderr });
    });
  });
}

async function npm(args: string[], cwd: string): Promise<Run> {
  const result = await run('npm', [...args, '--no-audit', '--no-fund', '--offline'], cwd);
  if (result.code !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.code}):\n${result.stdout}${result.stderr}`);
  return result;
}

describe('the npm package', { timeout: 60_000 }, () => {
  let dir: string;
  let tarball: string;
  let packed: string[];
  let app: string;
  let globalPrefix: string;
  let installOutput: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'server.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test builds first)');
    dir = mkdtempSync(join(tmpdir(), 'php-socket-lint-pack-'));
    // --no-build: npm test built dist/ already, and rebuilding it here would rewrite the bundles
    // under the tests that are running them.
    const pack = await run('npm', ['run', '--silent', 'pack:npm', '--', '--no-build', '--json', '--pack-destination', dir], ROOT);
    if (pack.code !== 0) throw new Error(`npm run pack:npm failed:\n${pack.stdout}${pack.stderr}`);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(dir, info!.filename);
    packed = info!.files.map((file) => file.path);

    app = join(dir, 'app');
    mkdirSync(app);
    const install = await npm(['install', tarball], app);
    installOutput = install.stdout + install.stderr;
    globalPrefix = join(dir, 'global');
    await npm(['install', '--global', '--prefix', globalPrefix, tarball], dir);

    // A project of the user's: one example program, no config anywhere above it.
    mkdirSync(join(app, 'src'));
    copyFileSync(join(ROOT, 'examples', 'udp-echo-server.php'), join(app, 'src', 'udp-echo-server.php'));
    // Four npm runs (select, pack, two installs): seconds each on a busy machine.
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the bundles, bins, docs, grammar, README, LICENSE and CHANGELOG, and no sources, tests or maps', () => {
    for (const file of ['dist/cli.js', 'dist/port-command.js', 'dist/server.js', 'dist/deep-lint-worker.js', 'dist/cli-lint-worker.js', 'bin/php-socket-lint.js', 'bin/php-socket-lint-server.js']) {
      expect(packed).toContain(file);
    }
    for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json', 'docs/neovim.md', 'syntaxes/php-sockets.tmLanguage.json']) expect(packed).toContain(file);
    for (const id of RULE_IDS) expect(packed).toContain(`docs/rules/${id}.md`);
    const leaked = packed.filter((file) => /\.(ts|mts|map)$/.test(file) || /^(server|client|test|bench|scripts|examples|node_modules)\//.test(file));
    expect(leaked).toEqual([]);
  });

  it('names no URL of the repository that does not exist, in any packaged file', () => {
    const installed = join(app, 'node_modules', 'php-socket-lint');
    const mentions = packed.filter((file) => readFileSync(join(installed, file), 'utf8').includes('github.com/php-socket-lint'));
    expect(mentions).toEqual([]);
  });

  it('has a manifest that can be published and installs nothing else', () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules', 'php-socket-lint', 'package.json'), 'utf8'));
    expect(manifest.private).toBeUndefined();
    expect(manifest.dependencies ?? {}).toEqual({});
    // No scripts at all: the repository's `prepare` builds from sources the package does not
    // hold, and npm 11 warns at install of any package that has one.
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
    expect(installOutput).not.toMatch(/install-scripts|prepare/);
    expect(existsSync(join(app, 'node_modules', 'php-socket-lint', 'scripts'))).toBe(false);
    expect(readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['php-socket-lint']);
  });

  it('runs the CLI from the installed package: findings on an example, exit code 1', async () => {
    const cli = join(app, 'node_modules', '.bin', 'php-socket-lint');
    const result = await run(cli, ['-f', 'json', 'src/'], app);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const [report] = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null }[] }[];
    expect(report!.filePath).toBe(join(app, 'src', 'udp-echo-server.php'));
    expect(report!.messages.map((message) => message.ruleId)).toContain('listen-on-datagram');
    const version = await run(cli, ['--version'], app);
    expect(version.stdout.trim()).toContain(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('runs the CLI installed with npm install --global', async () => {
    const result = await run(join(globalPrefix, 'bin', 'php-socket-lint'), ['src/'], app);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('listen-on-datagram');
  });

  it('runs the language server from the installed package over stdio: diagnostics for an opened file', async () => {
    const client = await LspClient.start({ serverBin: join(app, 'node_modules', '.bin', 'php-socket-lint-server') });
    try {
      const file = join(app, 'src', 'udp-echo-server.php');
      const uri = pathToFileURL(file).href;
      await client.open(uri, readFileSync(file, 'utf8'));
      const published = await client.diagnosticsFor(uri, 1);
      expect(published.diagnostics.map((diagnostic) => diagnostic.code)).toContain('listen-on-datagram');
      // Each code link is the rule's page inside the installed package.
      const installed = join(app, 'node_modules', 'php-socket-lint');
      for (const diagnostic of published.diagnostics) {
        const page = fileURLToPath(diagnostic.codeDescription!.href);
        expect(page).toBe(join(installed, 'docs', 'rules', `${diagnostic.code}.md`));
        expect(readFileSync(page, 'utf8')).toMatch(new RegExp(`^# ${diagnostic.code}\n`));
      }
    } finally {
      await client.stop();
    }
  });
});
