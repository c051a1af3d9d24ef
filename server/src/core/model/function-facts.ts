// What a call site needs to know about a function of this file, from one walk of its body:
// which parameters answer for the value a caller passes (the body tests the parameter, returns
// it or hands it to other code; a helper that only stores or logs it, `$GLOBALS['all'][] = $c;`,
// checks nothing), and whether the call may not return (a throw or an exit in the body).
import { calledFunctionName, childNodes, isNode, unwrapSilence, variableName, type PhpNode } from '../ast';
import internals from '../php-internals.json';
import { apiFunction } from '../stream-api';

const TESTING_OPERATORS = new Set(['==', '!=', '<>', '===', '!==', '<', '>', '<=', '>=', '<=>', '&&', '||', 'and', 'or', 'xor', '??']);
/** Statements whose `test` (or `cond`) is a condition. */
const TESTING_STATEMENTS = new Set(['if', 'while', 'do', 'retif', 'switch', 'match']);
const NESTED_SCOPES = new Set(['function', 'closure', 'arrowfunc', 'class', 'trait', 'interface', 'enum']);
const INTERNAL_FUNCTIONS = internals.functions as Record<string, string>;

/** The variables a condition tests directly: operands of comparisons, `!`, `isset()`, `is_*()`. */
function testedVariables(node: unknown, into: Set<string>): void {
  if (!isNode(node)) return;
  const inner = unwrapSilence(node);
  const name = variableName(inner);
  if (name) {
    into.add(name);
    return;
  }
  switch (inner.kind) {
    case 'bin':
      if (TESTING_OPERATORS.has(String(inner.type))) {
        testedVariables(inner.left, into);
        testedVariables(inner.right, into);
      }
      return;
    case 'unary':
      if (inner.type === '!') testedVariables(inner.what, into);
      return;
    case 'cast':
      testedVariables(inner.expr, into);
      return;
    case 'assign':
      testedVariables(inner.left, into);
      testedVariables(inner.right, into);
      return;
    case 'isset':
    case 'empty':
      for (const child of childNodes(inner)) testedVariables(child, into);
      return;
    case 'call': {
      const called = calledFunctionName(inner);
      // `is_resource($p)`, `assert($p)`, `boolval($p)`: PHP's own functions that take any value
      // and are used in conditions. A socket_*() or stream call uses its argument, it does not test it.
      if (called && INTERNAL_FUNCTIONS[called]?.startsWith('f') && !apiFunction(called)) testedVariables((inner.arguments ?? [])[0], into);
      return;
    }
  }
}

/** A call that is not PHP's own: the value goes to code the analysis does not follow here. */
function handsOn(call: PhpNode): boolean {
  const called = calledFunctionName(call);
  return !called || !(called in INTERNAL_FUNCTIONS || apiFunction(called));
}

export interface FunctionFacts {
  /** The parameters that answer for their argument. */
  answering: ReadonlySet<string>;
  /** The body has a throw or an exit (nested functions and classes aside): a call may not return. */
  mayLeave: boolean;
  /**
   * The `$this` properties the body names (`$this->name`), or 'any' where it may reach others:
   * `$this` itself handed on or a method called on it (which may check any property), a dynamic
   * name (`$this->$name`), a closure (bound to the object).
   */
  thisProperties: ReadonlySet<string> | 'any';
}

/** A property name of `$this->name`; undefined when the node is not such a lookup. */
function thisPropertyName(node: PhpNode): string | undefined {
  if (node.kind !== 'propertylookup' || !isNode(node.what) || variableName(node.what) !== 'this') return undefined;
  return isNode(node.offset) && node.offset.kind === 'identifier' ? String(node.offset.name) : undefined;
}

/** What of `$this` a body reaches: see FunctionFacts.thisProperties. */
function thisPropertiesOf(body: PhpNode): ReadonlySet<string> | 'any' {
  const names = new Set<string>();
  const stack: PhpNode[] = [body];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node !== body && (node.kind === 'closure' || node.kind === 'arrowfunc')) return 'any';
    if (node !== body && NESTED_SCOPES.has(node.kind)) continue;
    if (node.kind === 'call' && isNode(node.what) && thisPropertyName(node.what) !== undefined) return 'any';
    const property = thisPropertyName(node);
    if (property !== undefined) {
      names.add(property);
      continue;
    }
    // `$this` anywhere but as the base of `$this->name`: a method call on it, or the object itself.
    if (variableName(node) === 'this') return 'any';
    if (node.kind === 'staticlookup' || node.kind === 'selfreference' || node.kind === 'staticreference' || node.kind === 'parentreference') return 'any';
    stack.push(...childNodes(node));
  }
  return names;
}

export function functionFacts(body: PhpNode, parameterNames: readonly string[]): FunctionFacts {
  const wanted = new Set(parameterNames);
  const found = new Set<string>();
  let mayLeave = false;
  const stack: PhpNode[] = [body];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node !== body && NESTED_SCOPES.has(node.kind)) {
      // A closure that captures the parameter takes it along.
      for (const use of 'uses' in node ? node.uses : []) if (isNode(use) && variableName(use)) found.add(variableName(use)!);
      continue;
    }
    if (node.kind === 'throw' || node.kind === 'exit') mayLeave = true;
    const conditions: unknown[] = [];
    if (TESTING_STATEMENTS.has(node.kind)) conditions.push(('test' in node ? node.test : undefined) ?? ('cond' in node ? node.cond : undefined));
    if (node.kind === 'for') conditions.push(...(node.test ?? []));
    if (node.kind === 'bin' || node.kind === 'unary' || node.kind === 'isset' || node.kind === 'empty') conditions.push(node);
    if (node.kind === 'call') {
      conditions.push(node);
      if (handsOn(node)) for (const arg of node.arguments ?? []) testedVariables(arg, found);
    }
    if (node.kind === 'new') for (const arg of node.arguments ?? []) testedVariables(arg, found);
    if (node.kind === 'return') testedVariables(node.expr, found);
    if (node.kind === 'yield') testedVariables(node.value, found);
    for (const condition of conditions) testedVariables(condition, found);
    stack.push(...childNodes(node));
  }
  return { answering: new Set([...found].filter((name) => wanted.has(name))), mayLeave, thisProperties: thisPropertiesOf(body) };
}
