// The core's entry points: lint one text, or fix it to a fixed point. No editor, no files.
import { applyFixesOnce, MAX_FIX_PASSES } from './fixer';
import { buildSocketModel, type AnalysisResult } from './model/model';
import { parsePhp } from './parse';
import { LineIndex } from './positions';
import { formatMessage, type RuleContext } from './rule';
import { RULE_IDS, ruleById, RULES } from './rules/index';
import { applyDirectives } from './suppressions';
import {
  DEFAULT_MAX_FILE_CHARACTERS,
  DEFAULT_PHP_VERSION,
  DEFAULT_SOMAXCONN,
  type Finding,
  type LintOptions,
  type LintResult,
  type RuleSetting,
  type Severity,
} from './types';

/** `socket_` names ext/sockets and stream_socket_*(); `sockopen` names fsockopen() and pfsockopen(). */
const SOCKET_API_MENTION = /socket_|sockopen/i;

/** A file that names neither socket API (no stream socket opener either) cannot have a finding, so it is never parsed. */
export function mentionsSocketApi(text: string): boolean {
  return SOCKET_API_MENTION.test(text);
}

export function resolveSeverity(setting: RuleSetting | undefined, fallback: Severity): Severity | 'off' {
  if (setting === undefined) return fallback;
  return setting === 'warn' ? 'warning' : setting;
}

const KNOWN_RULES: ReadonlySet<string> = new Set(RULE_IDS);

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const SOFTER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'hint', hint: 'hint' };

export function lintText(text: string, options: LintOptions = {}): LintResult {
  // A directive comment is checked even where the socket API is not named (it may be unused or misspelled).
  if (!mentionsSocketApi(text) && !text.includes('php-socket-lint-')) return { findings: [], parsed: false };
  const maxCharacters = options.maxFileCharacters ?? DEFAULT_MAX_FILE_CHARACTERS;
  if (text.length > maxCharacters) return { findings: [tooLargeFinding(text.length, maxCharacters)], parsed: false };
  const { program, errors, comments } = parsePhp(text);
  const findings: Finding[] = errors.map((error) => ({
    ruleId: null,
    messageId: error.tooDeep ? 'analysisTooDeep' : 'parseError',
    severity: 'error',
    message: error.tooDeep ? `Analysis error: ${error.message}` : `Parsing error: ${error.message}`,
    range: [error.offset, error.offset],
    related: [],
    suggestions: [],
  }));
  const severityOf = (ruleId: string) => resolveSeverity(options.rules?.[ruleId], ruleById(ruleId)?.meta.defaultSeverity ?? 'warning');
  const enabled = RULES.flatMap((rule) => {
    const severity = severityOf(rule.id);
    return severity === 'off' ? [] : [{ rule, severity }];
  });
  let analysis: AnalysisResult;
  try {
    analysis = buildSocketModel(program, text, () => enabled.map(({ rule }) => rule.facts?.() ?? {}));
  } catch (error) {
    // A pathological file (say, an expression nested thousands deep) must not take the run down.
    findings.push(internalError(text, error));
    return { findings, parsed: true };
  }
  const lines = new LineIndex(text);
  enabled.forEach(({ rule, severity }, index) => {
    const context: RuleContext<string> = {
      text,
      model: analysis.model,
      facts: analysis.listeners[index]!,
      somaxconn: options.somaxconn ?? DEFAULT_SOMAXCONN,
      phpVersion: options.phpVersion ?? DEFAULT_PHP_VERSION,
      ruleEnabled: (ruleId) => severityOf(ruleId) !== 'off',
      lineOf: (offset) => lines.positionAt(offset).line,
      report(report) {
        const finding: Finding = {
          ruleId: rule.id,
          messageId: report.messageId,
          severity: report.maybe ? SOFTER[severity] : severity,
          message: formatMessage(rule.meta.messages[report.messageId] ?? report.messageId, report.data),
          range: report.range,
          related: report.related ?? [],
          suggestions: [],
        };
        // A file with syntax errors may be mid-edit: its edits could land in the wrong place.
        if (errors.length === 0) {
          if (report.fix) finding.fix = report.fix;
          finding.suggestions = report.suggestions ?? [];
        }
        findings.push(finding);
      },
    };
    rule.check(context);
  });
  const kept = applyDirectives(comments, lines, findings, { knownRules: KNOWN_RULES, unusedDirectives: options.reportUnusedDisableDirectives });
  kept.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  return { findings: kept, parsed: true };
}

/** One warning for a text too long to analyse, at its start. */
function tooLargeFinding(length: number, maxCharacters: number): Finding {
  const count = (n: number) => n.toLocaleString('en-US');
  return {
    ruleId: null,
    messageId: 'fileTooLarge',
    severity: 'warning',
    message: `File not analysed: ${count(length)} characters, more than the ${count(maxCharacters)} that the config's "maxFileCharacters" allows`,
    range: [0, 0],
    related: [],
    suggestions: [],
  };
}

/**
 * A stack overflow (an expression nested thousands deep) is `analysisTooDeep`, so that a caller
 * with a bigger stack (the language server's worker) can tell it from a bug and retry there.
 */
function internalError(text: string, error: unknown): Finding {
  const tooDeep = error instanceof RangeError && /call stack/i.test(error.message);
  const reason = tooDeep ? 'the file nests too deeply to analyse' : error instanceof Error ? error.message : String(error);
  return {
    ruleId: null,
    messageId: tooDeep ? 'analysisTooDeep' : 'analysisError',
    severity: 'error',
    message: `Analysis error: ${reason}`,
    range: [0, Math.min(text.length, 0)],
    related: [],
    suggestions: [],
  };
}

export interface FixOutcome {
  output: string;
  /** Number of fixes applied over all passes. */
  fixCount: number;
  /** The lint of the final output. */
  result: LintResult;
}

/** Applies every fix (never a suggestion), re-linting after each pass until nothing changes. */
export function fixText(text: string, options: LintOptions = {}, ruleIds?: ReadonlySet<string>): FixOutcome {
  let output = text;
  let fixCount = 0;
  let result = lintText(output, options);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    // Errors first: where two fixes overlap, the more serious finding's fix wins this pass.
    const fixes = result.findings
      .filter((finding) => finding.ruleId !== null && (!ruleIds || ruleIds.has(finding.ruleId)))
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
      .flatMap((finding) => (finding.fix ? [finding.fix] : []));
    if (fixes.length === 0) break;
    const next = applyFixesOnce(output, fixes);
    if (next.applied === 0 || next.text === output) break;
    output = next.text;
    fixCount += next.applied;
    result = lintText(output, options);
  }
  return { output, fixCount, result };
}
