// Text edits shared by the rules' fixes. They keep the file's own indentation and line endings.
import { rangeOf, type PhpNode } from './ast';
import type { Fix, TextEdit } from './types';

export function sourceOf(text: string, node: PhpNode): string {
  const [start, end] = rangeOf(node);
  return text.slice(start, end);
}

let lastEolText: string | undefined;
let lastEol = '\n';

/** The file's line ending; remembered for the last text, since every fix of a file asks. */
export function lineEndingOf(text: string): string {
  if (text !== lastEolText) {
    lastEolText = text;
    lastEol = text.includes('\r\n') ? '\r\n' : '\n';
  }
  return lastEol;
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The whitespace before the statement, when the statement starts its line. */
export function indentationAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  const before = text.slice(start, offset);
  return /^[ \t]*$/.test(before) ? before : (/^[ \t]*/.exec(before)?.[0] ?? '');
}

let lastIndentText: string | undefined;
let lastIndentUnit = '    ';

/**
 * One level of the file's indentation: a tab where this place is tab-indented, else the
 * smallest space indentation the file uses (four spaces when it has none).
 */
export function indentUnit(text: string, indentation: string): string {
  if (indentation.includes('\t')) return '\t';
  if (text !== lastIndentText) {
    let smallest = Infinity;
    for (const match of text.matchAll(/^( +)\S/gm)) smallest = Math.min(smallest, match[1]!.length);
    lastIndentText = text;
    lastIndentUnit = smallest >= 2 && smallest <= 8 ? ' '.repeat(smallest) : '    ';
  }
  return lastIndentUnit;
}

/** Whether `text` may be repeated as an expression without side effects: `$s`, `$this->sock`, `self::$s`. */
export function isPlainReference(node: PhpNode | undefined): boolean {
  if (!node) return false;
  if (node.kind === 'variable') return typeof node.name === 'string';
  if (node.kind === 'propertylookup' || node.kind === 'staticlookup') {
    return isPlainReference(node.what) || ['selfreference', 'staticreference', 'parentreference', 'name'].includes(node.what?.kind);
  }
  return false;
}

/** Removes a statement; when it is alone on its lines, the lines go too. */
export function removeStatement(text: string, statement: PhpNode): TextEdit {
  const [start, end] = rangeOf(statement);
  const from = lineStart(text, start);
  let to = end;
  while (to < text.length && (text[to] === ' ' || text[to] === '\t')) to++;
  const aloneOnLine = /^[ \t]*$/.test(text.slice(from, start)) && (to === text.length || text[to] === '\n' || text[to] === '\r');
  if (!aloneOnLine) return { range: [start, end], text: '' };
  if (text[to] === '\r') to++;
  if (text[to] === '\n') to++;
  return { range: [from, to], text: '' };
}

export function replaceNode(node: PhpNode, replacement: string): TextEdit {
  return { range: rangeOf(node), text: replacement };
}

export function fix(title: string, edits: TextEdit[], safe: boolean): Fix {
  return { title, edits, safe };
}
