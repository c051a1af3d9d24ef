// PHP string literals → bytes → TypeScript literals. A PHP string is bytes: the source text is
// UTF-8 and escapes (\x80, \u{…}, octal) add raw bytes. The port keeps strings as JS strings
// of one char per byte and writes every char outside printable ASCII as an escape, so nothing
// in a PHP literal can end the TypeScript literal, open a template hole or a comment.
import type { LooseNode } from './loose-node';

/** A JS string holding one char (0–255) per byte. */
export type ByteString = string;

export function utf8Bytes(text: string): ByteString {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** The body of a single-quoted string: only \\ and \' are escapes. */
export function decodeSingleQuoted(body: string): ByteString {
  return utf8Bytes(body.replace(/\\([\\'])/g, '$1'));
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', v: '\v', e: '\x1b', f: '\f', '\\': '\\', $: '$' };

/**
 * Text between the quotes of a double-quoted string (or a heredoc part, where `\"` is not an
 * escape). Unknown escapes keep their backslash, as in PHP.
 */
export function decodeDoubleQuoted(body: string, inHeredoc = false): ByteString {
  let out = '';
  let plain = '';
  const flushPlain = () => {
    out += utf8Bytes(plain);
    plain = '';
  };
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== '\\' || i + 1 >= body.length) {
      plain += char;
      continue;
    }
    const next = body[i + 1]!;
    const rest = body.slice(i + 1);
    let match: RegExpExecArray | null;
    if (next in SIMPLE_ESCAPES || (next === '"' && !inHeredoc)) {
      plain += SIMPLE_ESCAPES[next] ?? '"';
      i++;
    } else if ((match = /^[0-7]{1,3}/.exec(rest))) {
      flushPlain();
      out += String.fromCharCode(Number.parseInt(match[0], 8) & 0xff);
      i += match[0].length;
    } else if ((match = /^x([0-9A-Fa-f]{1,2})/.exec(rest))) {
      flushPlain();
      out += String.fromCharCode(Number.parseInt(match[1]!, 16));
      i += match[0].length;
    } else if ((match = /^u\{([0-9A-Fa-f]+)\}/.exec(rest))) {
      plain += String.fromCodePoint(Number.parseInt(match[1]!, 16));
      i += match[0].length;
    } else {
      plain += char;
    }
  }
  flushPlain();
  return out;
}

/** Strips a `b` prefix and the quotes from a string token's raw text. */
function quotedBody(raw: string): string {
  const start = raw[0] === 'b' || raw[0] === 'B' ? 2 : 1;
  return raw.slice(start, -1);
}

/** The bytes of a php-parser `string` node. */
export function stringNodeBytes(node: LooseNode): ByteString {
  const raw = String(node.raw);
  return node.isDoubleQuote ? decodeDoubleQuoted(quotedBody(raw)) : decodeSingleQuoted(quotedBody(raw));
}

/** Heredoc/nowdoc layout: the closing marker's indentation is removed from every line. */
export interface HeredocLayout {
  indent: number;
}

export function heredocLayout(raw: string): HeredocLayout {
  const lastLine = raw.slice(raw.lastIndexOf('\n') + 1);
  return { indent: /^[ \t]*/.exec(lastLine)![0].length };
}

/** Removes `indent` columns after each line start; `atLineStart` says the text begins a line. */
export function removeIndent(text: string, indent: number, atLineStart: boolean): string {
  if (indent === 0) return text;
  const strip = (line: string) => line.slice(Math.min(indent, /^[ \t]*/.exec(line)![0].length));
  const lines = text.split('\n');
  return lines.map((line, i) => (i > 0 || atLineStart ? strip(line) : line)).join('\n');
}

/** The bytes of a nowdoc: its body, unindented, with no escapes. */
export function nowdocBytes(node: LooseNode): ByteString {
  const raw = String(node.raw);
  const { indent } = heredocLayout(raw);
  const body = raw.slice(raw.indexOf('\n') + 1, raw.lastIndexOf('\n'));
  return utf8Bytes(removeIndent(body, indent, true));
}

/**
 * The parts of an interpolated string: bytes for the literal text, nodes for the
 * interpolated expressions. For a heredoc, `layout` removes the closing marker's indentation
 * and the newline before the marker.
 */
export function encapsedParts(node: LooseNode, layout: HeredocLayout | undefined): (ByteString | LooseNode)[] {
  const parts: LooseNode[] = node.value ?? [];
  const result: (ByteString | LooseNode)[] = [];
  let atLineStart = true;
  parts.forEach((part, index) => {
    const inner: LooseNode = part.expression ?? part;
    if (inner.kind !== 'string' || part.syntax) {
      result.push(inner);
      atLineStart = false;
      return;
    }
    let text = String(inner.raw);
    if (layout && index === parts.length - 1) text = text.replace(/\n[ \t]*$/, '');
    result.push(layout ? decodeDoubleQuoted(removeIndent(text, layout.indent, atLineStart), true) : decodeDoubleQuoted(text));
    atLineStart = text.endsWith('\n');
  });
  return result;
}

/** `\xHH` for a byte, with the short forms where JavaScript has them. */
function escapeByte(code: number): string {
  switch (code) {
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    default:
      return `\\x${code.toString(16).padStart(2, '0').toUpperCase()}`;
  }
}

/** A single-quoted TypeScript literal of the bytes, printable ASCII only. */
export function tsStringLiteral(bytes: ByteString): string {
  let out = "'";
  for (let i = 0; i < bytes.length; i++) {
    const code = bytes.charCodeAt(i);
    if (code === 0x27 || code === 0x5c) out += `\\${bytes[i]}`;
    else if (code >= 0x20 && code < 0x7f) out += bytes[i];
    else out += escapeByte(code);
  }
  return `${out}'`;
}

/** Text for a template literal chunk: ` \ and $ escaped, non-ASCII as \xHH. */
export function tsTemplateChunk(bytes: ByteString): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const code = bytes.charCodeAt(i);
    if (code === 0x60 || code === 0x5c || code === 0x24) out += `\\${bytes[i]}`;
    else if (code >= 0x20 && code < 0x7f) out += bytes[i];
    else out += escapeByte(code);
  }
  return out;
}

/**
 * PHP source quoted in `//` comments, one comment line per source line. Every line break
 * JavaScript knows (\r, \u2028, \u2029) splits lines, and other control characters are shown
 * escaped, so the quote can never end the comment.
 */
export function commentLines(php: string): string[] {
  return php.split(/\r\n|\r|\n|\u2028|\u2029/).map((line) =>
    // eslint-disable-next-line no-control-regex -- control characters are what is escaped here
    line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`),
  );
}
