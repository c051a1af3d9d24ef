// How the code around a call already handles failure, so that a suggested check reads like the
// rest of it: a function whose other failure paths `return false` returns false; code that throws
// its own exception class for a failed connection throws that class; anything else throws
// \RuntimeException.
import { appendChildNodes, calledFunctionName, isNode, parentOf, type PhpNode } from '../ast';
import { sourceOf } from '../fix-builders';

/** What a suggested check does on failure. */
export type FailureStyle =
  | { kind: 'return-false' }
  /** `throw new <className>(<before><message><after>)`: the arguments around the message kept as written. */
  | { kind: 'throw'; className: string; before: string; after: string };

const RUNTIME_EXCEPTION: FailureStyle = { kind: 'throw', className: '\\RuntimeException', before: '', after: '' };

const FUNCTIONS = new Set(['function', 'method', 'closure', 'arrowfunc']);
const CLASSES = new Set(['class', 'trait', 'enum']);
/** Code inside these is not the enclosing function's own. */
const NESTED = new Set([...FUNCTIONS, ...CLASSES, 'interface']);

/** The `return` and `throw` nodes a function or class body runs itself (not those of nested closures). */
function ownExits(root: PhpNode, throughMethods: boolean): { returns: PhpNode[]; throws: PhpNode[] } {
  const returns: PhpNode[] = [];
  const throws: PhpNode[] = [];
  const stack = appendChildNodes(root, []);
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (NESTED.has(node.kind) && !(throughMethods && node.kind === 'method')) continue;
    if (node.kind === 'return') returns.push(node);
    else if (node.kind === 'throw') throws.push(node);
    appendChildNodes(node, stack);
  }
  // Source order: the first throw written is the one copied.
  const order = (a: PhpNode, b: PhpNode) => (a.loc?.start.offset ?? 0) - (b.loc?.start.offset ?? 0);
  return { returns: returns.sort(order), throws: throws.sort(order) };
}

function returnsFalse(node: PhpNode): boolean {
  const expr = node.kind === 'return' ? node.expr : undefined;
  return isNode(expr) && expr.kind === 'boolean' && expr.value === false;
}

/**
 * An exception class about the connection (`ConnectionException`, `Swift_TransportException`,
 * `SocketError`, `StreamException`, `IOException`): one the code's own callers already catch for
 * a failed socket. Any other (`LengthException` for a bad argument, `NotSupportedException`,
 * `LogicException`) means something else, and a socket failure thrown as one would mislead.
 */
const CONNECTION_EXCEPTION = /connect|socket|network|stream|transport|communication|protocol|(?:^|\\|_)IO(?:Exception|Error)/i;

const MESSAGE_KINDS = new Set(['string', 'encapsed', 'nowdoc', 'bin', 'call']);
const CODE_KINDS = new Set(['number', 'constref', 'staticlookup']);
/** Calls that make an int: `new SocketException(socket_last_error())` passes a code, not a message. */
const INT_RESULTS = new Set(['socket_last_error', 'intval', 'count', 'strlen', 'mb_strlen', 'time']);

function isMessage(node: PhpNode): boolean {
  return MESSAGE_KINDS.has(node.kind) && !(node.kind === 'call' && INT_RESULTS.has((calledFunctionName(node) ?? '').toLowerCase()));
}

/** Types a message string passes (no type is any). */
const STRING_TYPES = new Set(['string', 'mixed']);

/**
 * A class of this file named so, whose constructor's parameter at `position` takes no string
 * (`__construct(int $errno)`): a message there is a TypeError. A class declared elsewhere is
 * taken at its call's word.
 */
function constructorRefusesMessage(program: PhpNode, className: string, position: number): boolean {
  const shortName = className.slice(className.lastIndexOf('\\') + 1).toLowerCase();
  const stack = appendChildNodes(program, []);
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.kind === 'class' && isNode(node.name) && String(node.name.name).toLowerCase() === shortName) {
      const constructor = (node.body ?? []).find((member) => member.kind === 'method' && String(member.name.name).toLowerCase() === '__construct');
      const param = constructor?.kind === 'method' ? constructor.arguments[position] : undefined;
      // No such parameter (PHP drops an extra argument), a variadic one, or no type: a string passes.
      if (!param || param.variadic || !isNode(param.type)) return false;
      const type = param.type as PhpNode;
      const names = type.kind === 'typereference' ? [String(type.name)] : type.kind === 'uniontype' ? type.types.map((member) => String((member as { name?: unknown }).name)) : [];
      return !names.some((name) => STRING_TYPES.has(name.toLowerCase()));
    }
    if (node.kind === 'namespace' || node.kind === 'program' || node.kind === 'block') appendChildNodes(node, stack);
  }
  return false;
}

/**
 * `throw new Foo('…')` or `throw new Foo(0, '…')` / `throw new Foo('…', 42)`: one message argument,
 * beside it at most one code written as a literal or a constant, kept as it is. Any other shape
 * (a variable, a previous exception, named arguments) says nothing safe about the constructor.
 */
function throwStyle(program: PhpNode, text: string, node: PhpNode): FailureStyle | undefined {
  const created = node.kind === 'throw' ? node.what : undefined;
  if (!isNode(created) || created.kind !== 'new' || !isNode(created.what) || created.what.kind !== 'name') return undefined;
  const args = (created.arguments ?? []).filter(isNode);
  if (args.length !== (created.arguments ?? []).length || args.some((arg) => arg.kind === 'namedargument' || arg.kind === 'variadic')) return undefined;
  const className = sourceOf(text, created.what);
  if (!CONNECTION_EXCEPTION.test(className)) return undefined;
  const style = argumentStyle(text, args, className);
  if (style?.kind !== 'throw') return undefined;
  return constructorRefusesMessage(program, className, style.before === '' ? 0 : 1) ? undefined : style;
}

function argumentStyle(text: string, args: PhpNode[], className: string): FailureStyle | undefined {
  if (args.length === 1 && isMessage(args[0]!)) return { kind: 'throw', className, before: '', after: '' };
  if (args.length !== 2) return undefined;
  const [first, second] = args as [PhpNode, PhpNode];
  if (isMessage(first) && CODE_KINDS.has(second.kind)) return { kind: 'throw', className, before: '', after: `, ${sourceOf(text, second)}` };
  if (CODE_KINDS.has(first.kind) && isMessage(second)) return { kind: 'throw', className, before: `${sourceOf(text, first)}, `, after: '' };
  return undefined;
}

/** The innermost function and class around `node`. */
function enclosing(program: PhpNode, node: PhpNode): { fn?: PhpNode; cls?: PhpNode } {
  let fn: PhpNode | undefined;
  for (let current = parentOf(program, node); current; current = parentOf(program, current)) {
    if (!fn && FUNCTIONS.has(current.kind)) fn = current;
    if (CLASSES.has(current.kind)) return { fn, cls: current };
  }
  return { fn };
}

/**
 * The function's own style first: it throws a connection exception (its first, of a known shape),
 * or it throws nothing and returns false. Then the class's: a connection exception of a known shape
 * thrown in any of its methods. Else \RuntimeException. Arrow functions have no statements to
 * return from: they throw.
 */
export function failureStyleAt(program: PhpNode, text: string, node: PhpNode): FailureStyle {
  const { fn, cls } = enclosing(program, node);
  if (fn) {
    const own = ownExits(fn, false);
    for (const exit of own.throws) {
      const style = throwStyle(program, text, exit);
      if (style) return style;
    }
    if (fn.kind !== 'arrowfunc' && own.throws.length === 0 && own.returns.some(returnsFalse)) return { kind: 'return-false' };
  }
  if (cls) {
    for (const exit of ownExits(cls, true).throws) {
      const style = throwStyle(program, text, exit);
      if (style) return style;
    }
  }
  return RUNTIME_EXCEPTION;
}
