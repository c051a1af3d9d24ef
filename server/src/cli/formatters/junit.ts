// JUnit XML, which Jenkins, GitLab (artifacts:reports:junit) and Azure Pipelines show as test
// results: one suite per file, one failing test case per message, a passing case for a clean file.
import { relative, sep } from 'node:path';
import { messageSource, type LintFileResult, type LintMessage } from '../results';
import { xmlAttribute } from './checkstyle';
import type { Formatter } from './index';

const LEVEL_NAMES = ['Info', 'Warning', 'Error'] as const;

/** Text content: the attribute escaping, minus what text does not need, keeps the same characters out. */
function xmlText(value: string): string {
  return xmlAttribute(value).replace(/&#(9|10|13);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

function testCase(className: string, message: LintMessage): string {
  const where = message.line === undefined ? 'file' : `line ${message.line}, col ${message.column}`;
  const detail = `${where}, ${LEVEL_NAMES[message.severity]} - ${message.message} (${messageSource(message)})`;
  return [
    `    <testcase time="0" name="${xmlAttribute(`php-socket-lint.${messageSource(message)}`)}" classname="${xmlAttribute(className)}">`,
    `      <failure message="${xmlAttribute(message.message)}" type="${LEVEL_NAMES[message.severity].toLowerCase()}">${xmlText(detail)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

function testSuite(result: LintFileResult, cwd: string): string {
  const path = relative(cwd, result.filePath).split(sep).join('/');
  const className = path.replace(/\.php$/i, '');
  const cases = result.messages.length > 0 ? result.messages.map((message) => testCase(className, message)) : [`    <testcase time="0" name="${xmlAttribute(path)}" classname="${xmlAttribute(className)}"/>`];
  const failures = result.messages.length;
  const tests = Math.max(failures, 1);
  return [
    `  <testsuite name="${xmlAttribute(path)}" package="php-socket-lint" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

export const formatJunit: Formatter = (results, context) => {
  const tests = results.reduce((sum, result) => sum + Math.max(result.messages.length, 1), 0);
  const failures = results.reduce((sum, result) => sum + result.messages.length, 0);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<testsuites name="php-socket-lint" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...results.map((result) => testSuite(result, context.cwd)),
    '</testsuites>',
    '',
  ].join('\n');
};
