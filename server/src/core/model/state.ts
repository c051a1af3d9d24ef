// The flow state at one point of a path: what each variable (and `$this->property`) may hold,
// and which sockets may still be unbound. Branches clone it, merge points join it.
//
// Variables live in a persistent map: a clone is free, a write copies only the path to its
// variable, and a join or a comparison looks only at the variables written since the states
// parted. So a branch costs what it writes, however many variables the scope has.
import { forEachDifference, mapEntries, mapGet, mapSet, type PersistentMap } from './persistent-map';
import { joinValues, NULL_VALUE, sameValue, type AbstractValue } from './values';

/** `unbound`: made by socket_create() and not yet bound or connected on this path. */
export type BindState = 'unbound' | 'bound';

/**
 * How many unbound sockets a state follows at once. A socket forgotten here only counts as
 * "may be bound", which never produces a finding, and the map stays small to copy.
 */
const MAX_TRACKED_UNBOUND = 32;

export class FlowState {
  /** The bind map is copied on the first write after a clone. */
  private bindsShared = false;

  constructor(
    public live = true,
    private variables: PersistentMap<AbstractValue> = undefined,
    private bindMap = new Map<string, BindState>(),
  ) {}

  static withVariables(vars: ReadonlyMap<string, AbstractValue>): FlowState {
    let variables: PersistentMap<AbstractValue>;
    for (const [name, value] of vars) variables = mapSet(variables, name, value);
    return new FlowState(true, variables);
  }

  get vars(): Iterable<[string, AbstractValue]> {
    return mapEntries(this.variables);
  }

  clone(): FlowState {
    this.bindsShared = true;
    const copy = new FlowState(this.live, this.variables, this.bindMap);
    copy.bindsShared = true;
    return copy;
  }

  read(name: string): AbstractValue | undefined {
    return mapGet(this.variables, name);
  }

  write(name: string, value: AbstractValue): void {
    this.variables = mapSet(this.variables, name, value);
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
      forEachDifference(result.variables, other.variables, (name, current, inOther) => {
        // A variable set on one path only is null (undefined) on the other.
        const mine = current ?? NULL_VALUE;
        const joined = joinValues(mine, inOther ?? NULL_VALUE);
        if (current === undefined || (joined !== mine && !sameValue(joined, mine))) result.write(name, joined);
        return true;
      });
      if (other.bindMap !== result.bindMap) {
        // Unbound after the join only where unbound on both paths.
        for (const site of [...result.bindMap.keys()]) if (!other.isUnbound(site)) result.setBind(site, 'bound');
      }
    }
    return result;
  }

  sameAs(other: FlowState): boolean {
    if (this.live !== other.live) return false;
    const sameVariables = forEachDifference(this.variables, other.variables, (_name, mine, theirs) => mine !== undefined && theirs !== undefined && sameValue(mine, theirs));
    if (!sameVariables) return false;
    if (this.bindMap !== other.bindMap) {
      if (this.bindMap.size !== other.bindMap.size) return false;
      for (const [site, bind] of this.bindMap) if (other.bindMap.get(site) !== bind) return false;
    }
    return true;
  }
}
