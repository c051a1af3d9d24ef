// Directive comments, as ESLint has them:
//   // php-socket-lint-disable-next-line [rule[, rule…]]   the line below the comment
//   // php-socket-lint-disable-line [rule[, rule…]]        the comment's own line
//   /* php-socket-lint-disable [rules] */ … /* php-socket-lint-enable [rules] */   a block
//   // php-socket-lint-disable-file [rules]                the whole file
// Without rule ids they silence every rule; ` -- ` starts a description. `#` and block comments
// work too. Only real comments count (from the parser's tokens): never text inside a string.
import type { SourceComment } from './parse';
import type { LineIndex } from './positions';
import type { Finding, Severity } from './types';

export const DISABLE_LINE = 'php-socket-lint-disable-line';
export const DISABLE_NEXT_LINE = 'php-socket-lint-disable-next-line';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids as written; empty means every rule. */
  rules: string[];
  /** The comment holding the directive. */
  range: readonly [number, number];
}

/** The directive word at the start of a comment's body, longest forms first. */
const DIRECTIVE = /^php-socket-lint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)/;

/** A comment's text without its delimiters and the leading stars of a docblock line. */
function commentBody(comment: SourceComment): string {
  if (comment.kind === 'line') return comment.text.replace(/^(\/\/|#)/, '').trim();
  return comment.text.replace(/^\/\*\*?/, '').replace(/\*\/$/, '').replace(/^\s*\*\s?/, '').trim();
}

export function parseDirective(comment: SourceComment): Directive | undefined {
  const body = commentBody(comment);
  const match = DIRECTIVE.exec(body);
  if (!match) return undefined;
  const list = body.slice(match[0].length).replace(/(^|\s)--(\s[\s\S]*)?$/, '');
  const rules = list.split(/[\s,]+/).filter((id) => id.length > 0);
  return { kind: match[1] as DirectiveKind, rules, range: comment.range };
}

export interface SuppressionOptions {
  /** Every rule id the linter knows; a directive naming another is reported. */
  knownRules: ReadonlySet<string>;
  /** How to report a directive that silenced nothing; `off` (the default) does not. */
  unusedDirectives?: Severity | 'off';
}

interface Use {
  directive: Directive;
  /** The listed rules that silenced something (for a directive without rules: '*'). */
  used: Set<string>;
}

/**
 * Drops the findings that directives silence and adds findings about the directives themselves:
 * unknown rule ids (always, as warnings) and, when asked for, directives that silenced nothing.
 * Parse errors and other findings without a rule are never silenced.
 */
export function applyDirectives(comments: readonly SourceComment[], lines: LineIndex, findings: Finding[], options: SuppressionOptions): Finding[] {
  const uses = comments.flatMap((comment) => {
    const directive = parseDirective(comment);
    return directive ? [{ directive, used: new Set<string>() }] : [];
  });
  if (uses.length === 0) return findings;
  const kept = findings.filter((finding) => finding.ruleId === null || !silence(uses, lines, finding));
  return [...kept, ...directiveProblems(uses, options)];
}

/** Whether some directive silences the finding; marks the directive (and rule) that did. */
function silence(uses: Use[], lines: LineIndex, finding: Finding): boolean {
  const ruleId = finding.ruleId!;
  const line = lines.positionAt(finding.range[0]).line;
  const covers = (use: Use) => use.directive.rules.length === 0 || use.directive.rules.includes(ruleId);
  const mark = (use: Use) => use.used.add(use.directive.rules.length === 0 ? '*' : ruleId);
  const direct = uses.find((use) => covers(use) && coversLine(use.directive, lines, line));
  if (direct) return mark(direct), true;
  const block = openDisable(uses, finding.range[0], ruleId);
  return block ? (mark(block), true) : false;
}

function coversLine(directive: Directive, lines: LineIndex, line: number): boolean {
  if (directive.kind === 'disable-file') return true;
  if (directive.kind === 'disable-line') return lines.positionAt(directive.range[0]).line === line;
  if (directive.kind === 'disable-next-line') return lines.positionAt(directive.range[1]).line + 1 === line;
  return false;
}

/** The `disable` block that is open for `ruleId` at `offset`, if any: the last disable or enable before it decides. */
function openDisable(uses: Use[], offset: number, ruleId: string): Use | undefined {
  let open: Use | undefined;
  for (const use of uses) {
    const { kind, rules, range } = use.directive;
    if (range[0] >= offset) break;
    const names = rules.length === 0 || rules.includes(ruleId);
    if (kind === 'disable' && names) open = use;
    else if (kind === 'enable' && names) open = undefined;
  }
  return open;
}

function directiveProblems(uses: Use[], options: SuppressionOptions): Finding[] {
  const problems: Finding[] = [];
  for (const { directive, used } of uses) {
    const unknown = directive.rules.filter((id) => !options.knownRules.has(id));
    for (const id of unknown) {
      problems.push(problem(directive, 'warning', 'unknownRuleInDirective', `Unknown rule '${id}' in php-socket-lint-${directive.kind} comment.`));
    }
    if (!options.unusedDirectives || options.unusedDirectives === 'off' || directive.kind === 'enable') continue;
    const unused = directive.rules.length === 0 ? (used.size === 0 ? ['*'] : []) : directive.rules.filter((id) => !used.has(id) && !unknown.includes(id));
    for (const id of unused) {
      const what = id === '*' ? 'no problems were reported' : `no problems were reported from '${id}'`;
      problems.push(problem(directive, options.unusedDirectives, 'unusedDisableDirective', `Unused php-socket-lint-${directive.kind} directive (${what}).`));
    }
  }
  return problems;
}

function problem(directive: Directive, severity: Severity, messageId: string, message: string): Finding {
  return { ruleId: null, messageId, severity, message, range: [directive.range[0], directive.range[1]], related: [], suggestions: [] };
}
