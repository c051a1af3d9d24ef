// A control-flow graph per body (a function, a method, a closure, the file's top level), after
// ESLint's code-path analysis: blocks of straight-line steps joined by edges. A block that ends
// in a test forks into a `true` and a `false` edge; `&&`, `||`, `and`, `or` and `!` in a
// condition (or forming a whole statement, as in `$s = f() or die()`) are edges, not values;
// break N, continue N, return, throw and exit are edges to their targets; every block inside a
// `try` has an exception edge to its handlers, and `finally` runs on the normal and on the
// abrupt way out. The graph is syntax only: what a step does is the analysis's business.
import { isNode, unwrapSilence, type PhpNode, type NodeOf } from '../ast';

/**
 * What a step asks of the analysis:
 * - `statement`: a simple statement (an expression statement, echo, global, static, unset, …);
 * - `drop`, `check`, `use`: an expression evaluated for that purpose (`for` parts, case tests);
 * - `foreach-source`, `foreach-next`: a foreach evaluates its source once, then binds its key
 *   and value on each pass (the node is the foreach);
 * - `catch`: a catch clause binds its variable; `return`, `throw`: the statement itself.
 */
export type FlowStep =
  | StepOf<'statement' | 'drop' | 'check' | 'use', PhpNode>
  | StepOf<'foreach-source' | 'foreach-next', NodeOf<'foreach'>>
  | StepOf<'catch', NodeOf<'catch'>>
  | StepOf<'return', NodeOf<'return'>>
  | StepOf<'throw', NodeOf<'throw'>>;

export type StepRole = FlowStep['role'];

interface StepOf<Role extends string, Node extends PhpNode> {
  readonly role: Role;
  readonly node: Node;
  /** For statements: it sits in a block or file, not as the bare body of an `if`. */
  readonly inStatementList: boolean;
}

/** `true`/`false`: the block's test held or not; `exception`: thrown somewhere in the block. */
export type EdgeKind = 'normal' | 'true' | 'false' | 'exception';

export interface FlowEdge {
  /** Indexes the graph's edges (0 to edgeCount - 1), for solvers that keep a state per edge. */
  readonly id: number;
  readonly from: FlowBlock;
  readonly to: FlowBlock;
  readonly kind: EdgeKind;
}

export interface FlowBlock {
  readonly id: number;
  readonly steps: FlowStep[];
  /** The single test (never `&&`, `||` or `!`) the block ends with, when it forks. */
  test: PhpNode | undefined;
  /** The whole condition that test belongs to (`$a && $b` for the test `$b`). */
  condition: PhpNode | undefined;
  readonly successors: FlowEdge[];
  readonly predecessors: FlowEdge[];
  /** The conditions the block's code runs under, by nesting (outermost first). */
  readonly conditions: readonly PhpNode[];
}

export interface FlowGraph {
  readonly entry: FlowBlock;
  /** Where the body falls off its end; returns, throws and exits go to `exit` instead. */
  readonly end: FlowBlock;
  readonly exit: FlowBlock;
  readonly blocks: readonly FlowBlock[];
  readonly edgeCount: number;
}

const LOGICAL_AND = new Set(['&&', 'and']);
const LOGICAL_OR = new Set(['||', 'or']);

/** Where `break N` and `continue N` go, and how many `finally` blocks enclose the loop. */
interface JumpTargets {
  breakTo: FlowBlock;
  continueTo: FlowBlock;
  finallyDepth: number;
}

/** A `finally` being built: abrupt exits pass through its abrupt copy on their way out. */
interface FinallyContext {
  abruptEntry: FlowBlock;
  exits: Set<FlowBlock>;
}

function isShortCircuit(node: unknown): node is NodeOf<'bin'> {
  if (!isNode(node) || node.kind !== 'bin' || !isNode(node.left) || !isNode(node.right)) return false;
  const type = String(node.type);
  return LOGICAL_AND.has(type) || LOGICAL_OR.has(type);
}

export function buildFlowGraph(statements: readonly PhpNode[]): FlowGraph {
  return new GraphBuilder().build(statements);
}

class GraphBuilder {
  private readonly blocks: FlowBlock[] = [];
  /** The conditions around the code being built: replaced, never changed in place, so blocks share it. */
  private conditions: readonly PhpNode[] = [];
  private readonly jumpTargets: JumpTargets[] = [];
  private readonly finallies: FinallyContext[] = [];
  /** The catch entries (or abrupt finally) an exception in the current code goes to. */
  private exceptionTargets: readonly FlowBlock[] = [];
  /** Where code runs now; undefined after a jump, until the next block begins. */
  private current: FlowBlock | undefined;
  private readonly exit: FlowBlock;
  private edgeCount = 0;

  constructor() {
    this.exit = this.newBlock();
  }

  build(statements: readonly PhpNode[]): FlowGraph {
    const entry = this.newBlock();
    this.current = entry;
    this.statementList(statements);
    const end = this.newBlock();
    this.link(this.current, end);
    return { entry, end, exit: this.exit, blocks: this.blocks, edgeCount: this.edgeCount };
  }

  // ---- blocks and edges ---------------------------------------------------------------------

  private newBlock(underCondition?: PhpNode): FlowBlock {
    const conditions = underCondition ? [...this.conditions, underCondition] : this.conditions;
    const block: FlowBlock = { id: this.blocks.length, steps: [], test: undefined, condition: undefined, successors: [], predecessors: [], conditions };
    this.blocks.push(block);
    for (const handler of this.exceptionTargets) this.addEdge(block, handler, 'exception');
    return block;
  }

  private addEdge(from: FlowBlock, to: FlowBlock, kind: EdgeKind): void {
    const edge: FlowEdge = { id: this.edgeCount++, from, to, kind };
    from.successors.push(edge);
    to.predecessors.push(edge);
  }

  /** A normal edge from where code runs now (if it runs at all) to `to`. */
  private link(from: FlowBlock | undefined, to: FlowBlock): void {
    if (from) this.addEdge(from, to, 'normal');
  }

  /** The block to add steps to: unreachable code after a jump still gets one (no edges in). */
  private here(): FlowBlock {
    return (this.current ??= this.newBlock());
  }

  private step(step: FlowStep): void {
    this.here().steps.push(step);
  }

  private withCondition(test: PhpNode, build: () => void): void {
    const outer = this.conditions;
    this.conditions = [...outer, test];
    try {
      build();
    } finally {
      this.conditions = outer;
    }
  }

  // ---- conditions ---------------------------------------------------------------------------

  /** Forks the flow on a condition: its `&&`, `||` and `!` become edges between single tests. */
  private branch(test: PhpNode, whenTrue: FlowBlock, whenFalse: FlowBlock, root: PhpNode = test): void {
    if (test.kind === 'unary' && test.type === '!' && isNode(test.what)) return this.branch(test.what, whenFalse, whenTrue, root);
    if (isShortCircuit(test)) {
      const right = this.newBlock();
      if (LOGICAL_AND.has(test.type)) this.branch(test.left, right, whenFalse, root);
      else this.branch(test.left, whenTrue, right, root);
      this.current = right;
      return this.branch(test.right, whenTrue, whenFalse, root);
    }
    const block = this.here();
    block.test = test;
    block.condition = root;
    this.addEdge(block, whenTrue, 'true');
    this.addEdge(block, whenFalse, 'false');
    this.current = undefined;
  }

  // ---- statements ---------------------------------------------------------------------------

  private statementList(statements: readonly unknown[]): void {
    for (const statement of statements) if (isNode(statement)) this.statement(statement, true);
  }

  private statement(node: PhpNode, inStatementList = false): void {
    switch (node.kind) {
      case 'program':
      case 'namespace':
      case 'block':
      case 'declare':
        return this.statementList(node.children ?? []);
      case 'expressionstatement':
        return this.expressionStatement(node, inStatementList);
      case 'if':
        return this.ifStatement(node);
      case 'while':
        return this.whileLoop(node);
      case 'do':
        return this.doLoop(node);
      case 'for':
        return this.forLoop(node);
      case 'foreach':
        return this.foreachLoop(node);
      case 'switch':
        return this.switchStatement(node);
      case 'try':
        return this.tryStatement(node);
      case 'return':
        this.step({ role: 'return', node, inStatementList: false });
        return this.leave(this.exit, this.finallies.length > 0 ? 0 : undefined);
      case 'break':
      case 'continue':
        return this.jump(node);
      case 'throw':
        this.step({ role: 'throw', node, inStatementList: false });
        return this.throwFrom();
      default:
        this.step({ role: 'statement', node, inStatementList });
    }
  }

  private expressionStatement(node: NodeOf<'expressionstatement'>, inStatementList: boolean): void {
    if (isShortCircuit(node.expression)) return this.shortCircuit(node.expression);
    this.step({ role: 'statement', node, inStatementList });
    this.endIfLeaving(node.expression);
  }

  /**
   * `$c instanceof Socket && socket_close($c);`, `$s = f() or die();`: the right side runs as
   * a statement of its own on one edge of the left side's test.
   */
  private shortCircuit(expression: PhpNode): void {
    if (!isShortCircuit(expression)) {
      this.step({ role: 'drop', node: expression, inStatementList: false });
      return this.endIfLeaving(expression);
    }
    const right = this.newBlock(expression.left);
    const after = this.newBlock();
    if (LOGICAL_AND.has(String(expression.type))) this.branch(expression.left, right, after, expression);
    else this.branch(expression.left, after, right, expression);
    this.current = right;
    this.shortCircuit(expression.right);
    this.link(this.current, after);
    this.current = after;
  }

  /** `exit;`, `die("…")`, `throw` as an expression (PHP 8): nothing after it runs. */
  private endIfLeaving(expression: unknown): void {
    const inner = isNode(expression) ? unwrapSilence(expression) : undefined;
    if (inner?.kind === 'exit') this.leave(this.exit);
    else if (inner?.kind === 'throw') this.throwFrom();
  }

  private ifStatement(node: NodeOf<'if'>): void {
    const test = node.test;
    const body = this.newBlock(test);
    const alternate = isNode(node.alternate) ? this.newBlock(test) : undefined;
    const after = this.newBlock();
    this.branch(test, body, alternate ?? after);
    this.withCondition(test, () => {
      this.current = body;
      if (isNode(node.body)) this.statement(node.body);
      this.link(this.current, after);
      if (alternate) {
        this.current = alternate;
        if (node.alternate) this.statement(node.alternate);
        this.link(this.current, after);
      }
    });
    this.current = after;
  }

  private whileLoop(node: NodeOf<'while'>): void {
    const head = this.newBlock();
    this.link(this.current, head);
    const body = this.newBlock(node.test);
    const after = this.newBlock();
    this.current = head;
    this.branch(node.test, body, after);
    this.loopBody(node.body, body, { breakTo: after, continueTo: head }, node.test);
    this.link(this.current, head);
    this.current = after;
  }

  private doLoop(node: NodeOf<'do'>): void {
    const body = this.newBlock(node.test);
    this.link(this.current, body);
    const test = this.newBlock();
    const after = this.newBlock();
    this.loopBody(node.body, body, { breakTo: after, continueTo: test }, node.test);
    this.link(this.current, test);
    this.current = test;
    this.branch(node.test, body, after);
    this.current = after;
  }

  private forLoop(node: NodeOf<'for'>): void {
    for (const init of node.init ?? []) if (isNode(init)) this.step({ role: 'drop', node: init, inStatementList: false });
    const head = this.newBlock();
    this.link(this.current, head);
    this.current = head;
    // Every test runs; only the last one decides (`for ($i = 0, $n = f(); $i < $n; …)`).
    const tests = ((node.test ?? []) as unknown[]).filter(isNode);
    const last = tests.pop();
    for (const test of tests) this.step({ role: 'drop', node: test, inStatementList: false });
    const body = this.newBlock(last);
    const increments = this.newBlock();
    const after = this.newBlock();
    if (last) this.branch(last, body, after);
    else this.link(head, body);
    this.loopBody(node.body, body, { breakTo: after, continueTo: increments }, last);
    this.link(this.current, increments);
    this.current = increments;
    for (const increment of node.increment ?? []) if (isNode(increment)) this.step({ role: 'drop', node: increment, inStatementList: false });
    this.link(this.current, head);
    this.current = after;
  }

  private foreachLoop(node: NodeOf<'foreach'>): void {
    this.step({ role: 'foreach-source', node, inStatementList: false });
    const head = this.newBlock();
    this.link(this.current, head);
    const next = this.newBlock();
    const after = this.newBlock();
    // The loop may run no pass at all, or stop after any pass.
    this.link(head, next);
    this.link(head, after);
    next.steps.push({ role: 'foreach-next', node, inStatementList: false });
    this.loopBody(node.body, next, { breakTo: after, continueTo: head }, undefined);
    this.link(this.current, head);
    this.current = after;
  }

  private loopBody(body: unknown, start: FlowBlock, targets: Omit<JumpTargets, 'finallyDepth'>, test: PhpNode | undefined): void {
    this.jumpTargets.push({ ...targets, finallyDepth: this.finallies.length });
    this.current = start;
    const run = () => {
      if (isNode(body)) this.statement(body);
    };
    if (test) this.withCondition(test, run);
    else run();
    this.jumpTargets.pop();
  }

  /**
   * Case tests run in order until one matches; a body falls through into the next one; no
   * match goes to `default` (wherever it stands) or past the switch.
   */
  private switchStatement(node: NodeOf<'switch'>): void {
    this.step({ role: 'check', node: node.test, inStatementList: false });
    // php-parser's switch body holds only its cases.
    const cases = (node.body?.children ?? []).filter((child) => child.kind === 'case');
    const after = this.newBlock();
    const bodies = cases.map(() => this.newBlock(node.test));
    let defaultBody: FlowBlock | undefined;
    cases.forEach((caseNode, index) => {
      if (!isNode(caseNode.test)) {
        defaultBody = bodies[index];
        return;
      }
      this.step({ role: 'check', node: caseNode.test, inStatementList: false });
      const next = this.newBlock();
      this.link(this.current, bodies[index]!);
      this.link(this.current, next);
      this.current = next;
    });
    this.link(this.current, defaultBody ?? after);
    // `continue` inside a switch acts like `break`.
    this.jumpTargets.push({ breakTo: after, continueTo: after, finallyDepth: this.finallies.length });
    this.withCondition(node.test, () => {
      cases.forEach((caseNode, index) => {
        this.current = bodies[index];
        if (isNode(caseNode.body)) this.statement(caseNode.body);
        this.link(this.current, bodies[index + 1] ?? after);
      });
    });
    this.jumpTargets.pop();
    this.current = after;
  }

  private tryStatement(node: NodeOf<'try'>): void {
    const catches = node.catches ?? [];
    const outerTargets = this.exceptionTargets;
    const always = node.always;
    const hasFinally = isNode(always);
    const after = this.newBlock();
    const finallyNormal = hasFinally ? this.newBlock() : undefined;
    // The abrupt copy of `finally` may itself throw on: it keeps the outer handlers.
    const finallyAbrupt = hasFinally ? this.newBlock() : undefined;
    const context: FinallyContext | undefined = finallyAbrupt ? { abruptEntry: finallyAbrupt, exits: new Set() } : undefined;
    if (context) this.finallies.push(context);
    // An exception in a catch clause leaves through the abrupt `finally`, or goes further out.
    const catchTargets = finallyAbrupt ? [finallyAbrupt] : outerTargets;
    this.exceptionTargets = catchTargets;
    const catchEntries = catches.map(() => this.newBlock());
    this.exceptionTargets = catchEntries.length > 0 ? catchEntries : catchTargets;
    const body = this.newBlock();
    this.link(this.current, body);
    this.current = body;
    if (isNode(node.body)) this.statement(node.body);
    this.link(this.current, finallyNormal ?? after);
    this.exceptionTargets = catchTargets;
    catches.forEach((catchNode, index) => {
      this.current = catchEntries[index];
      this.step({ role: 'catch', node: catchNode, inStatementList: false });
      if (isNode(catchNode.body)) this.statement(catchNode.body);
      this.link(this.current, finallyNormal ?? after);
    });
    this.exceptionTargets = outerTargets;
    if (!context || !finallyNormal || !finallyAbrupt || !always) {
      this.current = after;
      return;
    }
    this.finallies.pop();
    this.current = finallyNormal;
    this.statement(always);
    this.link(this.current, after);
    this.current = finallyAbrupt;
    this.statement(always);
    // After an abrupt `finally`, the flow goes on where the jump or the exception was going.
    const end = this.current as FlowBlock | undefined;
    if (end) {
      for (const exit of context.exits) this.link(end, exit);
      // An exception goes on to the outer handlers (the block's own exception edges) or out.
      if (outerTargets.length === 0) this.link(end, this.exit);
    }
    this.current = after;
  }

  // ---- jumps --------------------------------------------------------------------------------

  private jump(node: NodeOf<'break' | 'continue'>): void {
    const level = node.level && 'value' in node.level ? Number.parseInt(String(node.level.value), 10) || 1 : 1;
    const targets = this.jumpTargets[this.jumpTargets.length - level];
    // `break 3` with two loops around it is a fatal error in PHP: nothing runs after it.
    if (!targets) {
      this.current = undefined;
      return;
    }
    this.leave(node.kind === 'break' ? targets.breakTo : targets.continueTo, targets.finallyDepth);
  }

  /**
   * Ends the current code with a jump to `target`. A jump out of a `try` with a `finally`
   * (enclosing finallies deeper than `finallyDepth`) runs that `finally` on its way. With
   * several finallies in between, the innermost one stands for them all.
   */
  private leave(target: FlowBlock, finallyDepth: number | undefined = this.finallies.length): void {
    const crossed = finallyDepth !== undefined && finallyDepth < this.finallies.length ? this.finallies[this.finallies.length - 1] : undefined;
    if (crossed) {
      crossed.exits.add(target);
      this.link(this.current, crossed.abruptEntry);
    } else {
      this.link(this.current, target);
    }
    this.current = undefined;
  }

  /** After a throw: inside a try, the block's exception edges already lead to the handlers. */
  private throwFrom(): void {
    if (this.exceptionTargets.length === 0) this.link(this.current, this.exit);
    this.current = undefined;
  }
}
