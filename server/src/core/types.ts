import type { Range } from './ast';

export type { Range } from './ast';

/** How loudly a finding speaks; `hint` is for advice that is not a bug. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** What a user may write for a rule in settings or `.phpsocketlintrc.json`. */
export type RuleSetting = Severity | 'warn' | 'off';

export interface TextEdit {
  range: Range;
  text: string;
}

/**
 * An edit that keeps what the program does, or repairs a call that can never work. `--fix`,
 * `--fix-dry-run`, fix-all and fix-on-save apply fixes, and nothing else.
 */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

/**
 * An edit that changes what runs (a throw inserted, a socket type or a backlog changed): offered
 * in the editor for a person to choose, never applied automatically. ESLint's `suggestions`.
 */
export interface Suggestion {
  /** What the edit does, shown as the quick fix's title. */
  desc: string;
  messageId?: string;
  edits: TextEdit[];
}

export interface RelatedInformation {
  range: Range;
  message: string;
}

export interface Finding {
  /** null for a parse error (ESLint's `fatal` message). */
  ruleId: string | null;
  messageId: string;
  severity: Severity;
  message: string;
  /** Offsets in UTF-16 units into the linted text. */
  range: Range;
  related: RelatedInformation[];
  /** At most one fix per finding, as in ESLint. */
  fix?: Fix;
  suggestions: Suggestion[];
}

export interface LintOptions {
  /** Rule id → setting; rules not named use their default severity. */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** net.core.somaxconn the backlog rule compares with. */
  somaxconn?: number;
  /** Target PHP version, e.g. "8.0"; rules that depend on it read this. */
  phpVersion?: string;
  /** How to report a disable directive that silenced nothing (ESLint's reportUnusedDisableDirectives). */
  reportUnusedDisableDirectives?: Severity | 'off';
  /** A longer text is not analysed (one warning instead): its analysis could exhaust the memory. */
  maxFileCharacters?: number;
}

export interface LintResult {
  findings: Finding[];
  /** True when the text was parsed (it mentions the socket API). */
  parsed: boolean;
}

export const DEFAULT_SOMAXCONN = 4096;
export const DEFAULT_PHP_VERSION = '8.0';
/**
 * 10 million characters: a dense socket file of 12 million took 50 s and 1.9 GB to lint, and the
 * heap Node gives by default ends near 4 GB, where a crash would lose every other file's results.
 */
export const DEFAULT_MAX_FILE_CHARACTERS = 10_000_000;

/** Message ids of findings that mean the file could not be linted (ESLint's `fatal`). */
const FATAL_MESSAGE_IDS: ReadonlySet<string> = new Set(['parseError', 'analysisError', 'analysisTooDeep']);

/** A finding without a rule is either fatal (the file was not linted) or about a directive comment. */
export function isFatal(finding: Pick<Finding, 'ruleId' | 'messageId'>): boolean {
  return finding.ruleId === null && FATAL_MESSAGE_IDS.has(finding.messageId);
}
