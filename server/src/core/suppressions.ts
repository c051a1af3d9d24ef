// Inline suppression comments:
//   // php-socket-lint-disable-next-line [rule[, rule…]]   the line below the comment
//   // php-socket-lint-disable-line [rule[, rule…]]        the comment's own line
// Without rule ids they silence every rule. `#` and `/* … */` comments work too.
import type { LineIndex } from './positions';
import type { Finding } from './types';

export const DISABLE_LINE = 'php-socket-lint-disable-line';
export const DISABLE_NEXT_LINE = 'php-socket-lint-disable-next-line';

const DIRECTIVE = /(?:\/\/|#|\/\*)[ \t]*php-socket-lint-disable-(next-)?line\b([^\r\n]*)/g;

interface Suppression {
  line: number;
  /** Empty: every rule. */
  rules: Set<string>;
}

function parseRuleList(rest: string): Set<string> {
  const list = rest.replace(/\*\/.*$/, '').replace(/\s--\s.*$/, '');
  return new Set(list.split(/[\s,]+/).filter((id) => /^[a-z][a-z0-9-]*$/.test(id)));
}

function findSuppressions(text: string, lines: LineIndex): Suppression[] {
  const found: Suppression[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const line = lines.positionAt(match.index).line + (match[1] ? 1 : 0);
    found.push({ line, rules: parseRuleList(match[2] ?? '') });
  }
  return found;
}

/** Drops findings that a suppression comment silences. Parse errors are never silenced. */
export function applySuppressions(text: string, lines: LineIndex, findings: Finding[]): Finding[] {
  if (!text.includes('php-socket-lint-disable')) return findings;
  const suppressions = findSuppressions(text, lines);
  return findings.filter((finding) => {
    if (finding.ruleId === null) return true;
    const line = lines.positionAt(finding.range[0]).line;
    return !suppressions.some((s) => s.line === line && (s.rules.size === 0 || s.rules.has(finding.ruleId!)));
  });
}
