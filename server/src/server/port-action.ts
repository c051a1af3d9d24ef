// "Port file to TypeScript": a source action whose command creates `<name>.ts` beside the PHP
// file through a workspace edit (a create-file operation plus the text), and php-runtime.ts, which
// a faithful port imports, when the folder has none or an older one. The port runs only when the
// user picks the action, never for the light bulb's frequent requests.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CodeActionKind, MessageType, ShowMessageNotification, type CodeAction, type CodeActionParams, type Connection, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mentionsSocketApi } from '../core/lint';
import { portPhpToTypeScript, runtimeFileStatus, type RuntimeModule } from '../port/index';
import { Commands, DIAGNOSTIC_SOURCE, PORT_KIND } from '../shared/protocol';

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

/** Calls whose line offers the port quick fix even without a finding. */
const SETUP_CALL = /\bsocket_(create|listen|accept|bind)\s*\(/i;

// A cheap look at the text for the kinds of socket the program opens: ext/sockets' types and the
// stream transports ('udp://host:port' for fsockopen() and stream_socket_*()).
const DATAGRAM = /\bSOCK_DGRAM\b|["']udp:\/\//i;
const STREAM = /\bSOCK_STREAM\b|\bsocket_create_listen\s*\(|["'](?:tcp|tls|ssl|unix):\/\//i;

/** The Node modules a port of the program uses: "node:dgram" for UDP only, both for both, else "node:net". */
function portModule(text: string): string {
  if (!DATAGRAM.test(text)) return 'node:net';
  return STREAM.test(text) ? 'node:net / node:dgram' : 'node:dgram';
}

/**
 * The light bulb's "Port to TypeScript (node:net)": on every php-socket-lint finding and on the
 * lines of socket_create/listen/accept/bind calls. It only names the command; the port runs
 * when the user picks it.
 */
export function portQuickFix(document: TextDocument, params: CodeActionParams): CodeAction | undefined {
  const ours = params.context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
  const lines = document.getText({ start: { line: params.range.start.line, character: 0 }, end: { line: params.range.end.line + 1, character: 0 } });
  if (ours.length === 0 && !SETUP_CALL.test(lines)) return undefined;
  if (!portTarget(document.uri)) return undefined;
  const title = `Port to TypeScript (${portModule(document.getText())})`;
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: ours,
    command: { title, command: Commands.portToTypeScript, arguments: [document.uri, document.version] },
  };
}

/** Is there a node_modules/@types/node in the folder of `path` or above it? */
export function hasNodeTypes(path: string, exists: (path: string) => boolean = existsSync): boolean {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    if (exists(join(folder, 'node_modules', '@types', 'node'))) return true;
    if (dirname(folder) === folder) return false;
  }
}

/** Creates a file holding `text` (replacing it when `overwrite`). */
function createFile(uri: string, text: string, overwrite: boolean): NonNullable<WorkspaceEdit['documentChanges']> {
  return [
    { kind: 'create', uri, options: { overwrite, ignoreIfExists: false } },
    { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
  ];
}

/**
 * The edit that writes php-runtime.ts beside the port (none when the same one is there, one of a
 * newer php-socket-lint, or the user's file), and the note about another version it found.
 */
function runtimeChanges(target: string, runtime: RuntimeModule | undefined): { changes: NonNullable<WorkspaceEdit['documentChanges']>; note?: string } {
  if (!runtime) return { changes: [] };
  const path = join(dirname(fileURLToPath(target)), runtime.fileName);
  const existing = existsSync(path) ? readFileSync(path, 'latin1') : undefined;
  const { action, note } = runtimeFileStatus(existing);
  return { changes: action === 'write' ? createFile(pathToFileURL(path).href, runtime.code, existing !== undefined) : [], note };
}

export function portEdit(document: TextDocument, target: string): { edit: WorkspaceEdit; unported: number; style: string; reason?: string; runtimeNote?: string } {
  // The document's path, so that the files it includes are found beside it.
  const { code, unported, style, module, reason, runtime } = portPhpToTypeScript(document.getText(), fileURLToPath(document.uri));
  const { changes, note } = runtimeChanges(target, runtime);
  const edit: WorkspaceEdit = { documentChanges: [...createFile(target, code, false), ...changes] };
  return { edit, unported: unported.length, style: style === 'idiomatic' ? `idiomatic ${module}` : 'faithful', reason, runtimeNote: note };
}

/** Runs the command: ports the document as it is now and asks the client to create the file. */
export async function runPort(connection: Connection, document: TextDocument | undefined, canShow: boolean): Promise<string | null> {
  if (!document) return null;
  const target = portTarget(document.uri);
  if (!target) {
    notify(connection, MessageType.Warning, 'Port file to TypeScript: the target .ts file exists already.');
    return null;
  }
  const { edit, unported, style, reason, runtimeNote } = portEdit(document, target);
  const result = await connection.workspace.applyEdit({ label: TITLE, edit });
  if (!result.applied) {
    notify(connection, MessageType.Error, `Port file to TypeScript: the editor did not create ${target}${result.failureReason ? `: ${result.failureReason}` : ''}.`);
    return null;
  }
  const left = unported === 0 ? 'everything was ported' : `${unported} statement(s) left as // TODO(port) comments`;
  const why = reason ? ` (the idiomatic form cannot carry ${reason})` : '';
  const types = hasNodeTypes(fileURLToPath(target)) ? '' : ' This folder has no @types/node: run `npm i -D @types/node typescript` to type-check it.';
  const runtime = runtimeNote ? ` ${runtimeNote}.` : '';
  notify(connection, MessageType.Info, `Ported to ${basename(fileURLToPath(target))} (${style} port${why}): ${left}.${runtime}${types}`);
  if (canShow) await connection.window.showDocument({ uri: target, takeFocus: true }).catch(() => undefined);
  return target;
}


/** A plain notification: `window.show*Message` would send a request that some clients answer late or never. */
function notify(connection: Connection, type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
}
