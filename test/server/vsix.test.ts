// Builds the .vsix with vsce (from the dist/ that `npm test` built) into a temp dir and reads
// the zip with Node: what is in it, what is not, and the manifest VS Code will read.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS, RULES } from '../../server/src/core/rules/index';
import { DEFAULT_PHP_VERSION, DEFAULT_SOMAXCONN } from '../../server/src/core/types';
import { ROOT } from './lsp-client';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** The central directory of a zip file (no zip64: a .vsix is small). */
function zipEntries(zip: Buffer): ZipEntry[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('bad central directory');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const start = entry.localHeaderOffset + 30 + zip.readUInt16LE(entry.localHeaderOffset + 26) + zip.readUInt16LE(entry.localHeaderOffset + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? data : inflateRawSync(data);
}

describe('the .vsix', { timeout: 120_000 }, () => {
  let dir: string;
  let zip: Buffer;
  let names: string[];

  beforeAll(async () => {
    for (const bundle of ['dist/extension.js', 'dist/server.js']) {
      if (!existsSync(join(ROOT, bundle))) throw new Error(`${bundle} is missing: run \`npm run build\` (npm test builds first)`);
    }
    dir = mkdtempSync(join(tmpdir(), 'php-socket-lint-vsix-'));
    const out = join(dir, 'php-socket-lint.vsix');
    const packageVsix = join(ROOT, 'scripts', 'package-vsix.mjs');
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [packageVsix, '--out', out], { cwd: ROOT, timeout: 100_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`vsce failed: ${stdout}${stderr}`)) : resolve(),
      ),
    );
    zip = readFileSync(out);
    names = zipEntries(zip).map((entry) => entry.name);
  }, 120_000); // vsce runs in this hook: the describe's timeout is each test's, not the hook's
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the bundles, the grammar, rule docs and the package files', () => {
    for (const name of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/lint-worker.js', 'extension/package.json', 'extension/syntaxes/php-sockets.tmLanguage.json']) {
      expect(names).toContain(name);
    }
    expect(names.some((name) => /^extension\/license(\.txt)?$/i.test(name))).toBe(true);
    expect(names.some((name) => /^extension\/changelog\.md$/i.test(name))).toBe(true);
    expect(names).toContain('extension/readme.md');
    for (const id of RULE_IDS) expect(names).toContain(`extension/docs/rules/${id}.md`);
  });

  it('keeps sources, tests, tooling and node_modules out', () => {
    const leaked = names.filter(
      (name) =>
        /\.(ts|mts|map)$/.test(name) ||
        /(^|\/)node_modules\//.test(name) ||
        /^extension\/(client|server|test|scripts|bench|examples)\//.test(name) ||
        /^extension\/docs\/(?!rules\/|neovim\.md$)/.test(name) ||
        /^extension\/(tsconfig\.json|package-lock\.json)$/.test(name),
    );
    expect(leaked).toEqual([]);
    // package.json's `files` is the one list for both packages: anything else is a leak.
    const expected = /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|images\/icon\.png|dist\/[\w-]+\.js|bin\/[\w-]+\.js|docs\/rules\/[\w-]+\.md|docs\/neovim\.md|syntaxes\/[\w.-]+\.json|schemas\/[\w.-]+\.json))$/;
    expect(names.filter((name) => !expected.test(name))).toEqual([]);
  });

  const text = (name: string) => readEntry(zip, zipEntries(zip).find((e) => e.name === name)!).toString('utf8');

  it('shows users the user README: what it finds, setup, settings, the CLI, and no developer commands', () => {
    const readme = text('extension/readme.md');
    expect(readme).toBe(readFileSync(join(ROOT, 'docs', 'marketplace', 'README.md'), 'utf8'));
    for (const heading of ['## What it finds', '## Setup', '## Settings', '## The command line']) expect(readme).toContain(heading);
    // One row per rule, with the rule's real default, fix and suggestions.
    const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');
    for (const rule of RULES) {
      const row = `| \`${rule.id}\` | ${rule.meta.defaultSeverity} | ${yesNo(rule.meta.fixable)} | ${yesNo(rule.meta.hasSuggestions)} |`;
      expect(readme, rule.id).toContain(row);
    }
    const manifest = JSON.parse(text('extension/package.json'));
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) expect(readme).toContain(`\`${setting}\``);
    expect(readme).not.toMatch(/npm (ci|test)\b/);
    // No repository to resolve them against: a relative link would be broken on the details page.
    expect(readme.match(/\]\((?!https:\/\/)[^)]*\)/g) ?? []).toEqual([]);
  });

  it('has an icon that is a real 128×128 PNG, named by the manifest', () => {
    const manifest = JSON.parse(text('extension/package.json'));
    expect(manifest.icon).toBe('images/icon.png');
    const png = readEntry(zip, zipEntries(zip).find((e) => e.name === 'extension/images/icon.png')!);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
  });

  it('has a CHANGELOG for this release: every rule, the port, every format, the language server', () => {
    const changelog = text('extension/changelog.md');
    const manifest = JSON.parse(text('extension/package.json'));
    expect(changelog).toContain(`## ${manifest.version}`);
    for (const id of RULE_IDS) expect(changelog, id).toContain(`\`${id}\``);
    for (const word of ['port', 'sarif', 'checkstyle', 'github', 'json', 'junit', 'gitlab', 'php-socket-lint-server']) expect(changelog.toLowerCase(), word).toContain(word);
  });

  it('has the manifest VS Code reads', () => {
    const entry = zipEntries(zip).find((e) => e.name === 'extension/package.json')!;
    const manifest = JSON.parse(readEntry(zip, entry).toString('utf8'));
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.engines.vscode).toBe('^1.91.0');
    expect(manifest.activationEvents).toContain('onLanguage:php');
    expect(manifest.capabilities).toEqual({ untrustedWorkspaces: { supported: true }, virtualWorkspaces: false });
    // The project has no public repository; a URL there would point nowhere.
    expect(manifest.repository).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain('github.com/php-socket-lint');
    const properties = manifest.contributes.configuration.properties;
    expect(Object.keys(properties).sort()).toEqual(
      ['phpSocketLint.enable', 'phpSocketLint.phpVersion', 'phpSocketLint.rules', 'phpSocketLint.run', 'phpSocketLint.somaxconn', 'phpSocketLint.trace.server'].sort(),
    );
    for (const [name, property] of Object.entries(properties) as [string, { type: unknown; default?: unknown; description?: string; markdownDescription?: string }][]) {
      expect(property, name).toHaveProperty('default');
      // The Settings UI can edit only a setting with a real default of its own type.
      expect(property.default, name).not.toBeNull();
      expect(property.type, name).not.toContain('null');
      expect(property.description ?? property.markdownDescription).toBeTruthy();
    }
    expect(properties['phpSocketLint.somaxconn']).toMatchObject({ type: 'integer', default: 4096 });
    expect(properties['phpSocketLint.phpVersion']).toMatchObject({ type: 'string', default: '8.0' });
    // The same defaults as the CLI's and the core's.
    expect([properties['phpSocketLint.somaxconn'].default, properties['phpSocketLint.phpVersion'].default]).toEqual([DEFAULT_SOMAXCONN, DEFAULT_PHP_VERSION]);
    // Every rule can be set from the editor, and only real rules.
    expect(Object.keys(properties['phpSocketLint.rules'].properties).sort()).toEqual([...RULE_IDS].sort());
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command).sort()).toEqual(['phpSocketLint.lintWorkspace', 'phpSocketLint.portFile', 'phpSocketLint.restartServer', 'phpSocketLint.showOutput']);
    expect(manifest.contributes.commands.find((c: { command: string }) => c.command === 'phpSocketLint.restartServer')).toEqual({
      command: 'phpSocketLint.restartServer',
      title: 'Restart Server',
      category: 'PHP Socket Lint',
    });
  });
});
