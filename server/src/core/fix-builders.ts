// Text edits shared by the rules' fixes. They keep the file's own indentation and line endings.
import { isNode, rangeOf, type PhpNode } from './ast';
import type { Fix, Suggestion, TextEdit } from './types';

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

/** Whether `text` may be repeated as an expression without side effects: `$s`, `$this->sock`, `self::$s`, `$a[3]`. */
export function isPlainReference(node: PhpNode | undefined): boolean {
  if (!node) return false;
  // `&$errstr` (call-time pass-by-reference): its text is no expression to repeat.
  if ('byref' in node && node.byref) return false;
  if (node.kind === 'variable') return typeof node.name === 'string';
  // `$clients[3]`, `$peers['a']`, `$all[$i]`: reading it again reads the same element.
  if (node.kind === 'offsetlookup') return isPlainReference(node.what) && isNode(node.offset) && (['number', 'string'].includes(node.offset.kind) || (node.offset.kind === 'variable' && typeof node.offset.name === 'string'));
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

/** `base`, or `base2`, `base3`… : the first that is not in `used` (which then holds it). */
export function freshName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}${n}`;
  used.add(name);
  return name;
}

export function replaceNode(node: PhpNode, replacement: string): TextEdit {
  return { range: rangeOf(node), text: replacement };
}

export function fix(title: string, edits: TextEdit[]): Fix {
  return { title, edits };
}

export function suggestion(desc: string, edits: TextEdit[], messageId?: string): Suggestion {
  return messageId === undefined ? { desc, edits } : { desc, messageId, edits };
}

/** Skips blanks and comments forward from `offset`. */
function skipTrivia(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('//', i) || text[i] === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r' && !text.startsWith('?>', i)) i++;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else {
      return i;
    }
  }
}

/**
 * Where an expression really ends. php-parser sometimes ends a call, or an operator whose last
 * operand is one, at the end of the whole statement (`$ok = is_resource($s) or die();`), so
 * fixes compute the end from the parts: a call ends at its `)`, an operator with its operand.
 */
export function exactEnd(text: string, node: PhpNode): number {
  switch (node.kind) {
    case 'call': {
      const args = (node.arguments ?? []).filter(isNodeLike);
      let offset = args.length > 0 ? exactEnd(text, args[args.length - 1]!) : rangeOf(node.what)[1];
      offset = skipTrivia(text, offset);
      if (text[offset] === ',') offset = skipTrivia(text, offset + 1);
      if (args.length === 0 && text[offset] === '(') offset = skipTrivia(text, offset + 1);
      return text[offset] === ')' ? offset + 1 : rangeOf(node)[1];
    }
    case 'bin':
    case 'assign':
      return isNodeLike(node.right) ? exactEnd(text, node.right) : rangeOf(node)[1];
    case 'unary':
      return isNodeLike(node.what) ? exactEnd(text, node.what) : rangeOf(node)[1];
    case 'silent':
    case 'cast':
      return isNodeLike(node.expr) ? exactEnd(text, node.expr) : rangeOf(node)[1];
    // Leaves end where their own text does.
    case 'number':
    case 'string':
    case 'boolean':
    case 'nullkeyword':
      return leafEnd(node, typeof node.raw === 'string' ? node.raw : String('value' in node ? node.value : ''));
    case 'variable':
      return typeof node.name === 'string' && !node.curly ? leafEnd(node, `$${node.name}`) : rangeOf(node)[1];
    case 'name':
      return leafEnd(node, String(node.name));
    default:
      return rangeOf(node)[1];
  }
}

function leafEnd(node: PhpNode, source: string): number {
  const [start, end] = rangeOf(node);
  return source.length > 0 ? Math.min(end, start + source.length) : end;
}

function isNodeLike(value: unknown): value is PhpNode {
  return typeof value === 'object' && value !== null && typeof (value as PhpNode).kind === 'string';
}

/** The range of an expression with its true end. */
export function exactRange(text: string, node: PhpNode): [number, number] {
  return [rangeOf(node)[0], exactEnd(text, node)];
}

/**
 * Whether a replacement for `range` needs parentheses: it does unless what stands around it
 * binds more loosely than a comparison (a condition's `(`, `!`, `&&`, `||`, `and`, `or`, `=`,
 * `,`, `;`, `return`) — next to another comparison, a cast or arithmetic it does.
 */
export function needsParentheses(text: string, range: readonly [number, number]): boolean {
  const before = text.slice(Math.max(0, range[0] - 12), range[0]).replace(/\s+$/, '');
  const after = text.slice(range[1]).replace(/^\s+/, '');
  const comparisonBefore = /(==|!=|<>|<=|>=|<|>)$/.test(before) && !/(=>|->|\?->)$/.test(before);
  const castBefore = /\(\s*(int|integer|bool|boolean|float|double|string|array|object)\s*\)$/i.test(before);
  const safeBefore = /(^|[(!&|=,?:;{]|\breturn|\band|\bor|\bxor|\becho)$/.test(before) && !comparisonBefore && !castBefore;
  const safeAfter = /^($|[);,?:}\]]|&&|\|\||\?>|\band\b|\bor\b|\bxor\b)/.test(after);
  return !(safeBefore && safeAfter);
}
