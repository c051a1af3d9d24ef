import { describe, expect, it } from 'vitest';
import { EMPTY_IDS, IdAccumulator, idSetOf, sameIds, unionIds, withId } from '../../server/src/core/model/id-set';

/** Ids spread over several levels of the trie (words of 32, branches of 1024 and 32768). */
const SPREAD = [0, 1, 31, 32, 33, 1023, 1024, 5000, 32767, 32768, 40000, 1_048_575, 1_048_576, 2 ** 29 + 7];

function shuffled(ids: number[], seed: number): number[] {
  const copy = [...ids];
  for (let i = copy.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('IdSet', () => {
  it('holds exactly the ids it was given, in ascending order', () => {
    const set = idSetOf(shuffled(SPREAD, 7));
    expect([...set]).toEqual(SPREAD);
    expect(set.size).toBe(SPREAD.length);
    for (const id of SPREAD) expect(set.has(id)).toBe(true);
    for (const id of [2, 30, 34, 1025, 32769, 1_048_577, 2 ** 29]) expect(set.has(id)).toBe(false);
    expect(EMPTY_IDS.size).toBe(0);
    expect([...EMPTY_IDS]).toEqual([]);
  });

  it('is the same set whatever order its ids came in', () => {
    const a = idSetOf(shuffled(SPREAD, 1));
    const b = idSetOf(shuffled(SPREAD, 2));
    expect(a).not.toBe(b);
    expect(sameIds(a, b)).toBe(true);
    expect(sameIds(a, withId(b, 3))).toBe(false);
    expect(sameIds(idSetOf([1, 2]), idSetOf([1, 3]))).toBe(false);
    expect(sameIds(idSetOf([5]), idSetOf([5 + 1024]))).toBe(false);
  });

  it('unites sets, and returns one of them unchanged when it holds the other', () => {
    const small = idSetOf([3, 40000]);
    const big = idSetOf(SPREAD);
    const union = unionIds(small, big);
    expect([...union]).toEqual([...new Set([...SPREAD, 3, 40000])].sort((x, y) => x - y));
    expect(unionIds(union, small)).toBe(union);
    expect(unionIds(small, union)).toBe(union);
    expect(unionIds(big, EMPTY_IDS)).toBe(big);
    expect(unionIds(EMPTY_IDS, big)).toBe(big);
    expect(withId(big, 1024)).toBe(big);
    // A set grown from another shares its untouched subtrees, so the union is the grown one.
    const grown = withId(big, 7);
    expect(unionIds(big, grown)).toBe(grown);
    expect([...unionIds(idSetOf([1]), idSetOf([2 ** 20]))]).toEqual([1, 2 ** 20]);
  });
});

describe('IdAccumulator', () => {
  it('takes whole sets in and tells which ids were new', () => {
    const taken = new IdAccumulator();
    const added: number[] = [];
    const first = idSetOf([1, 2, 5000]);
    taken.addAll(first, (id) => added.push(id));
    expect(added).toEqual([1, 2, 5000]);
    taken.addAll(first, (id) => added.push(id));
    taken.addAll(withId(first, 9), (id) => added.push(id));
    expect(added).toEqual([1, 2, 5000, 9]);
    expect(taken.size).toBe(4);
    expect([...taken]).toEqual([1, 2, 9, 5000]);
    expect(taken.add(9)).toBe(false);
    expect(taken.add(10)).toBe(true);
  });

  it('takes a set in again after one of its ids was deleted', () => {
    const taken = new IdAccumulator();
    const set = idSetOf([4, 70000]);
    taken.addAll(set);
    taken.delete(70000);
    expect(taken.has(70000)).toBe(false);
    const added: number[] = [];
    taken.addAll(set, (id) => added.push(id));
    expect(added).toEqual([70000]);
    expect(taken.has(70000)).toBe(true);
    expect(taken.size).toBe(2);
  });
});
