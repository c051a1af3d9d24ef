// The default format, after ESLint's stylish: per file an underlined path and aligned
// `line:col  severity  message  rule` rows, then a summary.
import { styleText } from 'node:util';
import { totalsOf, type LintFileResult, type LintMessage } from '../results';
import type { Formatter } from './index';

type Style = Parameters<typeof styleText>[0];
type Paint = (style: Style, text: string) => string;

function painter(color: boolean): Paint {
  // We decide about colour ourselves (flags, NO_COLOR, FORCE_COLOR, the real output), so styleText must not re-check.
  if (!color || typeof styleText !== 'function') return (_style, text) => text;
  return (style, text) => styleText(style, text, { validateStream: false });
}

function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

function severityLabel(message: LintMessage, paint: Paint): { text: string; width: number } {
  const text = message.severity === 2 ? 'error' : message.severity === 1 ? 'warning' : message.level;
  const style: Style = message.severity === 2 ? 'red' : message.severity === 1 ? 'yellow' : 'cyan';
  return { text: paint(style, text), width: text.length };
}

function fileSection(result: LintFileResult, paint: Paint): string {
  const rows = result.messages.map((message) => ({
    line: String(message.line ?? 0),
    column: String(message.column ?? 0),
    severity: severityLabel(message, paint),
    // ESLint drops a sentence's final period.
    text: message.message.replace(/([^ ])\.$/u, '$1'),
    rule: message.ruleId ?? '',
  }));
  const width = (pick: (row: (typeof rows)[number]) => number) => Math.max(...rows.map(pick));
  const lineWidth = width((row) => row.line.length);
  const columnWidth = width((row) => row.column.length);
  const severityWidth = width((row) => row.severity.width);
  const textWidth = width((row) => row.text.length);
  const lines = rows.map((row) => {
    const position = paint('dim', `${row.line.padStart(lineWidth)}:${row.column.padEnd(columnWidth)}`);
    const severity = row.severity.text + ' '.repeat(severityWidth - row.severity.width);
    const tail = row.rule ? `${row.text.padEnd(textWidth)}  ${paint('dim', row.rule)}` : row.text;
    return `  ${position}  ${severity}  ${tail}`.trimEnd();
  });
  return `${paint('underline', result.filePath)}\n${lines.join('\n')}\n`;
}

export const formatStylish: Formatter = (results, context) => {
  const paint = painter(context.color);
  const sections = results.filter((result) => result.messages.length > 0).map((result) => fileSection(result, paint));
  if (sections.length === 0) return '';
  const totals = totalsOf(results);
  const problems = totals.errorCount + totals.warningCount + totals.infoCount + totals.hintCount;
  const counts = [plural(totals.errorCount, 'error'), plural(totals.warningCount, 'warning')];
  if (totals.infoCount > 0) counts.push(plural(totals.infoCount, 'info', 'info'));
  if (totals.hintCount > 0) counts.push(plural(totals.hintCount, 'hint'));
  const summaryStyle: Style = totals.errorCount > 0 ? ['red', 'bold'] : totals.warningCount > 0 ? ['yellow', 'bold'] : ['cyan', 'bold'];
  let summary = paint(summaryStyle, `\u2716 ${plural(problems, 'problem')} (${counts.join(', ')})`) + '\n';
  if (totals.fixableErrorCount > 0 || totals.fixableWarningCount > 0) {
    const fixable = `  ${plural(totals.fixableErrorCount, 'error')} and ${plural(totals.fixableWarningCount, 'warning')} potentially fixable with the \`--fix\` option.`;
    summary += paint(summaryStyle, fixable) + '\n';
  }
  return `\n${sections.join('\n')}\n${summary}`;
};
