// The flow state at one point of a path: what each variable (and `$this->property`) may hold,
// and which sockets may still be unbound. Branches clone it, merge points join it.
//
// Variables live in a persistent map: a clone is free, a write copies only the path to its
// variable, and a join or a comparison looks only at the variables written since the states
// parted. So a branch costs what it writes, however many variables the scope has. Members
// (`Class->prop`, `Class::$name`) live in a map of their own, so that what touches only them (a
// call of `$this->…()` may check any property) does not walk every local variable.
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
    private members: PersistentMap<AbstractValue> = undefined,
  ) {}

  static withVariables(vars: ReadonlyMap<string, AbstractValue>): FlowState {
    const state = new FlowState(true);
    for (const [name, value] of vars) state.write(name, value);
    return state;
  }

  /** The plain variables (`$name`), without members. */
  get variableEntries(): Iterable<[string, AbstractValue]> {
    return mapEntries(this.variables);
  }

  /** The `$this` properties and static properties followed like variables. */
  get memberEntries(): Iterable<[string, AbstractValue]> {
    return mapEntries(this.members);
  }

  clone(): FlowState {
    this.bindsShared = true;
    const copy = new FlowState(this.live, this.variables, this.bindMap, this.members);
    copy.bindsShared = true;
    return copy;
  }

  read(name: string): AbstractValue | undefined {
    return mapGet(isMemberKey(name) ? this.members : this.variables, name);
  }

  write(name: string, value: AbstractValue): void {
    if (isMemberKey(name)) this.members = mapSet(this.members, name, value);
    else this.variables = mapSet(this.variables, name, value);
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
    const joinInto = (name: string, current: AbstractValue | undefined, inOther: AbstractValue | undefined): boolean => {
      // A variable set on one path only is null (undefined) on the other.
      const mine = current ?? NULL_VALUE;
      const joined = joinValues(mine, inOther ?? NULL_VALUE);
      if (current === undefined || (joined !== mine && !sameValue(joined, mine))) result.write(name, joined);
      return true;
    };
    for (const other of live.slice(1)) {
      forEachDifference(result.variables, other.variables, joinInto);
      forEachDifference(result.members, other.members, joinInto);
      if (other.bindMap !== result.bindMap) {
        // Unbound after the join only where unbound on both paths.
        for (const site of [...result.bindMap.keys()]) if (!other.isUnbound(site)) result.setBind(site, 'bound');
      }
    }
    return result;
  }

  sameAs(other: FlowState): boolean {
    if (this.live !== other.live) return false;
    const same = (_name: string, mine: AbstractValue | undefined, theirs: AbstractValue | undefined) => mine !== undefined && theirs !== undefined && sameValue(mine, theirs);
    if (!forEachDifference(this.variables, other.variables, same) || !forEachDifference(this.members, other.members, same)) return false;
    if (this.bindMap !== other.bindMap) {
      if (this.bindMap.size !== other.bindMap.size) return false;
      for (const [site, bind] of this.bindMap) if (other.bindMap.get(site) !== bind) return false;
    }
    return true;
  }
}

function isMemberKey(key: string): boolean {
  return key.includes('->') || key.includes('::');
}
