// One code-server per test file: the project's .vsix installed into a fresh extensions folder,
// a throwaway user-data folder with seeded settings, a copy of a fixture workspace, served on
// 127.0.0.1 at a free port (the kernel picks it: `--bind-addr 127.0.0.1:0`). It runs in its
// own process group and is stopped by that group's id: by stop(), by the exit handlers of
// the test process, and as a last resort by the global teardown (pid files in the run folder).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerEntry } from './setup.mjs';
import { groupAlive, killGroup } from './processes';

/** User settings every session starts with: no welcome page, walkthroughs, tips, telemetry
 * prompts, update or extension-gallery traffic, and no editor help that rewrites typed text. */
export const BASE_USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'workbench.editor.enablePreview': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'remote.autoForwardPorts': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': true,
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  // The built-in PHP support would run `php -l` (php-cli is installed for other tests) and
  // suggest words; only this extension's diagnostics belong in the Problems panel.
  'php.validate.enable': false,
  'php.suggest.basic': false,
  // Typing in the tests must give exactly the typed text.
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingComments': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.wordBasedSuggestions': 'off',
  'editor.parameterHints.enabled': false,
  'editor.inlineSuggest.enabled': false,
  'editor.codeLens': false,
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.lightbulb.enabled': 'off',
  'editor.hover.delay': 150,
  'breadcrumbs.enabled': false,
  'problems.showCurrentInStatus': false,
};

export interface CodeServerOptions {
  /** Session folder name (for logs and artifacts). */
  name: string;
  /** Prepared code-server folder. */
  codeServerDir: string;
  vsix: string;
  /** Where the session's folders go (the run folder: removed at the end of the run). */
  runDir: string;
  /** A fixture folder copied as the workspace. */
  fixture: string;
  /** Merged over BASE_USER_SETTINGS. */
  userSettings?: Record<string, unknown>;
}

export interface CodeServer {
  pid: number;
  url: string;
  /** The copied workspace folder (served as the window's folder). */
  workspace: string;
  userDataDir: string;
  /** `User/settings.json` in the user-data folder. */
  userSettingsFile: string;
  /** code-server's own output. */
  logFile: string;
  stop(): Promise<void>;
}

const running = new Set<number>();
let handlersInstalled = false;

/** Whatever ends this test process, the code-servers it started end with it. */
function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const killAll = () => {
    for (const pid of running) killGroup(pid, 'SIGKILL');
    running.clear();
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

function waitForExit(child: ChildProcess, pgid: number, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        if (!groupAlive(pgid)) return resolve(true);
      }
      if (Date.now() - started > ms) return resolve(false);
      setTimeout(check, 50);
    };
    check();
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  installExitHandlers();
  const root = mkdtempSync(join(options.runDir, `${options.name}-`));
  const workspace = join(root, 'workspace');
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const userSettingsFile = join(userDataDir, 'User', 'settings.json');
  const logFile = join(root, 'code-server.log');
  cpSync(options.fixture, workspace, { recursive: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir);
  writeFileSync(userSettingsFile, JSON.stringify({ ...BASE_USER_SETTINGS, ...options.userSettings }, null, 2));
  // Its own config file, so the user's ~/.config/code-server is neither read nor written.
  const config = join(root, 'config.yaml');
  writeFileSync(config, 'auth: none\n');

  const entry = codeServerEntry(options.codeServerDir);
  const env = {
    ...process.env,
    // No extension gallery: nothing leaves the machine, nothing is offered for install.
    EXTENSIONS_GALLERY: '{}',
  };
  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const install = spawnSync(process.execPath, [entry, ...common, '--install-extension', options.vsix], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (install.status !== 0 || !/successfully installed/.test(install.stdout)) {
    throw new Error(`installing the .vsix failed (exit ${install.status}):\n${install.stdout}${install.stderr}`);
  }

  const child = spawn(
    process.execPath,
    [
      entry,
      ...common,
      '--auth', 'none',
      '--bind-addr', '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-proxy',
      '--ignore-last-opened',
      workspace,
    ],
    { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start');
  running.add(pid);
  const pidFile = join(options.runDir, 'pids', String(pid));
  writeFileSync(pidFile, '');
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      killGroup(pid, 'SIGTERM');
      if (!(await waitForExit(child, pid, 10_000))) {
        killGroup(pid, 'SIGKILL');
        await waitForExit(child, pid, 10_000);
      }
      running.delete(pid);
      rmSync(pidFile, { force: true });
      log.end();
    })());

  try {
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`code-server did not listen within 60 s:\n${seen}`)), 60_000);
      const onData = (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(seen);
        if (match) {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${seen}`));
      });
    });
    return { pid, url, workspace, userDataDir, userSettingsFile, logFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
