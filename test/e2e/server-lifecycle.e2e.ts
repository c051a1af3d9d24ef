// The server tells what it does: the output channel shows its start line (version, Node) and the
// config files it reads; "PHP Socket Lint: Restart Server" starts a new process, which says so with
// a second start line and lints again; and a setting's default shown in the Settings UI
// (somaxconn 4096) does not hide the value a .phpsocketlintrc.json gives.
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import { expectedProblems, shape } from './expect-lint';
import { languageServers } from './processes';
import { expectEditLinted, replacementServer } from './server-restart';
import { useSession } from './session';
import { STARTUP_TIMEOUT, TIMEOUT, until, type Workbench } from './workbench';

const LISTEN = '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_listen($s, 100000);\n';
/** The folder's own config: a host tuned far above the 4096 the Settings UI shows. */
const TUNED = { somaxconn: 200000 };

const session = useSession(import.meta.filename, {
  prepare: (workspace) => {
    mkdirSync(join(workspace, 'tuned'));
    writeFileSync(join(workspace, 'tuned', '.phpsocketlintrc.json'), JSON.stringify(TUNED));
    writeFileSync(join(workspace, 'tuned', 'listen.php'), LISTEN);
  },
});

const START_LINE = new RegExp(`php-socket-lint server ${version.replaceAll('.', '\\.')} started for [^()]+ \\(Node v\\d+\\.\\d+\\.\\d+, pid (\\d+)\\)`, 'g');

/** The Output panel's text with its soft wraps undone (a long path wraps onto the next row). */
async function outputText(workbench: Workbench): Promise<string> {
  return (await workbench.output()).text.replaceAll('\n', '');
}

/** The output channel's own log file (a log output channel writes one), in full: the panel shows only what fits. */
function channelLog(userDataDir: string): string {
  const found: string[] = [];
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('PHP Socket Lint.log')) found.push(path);
    }
  };
  visit(join(userDataDir, 'logs'));
  found.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  return found.length > 0 ? readFileSync(found.at(-1)!, 'utf8') : '';
}

/** Quick Open for a file below the workspace root (Workbench.openFile takes files at the root). */
async function openNestedFile(workbench: Workbench, path: string, name: string): Promise<void> {
  await workbench.runCommand('View: Close All Editors');
  await until('no editor open', () => workbench.page.locator('.tabs-container .tab').count(), (count) => count === 0);
  await workbench.page.keyboard.press('Control+P');
  await workbench.quickInput.waitFor({ state: 'visible', timeout: TIMEOUT });
  await workbench.quickInput.fill(path);
  const first = workbench.page.locator('.quick-input-widget .monaco-list-row').first();
  await until(`first quick open row ${path}`, async () => (await first.getAttribute('aria-label', { timeout: 1_000 })) ?? '', (label) => label.startsWith(`${name} `));
  await workbench.page.keyboard.press('Enter');
  await until(`active tab ${name}`, () => workbench.activeTabLabel(), (label) => label === name);
}

function startedPids(log: string): number[] {
  return [...log.matchAll(START_LINE)].map((match) => Number(match[1]));
}

describe('the server in the output channel', () => {
  it('shows the start line and the config file read in the output channel', async () => {
    const { workbench, server } = session;
    await workbench.openFile('all-rules.php');
    await workbench.showProblems();
    const text = readFileSync(session.path('all-rules.php'), 'utf8');
    await expect
      .poll(async () => shape(await workbench.problemsIn('all-rules.php')), { timeout: STARTUP_TIMEOUT, interval: 250 })
      .toEqual(expectedProblems('all-rules.php', text));
    await workbench.runCommand('PHP Socket Lint: Show Output');
    await expect.poll(async () => (await workbench.output()).channel, { timeout: TIMEOUT }).toBe('PHP Socket Lint');
    const [running] = languageServers(server.pid);
    await expect.poll(async () => startedPids(await outputText(workbench)), { timeout: TIMEOUT }).toEqual([running!.pid]);
    await expect.poll(() => outputText(workbench), { timeout: TIMEOUT }).toContain(`Reading ${session.path('.phpsocketlintrc.json')}`);
  });

  it('Restart Server starts a new server: a second start line, and diagnostics from the new process', async () => {
    const { workbench, server } = session;
    const before = languageServers(server.pid).map((info) => info.pid);
    expect(before).toHaveLength(1);
    expect(startedPids(channelLog(server.userDataDir))).toEqual(before);

    await workbench.runCommand('PHP Socket Lint: Restart Server');
    const restarted = await replacementServer(server.pid, before[0]!);
    await expect.poll(() => startedPids(channelLog(server.userDataDir)), { timeout: TIMEOUT }).toEqual([before[0], restarted]);
    await expect.poll(async () => startedPids(await outputText(workbench)), { timeout: TIMEOUT }).toContain(restarted);
    await expect.poll(() => workbench.statusLabel(), { timeout: TIMEOUT }).toMatch(/server: running\./);
    await session.screenshot('output after Restart Server');

    // The new process lints: an edit that fixes the backlog changes the Problems panel.
    await expectEditLinted(session);
    expect(languageServers(server.pid).map((info) => info.pid)).toEqual([restarted]);
  });

  it('a .phpsocketlintrc.json somaxconn beats the default the Settings UI shows', async () => {
    const { workbench } = session;
    await openNestedFile(workbench, 'tuned/listen.php', 'listen.php');
    await workbench.showProblems();
    const expected = expectedProblems('listen.php', LISTEN, TUNED);
    // Linted (the unchecked results), but the backlog of 100000 is within the folder's 200000.
    expect(expected.map((row) => row.code)).toContain('unchecked-false-return');
    expect(expected.map((row) => row.code)).not.toContain('unrealistic-backlog');
    await expect.poll(async () => shape(await workbench.problemsIn('listen.php')), { timeout: STARTUP_TIMEOUT, interval: 250 }).toEqual(expected);
  });
});
