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

export class FlowState {
  private varsShared = false;
  private bindsShared = false;

  constructor(
    public live = true,
    private varMap = new Map<string, AbstractValue>(),
    private bindMap = new Map<string, BindState>(),
  ) {}

  get vars(): ReadonlyMap<string, AbstractValue> {
    return this.varMap;
  }

  clone(): FlowState {
    this.varsShared = true;
    this.bindsShared = true;
    const copy = new FlowState(this.live, this.varMap, this.bindMap);
    copy.varsShared = true;
    copy.bindsShared = true;
    return copy;
  }

  read(name: string): AbstractValue | undefined {
    return this.varMap.get(name);
  }

  write(name: string, value: AbstractValue): void {
    if (this.varMap.get(name) === value) return;
    if (this.varsShared) {
      this.varMap = new Map(this.varMap);
      this.varsShared = false;
    }
    this.varMap.set(name, value);
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
      if (other.varMap !== result.varMap) {
        for (const name of new Set([...result.varMap.keys(), ...other.varMap.keys()])) {
          // A variable set on one path only is null (undefined) on the other.
          const mine = result.varMap.get(name) ?? NULL_VALUE;
          const joined = joinValues(mine, other.varMap.get(name) ?? NULL_VALUE);
          if (joined !== mine && !sameValue(joined, mine)) result.write(name, joined);
          else if (!result.varMap.has(name)) result.write(name, joined);
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
    if (this.varMap !== other.varMap) {
      if (this.varMap.size !== other.varMap.size) return false;
      for (const [name, value] of this.varMap) {
        const otherValue = other.varMap.get(name);
        if (!otherValue || !sameValue(value, otherValue)) return false;
      }
    }
    if (this.bindMap !== other.bindMap) {
      if (this.bindMap.size !== other.bindMap.size) return false;
      for (const [site, bind] of this.bindMap) if (other.bindMap.get(site) !== bind) return false;
    }
    return true;
  }
}
