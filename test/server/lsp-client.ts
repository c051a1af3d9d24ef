// A real JSON-RPC client for the tests: spawns `node bin/php-socket-lint-server.js --stdio`
// and speaks LSP to it over the child's stdin/stdout (or `--node-ipc` over Node's IPC channel, as
// the VS Code client starts it). Waiting is event-driven: every message
// that arrives re-checks the condition; a timeout fails the wait. No fixed sleeps.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  CodeAction,
  ConfigurationParams,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER_BIN = fileURLToPath(new URL('../../bin/php-socket-lint-server.js', import.meta.url));

export interface ClientOptions {
  /** Announce pull diagnostics (`textDocument.diagnostic`). */
  pull?: boolean;
  /** Announce `workspace/configuration`; the answer comes from `settings`. Default true. */
  configuration?: boolean;
  /** What to answer for `phpSocketLint` per scope URI. */
  settings?: (scopeUri: string | undefined) => unknown;
  workspaceFolders?: { uri: string; name: string }[];
  /** The server's bin to spawn (default: this repository's), e.g. one installed from the tarball. */
  serverBin?: string;
  /** `clientInfo` of the initialize request. */
  clientInfo?: { name: string; version?: string };
  /** How to speak to the server: `--stdio` (default, as Neovim) or `--node-ipc` (as VS Code). */
  transport?: 'stdio' | 'node-ipc';
}

/** One `window/logMessage`: what an editor's output channel shows (type 1 error … 4 log). */
export interface LogMessage {
  type: number;
  message: string;
}

export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number };
}

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly progressCreated: (string | number)[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  readonly shownDocuments: string[] = [];
  /** Edits the server asked the client to apply (`workspace/applyEdit`); all are accepted. */
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly messages: string[] = [];
  /** `window/logMessage` only, with its type. */
  readonly logs: LogMessage[] = [];
  readonly stderr: string[] = [];
  refreshRequests = 0;
  settings: (scopeUri: string | undefined) => unknown;
  initializeResult!: InitializeResult;
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? (() => ({}));
    const changed = () => {
      for (const waiter of [...this.waiters]) waiter();
    };
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      changed();
    });
    connection.onNotification('$/progress', (params: ProgressEvent) => {
      this.progress.push(params);
      changed();
    });
    connection.onNotification('window/logMessage', (params: LogMessage) => {
      this.messages.push(params.message);
      this.logs.push({ type: params.type, message: params.message });
      changed();
    });
    connection.onNotification('window/showMessage', (params: { message: string }) => {
      this.messages.push(params.message);
      changed();
    });
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests.push(params);
      changed();
      return params.items.map((item) => (item.section === 'phpSocketLint' ? this.settings(item.scopeUri) : null));
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      this.progressCreated.push(params.token);
      return null;
    });
    connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(params.edit);
      changed();
      return { applied: true };
    });
    connection.onRequest('window/showDocument', (params: { uri: string }) => {
      this.shownDocuments.push(params.uri);
      changed();
      return { success: true };
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      changed();
      return null;
    });
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    if (!options.serverBin && !existsSync(new URL('../../dist/server.js', import.meta.url))) {
      throw new Error('dist/server.js is missing: run `npm run build` (npm test builds first)');
    }
    const serverBin = options.serverBin ?? SERVER_BIN;
    const ipc = options.transport === 'node-ipc';
    const cwd = options.serverBin ? dirname(serverBin) : ROOT;
    const child = ipc
      ? (spawn(process.execPath, [serverBin, '--node-ipc'], { cwd, stdio: ['pipe', 'pipe', 'pipe', 'ipc'] }) as ChildProcessWithoutNullStreams)
      : spawn(process.execPath, [serverBin, '--stdio'], { cwd, stdio: 'pipe' });
    const connection = ipc
      ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, options);
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.configuration ?? true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
        workspaceFolders: true,
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      window: { workDoneProgress: true, showDocument: { support: true } },
    };
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      ...(options.clientInfo ? { clientInfo: options.clientInfo } : {}),
      rootUri: options.workspaceFolders?.[0]?.uri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves with the first non-undefined value of `check`, re-run whenever a message arrives. */
  waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        let value: T | undefined | false;
        try {
          value = check();
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (value !== undefined && value !== false) {
          finish();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; stderr: ${this.stderr.join('')}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }

  /** Publishes for `uri`, in arrival order. */
  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((params) => params.uri === uri);
  }

  /** Waits for a publish for `uri` carrying `version` (any version when undefined) after `after` publishes. */
  diagnosticsFor(uri: string, version?: number, after = 0, timeoutMs?: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      () => this.publishedFor(uri).slice(after).find((params) => version === undefined || params.version === version),
      `diagnostics for ${uri}${version === undefined ? '' : ` version ${version}`}`,
      timeoutMs,
    );
  }

  open(uri: string, text: string, version = 1, languageId = 'php'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  save(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  changeConfiguration(settings: (scopeUri: string | undefined) => unknown): Promise<void> {
    this.settings = settings;
    return this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** The edits a workspace edit makes to one document, from `documentChanges` (versioned) or `changes`. */
export function editsFor(edit: WorkspaceEdit, uri: string): { version: number | null | undefined; edits: TextEdit[] } {
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) {
      return { version: change.textDocument.version, edits: change.edits.filter((e): e is TextEdit => 'range' in e) };
    }
  }
  return { version: undefined, edits: edit.changes?.[uri] ?? [] };
}

/** Applies a workspace edit to a text the way an editor does (vscode-languageserver-textdocument). */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'php', 0, text), editsFor(edit, uri).edits);
}
