// What the core says about a text, in the terms the Problems panel shows: the tests compare the
// real workbench with the core they ship, not with numbers typed twice.
import { lintText } from '../../server/src/core/lint';
import type { LintOptions, TextEdit } from '../../server/src/core/types';
import type { Problem, Severity } from './workbench';

/** `.phpsocketlintrc.json` of test/e2e/fixtures/workspace, as lint options. */
export const WORKSPACE_OPTIONS: LintOptions = { rules: { 'listen-before-bind': 'info', 'udp-connect': 'info' } };

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** 1-based line and column (UTF-16 units, as VS Code counts them) of an offset. */
export function position(text: string, offset: number): { line: number; col: number } {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
  return { line: line + 1, col: offset - starts[line]! + 1 };
}

/** The Problems panel rows the core's findings become (hints never show there). */
export function expectedProblems(file: string, text: string, options: LintOptions = WORKSPACE_OPTIONS): Row[] {
  return lintText(text, options)
    .findings.filter((finding) => finding.severity !== 'hint' && finding.ruleId !== null)
    .map((finding) => ({ file, severity: finding.severity as Severity, code: finding.ruleId!, ...position(text, finding.range[0]) }))
    .sort(byPosition);
}

export function byPosition(a: { line: number; col: number }, b: { line: number; col: number }): number {
  return a.line - b.line || a.col - b.col;
}

export type Row = Omit<Problem, 'message' | 'source'>;

/** Rows without message and source, in position order (the panel puts errors first). */
export function shape(problems: readonly Problem[]): Row[] {
  return problems.map(({ message: _message, source: _source, ...rest }) => rest).sort(byPosition);
}

/** Applies offset edits as the core's fixer does (they never overlap within one fix). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.range[0] - a.range[0])) {
    out = out.slice(0, edit.range[0]) + edit.text + out.slice(edit.range[1]);
  }
  return out;
}
