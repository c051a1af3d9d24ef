/// <reference types="vscode" />
// The VS Code client: starts the bundled language server (dist/server.js) over IPC and shows
// its state. Everything else — diagnostics, fixes, hover, the workspace command — is the server's.
import * as path from 'node:path';
import { commands, StatusBarAlignment, window, type ExtensionContext, type StatusBarItem } from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
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
