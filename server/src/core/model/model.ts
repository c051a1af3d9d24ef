// The socket model of one file: every ext/sockets and stream-socket call the analysis reached, what its
// arguments may hold, and which `false` results go unchecked. Rules read this; facts only one
// rule needs, it collects itself from the analysis events (events.ts).
import type { NodeOf, PhpNode, Range } from '../ast';
import type { SocketFunction, SocketState } from '../socket-api';
import type { AnalysisListener, ListenerFactory } from './events';
import { analyzeProgram } from './interpreter';
import type { AbstractValue, ValueOrigin } from './values';

export interface ArgumentFact {
  node: PhpNode;
  /** Joined over every path that reaches the call. */
  value: AbstractValue;
}

/** How a call stands in its statement, for fixes that rewrite the statement. */
export interface StatementContext {
  /** `call;` (possibly `@call;`) or `$target = call;` */
  form: 'call' | 'assign';
  statement: NodeOf<'expressionstatement'>;
  /** The assigned variable or property, for the assign form. */
  target: PhpNode | undefined;
  /** The statement sits in a list of statements (a block, a file), not as a bare `if` body. */
  inStatementList: boolean;
  /** It runs inside a `try` (with a catch or a finally): an exception thrown there is caught first. */
  insideTry: boolean;
}

export interface SocketCall {
  id: number;
  node: NodeOf<'call'>;
  /** The called name, e.g. `socket_listen` or `\socket_listen`. */
  nameRange: Range;
  fn: SocketFunction;
  arguments: ReadonlyMap<string, ArgumentFact>;
  /** Every socket its `$socket` argument may be came from socket_create() and was never bound. */
  socketNeverBound: boolean;
  /** Every visit ran under a condition that tells socket kinds apart (`$type === SOCK_STREAM`). */
  kindGuarded: boolean;
  /**
   * States its socket argument was in on every path to the call (from the effects of earlier
   * calls: `closed` after `socket_close()`), each with the id of the call that set it.
   */
  socketStates: ReadonlyMap<SocketState, number>;
  statement: StatementContext | undefined;
}

export interface UncheckedResult {
  call: SocketCall;
  /** `dropped`: the result is thrown away; `used`: it flows on without a check. */
  how: 'dropped' | 'used';
  /** Where it is used, for `used`. */
  useRange: Range | undefined;
}

/**
 * Where a value that came out of a table call is read: a by-reference output (`$errno` of
 * fsockopen()) or a stream function's result. `usages`: how it was read on the visits there
 * (`check`: tested in a condition or comparison; `use`; `drop`; `keep`: stored or passed on).
 */
export interface OriginRead {
  node: PhpNode;
  origins: readonly ValueOrigin[];
  usages: ReadonlySet<'use' | 'check' | 'drop' | 'keep'>;
}

export interface SocketModel {
  /** The parsed file, for rules that look at the syntax around a call (names resolved). */
  program: NodeOf<'program'>;
  calls: readonly SocketCall[];
  unchecked: readonly UncheckedResult[];
  /** Reads of outputs and results of table calls, by the read expression (a variable, a call). */
  originReads: ReadonlyMap<PhpNode, OriginRead>;
}

/** The model, and the listeners of the analysis round it came from (they hold the rules' own facts). */
export interface AnalysisResult {
  model: SocketModel;
  listeners: readonly AnalysisListener[];
}

/** Analyses a file; `createListeners` makes the rules' listeners afresh for each round (events.ts). */
export function buildSocketModel(program: NodeOf<'program'>, text: string, createListeners: ListenerFactory = () => []): AnalysisResult {
  return analyzeProgram(program, text, createListeners);
}
