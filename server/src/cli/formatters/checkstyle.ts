// Checkstyle XML, which Jenkins' warnings plugin and phpcs users read.
import { messageSource, type LintMessage } from '../results';
import type { Formatter } from './index';

const XML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// XML 1.0 cannot carry most C0 controls, U+FFFE/U+FFFF or lone surrogates, not even as
// character references, so they are written out as visible \uXXXX text instead.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes an attribute value; tab, CR and LF become references so attribute normalisation keeps them. */
export function xmlAttribute(value: string): string {
  return value
    .replace(/[&<>"']/g, (char) => XML_SPECIAL[char]!)
    .replace(/[\t\n\r]/g, (char) => `&#${char.charCodeAt(0)};`)
    .replace(NOT_XML, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

const SEVERITY_NAMES = ['info', 'warning', 'error'] as const;

function errorElement(message: LintMessage): string {
  const attributes = [
    ['line', String(message.line ?? 0)],
    ['column', String(message.column ?? 0)],
    ['severity', SEVERITY_NAMES[message.severity]],
    ['message', message.message],
    ['source', `php-socket-lint.${messageSource(message)}`],
  ];
  return `    <error ${attributes.map(([name, value]) => `${name}="${xmlAttribute(value!)}"`).join(' ')}/>`;
}

export const formatCheckstyle: Formatter = (results) => {
  const files = results.map((result) => {
    const errors = result.messages.map(errorElement);
    return [`  <file name="${xmlAttribute(result.filePath)}">`, ...errors, '  </file>'].join('\n');
  });
  return ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">', ...files, '</checkstyle>', ''].join('\n');
};
