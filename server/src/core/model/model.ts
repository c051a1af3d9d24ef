// The socket model of one file: every ext/sockets call the analysis reached, what its
// arguments may hold, and which `false` results go unchecked. Rules only read this.
import type { PhpNode, Range } from '../ast';
import type { SocketFunction } from '../socket-api';
import { analyzeProgram } from './interpreter';
import type { AbstractValue } from './values';

export interface ArgumentFact {
  node: PhpNode;
  /** Joined over every path that reaches the call. */
  value: AbstractValue;
}

/** How a call stands in its statement, for fixes that rewrite the statement. */
export interface StatementContext {
  /** `call;` (possibly `@call;`) or `$target = call;` */
  form: 'call' | 'assign';
  statement: PhpNode;
  /** The assigned variable or property, for the assign form. */
  target: PhpNode | undefined;
  /** The statement sits in a list of statements (a block, a file), not as a bare `if` body. */
  inStatementList: boolean;
}

export interface SocketCall {
  id: number;
  node: PhpNode;
  /** The called name, e.g. `socket_listen` or `\socket_listen`. */
  nameRange: Range;
  fn: SocketFunction;
  arguments: ReadonlyMap<string, ArgumentFact>;
  /** Every socket its `$socket` argument may be came from socket_create() and was never bound. */
  socketNeverBound: boolean;
  statement: StatementContext | undefined;
}

export interface UncheckedResult {
  call: SocketCall;
  /** `dropped`: the result is thrown away; `used`: it flows on without a check. */
  how: 'dropped' | 'used';
  /** Where it is used, for `used`. */
  useRange: Range | undefined;
}

/** A resource test (`is_resource($sock)`) on a value that may be an ext/sockets socket. */
export interface ResourceTest {
  call: PhpNode;
  fn: string;
  argument: PhpNode;
  value: AbstractValue;
}

export interface SocketModel {
  calls: readonly SocketCall[];
  unchecked: readonly UncheckedResult[];
  resourceTests: readonly ResourceTest[];
}

export function buildSocketModel(program: PhpNode): SocketModel {
  return analyzeProgram(program);
}
