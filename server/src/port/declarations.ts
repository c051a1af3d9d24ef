// Where each variable of a scope is declared. PHP variables belong to the whole function; the
// port declares them where a reader expects: at their first assignment (`const server =
// socket_create(...)`), in a loop header (`for (const client of clients.values())`), or at the
// top of the function. A top declaration gets `!` when TypeScript could see a read before any
// assignment, which a small definite-assignment pass over the PHP finds (conservatively).
import { calledFunctionName, childNodes } from '../core/ast';
import { type LooseNode } from './loose-node';
import { socketFunction } from '../core/socket-api';
import { builtin } from './builtins';
import { isSynthetic } from './synthetic-nodes';
import { listTargets, SCOPE_KINDS, type FunctionInfo, type ProgramAnalysis, type VarInfo } from './analysis';

export interface DeclarationPlan {
  /** `$x = …;` statements (direct children of the body) that declare `$x`. */
  atAssignment: Map<LooseNode, VarInfo>;
  /** foreach/for statements whose header declares these variables. */
  inLoopHeader: Map<LooseNode, VarInfo[]>;
  /** Declared at the top of the body. */
  atTop: VarInfo[];
  /** Top declarations TypeScript may see read before assignment (`let x!: T`). */
  definitelyAssigned: Set<VarInfo>;
  /** Declared with `const`. */
  constant: Set<VarInfo>;
}

const LITERAL_KINDS = new Set(['number', 'string', 'boolean', 'nullkeyword', 'encapsed', 'nowdoc']);

function within(node: LooseNode, outer: LooseNode): boolean {
  return Boolean(node.loc && outer.loc && node.loc.start.offset >= outer.loc.start.offset && node.loc.end.offset <= outer.loc.end.offset);
}

/** A socket or built-in call whose by-reference outputs the port destructures from its result. */
function isCallWithOutputs(node: LooseNode): boolean {
  const name = node.kind === 'call' ? calledFunctionName(node) : undefined;
  return Boolean(name && (socketFunction(name)?.params.some((param) => param.byRef) || builtin(name)?.outputs));
}

/** Variables of the scope that its body declares (not parameters, module-level ones or $argv). */
function localVariables(scope: FunctionInfo, analysis: ProgramAnalysis): VarInfo[] {
  return [...scope.vars.values()].filter((info) => {
    if (info.isParam || info.moduleLevel || info.refs.length === 0) return false;
    const runtimeArgv = scope === analysis.main && (info.php === 'argv' || info.php === 'argc') && info.writes === 0;
    return !runtimeArgv;
  });
}

export function planDeclarations(scope: FunctionInfo, analysis: ProgramAnalysis): DeclarationPlan {
  const plan: DeclarationPlan = { atAssignment: new Map(), inLoopHeader: new Map(), atTop: [], definitelyAssigned: new Set(), constant: new Set() };
  const topLevel = new Set(scope.body);
  for (const info of localVariables(scope, analysis)) {
    const first = info.refs[0]!;
    const statement = scope.body.find((candidate) => candidate.kind === 'expressionstatement' && candidate.expression?.kind === 'assign' && candidate.expression.left === first);
    const assignNode = statement?.expression;
    if (statement && topLevel.has(statement) && assignNode.operator === '=' && !isCallWithOutputs(assignNode.right) && !info.refs.slice(1).some((ref) => within(ref, assignNode.right))) {
      plan.atAssignment.set(statement, info);
      if (info.writes === 1 && !LITERAL_KINDS.has(assignNode.right.kind)) plan.constant.add(info);
      continue;
    }
    const loop = loopDeclaring(scope, info);
    if (loop) {
      plan.inLoopHeader.set(loop, [...(plan.inLoopHeader.get(loop) ?? []), info]);
      continue;
    }
    plan.atTop.push(info);
  }
  // A loop header declares all of its variables or none (`for (let i = 0, n = …)`).
  for (const [loop, declared] of plan.inLoopHeader) {
    const all = loopVariables(loop, analysis);
    if (all.length !== declared.length || !all.every((info) => declared.includes(info))) {
      plan.inLoopHeader.delete(loop);
      plan.atTop.push(...declared);
    }
  }
  plan.definitelyAssigned = readBeforeAssignment(scope, analysis, new Set(plan.atTop));
  return plan;
}

/** The variables a foreach (key, value) or for (init assignments) assigns in its header. */
export function loopVariables(loop: LooseNode, analysis: ProgramAnalysis): VarInfo[] {
  const nodes: LooseNode[] = loop.kind === 'foreach' ? [loop.key, loop.value, ...listTargets(loop.value)].filter(Boolean) : (loop.init ?? []).map((init: LooseNode) => init.left);
  return [...new Set(nodes.map((node) => analysis.variableOf(node)).filter((info): info is VarInfo => Boolean(info)))];
}

/** A foreach whose key/value is only used inside it, or a for whose init assigns a variable used only inside it. */
function loopDeclaring(scope: FunctionInfo, info: VarInfo): LooseNode | undefined {
  let found: LooseNode | undefined;
  const visit = (node: LooseNode) => {
    if (found) return;
    const foreachTargets = node.kind === 'foreach' ? [node.key, node.value, ...listTargets(node.value)] : [];
    if (foreachTargets.includes(info.refs[0]) && info.writes === 1) found = node;
    if (node.kind === 'for') {
      const inits: LooseNode[] = node.init ?? [];
      const declares = inits.every((init) => init.kind === 'assign' && init.operator === '=' && init.left.kind === 'variable');
      if (declares && inits.some((init) => init.left === info.refs[0])) found = node;
    }
    if (!SCOPE_KINDS.has(node.kind)) childNodes(node).forEach(visit);
  };
  scope.body.forEach(visit);
  return found && info.refs.every((ref) => within(ref, found!)) ? found : undefined;
}

type Assigned = Set<VarInfo> | null;

function meet(a: Assigned, b: Assigned): Assigned {
  if (a === null) return b;
  if (b === null) return a;
  return new Set([...a].filter((info) => b.has(info)));
}

/**
 * The tracked variables some read may reach before an assignment, under TypeScript's rules
 * roughly: branches meet, loop bodies may not run, closures are not checked.
 */
function readBeforeAssignment(scope: FunctionInfo, analysis: ProgramAnalysis, tracked: Set<VarInfo>): Set<VarInfo> {
  const needs = new Set<VarInfo>();
  const infoOf = (node: LooseNode) => (node.kind === 'variable' ? analysis.variableOf(node) : undefined);
  const add = (assigned: Set<VarInfo>, node: LooseNode | null | undefined) => {
    const info = node ? infoOf(node) : undefined;
    return info ? new Set([...assigned, info]) : assigned;
  };
  const expression = (node: LooseNode | null | undefined, assigned: Set<VarInfo>): Set<VarInfo> => {
    if (!node) return assigned;
    switch (node.kind) {
      case 'variable': {
        const info = infoOf(node);
        if (info && tracked.has(info) && !assigned.has(info)) needs.add(info);
        return assigned;
      }
      case 'closure':
      case 'arrowfunc':
        return assigned;
      case 'silent':
        // `@expr` runs inside silenced(() => ...): TypeScript does not see its assignments.
        expression(node.expr, assigned);
        return assigned;
      case 'assign': {
        if (node.left.kind === 'variable') {
          if (node.operator !== '=') expression(node.left, assigned);
          return add(expression(node.right, assigned), node.left);
        }
        if (node.left.kind === 'list' || node.left.kind === 'array') {
          let after = expression(node.right, assigned);
          for (const item of node.left.items ?? []) after = add(after, item?.kind === 'entry' ? item.value : item);
          return after;
        }
        return expression(node.right, expression(node.left, assigned));
      }
      case 'call': {
        let after = assigned;
        const name = calledFunctionName(node);
        const fn = name ? socketFunction(name) : undefined;
        const builtinOutputs = name ? builtin(name)?.outputs : undefined;
        const outputs: LooseNode[] = [];
        (node.arguments ?? []).forEach((arg: LooseNode, index: number) => {
          const param = fn?.params[index];
          if ((param?.byRef && name !== 'socket_select') || builtinOutputs?.some((output) => output.index === index && !output.inOut)) outputs.push(arg);
          else after = expression(arg, after);
        });
        for (const output of outputs) after = add(after, output);
        return after;
      }
      case 'bin':
        if (['&&', '||', 'and', 'or', '??'].includes(String(node.type))) {
          const left = expression(node.left, assigned);
          expression(node.right, left);
          return left;
        }
        return expression(node.right, expression(node.left, assigned));
      case 'retif': {
        const test = expression(node.test, assigned);
        return meet(node.trueExpr ? expression(node.trueExpr, test) : test, expression(node.falseExpr, test)) ?? test;
      }
      default: {
        let after = assigned;
        for (const child of childNodes(node)) after = expression(child, after);
        return after;
      }
    }
  };
  const block = (statements: LooseNode[], assigned: Set<VarInfo>): Assigned => {
    let current: Assigned = assigned;
    for (const statement of statements) {
      if (current === null) return null;
      current = stmt(statement, current);
    }
    return current;
  };
  const body = (node: LooseNode | null | undefined, assigned: Set<VarInfo>): Assigned => {
    if (!node) return assigned;
    return node.kind === 'block' ? block(node.children ?? [], assigned) : stmt(node, assigned);
  };
  const stmt = (node: LooseNode, assigned: Set<VarInfo>): Assigned => {
    if (isSynthetic(node, 'included')) return block(node.children ?? [], assigned);
    switch (node.kind) {
      case 'function':
      case 'class':
      case 'global':
      case 'static':
        return assigned;
      case 'return':
      case 'throw':
        expression(node.expr ?? node.what, assigned);
        return null;
      case 'break':
      case 'continue':
        return null;
      case 'expressionstatement':
        if (node.expression?.kind === 'exit') {
          expression(node.expression, assigned);
          return null;
        }
        return expression(node.expression, assigned);
      case 'block':
        return block(node.children ?? [], assigned);
      case 'if': {
        const test = expression(node.test, assigned);
        return meet(body(node.body, test), node.alternate ? body(node.alternate, test) : test);
      }
      case 'while': {
        const test = expression(node.test, assigned);
        body(node.body, test);
        return test;
      }
      case 'do':
        body(node.body, assigned);
        return assigned;
      case 'for': {
        let current = assigned;
        for (const init of node.init ?? []) current = expression(init, current);
        for (const test of node.test ?? []) current = expression(test, current);
        const afterBody = body(node.body, current);
        for (const update of node.increment ?? []) expression(update, afterBody ?? current);
        return current;
      }
      case 'foreach': {
        const source = expression(node.source, assigned);
        const bound = [node.key, node.value, ...listTargets(node.value)].reduce((current: Set<VarInfo>, target: LooseNode | null) => add(current, target), source);
        body(node.body, bound);
        return source;
      }
      case 'switch': {
        const test = expression(node.test, assigned);
        for (const branch of (node.body?.children ?? []) as LooseNode[]) body(branch.body, expression(branch.test, test));
        return test;
      }
      case 'try': {
        let result = body(node.body, assigned);
        for (const handler of node.catches ?? []) result = meet(result, body(handler.body, add(assigned, handler.variable)));
        if (node.always) body(node.always, assigned);
        return result;
      }
      case 'unset': {
        let current = assigned;
        for (const target of node.variables ?? []) current = target.kind === 'variable' ? add(current, target) : expression(target, current);
        return current;
      }
      default:
        return expression(node, assigned);
    }
  };
  block(scope.body, new Set(scope.params.map((name) => scope.vars.get(name)!).filter(Boolean)));
  return needs;
}
