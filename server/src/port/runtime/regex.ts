// PHP's preg_* functions over JavaScript RegExp, with the patterns pcre.ts translates.
import { PatternProblem, pcrePattern, type TranslatedPattern } from './pcre';
import { PhpArray, PhpError, phpWarning, toInt, toStr } from './values';

/** The pattern, or PHP's warning (and undefined) when it is invalid; an Error when JavaScript cannot run it. */
function patternFor(pattern: unknown, functionName: string): TranslatedPattern | undefined {
  const translated = pcrePattern(toStr(pattern));
  if (!(translated instanceof PatternProblem)) return translated;
  if (!translated.warning) throw new PhpError('Error', `not ported from PHP: ${functionName}(): ${translated.message}`);
  phpWarning(`${functionName}(): ${translated.message}`);
  return undefined;
}

/** $matches of a match: groups by number (and name first, as PHP puts it), trailing unmatched groups left out. */
function matchArray(match: RegExpExecArray, names: (string | undefined)[]): PhpArray<string> {
  const groups = PhpArray.of<string>();
  let last = match.length - 1;
  while (last > 0 && match[last] === undefined) last--;
  for (let index = 0; index <= last; index++) {
    const name = names[index];
    if (name !== undefined) groups.set(name, match[index] ?? '');
    groups.set(index, match[index] ?? '');
  }
  return groups;
}

/** preg_match(): [1, 0 or false, $matches]. */
export function preg_match(pattern: unknown, subject: unknown, flags: unknown = 0, offset: unknown = 0): [number | false, PhpArray<string>] {
  void flags;
  const translated = patternFor(pattern, 'preg_match');
  if (!translated) return [false, new PhpArray<string>()];
  const { regex, names } = translated;
  regex.lastIndex = Math.max(0, toInt(offset));
  const match = regex.exec(toStr(subject));
  return match ? [1, matchArray(match, names)] : [0, new PhpArray<string>()];
}

/** preg_replace() with a string pattern: `$1`, `\1` and `${1}` in the replacement name groups. */
export function preg_replace(pattern: unknown, replacement: unknown, subject: unknown, limit: unknown = -1): string | null {
  const translated = patternFor(pattern, 'preg_replace');
  if (!translated) return null;
  const template = toStr(replacement);
  let remaining = toInt(limit);
  return toStr(subject).replace(translated.regex, (...found: unknown[]) => {
    if (remaining === 0) return found[0] as string;
    remaining--;
    return template.replace(/\\\\|(?:\$|\\)(?:\{(\d\d?)\}|(\d\d?))/g, (ref, braced?: string, plain?: string) => {
      if (ref === '\\\\') return '\\';
      const group = found[Number(braced ?? plain)];
      return typeof group === 'string' ? group : '';
    });
  });
}

export const PREG_SPLIT_NO_EMPTY = 1;
export const PREG_SPLIT_DELIM_CAPTURE = 2;

/** preg_split() with PREG_SPLIT_NO_EMPTY and PREG_SPLIT_DELIM_CAPTURE. */
export function preg_split(pattern: unknown, subject: unknown, limit: unknown = -1, flags: unknown = 0): PhpArray<string> | false {
  const translated = patternFor(pattern, 'preg_split');
  if (!translated) return false;
  const text = toStr(subject);
  const mode = toInt(flags);
  const max = toInt(limit) === 0 ? -1 : toInt(limit);
  const noEmpty = (mode & PREG_SPLIT_NO_EMPTY) !== 0;
  const pieces = new PhpArray<string>();
  const add = (piece: string) => (noEmpty && piece === '' ? undefined : pieces.push(piece));
  let start = 0;
  for (const match of text.matchAll(translated.regex)) {
    if (max > 0 && pieces.count >= max - 1) break;
    add(text.slice(start, match.index));
    if (mode & PREG_SPLIT_DELIM_CAPTURE) for (const group of match.slice(1)) if (group !== undefined) add(group);
    start = match.index + match[0].length;
  }
  add(text.slice(start));
  return pieces;
}

/** preg_quote(): escapes PCRE's special characters and the delimiter. */
export function preg_quote(text: unknown, delimiter: unknown = null): string {
  const extra = delimiter === null ? '' : toStr(delimiter).slice(0, 1);
  let quoted = '';
  for (const c of toStr(text)) {
    if (c === '\0') quoted += '\\000';
    else quoted += '.\\+*?[^]$(){}=!<>|:-#'.includes(c) || c === extra ? `\\${c}` : c;
  }
  return quoted;
}
