// iconv() between the charsets socket programs name: UTF-8, ISO-8859-1, ASCII and the Chinese
// GB2312 (EUC-CN) and GBK (CP936), as glibc's iconv converts them: the double-byte tables are
// TextDecoder('gbk')'s with glibc's differences (charsets.generated.ts). Bytes invalid in the
// source, or a character the target lacks, give PHP's notice and false; //IGNORE drops them;
// //TRANSLIT (glibc's own look-alike table) is not ported. Other charsets are not ported.
import { DOUBLE_BYTE_CHARSETS, type DoubleByteLayout } from './charsets.generated';
import { PhpError, phpNotice, toStr } from './values';

/** A problem of the input: a sequence the source charset or the target lacks, or one cut off at the end. */
type Problem = 'illegal' | 'incomplete';

interface Charset {
  /** The code point at `at` and the bytes it takes, or the problem there. */
  decode(bytes: string, at: number): [codePoint: number, length: number] | Problem;
  /** The bytes of a code point, or undefined when the charset lacks it. */
  encode(codePoint: number): string | undefined;
}

const SINGLE_BYTE = (limit: number): Charset => ({
  decode: (bytes, at) => (bytes.charCodeAt(at) < limit ? [bytes.charCodeAt(at), 1] : 'illegal'),
  encode: (codePoint) => (codePoint < limit ? String.fromCharCode(codePoint) : undefined),
});

/** The length of a UTF-8 sequence by its lead byte, and the lowest code point it may carry (shorter forms are overlong). */
function utf8Lead(lead: number): [length: number, lowest: number] | undefined {
  if (lead < 0x80) return [1, 0];
  if (lead >= 0xc2 && lead < 0xe0) return [2, 0x80];
  if (lead >= 0xe0 && lead < 0xf0) return [3, 0x800];
  if (lead >= 0xf0 && lead < 0xf5) return [4, 0x10000];
  return undefined;
}

const UTF8: Charset = {
  decode(bytes, at) {
    const lead = utf8Lead(bytes.charCodeAt(at));
    if (!lead) return 'illegal';
    const [length, lowest] = lead;
    let codePoint = length === 1 ? bytes.charCodeAt(at) : bytes.charCodeAt(at) & (0xff >> (length + 1));
    for (let i = 1; i < length; i++) {
      if (at + i >= bytes.length) return 'incomplete';
      const next = bytes.charCodeAt(at + i);
      if ((next & 0xc0) !== 0x80) return 'illegal';
      codePoint = codePoint * 64 + (next & 0x3f);
    }
    if (codePoint < lowest || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint < 0xe000)) return 'illegal';
    return [codePoint, length];
  },
  encode: (codePoint) => Buffer.from(String.fromCodePoint(codePoint), 'utf8').toString('latin1'),
};

/** A double-byte charset's tables, built on first use from TextDecoder('gbk') and glibc's differences. */
function doubleByte(layout: DoubleByteLayout): Charset {
  let decoded: Map<number, number> | undefined;
  let encoded: Map<number, number> | undefined;
  const tables = () => {
    if (!decoded || !encoded) {
      decoded = doubleByteTable(layout);
      encoded = new Map([...decoded].map(([code, codePoint]) => [codePoint, code]));
    }
    return { decoded, encoded };
  };
  // GBK (lead bytes from 0x81) has the euro sign at 0x80, as Windows' code page 936 does.
  const euro = layout.leads[0] <= 0x81;
  return {
    decode(bytes, at) {
      const lead = bytes.charCodeAt(at);
      if (lead < 0x80) return [lead, 1];
      if (lead === 0x80 && euro) return [0x20ac, 1];
      if (at + 1 >= bytes.length) return lead >= layout.leads[0] && lead <= layout.leads[1] ? 'incomplete' : 'illegal';
      const codePoint = tables().decoded.get(lead * 256 + bytes.charCodeAt(at + 1));
      return codePoint === undefined ? 'illegal' : [codePoint, 2];
    },
    encode(codePoint) {
      if (codePoint < 0x80) return String.fromCharCode(codePoint);
      if (codePoint === 0x20ac && euro) return '\x80';
      const code = tables().encoded.get(codePoint);
      return code === undefined ? undefined : String.fromCharCode(code >> 8, code & 0xff);
    },
  };
}

function doubleByteTable(layout: DoubleByteLayout): Map<number, number> {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder('gbk', { fatal: true });
  } catch {
    throw new PhpError('Error', 'not ported from PHP: iconv() of a Chinese charset needs a Node built with ICU (TextDecoder("gbk"))');
  }
  const missing = (code: number) => layout.missing.some(([first, last]) => code >= first && code <= last);
  const table = new Map<number, number>();
  for (let lead = layout.leads[0]; lead <= layout.leads[1]; lead++) {
    for (let trail = layout.trails[0]; trail <= layout.trails[1]; trail++) {
      const code = lead * 256 + trail;
      if (trail === 0x7f || missing(code)) continue;
      try {
        const text = decoder.decode(Uint8Array.of(lead, trail));
        const codePoint = text.codePointAt(0);
        if (codePoint !== undefined && text.length === (codePoint > 0xffff ? 2 : 1)) table.set(code, codePoint);
      } catch {
        // Not a character of WHATWG's GBK either.
      }
    }
  }
  for (const [code, codePoint] of layout.remapped) table.set(code, codePoint);
  return table;
}

const CHARSETS: Record<string, () => Charset> = {
  'UTF-8': () => UTF8,
  'ISO-8859-1': () => SINGLE_BYTE(0x100),
  ASCII: () => SINGLE_BYTE(0x80),
  GB2312: () => doubleByte(DOUBLE_BYTE_CHARSETS.GB2312!),
  GBK: () => doubleByte(DOUBLE_BYTE_CHARSETS.GBK!),
};

/** glibc's other names of those charsets. */
const ALIASES: Record<string, string> = {
  UTF8: 'UTF-8', 'ISO8859-1': 'ISO-8859-1', 'ISO_8859-1': 'ISO-8859-1', LATIN1: 'ISO-8859-1', L1: 'ISO-8859-1',
  'US-ASCII': 'ASCII', 'ANSI_X3.4-1968': 'ASCII', 'EUC-CN': 'GB2312', EUCCN: 'GB2312', CP936: 'GBK', MS936: 'GBK', 'WINDOWS-936': 'GBK',
};

const loaded = new Map<string, Charset>();

/** A charset argument ("GB2312//IGNORE"): the charset and the flags after it. */
function charsetNamed(argument: unknown, from: unknown, to: unknown): { charset: Charset; ignore: boolean; translit: boolean } {
  const [name = '', ...flags] = toStr(argument).toUpperCase().split('//');
  const canonical = ALIASES[name] ?? name;
  const make = CHARSETS[canonical];
  if (!make) throw new PhpError('Error', `not ported from PHP: iconv() from ${toStr(from)} to ${toStr(to)} (the port converts UTF-8, ISO-8859-1, ASCII, GB2312 and GBK)`);
  let charset = loaded.get(canonical);
  if (!charset) loaded.set(canonical, (charset = make()));
  return { charset, ignore: flags.includes('IGNORE'), translit: flags.includes('TRANSLIT') };
}

export function iconv(fromEncoding: unknown, toEncoding: unknown, text: unknown): string | false {
  const source = charsetNamed(fromEncoding, fromEncoding, toEncoding).charset;
  const target = charsetNamed(toEncoding, fromEncoding, toEncoding);
  const bytes = toStr(text);
  let converted = '';
  const failed = (problem: Problem): false => {
    phpNotice(problem === 'incomplete' ? 'iconv(): Detected an incomplete multibyte character in input string' : 'iconv(): Detected an illegal character in input string');
    return false;
  };
  for (let at = 0; at < bytes.length; ) {
    const decoded = source.decode(bytes, at);
    if (typeof decoded === 'string') {
      if (!target.ignore) return failed(decoded);
      at++;
      continue;
    }
    const [codePoint, length] = decoded;
    at += length;
    const encoded = target.charset.encode(codePoint);
    if (encoded !== undefined) converted += encoded;
    else if (target.translit) throw new PhpError('Error', "not ported from PHP: iconv()'s //TRANSLIT of a character the target charset lacks");
    else if (!target.ignore) return failed('illegal');
  }
  return converted;
}
