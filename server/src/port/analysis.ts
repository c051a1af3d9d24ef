// What the port knows about a PHP program before it writes TypeScript: its functions and
// closures, the variables of each scope with the types assigned to them, which functions must
// be async (they wait on sockets, sleep or stdin, or call a function that does), and which
// variables live at module level (`global`, `static`). Types are a fixed point over every
// assignment, so a variable's type covers every value the program stores in it.
import { calledFunctionName, childNodes, isLooseNode, normalizeName, type LooseNode } from '../core/ast';
import { socketFunction } from '../core/socket-api';
import { builtin } from './builtins';
import { arrayOf, elementOf, fromDeclared, INT, isOnly, kinds, MIXED, NEVER, NULL, sameType, STRING, union, type PhpType } from './php-types';
import { isAsyncRuntimeFunction } from './runtime/module';
import { socketCallOutputs } from './socket-calls';
import { typeOf, type TypeEnvironment } from './typing';

export interface VarInfo {
  php: string;
  /** The TypeScript name; set by naming.ts. */
  ts: string;
  type: PhpType;
  isParam: boolean;
  /** Declared at module level: a main-script variable a function reads with `global`, or a `static`. */
  moduleLevel: boolean;
  /** Assignments of the whole variable (more than one means `let`, not `const`). */
  writes: number;
  /** Changed in place: element writes, array_push(), unset($a[$k]). */
  mutated: boolean;
  /** Every `$name` node that refers to this variable, in source order. */
  refs: LooseNode[];
}

export interface FunctionInfo {
  /** Lowercased PHP name; '' for the main script, '{closure}' for closures. */
  key: string;
  php: string;
  /** The TypeScript name; set by naming.ts. */
  ts: string;
  node: LooseNode | undefined;
  parent: FunctionInfo | undefined;
  /** Statements of the body (for the main script: everything outside functions). */
  body: LooseNode[];
  vars: Map<string, VarInfo>;
  params: string[];
  /** Parameters PHP takes by reference (`&$buffer`): the port returns their final values too. */
  refParams: string[];
  /** Names a closure reads from its parent: its `use` list, or everything for `fn() =>`. */
  captures: Set<string> | 'all';
  globals: Set<string>;
  statics: Map<string, LooseNode | null>;
  isAsync: boolean;
  returnType: PhpType;
  returnsValue: boolean;
}

export interface ConstantInfo {
  php: string;
  value: LooseNode;
  type: PhpType;
}

export interface ProgramAnalysis {
  main: FunctionInfo;
  functions: Map<string, FunctionInfo>;
  closures: Map<LooseNode, FunctionInfo>;
  constants: Map<string, ConstantInfo>;
  /** The variable a `$name` node refers to. */
  variableOf(node: LooseNode): VarInfo | undefined;
  env: TypeEnvironment;
}

type Fact = () => void;

const FUNCTION_KINDS = new Set(['function', 'closure', 'arrowfunc']);

export function analyze(mainStatements: LooseNode[]): ProgramAnalysis {
  const main = newScope('', '', undefined, undefined, mainStatements);
  const functions = new Map<string, FunctionInfo>();
  const closures = new Map<LooseNode, FunctionInfo>();
  const constants = new Map<string, ConstantInfo>();
  const block: LooseNode = { kind: 'block', loc: null, children: mainStatements };
  collectDeclarations(block, main, functions, closures, constants);
  const scopes = [main, ...functions.values(), ...closures.values()];

  const variableScope = new Map<LooseNode, VarInfo>();
  const env: TypeEnvironment = {
    variableType: (node) => variableScope.get(node)?.type ?? NULL,
    functionReturnType: (name) => {
      const fn = functions.get(name);
      if (!fn) return undefined;
      return fn.returnsValue ? union(fn.returnType, fallsOffEnd(fn) ? NULL : NEVER) : NULL;
    },
    constantType: (name) => constants.get(name)?.type,
  };
  const analysis: ProgramAnalysis = { main, functions, closures, constants, variableOf: (node) => variableScope.get(node), env };

  const facts: Fact[] = [];
  // Parameters first: a call may come before the function it calls.
  for (const scope of scopes) collectParameters(scope, analysis, facts);
  for (const scope of scopes) collectScope(scope, analysis, facts, variableScope);
  runtimeArguments(main);
  inferTypes(analysis, scopes, facts);
  markAsync(analysis, scopes);
  return analysis;
}

/** $argv and $argc of the main script come from the runtime unless the program assigns them. */
function runtimeArguments(main: FunctionInfo): void {
  const argv = main.vars.get('argv');
  if (argv?.writes === 0) argv.type = arrayOf(STRING);
  const argc = main.vars.get('argc');
  if (argc?.writes === 0) argc.type = INT;
}

function newScope(key: string, php: string, node: LooseNode | undefined, parent: FunctionInfo | undefined, body: LooseNode[]): FunctionInfo {
  return {
    key,
    php,
    ts: php,
    node,
    parent,
    body,
    vars: new Map(),
    params: [],
    refParams: [],
    captures: new Set(),
    globals: new Set(),
    statics: new Map(),
    isAsync: false,
    returnType: NEVER,
    returnsValue: false,
  };
}

function functionBody(node: LooseNode): LooseNode[] {
  if (node.kind === 'arrowfunc') return [node.body];
  return node.body?.children ?? [];
}

/** Functions, closures and constants, wherever they are declared. */
function collectDeclarations(
  node: LooseNode,
  scope: FunctionInfo,
  functions: Map<string, FunctionInfo>,
  closures: Map<LooseNode, FunctionInfo>,
  constants: Map<string, ConstantInfo>,
): void {
  for (const child of childNodes(node)) {
    let inner = scope;
    if (child.kind === 'function') {
      const name = String(child.name?.name ?? child.name);
      inner = newScope(normalizeName(name), name, child, undefined, functionBody(child));
      if (!functions.has(inner.key)) functions.set(inner.key, inner);
    } else if (child.kind === 'closure' || child.kind === 'arrowfunc') {
      inner = newScope('{closure}', '', child, scope, functionBody(child));
      inner.captures = child.kind === 'arrowfunc' ? 'all' : new Set((child.uses ?? []).map((use: LooseNode) => String(use.name)));
      closures.set(child, inner);
    } else if (child.kind === 'constantstatement') {
      for (const constant of child.constants ?? []) {
        const name = String(constant.name?.name ?? constant.name);
        constants.set(name, { php: name, value: constant.value, type: MIXED });
      }
    } else if (child.kind === 'call' && calledFunctionName(child) === 'define') {
      const [nameArg, valueArg] = child.arguments ?? [];
      if (nameArg?.kind === 'string' && isLooseNode(valueArg)) constants.set(String(nameArg.value), { php: String(nameArg.value), value: valueArg, type: MIXED });
    }
    collectDeclarations(child, inner, functions, closures, constants);
  }
}

/** Visits a scope's own nodes: not the bodies of functions or closures declared inside it. */
export function walkOwn(statements: readonly LooseNode[], visit: (node: LooseNode) => void): void {
  const walk = (node: LooseNode) => {
    visit(node);
    if (!FUNCTION_KINDS.has(node.kind)) for (const child of childNodes(node)) walk(child);
  };
  statements.forEach(walk);
}

/** The scope whose variable `name` is, seen from `scope`: closures read captures from their parent. */
function ownerOf(scope: FunctionInfo, name: string, main: FunctionInfo): FunctionInfo {
  let current = scope;
  while (current.parent && !current.params.includes(name) && (current.captures === 'all' || current.captures.has(name))) current = current.parent;
  return current.globals.has(name) ? main : current;
}

function variable(scope: FunctionInfo, name: string): VarInfo {
  let info = scope.vars.get(name);
  if (!info) {
    info = { php: name, ts: name, type: NEVER, isParam: false, moduleLevel: false, writes: 0, mutated: false, refs: [] };
    scope.vars.set(name, info);
  }
  return info;
}

/** The variables of `[$a, 'k' => $b]` / `list($a, $b)` (a foreach value or an assignment target). */
export function listTargets(node: LooseNode | null | undefined): LooseNode[] {
  if (!node || (node.kind !== 'list' && node.kind !== 'array')) return [];
  return (node.items ?? [])
    .map((item: LooseNode | null) => (item?.kind === 'entry' ? item.value : item))
    .filter((target: LooseNode | null): target is LooseNode => target?.kind === 'variable');
}

/** The root variable of `$a[...][...]` and the number of offsets. */
export function offsetRoot(node: LooseNode): { root: LooseNode; depth: number } | undefined {
  let depth = 0;
  let current = node;
  while (current.kind === 'offsetlookup') {
    depth++;
    current = current.what;
  }
  return current.kind === 'variable' && typeof current.name === 'string' ? { root: current, depth } : undefined;
}

function nestArray(depth: number, value: PhpType): PhpType {
  let type = value;
  for (let i = 0; i < depth; i++) type = arrayOf(type);
  return type;
}

function declaredType(typeNode: LooseNode | null | undefined, nullable: boolean): PhpType | undefined {
  if (!typeNode) return undefined;
  return fromDeclared(`${nullable ? '?' : ''}${String(typeNode.name ?? typeNode.raw)}`);
}

/** A scope's parameters (with their declared types and defaults) and `global` names. */
function collectParameters(scope: FunctionInfo, analysis: ProgramAnalysis, facts: Fact[]): void {
  const { env } = analysis;
  walkOwn(scope.body, (node) => {
    if (node.kind === 'global') for (const item of node.items ?? []) scope.globals.add(String(item.name));
  });
  for (const param of scope.node?.arguments ?? []) {
    const name = String(param.name?.name ?? param.name);
    scope.params.push(name);
    if (param.byref) scope.refParams.push(name);
    const info = variable(scope, name);
    info.isParam = true;
    const declared = declaredType(param.type, Boolean(param.nullable));
    if (param.variadic) facts.push(() => (info.type = arrayOf(declared ?? MIXED)));
    else if (declared) facts.push(() => (info.type = union(info.type, declared)));
    else if (scope.key === '{closure}') info.type = MIXED;
    if (param.value) facts.push(() => (info.type = union(info.type, typeOf(param.value, env))));
  }
  const declaredReturn = declaredType(scope.node?.type, Boolean(scope.node?.nullable));
  if (declaredReturn) facts.push(() => (scope.returnType = union(scope.returnType, declaredReturn)));
}

/** Records the scope's variables and the facts that give them types. */
function collectScope(scope: FunctionInfo, analysis: ProgramAnalysis, facts: Fact[], variableScope: Map<LooseNode, VarInfo>): void {
  const { env, main } = analysis;
  const varOf = (name: string) => variable(ownerOf(scope, name, main), name);
  const assign = (name: string, type: () => PhpType, wholeVariable = true) => {
    const info = varOf(name);
    if (wholeVariable) info.writes++;
    facts.push(() => (info.type = union(info.type, type())));
  };
  const assignElement = (target: LooseNode, type: () => PhpType) => {
    const root = offsetRoot(target);
    if (!root || root.depth === 0) return;
    const info = varOf(String(root.root.name));
    info.mutated = true;
    facts.push(() => (info.type = union(info.type, nestArray(root.depth, type()))));
  };

  walkOwn(scope.body, (node) => {
    switch (node.kind) {
      case 'variable':
        if (typeof node.name === 'string') {
          const info = varOf(node.name);
          info.refs.push(node);
          variableScope.set(node, info);
        }
        break;
      case 'assign':
        if (node.left.kind === 'variable' && typeof node.left.name === 'string') assign(node.left.name, () => typeOf(node, env));
        else if (node.left.kind === 'list' || node.left.kind === 'array') {
          for (const item of node.left.items ?? []) {
            const target = item?.kind === 'entry' ? item.value : item;
            // list() of a non-array (a failed unpack()) assigns null.
            const listed = () => {
              const source = typeOf(node.right, env);
              return union(elementOf(source), isOnly(source, 'array') ? NEVER : NULL);
            };
            if (target?.kind === 'variable') assign(String(target.name), listed);
          }
        } else assignElement(node.left, () => typeOf(node, env));
        break;
      case 'post':
      case 'pre':
        if (node.what.kind === 'variable' && typeof node.what.name === 'string') assign(node.what.name, () => typeOf(node, env));
        else assignElement(node.what, () => typeOf(node, env));
        break;
      case 'foreach':
        if (node.key?.kind === 'variable') assign(String(node.key.name), () => kinds('int', 'string'));
        if (node.value?.kind === 'variable') assign(String(node.value.name), () => elementOf(typeOf(node.source, env)));
        for (const target of listTargets(node.value)) assign(String(target.name), () => elementOf(elementOf(typeOf(node.source, env))));
        break;
      case 'catch':
        if (node.variable?.kind === 'variable') assign(String(node.variable.name), () => kinds('error'));
        break;
      case 'static':
        for (const item of node.variables ?? []) {
          // A bare `static $x;` is a Variable, with no .variable of its own.
          const declared = item.kind === 'staticvariable' ? item : undefined;
          const name = String(declared?.variable.name);
          scope.statics.set(name, declared?.defaultValue ?? null);
          const info = variable(scope, name);
          info.moduleLevel = true;
          facts.push(() => (info.type = union(info.type, declared?.defaultValue ? typeOf(declared.defaultValue, env) : NULL)));
        }
        break;
      case 'global':
        for (const item of node.items ?? []) variable(main, String(item.name)).moduleLevel = true;
        break;
      case 'unset':
        for (const target of node.variables ?? []) {
          if (target.kind === 'variable') assign(String(target.name), () => NULL);
          else if (offsetRoot(target)) varOf(String(offsetRoot(target)!.root.name)).mutated = true;
        }
        break;
      case 'return':
        if (node.expr) {
          const returned = node.expr;
          scope.returnsValue = true;
          facts.push(() => (scope.returnType = union(scope.returnType, typeOf(returned, env))));
        }
        break;
      case 'call':
        collectCall(node, analysis, facts, assign, varOf);
        break;
    }
  });
  if (scope.node?.kind === 'arrowfunc') {
    scope.returnsValue = true;
    facts.push(() => (scope.returnType = union(scope.returnType, typeOf(scope.node!.body, env))));
  }
}

/** Calls: by-reference outputs of socket functions, in-place array functions, user function arguments. */
function collectCall(
  node: LooseNode,
  analysis: ProgramAnalysis,
  facts: Fact[],
  assign: (name: string, type: () => PhpType, wholeVariable?: boolean) => void,
  varOf: (name: string) => VarInfo,
): void {
  const name = calledFunctionName(node);
  if (!name) return;
  const args: LooseNode[] = (node.arguments ?? []).filter(isLooseNode);
  const socket = socketFunction(name);
  if (socket) {
    for (const output of socketCallOutputs(node, socket)) {
      if (output.target.kind === 'variable') assign(String(output.target.name), () => output.type(analysis.env));
    }
    return;
  }
  const spec = builtin(name);
  if (spec) {
    for (const output of spec.outputs ?? []) {
      const target = args[output.index];
      if (target?.kind === 'variable') assign(String(target.name), () => output.type);
    }
    for (const index of spec.mutates ?? []) if (args[index]?.kind === 'variable') varOf(String(args[index]!.name)).mutated = true;
    if ((name === 'array_push' || name === 'array_unshift') && args[0]?.kind === 'variable') {
      varOf(String(args[0].name)).mutated = true;
      for (const value of args.slice(1)) assign(String(args[0].name), () => arrayOf(typeOf(value, analysis.env)), false);
    }
    return;
  }
  const user = analysis.functions.get(name);
  if (!user) return;
  args.forEach((arg, index) => {
    const paramName = user.params[index];
    if (paramName && user.refParams.includes(paramName) && arg.kind === 'variable') {
      assign(String(arg.name), () => user.vars.get(paramName)!.type);
    }
    facts.push(() => {
      const param = user.vars.get(user.params[index] ?? '');
      if (param && !user.node?.arguments?.[index]?.type) param.type = union(param.type, typeOf(arg, analysis.env));
    });
  });
}

/** Whether control can reach the end of a function's body without a return or throw. */
export function fallsOffEnd(fn: FunctionInfo): boolean {
  const last = fn.body[fn.body.length - 1];
  return !last || !['return', 'throw'].includes(last.kind);
}

function inferTypes(analysis: ProgramAnalysis, scopes: FunctionInfo[], facts: Fact[]): void {
  const snapshot = () => scopes.flatMap((scope) => [scope.returnType, ...[...scope.vars.values()].map((info) => info.type)]);
  for (let round = 0; round < 16; round++) {
    const before = snapshot();
    for (const constant of analysis.constants.values()) constant.type = typeOf(constant.value, analysis.env);
    for (const fact of facts) fact();
    const after = snapshot();
    if (before.length === after.length && before.every((type, i) => sameType(type, after[i]!))) return;
  }
  // No fixed point (a type that keeps nesting): give up precision rather than loop.
  for (const scope of scopes) for (const info of scope.vars.values()) info.type = MIXED;
}

/** A scope is async when it (or a function it calls) waits: sockets, sleep, stdin. */
function markAsync(analysis: ProgramAnalysis, scopes: FunctionInfo[]): void {
  const calls = new Map<FunctionInfo, string[]>();
  for (const scope of scopes) {
    const names: string[] = [];
    walkOwn(scope.body, (node) => {
      const name = node.kind === 'call' ? calledFunctionName(node) : undefined;
      if (name) names.push(name);
    });
    calls.set(scope, names);
  }
  const waits = (name: string): boolean => {
    const socket = socketFunction(name);
    if (socket) return isAsyncRuntimeFunction(socket.name);
    const spec = builtin(name);
    if (spec) return isAsyncRuntimeFunction(spec.helper ?? name);
    return analysis.functions.get(name)?.isAsync ?? false;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const scope of scopes) {
      if (!scope.isAsync && calls.get(scope)!.some(waits)) scope.isAsync = changed = true;
    }
  }
}
