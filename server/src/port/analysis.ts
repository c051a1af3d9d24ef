// What the port knows about a PHP program before it writes TypeScript: its functions and
// closures, the variables of each scope with the types assigned to them, which functions must
// be async (they wait on sockets, sleep or stdin, or call a function that does), and which
// variables live at module level (`global`, `static`). Types are a fixed point over every
// assignment, so a variable's type covers every value the program stores in it.
import { calledFunctionName, childNodes, normalizeName } from '../core/ast';
import { isLooseNode, type LooseNode } from './loose-node';
import { socketFunction } from '../core/socket-api';
import { builtin } from './builtins';
import { ClassTable, phpExceptionClass, type ClassInfo, type PropertyInfo } from './classes';
import { memberTsName } from './naming';
import { arrayOf, elementOf, fromDeclared, INT, isOnly, kinds, MIXED, NEVER, NULL, objectOf, sameType, STRING, union, type PhpType } from './php-types';
import { isAsyncRuntimeFunction } from './runtime/module';
import { inOutType, socketCallOutputs } from './socket-calls';
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
  /** For a method: its class, whether it is static or abstract, and its visibility. */
  owner?: ClassInfo;
  isStatic?: boolean;
  isAbstract?: boolean;
  visibility?: string;
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
  classes: ClassTable;
  /** Every method of every class, as scopes. */
  methods: FunctionInfo[];
  /** The variable a `$name` node refers to. */
  variableOf(node: LooseNode): VarInfo | undefined;
  env: TypeEnvironment;
}

type Fact = () => void;

/** Nodes whose insides are scopes of their own (a class's methods are). */
export const SCOPE_KINDS: ReadonlySet<string> = new Set(['function', 'closure', 'arrowfunc', 'class', 'method']);

export function analyze(mainStatements: LooseNode[]): ProgramAnalysis {
  const main = newScope('', '', undefined, undefined, mainStatements);
  const functions = new Map<string, FunctionInfo>();
  const closures = new Map<LooseNode, FunctionInfo>();
  const constants = new Map<string, ConstantInfo>();
  const classes = new ClassTable();
  const mentioned = new Set<string>();
  const block: LooseNode = { kind: 'block', loc: null, children: mainStatements };
  collectDeclarations(block, main, { functions, closures, constants, classes, mentioned });
  classes.link();
  const methods = [...classes.classes.values()].flatMap((cls) => [...cls.methods.values()]);
  const scopes = [main, ...functions.values(), ...methods, ...closures.values()];

  const variableScope = new Map<LooseNode, VarInfo>();
  const env: TypeEnvironment = {
    variableType: (node) => variableScope.get(node)?.type ?? NULL,
    functionReturnType: (name) => {
      const fn = functions.get(name);
      return fn ? calleeReturnType(fn) : undefined;
    },
    constantType: (name) => constants.get(name)?.type,
    classes,
    mentionedClasses: mentioned,
  };
  const analysis: ProgramAnalysis = { main, functions, closures, constants, classes, methods, variableOf: (node) => variableScope.get(node), env };

  const facts: Fact[] = [];
  // Parameters first: a call may come before the function it calls.
  for (const scope of scopes) collectParameters(scope, analysis, facts);
  for (const cls of classes.classes.values()) propertyFacts(cls, analysis, facts);
  for (const scope of scopes) collectScope(scope, analysis, facts, variableScope);
  runtimeArguments(main);
  for (const method of methods) overridingFacts(method, classes, facts);
  inferTypes(analysis, scopes, facts);
  // A parameter that no call in the program passes (a library class's constructor, a callback
  // another file calls) may be given anything: what flows from it into properties and locals is
  // PhpValue, not the nothing the calls seen here say (which made `$this->host = $host` a null
  // property that rejects the parameter).
  if (widenUncalledParameters(scopes)) inferTypes(analysis, scopes, facts);
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

interface Declarations {
  functions: Map<string, FunctionInfo>;
  closures: Map<LooseNode, FunctionInfo>;
  constants: Map<string, ConstantInfo>;
  classes: ClassTable;
  /** Lowercased strings and `X::class` names of the program: the classes `new $name` may make. */
  mentioned: Set<string>;
}

/** A method of a class as a scope of its own (key `class::method`). */
function methodScope(cls: ClassInfo, method: LooseNode): FunctionInfo {
  const name = String(method.name?.name ?? method.name);
  const scope = newScope(`${cls.key}::${name.toLowerCase()}`, name, method, undefined, functionBody(method));
  Object.assign(scope, { ts: method.isStatic ? memberTsName(name) : name, owner: cls, isStatic: Boolean(method.isStatic), isAbstract: Boolean(method.isAbstract), visibility: String(method.visibility || 'public') });
  return scope;
}

/** Functions, closures, classes and constants, wherever they are declared. */
function collectDeclarations(node: LooseNode, scope: FunctionInfo, found: Declarations): void {
  for (const child of childNodes(node)) {
    let inner = scope;
    if (child.kind === 'function') {
      const name = String(child.name?.name ?? child.name);
      inner = newScope(normalizeName(name), name, child, undefined, functionBody(child));
      if (!found.functions.has(inner.key)) found.functions.set(inner.key, inner);
    } else if (child.kind === 'class' && !child.isAnonymous) {
      const cls = found.classes.add(child, methodScope);
      for (const method of cls?.methods.values() ?? []) collectDeclarations(method.node!, method, found);
      continue;
    } else if (child.kind === 'closure' || child.kind === 'arrowfunc') {
      inner = newScope('{closure}', '', child, scope, functionBody(child));
      inner.captures = child.kind === 'arrowfunc' ? 'all' : new Set((child.uses ?? []).map((use: LooseNode) => String(use.name)));
      found.closures.set(child, inner);
    } else if (child.kind === 'constantstatement') {
      for (const constant of child.constants ?? []) {
        const name = String(constant.name?.name ?? constant.name);
        found.constants.set(name, { php: name, value: constant.value, type: MIXED });
      }
    } else if (child.kind === 'call' && calledFunctionName(child) === 'define') {
      const [nameArg, valueArg] = child.arguments ?? [];
      if (nameArg?.kind === 'string' && isLooseNode(valueArg)) found.constants.set(String(nameArg.value), { php: String(nameArg.value), value: valueArg, type: MIXED });
    } else if (child.kind === 'string') {
      found.mentioned.add(normalizeName(String(child.value)));
    } else if (child.kind === 'staticlookup' && child.offset?.kind === 'identifier' && String(child.offset.name).toLowerCase() === 'class' && child.what?.kind === 'name') {
      found.mentioned.add(normalizeName(String(child.what.name)));
    } else if (child.kind === 'staticlookup' && child.offset?.kind === 'variable') {
      found.classes.staticNames.add(child.offset);
    }
    collectDeclarations(child, inner, found);
  }
}

/** Visits a scope's own nodes: not the bodies of functions or closures declared inside it. */
export function walkOwn(statements: readonly LooseNode[], visit: (node: LooseNode) => void): void {
  const walk = (node: LooseNode) => {
    visit(node);
    if (!SCOPE_KINDS.has(node.kind)) for (const child of childNodes(node)) walk(child);
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

/** `$obj->name` or `X::$name`: a property the port can name. */
export function isPropertyPlace(node: LooseNode): boolean {
  return (
    ((node.kind === 'propertylookup' || node.kind === 'nullsafepropertylookup') && node.offset?.kind === 'identifier') ||
    (node.kind === 'staticlookup' && node.offset?.kind === 'variable' && typeof node.offset.name === 'string')
  );
}

/** PHP's superglobals: never the program's variables ($GLOBALS['name'] aside, not ported). */
const SUPERGLOBAL_NAMES = new Set(['GLOBALS', '_SERVER', '_ENV', '_GET', '_POST', '_COOKIE', '_FILES', '_REQUEST', '_SESSION']);

/** `$GLOBALS['name']`: the main script's variable `$name`. */
export function isGlobalsEntry(node: LooseNode): boolean {
  if (node.kind !== 'offsetlookup') return false;
  const { what, offset }: LooseNode = node;
  return what?.kind === 'variable' && what.name === 'GLOBALS' && offset?.kind === 'string';
}

/** The variable or property that `$a[...][...]` writes into, and the number of offsets. */
export function offsetPlace(node: LooseNode): { root: LooseNode; depth: number } | undefined {
  let depth = 0;
  let current = node;
  while (current.kind === 'offsetlookup' && !isGlobalsEntry(current)) {
    depth++;
    current = current.what;
  }
  const isVariable = (current.kind === 'variable' && typeof current.name === 'string' && current.name !== 'this') || isGlobalsEntry(current);
  return isVariable || isPropertyPlace(current) ? { root: current, depth } : undefined;
}

/** The root variable of `$a[...][...]` (or `$GLOBALS['a'][...]`) and the number of offsets. */
export function offsetRoot(node: LooseNode): { root: LooseNode; depth: number } | undefined {
  const place = offsetPlace(node);
  return place && !isPropertyPlace(place.root) ? place : undefined;
}

/** The properties a property node may be (one, or one per class its object may be). */
export function propertiesAt(node: LooseNode, env: TypeEnvironment): PropertyInfo[] {
  const classes = env.classes;
  if (!classes) return [];
  if (node.kind === 'staticlookup') {
    const cls = classes.referenced(node.what);
    const property = cls ? classes.property(cls, String((node.offset as LooseNode).name)) : undefined;
    return property?.isStatic ? [property] : [];
  }
  return classes.propertiesFor(typeOf(node.what, env), String(node.offset?.name));
}

function nestArray(depth: number, value: PhpType): PhpType {
  let type = value;
  for (let i = 0; i < depth; i++) type = arrayOf(type);
  return type;
}

/** A declared type; a class of the program (or `self`/`static`) is an instance of it, one of PHP's exceptions an error. */
function declaredType(typeNode: LooseNode | null | undefined, nullable: boolean, classes?: ClassTable, context?: ClassInfo): PhpType | undefined {
  if (!typeNode) return undefined;
  const raw = String(typeNode.raw ?? typeNode.name);
  const written = raw.replace(/^\?/, '');
  const parts = written.split('|').map((part): PhpType => {
    const name = part.trim().replace(/^\\/, '');
    const lower = name.toLowerCase();
    const cls = lower === 'self' || lower === 'static' ? context : classes?.named(name);
    if (cls) return classes!.instanceType(cls);
    if (phpExceptionClass(name)) return kinds('error');
    return fromDeclared(name);
  });
  return union(...parts, nullable || raw.startsWith('?') ? NULL : NEVER);
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
    const declared = declaredType(param.type, Boolean(param.nullable), analysis.classes, scope.owner);
    if (param.variadic) facts.push(() => (info.type = arrayOf(declared ?? MIXED)));
    else if (declared) facts.push(() => (info.type = union(info.type, declared)));
    else if (scope.key === '{closure}') info.type = MIXED;
    if (param.value) facts.push(() => (info.type = union(info.type, typeOf(param.value, env))));
  }
  const declaredReturn = declaredType(scope.node?.type, Boolean(scope.node?.nullable), analysis.classes, scope.owner);
  if (declaredReturn) facts.push(() => (scope.returnType = union(scope.returnType, declaredReturn)));
  // An abstract method returns what its overrides return (overridingFacts).
  if (scope.isAbstract && declaredReturn && !isOnly(declaredReturn, 'null')) scope.returnsValue = true;
}

/** Properties: declared types, defaults (an untyped property without one is null), promoted parameters. */
function propertyFacts(cls: ClassInfo, analysis: ProgramAnalysis, facts: Fact[]): void {
  const constructor = cls.methods.get('__construct');
  for (const property of cls.properties.values()) {
    const node = property.promoted
      ? (constructor?.node?.arguments ?? []).find((param: LooseNode) => String(param.name?.name ?? param.name) === property.php)
      : (cls.node.body ?? []).flatMap((member: LooseNode) => (member.kind === 'propertystatement' ? member.properties : [])).find((item: LooseNode) => String(item.name?.name ?? item.name) === property.php);
    const declared = declaredType(node?.type, Boolean(node?.nullable), analysis.classes, cls);
    // `array` says nothing of the elements: the assignments do.
    if (declared) facts.push(() => (property.type = union(property.type, isOnly(declared, 'array') ? arrayOf(NEVER) : declared)));
    if (property.initial) facts.push(() => (property.type = union(property.type, typeOf(property.initial!, analysis.env))));
    else if (!property.typed) property.type = union(property.type, NULL);
    if (property.promoted) {
      const param = constructor!.vars.get(property.php);
      if (param) facts.push(() => (property.type = union(property.type, param.type)));
    }
  }
}

/** Overriding methods return the same type, so TypeScript accepts each override of the other. */
function overridingFacts(method: FunctionInfo, classes: ClassTable, facts: Fact[]): void {
  if (method.key.endsWith('::__construct')) return;
  const family = classes.family(method);
  if (family.length < 2) return;
  facts.push(() => {
    method.returnType = union(method.returnType, ...family.map((other) => other.returnType));
    if (family.some((other) => other.returnsValue)) method.returnsValue = true;
  });
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
  // `$GLOBALS['name']` is the main script's `$name`, which then lives at module level (as with `global`).
  const globalEntry = (node: LooseNode) => {
    const info = variable(main, String(node.offset.value));
    info.moduleLevel = true;
    return info;
  };
  const assignGlobal = (node: LooseNode, type: () => PhpType, depth = 0) => {
    const info = globalEntry(node);
    if (depth === 0) info.writes++;
    else info.mutated = true;
    facts.push(() => (info.type = union(info.type, nestArray(depth, type()))));
  };
  const assignProperty = (target: LooseNode, type: () => PhpType, depth = 0) => {
    facts.push(() => {
      for (const property of propertiesAt(target, env)) {
        if (depth > 0) property.mutated = true;
        property.type = union(property.type, nestArray(depth, type()));
      }
    });
  };
  const assignElement = (target: LooseNode, type: () => PhpType) => {
    const root = offsetPlace(target);
    if (!root || root.depth === 0) return;
    if (isGlobalsEntry(root.root)) return assignGlobal(root.root, type, root.depth);
    if (root.root.kind !== 'variable') return assignProperty(root.root, type, root.depth);
    const info = varOf(String(root.root.name));
    info.mutated = true;
    facts.push(() => (info.type = union(info.type, nestArray(root.depth, type()))));
  };

  walkOwn(scope.body, (node) => {
    switch (node.kind) {
      case 'variable':
        if (node.name === 'this') {
          const info = thisVariable(scope, analysis);
          if (info) {
            info.refs.push(node);
            variableScope.set(node, info);
          }
        } else if (typeof node.name === 'string' && !SUPERGLOBAL_NAMES.has(node.name) && !analysis.classes.staticNames.has(node)) {
          const info = varOf(node.name);
          info.refs.push(node);
          variableScope.set(node, info);
        }
        break;
      case 'assign':
        if (node.left.kind === 'variable' && typeof node.left.name === 'string') assign(node.left.name, () => typeOf(node, env));
        else if (isGlobalsEntry(node.left)) assignGlobal(node.left, () => typeOf(node, env));
        else if (isPropertyPlace(node.left)) assignProperty(node.left, () => typeOf(node, env));
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
        else if (isGlobalsEntry(node.what)) assignGlobal(node.what, () => typeOf(node, env));
        else if (isPropertyPlace(node.what)) assignProperty(node.what, () => typeOf(node, env));
        else assignElement(node.what, () => typeOf(node, env));
        break;
      case 'foreach':
        if (node.key?.kind === 'variable') assign(String(node.key.name), () => kinds('int', 'string'));
        if (node.value?.kind === 'variable') assign(String(node.value.name), () => elementOf(typeOf(node.source, env)));
        for (const target of listTargets(node.value)) assign(String(target.name), () => elementOf(elementOf(typeOf(node.source, env))));
        break;
      case 'offsetlookup':
        if (isGlobalsEntry(node)) {
          const info = globalEntry(node);
          info.refs.push(node);
          variableScope.set(node, info);
        }
        break;
      case 'catch':
        if (node.variable?.kind === 'variable') assign(String(node.variable.name), () => caughtType(node, analysis.classes));
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
        collectCall(node, analysis, facts, assign, varOf, assignProperty);
        break;
      case 'new':
        argumentFacts(node, () => constructorsOf(node, env), analysis, facts);
        break;
    }
  });
  if (scope.node?.kind === 'arrowfunc') {
    scope.returnsValue = true;
    facts.push(() => (scope.returnType = union(scope.returnType, typeOf(scope.node!.body, env))));
  }
}

/** The `$this` of a method (or of a closure inside one): an instance of the method's class, never declared. */
function thisVariable(scope: FunctionInfo, analysis: ProgramAnalysis): VarInfo | undefined {
  let method: FunctionInfo | undefined = scope;
  while (method && !method.owner) method = method.parent;
  if (!method?.owner || method.isStatic) return undefined;
  let info = method.vars.get('this');
  if (!info) {
    info = { php: 'this', ts: 'this', type: objectOf(method.owner.ts), isParam: true, moduleLevel: false, writes: 0, mutated: false, refs: [] };
    method.vars.set('this', info);
  }
  return info;
}

/** A caught exception: one of PHP's (PhpError), or an instance of the program's classes named. */
export function caughtType(handler: LooseNode, classes: ClassTable): PhpType {
  const named = (handler.what ?? []).map((name: LooseNode) => classes.named(String(name.name)));
  return named.every(Boolean) ? objectOf(...named.map((cls: ClassInfo) => cls.ts)) : kinds('error');
}

/** The constructors `new X(...)` may run: X's own or inherited one (none for `new $name`). */
export function constructorsOf(node: LooseNode, env: TypeEnvironment): FunctionInfo[] {
  const cls = env.classes?.referenced(node.what);
  const constructor = cls ? env.classes!.method(cls, '__construct') : undefined;
  return constructor ? [constructor] : [];
}

/** The methods a call of `$value->m()` or `X::m()` may run. */
export function methodsCalled(node: LooseNode, env: TypeEnvironment): FunctionInfo[] {
  const classes = env.classes;
  const what = node.what;
  if (!classes || what?.offset?.kind !== 'identifier' || what.parenthesizedExpression) return [];
  const name = String(what.offset.name);
  if (what.kind === 'propertylookup' || what.kind === 'nullsafepropertylookup') return classes.methodsFor(typeOf(what.what, env), name);
  if (what.kind !== 'staticlookup') return [];
  const cls = classes.referenced(what.what);
  const method = cls ? classes.method(cls, name) : undefined;
  return method ? [method] : [];
}

/** Each argument widens the parameter of each method it may be passed to (unless the parameter has a declared type). */
function argumentFacts(node: LooseNode, callees: () => FunctionInfo[], analysis: ProgramAnalysis, facts: Fact[]): void {
  const args: LooseNode[] = (node.arguments ?? []).filter(isLooseNode);
  args.forEach((arg, index) => {
    facts.push(() => {
      for (const callee of callees()) {
        const param = callee.vars.get(callee.params[index] ?? '');
        if (param && !callee.node?.arguments?.[index]?.type) param.type = union(param.type, typeOf(arg, analysis.env));
      }
    });
  });
}

/** Calls: by-reference outputs of socket functions, in-place array functions, user function arguments. */
function collectCall(
  node: LooseNode,
  analysis: ProgramAnalysis,
  facts: Fact[],
  assign: (name: string, type: () => PhpType, wholeVariable?: boolean) => void,
  varOf: (name: string) => VarInfo,
  assignProperty: (target: LooseNode, type: () => PhpType) => void,
): void {
  const name = calledFunctionName(node);
  if (!name) return argumentFacts(node, () => methodsCalled(node, analysis.env), analysis, facts);
  const args: LooseNode[] = (node.arguments ?? []).filter(isLooseNode);
  const socket = socketFunction(name);
  if (socket) {
    for (const output of socketCallOutputs(node, socket)) {
      if (output.target.kind === 'variable') assign(String(output.target.name), () => output.type(analysis.env));
      else if (isPropertyPlace(output.target)) assignProperty(output.target, () => output.type(analysis.env));
    }
    return;
  }
  const spec = builtin(name);
  if (spec) {
    for (const output of spec.outputs ?? []) {
      const target = args[output.index];
      if (target?.kind === 'variable') assign(String(target.name), () => (output.inOut ? inOutType(typeOf(target, analysis.env)) : output.type));
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

/** What a call of a function or method gives: its returns, and null when its end can be reached (not for an abstract method). */
export function calleeReturnType(fn: FunctionInfo): PhpType {
  if (!fn.returnsValue) return NULL;
  return union(fn.returnType, fallsOffEnd(fn) && !fn.isAbstract ? NULL : NEVER);
}

/** Whether control can reach the end of a function's body without a return or throw. */
export function fallsOffEnd(fn: FunctionInfo): boolean {
  const last = fn.body[fn.body.length - 1];
  return !last || !['return', 'throw'].includes(last.kind);
}

/** Untyped parameters still of no type after inference become MIXED; whether there was one. */
function widenUncalledParameters(scopes: FunctionInfo[]): boolean {
  let widened = false;
  for (const scope of scopes) {
    for (const name of scope.params) {
      const info = scope.vars.get(name);
      if (info && info.php !== 'this' && info.type.kinds.size === 0) {
        info.type = MIXED;
        widened = true;
      }
    }
  }
  return widened;
}

function inferTypes(analysis: ProgramAnalysis, scopes: FunctionInfo[], facts: Fact[]): void {
  const properties = [...analysis.classes.classes.values()].flatMap((cls) => [...cls.properties.values()]);
  const snapshot = () => [...scopes.flatMap((scope) => [scope.returnType, ...[...scope.vars.values()].map((info) => info.type)]), ...properties.map((property) => property.type)];
  for (let round = 0; round < 16; round++) {
    const before = snapshot();
    for (const constant of analysis.constants.values()) constant.type = typeOf(constant.value, analysis.env);
    for (const cls of analysis.classes.classes.values()) for (const constant of cls.constants.values()) constant.type = typeOf(constant.value, analysis.env);
    for (const fact of facts) fact();
    const after = snapshot();
    if (before.length === after.length && before.every((type, i) => sameType(type, after[i]!))) return;
  }
  // No fixed point (a type that keeps nesting): give up precision rather than loop.
  for (const scope of scopes) for (const info of scope.vars.values()) if (info.php !== 'this') info.type = MIXED;
  for (const cls of analysis.classes.classes.values()) for (const property of cls.properties.values()) property.type = MIXED;
}

/** `$callback(...)` or `($this->handler)(...)`: a call of a callable value. */
export function isCallableInvocation(node: LooseNode): boolean {
  return node.kind === 'call' && !calledFunctionName(node) && (node.what?.kind === 'variable' || Boolean(node.what?.parenthesizedExpression));
}

/** A scope is async when it (or a function it calls) waits: sockets, sleep, stdin; a call of a callable when a closure of the program waits. */
function markAsync(analysis: ProgramAnalysis, scopes: FunctionInfo[]): void {
  const calls = new Map<FunctionInfo, string[]>();
  const methodCalls = new Map<FunctionInfo, FunctionInfo[]>();
  /** Scopes that call a callable value (`$callback(...)`), which may be a closure that waits. */
  const callsCallables = new Set<FunctionInfo>();
  for (const scope of scopes) {
    const names: string[] = [];
    const methods: FunctionInfo[] = [];
    walkOwn(scope.body, (node) => {
      const name = node.kind === 'call' ? calledFunctionName(node) : undefined;
      if (name) names.push(name);
      else if (node.kind === 'call' && isCallableInvocation(node)) callsCallables.add(scope);
      else if (node.kind === 'call') methods.push(...methodsCalled(node, analysis.env));
      else if (node.kind === 'new') methods.push(...constructorsOf(node, analysis.env));
    });
    calls.set(scope, names);
    methodCalls.set(scope, methods);
  }
  const closures = [...analysis.closures.values()];
  const waits = (name: string): boolean => {
    const socket = socketFunction(name);
    if (socket) return isAsyncRuntimeFunction(socket.name);
    const spec = builtin(name);
    if (spec) return isAsyncRuntimeFunction(spec.helper ?? name);
    return analysis.functions.get(name)?.isAsync ?? false;
  };
  // Overriding methods wait alike, so that a call through the parent's type awaits the child's.
  const families = new Map(analysis.methods.map((method) => [method, analysis.classes.family(method)]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const scope of scopes) {
      if (scope.isAsync) continue;
      const waitsHere =
        calls.get(scope)!.some(waits) ||
        methodCalls.get(scope)!.some((method) => method.isAsync) ||
        (families.get(scope) ?? []).some((method) => method.isAsync) ||
        (callsCallables.has(scope) && closures.some((closure) => closure.isAsync));
      if (waitsHere) scope.isAsync = changed = true;
    }
  }
}
