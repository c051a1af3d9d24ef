// Abstract values of the socket model: what a PHP expression may hold at one point of a path.
import type { PhpNode } from '../ast';
import type { SocketState, SocketType } from '../socket-api';
import { EMPTY_IDS, sameIds, unionIds, withId, type IdSet } from './id-set';

export type SocketKind = SocketType | 'unknown';

/** `inet`: AF_INET or AF_INET6; `unix`: AF_UNIX. */
export type SocketFamily = 'inet' | 'unix' | 'unknown';

/** PHP's SOMAXCONN: the system's own limit, never "unrealistic", never folded to a number. */
export const SYSTEM_SOMAXCONN: unique symbol = Symbol('SOMAXCONN');

export type Constant = number | bigint | string | boolean | null | typeof SYSTEM_SOMAXCONN;

/** Where a socket was made, and of which type. One call node may make several (a type per path). */
export interface SocketSite {
  key: string;
  /** The call that made it, or the output it made it into (`$pair` of socket_create_pair()). */
  call: PhpNode;
  /** The function that made it: socket_create, socket_accept, fsockopen, stream_socket_server, … */
  fn: string;
  /** An ext/sockets Socket object, or a stream socket (a resource: is_resource() is right for it). */
  api: 'sockets' | 'streams';
  /** A stream socket's role (client, server, accepted), from stream-effects.json. */
  role?: string;
  type: SocketKind;
  /** The argument that decided the type, for fixes and related information. */
  typeArg: PhpNode | undefined;
  family: SocketFamily;
}

/**
 * A value that came out of a call of the API tables other than a socket: a by-reference output
 * (`what` is its meaning in stream-effects.json: errno, errstr, peer, ready) or a result (`result`).
 */
export interface ValueOrigin {
  callId: number;
  what: string;
}

export interface AbstractValue {
  /** Sockets it may be. */
  readonly sockets: ReadonlyMap<string, SocketSite>;
  /** Scalars it may be, when known. */
  readonly consts: readonly Constant[];
  /** It may be something the model does not know (a parameter, an unknown call). */
  readonly unknown: boolean;
  /** Ids of socket calls whose possible `false` has not been checked yet. */
  readonly pending: IdSet;
  /** For an array: unchecked results stored in its elements (`$clients[] = $c`). */
  readonly elements?: ReadonlySet<number>;
  /**
   * States the socket it holds is in on every path that reaches here (`closed` after
   * `socket_close($s)`), each with the id of the call that put it there. Kept by copies of the
   * value (`$t = $s` is the same Socket object), lost by anything that makes a new value.
   */
  readonly states?: ReadonlyMap<SocketState, number>;
  /** Calls it may have come out of, keyed `callId:what`. Kept by copies, joined over paths. */
  readonly origins?: ReadonlyMap<string, ValueOrigin>;
}

/** The value as an output or result of a call. */
export function withOrigin(value: AbstractValue, origin: ValueOrigin): AbstractValue {
  return { ...value, origins: new Map([...(value.origins ?? []), [`${origin.callId}:${origin.what}`, origin]]) };
}

/** The stream sockets it may be, of one opener (`fsockopen`) or of any. */
export function streamSites(value: AbstractValue, opener?: string): SocketSite[] {
  return [...value.sockets.values()].filter((site) => site.api === 'streams' && (opener === undefined || site.fn === opener));
}

/** A stream socket on every path: an opener's stream, never a fopen() file nor a value of unknown origin. */
export function isSocketStream(value: AbstractValue | undefined): boolean {
  return value !== undefined && !value.unknown && value.sockets.size > 0 && streamSites(value).length === value.sockets.size;
}

/** The value after a call put its socket in a state; `blocking` and `nonblocking` undo each other. */
export function withState(value: AbstractValue, state: SocketState, callId: number): AbstractValue {
  const states = new Map(value.states);
  if (state === 'blocking') states.delete('nonblocking');
  if (state === 'nonblocking') states.delete('blocking');
  states.set(state, callId);
  return { ...value, states };
}

/** The value without a state: where a test shows it is not (is_resource() holds: not closed). */
export function withoutState(value: AbstractValue, state: SocketState): AbstractValue {
  if (!value.states?.has(state)) return value;
  const states = new Map(value.states);
  states.delete(state);
  return { ...value, states: states.size > 0 ? states : undefined };
}

/** States held on both paths. */
function commonStates(a: AbstractValue['states'], b: AbstractValue['states']): AbstractValue['states'] {
  if (!a || !b || a.size === 0 || b.size === 0) return undefined;
  if (a === b) return a;
  const common = new Map<SocketState, number>();
  for (const [state, id] of a) if (b.has(state)) common.set(state, id);
  return common.size > 0 ? common : undefined;
}

const EMPTY_SITES: ReadonlyMap<string, SocketSite> = new Map();
const MAX_CONSTS = 8;
/** Call sites a value may come from before it is just "a socket of unknown kind". */
const MAX_SITES = 32;

function unionSites(a: ReadonlyMap<string, SocketSite>, b: ReadonlyMap<string, SocketSite>): ReadonlyMap<string, SocketSite> {
  if (a === b || b.size === 0) return a;
  if (a.size === 0) return b;
  for (const key of b.keys()) {
    if (a.has(key)) continue;
    // As `new Map([...a, ...b])`, without the entry arrays of the spread.
    const union = new Map<string, SocketSite>();
    a.forEach((site, name) => union.set(name, site));
    b.forEach((site, name) => union.set(name, site));
    return union;
  }
  return a;
}

export const UNKNOWN: AbstractValue = { sockets: EMPTY_SITES, consts: [], unknown: true, pending: EMPTY_IDS };

export function constant(value: Constant): AbstractValue {
  return { sockets: EMPTY_SITES, consts: [value], unknown: false, pending: EMPTY_IDS };
}

export const NULL_VALUE = constant(null);

export function socketValue(site: SocketSite): AbstractValue {
  return { sockets: new Map([[site.key, site]]), consts: [], unknown: false, pending: EMPTY_IDS };
}

/** The result of a call that returns false on failure: the value or false, unchecked (one copy, not two). */
export function orUncheckedFalse(value: AbstractValue, callId: number): AbstractValue {
  return { ...value, consts: [...value.consts, false], pending: withId(value.pending, callId) };
}

export function withoutPending(value: AbstractValue): AbstractValue {
  return value.pending.size === 0 ? value : { ...value, pending: EMPTY_IDS };
}

function sameConstant(a: Constant, b: Constant): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

export function joinValues(a: AbstractValue, b: AbstractValue): AbstractValue {
  if (a === b) return a;
  const sockets = unionSites(a.sockets, b.sockets);
  if (sockets.size > MAX_SITES) {
    // Too many birthplaces to tell apart: some socket, kind unknown (the lattice stays bounded).
    return { ...joinValues({ ...a, sockets: EMPTY_SITES }, { ...b, sockets: EMPTY_SITES }), unknown: true };
  }
  const consts = unionConsts(a.consts, b.consts);
  const tooMany = consts.length > MAX_CONSTS;
  const pending = unionIds(a.pending, b.pending);
  const elements = unionElements(a.elements, b.elements);
  const origins = unionOrigins(a.origins, b.origins);
  const joined: AbstractValue = { sockets, consts: tooMany ? [] : consts, unknown: a.unknown || b.unknown || tooMany, pending, states: commonStates(a.states, b.states) };
  const withElementsJoined = elements ? { ...joined, elements } : joined;
  return origins ? { ...withElementsJoined, origins } : withElementsJoined;
}

/** `a`'s constants and those of `b` it lacks; `a` itself when it has them all (no copy per join). */
function unionConsts(a: readonly Constant[], b: readonly Constant[]): readonly Constant[] {
  let union: Constant[] | undefined;
  for (const c of b) if (!includesConstant(union ?? a, c)) (union ??= [...a]).push(c);
  return union ?? a;
}

function includesConstant(list: readonly Constant[], c: Constant): boolean {
  for (const known of list) if (sameConstant(known, c)) return true;
  return false;
}

/** Origins a value follows at most: past that it follows no more (the lattice stays bounded). */
const MAX_ORIGINS = 16;

function unionOrigins(a: AbstractValue['origins'], b: AbstractValue['origins']): AbstractValue['origins'] {
  if (!a || a.size === 0) return b && b.size > 0 ? b : undefined;
  if (!b || b.size === 0 || a === b || a.size >= MAX_ORIGINS) return a;
  let grown: Map<string, ValueOrigin> | undefined;
  for (const [key, origin] of b) {
    if (a.has(key) || (grown ?? a).size >= MAX_ORIGINS) continue;
    (grown ??= new Map(a)).set(key, origin);
  }
  return grown ?? a;
}

/**
 * Results an array follows in its elements at most: past that it follows no more (a finding
 * missed, never a wrong one), and the lattice stays bounded however many loops fill the array.
 */
const MAX_ELEMENT_RESULTS = 16;

function unionElements(a: ReadonlySet<number> | undefined, b: ReadonlySet<number> | undefined): ReadonlySet<number> | undefined {
  if (!a || a.size === 0) return b && b.size > 0 ? b : undefined;
  if (!b || b.size === 0 || a === b || a.size >= MAX_ELEMENT_RESULTS) return a;
  let grown: Set<number> | undefined;
  for (const id of b) {
    if (a.has(id) || (grown ?? a).size >= MAX_ELEMENT_RESULTS) continue;
    (grown ??= new Set(a)).add(id);
  }
  return grown ?? a;
}

/** The value with more unchecked results in its elements. */
export function withElements(value: AbstractValue, ids: ReadonlySet<number> | undefined): AbstractValue {
  const elements = unionElements(value.elements, ids);
  return elements === value.elements ? value : { ...value, elements };
}

export function withoutElements(value: AbstractValue): AbstractValue {
  if (!value.elements || value.elements.size === 0) return value;
  const { elements: _dropped, ...rest } = value;
  return rest;
}

export function sameValue(a: AbstractValue, b: AbstractValue): boolean {
  if (a === b) return true;
  if ((a.elements?.size ?? 0) !== (b.elements?.size ?? 0)) return false;
  for (const id of a.elements ?? []) if (!b.elements!.has(id)) return false;
  if (a.unknown !== b.unknown || a.sockets.size !== b.sockets.size || a.consts.length !== b.consts.length) return false;
  if (!sameIds(a.pending, b.pending) || (a.states?.size ?? 0) !== (b.states?.size ?? 0)) return false;
  for (const state of a.states?.keys() ?? []) if (!b.states!.has(state)) return false;
  if ((a.origins?.size ?? 0) !== (b.origins?.size ?? 0)) return false;
  for (const key of a.origins?.keys() ?? []) if (!b.origins!.has(key)) return false;
  for (const key of a.sockets.keys()) if (!b.sockets.has(key)) return false;
  return a.consts.every((c) => b.consts.some((d) => sameConstant(c, d)));
}

/** The single known scalar, if the value is exactly one. */
export function knownConstant(value: AbstractValue): Constant | undefined {
  return !value.unknown && value.sockets.size === 0 && value.consts.length === 1 ? value.consts[0] : undefined;
}

/** Socket types it may be; `unknown` is included when it may be an unknown value. */
export function possibleSocketKinds(value: AbstractValue): Set<SocketKind> {
  const kinds = new Set<SocketKind>();
  for (const site of value.sockets.values()) kinds.add(site.type);
  if (value.unknown) kinds.add('unknown');
  return kinds;
}
