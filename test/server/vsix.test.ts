// Builds the .vsix with vsce (from the dist/ that `npm test` built) into a temp dir and reads
// the zip with Node: what is in it, what is not, and the manifest VS Code will read.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../server/src/core/rules/index';
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
    const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: ROOT, timeout: 100_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`vsce failed: ${stdout}${stderr}`)) : resolve(),
      ),
    );
    zip = readFileSync(out);
    names = zipEntries(zip).map((entry) => entry.name);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the bundles, the grammar, rule docs and the package files', () => {
    for (const name of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/package.json', 'extension/syntaxes/php-sockets.tmLanguage.json']) {
      expect(names).toContain(name);
    }
    expect(names.some((name) => /^extension\/license(\.txt)?$/i.test(name))).toBe(true);
    expect(names.some((name) => /^extension\/changelog\.md$/i.test(name))).toBe(true);
    if (existsSync(join(ROOT, 'README.md'))) expect(names.some((name) => /^extension\/readme\.md$/i.test(name))).toBe(true);
    if (existsSync(join(ROOT, 'docs', 'rules'))) expect(names.some((name) => name.startsWith('extension/docs/rules/'))).toBe(true);
  });

  it('keeps sources, tests, tooling and node_modules out', () => {
    const leaked = names.filter(
      (name) =>
        /\.(ts|mts|map)$/.test(name) ||
        /(^|\/)node_modules\//.test(name) ||
        /^extension\/(client|server|test|scripts|bench|examples|bin)\//.test(name) ||
        /^extension\/docs\/(?!rules\/)/.test(name) ||
        /^extension\/(tsconfig\.json|package-lock\.json)$/.test(name),
    );
    expect(leaked).toEqual([]);
  });

  it('has the manifest VS Code reads', () => {
    const entry = zipEntries(zip).find((e) => e.name === 'extension/package.json')!;
    const manifest = JSON.parse(readEntry(zip, entry).toString('utf8'));
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.engines.vscode).toBe('^1.91.0');
    expect(manifest.activationEvents).toContain('onLanguage:php');
    expect(manifest.capabilities).toEqual({ untrustedWorkspaces: { supported: true }, virtualWorkspaces: false });
    expect(manifest.repository.url).toBe('https://github.com/php-socket-lint/php-socket-lint');
    const properties = manifest.contributes.configuration.properties;
    expect(Object.keys(properties).sort()).toEqual(
      ['phpSocketLint.enable', 'phpSocketLint.phpVersion', 'phpSocketLint.rules', 'phpSocketLint.run', 'phpSocketLint.somaxconn', 'phpSocketLint.trace.server'].sort(),
    );
    for (const property of Object.values(properties) as { default?: unknown; description?: string; markdownDescription?: string }[]) {
      expect(property).toHaveProperty('default');
      expect(property.description ?? property.markdownDescription).toBeTruthy();
    }
    // Every rule can be set from the editor, and only real rules.
    expect(Object.keys(properties['phpSocketLint.rules'].properties).sort()).toEqual([...RULE_IDS].sort());
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command).sort()).toEqual(['phpSocketLint.lintWorkspace', 'phpSocketLint.portFile', 'phpSocketLint.showOutput']);
  });
});
