// ESLint's RuleTester, for this project: tables of valid and invalid PHP per rule. Invalid cases
// pin message ids and exact ranges; every fix a finding offers is applied and checked with the
// real `php -l`, must remove a finding of its rule, and `fixText` must reach a fixed point.
import { describe, expect, it } from 'vitest';
import { fixText, lintText } from '../../server/src/core/lint';
import { LineIndex } from '../../server/src/core/positions';
import { applyEdits } from '../../server/src/core/fixer';
import { RULE_IDS } from '../../server/src/core/rules/index';
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
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The text after `--fix` (safe fixes to a fixed point); omit when no safe fix applies. */
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

function located(code: string, finding: Finding): ExpectedFinding {
  const lines = new LineIndex(code);
  const start = lines.positionAt(finding.range[0]);
  const end = lines.positionAt(finding.range[1]);
  return {
    messageId: finding.messageId,
    line: start.line,
    column: start.column + 1,
    endLine: end.line,
    endColumn: end.column + 1,
    severity: finding.severity,
  };
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
        const actual = findings.map((f) => located(test.code, f));
        const expected = test.errors.map((error, i) => ({ ...pick(actual[i], error), ...error }));
        expect(actual).toEqual(expected);
        await checkEveryFix(ruleId, test.code, options, findings);
        const fixed = fixText(test.code, options);
        expect(fixed.output).toBe(test.output ?? test.code);
        expect(fixText(fixed.output, options).output).toBe(fixed.output);
      });
    });
  });
}

/** Expected fields left out of a case are taken from the actual finding. */
function pick(actual: ExpectedFinding | undefined, expected: ExpectedFinding): Partial<ExpectedFinding> {
  if (!actual) return {};
  const taken: Partial<ExpectedFinding> = {};
  for (const key of ['endLine', 'endColumn', 'severity'] as const) if (!(key in expected)) (taken as Record<string, unknown>)[key] = actual[key];
  return taken;
}

async function checkEveryFix(ruleId: string, code: string, options: LintOptions, findings: Finding[]): Promise<void> {
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      const output = applyEdits(code, fix.edits);
      expect(await phpSyntaxError(output), `fix "${fix.title}" must leave valid PHP:\n${output}`).toBeNull();
      const before = findings.filter((f) => f.ruleId === ruleId).length;
      const after = ruleFindings(ruleId, output, options).filter((f) => f.ruleId === ruleId).length;
      expect(after, `fix "${fix.title}" must remove its finding:\n${output}`).toBeLessThan(before);
    }
  }
}
