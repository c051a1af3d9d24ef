// Regenerates the API tables in server/src/core/ from the real PHP CLI's reflection:
// ext-sockets.json (the socket API) and php-internals.json (how other internal functions take
// `false`). Run after upgrading PHP: `node scripts/gen-socket-api.mjs`.
// test/socket-api.test.ts fails when the checked-in tables and this machine's `php` disagree.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const reflect = fileURLToPath(new URL('./socket-api-reflect.php', import.meta.url));
const core = new URL('../server/src/core/', import.meta.url);

for (const [mode, file] of [['', 'ext-sockets.json'], ['internals', 'php-internals.json']]) {
  const out = fileURLToPath(new URL(file, core));
  writeFileSync(out, execFileSync('php', mode ? [reflect, mode] : [reflect], { encoding: 'utf8' }));
  console.log(`wrote ${out}`);
}
