// Bytes of one file → its report entry. Runs on the main thread or in a worker, so it
// takes only plain, cloneable settings.
import { isUtf8 } from 'node:buffer';
import { writeFile } from 'node:fs/promises';
import { mergeEdits } from '../core/fixer';
import { fixText, mentionsSocketApi } from '../core/lint';
import { isTooDeep, lintTextDeep as lintText } from '../node/deep-lint';
import { LineIndex } from '../core/positions';
import { isFatal, type Finding, type LintOptions, type TextEdit } from '../core/types';
import { fileMessage, fileResult, SEVERITY_NUMBER, type EditInfo, type LintFileResult, type LintMessage } from './results';

export type FixMode = 'off' | 'write' | 'dry-run';

export interface LintSettings {
  lintOptions: LintOptions;
  fix: FixMode;
  /** Keep hint- and info-level findings (--hints). */
  showHints: boolean;
  /** Keep errors only (--quiet). */
  quiet: boolean;
}

/**
 * Checked on the raw bytes, so files that name neither socket API are never decoded or parsed.
 * One native search per case (`ock`, `OCK`) finds every place `socket_`, `Socket_`, `SOCKET_`,
 * `stream_socket_…` or `fsockopen`/`pfsockopen` could start (an `s`/`S` before, `et_` or `op`
 * after, in either case): as cheap as the two searches for `ocket_`/`OCKET_` that named only the
 * first family. Only a hit is decoded (latin1: bytes 1:1) and confirmed case-insensitively. A
 * spelling that mixes case inside `ock` (`SoCkEt_create`) is the one thing this skips.
 */
export function bytesMentionSocketApi(bytes: Buffer): boolean {
  if (!mayNameSocketApi(bytes, 'ock') && !mayNameSocketApi(bytes, 'OCK')) return false;
  return mentionsSocketApi(bytes.toString('latin1'));
}

const S = 0x73;
const E = 0x65;
const T = 0x74;
const O = 0x6f;
const P = 0x70;
const UNDERSCORE = 0x5f;
const LOWER = 0x20;

/** An `s`/`S`, the needle, then `et_` or `op` (letters in either case) somewhere in the bytes. */
function mayNameSocketApi(bytes: Buffer, needle: 'ock' | 'OCK'): boolean {
  for (let at = bytes.indexOf(needle, 1); at !== -1; at = bytes.indexOf(needle, at + 3)) {
    if ((bytes[at - 1]! | LOWER) !== S) continue;
    const next = bytes[at + 3]! | LOWER;
    const second = bytes[at + 4]! | LOWER;
    if (next === E ? second === T && bytes[at + 5] === UNDERSCORE : next === O && second === P) return true;
  }
  return false;
}

const BOM = '\uFEFF';

interface DecodedText {
  text: string;
  encoding: 'utf8' | 'latin1';
  /** A UTF-8 byte order mark was stripped (editors do not count it in columns) and goes back on write. */
  bom: boolean;
}

function decode(bytes: Buffer): DecodedText {
  if (!isUtf8(bytes)) return { text: bytes.toString('latin1'), encoding: 'latin1', bom: false };
  const text = bytes.toString('utf8');
  return text.startsWith(BOM) ? { text: text.slice(1), encoding: 'utf8', bom: true } : { text, encoding: 'utf8', bom: false };
}

/** The bytes `text` is written as when it replaces `original`: the same encoding and byte order mark. */
export function encodeLike(original: Buffer, text: string): Buffer {
  return encode(text, decode(original));
}

function encode(text: string, decoded: DecodedText): Buffer {
  // Fixes insert ASCII PHP, so a Latin-1 file stays Latin-1 byte for byte.
  return decoded.encoding === 'latin1' ? Buffer.from(text, 'latin1') : Buffer.from(decoded.bom ? BOM + text : text, 'utf8');
}

export async function lintFile(filePath: string, bytes: Buffer, settings: LintSettings): Promise<LintFileResult> {
  try {
    return await lintBytes(filePath, bytes, settings);
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { ...fileResult(filePath, [fileMessage(2, `php-socket-lint crashed on this file: ${detail}`)]), crashed: true };
  }
}

async function lintBytes(filePath: string, bytes: Buffer, settings: LintSettings): Promise<LintFileResult> {
  if (!bytesMentionSocketApi(bytes)) return fileResult(filePath, []);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const skipped = fileMessage(1, `File skipped: it looks binary (a NUL byte at byte ${nul}).`);
    return fileResult(filePath, settings.quiet ? [] : [skipped]);
  }
  const decoded = decode(bytes);
  const notes: LintMessage[] = [];
  if (decoded.encoding === 'latin1') {
    notes.push(fileMessage(1, 'File is not valid UTF-8: read as ISO-8859-1 (Latin-1), so columns count bytes.'));
  }
  const { text, findings, output } = analyse(decoded.text, settings);
  if (output !== undefined && settings.fix === 'write') {
    const failure = await writeFile(filePath, encode(output, decoded)).then(
      () => undefined,
      (error: NodeJS.ErrnoException) => error.code ?? error.message,
    );
    if (failure !== undefined) notes.push(fileMessage(2, `Cannot write the fixed file: ${failure}.`));
  }
  const result = toFileResult(filePath, text, findings, settings, notes);
  if (output !== undefined) result.output = output;
  else if (result.messages.length > 0) result.source = text;
  return result;
}

/** Lints, or fixes and lints the outcome; `output` is set only when fixes changed the text. */
function analyse(text: string, settings: LintSettings): { text: string; findings: Finding[]; output?: string } {
  if (settings.fix === 'off') return { text, findings: lintText(text, settings.lintOptions).findings };
  const fixed = fixText(text, settings.lintOptions);
  // Too deep for this thread: report the big-stack worker's findings and leave the file as it is.
  if (isTooDeep(fixed.result) && fixed.output === text) return { text, findings: lintText(text, settings.lintOptions).findings };
  if (fixed.output === text) return { text, findings: fixed.result.findings };
  return { text: fixed.output, findings: fixed.result.findings, output: fixed.output };
}

function isShown(finding: Finding, settings: LintSettings): boolean {
  if (settings.quiet) return finding.severity === 'error';
  return settings.showHints || finding.severity === 'error' || finding.severity === 'warning';
}

function toFileResult(
  filePath: string,
  text: string,
  findings: readonly Finding[],
  settings: LintSettings,
  notes: LintMessage[],
): LintFileResult {
  const shown = findings.filter((finding) => isShown(finding, settings));
  const messages = notes.filter((note) => !settings.quiet || note.severity === 2);
  const fixable = new Set<LintMessage>();
  if (shown.length > 0) {
    const lines = new LineIndex(text);
    for (const finding of shown) {
      const message = toMessage(finding, lines, text);
      if (finding.fix) fixable.add(message);
      messages.push(message);
    }
  }
  return fileResult(filePath, messages, fixable);
}

function toMessage(finding: Finding, lines: LineIndex, text: string): LintMessage {
  const message: LintMessage = {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    severity: SEVERITY_NUMBER[finding.severity],
    level: finding.severity,
    message: finding.message,
    ...oneBased(lines, finding.range),
  };
  if (isFatal(finding)) message.fatal = true;
  if (finding.related.length > 0) {
    message.related = finding.related.map((related) => ({ message: related.message, ...oneBased(lines, related.range) }));
  }
  if (finding.fix) message.fix = editInfo(text, finding.fix.edits);
  if (finding.suggestions.length > 0) {
    message.suggestions = finding.suggestions.map((suggestion) => ({
      desc: suggestion.desc,
      ...(suggestion.messageId === undefined ? {} : { messageId: suggestion.messageId }),
      fix: editInfo(text, suggestion.edits),
    }));
  }
  return message;
}

function editInfo(text: string, edits: readonly TextEdit[]): EditInfo {
  const merged = mergeEdits(text, edits);
  return { range: [merged.range[0], merged.range[1]], text: merged.text };
}

function oneBased(lines: LineIndex, range: readonly [number, number]) {
  const { start, end } = lines.rangeToLineColumns(range);
  return { line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
}
