// The port in real VS Code: Ctrl+. on a finding offers "Port to TypeScript (node:net)", choosing
// it creates the .ts beside the file and opens it; the palette's "PHP Socket Lint: Port File to
// TypeScript" does the same for the active file.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './processes';
import { useSession } from './session';
import { STARTUP_TIMEOUT, TIMEOUT } from './workbench';

const PROGRAMS = join(ROOT, 'test', 'port-idiomatic', 'programs');
const session = useSession(import.meta.filename, {
  prepare: (workspace) => {
    copyFileSync(join(PROGRAMS, 'line-upper.php'), join(workspace, 'line-server.php'));
    copyFileSync(join(PROGRAMS, 'udp-upper.php'), join(workspace, 'udp-server.php'));
  },
});

/** Saves every editor and waits until `name` holds the port on disk. */
async function savedPort(name: string): Promise<string> {
  await session.workbench.runCommand('File: Save All Files');
  const path = join(session.server.workspace, name);
  await expect.poll(() => (existsSync(path) ? readFileSync(path, 'utf8') : ''), { timeout: TIMEOUT }).toMatch(/^\/\/ Ported from /);
  return readFileSync(path, 'utf8');
}

describe('porting to TypeScript in VS Code', () => {
  it('Ctrl+. on a finding offers "Port to TypeScript (node:net)", which creates and opens line-server.ts', async () => {
    const { workbench } = session;
    await workbench.openFile('line-server.php');
    const line = readFileSync(session.path('line-server.php'), 'utf8').split('\n').findIndex((text) => text.includes('socket_set_option(')) + 1;
    // unchecked-false-return on socket_set_option(): wait for its squiggle, then ask there.
    await workbench.goTo(line, 5);
    await expect.poll(() => workbench.squigglesAtCursor(), { timeout: STARTUP_TIMEOUT, interval: 250 }).not.toEqual([]);
    const titles = await workbench.openQuickFixMenu();
    expect(titles).toContain('Port to TypeScript (node:net)');
    await workbench.chooseAction('Port to TypeScript (node:net)');
    await expect.poll(() => workbench.activeTabLabel(), { timeout: TIMEOUT }).toMatch(/^line-server\.ts/);
    await session.screenshot('port quick fix opened the .ts');
    const code = await savedPort('line-server.ts');
    expect(code).toContain("server.on('connection', async (client) =>");
  });

  it('the palette command ports the active file', async () => {
    const { workbench } = session;
    await workbench.openFile('udp-server.php');
    await workbench.runCommand('PHP Socket Lint: Port File to TypeScript');
    await expect.poll(() => workbench.activeTabLabel(), { timeout: TIMEOUT }).toMatch(/^udp-server\.ts/);
    const code = await savedPort('udp-server.ts');
    expect(code).toContain("import * as dgram from 'node:dgram';");
  });
});
