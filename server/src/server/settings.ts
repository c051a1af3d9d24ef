// Settings per document: the editor's `phpSocketLint` section (fetched through
// `workspace/configuration`, one cached promise per URI) merged over the nearest
// `.phpsocketlintrc.json`, read the same way the CLI reads it.
//
// Precedence: the editor's `rules` override the file's for the rules they name; `somaxconn`
// and `phpVersion` override the file's when set (not null); everything else comes from the
// file, then from the core's defaults (4096, "8.0"). The Settings UI shows those defaults, but
// the VS Code client sends null for the two unless a user or workspace setting names them
// (client/src/extension.ts), so a default shown there never hides the file's value.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { ConfigError, isRuleSetting, lintOptionsOf, type ProjectConfig } from '../core/config';
import { findConfigFile, readConfigFile } from '../node/config-file';
import { loadBaseline, type LoadedBaseline } from './baseline';
import type { LintOptions, RuleSetting } from '../core/types';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type RunMode, type Settings } from '../shared/protocol';

/** What validating one document needs to know. */
export interface ResolvedSettings {
  enable: boolean;
  run: RunMode;
  options: LintOptions;
  /** The `.phpsocketlintrc.json` that applied, if any. */
  configPath: string | undefined;
  /** Why the config file was ignored, if it was (or its baseline could not be read). */
  configError: string | undefined;
  /** The config's baseline: findings it records are not shown. */
  baseline: LoadedBaseline | undefined;
}

/** Reads whatever the client sent into well-formed settings; bad values fall back to defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const rules: Record<string, RuleSetting> = {};
  if (typeof input.rules === 'object' && input.rules !== null && !Array.isArray(input.rules)) {
    for (const [id, level] of Object.entries(input.rules)) if (isRuleSetting(level)) rules[id] = level;
  }
  const somaxconn = input.somaxconn;
  const phpVersion = input.phpVersion;
  return {
    enable: typeof input.enable === 'boolean' ? input.enable : DEFAULT_SETTINGS.enable,
    rules: rules as Settings['rules'],
    somaxconn: typeof somaxconn === 'number' && Number.isInteger(somaxconn) && somaxconn > 0 ? somaxconn : null,
    phpVersion: typeof phpVersion === 'string' && /^\d+\.\d+$/.test(phpVersion) ? phpVersion : null,
    run: input.run === 'onSave' ? 'onSave' : 'onType',
  };
}

export interface ConfigLookup {
  config: ProjectConfig | undefined;
  error: string | undefined;
}

/** Told the path of every config file read, for the output channel. */
export type ConfigReadListener = (path: string) => void;

/** The nearest config file in or above a directory; the cache is per directory. */
export function configForDirectory(directory: string, cache?: Map<string, ConfigLookup>, onRead?: ConfigReadListener): ConfigLookup {
  const cached = cache?.get(directory);
  if (cached) return cached;
  let lookup: ConfigLookup = { config: undefined, error: undefined };
  const path = findConfigFile(directory, existsSync);
  if (path) {
    onRead?.(path);
    try {
      lookup = { config: readConfigFile(path), error: undefined };
    } catch (error) {
      lookup = { config: undefined, error: error instanceof ConfigError ? error.message : String(error) };
    }
  }
  cache?.set(directory, lookup);
  return lookup;
}

/** The nearest config file above a `file:` URI; untitled documents and other schemes have none. */
export function lookUpConfig(uri: string, cache?: Map<string, ConfigLookup>, onRead?: ConfigReadListener): ConfigLookup {
  let path: string;
  try {
    if (!uri.startsWith('file:')) return { config: undefined, error: undefined };
    path = fileURLToPath(uri);
  } catch {
    return { config: undefined, error: undefined };
  }
  return configForDirectory(dirname(path), cache, onRead);
}

export function resolveSettings(settings: Settings, lookup: ConfigLookup): ResolvedSettings {
  const file: LintOptions = lookup.config ? lintOptionsOf(lookup.config) : {};
  const options: LintOptions = { rules: { ...file.rules, ...settings.rules } };
  const somaxconn = settings.somaxconn ?? file.somaxconn;
  const phpVersion = settings.phpVersion ?? file.phpVersion;
  if (somaxconn !== undefined) options.somaxconn = somaxconn;
  if (phpVersion !== undefined) options.phpVersion = phpVersion;
  if (file.reportUnusedDisableDirectives !== undefined) options.reportUnusedDisableDirectives = file.reportUnusedDisableDirectives;
  if (file.maxFileCharacters !== undefined) options.maxFileCharacters = file.maxFileCharacters;
  const baseline = loadBaseline(lookup.config);
  return {
    enable: settings.enable,
    run: settings.run,
    options,
    configPath: lookup.config?.path,
    configError: lookup.error ?? (baseline && 'error' in baseline ? baseline.error : undefined),
    baseline: baseline && 'error' in baseline ? undefined : baseline,
  };
}

/**
 * One cached promise per URI, dropped when the configuration changes and when a document
 * closes. Clients without `workspace/configuration` get what `didChangeConfiguration` sent.
 */
export class SettingsStore {
  private readonly perUri = new Map<string, Promise<ResolvedSettings>>();
  private pushed: Settings = { ...DEFAULT_SETTINGS };
  private readonly reportedErrors = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  /** Says in the output channel which config file is read (an arrow: handed around as a callback). */
  readonly logConfigRead: ConfigReadListener = (path) => this.connection.console.info(`Reading ${path}`);

  forDocument(uri: string): Promise<ResolvedSettings> {
    let promise = this.perUri.get(uri);
    if (!promise) {
      promise = this.editorSettings(uri).then((settings) => {
        const resolved = resolveSettings(settings, lookUpConfig(uri, undefined, this.logConfigRead));
        if (resolved.configError) this.reportConfigError(resolved.configError);
        return resolved;
      });
      this.perUri.set(uri, promise);
    }
    return promise;
  }

  /** The editor's settings for a scope (a document or a workspace folder), not cached. */
  async editorSettings(scopeUri: string): Promise<Settings> {
    if (!this.canPull()) return this.pushed;
    try {
      const [section] = await this.connection.workspace.getConfiguration([{ scopeUri, section: SETTINGS_SECTION }]);
      return normalizeSettings(section);
    } catch (error) {
      this.connection.console.error(`Cannot read the ${SETTINGS_SECTION} settings: ${String(error)}`);
      return { ...DEFAULT_SETTINGS };
    }
  }

  /** `workspace/didChangeConfiguration`: takes what a client without pull sent, drops every cached promise. */
  changed(sent: unknown): void {
    if (!this.canPull()) {
      const section = typeof sent === 'object' && sent !== null ? (sent as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
      this.pushed = normalizeSettings(section);
    }
    this.forgetAll();
  }

  /** A config file changed (or the settings did): every document resolves its settings again. */
  forgetAll(): void {
    this.perUri.clear();
    this.reportedErrors.clear();
  }

  drop(uri: string): void {
    this.perUri.delete(uri);
  }

  /** Says so once per distinct error; the document is then linted with the editor's settings alone. */
  reportConfigError(message: string): void {
    if (this.reportedErrors.has(message)) return;
    this.reportedErrors.add(message);
    this.connection.console.error(message);
    // A notification, not showErrorMessage's request: some clients (Neovim) make a request a prompt.
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Error,
      message: `php-socket-lint: ${message} (linting with the editor's settings only)`,
    });
  }
}
