// One end-to-end session per test file: a code-server with the packaged extension and a copy
// of a fixture workspace, and Chromium showing it. `useSession()` registers the hooks: start
// before the file's tests, a screenshot after each test (pass or fail) under
// .artifacts/e2e/<file>/, and stop — browser first, then code-server's process group — after
// the last, also when a test or the start itself failed.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { startCodeServer, type CodeServer } from './code-server';
import { ROOT } from './processes';
import { Workbench } from './workbench';

export const ARTIFACTS = join(ROOT, '.artifacts', 'e2e');
export const FIXTURES = join(ROOT, 'test', 'e2e', 'fixtures');

export interface SessionOptions {
  /** Folder under test/e2e/fixtures/ copied as the workspace; default `workspace`. */
  fixture?: string;
  userSettings?: Record<string, unknown>;
  /** Runs after the workspace is copied and before VS Code opens it (e.g. to generate files). */
  prepare?: (workspace: string) => void;
}

export interface Session {
  readonly server: CodeServer;
  readonly workbench: Workbench;
  /** A file of the workspace copy. */
  path(name: string): string;
  /** A screenshot now, next to the one taken after the test. */
  screenshot(label: string): Promise<void>;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

export function useSession(testFile: string, options: SessionOptions = {}): Session {
  const name = basename(testFile).replace(/\.e2e\.ts$/, '');
  const artifacts = join(ARTIFACTS, name);
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let count = 0;

  beforeAll(async () => {
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    const { codeServerDir, vsix, runDir } = inject('e2e');
    server = await startCodeServer({ name, codeServerDir, vsix, runDir, fixture: join(FIXTURES, options.fixture ?? 'workspace'), userSettings: options.userSettings });
    options.prepare?.(server.workspace);
    workbench = await Workbench.open(server, join(server.userDataDir, '..', 'chromium-profile'));
  });

  afterEach(async ({ task }) => {
    count++;
    const failed = task.result?.state === 'fail';
    await workbench?.screenshot(join(artifacts, `${String(count).padStart(2, '0')}-${slug(task.name)}${failed ? '-FAILED' : ''}.png`)).catch(() => undefined);
  });

  afterAll(async () => {
    if (workbench) await workbench.screenshot(join(artifacts, 'zz-last.png')).catch(() => undefined);
    await workbench?.close().catch(() => undefined);
    await server?.stop();
    if (server && existsSync(server.logFile)) copyFileSync(server.logFile, join(artifacts, 'code-server.log'));
  });

  return {
    get server() {
      if (!server) throw new Error('the session did not start');
      return server;
    },
    get workbench() {
      if (!workbench) throw new Error('the session did not start');
      return workbench;
    },
    path(file: string) {
      return join(this.server.workspace, file);
    },
    async screenshot(label: string) {
      await this.workbench.screenshot(join(artifacts, `${String(count + 1).padStart(2, '0')}-${slug(label)}.png`));
    },
  };
}
