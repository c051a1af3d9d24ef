// `phpSocketLint.lintWorkspace`: lints every PHP file of the workspace folders, open or not,
// with work-done progress, and publishes diagnostics for the closed ones too. Files are found
// by the CLI's discovery (server/src/node/files.ts) as for `php-socket-lint <folder>`:
// .gitignore files, each directory's nearest config's include and exclude (NearestConfigs, as the
// CLI walks: a nested .phpsocketlintrc.json decides below its directory), never node_modules/,
// vendor/ only when an include names it. Each file is linted with the config the walk found for
// it. Files it cannot lint are named in the output channel.
// Files are read as the CLI reads them (server/src/node/read-file.ts: FIFOs, devices and files
// too big for a string are refused before a read could block), linted in the lint workers one
// at a time (so open documents' lints still get a worker), and cancelling, from the request or
// the progress bar, stops the lint in progress as well as the files after it.
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Connection, TextDocuments, WorkspaceFolder } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigError, defaultConfig, type ProjectConfig } from '../core/config';
import { mentionsSocketApi } from '../core/lint';
import { NearestConfigs, type ConfigSource } from '../node/config-file';
import { discoverFiles, NoFilesError } from '../node/files';
import { readSourceFile } from '../node/read-file';
import type { LintWorkspaceResult } from '../shared/protocol';
import type { Workers } from './diagnostics';
import { publishParams } from './transport';
import { resolveSettings, type ConfigLookup, type SettingsStore } from './settings';

export interface WorkspaceLintContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  workers: Workers;
  folders: () => Promise<readonly WorkspaceFolder[]>;
  /** Re-validates an open document through the normal path. */
  revalidate: (uri: string) => void;
  /** File path → URI published for it while closed, so opening or closing it clears that. */
  publishedClosed: Map<string, string>;
}

const BOM = '\uFEFF';

export function filePathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The nearest config of each directory, for the walk and for the files it finds, each file read
 * once. A config that cannot be used is said (once) and its directory walked with the defaults,
 * as its files are linted with the editor's settings alone; the CLI stops there instead.
 */
class WorkspaceConfigs implements ConfigSource {
  private readonly nearest = new NearestConfigs();
  private readonly defaults = defaultConfig();
  private readonly errors = new Map<string, string>();
  private readonly logged = new Set<string>();

  constructor(private readonly settings: SettingsStore) {}

  configIn(directory: string, hasOwn?: boolean): ProjectConfig {
    try {
      const config = this.nearest.configIn(directory, hasOwn);
      this.read(config.path);
      return config;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.read(error.path);
      this.errors.set(directory, error.message);
      this.settings.reportConfigError(error.message);
      return this.defaults;
    }
  }

  /** Says in the output channel which config file is read, once each. */
  private read(path: string | undefined): void {
    if (path === undefined || this.logged.has(path)) return;
    this.logged.add(path);
    this.settings.logConfigRead(path);
  }

  inherit(directory: string, config: ProjectConfig): void {
    this.nearest.inherit(directory, config);
  }

  /** What resolveSettings() takes for the files of `directory`. */
  lookup(directory: string): ConfigLookup {
    const config = this.configIn(directory);
    const error = this.errors.get(directory);
    return { config: config.path === undefined ? undefined : config, error };
  }
}

async function phpFilesOf(folder: string, configs: WorkspaceConfigs, connection: Connection): Promise<string[]> {
  try {
    const found = await discoverFiles({ cwd: folder, patterns: ['.'], config: configs });
    for (const { path, message } of found.unreadableDirectories) connection.console.warn(`Lint Workspace: ${path}: ${message}`);
    return found.files;
  } catch (error) {
    if (error instanceof NoFilesError) return [];
    throw error;
  }
}

/** The file's text as the editor would open it, or why it is not linted (said in the output channel). */
async function readText(path: string): Promise<{ text: string } | { skipped: string }> {
  const read = await readSourceFile(path);
  if (!read.ok) return { skipped: read.message };
  const nul = read.bytes.indexOf(0);
  // As the CLI does: a NUL byte means binary, not PHP; said only when it names the socket API.
  if (nul !== -1) {
    return mentionsSocketApi(read.bytes.toString('latin1')) ? { skipped: `File skipped: it looks binary (a NUL byte at byte ${nul}).` } : { text: '' };
  }
  const text = read.bytes.toString('utf8');
  return { text: text.startsWith(BOM) ? text.slice(1) : text };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function lintWorkspace(context: WorkspaceLintContext, token: CancellationToken | undefined): Promise<LintWorkspaceResult> {
  const { connection, documents } = context;
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin('PHP Socket Lint', 0, 'Finding PHP files…', true);
  // URIs are compared as paths: clients and Node percent-encode some characters differently.
  const openUriOf = (path: string) => documents.all().find((document) => filePathOf(document.uri) === path)?.uri;
  const configs = new WorkspaceConfigs(context.settings);
  const work: { path: string; folderUri: string }[] = [];
  const seen = new Set<string>();
  for (const folder of await context.folders()) {
    const folderPath = filePathOf(folder.uri);
    if (!folderPath) continue;
    for (const path of await phpFilesOf(folderPath, configs, connection)) {
      // Nested workspace folders list a file twice.
      if (!seen.has(path)) work.push({ path, folderUri: folder.uri });
      seen.add(path);
    }
  }
  const result: LintWorkspaceResult = { files: 0, findings: 0, cancelled: false };
  const folderSettings = new Map<string, ReturnType<SettingsStore['editorSettings']>>();
  let reported = -1;
  for (const [index, { path, folderUri }] of work.entries()) {
    if (token?.isCancellationRequested || progress.token.isCancellationRequested) {
      result.cancelled = true;
      break;
    }
    const percentage = Math.floor((index / work.length) * 100);
    if (percentage > reported) {
      // At most one report per percent: a large workspace does not flood the client.
      progress.report(percentage, `${index + 1}/${work.length} ${path}`);
      reported = percentage;
    }
    const openUri = openUriOf(path);
    if (openUri) {
      // Open documents are the editor's text, not the disk's: the normal path validates them.
      result.files++;
      context.revalidate(openUri);
      continue;
    }
    let editorSettings = folderSettings.get(folderUri);
    if (!editorSettings) folderSettings.set(folderUri, (editorSettings = context.settings.editorSettings(folderUri)));
    const uri = pathToFileURL(path).href;
    const resolved = resolveSettings(await editorSettings, configs.lookup(dirname(path)));
    if (resolved.configError) context.settings.reportConfigError(resolved.configError);
    const read = await readText(path);
    if ('skipped' in read) {
      // Dangling links, FIFOs, binaries: named where the CLI names them on stderr, never a diagnostic.
      connection.console.warn(`Lint Workspace: ${path}: ${read.skipped}`);
      continue;
    }
    const { text } = read;
    result.files++;
    if (!resolved.enable) {
      if (!openUriOf(path) && context.publishedClosed.has(path)) {
        void connection.sendDiagnostics({ uri, diagnostics: [] });
        context.publishedClosed.delete(path);
      }
      continue;
    }
    const task = context.workers.lintJob({ kind: 'lint', uri, version: 0, text, options: resolved.options, baseline: resolved.baseline });
    const stop = () => task.cancel();
    const listeners = [token?.onCancellationRequested(stop), progress.token.onCancellationRequested(stop)];
    let linted;
    try {
      linted = await task.promise;
    } catch (error) {
      connection.console.error(`Lint Workspace: ${path}: php-socket-lint could not analyse this file: ${String(error)}`);
      continue;
    } finally {
      for (const listener of listeners) listener?.dispose();
    }
    if (!linted) {
      result.cancelled = true;
      result.files--;
      break;
    }
    const { findings, diagnostics } = linted;
    result.findings += findings.count;
    // The file may have been opened while we read it: its own validation speaks for it then.
    if (!openUriOf(path) && (findings.count > 0 || context.publishedClosed.has(path))) {
      void connection.sendDiagnostics(publishParams(uri, undefined, diagnostics));
      if (findings.count > 0) context.publishedClosed.set(path, uri);
      else context.publishedClosed.delete(path);
    }
    await nextTurn(); // let edits and requests in between files
  }
  progress.done();
  return result;
}
