// pack()/unpack() for binary protocols: a A Z h H c C s S n v i I l L N V q Q J P f g G d e E x X @.
// "Machine" order is little-endian (x86-64 and arm64 Linux, where the PHP original runs).
import { PhpArray, PhpError, phpWarning, toFloat, toInt, toStr, type PhpValue } from './values';

interface NumberCode {
  size: number;
  write(view: DataView, value: number): void;
  read(view: DataView): number;
}

function integerCode(size: 1 | 2 | 4 | 8, littleEndian: boolean, signed: boolean): NumberCode {
  return {
    size,
    write(view, value) {
      const wrapped = BigInt.asUintN(size * 8, BigInt(value));
      if (size === 8) view.setBigUint64(0, wrapped, littleEndian);
      else if (size === 4) view.setUint32(0, Number(wrapped), littleEndian);
      else if (size === 2) view.setUint16(0, Number(wrapped), littleEndian);
      else view.setUint8(0, Number(wrapped));
    },
    read(view) {
      // PHP ints are signed 64-bit, so even Q/J/P come back signed.
      if (size === 8) return Number(view.getBigInt64(0, littleEndian));
      if (size === 4) return signed ? view.getInt32(0, littleEndian) : view.getUint32(0, littleEndian);
      if (size === 2) return signed ? view.getInt16(0, littleEndian) : view.getUint16(0, littleEndian);
      return signed ? view.getInt8(0) : view.getUint8(0);
    },
  };
}

function floatCode(size: 4 | 8, littleEndian: boolean): NumberCode {
  return {
    size,
    write: (view, value) => (size === 4 ? view.setFloat32(0, value, littleEndian) : view.setFloat64(0, value, littleEndian)),
    read: (view) => (size === 4 ? view.getFloat32(0, littleEndian) : view.getFloat64(0, littleEndian)),
  };
}

const NUMBER_CODES: Record<string, NumberCode> = {
  c: integerCode(1, true, true),
  C: integerCode(1, true, false),
  s: integerCode(2, true, true),
  S: integerCode(2, true, false),
  n: integerCode(2, false, false),
  v: integerCode(2, true, false),
  i: integerCode(4, true, true),
  I: integerCode(4, true, false),
  l: integerCode(4, true, true),
  L: integerCode(4, true, false),
  N: integerCode(4, false, false),
  V: integerCode(4, true, false),
  q: integerCode(8, true, true),
  Q: integerCode(8, true, false),
  J: integerCode(8, false, false),
  P: integerCode(8, true, false),
  f: floatCode(4, true),
  g: floatCode(4, true),
  G: floatCode(4, false),
  d: floatCode(8, true),
  e: floatCode(8, true),
  E: floatCode(8, false),
};

/** One code of a format with its repeater: undefined (none), a count, or '*'. */
function parseFormat(format: string): { code: string; repeat: number | '*' | undefined; name: string }[] {
  const parts: { code: string; repeat: number | '*' | undefined; name: string }[] = [];
  for (const piece of format.split('/')) {
    const match = /^([a-zA-Z@])(\*|\d+)?(.*)$/s.exec(piece);
    if (!match) continue;
    const [, code, repeat, name] = match as unknown as [string, string, string | undefined, string];
    parts.push({ code, repeat: repeat === undefined ? undefined : repeat === '*' ? '*' : Number(repeat), name });
  }
  return parts;
}

function numberBytes(code: NumberCode, value: number): string {
  const view = new DataView(new ArrayBuffer(code.size));
  code.write(view, value);
  return Buffer.from(view.buffer).toString('latin1');
}

export function pack(format: unknown, ...values: unknown[]): string {
  let out = '';
  let next = 0;
  const text = toStr(format);
  for (let i = 0; i < text.length; i++) {
    const code = text[i]!;
    let repeat: number | '*' | undefined;
    const repeater = /^(\*|\d+)/.exec(text.slice(i + 1));
    if (repeater) {
      repeat = repeater[1] === '*' ? '*' : Number(repeater[1]);
      i += repeater[1]!.length;
    }
    if ('aAZ'.includes(code)) {
      const bytes = toStr(values[next++]);
      const length = repeat === '*' ? bytes.length + (code === 'Z' ? 1 : 0) : (repeat ?? 1);
      const fill = code === 'A' ? ' ' : '\0';
      const body = code === 'Z' ? bytes.slice(0, Math.max(0, length - 1)) : bytes.slice(0, length);
      out += body + fill.repeat(length - body.length);
    } else if (code === 'h' || code === 'H') {
      let hex = toStr(values[next++]);
      if (repeat !== '*' && repeat !== undefined) hex = hex.slice(0, repeat);
      if (hex.length % 2) hex += '0';
      for (let j = 0; j < hex.length; j += 2) {
        const pair = code === 'H' ? hex.slice(j, j + 2) : hex[j + 1]! + hex[j]!;
        out += String.fromCharCode(Number.parseInt(pair, 16));
      }
    } else if (code === 'x') {
      out += '\0'.repeat(repeat === '*' ? 0 : (repeat ?? 1));
    } else if (code === 'X') {
      out = out.slice(0, Math.max(0, out.length - (repeat === '*' ? 0 : (repeat ?? 1))));
    } else if (code === '@') {
      const position = repeat === '*' ? out.length : (repeat ?? 1);
      out = out.length > position ? out.slice(0, position) : out + '\0'.repeat(position - out.length);
    } else {
      const numberCode = NUMBER_CODES[code];
      if (!numberCode) throw new PhpError('ValueError', `pack(): Type ${code}: unknown format code`);
      const times = repeat === '*' ? values.length - next : (repeat ?? 1);
      if (next + times > values.length) throw new PhpError('ValueError', `pack(): Type ${code}: too few arguments`);
      for (let j = 0; j < times; j++) {
        const value = values[next++];
        out += numberBytes(numberCode, 'fgGdeE'.includes(code) ? toFloat(value) : toInt(value));
      }
    }
  }
  if (next < values.length) phpWarning(`pack(): ${values.length - next} arguments unused`);
  return out;
}

/** unpack(): named fields ("nlength/a*body"), numbered ones for repeats ("C2b" -> b1, b2). */
export function unpack(format: unknown, data: unknown, offset: unknown = 0): PhpArray<PhpValue> | false {
  const bytes = toStr(data);
  let position = toInt(offset);
  const result = new PhpArray<PhpValue>();
  for (const { code, repeat, name } of parseFormat(toStr(format))) {
    const remaining = bytes.length - position;
    if ('aAZhH'.includes(code)) {
      const nibbles = code === 'h' || code === 'H';
      let length = repeat === '*' ? remaining : (repeat ?? 1);
      if (nibbles && repeat !== '*') length = Math.ceil(length / 2);
      if (length > remaining) {
        phpWarning(`unpack(): Type ${code}: not enough input, need ${length}, have ${remaining}`);
        return false;
      }
      let value = bytes.slice(position, position + length);
      position += length;
      if (code === 'A') value = value.replace(/[ \t\r\n\0]+$/, '');
      if (code === 'Z') value = value.split('\0')[0]!;
      if (nibbles) {
        const hex = Buffer.from(value, 'latin1').toString('hex');
        value = code === 'H' ? hex : hex.replace(/(.)(.)/g, '$2$1');
        if (typeof repeat === 'number') value = value.slice(0, repeat);
      }
      result.set(name || '1', value);
      continue;
    }
    if (code === 'x' || code === 'X' || code === '@') {
      const step = repeat === '*' ? 0 : (repeat ?? 1);
      position = code === 'x' ? position + step : code === 'X' ? position - step : toInt(offset) + step;
      continue;
    }
    const numberCode = NUMBER_CODES[code];
    if (!numberCode) throw new PhpError('ValueError', `unpack(): Type ${code}: unknown format code`);
    const times = repeat === '*' ? Math.floor(remaining / numberCode.size) : (repeat ?? 1);
    for (let i = 0; i < times; i++) {
      const left = bytes.length - position;
      if (numberCode.size > left) {
        phpWarning(`unpack(): Type ${code}: not enough input, need ${numberCode.size}, have ${left}`);
        return false;
      }
      const chunk = Buffer.from(bytes.slice(position, position + numberCode.size), 'latin1');
      const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.length);
      position += numberCode.size;
      // PHP numbers the keys unless the code has a name and no repeater other than 1.
      const numbered = (repeat !== undefined && repeat !== 1) || name === '';
      const key = numbered ? `${name}${i + 1}` : name;
      result.set(key, numberCode.read(view));
    }
  }
  return result;
}
