// Assignments and increments. PHP arrays are values: `$read = $clients` copies, so the port
// writes `.copy()` where either array is changed in place later. Element writes go through
// PhpArray (`a.set(k, v)`, `a.push(v)`, `a.nested(k).set(j, v)` for PHP's autovivification).
import { calledFunctionName } from '../core/ast';
import { type LooseNode } from './loose-node';
import { socketFunction } from '../core/socket-api';
import { isGlobalsEntry, isPropertyPlace, offsetPlace, propertiesAt } from './analysis';
import { propertyPlace } from './class-code';
import { builtin } from './builtins';
import { soleObjectOwners, soleSocketOwners } from './ownership';
import { expr, PREC, wrap, type Expr } from './code';
import { callExpression, stringCode, value } from './expressions';
import { listPattern } from './statements';
import { arrayOf, elementOf, INT, isArray, isInt, isNumeric, isString, MIXED, NUMBER, STRING, tsType, tsTypeNames, union, without, type PhpType } from './php-types';
import type { Translator } from './translator';
import { binaryType } from './typing';

/** Keys that can be evaluated twice without changing what the program does. */
function isPure(node: LooseNode): boolean {
  return ['variable', 'number', 'string', 'name', 'boolean', 'nullkeyword'].includes(node.kind);
}

/** `.copy()` for an array value read from a variable, when sharing it would be visible. */
export function copiedIfShared(t: Translator, source: LooseNode, result: Expr, target: LooseNode | undefined): Expr {
  if (!offsetPlace(source) || (!result.type.kinds.has('array') && !result.type.kinds.has('mixed'))) return result;
  const mutatedAt = (node: LooseNode) => (node.kind === 'variable' ? (t.variableInfo(node)?.mutated ?? false) : propertiesAt(node, t.analysis.env).some((property) => property.mutated));
  const place = offsetPlace(source);
  const sourceMutated = place ? mutatedAt(place.root) : false;
  // Stored into an array element (no target), the value may be changed there later.
  if (target && !sourceMutated && !mutatedAt(target)) return result;
  if (isArray(result.type)) return expr(`${wrap(result, PREC.primary)}.copy()`, result.type);
  return expr(`${t.use('copyValue')}(${result.code})`, result.type);
}

/** The value of `$x = <right>`, with copy semantics for arrays. */
export function assignedValue(t: Translator, node: LooseNode): Expr {
  return copiedIfShared(t, node.right, value(t, node.right), node.left);
}

/** A call whose by-reference outputs come back in its result (socket, built-in or user function). */
function callWithOutputs(t: Translator, node: LooseNode): boolean {
  const name = node?.kind === 'call' ? calledFunctionName(node) : undefined;
  if (!name) return false;
  const fn = socketFunction(name);
  if (fn) return fn.params.some((param) => param.byRef);
  if (builtin(name)?.outputs) return true;
  return (t.analysis.functions.get(name)?.refParams.length ?? 0) > 0;
}

export function assignment(t: Translator, node: LooseNode, statement: boolean): Expr {
  const left: LooseNode = node.left;
  const operator = String(node.operator);
  if (left.kind === 'list' || left.kind === 'array') return destructuring(t, node, statement);
  if (left.kind === 'variable') {
    if (typeof left.name !== 'string') return t.unportedExpr(node, 'variable variables are not ported');
    const target = value(t, left);
    if (operator === '=' && callWithOutputs(t, node.right)) return callExpression(t, node.right, { statement, resultTarget: target.code });
    if (operator === '=' && soleSocketOwners(t.analysis).has(t.variableInfo(left)!)) {
      // PHP frees, and so closes, the socket the variable held once the new value is stored.
      return expr(`${target.code} = ${t.use('replaced')}(${target.code}!, ${assignedValue(t, node).code})`, target.type, PREC.assignment);
    }
    if (operator === '=' && soleObjectOwners(t.analysis).has(t.variableInfo(left)!)) {
      // The object the variable held goes with its last reference: PHP runs its __destruct() once the new value is stored.
      return expr(`${target.code} = ${t.use('destroyedBy')}(${target.code}!, ${assignedValue(t, node).code})`, target.type, PREC.assignment);
    }
    if (operator === '=') return expr(`${target.code} = ${wrap(assignedValue(t, node), PREC.assignment)}`, target.type, PREC.assignment);
    return compoundVariable(t, node, target, operator);
  }
  if (isGlobalsEntry(left)) {
    const target = value(t, left);
    if (operator === '=') return expr(`${target.code} = ${wrap(assignedValue(t, node), PREC.assignment)}`, target.type, PREC.assignment);
    return compoundVariable(t, node, target, operator);
  }
  if (left.kind === 'offsetlookup') return elementAssignment(t, node);
  const property = isPropertyPlace(left) ? propertyPlace(t, left) : undefined;
  if (property) {
    if (operator === '=') return expr(`${property.code} = ${wrap(assignedValue(t, node), PREC.assignment)}`, property.type, PREC.assignment);
    return compoundVariable(t, node, property, operator);
  }
  return t.unportedExpr(node, `assigning to ${left.kind} is not ported`);
}

function compoundVariable(t: Translator, node: LooseNode, target: Expr, operator: string): Expr {
  const right = value(t, node.right);
  const op = operator.slice(0, -1);
  const native = (code: string, type: PhpType, jsOperator = operator) => expr(`${target.code} ${jsOperator} ${code}`, type, PREC.assignment);
  switch (op) {
    case '.':
      if (isString(target.type)) return native(wrap(expr(stringCode(t, right), STRING), PREC.assignment), STRING, '+=');
      return expr(`${target.code} = ${stringCode(t, target)} + ${wrap(expr(stringCode(t, right), STRING), PREC.additive + 1)}`, STRING, PREC.assignment);
    case '??':
      return native(wrap(right, PREC.assignment), union(without(target.type, 'null'), right.type));
    case '+':
    case '-':
    case '*':
    case '**':
      if (isNumeric(target.type) && isNumeric(right.type)) return native(wrap(right, PREC.assignment), binaryType(op, target.type, right.type));
      break;
    case '/':
    case '%': {
      // Only a literal divisor other than 0 can use JavaScript's operator (PHP throws on 0).
      const literal = node.right.kind === 'number' && Number(String(node.right.value).replace(/_/g, '')) !== 0;
      const fits = op === '/' ? isNumeric(target.type) && isNumeric(right.type) : isInt(target.type) && isInt(right.type);
      if (literal && fits) return native(wrap(right, PREC.assignment), binaryType(op, target.type, right.type));
      break;
    }
  }
  const combined = value(t, { kind: 'bin', type: op, left: node.left, right: node.right, loc: node.loc });
  return expr(`${target.code} = ${wrap(combined, PREC.assignment)}`, combined.type, PREC.assignment);
}

/** The PhpArray expression that holds `$a[...][k]` (all offsets but the last), autovivifying. */
function containerFor(t: Translator, node: LooseNode): Expr | undefined {
  if (node.kind === 'variable' || isPropertyPlace(node) || isGlobalsEntry(node)) {
    const container = value(t, node);
    if (isArray(container.type) || container.type.kinds.size === 0) return container;
    // An array or null (a property before its first array): PHP makes the array at the first write.
    const array = without(container.type, 'null');
    if (!container.type.kinds.has('null') || !isArray(array)) return undefined;
    for (const name of tsTypeNames(array)) t.use(name);
    return expr(`(${container.code} ??= new ${t.use('PhpArray')}<${tsType(elementOf(array))}>())`, array);
  }
  if (node.kind !== 'offsetlookup' || !node.offset) return undefined;
  const outer = containerFor(t, node.what);
  if (!outer) return undefined;
  const element = elementOf(outer.type);
  if (!element.kinds.has('array') && !element.kinds.has('mixed')) return undefined;
  // nested() gives the array stored there (creating it when missing), as PHP writes through.
  return expr(`${wrap(outer, PREC.primary)}.nested(${value(t, node.offset).code})`, element.kinds.has('mixed') ? arrayOf(MIXED) : { kinds: new Set(['array']), element: element.element });
}

function elementAssignment(t: Translator, node: LooseNode): Expr {
  const left: LooseNode = node.left;
  const container = containerFor(t, left.what);
  if (!container) return t.unportedExpr(node, 'writing into this value is not ported (only arrays are)');
  const operator = String(node.operator);
  const base = wrap(container, PREC.primary);
  if (!left.offset) {
    if (operator !== '=') return t.unportedExpr(node, `\`[] ${operator}\` is not ported`);
    const pushed = copiedIfShared(t, node.right, value(t, node.right), undefined);
    return expr(`${base}.push(${wrap(pushed, PREC.assignment)})`, pushed.type);
  }
  if (!isPure(left.offset) && operator !== '=') return t.unportedExpr(node, 'a compound assignment to an element with a computed key is not ported');
  const key = value(t, left.offset);
  let assigned: Expr;
  if (operator === '=') {
    assigned = copiedIfShared(t, node.right, value(t, node.right), undefined);
  } else if (operator === '??=') {
    const right = value(t, node.right);
    return expr(`${base}.lookup(${key.code}) ?? ${base}.set(${key.code}, ${wrap(right, PREC.assignment)})`, union(elementOf(container.type), right.type), PREC.or);
  } else {
    assigned = value(t, { kind: 'bin', type: operator.slice(0, -1), left, right: node.right, loc: node.loc });
  }
  return expr(`${base}.set(${key.code}, ${wrap(assigned, PREC.assignment)})`, assigned.type);
}

/** `[$a, $b] = $array` and `['host' => $h] = $array`, as a statement. */
function destructuring(t: Translator, node: LooseNode, statement: boolean): Expr {
  if (!statement) return t.unportedExpr(node, 'list() inside an expression is not ported');
  const source = value(t, node.right);
  const pattern = listPattern(t, node.left);
  if (!pattern) return t.unportedExpr(node, 'nested list() is not ported');
  const { targets, keys } = pattern;
  if (!isArray(source.type)) {
    // list() of something else (unpack() that failed) assigns null to every variable.
    return expr(`[${targets.join(', ')}] = ${t.use('listValues')}(${[source.code, ...keys].join(', ')})`, source.type, PREC.assignment);
  }
  return expr(`[${targets.join(', ')}] = ${wrap(source, PREC.primary)}.pick(${keys.join(', ')})`, source.type, PREC.assignment);
}

/** `$i++`, `--$i`, `$counts[$k]++`. */
export function increment(t: Translator, node: LooseNode, statement: boolean): Expr {
  const operator = node.type === '+' ? '++' : '--';
  const target: LooseNode = node.what;
  if (target.kind === 'variable' || isPropertyPlace(target) || isGlobalsEntry(target)) {
    const current = value(t, target);
    if (isNumeric(without(current.type, 'null')) && !current.type.kinds.has('null')) {
      const code = node.kind === 'post' ? `${current.code}${operator}` : `${operator}${current.code}`;
      return expr(code, current.type, node.kind === 'post' ? PREC.postfix : PREC.unary);
    }
    if (!statement && node.kind === 'post') return t.unportedExpr(node, `${operator} on a value that may not be a number is not ported here`);
    return expr(`${current.code} = ${t.use('toNumber')}(${current.code}) ${operator === '++' ? '+' : '-'} 1`, NUMBER, PREC.assignment);
  }
  if (target.kind === 'offsetlookup' && target.offset && isPure(target.offset) && (statement || node.kind === 'pre')) {
    const container = containerFor(t, target.what);
    if (container) {
      const base = wrap(container, PREC.primary);
      const key = value(t, target.offset).code;
      const element = elementOf(container.type);
      const current = isNumeric(element) ? `${base}.get(${key})` : `${t.use('toNumber')}(${base}.get(${key}))`;
      return expr(`${base}.set(${key}, ${current} ${operator === '++' ? '+' : '-'} 1)`, isInt(element) ? INT : NUMBER);
    }
  }
  return t.unportedExpr(node, `${operator} here is not ported`);
}

