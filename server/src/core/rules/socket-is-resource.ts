// socket-is-resource: is_resource() and friends on what may be a PHP 8 Socket object. The rule
// collects its own facts: the analysis tells it of calls, comparisons and conditions, and it asks
// the scope what the tested value may hold there.
import { calledFunctionName, isNode, isPositionalArgument, LOGICAL_OPERATORS, unwrapSilence, type PhpNode } from '../ast';
import { exactRange, fix, needsParentheses, sourceOf } from '../fix-builders';
import { expressionKey, namesSocketClass } from '../model/conditions';
import type { AnalysisListener, CallEvent, ComparisonEvent, ConditionEvent } from '../model/events';
import { streamSites, type AbstractValue } from '../model/values';
import { defineRule } from '../rule';
import type { Fix } from '../types';

const RESOURCE_TEST_FUNCTIONS = new Set(['is_resource', 'get_resource_type']);
const TYPE_NAME_FUNCTIONS = new Set(['gettype', 'get_debug_type']);
const EQUALITY = new Set(['==', '===', '!=', '!==', '<>']);

/**
 * A resource test on a value that may be an ext/sockets socket: `is_resource($sock)`,
 * `get_resource_type($sock)`, or `gettype($sock) === 'resource'` (then `node` is the comparison).
 */
interface ResourceTest {
  node: PhpNode;
  fn: string;
  argument: PhpNode;
  value: AbstractValue;
  /** `gettype($s) !== 'resource'`: the test asks "not a resource". */
  negated: boolean;
}

function firstArgument(call: PhpNode): PhpNode | undefined {
  const argument = 'arguments' in call ? call.arguments[0] : undefined;
  return isPositionalArgument(argument) ? argument : undefined;
}

/** The resource tests of one analysis round, and the conditions that pair them with `instanceof Socket`. */
class ResourceTests implements AnalysisListener {
  private readonly found = new Map<PhpNode, ResourceTest>();
  /** `is_resource($s) || $s instanceof \Socket` is right on PHP 7 and 8 alike: no bug. */
  private readonly paired = new Set<PhpNode>();
  /** Logical operators of chains already read, from their outermost operator. */
  private readonly readChains = new WeakSet<PhpNode>();

  call({ node, name, scope }: CallEvent): void {
    if (!name || !RESOURCE_TEST_FUNCTIONS.has(name) || scope.underVersionGuard()) return;
    this.note(node, name, node, scope.valueOf.bind(scope), false);
  }

  /** `gettype($sock) === 'resource'`: a resource test in disguise. */
  comparison({ node, op, scope }: ComparisonEvent): void {
    if (!EQUALITY.has(op)) return;
    for (const [callSide, other] of [[node.left, node.right], [node.right, node.left]] as unknown[][]) {
      if (!isNode(callSide) || callSide.kind !== 'call' || !isNode(other) || other.kind !== 'string') continue;
      const name = calledFunctionName(callSide);
      if (name && TYPE_NAME_FUNCTIONS.has(name) && String(other.value).startsWith('resource')) {
        this.note(node, name, callSide, scope.valueOf.bind(scope), op.startsWith('!') || op === '<>');
      }
    }
  }

  condition({ node }: ConditionEvent): void {
    if (this.readChains.has(node)) return;
    const operands = this.operandsOf(node);
    const source = (subject: PhpNode) => expressionKey(unwrapSilence(subject));
    const checkedAsSocket = new Set(
      operands.flatMap((op) => {
        if (op.kind === 'bin' && op.type === 'instanceof' && namesSocketClass(op.right)) return [source(op.left)];
        const [subject, className] = op.kind === 'call' && calledFunctionName(op) === 'is_a' ? (op.arguments ?? []) : [];
        return isNode(subject) && namesSocketClass(className) ? [source(subject)] : [];
      }),
    );
    if (checkedAsSocket.size === 0) return;
    for (const op of operands) {
      const name = op.kind === 'call' ? calledFunctionName(op) : undefined;
      const argument = op.kind === 'call' ? firstArgument(op) : undefined;
      if (name && RESOURCE_TEST_FUNCTIONS.has(name) && argument && checkedAsSocket.has(source(argument))) this.paired.add(op);
    }
  }

  /** The tests no condition pairs with `instanceof Socket`. */
  unpaired(): ResourceTest[] {
    return [...this.found.values()].filter((test) => !this.paired.has(test.node));
  }

  private note(node: PhpNode, fn: string, call: PhpNode, valueOf: (expression: PhpNode) => AbstractValue | undefined, negated: boolean): void {
    const argument = firstArgument(call);
    const value = argument && valueOf(argument);
    // The last visit is the one the analysis settled on (a loop's later passes may bring a stream).
    // A stream socket is a resource: is_resource() is the right test for it (and a value that may be one is not judged).
    if (argument && value && value.sockets.size > 0 && streamSites(value).length === 0) this.found.set(node, { node, fn, argument, value, negated });
    else this.found.delete(node);
  }

  /** The operands of an `&&`/`||`/`!` chain, its operators marked as read. */
  private operandsOf(node: PhpNode): PhpNode[] {
    const operands: PhpNode[] = [];
    const flatten = (current: unknown): void => {
      if (!isNode(current)) return;
      if (current.kind === 'bin' && LOGICAL_OPERATORS.has(String(current.type))) {
        this.readChains.add(current);
        flatten(current.left);
        flatten(current.right);
      } else if (current.kind === 'unary' && current.type === '!') {
        flatten(current.what);
      } else {
        operands.push(current);
      }
    };
    flatten(node);
    return operands;
  }
}

function versionAtLeast(version: string, major: number): boolean {
  const [maj] = version.split('.').map(Number);
  return (maj ?? 0) >= major;
}

/** The tested value as the left operand of `instanceof`. */
function subjectOf(text: string, test: ResourceTest): string {
  const argument = sourceOf(text, test.argument);
  return /^\$[\w>-]+$|^\$this->\w+$/.test(argument) ? argument : `(${argument})`;
}

function instanceofFix(text: string, test: ResourceTest): Fix | undefined {
  if (test.fn === 'get_resource_type') return undefined;
  const subject = subjectOf(text, test);
  const range = exactRange(text, test.node);
  let replacement = `${subject} instanceof \\Socket`;
  if (test.negated) replacement = `!(${replacement})`;
  else if (needsParentheses(text, range)) replacement = `(${replacement})`;
  return fix(`Replace with ${subject} instanceof \\Socket`, [{ range, text: replacement }]);
}

/** A long expression is named by its start, so the message's first sentence stays short. */
function shortened(source: string): string {
  const oneLine = source.replace(/\s+/g, ' ');
  return oneLine.length > 30 ? `${oneLine.slice(0, 27)}...` : oneLine;
}

export default defineRule({
  id: 'socket-is-resource',
  facts: () => new ResourceTests(),
  meta: {
    description: 'Since PHP 8.0 sockets are Socket objects: is_resource() is always false for them.',
    defaultSeverity: 'warning',
    fixable: true,
    hasSuggestions: false,
    messages: {
      isResource: 'is_resource() is always false for a PHP 8 Socket object. Test `{{subject}} instanceof \\Socket`.',
      maybeIsResource: 'is_resource() may get a PHP 8 Socket object, for which it is always false. Test `{{subject}} instanceof \\Socket`.',
      getResourceType: 'get_resource_type() throws a TypeError for a PHP 8 Socket object. Test `{{subject}} instanceof \\Socket`.',
      gettype: '{{fn}}() of a PHP 8 Socket object is "{{actual}}", never "resource". Test `{{subject}} instanceof \\Socket`.',
    },
  },
  check(context) {
    if (!versionAtLeast(context.phpVersion, 8)) return;
    for (const test of context.facts.unpaired()) {
      const definite = !test.value.unknown;
      const messageId =
        test.fn === 'is_resource' ? (definite ? 'isResource' : 'maybeIsResource') : test.fn === 'get_resource_type' ? 'getResourceType' : 'gettype';
      const instanceofFixOrNone = instanceofFix(context.text, test);
      context.report({
        messageId,
        data: { fn: test.fn, actual: test.fn === 'gettype' ? 'object' : 'Socket', subject: shortened(subjectOf(context.text, test)) },
        range: exactRange(context.text, test.node),
        ...(instanceofFixOrNone ? { fix: instanceofFixOrNone } : {}),
      });
    }
  },
});
