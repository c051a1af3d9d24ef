// rand()/mt_rand() and mt_srand()/srand(): PHP's Mt19937 (ext/standard/mt_rand.c), so a seeded
// sequence is PHP's number for number, and its range reduction (rejection of the biased top, not
// a modulo); MT_RAND_PHP is PHP 5's twist and scaling. Unseeded, PHP seeds it at random, and so
// does the port. random_int() is the CSPRNG's, as in PHP.
import * as crypto from 'node:crypto';
import { PhpError, toInt } from './values';

export const MT_RAND_MT19937 = 0;
export const MT_RAND_PHP = 1;

const N = 624;
const M = 397;

class Mt19937 {
  private readonly state = new Uint32Array(N);
  private next = 0;
  private left = 0;

  constructor(
    seed: number,
    /** MT_RAND_PHP: PHP 5's twist and range scaling. */
    readonly legacy: boolean,
  ) {
    this.state[0] = seed;
    for (let i = 1; i < N; i++) {
      const previous = this.state[i - 1]!;
      this.state[i] = Math.imul(1812433253, previous ^ (previous >>> 30)) + i;
    }
    this.reload();
  }

  /** The next 32 random bits (php_mt_rand()). */
  bits(): number {
    if (this.left === 0) this.reload();
    this.left--;
    let s = this.state[this.next++]!;
    s ^= s >>> 11;
    s ^= (s << 7) & 0x9d2c5680;
    s ^= (s << 15) & 0xefc60000;
    return (s ^ (s >>> 18)) >>> 0;
  }

  private twist(m: number, u: number, v: number): number {
    const mixed = ((u & 0x80000000) | (v & 0x7fffffff)) >>> 1;
    // PHP 5's generator took the low bit of u instead of v (MT_RAND_PHP keeps that).
    const odd = (this.legacy ? u : v) & 1;
    return (m ^ mixed ^ (odd ? 0x9908b0df : 0)) >>> 0;
  }

  private reload(): void {
    const s = this.state;
    let p = 0;
    for (let i = N - M; i--; ++p) s[p] = this.twist(s[p + M]!, s[p]!, s[p + 1]!);
    for (let i = M; --i; ++p) s[p] = this.twist(s[p + M - N]!, s[p]!, s[p + 1]!);
    s[p] = this.twist(s[p + M - N]!, s[p]!, s[0]!);
    this.left = N;
    this.next = 0;
  }
}

let generator: Mt19937 | undefined;

function seeded(): Mt19937 {
  generator ??= new Mt19937(crypto.randomBytes(4).readUInt32LE(0), false);
  return generator;
}

export function mt_srand(seed: unknown = null, mode: unknown = MT_RAND_MT19937): null {
  const bits = seed === null ? crypto.randomBytes(4).readUInt32LE(0) : Number(BigInt.asUintN(32, BigInt(toInt(seed))));
  generator = new Mt19937(bits, toInt(mode) === MT_RAND_PHP);
  return null;
}

export const srand = mt_srand;

/** The largest value rand() and mt_rand() give without bounds. */
export function mt_getrandmax(): number {
  return 2147483647;
}

/** A uniform number from 0 to umax, as php_random_range() draws it: powers of two masked, the biased top redrawn. */
function uniformUpTo(source: Mt19937, umax: bigint): bigint {
  const wide = umax > 0xffffffffn;
  // PHP 8.2's ext/random fills a 64-bit number from its low half up.
  const draw = () => (wide ? BigInt(source.bits()) | (BigInt(source.bits()) << 32n) : BigInt(source.bits()));
  const top = wide ? 0xffffffffffffffffn : 0xffffffffn;
  let result = draw();
  if (umax === top) return result;
  const span = umax + 1n;
  if ((span & umax) === 0n) return result & umax;
  const limit = top - (top % span) - 1n;
  while (result > limit) result = draw();
  return result % span;
}

/** php_mt_rand_common(): a number from min to max in the current mode. */
function randomInRange(min: number, max: number): number {
  const source = seeded();
  if (source.legacy) {
    // PHP 5's scaling of a 31-bit number onto the range.
    const n = source.bits() >>> 1;
    return min + Math.trunc((max - min + 1) * (n / 2147483648));
  }
  const umax = BigInt.asUintN(64, BigInt(max) - BigInt(min));
  return Number(BigInt.asIntN(64, BigInt(min) + uniformUpTo(source, umax)));
}

export function mt_rand(min?: unknown, max?: unknown): number {
  if (min === undefined) return seeded().bits() >>> 1;
  const [low, high] = [toInt(min), toInt(max)];
  if (high < low) throw new PhpError('ValueError', 'mt_rand(): Argument #2 ($max) must be greater than or equal to argument #1 ($min)');
  return randomInRange(low, high);
}

/** rand(): mt_rand() that also takes its bounds the other way round. */
export function rand(min?: unknown, max?: unknown): number {
  if (min === undefined) return seeded().bits() >>> 1;
  const [low, high] = [toInt(min), toInt(max)];
  return high < low ? randomInRange(high, low) : randomInRange(low, high);
}

export function random_int(min: unknown, max: unknown): number {
  const [low, high] = [toInt(min), toInt(max)];
  if (low > high) throw new PhpError('ValueError', 'random_int(): Argument #1 ($min) must be less than or equal to argument #2 ($max)');
  return low + crypto.randomInt(0, high - low + 1);
}
