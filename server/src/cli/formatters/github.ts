// GitHub Actions workflow commands: each message becomes an annotation on the pull request.
// Escaping as GitHub's toolkit does it (@actions/core, command.ts).
import { relative, sep } from 'node:path';
import { messageSource, type LintMessage } from '../results';
import type { Formatter } from './index';

export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMANDS = ['notice', 'warning', 'error'] as const;

function annotation(file: string, message: LintMessage): string {
  const properties: [string, string | number | undefined][] = [
    ['file', file],
    ['line', message.line],
    ['col', message.column],
    ['endLine', message.endLine],
    ['endColumn', message.endColumn],
    ['title', `php-socket-lint (${messageSource(message)})`],
  ];
  const list = properties
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${COMMANDS[message.severity]} ${list}::${escapeData(message.message)}`;
}

export const formatGithub: Formatter = (results, context) => {
  const lines: string[] = [];
  for (const result of results) {
    // Annotations name files relative to the workspace, which is where the job runs.
    const file = relative(context.cwd, result.filePath).split(sep).join('/');
    for (const message of result.messages) lines.push(annotation(file, message));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};
