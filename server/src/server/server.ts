// The language server: open documents are validated with the core on open and on every
// change (or on save), diagnostics are pushed — or pulled where the client announces pull
// diagnostics — from one validation function, and code actions, fix-all, hover and the
// workspace command read the findings recorded for the version they are asked about.
// The core runs in worker threads (diagnostics.ts, lint-worker.ts): this thread reads and
// answers messages, so a hover or a code action is answered while a long lint runs.
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version as SERVER_VERSION } from '../../../package.json';
import { CONFIG_FILE_NAME } from '../core/config';
import { Commands, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SERVER_NAME, SETTINGS_SECTION, PORT_KIND } from '../shared/protocol';
import { codeActionsFor } from './code-actions';
import { toLspRange, Validator, Workers, type Validation } from './diagnostics';
import type { HoverResult } from './hover';
import { mayHover } from './hover';
import { runPort } from './port-action';
import { isRuleDocsUri } from './rule-docs';
import { filePathOf, lintWorkspace } from './lint-workspace';
import { SettingsStore } from './settings';
import { fullReport, publishParams, type Diagnostics } from './transport';

/** Why a document is validated; `change` is skipped when `run` is `onSave`. */
type Trigger = 'open' | 'change' | 'save' | 'settings';

interface ClientSupport {
  configuration: boolean;
  configurationRegistration: boolean;
  watchedFilesRegistration: boolean;
  pullDiagnostics: boolean;
  pullRefresh: boolean;
  documentChanges: boolean;
  workspaceFolders: boolean;
  showDocument: boolean;
}

/** The next turn of the event loop, after pending I/O: messages that arrived meanwhile are read first. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let client: ClientSupport = {
    configuration: false,
    configurationRegistration: false,
    watchedFilesRegistration: false,
    pullDiagnostics: false,
    pullRefresh: false,
    documentChanges: false,
    workspaceFolders: false,
    showDocument: false,
  };
  let folders: WorkspaceFolder[] = [];
  const settings = new SettingsStore(connection, () => client.configuration);
  const workers = new Workers();
  const validator = new Validator(documents, settings, workers, (error) => connection.console.error(`php-socket-lint crashed while linting: ${describeError(error)}`));
  /** Diagnostics published by the workspace command for files that were closed then. */
  const publishedClosed = new Map<string, string>();
  const queued = new Map<string, Trigger>();
  const pushedSerial = new Map<string, number>();
  /** What each document was last sent, pushed or pulled: a relint to the same result is not resent. */
  const pushedDiagnostics = new Map<string, SentDiagnostics>();
  const pulledResults = new Map<string, SentDiagnostics>();

  connection.onInitialize((params): InitializeResult => {
    // The first line of the output channel (window/logMessage: every LSP client can show it).
    const by = params.clientInfo ? ` for ${params.clientInfo.name}${params.clientInfo.version ? ` ${params.clientInfo.version}` : ''}` : '';
    connection.console.info(`${SERVER_NAME} server ${SERVER_VERSION} started${by} (Node ${process.version}, pid ${process.pid})`);
    const capabilities = params.capabilities;
    client = {
      configuration: capabilities.workspace?.configuration === true,
      configurationRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      watchedFilesRegistration: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
      pullRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
      documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      workspaceFolders: capabilities.workspace?.workspaceFolders === true,
      showDocument: capabilities.window?.showDocument?.support === true,
    };
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: params.rootUri }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, PORT_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: [Commands.lintWorkspace, Commands.showDocumentation, Commands.portToTypeScript] },
        ...(client.pullDiagnostics
          ? { diagnosticProvider: { identifier: SERVER_NAME, interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    const registered = (what: string) => (error: unknown) => connection.console.warn(`Could not register for ${what}: ${String(error)}`);
    if (client.configurationRegistration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(registered('settings changes'));
    }
    if (client.watchedFilesRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] })
        .catch(registered(`${CONFIG_FILE_NAME} changes`));
    }
    if (client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        folders = [...folders.filter((folder) => !removed.has(folder.uri)), ...event.added];
      });
    }
  });

  // ── Validation: push ───────────────────────────────────────────────────────────────────
  // Changes are coalesced per document with setImmediate (no debounce longer than a lint);
  // work for a version that an edit superseded is dropped before it is published.

  const STRONGER: Record<Trigger, number> = { change: 0, settings: 1, save: 2, open: 3 };

  function schedule(uri: string, trigger: Trigger): void {
    const waiting = queued.get(uri);
    if (waiting !== undefined) {
      if (STRONGER[trigger] > STRONGER[waiting]) queued.set(uri, trigger);
      return;
    }
    queued.set(uri, trigger);
    setImmediate(() => {
      const why = queued.get(uri);
      queued.delete(uri);
      if (why !== undefined) void validateAndReport(uri, why).catch((error) => connection.console.error(`Validating ${uri} failed: ${describeError(error)}`));
    });
  }

  async function validateAndReport(uri: string, trigger: Trigger): Promise<void> {
    const run = (await settings.forDocument(uri)).run;
    if (client.pullDiagnostics) {
      // The client pulls on open and change; a save matters when linting runs on save.
      if (trigger === 'save' && run === 'onSave') {
        const document = documents.get(uri);
        if (document && (await validator.validate(document)) && client.pullRefresh) await connection.languages.diagnostics.refresh();
      }
      return;
    }
    if (trigger === 'change' && run === 'onSave') return;
    const document = documents.get(uri);
    if (!document) return;
    const validation = await validator.validate(document);
    if (!validation) return; // superseded: the newer version is already scheduled
    await nextTurn();
    publish(validation);
  }

  function publish(validation: Validation): void {
    const { document, uri, version, serial } = validation;
    if (!validator.isCurrent(document, version) || pushedSerial.get(uri) === serial) return;
    pushedSerial.set(uri, serial);
    // The same version's same diagnostics again (a settings change relinted it) are not resent.
    if (sameAsSent(pushedDiagnostics.get(uri), validation)) return;
    pushedDiagnostics.set(uri, sentOf(validation, String(serial)));
    void connection.sendDiagnostics(publishParams(uri, version, validation.diagnostics));
  }

  function revalidateAll(): void {
    if (client.pullDiagnostics) {
      if (client.pullRefresh) connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    for (const document of documents.all()) schedule(document.uri, 'settings');
  }

  /** Diagnostics the workspace command published for a file before it was opened, or after. */
  function clearClosedPublish(uri: string): void {
    const path = filePathOf(uri);
    const publishedUri = path === undefined ? undefined : publishedClosed.get(path);
    if (path === undefined || publishedUri === undefined) return;
    publishedClosed.delete(path);
    pushedDiagnostics.delete(publishedUri);
    if (publishedUri !== uri || client.pullDiagnostics) void connection.sendDiagnostics({ uri: publishedUri, diagnostics: [] });
  }

  documents.onDidOpen((event) => {
    clearClosedPublish(event.document.uri);
    schedule(event.document.uri, 'open');
  });
  documents.onDidChangeContent((event) => schedule(event.document.uri, 'change'));
  documents.onDidSave((event) => schedule(event.document.uri, 'save'));
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    queued.delete(uri);
    validator.forget(uri);
    settings.drop(uri);
    pushedSerial.delete(uri);
    pushedDiagnostics.delete(uri);
    pulledResults.delete(uri);
    clearClosedPublish(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    validator.invalidate();
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles((change) => {
    if (!change.changes.some((event) => event.uri.endsWith(`/${CONFIG_FILE_NAME}`))) return;
    settings.forgetAll();
    validator.invalidate();
    revalidateAll();
  });

  // ── Validation: pull ───────────────────────────────────────────────────────────────────

  connection.languages.diagnostics.on(logFailures(connection, 'textDocument/diagnostic', async (params, token): Promise<DocumentDiagnosticReport> => {
    const uri = params.textDocument.uri;
    if (!documents.get(uri)) return { kind: 'full', items: [] };
    const run = (await settings.forDocument(uri)).run;
    const last = validator.latest(uri);
    const document = documents.get(uri);
    const validation = run === 'onSave' && last ? last : document && (await validator.validate(document));
    if (!documents.get(uri)) return { kind: 'full', items: [] };
    if (!validation || token.isCancellationRequested) {
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; pull again.', { retriggerRequest: true });
    }
    // The same diagnostics again (a settings change relinted the file to the same result) keep
    // their result id: the client keeps its markers, and nothing that listens to them (an open
    // Ctrl+. menu) is disturbed.
    const sent = pulledResults.get(uri);
    const resultId = sent && sameAsSent(sent, validation) ? sent.resultId : String(validation.serial);
    pulledResults.set(uri, sentOf(validation, resultId));
    if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
    return fullReport(resultId, validation.diagnostics);
  }));

  // ── Code actions, hover, commands ──────────────────────────────────────────────────────

  connection.onCodeAction(logFailures(connection, 'textDocument/codeAction', async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    // Never behind a lint: the lint of this very version. A request that names our diagnostics
    // waits for it (the lint of an edit runs in a worker and may still be under way); any other
    // request is answered at once from a finished lint, or without quick fixes.
    const { version } = document;
    const namesOurs = params.context.diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE);
    const validation = namesOurs ? await validator.validate(document) : validator.finished(document);
    if (token.isCancellationRequested || !validator.isCurrent(document, version)) return [];
    const options = validation?.settings.options ?? (await settings.forDocument(document.uri)).options;
    return codeActionsFor(document, { validation, options, fixAll: (text, lintOptions) => workers.fixAll(text, lintOptions) }, params, {
      documentChanges: client.documentChanges,
    });
  }));

  connection.onHover(logFailures(connection, 'textDocument/hover', async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const text = document.getText();
    const offset = document.offsetAt(params.position);
    if (!mayHover(text, offset)) return null;
    const { version } = document;
    // The hover parses the text itself (in the interactive worker, never behind a lint); only
    // whether a socket is a datagram one comes from the findings, those of the last finished lint
    // moved through the edits since.
    const datagramRanges = datagramRangesFor(validator.latest(document.uri), text);
    let hover: HoverResult | null | undefined;
    if (workers.interactive) {
      const task = workers.interactive.run<HoverResult | null>({ kind: 'hover', uri: document.uri, version, text, offset, datagramRanges });
      token.onCancellationRequested(() => task.cancel({ running: false }));
      hover = await task.promise;
    } else {
      const [{ hoverAt }, { parsePhp }] = await Promise.all([import('./hover'), import('../core/parse')]);
      const datagram = new Set(datagramRanges.map((range) => `${range[0]}:${range[1]}`));
      hover = hoverAt(parsePhp(text), offset, (range) => (datagram.has(`${range[0]}:${range[1]}`) ? 'datagram' : 'stream'));
    }
    if (!hover || !validator.isCurrent(document, version)) return null;
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toLspRange(document, hover.range) };
  }));

  connection.onExecuteCommand(logFailures(connection, 'workspace/executeCommand', async (params, token) => {
    if (params.command === Commands.lintWorkspace) {
      return lintWorkspace(
        {
          connection,
          documents,
          settings,
          workers,
          folders: async () => folders,
          revalidate: (uri) => {
            if (!client.pullDiagnostics) schedule(uri, 'open');
          },
          publishedClosed,
        },
        token,
      );
    }
    if (params.command === Commands.portToTypeScript) {
      const uri = params.arguments?.[0];
      return typeof uri === 'string' ? runPort(connection, documents.get(uri), client.showDocument) : null;
    }
    if (params.command === Commands.showDocumentation) {
      // The bundled page, inside the editor (a file: URI the client opens as a document).
      const uri = params.arguments?.[0];
      if (typeof uri !== 'string' || !isRuleDocsUri(uri)) return null;
      if (client.showDocument) await connection.window.showDocument({ uri, takeFocus: true });
      else void connection.window.showInformationMessage(`Documentation: ${fileURLToPath(uri)}`);
      return null;
    }
    throw new ResponseError(LSPErrorCodes.RequestFailed, `Unknown command ${params.command}`);
  }));

  documents.listen(connection);
  connection.listen();
}

/** Diagnostics as last sent for a document: its version, the result id, and the diagnostics. */
interface SentDiagnostics {
  version: number;
  resultId: string;
  diagnostics: Diagnostics;
}

function sentOf(validation: Validation, resultId: string): SentDiagnostics {
  return { version: validation.version, resultId, diagnostics: validation.diagnostics };
}

/** The same version relinted to the same diagnostics (their JSON texts compared only then: it is rare). */
function sameAsSent(sent: SentDiagnostics | undefined, validation: Validation): boolean {
  if (!sent || sent.version !== validation.version || sent.diagnostics.length !== validation.diagnostics.length) return false;
  return sent.diagnostics === validation.diagnostics || sent.diagnostics.json === validation.diagnostics.json;
}

/**
 * The ranges of the datagram findings of `validation`, moved into `text`: unchanged before the
 * edits, shifted after them, dropped inside (the part of the text that changed since).
 */
export function datagramRangesFor(validation: Validation | undefined, text: string): [number, number][] {
  if (!validation) return [];
  const ranges = validation.findings.datagramRanges.map(([start, end]): [number, number] => [start, end]);
  if (ranges.length === 0 || validation.text === text) return ranges;
  const before = validation.text;
  let prefix = 0;
  const shortest = Math.min(before.length, text.length);
  while (prefix < shortest && before.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const changedEnd = before.length - suffix;
  const delta = text.length - before.length;
  return ranges.flatMap(([start, end]): [number, number][] => {
    if (end <= prefix) return [[start, end]];
    if (start >= changedEnd) return [[start + delta, end + delta]];
    return [];
  });
}

/** Describes an error for the output channel: internal errors with their stack. */
export function describeError(error: unknown): string {
  if (error instanceof ResponseError) return error.message;
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/**
 * A request handler whose failures are said in the output channel too, not only in the error
 * response (which some clients drop). A cancellation is routine and goes unsaid.
 */
function logFailures<P, T, R>(connection: Connection, method: string, handler: (params: P, token: T) => Promise<R>): (params: P, token: T) => Promise<R> {
  return async (params, token) => {
    try {
      return await handler(params, token);
    } catch (error) {
      if (!(error instanceof ResponseError && error.code === LSPErrorCodes.ServerCancelled)) {
        connection.console.error(`${method} failed: ${describeError(error)}`);
      }
      throw error;
    }
  };
}
