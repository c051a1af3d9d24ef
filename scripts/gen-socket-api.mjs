// Regenerates the API tables in server/src/core/ from the real PHP CLI's reflection:
// ext-sockets.json (the socket API) and php-internals.json (how other internal functions take
// `false`). Run after upgrading PHP: `node scripts/gen-socket-api.mjs`.
// php-internals.json describes the extensions it names, and keeps naming the same ones (those of
// Debian's bare php-cli) so a machine with php-xml or php-mbstring regenerates the same table;
// `--all-extensions` describes every extension the installed PHP has loaded instead.
// test/socket-api.test.ts fails when the checked-in tables and this machine's `php` disagree.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const reflect = fileURLToPath(new URL('./socket-api-reflect.php', import.meta.url));
const core = new URL('../server/src/core/', import.meta.url);

function extensionsOf(file) {
  if (process.argv.includes('--all-extensions') || !existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')).extensions ?? [];
}

for (const [mode, file] of [['', 'ext-sockets.json'], ['internals', 'php-internals.json']]) {
  const out = fileURLToPath(new URL(file, core));
  const args = mode ? [reflect, mode, ...extensionsOf(out)] : [reflect];
  writeFileSync(out, execFileSync('php', args, { encoding: 'utf8' }));
  console.log(`wrote ${out}`);
}
