// Regenerates server/src/core/stream-api.json, the stream-socket functions the stream rules need
// (issue 14), from the real PHP CLI's reflection: `node scripts/gen-stream-api.mjs` after upgrading PHP.
// The list of functions is fixed in scripts/stream-api-reflect.php, so a PHP with more extensions
// writes the same table. What reflection cannot say (what fails with false, which arguments are the
// transport, the flags, the timeouts) is hand-written in server/src/core/stream-effects.json.
// test/stream/stream-api.test.ts fails when the checked-in table and this machine's `php` disagree.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const reflect = fileURLToPath(new URL('./stream-api-reflect.php', import.meta.url));
const out = fileURLToPath(new URL('../server/src/core/stream-api.json', import.meta.url));
writeFileSync(out, execFileSync('php', [reflect], { encoding: 'utf8' }));
console.log(`wrote ${out}`);
