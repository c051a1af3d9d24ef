// Docs that open, in real VS Code: a finding's code link in the Problems panel and its "Show
// documentation" quick fix both open the rule's page bundled in the installed .vsix, inside the
// editor — no browser, no URL to a site.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './processes';
import { useSession } from './session';
import { STARTUP_TIMEOUT, TIMEOUT } from './workbench';

const session = useSession(import.meta.filename);
const RULE = 'socket-is-resource';
const PAGE = readFileSync(join(ROOT, 'docs', 'rules', `${RULE}.md`), 'utf8');

/** The text of the active editor's first line, as the editor renders it. */
async function firstLine(): Promise<string> {
  const line = session.workbench.page.locator('.editor-instance .monaco-editor .view-lines .view-line').first();
  return ((await line.textContent().catch(() => null)) ?? '').replace(/\u00a0/g, ' ');
}

async function expectRulePageOpen(): Promise<void> {
  const { workbench } = session;
  await expect.poll(() => workbench.activeTabLabel(), { timeout: TIMEOUT }).toMatch(new RegExp(`^${RULE}\\.md`));
  await expect.poll(firstLine, { timeout: TIMEOUT }).toBe(PAGE.split('\n')[0]);
}

describe('rule documentation in VS Code', () => {
  it('the code link of a finding in the Problems panel opens the bundled rule page in the editor', async () => {
    const { workbench } = session;
    await workbench.openFile('quick-fix.php');
    await workbench.showProblems();
    await expect.poll(async () => (await workbench.problemsIn('quick-fix.php')).map((p) => p.code), { timeout: STARTUP_TIMEOUT, interval: 250 }).toContain(RULE);
    const link = workbench.page.locator('.markers-panel .monaco-list-row .marker-code').filter({ hasText: RULE }).first();
    await link.click();
    await expectRulePageOpen();
    await session.screenshot('code link opened the rule page');
  });

  it('"Show documentation" from Ctrl+. opens the same page', async () => {
    const { workbench } = session;
    await workbench.openFile('quick-fix.php');
    const line = readFileSync(session.path('quick-fix.php'), 'utf8').split('\n').findIndex((text) => text.includes('if (!is_resource(')) + 1;
    await workbench.goTo(line, 10);
    await expect.poll(() => workbench.squigglesAtCursor(), { timeout: STARTUP_TIMEOUT, interval: 250 }).not.toEqual([]);
    const titles = await workbench.openQuickFixMenu();
    expect(titles).toContain(`Show documentation for ${RULE}`);
    await workbench.chooseAction(`Show documentation for ${RULE}`);
    await expectRulePageOpen();
  });
});
