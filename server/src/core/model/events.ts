// What a rule hears while the analysis runs. A rule that needs facts the socket model does not
// keep (which calls test a socket as a resource, which comparisons are blind to false) creates a
// listener, collects those facts itself, and reads them in its check: the model keeps no field
// per rule, and a new rule never edits the interpreter.
//
// The analysis visits code until nothing changes (loops more than once, a file in rounds until
// what it learns about its functions settles), so a listener hears a node once per visit, and
// only the listeners of the last round reach the rule's check. Keep facts by node: the last
// visit is the one the analysis settled on.
import type { NodeOf, PhpNode } from '../ast';
import type { IdSet } from './id-set';
import type { AbstractValue } from './values';

/** The point of the analysis an event comes from. */
export interface AnalysisScope {
  /** The conditions the code runs under, innermost last. */
  readonly conditions: readonly PhpNode[];
  /** Inside `if (PHP_VERSION_ID >= 80000)` and the like: code for one PHP version only. */
  underVersionGuard(): boolean;
  /**
   * What a variable, property or array element holds here, without evaluating anything;
   * undefined for any other expression, or one the analysis knows nothing of.
   */
  valueOf(expression: PhpNode): AbstractValue | undefined;
}

/** How the code around an expression treats its value. */
export type ValueUsage = 'drop' | 'use' | 'check' | 'keep';

/** A function or method call, before its arguments run. */
export interface CallEvent {
  node: NodeOf<'call'>;
  /** The resolved, lower-case name of a function call (`is_resource`); undefined for methods and closures. */
  name: string | undefined;
  usage: ValueUsage;
  scope: AnalysisScope;
}

/**
 * A condition about to be tested, once per visit: the whole condition of an if, elseif, loop or
 * `?:`, and each `&&`/`||` whose value is used (`$ok = $a && $b`, outermost first).
 */
export interface ConditionEvent {
  node: PhpNode;
  scope: AnalysisScope;
}

/** A comparison (`==`, `<`, `===`, …) after both operands ran. */
export interface ComparisonEvent {
  node: NodeOf<'bin'>;
  op: string;
  /**
   * Set when PHP's comparison rules make it blind to `false` (`$n < 0`, `$n == -1`): the value
   * it compares stays unchecked. `callIds` are the socket calls whose result it compares.
   */
  blind?: { subject: PhpNode; kind: 'error-test' | 'success-test'; callIds: IdSet };
  scope: AnalysisScope;
}

/** Some real test (a narrowing, a comparison that sees false) looked at these calls' results. */
export interface ResultTestedEvent {
  callIds: IdSet;
}

export interface AnalysisListener {
  call?(event: CallEvent): void;
  condition?(event: ConditionEvent): void;
  comparison?(event: ComparisonEvent): void;
  resultTested?(event: ResultTestedEvent): void;
}

/** The listeners of one round, split by event so that an event nobody hears costs one length test. */
export class AnalysisEvents {
  readonly call: ((event: CallEvent) => void)[] = [];
  readonly condition: ((event: ConditionEvent) => void)[] = [];
  readonly comparison: ((event: ComparisonEvent) => void)[] = [];
  readonly resultTested: ((event: ResultTestedEvent) => void)[] = [];

  constructor(listeners: readonly AnalysisListener[]) {
    for (const listener of listeners) {
      if (listener.call) this.call.push(listener.call.bind(listener));
      if (listener.condition) this.condition.push(listener.condition.bind(listener));
      if (listener.comparison) this.comparison.push(listener.comparison.bind(listener));
      if (listener.resultTested) this.resultTested.push(listener.resultTested.bind(listener));
    }
  }
}

/** Makes one round's listeners: the analysis calls it again for every round. */
export type ListenerFactory = () => readonly AnalysisListener[];
