// The flow state at one point of a path: what each variable (and `$this->property`) may hold,
// and which sockets may still be unbound. Branches clone it, merge points join it.
//
// Copy-on-write: a clone shares its maps until one side writes, and a join of two states that
// share a map does not look at it. Branches that change nothing (most of them) cost nothing,
// however many variables the scope has.
import { joinValues, NULL_VALUE, sameValue, type AbstractValue } from './values';

/** `unbound`: made by socket_create() and not yet bound or connected on this path. */
export type BindState = 'unbound' | 'bound';

/**
 * How many unbound sockets a state follows at once. A socket forgotten here only counts as
 * "may be bound", which never produces a finding, and the map stays small to copy.
 */
const MAX_TRACKED_UNBOUND = 32;

/**
 * Variables as a large base map that states share and never change, plus a small delta of what
 * this state wrote since. A branch copies only the delta when it writes, and a join of two
 * states on the same base looks only at their deltas: a script with thousands of variables and
 * thousands of `if`s costs far less than a copy of all variables per branch. A delta that grows
 * past twice the square root of the base is folded into a new base.
 */
class Variables {
  constructor(
    readonly base: ReadonlyMap<string, AbstractValue>,
    readonly delta: Map<string, AbstractValue>,
  ) {}

  get(name: string): AbstractValue | undefined {
    return this.delta.get(name) ?? this.base.get(name);
  }

  *entries(): IterableIterator<[string, AbstractValue]> {
    for (const entry of this.delta) yield entry;
    for (const entry of this.base) if (!this.delta.has(entry[0])) yield entry;
  }

  /**
   * Names that may differ between two stores: their deltas', plus what was folded into either
   * base since the bases they share (a branch that folded). Unrelated bases: every name.
   */
  static changedNames(a: Variables, b: Variables): Iterable<string> {
    const names = new Set([...a.delta.keys(), ...b.delta.keys()]);
    if (a.base === b.base) return names;
    const ancestorsOfA = new Map<ReadonlyMap<string, AbstractValue>, number>();
    let depth = 0;
    for (let base: ReadonlyMap<string, AbstractValue> | undefined = a.base; base && depth <= MAX_LINEAGE; base = LINEAGE.get(base)?.parent, depth++) ancestorsOfA.set(base, depth);
    let common: ReadonlyMap<string, AbstractValue> | undefined;
    depth = 0;
    for (let base: ReadonlyMap<string, AbstractValue> | undefined = b.base; base && depth <= MAX_LINEAGE; base = LINEAGE.get(base)?.parent, depth++) {
      if (ancestorsOfA.has(base)) {
        common = base;
        break;
      }
    }
    if (!common) return new Set([...names, ...a.base.keys(), ...b.base.keys()]);
    for (const start of [a.base, b.base]) {
      for (let base = start; base !== common; ) {
        const fold = LINEAGE.get(base)!;
        for (const name of fold.keys) names.add(name);
        base = fold.parent;
      }
    }
    return names;
  }
}

/** Where a folded base came from: the base before and the names the fold wrote. */
const LINEAGE = new WeakMap<ReadonlyMap<string, AbstractValue>, { parent: ReadonlyMap<string, AbstractValue>; keys: ReadonlySet<string> }>();
const MAX_LINEAGE = 8;

const MIN_FOLD = 64;

export class FlowState {
  private varsShared = false;
  private bindsShared = false;

  constructor(
    public live = true,
    private store = new Variables(new Map(), new Map()),
    private bindMap = new Map<string, BindState>(),
  ) {}

  static withVariables(vars: Map<string, AbstractValue>): FlowState {
    return new FlowState(true, new Variables(vars, new Map()));
  }

  get vars(): Iterable<[string, AbstractValue]> {
    return this.store.entries();
  }

  clone(): FlowState {
    this.varsShared = true;
    this.bindsShared = true;
    const copy = new FlowState(this.live, this.store, this.bindMap);
    copy.varsShared = true;
    copy.bindsShared = true;
    return copy;
  }

  read(name: string): AbstractValue | undefined {
    return this.store.get(name);
  }

  write(name: string, value: AbstractValue): void {
    if (this.store.get(name) === value) return;
    if (this.varsShared) {
      this.store = new Variables(this.store.base, new Map(this.store.delta));
      this.varsShared = false;
    }
    this.store.delta.set(name, value);
    // A delta is copied by the first write after each branch, and read by each join: keep it
    // near the square root of the base, so both costs stay far below one copy of the base.
    const delta = this.store.delta.size;
    if (delta > MIN_FOLD && delta * delta > 4 * this.store.base.size) {
      const folded = new Map(this.store.entries());
      LINEAGE.set(folded, { parent: this.store.base, keys: new Set(this.store.delta.keys()) });
      this.store = new Variables(folded, new Map());
    }
  }

  private ownBinds(): Map<string, BindState> {
    if (this.bindsShared) {
      this.bindMap = new Map(this.bindMap);
      this.bindsShared = false;
    }
    return this.bindMap;
  }

  setBind(site: string, bind: BindState): void {
    if (bind === 'bound') {
      if (this.bindMap.has(site)) this.ownBinds().delete(site);
      return;
    }
    const binds = this.ownBinds();
    if (binds.size >= MAX_TRACKED_UNBOUND) binds.delete(binds.keys().next().value!);
    binds.set(site, bind);
  }

  /** Code the model does not follow ran: any socket may have been bound there. */
  forgetBinds(): void {
    if (this.bindMap.size > 0) this.ownBinds().clear();
  }

  isUnbound(site: string): boolean {
    return this.bindMap.get(site) === 'unbound';
  }

  static join(states: readonly FlowState[]): FlowState {
    const live = states.filter((state) => state.live);
    if (live.length === 0) return new FlowState(false);
    const result = live[0]!.clone();
    for (const other of live.slice(1)) {
      if (other.store !== result.store) {
        for (const name of Variables.changedNames(result.store, other.store)) {
          // A variable set on one path only is null (undefined) on the other.
          const current = result.store.get(name);
          const mine = current ?? NULL_VALUE;
          const theirs = other.store.get(name) ?? NULL_VALUE;
          const joined = joinValues(mine, theirs);
          if (current === undefined || (joined !== mine && !sameValue(joined, mine))) result.write(name, joined);
        }
      }
      if (other.bindMap !== result.bindMap) {
        // Unbound after the join only where unbound on both paths.
        for (const site of [...result.bindMap.keys()]) if (!other.isUnbound(site)) result.setBind(site, 'bound');
      }
    }
    return result;
  }

  sameAs(other: FlowState): boolean {
    if (this.live !== other.live) return false;
    if (this.store !== other.store) {
      for (const name of Variables.changedNames(this.store, other.store)) {
        const mine = this.store.get(name);
        const theirs = other.store.get(name);
        if (mine === theirs) continue;
        if (!mine || !theirs || !sameValue(mine, theirs)) return false;
      }
    }
    if (this.bindMap !== other.bindMap) {
      if (this.bindMap.size !== other.bindMap.size) return false;
      for (const [site, bind] of this.bindMap) if (other.bindMap.get(site) !== bind) return false;
    }
    return true;
  }
}
