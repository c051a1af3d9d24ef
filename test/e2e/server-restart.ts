// What every restart test checks once the old server is gone: one new process under code-server,
// and that process linting an edit of all-rules.php.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { expectedProblems, shape } from './expect-lint';
import { languageServers } from './processes';
import type { Session } from './session';
import { TIMEOUT } from './workbench';

/** The pid of the one language server running under code-server once it is not `old`. */
export async function replacementServer(codeServerPid: number, old: number): Promise<number> {
  const alive = () => languageServers(codeServerPid).map((info) => info.pid);
  await expect.poll(alive, { timeout: TIMEOUT }).toSatisfy((pids: number[]) => pids.length === 1 && pids[0] !== old);
  return alive()[0]!;
}

/** Lowers all-rules.php's backlog to 100 (no finding then) and waits for the Problems panel to say what the core says. */
export async function expectEditLinted(session: Session): Promise<void> {
  const { workbench } = session;
  await workbench.goTo(11, 28);
  for (let i = 0; i < '100000'.length; i++) await workbench.page.keyboard.press('Shift+ArrowRight');
  await workbench.page.keyboard.type('100');
  await workbench.save();
  await workbench.showProblems();
  const edited = readFileSync(session.path('all-rules.php'), 'utf8');
  expect(edited).toContain('socket_listen($server, 100);');
  await expect
    .poll(async () => shape(await workbench.problemsIn('all-rules.php')), { timeout: TIMEOUT, interval: 250 })
    .toEqual(expectedProblems('all-rules.php', edited));
}
