// filter_var() for what socket programs validate: ints (ports, with min_range/max_range) and IP
// addresses (FILTER_FLAG_IPV4/IPV6). Other filters are PHP's Error "not ported". Also
// ip2long()/long2ip(), which pack an IPv4 address into an int (peer tables, wire formats).
import * as net from 'node:net';
import { PhpArray, PhpError, toInt, toStr } from './values';

export const FILTER_DEFAULT = 516;
export const FILTER_VALIDATE_INT = 257;
export const FILTER_VALIDATE_IP = 275;
export const FILTER_FLAG_IPV4 = 1048576;
export const FILTER_FLAG_IPV6 = 2097152;

/** The flags and options of filter_var()'s third argument: an int of flags, or ['flags' => ..., 'options' => [...]]. */
function filterSettings(options: unknown): { flags: number; option: (name: string) => unknown } {
  if (!(options instanceof PhpArray)) return { flags: toInt(options), option: () => undefined };
  const inner = options.lookup('options');
  return { flags: toInt(options.lookup('flags') ?? 0), option: (name) => (inner instanceof PhpArray ? inner.lookup(name) : undefined) };
}

function validInt(text: string, option: (name: string) => unknown): number | false {
  const trimmed = text.replace(/^[ \t\n\r\v\0]+|[ \t\n\r\v\0]+$/g, '');
  if (!/^[+-]?(0|[1-9][0-9]*)$/.test(trimmed)) return false;
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value)) return false;
  const min = option('min_range');
  const max = option('max_range');
  if ((min !== undefined && value < toInt(min)) || (max !== undefined && value > toInt(max))) return false;
  return value === 0 ? 0 : value;
}

function validIp(text: string, flags: number): string | false {
  // Node accepts an IPv6 zone ("fe80::1%eth0"); PHP does not.
  const version = text.includes('%') ? 0 : net.isIP(text);
  const wanted = flags & (FILTER_FLAG_IPV4 | FILTER_FLAG_IPV6);
  if (version === 4 && (wanted === 0 || wanted & FILTER_FLAG_IPV4)) return text;
  if (version === 6 && (wanted === 0 || wanted & FILTER_FLAG_IPV6)) return text;
  return false;
}

export function filter_var(value: unknown, filter: unknown = FILTER_DEFAULT, options: unknown = 0): string | number | false {
  if (value instanceof PhpArray) return false;
  const text = toStr(value);
  const { flags, option } = filterSettings(options);
  switch (toInt(filter)) {
    case FILTER_DEFAULT:
      return text;
    case FILTER_VALIDATE_INT:
      return validInt(text, option);
    case FILTER_VALIDATE_IP:
      return validIp(text, flags);
    default:
      throw new PhpError('Error', 'not ported from PHP: filter_var() with a filter other than FILTER_VALIDATE_INT, FILTER_VALIDATE_IP or FILTER_DEFAULT');
  }
}

/** ip2long(): inet_pton()'s dotted quad (no leading zeros, no spaces) as an unsigned int, or false. */
export function ip2long(address: unknown): number | false {
  const text = toStr(address);
  if (!net.isIPv4(text)) return false;
  return text.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

/** long2ip(): the low 32 bits of the int as a dotted quad. */
export function long2ip(value: unknown): string {
  const address = Number(BigInt.asUintN(32, BigInt(toInt(value))));
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}
