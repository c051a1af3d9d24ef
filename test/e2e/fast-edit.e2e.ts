// Fast typing into a 10,000-line file: a few hundred keystrokes, each a new document version
// the server may still be linting when the next arrives. What the Problems panel ends with must
// be the final text's findings — none left over from a version typed over.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBigFile } from './big-file.mjs';
import { expectedProblems, shape } from './expect-lint';
import { useSession } from './session';
import { STARTUP_TIMEOUT, TIMEOUT } from './workbench';

const LINES = 10_000;
const session = useSession(import.meta.filename, {
  prepare: (workspace) => writeFileSync(join(workspace, 'big.php'), generateBigFile(LINES)),
});

/** Typed at line 3 (empty): every finding below moves down; the typed code has findings of its own. */
const TYPED = [
  '// Typed in one go by the end-to-end test, one key at a time, while the server lints.',
  'function typedServer(int $port): void',
  '{',
  '    $udp = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);',
  '    if ($udp === false) {',
  '        exit(1);',
  '    }',
  "    socket_bind($udp, '0.0.0.0', $port);",
  '    socket_listen($udp, 100000);',
  '}',
  '',
].join('\n');

describe('fast edits in a large file', () => {
  it(`shows only the final version's diagnostics after ${TYPED.length} keystrokes into a ${LINES}-line file`, async () => {
    const { workbench } = session;
    const original = readFileSync(session.path('big.php'), 'utf8');
    expect(original.split('\n').length).toBeGreaterThanOrEqual(LINES);
    await workbench.openFile('big.php');
    await workbench.showProblems();
    const before = expectedProblems('big.php', original);
    expect(before.length).toBeGreaterThan(0);
    await expect.poll(async () => shape(await workbench.problemsIn('big.php')), { timeout: STARTUP_TIMEOUT, interval: 250 }).toEqual(before);

    await workbench.goTo(3, 1);
    const started = Date.now();
    await workbench.page.keyboard.type(TYPED);
    const typingMs = Date.now() - started;
    await workbench.save();
    const final = readFileSync(session.path('big.php'), 'utf8');
    expect(final).toBe(original.replace('declare(strict_types=1);\n\n', `declare(strict_types=1);\n${TYPED}\n`));

    const after = expectedProblems('big.php', final);
    // The typed code reports (datagram listen, unchecked bind and listen, backlog), and every old finding moved down.
    expect(after.map((row) => row.code)).toEqual(expect.arrayContaining(['listen-on-datagram', 'unrealistic-backlog', 'unchecked-false-return']));
    await expect.poll(async () => shape(await workbench.problemsIn('big.php')), { timeout: TIMEOUT, interval: 100 }).toEqual(after);
    await session.screenshot('final diagnostics');

    // A request that the server answers after everything typed: nothing older shows up after it.
    await workbench.goTo(6, 12);
    expect(await workbench.hoverAtCursor()).toContain('socket_create(');
    await workbench.page.keyboard.press('Escape');
    expect(shape(await workbench.problemsIn('big.php'))).toEqual(after);
    expect(await workbench.page.locator('[id="status.problems"]').getAttribute('aria-label')).toBe(
      `Errors: ${after.filter((row) => row.severity === 'error').length}, Warnings: ${after.filter((row) => row.severity === 'warning').length}`,
    );
    console.log(`typed ${TYPED.length} characters in ${typingMs} ms (${(typingMs / TYPED.length).toFixed(1)} ms per key)`);
  });
});
