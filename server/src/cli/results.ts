// The report's data, in ESLint's result shape (lib/cli-engine/cli-engine.js) so its JSON
// consumers read it unchanged. Formatters receive these and nothing else.
import type { Severity } from '../core/types';

/** ESLint's numbers: 2 error, 1 warning. 0 is our hint/info level, which never counts as a warning. */
export type MessageSeverity = 0 | 1 | 2;

export interface RelatedMessage {
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** ESLint's fix object: replace the text between two UTF-16 offsets into the file with `text`. */
export interface EditInfo {
  range: [number, number];
  text: string;
}

/** ESLint's suggestion: an edit a person may apply; `--fix` never does. */
export interface SuggestionInfo {
  desc: string;
  messageId?: string;
  fix: EditInfo;
}

export interface LintMessage {
  /** null for parse errors and file-level problems (unreadable, binary, not UTF-8). */
  ruleId: string | null;
  messageId?: string;
  severity: MessageSeverity;
  /** The core's own level, finer than `severity` (hint and info both map to 0). */
  level: Severity;
  message: string;
  /** 1-based; absent for file-level messages, which have no position. */
  line?: number;
  /** 1-based, in UTF-16 code units. */
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** The file could not be linted (parse error or unreadable), as ESLint marks fatal messages. */
  fatal?: true;
  related?: RelatedMessage[];
  /** The edit `--fix` applies, in the text this message points into. */
  fix?: EditInfo;
  suggestions?: SuggestionInfo[];
}

export interface LintFileResult {
  /** Absolute path. */
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The text the messages point into, kept only when there are messages (SARIF fingerprints read it). */
  source?: string;
  /** The fixed text, with --fix or --fix-dry-run, when fixes changed the file. */
  output?: string;
  /** Linting this file threw: a bug in php-socket-lint, reported as exit code 2. */
  crashed?: true;
}

export const SEVERITY_NUMBER: Record<Severity, MessageSeverity> = { error: 2, warning: 1, info: 0, hint: 0 };

/** A message about the whole file (unreadable, skipped) rather than a place in it. */
export function isFileLevel(message: LintMessage): boolean {
  return message.line === undefined;
}

/** What raised a message: its rule, or `parse-error` / `file` for messages without one. */
export function messageSource(message: LintMessage): string {
  return message.ruleId ?? (isFileLevel(message) ? 'file' : 'parse-error');
}

export function fileResult(filePath: string, messages: LintMessage[], fixable = new Set<LintMessage>()): LintFileResult {
  const result: LintFileResult = {
    filePath,
    messages,
    errorCount: 0,
    fatalErrorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
  for (const message of messages) {
    if (message.severity === 2) {
      result.errorCount++;
      if (message.fatal) result.fatalErrorCount++;
      if (fixable.has(message)) result.fixableErrorCount++;
    } else if (message.severity === 1) {
      result.warningCount++;
      if (fixable.has(message)) result.fixableWarningCount++;
    }
  }
  return result;
}

/** A message about the whole file, e.g. "cannot read". */
export function fileMessage(severity: 1 | 2, message: string): LintMessage {
  const level: Severity = severity === 2 ? 'error' : 'warning';
  return severity === 2 ? { ruleId: null, severity, level, message, fatal: true } : { ruleId: null, severity, level, message };
}

export interface Totals {
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  /** Severity 0 messages by the core's level: info and hint findings never count as warnings. */
  infoCount: number;
  hintCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export function totalsOf(results: readonly LintFileResult[]): Totals {
  const totals: Totals = {
    errorCount: 0,
    fatalErrorCount: 0,
    warningCount: 0,
    infoCount: 0,
    hintCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
  for (const result of results) {
    totals.errorCount += result.errorCount;
    totals.fatalErrorCount += result.fatalErrorCount;
    totals.warningCount += result.warningCount;
    totals.fixableErrorCount += result.fixableErrorCount;
    totals.fixableWarningCount += result.fixableWarningCount;
    for (const message of result.messages) {
      if (message.severity !== 0) continue;
      if (message.level === 'info') totals.infoCount++;
      else totals.hintCount++;
    }
  }
  return totals;
}
