import { describe, expect, it } from 'vitest';
import { forEachDifference, mapEntries, mapGet, mapSet, type PersistentMap } from '../../server/src/core/model/persistent-map';

/** Two keys whose 32-bit FNV-1a hashes are equal (0xa7f1170b): they share a bucket. */
const COLLIDING = ['v332789', 'v529192'] as const;

function mapOf(entries: [string, number][]): PersistentMap<number> {
  let map: PersistentMap<number> = undefined;
  for (const [key, value] of entries) map = mapSet(map, key, value);
  return map;
}

function differencesOf(a: PersistentMap<number>, b: PersistentMap<number>): [string, number | undefined, number | undefined][] {
  const found: [string, number | undefined, number | undefined][] = [];
  forEachDifference(a, b, (key, inA, inB) => (found.push([key, inA, inB]), true));
  return found.sort((x, y) => (x[0] < y[0] ? -1 : 1));
}

const MANY: [string, number][] = Array.from({ length: 3000 }, (_, i) => [`name${i}`, i]);

describe('PersistentMap', () => {
  it('reads back what was written, colliding keys included, and leaves older versions alone', () => {
    const base = mapOf([...MANY, [COLLIDING[0], -1], [COLLIDING[1], -2]]);
    const next = mapSet(base, 'name7', 70);
    expect(mapGet(base, 'name7')).toBe(7);
    expect(mapGet(next, 'name7')).toBe(70);
    expect(mapGet(next, COLLIDING[0])).toBe(-1);
    expect(mapGet(next, COLLIDING[1])).toBe(-2);
    expect(mapGet(next, 'missing')).toBeUndefined();
    expect([...mapEntries(next)]).toHaveLength(MANY.length + 2);
  });

  it('returns the same map when a key is rewritten with its own value', () => {
    const base = mapOf([...MANY, [COLLIDING[0], -1], [COLLIDING[1], -2]]);
    expect(mapSet(base, 'name42', 42)).toBe(base);
    expect(mapSet(base, COLLIDING[1], -2)).toBe(base);
    expect(mapSet(base, 'name42', 43)).not.toBe(base);
  });

  it('finds exactly the keys two versions differ in: changed, added on either side, in buckets', () => {
    const base = mapOf([...MANY, [COLLIDING[0], -1]]);
    let a = mapSet(base, 'name5', 50);
    a = mapSet(a, 'onlyInA', 1);
    let b = mapSet(base, 'name2999', 0);
    b = mapSet(b, COLLIDING[1], -2);
    b = mapSet(b, 'onlyInB', 2);
    expect(differencesOf(a, b)).toEqual([
      ['name2999', 2999, 0],
      ['name5', 50, 5],
      ['onlyInA', 1, undefined],
      ['onlyInB', undefined, 2],
      [COLLIDING[1], undefined, -2],
    ]);
    expect(differencesOf(a, a)).toEqual([]);
    expect(differencesOf(undefined, mapOf([['x', 1]]))).toEqual([['x', undefined, 1]]);
    // A leaf on one side against a whole trie on the other.
    expect(differencesOf(mapOf([['name3', 3]]), base)).toHaveLength(MANY.length);
  });

  it('stops at the first difference the visitor declines', () => {
    const a = mapOf(MANY);
    const b = mapOf(MANY.map(([key, value]) => [key, value + 1]));
    let visited = 0;
    expect(forEachDifference(a, b, () => (visited++, visited < 3))).toBe(false);
    expect(visited).toBe(3);
    expect(forEachDifference(a, b, () => true)).toBe(true);
  });
});
