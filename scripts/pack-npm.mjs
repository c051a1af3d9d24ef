// `npm run pack:npm`: the npm package as users get it, in php-socket-lint-<version>.tgz.
//   node scripts/pack-npm.mjs [--no-build] [--pack-destination <dir>] [--json]
// A plain `npm pack` still works (pre-commit installs a node hook with it) but ships the
// repository's manifest; publish the tarball this writes (`npm publish <tarball>`).
// Plain `npm pack` would ship this repository's manifest: its `prepare` script (which builds from
// sources the package does not hold) makes npm 11 warn everyone who installs the package that it
// has an install script, and its devDependencies mean nothing there. So the files npm itself
// selects (the manifest's "files") are copied into a staging folder beside a manifest without
// scripts and devDependencies, and npm packs that.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const destinationIndex = args.indexOf('--pack-destination');
const destination = destinationIndex >= 0 ? resolve(args[destinationIndex + 1]) : root;
/** Manifest fields that are this repository's business, not the installed package's. */
const DEVELOPMENT_FIELDS = ['scripts', 'devDependencies'];

function npm(npmArgs, cwd) {
  const result = spawnSync('npm', [...npmArgs, '--json'], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm ${npmArgs.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return JSON.parse(result.stdout);
}

if (!args.includes('--no-build')) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const [selection] = npm(['pack', '--dry-run', '--ignore-scripts'], root);
const staging = mkdtempSync(join(tmpdir(), 'php-socket-lint-package-'));
try {
  for (const { path } of selection.files) {
    if (path === 'package.json') continue;
    mkdirSync(dirname(join(staging, path)), { recursive: true });
    copyFileSync(join(root, path), join(staging, path));
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const field of DEVELOPMENT_FIELDS) delete manifest[field];
  writeFileSync(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const packed = npm(['pack', staging, '--pack-destination', destination], root);
  process.stdout.write(args.includes('--json') ? `${JSON.stringify(packed, null, 2)}\n` : `${join(destination, packed[0].filename)}\n`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
