// PCRE patterns as JavaScript RegExp, for preg_* (regex.ts) and for the port engine, which leaves
// a TODO(port) on a literal pattern JavaScript cannot run the same way. A pattern (delimiters,
// modifiers) is translated where both mean the same on byte strings: `.` and `$` keep PCRE's meaning (`.` is
// any byte but "\n", `$` also matches before a final "\n"), `\A \z \Z \h (?P<name>` are rewritten;
// constructs JavaScript lacks (the x and U modifiers, atomic groups, possessive quantifiers,
// recursion, \G \K \R \X) are reported, never approximated. No imports: the engine loads it.

/** A pattern as JavaScript runs it: the RegExp and the name of each capturing group (by number). */
export interface TranslatedPattern {
  regex: RegExp;
  names: (string | undefined)[];
}

const CLOSING_DELIMITER: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };
const UNSUPPORTED_ESCAPES = 'GKRXCQEN';
const patterns = new Map<string, TranslatedPattern | PatternProblem>();

/** Why a pattern does not run: PHP's own warning (`warning`), or a construct JavaScript lacks. */
export class PatternProblem {
  constructor(
    readonly message: string,
    readonly warning: boolean,
  ) {}
}

/** The JavaScript form of a PCRE pattern, cached (programs pass the same patterns again and again). */
export function pcrePattern(pattern: string): TranslatedPattern | PatternProblem {
  let translated = patterns.get(pattern);
  if (!translated) {
    translated = translatePattern(pattern);
    patterns.set(pattern, translated);
  }
  return translated;
}

function translatePattern(pattern: string): TranslatedPattern | PatternProblem {
  const text = pattern.replace(/^[ \t\n\r\v\f]+/, '');
  const open = text[0];
  if (open === undefined) return new PatternProblem('Empty regular expression', true);
  if (/[A-Za-z0-9\\\0]/.test(open)) return new PatternProblem('Delimiter must not be alphanumeric, backslash, or NUL', true);
  const close = CLOSING_DELIMITER[open] ?? open;
  const end = text.lastIndexOf(close);
  if (end <= 0) return new PatternProblem(`No ending ${close === open ? '' : 'matching '}delimiter '${close}' found`, true);
  const modifiers = { dotAll: false, multiline: false, dollarEndOnly: false, flags: '' };
  for (const modifier of text.slice(end + 1)) {
    if (modifier === 'i') modifiers.flags += 'i';
    else if (modifier === 's') modifiers.dotAll = true;
    else if (modifier === 'm') modifiers.multiline = true;
    else if (modifier === 'D') modifiers.dollarEndOnly = true;
    else if (modifier === '\n' || modifier === '\r' || modifier === ' ') continue;
    else if ('xuUAXSJn'.includes(modifier)) return new PatternProblem(`the /${modifier} modifier has no JavaScript equivalent`, false);
    else return new PatternProblem(`Unknown modifier '${modifier}'`, true);
  }
  return translateBody(text.slice(1, end), modifiers);
}

function translateBody(body: string, modifiers: { dotAll: boolean; multiline: boolean; dollarEndOnly: boolean; flags: string }): TranslatedPattern | PatternProblem {
  let out = '';
  let inClass = false;
  const names: (string | undefined)[] = [undefined];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      const next = body[++i];
      if (next === undefined) return new PatternProblem('a trailing backslash', false);
      if (UNSUPPORTED_ESCAPES.includes(next)) return new PatternProblem(`\\${next} has no JavaScript equivalent`, false);
      if (next === 's') out += inClass ? '\\t\\n\\v\\f\\r ' : '[\\t\\n\\v\\f\\r ]';
      else if (next === 'S' && !inClass) out += '[^\\t\\n\\v\\f\\r ]';
      else if (next === 'S') return new PatternProblem('\\S inside a character class', false);
      else if (next === 'h') out += inClass ? ' \\t' : '[ \\t]';
      else if (next === 'A' && !inClass) out += '(?<![\\s\\S])';
      else if (next === 'z' && !inClass) out += '(?![\\s\\S])';
      else if (next === 'Z' && !inClass) out += '(?=\\n?(?![\\s\\S]))';
      else out += `\\${next}`;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    switch (c) {
      case '[': {
        inClass = true;
        out += '[';
        if (body[i + 1] === '^') out += body[++i];
        // A `]` first in a class is a literal in PCRE.
        if (body[i + 1] === ']') out += `\\${body[++i]}`;
        break;
      }
      case '.':
        out += modifiers.dotAll ? '[\\s\\S]' : '[^\\n]';
        break;
      case '$':
        out += modifiers.multiline ? '(?=\\n|(?![\\s\\S]))' : modifiers.dollarEndOnly ? '(?![\\s\\S])' : '(?=\\n?(?![\\s\\S]))';
        break;
      case '^':
        out += modifiers.multiline ? '(?:(?<![\\s\\S])|(?<=\\n))' : '(?<![\\s\\S])';
        break;
      case '(': {
        const group = /^\?(P?<([A-Za-z_]\w*)>|[:=!]|<[=!])/.exec(body.slice(i + 1));
        if (body[i + 1] === '?' && !group) return new PatternProblem(`the group (?${body[i + 2] ?? ''} has no JavaScript equivalent`, false);
        if (!group) names.push(undefined);
        else if (group[2]) names.push(group[2]);
        out += group?.[2] ? `(?<${group[2]}>` : `(${group?.[0] ?? ''}`;
        i += group?.[0].length ?? 0;
        break;
      }
      case '+':
        if (/[*+?}]/.test(body[i - 1] ?? '') && body[i - 2] !== '\\') return new PatternProblem('possessive quantifiers have no JavaScript equivalent', false);
        out += c;
        break;
      default:
        out += c;
    }
  }
  try {
    return { regex: new RegExp(out, `${modifiers.flags}g`), names };
  } catch (error) {
    return new PatternProblem(`the pattern does not compile in JavaScript (${(error as Error).message})`, false);
  }
}
