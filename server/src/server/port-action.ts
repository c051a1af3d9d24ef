// "Port file to TypeScript": a source action whose command creates `<name>.ts` beside the PHP
// file through a workspace edit (a create-file operation plus the text). The port runs only
// when the user picks the action, never for the light bulb's frequent requests.
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageType, ShowMessageNotification, type CodeAction, type Connection, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mentionsSocketApi } from '../core/lint';
import { portPhpToTypeScript } from '../port/index';
import { Commands, PORT_KIND } from '../shared/protocol';

const TITLE = 'Port file to TypeScript (node:net / node:dgram)';

/** `server.php` → `server.ts`, or `server.ported.ts` when that exists; undefined when both do or the folder is not on disk. */
export function portTarget(phpUri: string, exists: (path: string) => boolean = existsSync): string | undefined {
  if (!phpUri.startsWith('file:')) return undefined;
  const path = fileURLToPath(phpUri);
  // A document whose folder is not on disk (a virtual file system) has nowhere to port to.
  if (!exists(dirname(path))) return undefined;
  const stem = path.replace(/\.php$/i, '');
  for (const candidate of [`${stem}.ts`, `${stem}.ported.ts`]) if (!exists(candidate)) return pathToFileURL(candidate).href;
  return undefined;
}

export function portAction(document: TextDocument): CodeAction | undefined {
  if (!mentionsSocketApi(document.getText()) || !portTarget(document.uri)) return undefined;
  return {
    title: TITLE,
    kind: PORT_KIND,
    command: { title: TITLE, command: Commands.portToTypeScript, arguments: [document.uri, document.version] },
  };
}

export function portEdit(document: TextDocument, target: string): { edit: WorkspaceEdit; unported: number } {
  const { code, unported } = portPhpToTypeScript(document.getText(), basename(fileURLToPath(document.uri)));
  const edit: WorkspaceEdit = {
    documentChanges: [
      { kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: false } },
      { textDocument: { uri: target, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: code }] },
    ],
  };
  return { edit, unported: unported.length };
}

/** Runs the command: ports the document as it is now and asks the client to create the file. */
export async function runPort(connection: Connection, document: TextDocument | undefined, canShow: boolean): Promise<string | null> {
  if (!document) return null;
  const target = portTarget(document.uri);
  if (!target) {
    notify(connection, MessageType.Warning, 'Port file to TypeScript: the target .ts file exists already.');
    return null;
  }
  const { edit, unported } = portEdit(document, target);
  const result = await connection.workspace.applyEdit({ label: TITLE, edit });
  if (!result.applied) {
    notify(connection, MessageType.Error, `Port file to TypeScript: the editor did not create ${target}${result.failureReason ? `: ${result.failureReason}` : ''}.`);
    return null;
  }
  const left = unported === 0 ? 'everything was ported' : `${unported} statement(s) left as // TODO(port) comments`;
  notify(connection, MessageType.Info, `Ported to ${basename(fileURLToPath(target))}: ${left}.`);
  if (canShow) await connection.window.showDocument({ uri: target, takeFocus: false }).catch(() => undefined);
  return target;
}


/** A plain notification: `window.show*Message` would send a request that some clients answer late or never. */
function notify(connection: Connection, type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
}
