// A persistent string-keyed map: a hash array mapped trie (after Bagwell's HAMT). A write copies
// only the path to its key (a few small arrays), so flow states share all they did not write;
// and the keys two maps differ in are found by walking both tries past their shared subtrees,
// in work proportional to what changed since they parted, not to the number of keys.

const BITS = 5;
const MASK = (1 << BITS) - 1;

class Leaf<V> {
  constructor(
    readonly hash: number,
    readonly key: string,
    readonly value: V,
  ) {}
}

/** Keys whose 32-bit hashes are equal (rare): searched in order. */
class Bucket<V> {
  constructor(
    readonly hash: number,
    readonly leaves: readonly Leaf<V>[],
  ) {}
}

/** One level of the trie: a slot for each 5-bit piece of the hash that some key has here. */
class Branch<V> {
  constructor(
    readonly bitmap: number,
    readonly slots: readonly Slot<V>[],
  ) {}
}

type Slot<V> = Leaf<V> | Bucket<V> | Branch<V>;

export type PersistentMap<V> = Slot<V> | undefined;

/** FNV-1a: variable names are short, and any spread of their bits will do. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function popcount(bits: number): number {
  bits -= (bits >>> 1) & 0x55555555;
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function mapGet<V>(map: PersistentMap<V>, key: string): V | undefined {
  return lookup(map, hashOf(key), key, 0);
}

function lookup<V>(slot: PersistentMap<V>, hash: number, key: string, shift: number): V | undefined {
  while (slot instanceof Branch) {
    const bit = 1 << ((hash >>> shift) & MASK);
    if ((slot.bitmap & bit) === 0) return undefined;
    slot = slot.slots[popcount(slot.bitmap & (bit - 1))];
    shift += BITS;
  }
  if (slot instanceof Leaf) return slot.key === key ? slot.value : undefined;
  return slot?.leaves.find((leaf) => leaf.key === key)?.value;
}

/** The map with `key` set to `value`; the same map when it already held exactly that value. */
export function mapSet<V>(map: PersistentMap<V>, key: string, value: V): Slot<V> {
  return insert(map, new Leaf(hashOf(key), key, value), 0);
}

function insert<V>(slot: PersistentMap<V>, leaf: Leaf<V>, shift: number): Slot<V> {
  if (slot === undefined) return leaf;
  if (slot instanceof Branch) {
    const bit = 1 << ((leaf.hash >>> shift) & MASK);
    const index = popcount(slot.bitmap & (bit - 1));
    if ((slot.bitmap & bit) === 0) {
      const slots = slot.slots.slice();
      slots.splice(index, 0, leaf);
      return new Branch(slot.bitmap | bit, slots);
    }
    const child = insert(slot.slots[index], leaf, shift + BITS);
    if (child === slot.slots[index]) return slot;
    // Copied only once the key's value changed: rewriting a variable with its own value copies nothing.
    const slots = slot.slots.slice();
    slots[index] = child;
    return new Branch(slot.bitmap, slots);
  }
  if (slot.hash !== leaf.hash) return split(slot, leaf, shift);
  if (slot instanceof Leaf) {
    if (slot.key !== leaf.key) return new Bucket(leaf.hash, [slot, leaf]);
    return slot.value === leaf.value ? slot : leaf;
  }
  const at = slot.leaves.findIndex((known) => known.key === leaf.key);
  if (at >= 0 && slot.leaves[at]!.value === leaf.value) return slot;
  const leaves = slot.leaves.slice();
  if (at >= 0) leaves[at] = leaf;
  else leaves.push(leaf);
  return new Bucket(leaf.hash, leaves);
}

/** Branches until two different hashes part (they do by the last level: 7 levels cover 32 bits). */
function split<V>(old: Leaf<V> | Bucket<V>, leaf: Leaf<V>, shift: number): Branch<V> {
  const oldIndex = (old.hash >>> shift) & MASK;
  const newIndex = (leaf.hash >>> shift) & MASK;
  if (oldIndex === newIndex) return new Branch(1 << oldIndex, [split(old, leaf, shift + BITS)]);
  return new Branch((1 << oldIndex) | (1 << newIndex), oldIndex < newIndex ? [old, leaf] : [leaf, old]);
}

export function* mapEntries<V>(map: PersistentMap<V>): IterableIterator<[string, V]> {
  if (map === undefined) return;
  if (map instanceof Leaf) yield [map.key, map.value];
  else if (map instanceof Bucket) for (const leaf of map.leaves) yield [leaf.key, leaf.value];
  else for (const slot of map.slots) yield* mapEntries(slot);
}

/**
 * Calls `visit` for each key whose value differs between the maps (not the same object, or
 * missing from one side), skipping every subtree they share; stops when `visit` returns false.
 * Returns false when it was stopped.
 */
export function forEachDifference<V>(a: PersistentMap<V>, b: PersistentMap<V>, visit: (key: string, inA: V | undefined, inB: V | undefined) => boolean): boolean {
  return differences(a, b, 0, visit);
}

function differences<V>(a: PersistentMap<V>, b: PersistentMap<V>, shift: number, visit: (key: string, inA: V | undefined, inB: V | undefined) => boolean): boolean {
  if (a === b) return true;
  if (a instanceof Branch && b instanceof Branch) {
    for (let bits = a.bitmap | b.bitmap; bits !== 0; bits &= bits - 1) {
      const bit = bits & -bits;
      const inA = a.bitmap & bit ? a.slots[popcount(a.bitmap & (bit - 1))] : undefined;
      const inB = b.bitmap & bit ? b.slots[popcount(b.bitmap & (bit - 1))] : undefined;
      if (inA !== inB && !differences(inA, inB, shift + BITS, visit)) return false;
    }
    return true;
  }
  // A leaf or a bucket on one side: the other side holds only the few keys of this hash prefix.
  return unshared(a, b, shift, visit, true) && unshared(b, a, shift, visit, false);
}

/**
 * Leaf by leaf, without iterators or closures (a join of two states runs this at every block):
 * visits the keys of `side` that `other` lacks, and when `side` is the first map also those it
 * holds with another value (so a key changed on both sides is visited once). False when `visit`
 * stopped it.
 */
function unshared<V>(side: PersistentMap<V>, other: PersistentMap<V>, shift: number, visit: (key: string, inA: V | undefined, inB: V | undefined) => boolean, sideIsA: boolean): boolean {
  if (side === undefined) return true;
  if (side instanceof Branch) {
    for (const child of side.slots) if (!unshared(child, other, shift, visit, sideIsA)) return false;
    return true;
  }
  for (const leaf of side instanceof Leaf ? [side] : side.leaves) {
    const found = lookup(other, leaf.hash, leaf.key, shift);
    if (sideIsA ? found === leaf.value : found !== undefined) continue;
    if (!(sideIsA ? visit(leaf.key, leaf.value, found) : visit(leaf.key, undefined, leaf.value))) return false;
  }
  return true;
}
