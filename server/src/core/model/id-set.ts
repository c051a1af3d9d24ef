// Sets of call ids, as the flow carries them on values (a value's unchecked results).
//
// `IdSet` is persistent: a trie of 32-way branches over 32-bit words, one bit per id. Its shape
// depends only on its ids, so two states that parted share every subtree neither touched, and a
// union or a comparison walks only the subtrees they do not share: adding one id to a set of a
// thousand copies one short path, and a join of that set with the old one touches that path
// only. (A plain Set costs its whole size on each copy and each comparison: a loop that carries
// its results along made a file quadratic in its length.)
//
// `IdAccumulator` is a mutable set that takes whole IdSets in (the results read, tested,
// overwritten so far) and remembers which subtrees it took, so taking the same ids again costs
// nothing however often a path hands them over.

/** Bits of an id each level of the trie consumes; level 0 is a word of 32 ids. */
const BITS = 5;
const MASK = (1 << BITS) - 1;

/** A level-0 node (a word, one bit per id) or a branch. */
type Node = number | IdSet;

function popcount(bits: number): number {
  bits -= (bits >>> 1) & 0x55555555;
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function sizeOf(node: Node): number {
  return typeof node === 'number' ? popcount(node) : node.size;
}

/** A persistent set of non-negative integer ids (below 2^30). Also each branch of its own trie. */
export class IdSet implements Iterable<number> {
  private cachedIds: readonly number[] | undefined;

  /** Use EMPTY_IDS, idSetOf() and the functions below; `level` >= 1. */
  private constructor(
    /** A branch at level L holds the ids below 32^(L+1) (of its slice of the id space). */
    readonly level: number,
    /** Which of the 32 slots hold a child. */
    readonly bitmap: number,
    readonly children: readonly Node[],
    readonly size: number,
  ) {}

  static branch(level: number, bitmap: number, children: readonly Node[]): IdSet {
    let size = 0;
    for (const child of children) size += sizeOf(child);
    return new IdSet(level, bitmap, children, size);
  }

  has(id: number): boolean {
    if (id >= 2 ** (BITS * (this.level + 1))) return false;
    let node: Node = this;
    for (let level = this.level; typeof node !== 'number'; level--) {
      const bit = 1 << ((id >>> (BITS * level)) & MASK);
      if ((node.bitmap & bit) === 0) return false;
      node = node.children[popcount(node.bitmap & (bit - 1))]!;
    }
    return (node & (1 << (id & MASK))) !== 0;
  }

  /** The ids in ascending order (computed once per set). */
  get ids(): readonly number[] {
    if (!this.cachedIds) {
      const ids: number[] = [];
      collect(this, 0, ids);
      this.cachedIds = ids;
    }
    return this.cachedIds;
  }

  [Symbol.iterator](): Iterator<number> {
    return this.ids[Symbol.iterator]();
  }

  /** Whether some id satisfies `test`. */
  some(test: (id: number) => boolean): boolean {
    return this.ids.some(test);
  }
}

function collect(node: Node, base: number, into: number[]): void {
  if (typeof node === 'number') {
    for (let bits = node; bits !== 0; bits &= bits - 1) into.push(base + (31 - Math.clz32(bits & -bits)));
    return;
  }
  const span = 2 ** (BITS * node.level);
  for (let bits = node.bitmap, i = 0; bits !== 0; bits &= bits - 1, i++) {
    collect(node.children[i]!, base + (31 - Math.clz32(bits & -bits)) * span, into);
  }
}

export const EMPTY_IDS: IdSet = IdSet.branch(1, 0, []);

/** The lowest level whose branch holds `id`. */
function levelFor(id: number): number {
  let level = 1;
  while (id >= 2 ** (BITS * (level + 1))) level++;
  return level;
}

/** The set at a higher level: its branch becomes slot 0 of new ones. */
function lift(set: IdSet, level: number): IdSet {
  let node = set;
  for (let l = set.level + 1; l <= level; l++) node = IdSet.branch(l, 1, [node]);
  return node;
}

/** The set with `id` added; the same set when it held it already. */
export function withId(set: IdSet, id: number): IdSet {
  if (set.has(id)) return set;
  const level = Math.max(set.level, levelFor(id));
  return insert(set.size === 0 ? emptyAt(level) : lift(set, level), id, level) as IdSet;
}

function emptyAt(level: number): IdSet {
  return level === 1 ? EMPTY_IDS : IdSet.branch(level, 0, []);
}

function insert(node: Node | undefined, id: number, level: number): Node {
  if (level === 0) return ((node as number | undefined) ?? 0) | (1 << (id & MASK));
  const branch = (node as IdSet | undefined) ?? emptyAt(level);
  const bit = 1 << ((id >>> (BITS * level)) & MASK);
  const index = popcount(branch.bitmap & (bit - 1));
  const children = branch.children.slice();
  if (branch.bitmap & bit) children[index] = insert(children[index], id, level - 1);
  else children.splice(index, 0, insert(undefined, id, level - 1));
  return IdSet.branch(level, branch.bitmap | bit, children);
}

export function idSetOf(ids: Iterable<number>): IdSet {
  let set = EMPTY_IDS;
  for (const id of ids) set = withId(set, id);
  return set;
}

/** Both sets' ids; one of the two itself when it holds the other's (no copy). */
export function unionIds(a: IdSet, b: IdSet): IdSet {
  if (a === b || b.size === 0) return a;
  if (a.size === 0) return b;
  const level = Math.max(a.level, b.level);
  return unionNodes(lift(a, level), lift(b, level)) as IdSet;
}

function unionNodes(a: Node, b: Node): Node {
  if (a === b) return a;
  if (typeof a === 'number' || typeof b === 'number') {
    const word = (a as number) | (b as number);
    return word === a ? a : word === b ? b : word;
  }
  const bitmap = a.bitmap | b.bitmap;
  const children: Node[] = [];
  let fromA = bitmap === a.bitmap;
  let fromB = bitmap === b.bitmap;
  for (let bits = bitmap; bits !== 0; bits &= bits - 1) {
    const bit = bits & -bits;
    const inA = a.bitmap & bit ? a.children[popcount(a.bitmap & (bit - 1))] : undefined;
    const inB = b.bitmap & bit ? b.children[popcount(b.bitmap & (bit - 1))] : undefined;
    const child = inA === undefined ? inB! : inB === undefined ? inA : unionNodes(inA, inB);
    fromA &&= child === inA;
    fromB &&= child === inB;
    children.push(child);
  }
  if (fromA) return a;
  if (fromB) return b;
  return IdSet.branch(a.level, bitmap, children);
}

export function sameIds(a: IdSet, b: IdSet): boolean {
  return a === b || (a.size === b.size && a.level === b.level && sameNodes(a, b));
}

function sameNodes(a: Node, b: Node): boolean {
  if (a === b) return true;
  if (typeof a === 'number' || typeof b === 'number') return false;
  if (a.bitmap !== b.bitmap || a.size !== b.size) return false;
  for (let i = 0; i < a.children.length; i++) if (!sameNodes(a.children[i]!, b.children[i]!)) return false;
  return true;
}

/** A branch of at most this many ids is walked again rather than looked up (a WeakSet costs more). */
const WALK_RATHER_THAN_REMEMBER = 32;

/**
 * A growing set of ids that takes in whole IdSets. It remembers the branches it took in full,
 * so a branch handed over again is skipped without looking inside: what a path carries along
 * is paid for once, not at every step that hands it on.
 */
export class IdAccumulator {
  private words: number[] = [];
  private taken = new WeakSet<IdSet>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    return ((this.words[id >>> BITS] ?? 0) & (1 << (id & MASK))) !== 0;
  }

  add(id: number): boolean {
    const index = id >>> BITS;
    const word = this.words[index] ?? 0;
    const bit = 1 << (id & MASK);
    if (word & bit) return false;
    this.words[index] = word | bit;
    this.count++;
    return true;
  }

  delete(id: number): void {
    const index = id >>> BITS;
    const bit = 1 << (id & MASK);
    if (((this.words[index] ?? 0) & bit) === 0) return;
    this.words[index]! &= ~bit;
    this.count--;
    // A branch taken in full may hold this id: it can no longer be skipped.
    this.taken = new WeakSet();
  }

  /** Adds every id of the set; `added` hears of each id that was not here before. */
  addAll(set: IdSet, added?: (id: number) => void): void {
    if (set.size > 0) this.take(set, 0, added);
  }

  private take(node: Node, base: number, added: ((id: number) => void) | undefined): void {
    if (typeof node === 'number') {
      const index = base >>> BITS;
      const word = this.words[index] ?? 0;
      const fresh = node & ~word;
      if (fresh === 0) return;
      this.words[index] = word | fresh;
      for (let bits = fresh; bits !== 0; bits &= bits - 1) {
        this.count++;
        added?.(base + (31 - Math.clz32(bits & -bits)));
      }
      return;
    }
    const remembered = node.size > WALK_RATHER_THAN_REMEMBER;
    if (remembered && this.taken.has(node)) return;
    const span = 2 ** (BITS * node.level);
    for (let bits = node.bitmap, i = 0; bits !== 0; bits &= bits - 1, i++) {
      this.take(node.children[i]!, base + (31 - Math.clz32(bits & -bits)) * span, added);
    }
    if (remembered) this.taken.add(node);
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let index = 0; index < this.words.length; index++) {
      for (let bits = this.words[index] ?? 0; bits !== 0; bits &= bits - 1) yield index * 32 + (31 - Math.clz32(bits & -bits));
    }
  }
}
