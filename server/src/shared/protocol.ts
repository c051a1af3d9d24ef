// What the VS Code client and the language server agree on: the settings section and its
// shape, command ids, the fix-all code action kind and the data a diagnostic carries.
// Imported by both sides; it must stay free of `vscode` and of the core.

export const SERVER_NAME = 'php-socket-lint';
/** `Diagnostic.source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'php-socket-lint';

/** The `workspace/configuration` section, and the prefix of every contributed setting. */
export const SETTINGS_SECTION = 'phpSocketLint';

export const Commands = {
  /** Server command (executeCommandProvider): lint every PHP file of the workspace folders. */
  lintWorkspace: 'phpSocketLint.lintWorkspace',
  /** Client command: reveal the output channel. */
  showOutput: 'phpSocketLint.showOutput',
  /** Client command (palette): stop the server and start a new one. */
  restartServer: 'phpSocketLint.restartServer',
  /** Server command used by the "Show documentation" code action: asks the client to open a URL. */
  showDocumentation: 'phpSocketLint.showDocumentation',
  /** Server command used by the "Port file to TypeScript" action: creates `<name>.ts` beside the file. */
  portToTypeScript: 'phpSocketLint.portToTypeScript',
  /** Client command (palette): runs portToTypeScript on the active PHP file. */
  portFile: 'phpSocketLint.portFile',
} as const;

/** Code action kind of "Port file to TypeScript". */
export const PORT_KIND = 'source.portToTypeScript';

/** The source action that applies every safe fix (`editor.codeActionsOnSave` can name it). */
export const FIX_ALL_KIND = 'source.fixAll.phpSocketLint';

export type RunMode = 'onType' | 'onSave';
export type RuleLevel = 'off' | 'hint' | 'info' | 'warn' | 'error';

/** The `phpSocketLint` settings as the editor sends them (every field optional on the wire). */
export interface Settings {
  /** Lint PHP documents at all. */
  enable: boolean;
  /** Rule id → level; overrides `.phpsocketlintrc.json` for the rules it names. */
  rules: Record<string, RuleLevel>;
  /**
   * net.core.somaxconn for the backlog rule; null: not set in the editor, so from
   * `.phpsocketlintrc.json` or the default 4096 (the VS Code client sends null unless a user
   * or workspace setting names it, though the Settings UI shows 4096).
   */
  somaxconn: number | null;
  /** Target PHP version such as "8.0"; null as for somaxconn (the default is "8.0"). */
  phpVersion: string | null;
  /** Lint while typing, or only when a document is opened or saved. */
  run: RunMode;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  rules: {},
  somaxconn: null,
  phpVersion: null,
  run: 'onType',
});

/**
 * `Diagnostic.data`: which recorded finding a diagnostic is, so a code action finds the fixes
 * that were computed with it instead of analysing the document again.
 */
export interface DiagnosticData {
  /** The document version the finding was computed for. */
  version: number;
  /** Index of the finding in the server's record for that version. */
  index: number;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  return Number.isInteger(data.version) && Number.isInteger(data.index);
}

/** The result of `phpSocketLint.lintWorkspace`. */
export interface LintWorkspaceResult {
  files: number;
  findings: number;
  cancelled: boolean;
}
