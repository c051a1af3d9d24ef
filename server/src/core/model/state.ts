// The flow state at one point of a path: what each variable (and `$this->property`) may hold,
// and which sockets may still be unbound. Branches clone it, merge points join it.
import { joinValues, NULL_VALUE, sameValue, type AbstractValue } from './values';

/** `unbound`: made by socket_create() and not yet bound or connected on this path. */
export type BindState = 'unbound' | 'bound';

/**
 * How many unbound sockets a state follows at once. Every branch copies the state, so an
 * unbounded map would make a file with thousands of socket_create() calls quadratic; a socket
 * forgotten here only counts as "may be bound", which never produces a finding.
 */
const MAX_TRACKED_UNBOUND = 32;

export class FlowState {
  constructor(
    public live = true,
    readonly vars = new Map<string, AbstractValue>(),
    readonly binds = new Map<string, BindState>(),
  ) {}

  clone(): FlowState {
    return new FlowState(this.live, new Map(this.vars), new Map(this.binds));
  }

  read(name: string): AbstractValue | undefined {
    return this.vars.get(name);
  }

  write(name: string, value: AbstractValue): void {
    this.vars.set(name, value);
  }

  setBind(site: string, bind: BindState): void {
    if (bind === 'bound') {
      this.binds.delete(site);
      return;
    }
    if (this.binds.size >= MAX_TRACKED_UNBOUND) this.binds.delete(this.binds.keys().next().value!);
    this.binds.set(site, bind);
  }

  isUnbound(site: string): boolean {
    return this.binds.get(site) === 'unbound';
  }

  /** Replaces this state's contents with another's. */
  assign(other: FlowState): void {
    this.live = other.live;
    this.vars.clear();
    for (const [k, v] of other.vars) this.vars.set(k, v);
    this.binds.clear();
    for (const [k, v] of other.binds) this.binds.set(k, v);
  }

  static join(states: readonly FlowState[]): FlowState {
    const live = states.filter((state) => state.live);
    if (live.length === 0) return new FlowState(false);
    const result = live[0]!.clone();
    for (const other of live.slice(1)) {
      for (const name of new Set([...result.vars.keys(), ...other.vars.keys()])) {
        // A variable set on one path only is null (undefined) on the other.
        result.vars.set(name, joinValues(result.vars.get(name) ?? NULL_VALUE, other.vars.get(name) ?? NULL_VALUE));
      }
      // Unbound after the join only where unbound on both paths.
      for (const site of [...result.binds.keys()]) if (!other.isUnbound(site)) result.binds.delete(site);
    }
    return result;
  }

  sameAs(other: FlowState): boolean {
    if (this.live !== other.live || this.vars.size !== other.vars.size || this.binds.size !== other.binds.size) return false;
    for (const [name, value] of this.vars) {
      const otherValue = other.vars.get(name);
      if (!otherValue || !sameValue(value, otherValue)) return false;
    }
    for (const [site, bind] of this.binds) if (other.binds.get(site) !== bind) return false;
    return true;
  }
}
