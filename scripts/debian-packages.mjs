// Installs the Debian packages a command needs when they are missing: the tests run the real
// PHP CLI, Neovim and (end to end) Chromium, and a fresh machine has none of them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * `packages`: `{ pkg, file }` pairs, where `file` exists once `pkg` is installed. Installs the
 * missing ones with apt-get as root; anyone else gets the command to run instead.
 */
export function ensureDebianPackages(packages, log = (line) => process.stderr.write(`${line}\n`)) {
  const missing = packages.filter(({ file }) => !existsSync(file)).map(({ pkg }) => pkg);
  if (missing.length === 0) {
    log(`already installed: ${packages.map(({ pkg }) => pkg).join(' ')}`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} (run: sudo apt-get install -y ${missing.join(' ')})`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
    const result = spawnSync('apt-get', args, { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  }
}

// `npm run setup`: what `npm test` runs (the real PHP CLI, Neovim as an LSP client). npm test itself
// installs nothing; it stops with one line naming what is missing (test/support/global-setup.ts).
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureDebianPackages([
      { pkg: 'php-cli', file: '/usr/bin/php' },
      { pkg: 'neovim', file: '/usr/bin/nvim' },
      { pkg: 'libxml2-utils', file: '/usr/bin/xmllint' },
    ]);
  } catch (error) {
    console.error(`npm run setup: ${error.message}`);
    process.exitCode = 1;
  }
}
