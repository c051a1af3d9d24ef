// Regenerates server/src/core/ext-sockets.json from the real PHP CLI's reflection.
// Run after upgrading PHP: `node scripts/gen-socket-api.mjs`. test/socket-api.test.ts
// fails when the checked-in table and this machine's `php` disagree.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const reflect = fileURLToPath(new URL('./socket-api-reflect.php', import.meta.url));
const out = fileURLToPath(new URL('../server/src/core/ext-sockets.json', import.meta.url));
const json = execFileSync('php', [reflect], { encoding: 'utf8' });
writeFileSync(out, json);
console.log(`wrote ${out}`);
