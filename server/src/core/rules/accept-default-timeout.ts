// stream_socket_accept() with no timeout waits default_socket_timeout (60 s), then returns false
// (measured in test/stream/php-behaviour.test.ts): a server loop, or a program, that ends on that
// false stops after one idle minute, though no client ever failed.
import { calledFunctionName, isNode, parentOf, spreadsArguments, variableName, type PhpNode } from '../ast';
import { exactEnd, replaceNode, suggestion } from '../fix-builders';
import type { SocketCall } from '../model/model';
import { defineRule } from '../rule';
import { DEFAULT_SOCKET_TIMEOUT, givenArgument } from '../stream-api';
import type { Suggestion } from '../types';

const LOOPS = new Set(['while', 'do', 'for']);
const ANY_LOOP = new Set([...LOOPS, 'foreach']);
const CODE_BOUNDARIES = new Set(['function', 'method', 'closure', 'arrowfunc', 'class']);
const ENDING = new Set(['break', 'return', 'exit', 'throw']);

/** The call's timeout argument is missing or null: PHP waits default_socket_timeout. */
function waitsDefault(call: SocketCall): boolean {
  const param = call.fn.stream?.waits?.timeout;
  return param !== undefined && call.fn.stream?.opens !== undefined && givenArgument(call, param) === undefined;
}

/** The `exit`, `die`, `throw`, `return` or `break` that the code run on false ends with, if any. */
function ending(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (ENDING.has(node.kind)) return node.kind;
  if (node.kind === 'expressionstatement') return ending(node.expression);
  if (node.kind === 'block') return ending((node.children ?? []).at(-1));
  return undefined;
}

/** `!$c`, `$c === false`, `false == $c`, `!is_resource($c)`: true when `name` holds accept()'s false. */
function testsForFalse(test: unknown, name: string): boolean {
  if (!isNode(test)) return false;
  const isName = (node: unknown) => isNode(node) && variableName(node) === name;
  if (test.kind === 'unary' && test.type === '!') {
    const what = test.what;
    return isName(what) || (isNode(what) && what.kind === 'call' && calledFunctionName(what) === 'is_resource' && isName(what.arguments?.[0]));
  }
  if (test.kind === 'bin' && (test.type === '===' || test.type === '==')) {
    const isFalse = (node: unknown) => isNode(node) && node.kind === 'boolean' && node.value === false;
    return (isName(test.left) && isFalse(test.right)) || (isFalse(test.left) && isName(test.right));
  }
  return false;
}

/** Whether the call's false ends a loop or the program, and which; undefined when it does not. */
function endsOnFalse(program: PhpNode, call: PhpNode): 'loop' | 'program' | undefined {
  let node = call;
  let assigned: string | undefined;
  for (let parent = parentOf(program, node); parent; node = parent, parent = parentOf(program, parent)) {
    if (parent.kind === 'silent' || (parent.kind === 'bin' && (parent.type === '&&' || parent.type === 'and'))) continue;
    if (parent.kind === 'assign' && parent.right === node && parent.operator === '=') {
      assigned = variableName(parent.left);
      continue;
    }
    if (LOOPS.has(parent.kind) && 'test' in parent && parent.test === node) return 'loop';
    if (parent.kind === 'bin' && (parent.type === 'or' || parent.type === '||') && parent.left === node) return where(program, parent, ending(parent.right));
    if (parent.kind === 'expressionstatement' && assigned) return where(program, parent, nextTestEnding(program, parent, assigned));
    return undefined;
  }
  return undefined;
}

/** How the statement after `$c = accept();` ends when it is `if (!$c) break;` (or exit, return, throw). */
function nextTestEnding(program: PhpNode, statement: PhpNode, name: string): string | undefined {
  const list = parentOf(program, statement);
  const siblings: unknown[] = list && 'children' in list ? list.children : [];
  const next = siblings[siblings.indexOf(statement) + 1];
  return isNode(next) && next.kind === 'if' && testsForFalse(next.test, name) ? ending(next.body) : undefined;
}

/** What the ending stops: the loop around the call, else the program. A `return` outside a loop
 *  only leaves its function (a callback, an event handler's method): its caller goes on. */
function where(program: PhpNode, node: PhpNode, kind: string | undefined): 'loop' | 'program' | undefined {
  if (!kind) return undefined;
  for (let parent = parentOf(program, node); parent; parent = parentOf(program, parent)) {
    if (ANY_LOOP.has(parent.kind)) return 'loop';
    if (CODE_BOUNDARIES.has(parent.kind)) return kind === 'return' ? undefined : 'program';
  }
  return 'program';
}

/** Pass -1: accept then waits for ever. A loop that ended after an idle minute no longer ends: a suggestion. */
function foreverSuggestion(text: string, call: SocketCall): Suggestion | undefined {
  const title = 'Pass -1 as the timeout (wait for ever)';
  const timeout = call.arguments.get(call.fn.stream!.waits!.timeout);
  if (timeout) return suggestion(title, [replaceNode(timeout.node, '-1')]);
  const args = ((call.node.arguments ?? []) as unknown[]).filter(isNode);
  if (args.length === 0 || spreadsArguments(call.node)) return undefined;
  const named = args.some((arg) => arg.kind === 'namedargument');
  const end = exactEnd(text, args[args.length - 1]!);
  if (!named && args.length !== 1) return undefined;
  return suggestion(title, [{ range: [end, end], text: named ? ', timeout: -1' : ', -1' }]);
}

export default defineRule({
  id: 'accept-default-timeout',
  meta: {
    description: 'stream_socket_accept() with no timeout, in a loop or program that ends when it returns false.',
    defaultSeverity: 'warning',
    fixable: false,
    hasSuggestions: true,
    messages: {
      loop: '{{name}}() gives up after {{seconds}} idle seconds with no timeout, and this loop then ends. Pass a timeout (-1 waits for ever).',
      program: '{{name}}() gives up after {{seconds}} idle seconds with no timeout, and the program then stops. Pass a timeout (-1 waits for ever).',
    },
  },
  check(context) {
    for (const call of context.model.calls) {
      if (!waitsDefault(call)) continue;
      const ending = endsOnFalse(context.model.program, call.node);
      if (!ending) continue;
      const edit = foreverSuggestion(context.text, call);
      context.report({
        messageId: ending,
        data: { name: call.fn.name, seconds: DEFAULT_SOCKET_TIMEOUT.seconds },
        range: call.nameRange,
        suggestions: edit ? [edit] : [],
      });
    }
  },
});
