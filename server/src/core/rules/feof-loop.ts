// `while (!feof($s))` on a socket stream: feof() never waits and is true only once the peer closed,
// so against a peer that keeps the connection open the loop goes round on reads that return false
// at each timeout (measured in test/stream/php-behaviour.test.ts).
import { calledFunctionName, childNodes, isNode, rangeOf, unwrapSilence, variableName, type NodeOf, type PhpNode } from '../ast';
import type { SocketCall } from '../model/model';
import { isSocketStream } from '../model/values';
import internals from '../php-internals.json';
import { defineRule } from '../rule';
import { apiFunction, streamArgument } from '../stream-api';

const INTERNAL_FUNCTIONS = internals.functions as Record<string, string>;
const NESTED_CODE = new Set(['function', 'method', 'closure', 'arrowfunc', 'class']);
/** Ways out of the loop that a timeout or a false read may take (`break`, `return`, …). */
const EXITS = new Set(['break', 'return', 'throw', 'exit', 'goto']);

/**
 * What in the body may end the loop before EOF: an exit statement, a `timed_out` test, or a call
 * of code the rule does not see (a method, a function of this file or another: it may throw).
 * Not what sits in a branch that runs on one turn only (`runsOnce`): it is no way out later.
 */
function mayLeaveEarly(node: PhpNode, loopBody: PhpNode): boolean {
  if (EXITS.has(node.kind)) return true;
  if (node.kind === 'string' && node.value === 'timed_out') return true;
  if (node.kind === 'call') {
    const name = calledFunctionName(node);
    if (!name || !(name in INTERNAL_FUNCTIONS || apiFunction(name))) return true;
  }
  // (`$a?->m()` is a call, above: php-parser has no kind of its own for it.)
  if (node.kind === 'new') return true;
  if (runsOnce(node, loopBody)) return false;
  return childNodes(node).some((child) => !NESTED_CODE.has(child.kind) && mayLeaveEarly(child, loopBody));
}

/** The statements of a branch: a block's, or the one statement of a bare body. */
function statementsOf(body: PhpNode | null): PhpNode[] {
  if (!body) return [];
  return body.kind === 'block' ? body.children.filter(isNode) : [body];
}

/**
 * `if (!$seen) { …; $seen = true; }`, `if ($first) { …; $first = false; }`: a branch that turns its
 * own test false, where the loop sets the flag nowhere else, runs on one turn only (the first
 * line of a reply, say): a false read on a later turn never reaches what is in it.
 */
function runsOnce(node: PhpNode, loopBody: PhpNode): boolean {
  if (node.kind !== 'if' || node.alternate) return false;
  const test = node.test;
  const negated = test.kind === 'unary' && test.type === '!';
  const flag = variableName(test.kind === 'unary' && negated ? test.what : test);
  if (!flag) return false;
  const turnsTestFalse = statementsOf(node.body).some((statement) => {
    const assign = statement.kind === 'expressionstatement' ? statement.expression : undefined;
    return assign?.kind === 'assign' && assign.operator === '=' && variableName(assign.left) === flag && assign.right.kind === 'boolean' && assign.right.value === negated;
  });
  return turnsTestFalse && assignmentsOf(flag, loopBody).every((assign) => within(assign, node));
}

/** Every assignment to the variable in the node (any operator). */
function assignmentsOf(name: string, node: PhpNode): PhpNode[] {
  const found: PhpNode[] = [];
  const visit = (current: PhpNode): void => {
    if (current.kind === 'assign' && variableName(current.left) === name) found.push(current);
    for (const child of childNodes(current)) if (!NESTED_CODE.has(child.kind)) visit(child);
  };
  visit(node);
  return found;
}

function within(node: PhpNode, outer: PhpNode): boolean {
  const [start, end] = rangeOf(node);
  const [outerStart, outerEnd] = rangeOf(outer);
  return outerStart <= start && end <= outerEnd;
}

interface FeofLoop {
  loop: NodeOf<'while'>;
  feof: NodeOf<'call'>;
}

/** `while (!feof($s))`: the loop and its feof() call, when the condition is exactly that. */
function feofLoops(program: PhpNode, into: FeofLoop[]): void {
  const visit = (node: PhpNode): void => {
    if (node.kind === 'while' && isNode(node.test) && node.test.kind === 'unary' && node.test.type === '!' && isNode(node.test.what)) {
      const call = unwrapSilence(node.test.what);
      if (call.kind === 'call' && calledFunctionName(call) === 'feof') into.push({ loop: node, feof: call });
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(program);
}

export default defineRule({
  id: 'feof-loop',
  meta: {
    description: 'while (!feof($s)) on a socket stream with no way out on a false read, a timed_out test or a bound.',
    defaultSeverity: 'warning',
    fixable: false,
    hasSuggestions: false,
    messages: {
      untilEof:
        'This loop ends only when the peer closes the socket: feof() never waits, and reads just time out. Leave it on a false or empty read, or when timed_out is set.',
    },
  },
  check(context) {
    const { calls, program } = context.model;
    const feofCalls = new Map<PhpNode, SocketCall>(calls.filter((call) => call.fn.stream?.neverBlocks).map((call) => [call.node, call]));
    if (feofCalls.size === 0) return;
    const loops: FeofLoop[] = [];
    feofLoops(program, loops);
    for (const { loop, feof } of loops) {
      const call = feofCalls.get(feof);
      if (!call || !isSocketStream(streamArgument(call)?.value)) continue;
      const body = loop.body;
      if (!isNode(body) || mayLeaveEarly(body, body)) continue;
      if (!calls.some((read) => read.fn.stream?.reads && within(read.node, body))) continue;
      context.report({ messageId: 'untilEof', range: rangeOf(loop.test) });
    }
  },
});
