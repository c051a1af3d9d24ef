// GitLab Code Quality (artifacts:reports:codequality): a JSON array of issues, each with a
// description, check name, fingerprint, severity and a location whose path is relative to the
// repository (the job's working directory). GitLab shows them in merge requests.
import { relative, sep } from 'node:path';
import { messageSource, type LintMessage } from '../results';
import type { Formatter } from './index';
import { Fingerprints } from './sarif';

/** GitLab's severities: info, minor, major, critical, blocker. */
const SEVERITIES = ['info', 'minor', 'major'] as const;

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: (typeof SEVERITIES)[number];
  location: { path: string; lines: { begin: number; end?: number } };
}

function issue(path: string, message: LintMessage, fingerprints: Fingerprints): CodeQualityIssue {
  const begin = message.line ?? 1;
  const lines = message.endLine !== undefined && message.endLine > begin ? { begin, end: message.endLine } : { begin };
  return {
    description: message.message,
    check_name: messageSource(message),
    // The SARIF fingerprint (rule, file, line text, occurrence) keeps an issue's identity when code moves.
    fingerprint: fingerprints.next(messageSource(message), begin),
    severity: SEVERITIES[message.severity],
    location: { path, lines },
  };
}

export const formatGitlab: Formatter = (results, context) => {
  const issues: CodeQualityIssue[] = [];
  for (const result of results) {
    const path = relative(context.cwd, result.filePath).split(sep).join('/');
    const fingerprints = new Fingerprints(path, result.output ?? result.source);
    for (const message of result.messages) issues.push(issue(path, message, fingerprints));
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
};
