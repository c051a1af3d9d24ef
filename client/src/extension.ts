/// <reference types="vscode" />
// The VS Code client: starts the bundled language server (dist/server.js) over IPC and shows
// its state. Everything else — diagnostics, fixes, hover, the workspace command — is the server's.
import * as path from 'node:path';
import { commands, StatusBarAlignment, Uri, window, workspace, type ExtensionContext, type StatusBarItem } from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, SERVER_NAME, SETTINGS_SECTION } from '../../server/src/shared/protocol';

let client: LanguageClient | undefined;

const STATE_LABELS: Record<State, { icon: string; text: string }> = {
  [State.Starting]: { icon: '$(sync~spin)', text: 'starting' },
  [State.Running]: { icon: '$(check)', text: 'running' },
  [State.Stopped]: { icon: '$(error)', text: 'stopped' },
  [State.StartFailed]: { icon: '$(error)', text: 'failed to start' },
};

function showState(item: StatusBarItem, state: State): void {
  const label = STATE_LABELS[state];
  item.text = `${label.icon} PHP Socket Lint`;
  item.tooltip = `php-socket-lint server: ${label.text}. Click to show the output.`;
}

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel('PHP Socket Lint', { log: true });
  const status = window.createStatusBarItem(`${SETTINGS_SECTION}.status`, StatusBarAlignment.Right, 0);
  status.name = 'PHP Socket Lint';
  status.command = Commands.showOutput;
  showState(status, State.Starting);
  status.show();
  context.subscriptions.push(output, status, commands.registerCommand(Commands.showOutput, () => output.show(true)));
  context.subscriptions.push(commands.registerCommand(Commands.portFile, portActiveFile));
  context.subscriptions.push(commands.registerCommand(Commands.restartServer, () => restartServer(output)));

  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'php' },
      { scheme: 'untitled', language: 'php' },
    ],
    outputChannel: output,
    middleware: { workspace: { configuration: withExplicitValuesOnly } },
  };
  // The id makes `phpSocketLint.trace.server` the trace setting. The server's commands
  // (phpSocketLint.lintWorkspace) are registered by the client once the server announces them.
  client = new LanguageClient(SETTINGS_SECTION, SERVER_NAME, serverOptions, clientOptions);
  context.subscriptions.push(client.onDidChangeState((event) => showState(status, event.newState)));
  try {
    // Awaited so that a command which activated the extension finds the server's commands registered.
    await client.start();
  } catch (error) {
    output.error(`The php-socket-lint server did not start: ${error instanceof Error ? error.message : String(error)}`);
    showState(status, State.StartFailed);
  }
}

/** The palette's "Restart Server": a new server process, which logs its start line again. */
async function restartServer(output: { info(message: string): void; error(message: string): void }): Promise<void> {
  if (!client) return;
  output.info('Restarting the php-socket-lint server (PHP Socket Lint: Restart Server).');
  try {
    await client.restart();
  } catch (error) {
    output.error(`The php-socket-lint server did not restart: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Settings whose value `.phpsocketlintrc.json` may give too. VS Code answers every setting with
 * its contributed default (4096, "8.0") when nobody set it, and the server lets an editor
 * value beat the file's: these are sent only when a user or workspace setting names them
 * (null otherwise), so the file still decides unless the user chose in the editor.
 */
const FILE_OVERRIDABLE = ['somaxconn', 'phpVersion'] as const;

const withExplicitValuesOnly: NonNullable<Middleware['workspace']>['configuration'] = async (params, token, next) => {
  const answers = await next(params, token);
  if (!Array.isArray(answers)) return answers;
  return answers.map((answer: unknown, index) => {
    const item = params.items[index];
    if (item?.section !== SETTINGS_SECTION || typeof answer !== 'object' || answer === null) return answer;
    const scoped = workspace.getConfiguration(SETTINGS_SECTION, item.scopeUri ? Uri.parse(item.scopeUri) : undefined);
    const sent: Record<string, unknown> = { ...(answer as Record<string, unknown>) };
    for (const key of FILE_OVERRIDABLE) {
      const where = scoped.inspect(key);
      const chosen = [where?.globalValue, where?.workspaceValue, where?.workspaceFolderValue, where?.globalLanguageValue, where?.workspaceLanguageValue, where?.workspaceFolderLanguageValue];
      if (chosen.every((value) => value === undefined)) sent[key] = null;
    }
    return sent;
  });
};

/** The palette's "Port File to TypeScript": the server's port command on the active PHP file. */
async function portActiveFile(): Promise<void> {
  const document = window.activeTextEditor?.document;
  if (!document || document.languageId !== 'php') {
    void window.showWarningMessage('Port File to TypeScript: open a PHP file first.');
    return;
  }
  if (document.uri.scheme !== 'file') {
    void window.showWarningMessage('Port File to TypeScript: save the file first; the port is written beside it.');
    return;
  }
  await commands.executeCommand(Commands.portToTypeScript, document.uri.toString(), document.version);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
