// ESLint's RuleTester, for this project: tables of valid and invalid PHP per rule. Invalid cases
// pin message ids, exact ranges and the text of every suggestion applied; `output` pins what
// `fixText` (fixes only, never a suggestion) makes of the code, and must be a fixed point. Every
// fix and suggestion is applied and checked with the real `php -l`, and must remove a finding of
// its rule.
import { describe, expect, it } from 'vitest';
import { fixText, lintText } from '../../server/src/core/lint';
import { LineIndex } from '../../server/src/core/positions';
import { applyEdits } from '../../server/src/core/fixer';
import { ruleById, RULE_IDS } from '../../server/src/core/rules/index';
import type { Finding, LintOptions, RuleSetting, Severity } from '../../server/src/core/types';
import { phpSyntaxError } from './php';

export interface ValidCase {
  name?: string;
  code: string;
  options?: LintOptions;
}

export interface ExpectedFinding {
  messageId: string;
  /** 1-based line and column of the start, as ESLint reports them. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  /** Every suggestion the finding offers, in order; required when it offers any (as in ESLint). */
  suggestions?: ExpectedSuggestion[];
}

export interface ExpectedSuggestion {
  desc: string;
  /** The whole text with this suggestion, and nothing else, applied. */
  output: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The text after `--fix` (fixes to a fixed point, no suggestion); omit when no fix applies. */
  output?: string;
}

function onlyRule(ruleId: string, options: LintOptions = {}): LintOptions {
  const rules: Record<string, RuleSetting> = {};
  for (const id of RULE_IDS) rules[id] = 'off';
  delete rules[ruleId];
  return { ...options, rules: { ...rules, ...options.rules } };
}

function ruleFindings(ruleId: string, code: string, options: LintOptions): Finding[] {
  return lintText(code, options).findings.filter((finding) => finding.ruleId === ruleId || finding.ruleId === null);
}

function located(code: string, finding: Finding, withSuggestions = false): ExpectedFinding {
  const lines = new LineIndex(code);
  const start = lines.positionAt(finding.range[0]);
  const end = lines.positionAt(finding.range[1]);
  const actual: ExpectedFinding = {
    messageId: finding.messageId,
    line: start.line,
    column: start.column + 1,
    endLine: end.line,
    endColumn: end.column + 1,
    severity: finding.severity,
  };
  if (withSuggestions || finding.suggestions.length > 0) {
    actual.suggestions = finding.suggestions.map((suggestion) => ({ desc: suggestion.desc, output: applyEdits(code, suggestion.edits) }));
  }
  return actual;
}

function caseName(kind: string, test: ValidCase, index: number): string {
  return `${kind} #${index + 1}: ${test.name ?? test.code.replace(/^<\?php\s*/, '').replace(/\s+/g, ' ').slice(0, 70)}`;
}

export function runRuleTests(ruleId: string, tests: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    tests.valid.forEach((test, index) => {
      it(caseName('valid', test, index), () => {
        const options = onlyRule(ruleId, test.options);
        expect(ruleFindings(ruleId, test.code, options).map((f) => located(test.code, f))).toEqual([]);
      });
    });
    tests.invalid.forEach((test, index) => {
      it(caseName('invalid', test, index), async () => {
        const options = onlyRule(ruleId, test.options);
        const findings = ruleFindings(ruleId, test.code, options);
        const actual = findings.map((f, i) => located(test.code, f, test.errors[i]?.suggestions !== undefined));
        const expected = test.errors.map((error, i) => ({ ...pick(actual[i], error), ...error }));
        expect(actual).toEqual(expected);
        for (const finding of findings) expect(firstSentence(finding.message).length, finding.message).toBeLessThanOrEqual(MAX_FIRST_SENTENCE);
        await checkEveryFix(ruleId, test.code, options, findings);
        const fixed = fixText(test.code, options);
        expect(fixed.output).toBe(test.output ?? test.code);
        expect(fixText(fixed.output, options).output).toBe(fixed.output);
      });
    });
  });
}

/** The Problems panel shows about this much: the first sentence must say what is wrong. */
export const MAX_FIRST_SENTENCE = 100;

/** Up to the first full stop that ends a sentence (not one of `...`, not one inside `socket_x()`). */
export function firstSentence(message: string): string {
  const end = /(?<!\.)\.(?=\s|$)/.exec(message);
  return end ? message.slice(0, end.index + 1) : message;
}

/** Expected fields left out of a case are taken from the actual finding. */
function pick(actual: ExpectedFinding | undefined, expected: ExpectedFinding): Partial<ExpectedFinding> {
  if (!actual) return {};
  const taken: Partial<ExpectedFinding> = {};
  for (const key of ['endLine', 'endColumn', 'severity'] as const) if (!(key in expected)) (taken as Record<string, unknown>)[key] = actual[key];
  return taken;
}

async function checkEveryFix(ruleId: string, code: string, options: LintOptions, findings: Finding[]): Promise<void> {
  const meta = ruleById(ruleId)!.meta;
  for (const finding of findings) {
    if (finding.ruleId !== ruleId) continue;
    // What the rule's metadata (and so its page and the README) says it offers.
    if (finding.fix) expect(meta.fixable, `${ruleId} offers a fix but its meta says fixable: false`).toBe(true);
    if (finding.suggestions.length > 0) expect(meta.hasSuggestions, `${ruleId} offers suggestions but its meta says hasSuggestions: false`).toBe(true);
    const edits = [
      ...(finding.fix ? [{ title: `fix "${finding.fix.title}"`, edits: finding.fix.edits }] : []),
      ...finding.suggestions.map((suggestion) => ({ title: `suggestion "${suggestion.desc}"`, edits: suggestion.edits })),
    ];
    for (const { title, edits: changes } of edits) {
      const output = applyEdits(code, changes);
      expect(await phpSyntaxError(output), `${title} must leave valid PHP:\n${output}`).toBeNull();
      const before = findings.filter((f) => f.ruleId === ruleId).length;
      const after = ruleFindings(ruleId, output, options).filter((f) => f.ruleId === ruleId).length;
      expect(after, `${title} must remove its finding:\n${output}`).toBeLessThan(before);
    }
  }
}
