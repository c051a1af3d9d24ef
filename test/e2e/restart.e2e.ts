// The client's side of a server's life: the status bar item, the output channel, and a server
// that dies (SIGKILL, found by pid under this code-server) and is started again by the client.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedProblems, shape } from './expect-lint';
import { languageServers } from './processes';
import { expectEditLinted, replacementServer } from './server-restart';
import { useSession } from './session';
import { STARTUP_TIMEOUT, TIMEOUT } from './workbench';

const session = useSession(import.meta.filename);

describe('the language server process', () => {
  it('shows the status bar item and, on a click, the output channel', async () => {
    const { workbench } = session;
    await workbench.openFile('all-rules.php');
    await workbench.showProblems();
    const text = readFileSync(session.path('all-rules.php'), 'utf8');
    await expect
      .poll(async () => shape(await workbench.problemsIn('all-rules.php')), { timeout: STARTUP_TIMEOUT, interval: 250 })
      .toEqual(expectedProblems('all-rules.php', text));
    await expect.poll(() => workbench.statusLabel(), { timeout: TIMEOUT }).toMatch(/PHP Socket Lint, php-socket-lint server: running\./);
    await workbench.statusItem().click();
    await expect.poll(async () => (await workbench.output()).channel, { timeout: TIMEOUT }).toBe('PHP Socket Lint');
  });

  it('restarts a killed server: the client says so, and diagnostics come back from the new process', async () => {
    const { workbench, server } = session;
    const before = languageServers(server.pid);
    expect(before, 'one php-socket-lint server under this code-server').toHaveLength(1);
    const killed = before[0]!.pid;
    expect(before[0]!.argv).toContain('--node-ipc');
    process.kill(killed, 'SIGKILL');

    await workbench.statusItem().click();
    await expect
      .poll(async () => (await workbench.output()).text, { timeout: TIMEOUT })
      .toContain('Connection to server got closed. Server will restart.');
    const restarted = await replacementServer(server.pid, killed);
    await expect.poll(() => workbench.statusLabel(), { timeout: TIMEOUT }).toMatch(/server: running\./);
    await session.screenshot('output after restart');

    // The new server lints edits: a backlog of 100 is no finding.
    await expectEditLinted(session);
    expect(languageServers(server.pid).map((info) => info.pid)).toEqual([restarted]);
  });
});
