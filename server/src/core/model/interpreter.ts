// A small abstract interpreter over one PHP file. It walks every function body (and the file's
// top-level code) path by path, following sockets through variables, properties, constants and
// the file's own functions, and notes for each ext/sockets call what its arguments may hold and
// whether a possible `false` result is checked before it is used or dropped.
//
// Checks are modelled as facts about the condition they appear in, not as text patterns: a value
// read in a boolean context (`if`, `!`, `&&`, `?:`, a comparison, `instanceof`, `is_*()`) is
// checked there; read anywhere else it is used; returned, stored or handed to a function of this
// file it becomes someone else's responsibility.
import { calledFunctionName, childNodes, isNode, isPositionalArgument, LOGICAL_OPERATORS, normalizeName, rangeOf, unwrapSilence, variableName, type PhpNode, type Range, type NodeOf } from '../ast';
import internals from '../php-internals.json';
import { fileFacts } from '../names';
import { argumentFor, isDatagramType, socketTypeOfValue, SOCKET_CONSTANTS, type CreatedSocket, type SocketFunction, type SocketState } from '../socket-api';
import { apiConstant, apiFunction, leadingTransport, outputMeaning, SOCKET_CONTEXT_OPTIONS, transportType } from '../stream-api';
import { collectDeclarations, type ClassDeclaration, type Declarations, type FunctionDeclaration } from './declarations';
import { foldBinary, foldUnary, parsePhpNumber, truthy } from './fold';
import { falseBlindness } from './compare';
import { falseNarrowing, mentionsExpression, tellsSocketKindsApart, testsPhpVersion } from './conditions';
import { AnalysisEvents, type AnalysisListener, type AnalysisScope, type ListenerFactory, type ValueUsage } from './events';
import type { AnalysisResult, ArgumentFact, OriginRead, SocketCall, SocketModel, StatementContext, UncheckedResult } from './model';
import { buildFlowGraph, type FlowBlock, type FlowGraph, type FlowStep } from '../flow/graph';
import { solveForward, type BlockOutcome } from '../flow/solver';
import { functionFacts, type FunctionFacts } from './function-facts';
import { EMPTY_IDS, IdAccumulator, idSetOf, unionIds, type IdSet } from './id-set';
import { FlowState } from './state';
import {
  constant,
  joinValues,
  knownConstant,
  NULL_VALUE,
  sameValue,
  socketValue,
  SYSTEM_SOMAXCONN,
  UNKNOWN,
  withoutPending,
  withElements,
  withoutElements,
  orUncheckedFalse,
  withOrigin,
  withState,
  withoutState,
  type AbstractValue,
  type Constant,
  type SocketFamily,
  type SocketKind,
  type SocketSite,
  type ValueOrigin,
} from './values';

/**
 * What the surrounding code does with a value:
 * - `use`: computes with it or passes it where `false` is wrong: an unchecked `false` is a bug;
 * - `check`: tests it (conditions, comparisons, `is_*()`);
 * - `drop`: throws it away (an expression statement);
 * - `keep`: passes it on unchanged (assignment, return, storage); the receiver decides.
 */
export type Usage = ValueUsage;

const COMPARISONS = new Set(['==', '!=', '<>', '===', '!==', '<', '>', '<=', '>=', '<=>']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**', '.', '<<', '>>', '|', '&', '^']);
/** Functions whose call is a test of their argument. */
const TEST_FUNCTIONS = new Set([
  'is_resource', 'is_bool', 'is_object', 'is_a', 'is_int', 'is_integer', 'is_long', 'is_string', 'is_numeric',
  'is_scalar', 'is_array', 'is_iterable', 'is_countable', 'is_callable', 'is_null', 'is_float', 'boolval',
  'assert', 'gettype', 'get_debug_type', 'is_subclass_of',
]);

/** The origin of an output that tells its call's failure (see failureMarker()). */
const FAILURE_MARKER = 'failure-marker';
/** Expressions that only read a variable or property: printing one runs nothing. */
const PLAIN_REFERENCES = new Set(['variable', 'propertylookup', 'nullsafepropertylookup', 'staticlookup']);
/** PHP's functions that store their other arguments into the array they take first. */
const APPENDING_FUNCTIONS = new Set(['array_push', 'array_unshift']);
/** Functions that read the caller's variables by name. */
const VARIABLE_READING_FUNCTIONS = new Set(['compact', 'extract', 'get_defined_vars', 'parse_str']);
/**
 * PHP's own functions whose harmless parameters still answer for the value: they show a false as
 * false (var_dump), compare it, store it for later, or hand it to a callback. Any other function
 * takes a false quietly (strval(), printf("%d")) and the value stays as unchecked as it was.
 */
const INTERNALS_THAT_ANSWER = new Set([
  'var_dump', 'var_export', 'debug_zval_dump', 'print_r', 'json_encode', 'serialize', 'in_array', 'array_search',
  'array_keys', 'max', 'min', 'array_push', 'array_unshift', 'array_fill', 'array_fill_keys', 'array_pad', 'define',
  'shm_put_var', 'call_user_func', 'forward_static_call', 'register_shutdown_function', 'register_tick_function',
  'spl_autoload_register', 'array_walk', 'array_walk_recursive', 'array_reduce', 'ob_start', 'pcntl_signal',
  'session_set_save_handler', 'settype', 'assert', 'filter_var',
]);
/** Statement lists: a statement in one can be followed by another (fixes insert after it). */
const SCOPE_KINDS = new Set(['function', 'method', 'closure', 'arrowfunc', 'class', 'trait', 'interface', 'enum']);
/** Rounds over the whole file until function and property summaries stop changing. */
const MAX_ROUNDS = 4;
/**
 * How PHP's own functions take `false`, one letter per parameter (scripts/socket-api-reflect.php).
 * Reflection types a `resource` parameter as untyped ('f'), yet get_resource_type(false) and
 * get_resource_id(false) are PHP 8's TypeError, as an object parameter's ('o') is: a use, not a test.
 */
const INTERNAL_PARAMS: Record<string, string> = { ...(internals.functions as Record<string, string>), get_resource_type: 'o', get_resource_id: 'o' };

interface Scope {
  className: string | undefined;
  returns: AbstractValue[];
  /** Variables whose value lives on after the scope (globals, statics, by-reference parameters). */
  escaping: Set<string>;
  /** The scope reads variables by name (`compact()`, `extract()`, `$$name`): any may be read later. */
  readsVariablesByName: boolean;
  /** Variables bound by reference (`$a = &$b`, `foreach (… as &$v)`): not followed. */
  referenced: Set<string>;
  /** Unchecked results each local variable was given. */
  held: Map<string, IdSet>;
}

/** A call to a ext/sockets function as the analysis saw it, joined over every visit. */
interface CallRecord {
  node: NodeOf<'call'>;
  fn: SocketFunction;
  args: Map<string, ArgumentFact>;
  socketNeverBound: boolean;
  kindGuarded: boolean;
  socketStates: Map<SocketState, number>;
}


/** The test a condition's code runs first: the leftmost operand of its `&&`, `||` and `!`. */
function firstTestOf(condition: PhpNode): PhpNode {
  let node = condition;
  for (;;) {
    if (node.kind === 'unary' && node.type === '!' && isNode(node.what)) node = node.what;
    else if (node.kind === 'bin' && LOGICAL_OPERATORS.has(String(node.type)) && isNode(node.left)) node = node.left;
    else return node;
  }
}

class FileAnalysis {
  readonly callIds = new Map<PhpNode, number>();
  readonly statements = new Map<PhpNode, StatementContext>();
  private readonly graphs = new Map<PhpNode, FlowGraph>();
  private readonly functionFacts = new Map<string, FunctionFacts>();
  returnSummaries = new Map<string, AbstractValue>();
  propertySummaries = new Map<string, AbstractValue>();

  constructor(
    readonly program: NodeOf<'program'>,
    readonly text: string,
    readonly declarations: Declarations,
  ) {}

  /** Rounds until what the file's functions return settles; the last round's listeners hold the rules' facts. */
  run(createListeners: ListenerFactory): AnalysisResult {
    for (let i = 1; ; i++) {
      const round = new Round(this, createListeners());
      round.analyzeFile();
      // A round that never looked a summary up cannot come out differently next time.
      const stable =
        !round.readSummaries ||
        (sameSummaries(this.returnSummaries, round.returnSummaries) && sameSummaries(this.propertySummaries, round.propertySummaries));
      this.returnSummaries = round.returnSummaries;
      this.propertySummaries = round.propertySummaries;
      if (stable || i === MAX_ROUNDS) return { model: round.model(), listeners: round.listeners };
    }
  }

  /**
   * Top-level variables other code may read: those a function declares `global`, or all of
   * them (`*`) when the file includes others, reads `$GLOBALS` or runs `eval()` (from the parse
   * step's walk, never from the text: a string that says "include" changes nothing).
   */
  get sharedGlobals(): string[] {
    const facts = fileFacts(this.program);
    return facts.sharesAllGlobals ? [...facts.globalNames, '*'] : [...facts.globalNames];
  }

  /** What a call site needs to know of a function of this file (syntax only, so once per function). */
  factsOf(fn: FunctionDeclaration): FunctionFacts {
    let facts = this.functionFacts.get(fn.key);
    if (!facts) {
      const names = (fn.node.arguments ?? []).map(parameterName).filter((name): name is string => name !== undefined);
      facts = isNode(fn.node.body) ? functionFacts(fn.node.body, names) : { answering: new Set(names), mayLeave: false, thisProperties: 'any' };
      this.functionFacts.set(fn.key, facts);
    }
    return facts;
  }

  /** A body's control-flow graph: syntax only, so one per body for every round and visit. */
  graphOf(owner: PhpNode, statements: readonly PhpNode[]): FlowGraph {
    let graph = this.graphs.get(owner);
    if (!graph) this.graphs.set(owner, (graph = buildFlowGraph(statements)));
    return graph;
  }

  callId(node: PhpNode): number {
    let id = this.callIds.get(node);
    if (id === undefined) this.callIds.set(node, (id = this.callIds.size));
    return id;
  }

  /** Records how a call that forms a whole statement stands there, for fixes that rewrite it. */
  noteStatement(node: NodeOf<'expressionstatement'>, inStatementList: boolean, insideTry: boolean): void {
    if (this.statements.has(node) || !isNode(node.expression)) return;
    const expression = unwrapSilence(node.expression);
    if (expression.kind === 'call') {
      this.statements.set(expression, { form: 'call', statement: node, target: undefined, inStatementList, insideTry });
    } else if (expression.kind === 'assign' && expression.operator === '=' && isNode(expression.right)) {
      const right = unwrapSilence(expression.right);
      if (right.kind === 'call') this.statements.set(right, { form: 'assign', statement: node, target: expression.left, inStatementList, insideTry });
    }
  }
}

function sameSummaries(a: Map<string, AbstractValue>, b: Map<string, AbstractValue>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    const other = b.get(key);
    if (!other || !sameValue(value, other)) return false;
  }
  return true;
}

/** One pass over every scope of the file with the summaries of the previous pass. */
class Round {
  readonly returnSummaries = new Map<string, AbstractValue>();
  readonly propertySummaries = new Map<string, AbstractValue>();
  private readonly calls = new Map<number, CallRecord>();
  private readonly unchecked = new Map<number, { how: 'dropped' | 'used'; useRange: Range | undefined }>();
  /** What rules hear of this round (events.ts). */
  private readonly events: AnalysisEvents;
  private readonly analysisScope: AnalysisScope;
  private state = new FlowState();
  private scope: Scope = newScope(undefined);
  private readonly constantsInProgress = new Set<string>();
  /** Whether this round used what the previous round learnt about functions and properties. */
  readSummaries = false;
  /** Results that some path read (checked or used) out of a variable. */
  private readonly readResults = new IdAccumulator();
  /** Results some real test looked at (a narrowing, a comparison that sees false): not blind ones. */
  private readonly falseTested = new IdAccumulator();
  /** Reads of values that came out of a table call (outputs, results): see OriginRead. */
  private readonly originReads = new Map<PhpNode, OriginRead & { origins: ValueOrigin[]; usages: Set<Usage> }>();
  /** While a blind comparison evaluates its subject: the results read for the first time. */
  private readJournal: Set<number> | undefined;
  /** Results a local variable held, not counting variables that outlive their scope. */
  private readonly heldResults = new IdAccumulator();
  /** Calls whose failure a test of their output told (`failureLeaves`): their dropped result is no finding. */
  private readonly checkedThroughOutputs = new Set<number>();
  /** Results a function of this file returns unchecked, as its callers here received them. */
  private readonly returnedResults = new IdAccumulator();
  /** Results a variable lost to a new value before they were read on that path. */
  private readonly overwritten = new IdAccumulator();
  /** The conditions the current code runs under, innermost last. */
  private conditions: readonly PhpNode[] = [];
  /** What each foreach's source may hold per element, from its last evaluation. */
  private readonly foreachElements = new Map<PhpNode, AbstractValue>();

  constructor(
    private readonly file: FileAnalysis,
    readonly listeners: readonly AnalysisListener[],
  ) {
    this.events = new AnalysisEvents(listeners);
    const round = this;
    this.analysisScope = {
      get conditions() {
        return round.conditions;
      },
      underVersionGuard: () => this.underVersionGuard(),
      valueOf: (expression) => this.peekValue(expression),
    };
    for (const cls of file.declarations.classes.values()) {
      for (const [name, initial] of cls.properties) {
        this.propertySummaries.set(propertyKey(cls.name, name), initial ? this.foldConstantExpression(initial, cls.name) : NULL_VALUE);
      }
    }
  }

  private get declarations(): Declarations {
    return this.file.declarations;
  }

  analyzeFile(): void {
    this.analyzeScope(this.file.program, this.file.program.children, undefined, [...this.file.sharedGlobals], new Map());
    for (const fn of this.declarations.functions.values()) this.analyzeFunction(fn);
    for (const cls of this.declarations.classes.values()) for (const method of cls.methods.values()) this.analyzeFunction(method);
  }

  model(): SocketModel {
    for (const id of [...this.overwritten, ...this.heldResults]) if (!this.readResults.has(id)) this.reportUnchecked(id, 'dropped', undefined);
    const calls: SocketCall[] = [];
    const byId = new Map<number, SocketCall>();
    for (const [id, record] of [...this.calls].sort((a, b) => a[0] - b[0])) {
      const what = record.node.what;
      const call: SocketCall = {
        id,
        node: record.node,
        nameRange: rangeOf(what),
        fn: record.fn,
        arguments: record.args,
        socketNeverBound: record.socketNeverBound,
        kindGuarded: record.kindGuarded,
        socketStates: record.socketStates,
        statement: this.file.statements.get(record.node),
      };
      calls.push(call);
      byId.set(id, call);
    }
    const unchecked: UncheckedResult[] = [];
    for (const [id, report] of this.unchecked) {
      if (report.how === 'dropped' && this.checkedThroughOutputs.has(id)) continue;
      const call = byId.get(id);
      if (call) unchecked.push({ call, how: report.how, useRange: report.useRange });
    }
    unchecked.sort((a, b) => a.call.nameRange[0] - b.call.nameRange[0]);
    return { program: this.file.program, calls, unchecked, originReads: this.originReads };
  }

  // ---- scopes -------------------------------------------------------------------------------

  private analyzeFunction(fn: FunctionDeclaration): void {
    const params = fn.node.arguments ?? [];
    const initial = new Map<string, AbstractValue>();
    const escaping: string[] = [];
    for (const param of params) {
      const name = typeof param.name === 'string' ? param.name : param.name?.name;
      if (typeof name !== 'string') continue;
      initial.set(name, UNKNOWN);
      if (param.byref) escaping.push(name);
    }
    const body = fn.node.body;
    if (!isNode(body)) return;
    const returns = this.analyzeScope(fn.node, body.children ?? [], fn.className, escaping, initial);
    const summary = returns.reduce<AbstractValue | undefined>((acc, value) => (acc ? joinValues(acc, value) : value), undefined);
    this.returnSummaries.set(fn.key, summary ?? NULL_VALUE);
  }

  /**
   * Runs a body as a fresh scope on its control-flow graph, to a fixed point; returns the values
   * it may return. `owner` is the node the body belongs to, which keys its graph.
   */
  private analyzeScope(owner: PhpNode, statements: PhpNode[], className: string | undefined, escaping: string[], initial: Map<string, AbstractValue>): AbstractValue[] {
    const savedState = this.state;
    const savedScope = this.scope;
    const outer = this.conditions;
    this.scope = newScope(className);
    for (const name of escaping) this.scope.escaping.add(name);
    const graph = this.file.graphOf(owner, statements);
    // Per block, the conditions its code runs under: those around the body, then the block's own.
    const blockConditions: (readonly PhpNode[] | undefined)[] = new Array(graph.blocks.length);
    const conditionsOf = (block: FlowBlock) => (outer.length === 0 ? block.conditions : (blockConditions[block.id] ??= [...outer, ...block.conditions]));
    const solution = solveForward(graph, FlowState.withVariables(new Map(initial)), {
      transfer: (block, input) => this.runBlock(block, input, conditionsOf(block)),
      join: (states) => FlowState.join(states),
      same: (a, b) => a.sameAs(b),
      reachable: (state) => state.live,
    });
    this.settleHeldResults();
    const returns = this.scope.returns;
    this.state = savedState;
    this.scope = savedScope;
    this.conditions = outer;
    return returns;
  }

  /** A local variable now holds unchecked results: noted once, judged when the file is done. */
  private noteHeld(name: string, value: AbstractValue): void {
    if (value.pending.size === 0) return;
    this.scope.held.set(name, unionIds(this.scope.held.get(name) ?? EMPTY_IDS, value.pending));
  }

  /**
   * A result a local variable held is dropped if no path ever looks at it, wherever its paths go
   * (the end, a return, an exit, an endless server loop); decided when the file is done, so the
   * order the paths ran in does not matter. `if ($a === false || $b === false) return;` leaves
   * `$b` unexamined on the path where `$a` failed, and that is error handling, not a drop.
   */
  private settleHeldResults(): void {
    if (this.scope.readsVariablesByName || this.scope.escaping.has('*')) return;
    for (const [name, ids] of this.scope.held) if (!this.scope.escaping.has(name)) this.heldResults.addAll(ids);
  }

  // ---- blocks and statements -----------------------------------------------------------

  /** The transfer function of the flow solver: runs a block's steps, then forks on its test. */
  private runBlock(block: FlowBlock, input: FlowState, conditions: readonly PhpNode[]): BlockOutcome<FlowState> {
    this.state = input.clone();
    this.conditions = conditions;
    let thrown: FlowState | undefined;
    for (const step of block.steps) {
      if (!this.state.live) break;
      if (step.role === 'throw') {
        this.evaluate(step.node.what, 'keep');
        thrown = this.state.clone();
        this.state.live = false;
      } else {
        this.runStep(step, block);
      }
    }
    if (!block.test || !this.state.live) return { normal: this.state, thrown };
    // A condition the graph split into single tests is heard once, at its first test.
    if (block.condition && block.test === firstTestOf(block.condition)) this.noteCondition(block.condition);
    const decided = this.decidedTruth(block.test);
    const { whenTrue, whenFalse } = this.branchOn(block.test);
    if (decided === false) whenTrue.live = false;
    if (decided === true) whenFalse.live = false;
    return { whenTrue, whenFalse, thrown };
  }

  private runStep(step: FlowStep, block: FlowBlock): void {
    const { role, node } = step;
    switch (role) {
      case 'statement':
        // Inside a try: an exception thrown here is caught (or a finally runs) before it leaves.
        if (node.kind === 'expressionstatement') this.file.noteStatement(node, step.inStatementList, block.successors.some((edge) => edge.kind === 'exception'));
        return this.execute(node, step.inStatementList);
      case 'drop':
      case 'check':
      case 'use':
        this.evaluate(node, role);
        return;
      case 'foreach-source':
        this.foreachElements.set(node, elementOf(this.evaluate(node.source, 'use')));
        this.forgetElements(node.source);
        return;
      case 'foreach-next': {
        if (isNode(node.key)) this.assignTo(node.key, UNKNOWN);
        const name = isNode(node.value) ? variableName(node.value) : undefined;
        if (isNode(node.value) && 'byref' in node.value && node.value.byref && name) this.scope.referenced.add(name);
        if (isNode(node.value)) this.assignTo(node.value, this.foreachElements.get(node) ?? UNKNOWN);
        return;
      }
      case 'catch':
        if (isNode(node.variable)) this.assignTo(node.variable, UNKNOWN);
        return;
      case 'return':
        return this.executeReturn(node);
      case 'throw':
        return;
    }
  }

  /**
   * Runs one simple statement (the graph has taken control flow apart already);
   * `inStatementList`: it sits in a block or file, not as a bare `if` body.
   */
  private execute(node: PhpNode, inStatementList = false): void {
    switch (node.kind) {
      case 'expressionstatement':
        this.evaluate(node.expression, 'drop');
        return;
      case 'echo':
        for (const expression of node.expressions ?? []) this.printed(expression);
        return;
      case 'global':
        for (const item of node.items ?? []) this.declareEscaping(item);
        return;
      case 'static':
        for (const item of node.variables) {
          if (item.kind !== 'staticvariable') continue;
          if (isNode(item.defaultValue)) this.evaluate(item.defaultValue, 'keep');
          this.declareEscaping(item.variable);
        }
        return;
      case 'unset':
        for (const variable of node.variables ?? []) {
          const name = isNode(variable) ? variableName(variable) : undefined;
          if (name) this.state.write(name, NULL_VALUE);
        }
        return;
      case 'constantstatement':
        for (const constant of node.constants) if (constant.kind === 'constant' && isNode(constant.value)) this.evaluate(constant.value, 'keep');
        return;
      default:
        if (SCOPE_KINDS.has(node.kind) || node.kind === 'inline' || node.kind === 'usegroup') return;
        for (const child of childNodes(node)) this.evaluate(child, 'keep');
    }
  }

  private declareEscaping(variable: unknown): void {
    const name = isNode(variable) ? variableName(variable) : undefined;
    if (!name) return;
    this.scope.escaping.add(name);
    this.state.write(name, UNKNOWN);
  }

  /**
   * Runs code that only runs when (or unless) a condition holds, noting the condition. The list
   * is copied, never changed in place: blocks share theirs with the graph.
   */
  private underCondition<T>(test: unknown, run: () => T): T {
    if (!isNode(test)) return run();
    const outer = this.conditions;
    this.conditions = [...outer, test];
    try {
      return run();
    } finally {
      this.conditions = outer;
    }
  }

  /** Inside `if (PHP_VERSION_ID >= 80000)` and the like: code for one PHP version only. */
  private underVersionGuard(): boolean {
    return this.conditions.some(testsPhpVersion);
  }

  /**
   * Inside a condition that tells socket kinds apart (`$type === SOCK_STREAM`, `$ready === $tcp`,
   * SO_TYPE): a socket that may be a datagram one on some paths is likely not one here.
   */
  private underKindGuard(socketArgument: PhpNode | undefined): boolean {
    const argument = socketArgument ? unwrapSilence(socketArgument) : undefined;
    return this.conditions.some((condition) => tellsSocketKindsApart(condition) || (argument !== undefined && mentionsExpression(condition, argument)));
  }

  /**
   * Evaluates a condition and splits the flow into where it holds and where it does not, so
   * that `if (!$a || !$b) exit;` leaves both checked after it: the false side of `A || B` is
   * reached only after B was tested too.
   */
  private branchOn(test: unknown): { whenTrue: FlowState; whenFalse: FlowState } {
    if (isNode(test) && this.state.live) {
      if (test.kind === 'unary' && test.type === '!') {
        const inner = this.branchOn(test.what);
        return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
      }
      if (test.kind === 'bin' && ['||', 'or', '&&', 'and'].includes(String(test.type))) {
        const isOr = test.type === '||' || test.type === 'or';
        const left = this.branchOn(test.left);
        this.state = isOr ? left.whenFalse : left.whenTrue;
        const right = this.branchOn(test.right);
        return isOr
          ? { whenTrue: FlowState.join([left.whenTrue, right.whenTrue]), whenFalse: right.whenFalse }
          : { whenTrue: right.whenTrue, whenFalse: FlowState.join([left.whenFalse, right.whenFalse]) };
      }
    }
    const narrowing =
      isNode(test) && this.state.live ? falseNarrowing(test, (node) => this.staticInteger(node), (call) => this.createdIntoKey(call) !== undefined) : undefined;
    const key = narrowing ? this.narrowingKey(narrowing.subject) : undefined;
    if (!narrowing || !key) {
      this.evaluate(test, 'check');
      return { whenTrue: this.state, whenFalse: this.state.clone() };
    }
    // The subject keeps its unchecked ids on the side where it may still be false: a use there
    // (or after the branches join) is a use of an unchecked result. It counts as looked at.
    let tested: AbstractValue;
    if (narrowing.subject.kind === 'assign' || narrowing.subject.kind === 'call') {
      tested = this.evaluate(narrowing.subject, 'keep');
      for (const other of narrowing.others) this.evaluate(other, 'check');
    } else {
      // The whole test runs as a check (rules note `is_resource()` and the like there).
      tested = this.state.read(key) ?? NULL_VALUE;
      this.evaluate(test, 'check');
    }
    this.markAllRead(tested.pending);
    this.noteTested(tested.pending);
    const cleared = this.state;
    const current = cleared.read(key);
    if (current && current.pending.size > 0) cleared.write(key, withoutPending(current));
    const mayBeFalse = cleared.clone();
    if (tested.pending.size > 0 && narrowing.subject.kind === 'call') {
      // Where socket_create_pair() failed, its output holds no sockets: reading one uses the failure.
      mayBeFalse.write(key, withElements(mayBeFalse.read(key) ?? NULL_VALUE, new Set(tested.pending)));
    } else if (tested.pending.size > 0) {
      // After `=== false` the failure side holds false itself (still unchecked: using it there is a bug).
      mayBeFalse.write(key, narrowing.exactlyFalse ? { ...constant(false), pending: tested.pending, ...(tested.origins ? { origins: tested.origins } : {}) } : tested);
    }
    // Where `$x instanceof \Socket` is false, `$x` is no Socket (a PHP 7 resource, say).
    if (narrowing.socketTest && tested.sockets.size > 0) mayBeFalse.write(key, { ...UNKNOWN, consts: tested.consts, pending: tested.pending });
    // Where is_resource() holds, the stream is open: fclose() leaves a value is_resource() rejects.
    const open = narrowing.resourceTest ? cleared.read(key) : undefined;
    if (open?.states?.has('closed')) cleared.write(key, withoutState(open, 'closed'));
    return narrowing.falseWhen === 'true' ? { whenTrue: mayBeFalse, whenFalse: cleared } : { whenTrue: cleared, whenFalse: mayBeFalse };
  }

  /**
   * The variable or `$this` property a narrowing condition tests (`$c` in `($c = f()) === false`;
   * `$pair` in `socket_create_pair(…, $pair) === false`).
   */
  private narrowingKey(subject: PhpNode): string | undefined {
    if (subject.kind === 'call') return this.createdIntoKey(subject);
    const target = subject.kind === 'assign' && subject.operator === '=' && isNode(subject.left) ? unwrapSilence(subject.left) : subject;
    const key = target.kind === 'variable' ? variableName(target) : this.memberKey(target);
    return key && key !== 'this' && !this.scope.referenced.has(key) ? key : undefined;
  }

  /** The output a call makes its sockets into (`$pair` of socket_create_pair()), as a narrowing key. */
  private createdIntoKey(call: NodeOf<'call'>): string | undefined {
    const name = calledFunctionName(call);
    const fn = name && !this.isShadowed(call, name) ? apiFunction(name) : undefined;
    const into = fn?.effects.creates?.into;
    const output = fn && into ? argumentFor(call, fn, into) : undefined;
    return output && output.kind !== 'call' ? this.narrowingKey(unwrapSilence(output)) : undefined;
  }

  /** Whether a condition is always true or always false, when its value is a known constant. */
  private decidedTruth(test: unknown): boolean | undefined {
    if (!isNode(test)) return true;
    if (test.kind === 'boolean') return Boolean(test.value);
    if (test.kind === 'number') return truthy(parsePhpNumber(String(test.value)) ?? 1);
    return undefined;
  }

  private executeReturn(node: NodeOf<'return'>): void {
    const value = isNode(node.expr) ? this.evaluate(node.expr, 'keep') : NULL_VALUE;
    // Unchecked results go back with the value: a caller in this file that uses them unchecked is reported.
    this.scope.returns.push(value);
    this.state.live = false;
  }

  // ---- expressions --------------------------------------------------------------------------

  /** Evaluates an expression for its value, then applies what its context does with it. */
  private evaluate(node: unknown, usage: Usage): AbstractValue {
    if (!isNode(node) || !this.state.live) return UNKNOWN;
    const value = this.valueOf(node, usage);
    // An assignment's own value in a statement is not a dropped result: the variable holds it.
    if (usage === 'drop' && (node.kind === 'assign' || node.kind === 'assignref')) return value;
    this.consume(value, usage, node);
    return value;
  }

  private consume(value: AbstractValue, usage: Usage, node: PhpNode): void {
    if (value.origins) this.noteOriginRead(value, usage, node);
    if (value.origins && usage === 'check') this.noteFailureMarkerTests(value.origins);
    if (value.pending.size === 0) return;
    if (usage === 'check') this.noteTested(value.pending);
    if (usage === 'use') for (const id of value.pending) this.reportUnchecked(id, 'used', rangeOf(node));
    else if (usage === 'drop') for (const id of value.pending) this.reportUnchecked(id, 'dropped', undefined);
  }

  /** Where an output or result of a table call is read, and how (joined over every visit). */
  private noteOriginRead(value: AbstractValue, usage: Usage, node: PhpNode): void {
    const read = this.originReads.get(node) ?? { node, origins: [], usages: new Set<Usage>() };
    for (const origin of value.origins!.values()) {
      if (!read.origins.some((known) => known.callId === origin.callId && known.what === origin.what)) read.origins.push(origin);
    }
    read.usages.add(usage);
    this.originReads.set(node, read);
  }

  /** A test of an output that tells the call's failure checks the call, as a test of its result would. */
  private noteFailureMarkerTests(origins: NonNullable<AbstractValue['origins']>): void {
    for (const origin of origins.values()) {
      if (origin.what !== FAILURE_MARKER) continue;
      this.checkedThroughOutputs.add(origin.callId);
      this.markRead(origin.callId);
      this.noteTested(idSetOf([origin.callId]));
    }
  }

  private markRead(id: number): void {
    if (this.readResults.add(id)) this.readJournal?.add(id);
  }

  private markAllRead(ids: IdSet): void {
    const journal = this.readJournal;
    this.readResults.addAll(ids, journal && ((id) => journal.add(id)));
  }

  /** A real test looked at these results (rules hear of it: a blind comparison elsewhere is no bug then). */
  private noteTested(ids: IdSet): void {
    if (ids.size === 0) return;
    this.falseTested.addAll(ids);
    for (const listener of this.events.resultTested) listener({ callIds: ids });
  }

  private reportUnchecked(id: number, how: 'dropped' | 'used', useRange: Range | undefined): void {
    // A result its function returns is the caller's to check: a caller that drops it checks
    // nothing, but it loses nothing either (the function may return other things worth having).
    if (how === 'dropped' && this.returnedResults.has(id)) return;
    if (!this.unchecked.has(id)) this.unchecked.set(id, { how, useRange });
  }

  private valueOf(node: PhpNode, usage: Usage): AbstractValue {
    switch (node.kind) {
      case 'variable':
        return this.readVariable(node);
      case 'propertylookup':
      case 'nullsafepropertylookup':
        return this.readProperty(node);
      case 'staticlookup':
        return this.readStatic(node);
      case 'offsetlookup':
        return this.readOffset(node);
      case 'call':
        return this.evaluateCall(node, usage);
      case 'new':
        for (const arg of node.arguments ?? []) this.handOver(this.evaluate(arg, 'keep'));
        return UNKNOWN;
      case 'assign':
        return this.evaluateAssign(node, usage);
      case 'assignref':
        return this.evaluateReference(node);
      case 'bin':
        return this.evaluateBinary(node, usage);
      case 'unary':
        return this.evaluateUnary(node);
      case 'cast':
        return this.evaluateCast(node);
      case 'retif':
        return this.evaluateTernary(node, usage);
      case 'silent':
        return this.valueOf(node.expr, usage);
      case 'number': {
        const n = parsePhpNumber(String(node.value));
        return n === undefined ? UNKNOWN : constant(n);
      }
      case 'string':
      case 'nowdoc':
        return constant(String(node.value));
      case 'boolean':
        return constant(Boolean(node.value));
      case 'nullkeyword':
        return NULL_VALUE;
      case 'name':
        return this.readConstant(node);
      case 'encapsed':
        for (const part of node.value ?? []) {
          const expression = isNode(part) && part.kind === 'encapsedpart' ? part.expression : part;
          this.printed(expression);
        }
        return UNKNOWN;
      case 'array':
        return this.evaluateArray(node);
      case 'isset':
      case 'empty':
        for (const arg of node.kind === 'isset' ? node.variables : node.expression ? [node.expression] : []) this.evaluate(arg, 'check');
        return UNKNOWN;
      case 'exit':
        this.evaluate(node.expression, 'use');
        this.state.live = false;
        return UNKNOWN;
      case 'throw':
        this.evaluate(node.what, 'keep');
        this.state.live = false;
        return UNKNOWN;
      case 'closure':
        return this.evaluateClosure(node);
      case 'arrowfunc': {
        this.analyzeScope(node, [{ kind: 'return', loc: node.body?.loc ?? null, expr: node.body }], this.scope.className, [], this.copyVariables());
        // The arrow function captured what it uses: those values are its responsibility now.
        for (const name of variablesIn(node.body)) {
          const value = this.state.read(name);
          if (!value || value.pending.size === 0) continue;
          this.markAllRead(value.pending);
          this.state.write(name, withoutPending(value));
        }
        return UNKNOWN;
      }
      case 'match':
        return this.evaluateMatch(node, usage);
      case 'pre':
      case 'post':
        this.evaluate(node.what, 'use');
        if (isNode(node.what)) this.assignTo(node.what, UNKNOWN);
        return UNKNOWN;
      case 'print':
        this.printed(node.expression);
        return UNKNOWN;
      case 'clone':
        this.evaluate(node.what, 'use');
        return UNKNOWN;
      default:
        for (const child of childNodes(node)) this.evaluate(child, 'keep');
        return UNKNOWN;
    }
  }

  private copyVariables(): Map<string, AbstractValue> {
    return new Map([...this.state.variableEntries].map(([name, value]) => [name, withoutPending(value)]));
  }

  private readVariable(node: NodeOf<'variable'>): AbstractValue {
    const name = variableName(node);
    if (!name) {
      this.scope.readsVariablesByName = true;
      this.evaluate(node.name, 'use');
      return UNKNOWN;
    }
    if (name === 'this' || this.scope.referenced.has(name)) return UNKNOWN;
    const value = this.state.read(name);
    if (value === undefined) return this.scope.escaping.has(name) ? UNKNOWN : NULL_VALUE;
    // Whoever reads the value now answers for its check.
    if (value.pending.size > 0) {
      this.markAllRead(value.pending);
      this.state.write(name, withoutPending(value));
    }
    return value;
  }

  /** `$this->name` and `self::$name` are followed like variables, keyed by their path. */
  private memberKey(node: PhpNode): string | undefined {
    const className = this.scope.className;
    const offset = 'offset' in node ? node.offset : undefined;
    if (!className || !isNode(offset) || offset.kind !== 'identifier') {
      if (node.kind === 'staticlookup' && isNode(node.offset) && node.offset.kind === 'variable' && className) {
        const target = this.classOf(node.what);
        const name = variableName(node.offset);
        return target && name ? `${target}::$${name}` : undefined;
      }
      return undefined;
    }
    if (node.kind !== 'staticlookup' && 'what' in node && isNode(node.what) && variableName(node.what) === 'this') return `${className}->${offset.name}`;
    return undefined;
  }

  private readProperty(node: NodeOf<'propertylookup' | 'nullsafepropertylookup' | 'staticlookup'>): AbstractValue {
    const key = this.memberKey(node);
    if (!key) {
      this.evaluate(node.what, 'use');
      if (isNode(node.offset) && node.offset.kind !== 'identifier') this.evaluate(node.offset, 'use');
      return UNKNOWN;
    }
    return this.readMember(key);
  }

  private readMember(key: string): AbstractValue {
    const value = this.state.read(key);
    if (value === undefined) {
      this.readSummaries = true;
      return this.memberSummary(key);
    }
    if (value.pending.size > 0) this.state.write(key, withoutPending(value));
    return value;
  }

  /** A property no path here set: what the file's methods may leave in it. */
  private memberSummary(key: string): AbstractValue {
    // Methods that set the property to sockets of different kinds (openUdp(), openTcp()) leave
    // no path to follow here: which one ran is not known.
    const summary = this.file.propertySummaries.get(key);
    return summary && !mixesDatagramAndStream(summary) ? summary : UNKNOWN;
  }

  /**
   * What a variable, property or element holds here, for rules: nothing runs, nothing counts as
   * read, and the rounds do not change (a rule's question never makes the analysis run again).
   */
  private peekValue(node: PhpNode): AbstractValue | undefined {
    const target = unwrapSilence(node);
    if (target.kind === 'offsetlookup') {
      const container = isNode(target.what) ? this.peekValue(target.what) : undefined;
      return container && elementOf(container);
    }
    if (target.kind === 'call') {
      const fn = this.resolveUserFunction(target, calledFunctionName(target));
      return fn ? (this.file.returnSummaries.get(fn.key) ?? UNKNOWN) : undefined;
    }
    if (target.kind === 'variable') {
      const name = variableName(target);
      if (!name || name === 'this' || this.scope.referenced.has(name)) return undefined;
      return this.state.read(name) ?? (this.scope.escaping.has(name) ? UNKNOWN : NULL_VALUE);
    }
    const key = target.kind === 'propertylookup' || target.kind === 'nullsafepropertylookup' || target.kind === 'staticlookup' ? this.memberKey(target) : undefined;
    return key ? (this.state.read(key) ?? this.memberSummary(key)) : undefined;
  }

  private readStatic(node: NodeOf<'staticlookup'>): AbstractValue {
    if (isNode(node.offset) && node.offset.kind === 'identifier') {
      const cls = this.classOf(node.what);
      const name = String(node.offset.name);
      if (name.toLowerCase() === 'class') return cls ? constant(cls) : UNKNOWN;
      return cls ? this.classConstant(cls, name) : UNKNOWN;
    }
    const key = this.memberKey(node);
    return key ? this.readMember(key) : UNKNOWN;
  }

  /** `$a[k]`: reading an element makes its reader answer for what the array held unchecked. */
  private readOffset(node: NodeOf<'offsetlookup'>): AbstractValue {
    const container = this.evaluate(node.what, 'use');
    this.evaluate(node.offset, 'use');
    this.forgetElements(node.what);
    return elementOf(container);
  }

  /** The array in a variable or property no longer holds unchecked results: a reader took them. */
  private forgetElements(base: unknown): void {
    if (!isNode(base)) return;
    const target = unwrapSilence(base);
    const key = target.kind === 'variable' ? variableName(target) : this.memberKey(target);
    const current = key && !this.scope.referenced.has(key) ? this.state.read(key) : undefined;
    if (current?.elements?.size) {
      for (const id of current.elements) this.markRead(id);
      this.state.write(key!, withoutElements(current));
    }
  }

  private evaluateArray(node: NodeOf<'array'>): AbstractValue {
    let sockets = new Map<string, SocketSite>();
    let unknown = false;
    const elements = new Set<number>();
    for (const item of node.items ?? []) {
      if (!isNode(item)) continue;
      const valueNode = item.kind === 'entry' ? item.value : item;
      if (item.kind === 'entry' && isNode(item.key)) this.evaluate(item.key, 'use');
      const value = this.storeFrom(valueNode);
      for (const id of uncheckedIn(value)) elements.add(id);
      sockets = new Map([...sockets, ...value.sockets]);
      unknown ||= value.unknown || value.sockets.size === 0;
    }
    return withElements({ ...UNKNOWN, sockets, unknown: unknown || sockets.size === 0 }, elements);
  }

  /** Stored in an array: the array now may hold these sockets; the check is the reader's. */
  private storeElement(base: PhpNode, value: AbstractValue): void {
    if (base.kind !== 'variable' && base.kind !== 'propertylookup' && base.kind !== 'staticlookup') return;
    const container = base.kind === 'variable' ? (this.state.read(variableName(base) ?? '') ?? NULL_VALUE) : this.readProperty(base);
    const stored = { ...joinValues(withoutPending(container), { ...UNKNOWN, sockets: value.sockets }), unknown: true };
    this.assignTo(base, withElements(stored, uncheckedIn(value)));
  }

  /** `array_push($all, $c)` stores as `$all[] = $c` does: `$c` still answers for its own check. */
  private appendToArray(node: NodeOf<'call'>): AbstractValue {
    const [array, ...values] = node.arguments ?? [];
    for (const value of values) {
      const stored = this.storeFrom(value);
      if (isNode(array)) this.storeElement(array, stored);
    }
    return UNKNOWN;
  }

  /**
   * Evaluates a value being stored in an array (`[$s]`, `$clients[] = $c`): storing is not
   * checking, so a variable read for it keeps its unchecked results.
   */
  private storeFrom(node: unknown): AbstractValue {
    const value = this.evaluate(node, 'keep');
    const name = isNode(node) ? variableName(unwrapSilence(node)) : undefined;
    if (name && value.pending.size > 0 && !this.scope.referenced.has(name)) this.state.write(name, value);
    return value;
  }

  private evaluateClosure(node: NodeOf<'closure'>): AbstractValue {
    const initial = new Map<string, AbstractValue>();
    const escaping: string[] = [];
    for (const use of node.uses ?? []) {
      const name = variableName(use);
      if (!name) continue;
      initial.set(name, withoutPending(this.readVariable(use)));
      if (use.byref) escaping.push(name);
    }
    for (const param of node.arguments ?? []) {
      const name = typeof param.name === 'string' ? param.name : param.name?.name;
      if (typeof name === 'string') initial.set(name, UNKNOWN);
      if (param.byref && typeof name === 'string') escaping.push(name);
    }
    if (isNode(node.body)) this.analyzeScope(node, node.body.children ?? [], this.scope.className, escaping, initial);
    for (const use of node.uses ?? []) if (use.byref) this.assignTo(use, UNKNOWN);
    return UNKNOWN;
  }

  private evaluateMatch(node: NodeOf<'match'>, usage: Usage): AbstractValue {
    this.evaluate(node.cond, 'check');
    const entry = this.state.clone();
    const outcomes: FlowState[] = [];
    let result: AbstractValue | undefined;
    // Arms are tried in order: an arm's body runs after every earlier condition was tested.
    let tested = entry;
    for (const arm of node.arms ?? []) {
      this.state = tested.clone();
      for (const condition of arm.conds ?? []) this.evaluate(condition, 'check');
      tested = this.state.clone();
      const value = this.underCondition(node.cond, () =>
        this.underCondition((arm.conds ?? [])[0], () => this.evaluate(arm.body, usage === 'check' ? 'check' : 'keep')),
      );
      result = result ? joinValues(result, value) : value;
      outcomes.push(this.state);
    }
    this.state = FlowState.join(outcomes.length > 0 ? outcomes : [entry]);
    return result ?? UNKNOWN;
  }

  private evaluateTernary(node: NodeOf<'retif'>, usage: Usage): AbstractValue {
    const branchUsage: Usage = usage === 'drop' ? 'drop' : usage === 'check' ? 'check' : 'keep';
    if (isNode(node.test)) this.noteCondition(node.test);
    const decided = this.decidedTruth(node.test);
    let test = UNKNOWN;
    let elseState: FlowState;
    if (isNode(node.trueExpr)) {
      const split = this.branchOn(node.test);
      this.state = split.whenTrue;
      elseState = split.whenFalse;
    } else {
      test = this.evaluate(node.test, 'check');
      elseState = this.state.clone();
    }
    return this.underCondition(node.test, () => this.ternaryBranches(node, branchUsage, decided, test, elseState));
  }

  private ternaryBranches(node: NodeOf<'retif'>, branchUsage: Usage, decided: boolean | undefined, test: AbstractValue, elseState: FlowState): AbstractValue {
    // `$a ?: $b` yields the tested (so checked) value itself on the true side.
    const whenTrue = isNode(node.trueExpr) ? this.evaluate(node.trueExpr, branchUsage) : withoutPending(test);
    const thenState = this.state;
    this.state = elseState;
    const whenFalse = this.evaluate(node.falseExpr, branchUsage);
    if (decided === true) {
      this.state = thenState;
      return whenTrue;
    }
    if (decided === false) return whenFalse;
    this.state = FlowState.join([thenState, this.state]);
    return joinValues(whenTrue, whenFalse);
  }

  private evaluateBinary(node: NodeOf<'bin'>, usage: Usage): AbstractValue {
    const type = String(node.type);
    if (COMPARISONS.has(type)) return this.evaluateComparison(node, type);
    if (type === 'instanceof') {
      this.evaluate(node.left, 'check');
      return UNKNOWN;
    }
    if (LOGICAL_OPERATORS.has(type)) return this.evaluateShortCircuit(node, usage);
    if (type === 'xor') {
      this.evaluate(node.left, 'check');
      this.evaluate(node.right, 'check');
      return UNKNOWN;
    }
    if (type === '??') {
      const left = this.evaluate(node.left, 'keep');
      const afterLeft = this.state.clone();
      const right = this.evaluate(node.right, usage === 'drop' ? 'drop' : 'keep');
      this.state = FlowState.join([afterLeft, this.state]);
      return joinValues(left, right);
    }
    const left = type === '.' ? this.printed(node.left) : this.evaluate(node.left, 'use');
    const right = type === '.' ? this.printed(node.right) : this.evaluate(node.right, 'use');
    if (ARITHMETIC.has(type)) {
      const a = knownConstant(left);
      const b = knownConstant(right);
      if (a !== undefined && b !== undefined) {
        const folded = foldBinary(type, a, b);
        if (folded !== undefined) return constant(folded);
      }
    }
    return UNKNOWN;
  }

  /**
   * A comparison checks its operands, unless it is a C-style test against a negative number
   * that PHP's rules make blind to `false` (`$n < 0`): then the value stays unchecked.
   */
  private evaluateComparison(node: NodeOf<'bin'>, op: string): AbstractValue {
    const rightSentinel = this.staticInteger(node.right);
    const leftSentinel = rightSentinel === undefined ? this.staticInteger(node.left) : undefined;
    const subjectOnLeft = rightSentinel !== undefined;
    const sentinel = rightSentinel ?? leftSentinel;
    const blindness = sentinel === undefined ? undefined : falseBlindness(op, sentinel, subjectOnLeft);
    if (!blindness) {
      this.evaluate(node.left, 'check');
      this.evaluate(node.right, 'check');
      for (const listener of this.events.comparison) listener({ node, op, scope: this.analysisScope });
      return UNKNOWN;
    }
    const subject = (subjectOnLeft ? node.left : node.right) as PhpNode;
    const outerJournal = this.readJournal;
    const firstRead = (this.readJournal = new Set<number>());
    const value = this.evaluate(subject, 'keep');
    this.readJournal = outerJournal;
    // A blind comparison is no look at the value: it does not make the value "read".
    for (const id of firstRead) {
      this.readResults.delete(id);
      outerJournal?.delete(id);
    }
    this.evaluate(subjectOnLeft ? node.right : node.left, 'check');
    if (value.pending.size > 0) {
      const blind = { subject, kind: blindness, callIds: value.pending };
      for (const listener of this.events.comparison) listener({ node, op, blind, scope: this.analysisScope });
      this.keepUnchecked(subject, value);
    }
    return UNKNOWN;
  }

  /** After a blind comparison the compared value is as unchecked as before. */
  private keepUnchecked(subject: PhpNode, value: AbstractValue): void {
    const target = unwrapSilence(subject);
    if (target.kind === 'assign') return; // the assignment kept the unchecked value already
    const key = target.kind === 'variable' ? variableName(target) : this.memberKey(target);
    if (key) {
      const current = this.state.read(key) ?? NULL_VALUE;
      this.state.write(key, { ...current, pending: unionIds(current.pending, value.pending) });
    } else {
      for (const id of value.pending) this.reportUnchecked(id, 'dropped', undefined);
    }
  }

  /** An integer known without running anything: `-1`, `0`, a constant. */
  private staticInteger(node: unknown): number | undefined {
    if (!isNode(node)) return undefined;
    if (node.kind === 'number') return parsePhpNumber(String(node.value));
    if (node.kind === 'unary' && node.type === '-' && isNode(node.what) && node.what.kind === 'number') {
      const n = parsePhpNumber(String(node.what.value));
      return n === undefined ? undefined : -n;
    }
    if (node.kind === 'name') {
      const known = knownConstant(this.readConstant(node));
      return typeof known === 'number' ? known : undefined;
    }
    return undefined;
  }

  /**
   * A value made into text (`echo`, `"… $r"`, `.`) is used, except a variable known to be the
   * failure here (`if ($r === false) { echo "failed ($r)"; }`, the PHP manual's idiom): it prints
   * as '' and is part of reporting the failure. It counts as looked at, and stays unchecked for
   * what comes after, where a branch that does not leave lets it through.
   */
  private printed(expression: unknown): AbstractValue {
    const target = isNode(expression) ? unwrapSilence(expression) : undefined;
    const value = target && PLAIN_REFERENCES.has(target.kind) ? this.peekValue(target) : undefined;
    if (value && value.pending.size > 0 && knownConstant(value) === false) {
      this.markAllRead(value.pending);
      return value;
    }
    return this.evaluate(expression, 'use');
  }

  /** A condition is about to be tested: rules that read whole conditions hear of it (events.ts). */
  private noteCondition(node: PhpNode): void {
    for (const listener of this.events.condition) listener({ node, scope: this.analysisScope });
  }

  /** `a && b`, `a or die()`: the right side runs on some paths only. */
  private evaluateShortCircuit(node: NodeOf<'bin'>, usage: Usage): AbstractValue {
    this.noteCondition(node);
    this.evaluate(node.left, 'check');
    const skipped = this.state.clone();
    this.evaluate(node.right, usage === 'drop' ? 'drop' : 'check');
    this.state = FlowState.join([skipped, this.state]);
    return UNKNOWN;
  }

  private evaluateUnary(node: NodeOf<'unary'>): AbstractValue {
    const type = String(node.type);
    if (type === '!') {
      this.evaluate(node.what, 'check');
      return UNKNOWN;
    }
    const operand = this.evaluate(node.what, 'use');
    const known = knownConstant(operand);
    const folded = known === undefined ? undefined : foldUnary(type, known);
    return folded === undefined ? UNKNOWN : constant(folded);
  }

  private evaluateCast(node: NodeOf<'cast'>): AbstractValue {
    const type = String(node.type);
    if (type === 'bool' || type === 'boolean') {
      this.evaluate(node.expr, 'check');
      return UNKNOWN;
    }
    if (type === 'int' && this.isHandleId(node.expr)) return UNKNOWN;
    const operand = this.evaluate(node.expr, 'use');
    const known = knownConstant(operand);
    if (type === 'int' && typeof known === 'number') return constant(Math.trunc(known));
    return UNKNOWN;
  }

  // ---- assignment ---------------------------------------------------------------------------

  private evaluateAssign(node: NodeOf<'assign'>, usage: Usage): AbstractValue {
    const operator = String(node.operator);
    if (operator === '=' && this.assignPositionally(node)) return UNKNOWN;
    if (operator === '=') {
      const value = isNode(node.left) && node.left.kind === 'offsetlookup' ? this.storeFrom(node.right) : this.evaluate(node.right, 'keep');
      // `if (($c = socket_accept($s)) === false)`: the assigned value is checked right here.
      this.assignTo(node.left, usage === 'check' ? withoutPending(value) : value);
      return value;
    }
    if (operator === '??=') {
      const current = this.evaluate(node.left, 'keep');
      const value = this.evaluate(node.right, 'keep');
      this.assignTo(node.left, joinValues(withoutPending(current), value));
      return value;
    }
    const current = this.evaluate(node.left, 'use');
    const operand = this.evaluate(node.right, 'use');
    const a = knownConstant(current);
    const b = knownConstant(operand);
    const folded = a !== undefined && b !== undefined ? foldBinary(operator.slice(0, -1), a, b) : undefined;
    const value = folded === undefined ? UNKNOWN : constant(folded);
    this.assignTo(node.left, value);
    return value;
  }

  /** `[$tcp, $udp] = [socket_create(…), socket_create(…)]`: each target gets its own element. */
  private assignPositionally(node: NodeOf<'assign'>): boolean {
    const { left, right } = node;
    if ((left.kind !== 'list' && left.kind !== 'array') || right.kind !== 'array') return false;
    const targets: unknown[] = left.items;
    const sources: unknown[] = right.items;
    const plain = (items: unknown[]) => items.every((item) => !isNode(item) || item.kind !== 'entry' || (!isNode(item.key) && !item.byRef && !item.unpack));
    if (!plain(targets) || !plain(sources) || targets.length > sources.length) return false;
    const values = sources.map((item: unknown) => this.evaluate(isNode(item) && item.kind === 'entry' ? item.value : item, 'keep'));
    targets.forEach((item: unknown, index: number) => {
      const target = isNode(item) && item.kind === 'entry' ? item.value : item;
      if (isNode(target)) this.assignTo(target, values[index]!);
    });
    return true;
  }

  /**
   * `$a = &$b`: the two names are one variable from now on. The model does not follow aliases
   * of variables, so both are unknown for the rest of the scope rather than wrongly separate.
   */
  private evaluateReference(node: NodeOf<'assignref'>): AbstractValue {
    this.evaluate(node.right, 'keep');
    for (const side of [node.left, node.right]) {
      const name = isNode(side) ? variableName(side) : undefined;
      if (name) this.scope.referenced.add(name);
    }
    if (isNode(node.left)) this.assignTo(node.left, UNKNOWN);
    return UNKNOWN;
  }

  /** Stores a value in a variable, a `$this` property, an array element or a list of targets. */
  private assignTo(target: PhpNode, value: AbstractValue): void {
    switch (target.kind) {
      case 'variable': {
        const name = variableName(target);
        if (!name) {
          this.evaluate(target.name, 'use');
          return;
        }
        if (this.scope.referenced.has(name)) {
          this.state.write(name, UNKNOWN);
          return;
        }
        // Overwritten before any check: also the same call's result from the previous loop pass,
        // unless some path reads it later (a retry loop tests the last pass's result after it).
        const previous = this.state.read(name);
        if (previous) this.overwritten.addAll(previous.pending);
        this.state.write(name, value);
        this.noteHeld(name, value);
        return;
      }
      case 'propertylookup':
      case 'nullsafepropertylookup':
      case 'staticlookup': {
        const key = this.memberKey(target);
        if (!key) {
          this.evaluate(target.what, 'use');
          return;
        }
        this.state.write(key, value);
        const summary = this.propertySummaries.get(key);
        this.propertySummaries.set(key, summary ? joinValues(summary, withoutPending(value)) : withoutPending(value));
        return;
      }
      case 'offsetlookup': {
        if (isNode(target.offset)) this.evaluate(target.offset, 'use');
        if (isNode(target.what)) this.storeElement(target.what, value);
        return;
      }
      case 'list':
      case 'array':
        for (const item of target.items ?? []) {
          const element = isNode(item) && item.kind === 'entry' ? item.value : item;
          if (isNode(element)) this.assignTo(element, elementOf(value));
        }
        return;
      default:
        this.evaluate(target, 'use');
    }
  }

  // ---- calls --------------------------------------------------------------------------------

  private evaluateCall(node: NodeOf<'call'>, usage: Usage): AbstractValue {
    // `socket_write(...)` makes a Closure: nothing is called.
    if ((node.arguments ?? []).some((arg: unknown) => isNode(arg) && arg.kind === 'variadicplaceholder')) return UNKNOWN;
    const name = calledFunctionName(node);
    for (const listener of this.events.call) listener({ node, name, usage, scope: this.analysisScope });
    const fn = name ? (this.isShadowed(node, name) ? undefined : apiFunction(name)) : this.functionNamedBy(node.what);
    if (fn) return this.evaluateSocketCall(node, fn);
    if (name && TEST_FUNCTIONS.has(name)) return this.evaluateTestCall(node);
    const userFunction = this.resolveUserFunction(node, name);
    if (userFunction) {
      this.passArguments(node, userFunction);
      const facts = this.file.factsOf(userFunction);
      if (usage === 'drop' && facts.mayLeave) this.failureBranchMayEnd();
      this.enterOtherCode(node, facts.thisProperties);
      this.readSummaries = true;
      const returned = this.file.returnSummaries.get(userFunction.key) ?? UNKNOWN;
      this.returnedResults.addAll(returned.pending);
      return returned;
    }
    if (name && VARIABLE_READING_FUNCTIONS.has(name)) this.scope.readsVariablesByName = true;
    if (name && APPENDING_FUNCTIONS.has(name) && (node.arguments ?? []).every(isPositionalArgument)) return this.appendToArray(node);
    if (name && name in INTERNAL_PARAMS) {
      this.passToInternal(node, INTERNAL_PARAMS[name]!, INTERNALS_THAT_ANSWER.has(name));
      return name === 'define' ? constant(true) : UNKNOWN;
    }
    if (!name && isNode(node.what)) this.evaluateCallee(node.what);
    // A function of another file: the value is its responsibility now.
    for (const arg of node.arguments ?? []) this.handOver(this.evaluate(isNode(arg) && arg.kind === 'namedargument' ? arg.value : arg, 'keep'));
    this.enterOtherCode(node);
    if (usage === 'drop') this.failureBranchMayEnd();
    return UNKNOWN;
  }

  /**
   * `if ($s === false) { $this->fatalError('…'); }`: a call as a statement inside the test of a
   * value may never return (it throws, or exits): the false case may end there, so the value is
   * not held against the code after the branch. A call known to return (PHP's own, a function of
   * this file with no throw or exit) does not end it: `if ($s === false) { echo …; }` does not.
   */
  private failureBranchMayEnd(): void {
    if (this.conditions.length === 0) return;
    const tested = new Set<string>();
    for (const condition of this.conditions) variablesIn(condition, tested);
    for (const name of tested) {
      const value = this.state.read(name);
      if (!value || this.scope.referenced.has(name)) continue;
      if (value.pending.some((id) => this.falseTested.has(id))) {
        this.markAllRead(value.pending);
        this.state.write(name, withoutPending(value));
      }
      // The output of a failed socket_create_pair() in the condition: the failure may end here too.
      const failedOutputs = value.elements && [...value.elements].filter((id) => this.falseTested.has(id));
      if (failedOutputs?.length) this.state.write(name, withoutElementIds(this.state.read(name)!, failedOutputs));
    }
  }

  /**
   * Code the model does not follow runs here: it may bind any socket it can reach (a global, a
   * property), and a method of this object may check the object's properties
   * (`$this->assertSocket()`), so neither is held against the code that follows.
   */
  private enterOtherCode(call: NodeOf<'call'>, reached: ReadonlySet<string> | 'any' = 'any'): void {
    this.state.forgetBinds();
    const what = call.what;
    const onThisObject =
      isNode(what) &&
      ((what.kind === 'propertylookup' && isNode(what.what) && variableName(what.what) === 'this') ||
        (what.kind === 'staticlookup' && isNode(what.what) && ['selfreference', 'staticreference', 'parentreference'].includes(what.what.kind)));
    if (!onThisObject) return;
    // A method of this file checks only the properties its body names (`$this->start_time()`
    // that sets `$this->t` cannot have checked `$this->socket`).
    for (const [key, value] of [...this.state.memberEntries]) {
      const arrow = key.indexOf('->');
      if (arrow < 0 || value.pending.size === 0) continue;
      if (reached !== 'any' && !reached.has(key.slice(arrow + 2))) continue;
      this.state.write(key, withoutPending(value));
    }
  }

  /** An unqualified `socket_read()` is not PHP's when the file declares one (a namespace's own wrapper). */
  private isShadowed(node: NodeOf<'call'>, name: string): boolean {
    // Imports were resolved with the names (`use function Safe\socket_read;` is no ext/sockets call).
    return isNode(node.what) && !(node.what.kind === 'name' && node.what.resolution === 'fqn') && this.declarations.functions.has(name);
  }

  /** Sockets handed to other code may be bound there. */
  private handOver(value: AbstractValue): void {
    for (const key of value.sockets.keys()) this.state.setBind(key, 'bound');
  }

  /**
   * `$open = $persistent ? 'pfsockopen' : 'fsockopen'; $open(…)`: a callee variable whose every
   * value names a function of the tables, all with the same parameters and effects, calls that
   * function (the first name stands for them all).
   */
  private functionNamedBy(what: PhpNode): SocketFunction | undefined {
    const key = variableName(what);
    const value = key && !this.scope.referenced.has(key) ? this.state.read(key) : undefined;
    if (!value || value.unknown || value.sockets.size > 0 || value.consts.length === 0) return undefined;
    const named = value.consts.map((name) => (typeof name === 'string' ? apiFunction(normalizeName(name)) : undefined));
    const shape = (fn: SocketFunction | undefined) => (fn ? JSON.stringify([fn.params, fn.effects]) : undefined);
    const first = named[0];
    return first && named.every((fn) => shape(fn) === shape(first)) ? first : undefined;
  }

  private evaluateCallee(what: PhpNode): void {
    if (what.kind === 'propertylookup' || what.kind === 'nullsafepropertylookup') this.evaluate(what.what, 'use');
    else if (what.kind !== 'staticlookup' && what.kind !== 'name') this.evaluate(what, 'use');
  }

  private evaluateTestCall(node: NodeOf<'call'>): AbstractValue {
    (node.arguments ?? []).forEach((arg, index) => this.evaluate(arg, index === 0 ? 'check' : 'use'));
    return UNKNOWN;
  }

  /**
   * Arguments to a function of this file: by-reference ones come back unknown. A parameter the
   * body never tests, returns or hands on checks nothing: the caller's variable stays unchecked
   * for its later uses (passing it is a look, so it is not dropped either).
   */
  private passArguments(node: NodeOf<'call'>, fn: FunctionDeclaration): void {
    const params = fn.node.arguments ?? [];
    const { answering } = this.file.factsOf(fn);
    (node.arguments ?? []).forEach((arg: PhpNode, index: number) => {
      const value = isNode(arg) && arg.kind === 'namedargument' ? arg.value : arg;
      const param = params[index];
      const paramName = parameterName(param);
      if (param && !param.byref && !param.variadic && paramName && !answering.has(paramName) && this.peekVariable(value)) {
        const held = this.state.read(variableName(value)!)!;
        this.markAllRead(held.pending);
        this.handOver(held);
        return;
      }
      this.handOver(this.evaluate(value, 'keep'));
      if (param?.byref && isNode(value)) this.assignTo(value, UNKNOWN);
    });
  }

  /** PHP's own functions: `false` where a string or int is expected is a silent bug. */
  private passToInternal(node: NodeOf<'call'>, letters: string, answers: boolean): void {
    const args = ((node.arguments ?? []) as unknown[]).filter(isNode);
    args.forEach((arg, index) => {
      if (arg.kind === 'namedargument' || arg.kind === 'variadic') {
        this.evaluate(arg.kind === 'namedargument' ? arg.value : arg.what, 'keep');
        return;
      }
      const letter = letters[Math.min(index, letters.length - 1)] ?? 'f';
      if (letter === 'r') {
        this.assignTo(arg, UNKNOWN);
        return;
      }
      if (letter === 'f' && !answers && this.peekVariable(arg)) return;
      this.evaluate(arg, letter === 'f' ? 'keep' : 'use');
    });
  }

  /**
   * `(int) $conn` of a variable holding a socket or stream: its id, the key of a select loop's
   * arrays. A false casts to 0 without an error and stays in the variable for the uses that
   * matter; a count cast to int (no socket in it) still hides its failure, so that stays a use.
   */
  private isHandleId(operand: PhpNode): boolean {
    if (!this.peekVariable(operand)) return false;
    return (this.state.read(variableName(operand)!)?.sockets.size ?? 0) > 0;
  }

  /** A plain variable read without looking at it: whatever it held unchecked stays unchecked. */
  private peekVariable(arg: PhpNode): boolean {
    const name = variableName(arg);
    return name !== undefined && name !== 'this' && !this.scope.referenced.has(name) && this.state.read(name) !== undefined;
  }

  private resolveUserFunction(node: NodeOf<'call'>, name: string | undefined): FunctionDeclaration | undefined {
    if (name) return this.declarations.functions.get(name);
    const what = node.what;
    const offset = isNode(what) && 'offset' in what ? what.offset : undefined;
    if (!isNode(what) || !isNode(offset) || offset.kind !== 'identifier') return undefined;
    const method = normalizeName(String(offset.name));
    if (what.kind === 'staticlookup') {
      const cls = this.classOf(what.what);
      return cls ? this.findMethod(cls, method) : undefined;
    }
    if ('what' in what && isNode(what.what) && variableName(what.what) === 'this' && this.scope.className) {
      return this.findMethod(this.scope.className, method);
    }
    // `$object->open()`: the object's class is not known, so neither is the method.
    return undefined;
  }

  private findMethod(className: string, method: string): FunctionDeclaration | undefined {
    for (let cls = this.declarations.classes.get(className), depth = 0; cls && depth < 16; cls = cls.parent ? this.declarations.classes.get(cls.parent) : undefined, depth++) {
      const found = cls.methods.get(method);
      if (found) return found;
    }
    return undefined;
  }

  /** `self`, `static`, `parent` or a class name of this file, lower-cased. */
  private classOf(node: unknown): string | undefined {
    if (!isNode(node)) return undefined;
    const current = this.scope.className;
    // `static::` is late-bound: a subclass (here or in another file) may override what it names.
    if (node.kind === 'staticreference') return undefined;
    if (node.kind === 'selfreference') return current;
    if (node.kind === 'parentreference') return current ? this.declarations.classes.get(current)?.parent : undefined;
    if (node.kind === 'name') {
      const raw = normalizeName(String(node.name));
      if (raw === 'static') return undefined;
      if (raw === 'self') return current;
      if (raw === 'parent') return current ? this.declarations.classes.get(current)?.parent : undefined;
      const short = raw.slice(raw.lastIndexOf('\\') + 1);
      return this.declarations.classes.has(short) ? short : undefined;
    }
    return undefined;
  }

  // ---- ext/sockets calls ----------------------------------------------------------------------

  private evaluateSocketCall(node: NodeOf<'call'>, fn: SocketFunction): AbstractValue {
    const id = this.file.callId(node);
    const effects = fn.effects;
    const args = new Map<string, ArgumentFact>();
    const outputs: [PhpNode, string][] = [];
    for (const param of fn.params) {
      const arg = argumentFor(node, fn, param.name);
      if (!arg) continue;
      if (param.byRef) {
        if (param.type.includes('array')) this.useElements(arg);
        outputs.push([arg, param.name]);
        continue;
      }
      args.set(param.name, { node: arg, value: this.evaluate(arg, 'use') });
    }
    // Unpacked or surplus arguments are still evaluated.
    for (const arg of (node.arguments ?? []) as unknown[]) {
      if (isNode(arg) && arg.kind === 'variadic') this.evaluate(arg.what, 'use');
    }
    const options = fn.stream?.createsContext ? args.get(fn.stream.createsContext.options) : undefined;
    if (options) this.addContextOptions(options.node, args);
    const socketArg = effects.socketParameter ? args.get(effects.socketParameter) : undefined;
    const socket = socketArg?.value;
    const neverBound = effects.onSuccess === 'listening' && socket !== undefined && this.isNeverBound(socket);
    this.recordCall(id, node, fn, args, neverBound, this.underKindGuard(socketArg?.node), socket?.states);
    if (socketArg && effects.onSuccess) this.enterState(socketArg, effects.onSuccess, id);
    const result = effects.creates && !effects.creates.into ? this.createdSockets(id, node, fn, effects.creates, args) : this.resultValue(id, fn);
    for (const [arg, paramName] of outputs) this.assignTo(arg, this.outputValue(id, fn, paramName, args, arg));
    return effects.failure === false ? orUncheckedFalse(result, id) : result;
  }

  /**
   * The context options of stream-effects.json spelled out in a literal options array
   * (`['socket' => ['backlog' => 100000]]`), as arguments named `socket.backlog`: folded like any
   * argument. Only side-effect-free values are evaluated again (the array itself already ran).
   */
  private addContextOptions(options: PhpNode, args: Map<string, ArgumentFact>): void {
    for (const [wrapper, names] of CONTEXT_OPTION_NAMES) {
      const wrapperOptions = literalEntry(options, wrapper);
      for (const name of names) {
        const value = wrapperOptions && literalEntry(wrapperOptions, name);
        if (value && !hasEffects(value)) args.set(`${wrapper}.${name}`, { node: value, value: this.evaluate(value, 'keep') });
      }
    }
  }

  /** What a call that makes no socket returns: a stream function's result keeps where it came from. */
  private resultValue(id: number, fn: SocketFunction): AbstractValue {
    return fn.api === 'streams' ? withOrigin(UNKNOWN, { callId: id, what: 'result' }) : UNKNOWN;
  }

  /** An array of sockets the call reads (socket_select()'s sets): a false in it is a TypeError. */
  private useElements(arg: PhpNode): void {
    const target = unwrapSilence(arg);
    const key = target.kind === 'variable' ? variableName(target) : this.memberKey(target);
    const current = key && !this.scope.referenced.has(key) ? this.state.read(key) : undefined;
    if (!current?.elements?.size) return;
    for (const id of current.elements) {
      this.markRead(id);
      this.reportUnchecked(id, 'used', rangeOf(arg));
    }
    this.state.write(key!, withoutElements(current));
  }

  /**
   * The socket argument is in a new state after the call (the analysis follows the path where
   * it succeeded; a failure is unchecked-false-return's business). Binding is followed per
   * socket; the other states stay with the value the variable or property holds.
   */
  private enterState(socketArg: ArgumentFact, state: SocketState, callId: number): void {
    if (state === 'bound' || state === 'connected') for (const key of socketArg.value.sockets.keys()) this.state.setBind(key, 'bound');
    const target = unwrapSilence(socketArg.node);
    const key = target.kind === 'variable' ? variableName(target) : this.memberKey(target);
    if (!key || this.scope.referenced.has(key)) return;
    const current = this.state.read(key);
    if (current) this.state.write(key, withState(current, state, callId));
  }

  private isNeverBound(socket: AbstractValue): boolean {
    if (socket.unknown || socket.sockets.size === 0) return false;
    return [...socket.sockets.keys()].every((key) => this.state.isUnbound(key));
  }

  private recordCall(
    id: number,
    node: NodeOf<'call'>,
    fn: SocketFunction,
    args: Map<string, ArgumentFact>,
    neverBound: boolean,
    kindGuarded: boolean,
    socketStates: AbstractValue['states'],
  ): void {
    const existing = this.calls.get(id);
    if (!existing) {
      this.calls.set(id, { node, fn, args, socketNeverBound: neverBound, kindGuarded, socketStates: new Map(socketStates) });
      return;
    }
    existing.socketNeverBound &&= neverBound;
    existing.kindGuarded &&= kindGuarded;
    // A state holds at the call when it held on every visit.
    for (const state of existing.socketStates.keys()) if (!socketStates?.has(state)) existing.socketStates.delete(state);
    for (const [name, fact] of args) {
      const known = existing.args.get(name);
      existing.args.set(name, known ? { node: known.node, value: joinValues(known.value, fact.value) } : fact);
    }
  }

  /** The sockets a call makes, of the type its effects entry says where to find. */
  private createdSockets(id: number, node: PhpNode, fn: SocketFunction, creates: CreatedSocket, args: Map<string, ArgumentFact>): AbstractValue {
    const made = { id, node, fn, creates, bind: creates.bound ? 'bound' : 'unbound', family: creates.family ? familyOf(args.get(creates.family.fromArgument)?.value) : 'unknown' } as const;
    const type = creates.type;
    if (typeof type === 'string') return this.site(made, type, undefined);
    if ('fromArgument' in type) {
      return this.newSockets(made, args.get(type.fromArgument), (c) => (typeof c === 'number' ? socketTypeOfValue(c) : undefined), 'unknown');
    }
    if ('fromAddress' in type) {
      const address = args.get(type.fromAddress);
      return this.newSockets(made, address, (c) => (typeof c === 'string' ? transportType(c) : undefined), leadingTypeOf(address?.node));
    }
    // An accepted socket has the listening socket's type (stream or seqpacket).
    const kinds = new Set([...(args.get(type.sameAsArgument)?.value.sockets.values() ?? [])].map((site) => site.type));
    const kind: SocketKind = kinds.size === 1 ? [...kinds][0]! : type.otherwise;
    return this.site(made, kind === 'unknown' ? type.otherwise : kind, undefined);
  }

  /** One socket per type the argument may give (a SOCK_* value, an address's transport). */
  private newSockets(made: MadeSocket, typeArg: ArgumentFact | undefined, typeOf: (value: Constant) => SocketKind | undefined, whenUnknown: SocketKind): AbstractValue {
    const kinds = new Set<SocketKind>();
    if (!typeArg || typeArg.value.unknown || typeArg.value.sockets.size > 0 || typeArg.value.consts.length === 0) kinds.add(whenUnknown);
    for (const c of typeArg?.value.consts ?? []) kinds.add(typeOf(c) ?? 'unknown');
    let result: AbstractValue | undefined;
    for (const kind of kinds) {
      const one = this.site(made, kind, typeArg?.node);
      result = result ? joinValues(result, one) : one;
    }
    return result ?? UNKNOWN;
  }

  private site(made: MadeSocket, type: SocketKind, typeArg: PhpNode | undefined): AbstractValue {
    const key = `${made.id}:${type}`;
    this.state.setBind(key, made.bind);
    const site: SocketSite = { key, call: made.node, fn: made.fn.name, api: made.fn.api, type, typeArg, family: made.family };
    return socketValue(made.creates.role ? { ...site, role: made.creates.role } : site);
  }

  /** What a by-reference parameter holds after the call. */
  private outputValue(id: number, fn: SocketFunction, paramName: string, args: Map<string, ArgumentFact>, arg: PhpNode): AbstractValue {
    const creates = fn.effects.creates;
    if (creates?.into === paramName) return this.createdSockets(this.file.callId(arg), arg, fn, creates, args);
    if (fn.effects.keepsSockets?.includes(paramName)) {
      // The arrays keep (some of) the sockets they held.
      const before = isNode(arg) && arg.kind === 'variable' ? this.state.read(variableName(arg) ?? '') : undefined;
      return before ? withoutPending(before) : UNKNOWN;
    }
    const meaning = outputMeaning(fn, paramName) ?? this.failureMarker(id, fn, paramName, arg);
    return meaning ? withOrigin(UNKNOWN, { callId: id, what: meaning }) : UNKNOWN;
  }

  /**
   * An output a failure leaves as it was, holding a known value before the call
   * (`$buf = null; @socket_recvfrom($u, $buf, …)`): testing it after the call tests the call.
   */
  private failureMarker(id: number, fn: SocketFunction, paramName: string, arg: PhpNode): string | undefined {
    if (!fn.effects.failureLeaves?.includes(paramName)) return undefined;
    const before = this.peekValue(arg);
    if (before && knownConstant(before) !== undefined) return FAILURE_MARKER;
    // The last visit decides: in a loop that does not reset it, the output holds the last datagram.
    this.checkedThroughOutputs.delete(id);
    return undefined;
  }

  // ---- constants ----------------------------------------------------------------------------

  private readConstant(node: NodeOf<'name'>): AbstractValue {
    const raw = String(node.name);
    const name = raw.slice(raw.lastIndexOf('\\') + 1);
    const lower = name.toLowerCase();
    if (lower === 'true' || lower === 'false') return constant(lower === 'true');
    if (lower === 'null') return NULL_VALUE;
    if (name === 'SOMAXCONN') return constant(SYSTEM_SOMAXCONN);
    const declared = this.declarations.constants.get(name);
    if (declared) return this.foldDeclared(`const:${name}`, declared, undefined);
    const builtin = apiConstant(name);
    return builtin === undefined ? UNKNOWN : constant(builtin);
  }

  private classConstant(className: string, name: string): AbstractValue {
    for (let cls: ClassDeclaration | undefined = this.declarations.classes.get(className), depth = 0; cls && depth < 16; cls = cls.parent ? this.declarations.classes.get(cls.parent) : undefined, depth++) {
      const expression = cls.constants.get(name);
      if (expression) return this.foldDeclared(`${cls.name}::${name}`, expression, cls.name);
    }
    return UNKNOWN;
  }

  private foldDeclared(key: string, expression: PhpNode, className: string | undefined): AbstractValue {
    if (this.constantsInProgress.has(key)) return UNKNOWN;
    this.constantsInProgress.add(key);
    try {
      return this.foldConstantExpression(expression, className);
    } finally {
      this.constantsInProgress.delete(key);
    }
  }

  /** Folds a constant initializer outside any flow (class constants, property defaults). */
  private foldConstantExpression(expression: PhpNode, className: string | undefined): AbstractValue {
    const savedState = this.state;
    const savedScope = this.scope;
    this.state = new FlowState();
    this.scope = newScope(className);
    try {
      return withoutPending(this.evaluate(expression, 'keep'));
    } finally {
      this.state = savedState;
      this.scope = savedScope;
    }
  }
}

/** The socket type of the transport an address spells out first, or unknown. */
function leadingTypeOf(address: PhpNode | undefined): SocketKind {
  const transport = leadingTransport(address);
  return transport === undefined ? 'unknown' : transportType(`${transport}://`);
}

/** Wrapper → option names of the context options the table describes (`socket` → `backlog`). */
const CONTEXT_OPTION_NAMES: ReadonlyMap<string, readonly string[]> = new Map([['socket', Object.keys(SOCKET_CONTEXT_OPTIONS)]]);
const EFFECT_KINDS = new Set(['call', 'new', 'assign', 'assignref', 'post', 'pre', 'include', 'eval', 'print', 'exit', 'throw', 'yield', 'yieldfrom', 'closure', 'arrowfunc']);

/** The value of `'key' => value` in an array literal, if it spells that key as a string. */
function literalEntry(array: PhpNode, key: string): PhpNode | undefined {
  if (array.kind !== 'array') return undefined;
  for (const item of array.items ?? []) {
    if (isNode(item) && item.kind === 'entry' && item.key?.kind === 'string' && item.key.value === key && isNode(item.value)) return item.value;
  }
  return undefined;
}

/** Whether evaluating it again could do anything (call, assign, print…). */
function hasEffects(node: PhpNode): boolean {
  return EFFECT_KINDS.has(node.kind) || childNodes(node).some(hasEffects);
}

/** A socket a call makes, before its type is known. */
interface MadeSocket {
  id: number;
  /** The call, or the output it makes its sockets into (`$pair` of socket_create_pair()). */
  node: PhpNode;
  fn: SocketFunction;
  creates: CreatedSocket;
  bind: 'bound' | 'unbound';
  family: SocketFamily;
}

/** A datagram socket and another kind together: an element or a property could be either. */
function mixesDatagramAndStream(value: AbstractValue): boolean {
  const kinds = [...value.sockets.values()].map((site) => site.type);
  return kinds.some((kind) => kind !== 'unknown' && isDatagramType(kind)) && kinds.some((kind) => kind === 'unknown' || !isDatagramType(kind));
}

/** An element of an array of sockets is one of those sockets, unless the array mixes kinds. */
/** What an element of an array may hold: its sockets, and the unchecked results stored in it. */
function elementOf(container: AbstractValue): AbstractValue {
  const element = container.sockets.size === 0 || mixesDatagramAndStream(container) ? UNKNOWN : { ...UNKNOWN, sockets: container.sockets, unknown: container.unknown };
  return container.elements && container.elements.size > 0 ? { ...element, pending: idSetOf(container.elements) } : element;
}

/** The address family a socket_create() domain argument gives, when it is one known value. */
function familyOf(domain: AbstractValue | undefined): SocketFamily {
  const value = domain ? knownConstant(domain) : undefined;
  if (value === SOCKET_CONSTANTS.get('AF_UNIX')) return 'unix';
  if (value === SOCKET_CONSTANTS.get('AF_INET') || value === SOCKET_CONSTANTS.get('AF_INET6')) return 'inet';
  return 'unknown';
}

/** Names of the plain variables an expression mentions. */
function variablesIn(node: unknown, found = new Set<string>()): Set<string> {
  if (!isNode(node)) return found;
  const name = variableName(node);
  if (name) found.add(name);
  for (const child of childNodes(node)) variablesIn(child, found);
  return found;
}

/** The unchecked results a value carries, its own and its elements'. */
/** The value without these unchecked results among its elements. */
function withoutElementIds(value: AbstractValue, ids: readonly number[]): AbstractValue {
  const kept = [...(value.elements ?? [])].filter((id) => !ids.includes(id));
  return withElements(withoutElements(value), kept.length > 0 ? new Set(kept) : undefined);
}

function uncheckedIn(value: AbstractValue): Set<number> {
  return new Set([...value.pending, ...(value.elements ?? [])]);
}

function parameterName(param: NodeOf<'parameter'> | undefined): string | undefined {
  const name = typeof param?.name === 'string' ? param.name : param?.name?.name;
  return typeof name === 'string' ? name : undefined;
}

function newScope(className: string | undefined): Scope {
  return { className, returns: [], escaping: new Set(), readsVariablesByName: false, referenced: new Set(), held: new Map() };
}

function propertyKey(className: string, property: string): string {
  return `${className}->${property}`;
}


export function analyzeProgram(program: NodeOf<'program'>, text: string, createListeners: ListenerFactory): AnalysisResult {
  return new FileAnalysis(program, text, collectDeclarations(program)).run(createListeners);
}
