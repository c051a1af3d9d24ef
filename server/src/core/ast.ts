// php-parser's AST as a typed union (ast-nodes.ts) and the helpers every walker shares.
import { isKind, type Node } from './ast-nodes';

export * from './ast-nodes';

/** Any node of the tree; `node.kind` checks narrow it to that kind's fields. */
export type PhpNode = Node;

/** [start, end) offsets in UTF-16 code units, as JavaScript strings index them. */
export type Range = readonly [number, number];

export function isNode(value: unknown): value is PhpNode {
  return typeof value === 'object' && value !== null && typeof (value as PhpNode).kind === 'string';
}

export function rangeOf(node: PhpNode): Range {
  return node.loc ? [node.loc.start.offset, node.loc.end.offset] : [0, 0];
}

/**
 * Child nodes in source order; used where a walker has no rule for a node kind. Own keys only:
 * php-parser's node prototypes have enumerable methods, and a `for...in` that must walk the
 * prototype chain misses V8's fast path (it was a tenth of a lint).
 */
export function childNodes(node: PhpNode): PhpNode[] {
  return appendChildNodes(node, []);
}

/** childNodes() pushed onto `children` (a walker's own stack, say: no array per node); returns it. */
export function appendChildNodes(node: PhpNode, children: PhpNode[]): PhpNode[] {
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments') continue;
    // Generic on purpose: any kind's fields, read by name.
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

/** `\Socket_Listen` → `socket_listen`: PHP function and class names are case-insensitive. */
export function normalizeName(name: string): string {
  return (name.startsWith('\\') ? name.slice(1) : name).toLowerCase();
}

/**
 * The global function a call names, or undefined for dynamic calls and namespaced functions.
 * Names come resolved from the parse step (names.ts): `\socket_listen()`, an unqualified
 * `socket_listen()` (PHP falls back to the global function) and `use function socket_listen;`
 * name ext/sockets; `Foo\socket_listen()`, `namespace\socket_listen()` inside a namespace and
 * `use function Safe\socket_listen;` do not.
 */
export function calledFunctionName(call: PhpNode): string | undefined {
  // Any node with a callee is accepted, as callers pass what they have (a `new` names a class here).
  const what = 'what' in call ? call.what : undefined;
  if (!isNode(what) || what.kind !== 'name') return undefined;
  if (typeof what.resolvedName === 'string') return what.resolvedName.includes('\\') ? undefined : what.resolvedName;
  // A tree that did not come from parsePhp(): php-parser's own resolution.
  if (what.resolution === 'qn' || what.resolution === 'rn') return undefined;
  return normalizeName(String(what.name));
}

/** PHP's short-circuit operators: `&&` and `and`, `||` and `or`. */
export const LOGICAL_OPERATORS: ReadonlySet<string> = new Set(['&&', '||', 'and', 'or']);

/** A positional argument: not `...$spread`, not `name: value`. */
export function isPositionalArgument(arg: unknown): arg is PhpNode {
  return isNode(arg) && arg.kind !== 'namedargument' && arg.kind !== 'variadic';
}

/** A call with a `...$spread` argument: which parameter gets what is not known. */
export function spreadsArguments(call: PhpNode): boolean {
  return 'arguments' in call && call.arguments.some((arg) => arg.kind === 'variadic');
}

/** An unqualified call inside a namespace: the namespace's own function of that name wins. */
export function callFallsBackToGlobal(call: PhpNode): boolean {
  return 'what' in call && isKind(call.what, 'name') && call.what.fallsBack === true;
}

export function variableName(node: PhpNode): string | undefined {
  return node.kind === 'variable' && typeof node.name === 'string' ? node.name : undefined;
}

/** How often each plain variable is mentioned inside a node. */
export function variableMentions(node: PhpNode): Map<string, number> {
  const counts = new Map<string, number>();
  const stack = [node];
  for (let current = stack.pop(); current; current = stack.pop()) {
    const name = variableName(current);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
    stack.push(...childNodes(current));
  }
  return counts;
}

/** Strips `@` and the no-op wrappers php-parser keeps around an expression. */
export function unwrapSilence(node: PhpNode): PhpNode {
  let current = node;
  while (current.kind === 'silent' && isNode(current.expr)) current = current.expr;
  return current;
}

/**
 * Each node's parent, and the nodes that are statements of a statement list, in one top-level
 * statement or the whole program. Plain maps (they live as long as their program): a WeakMap
 * entry per node cost several times as much.
 */
interface TreeIndex {
  parents: Map<PhpNode, PhpNode>;
  listed: Set<PhpNode>;
}

/** Per program: the index of each top-level statement asked about, and of the program itself. */
const INDEXES = new WeakMap<PhpNode, Map<PhpNode, TreeIndex>>();

/** Nodes whose `children` are statements run one after the other. */
const STATEMENT_LISTS = new Set(['program', 'namespace', 'block', 'declare']);
/** Code inside these runs elsewhere: a statement outside them is not "before" it. */
const CODE_BOUNDARIES = new Set(['function', 'method', 'closure', 'arrowfunc', 'class', 'trait', 'interface', 'enum']);

/** The index of `root`'s subtree (a top-level statement, whose parent is the program, or the program). Own stack, any depth. */
function indexOf(program: PhpNode, root: PhpNode): TreeIndex {
  let indexes = INDEXES.get(program);
  if (!indexes) INDEXES.set(program, (indexes = new Map()));
  let index = indexes.get(root);
  if (index) return index;
  index = { parents: new Map(), listed: new Set() };
  if (root !== program) {
    index.parents.set(root, program);
    index.listed.add(root);
  }
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (STATEMENT_LISTS.has(node.kind) && 'children' in node) for (const statement of node.children) if (isNode(statement)) index.listed.add(statement);
    const first = stack.length;
    appendChildNodes(node, stack);
    for (let i = first; i < stack.length; i++) index.parents.set(stack[i]!, node);
  }
  indexes.set(root, index);
  return index;
}

/** The top-level statement whose range holds `node` (a binary search; the index checks it). */
function topLevelStatementAt(program: PhpNode, node: PhpNode): PhpNode | undefined {
  const statements: unknown[] = 'children' in program ? program.children : [];
  const offset = node.loc?.start.offset;
  if (offset === undefined) return undefined;
  let low = 0;
  let high = statements.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const statement = statements[middle];
    if (!isNode(statement) || !statement.loc) return undefined;
    if (offset < statement.loc.start.offset) high = middle - 1;
    else if (offset >= statement.loc.end.offset) low = middle + 1;
    else return statement;
  }
  return undefined;
}

/**
 * Parents up from `node`: indexed within its top-level statement when that holds it (a file of
 * thousands of statements indexes only the ones asked about), else within the whole program.
 */
function indexFor(program: PhpNode, node: PhpNode): TreeIndex {
  const top = topLevelStatementAt(program, node);
  const index = top ? indexOf(program, top) : undefined;
  return index && index.parents.has(node) ? index : indexOf(program, program);
}

/** The node that holds `node` in the program (undefined for the program itself). */
export function parentOf(program: PhpNode, node: PhpNode): PhpNode | undefined {
  return node === program ? undefined : indexFor(program, node).parents.get(node);
}

/** The nodes whose body has variables of its own. */
export const FUNCTION_KINDS: ReadonlySet<string> = new Set(['function', 'method', 'closure', 'arrowfunc']);

/** The innermost function, method, closure or arrow function around `node`; undefined in the file's own code. */
export function enclosingFunction(program: PhpNode, node: PhpNode): PhpNode | undefined {
  let scope = parentOf(program, node);
  while (scope && !FUNCTION_KINDS.has(scope.kind)) scope = parentOf(program, scope);
  return scope;
}

/**
 * The statement of a statement list (a block, a file) that contains `node`, so that code can be
 * inserted right before it; undefined when a function boundary or a bare `if` body comes first.
 */
export function enclosingListStatement(program: PhpNode, node: PhpNode): PhpNode | undefined {
  const { parents, listed } = indexFor(program, node);
  for (let current = node, parent = parents.get(node); parent; current = parent, parent = parents.get(parent)) {
    // A set, not `parent.children.includes()`: a file of thousands of statements asked for each.
    if (STATEMENT_LISTS.has(parent.kind) && listed.has(current)) return current;
    if (CODE_BOUNDARIES.has(parent.kind)) return undefined;
  }
  return undefined;
}
