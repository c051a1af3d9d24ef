// fwrite()/fputs() to a socket stream may write fewer bytes than given and return that count
// (after the stream's timeout, or at once when non-blocking; measured in
// test/stream/php-behaviour.test.ts), and so may socket_write()/socket_send() on a non-blocking
// socket. A result that is dropped, or tested only for false or 0, lets the unwritten rest vanish.
import { calledFunctionName, isNode, parentOf, rangeOf, unwrapSilence, type PhpNode } from '../ast';
import type { SocketCall } from '../model/model';
import { isSocketStream } from '../model/values';
import { defineRule } from '../rule';
import { streamArgument } from '../stream-api';

/** Literal data under this many bytes goes out whole in practice (one segment, far below any send buffer). */
const SHORT_DATA = 1024;
/** Functions whose result is a few bytes whatever they get. */
const SHORT_RESULTS = new Set(['chr', 'pack', 'dechex', 'strval', 'intval']);
const ENDING = new Set(['exit', 'throw', 'return']);

/**
 * Whether the data may be long: a variable, a property, a call, or a concatenation holding one.
 * A literal under 1 KB is short, and so is an interpolated string whose literal text is (a
 * command line such as "USER $name\r\n").
 */
function mayBeLong(node: PhpNode): boolean {
  switch (node.kind) {
    case 'string':
    case 'nowdoc':
      return Buffer.byteLength(String(node.value)) >= SHORT_DATA;
    case 'number':
      return false;
    case 'encapsed':
      return (node.value ?? []).reduce((bytes: number, part: PhpNode) => bytes + (part.kind === 'string' ? Buffer.byteLength(String(part.value)) : 0), 0) >= SHORT_DATA;
    case 'bin':
      return node.type === '.' ? mayBeLong(node.left) || mayBeLong(node.right) : false;
    case 'call':
      return !SHORT_RESULTS.has(calledFunctionName(node) ?? '');
    default:
      return true;
  }
}

/**
 * How the program looks at the count: `dropped` (a statement of its own), `falseOnly` (`!fwrite()`,
 * `=== false`, `== 0`, `or die()`), or undefined when it keeps or compares it (left alone).
 */
function countUse(program: PhpNode, call: PhpNode): 'dropped' | 'falseOnly' | undefined {
  let node = call;
  let parent = parentOf(program, node);
  while (parent?.kind === 'silent') [node, parent] = [parent, parentOf(program, parent)];
  if (!parent) return undefined;
  if (parent.kind === 'expressionstatement') return 'dropped';
  if (parent.kind === 'unary' && parent.type === '!') return 'falseOnly';
  if (parent.kind === 'bin') {
    const other = parent.left === node ? parent.right : parent.left;
    if (['===', '==', '!==', '!='].includes(parent.type) && isNode(other) && isFalseOrZero(other)) return 'falseOnly';
    if (['or', '||'].includes(parent.type) && parent.left === node && isNode(other) && ENDING.has(unwrapSilence(other).kind)) return 'falseOnly';
  }
  if ((parent.kind === 'if' || parent.kind === 'while') && parent.test === node) return 'falseOnly';
  return undefined;
}

/** The data parameter of a call that may write only part of it here: to a socket stream, or on a non-blocking socket. */
function partialData(call: SocketCall): string | undefined {
  const writes = call.fn.stream?.writes;
  if (writes?.partial) return isSocketStream(streamArgument(call)?.value) ? writes.data : undefined;
  const partial = call.fn.effects.partialWrite;
  return partial && call.socketStates.has(partial.when) ? partial.data : undefined;
}

function isFalseOrZero(node: PhpNode): boolean {
  return (node.kind === 'boolean' && node.value === false) || (node.kind === 'number' && Number(node.value) === 0);
}

/** How partial-write reports this call: `dropped`, `falseOnly`, or undefined when it does not. */
export function partialWriteUse(program: PhpNode, call: SocketCall): 'dropped' | 'falseOnly' | undefined {
  const dataParam = partialData(call);
  const data = dataParam ? call.arguments.get(dataParam) : undefined;
  return data && mayBeLong(unwrapSilence(data.node)) ? countUse(program, call.node) : undefined;
}

export default defineRule({
  id: 'partial-write',
  meta: {
    description: 'fwrite()/fputs() to a socket stream, or socket_write()/socket_send() on a non-blocking socket, whose count is dropped or tested only for false: a short write loses the rest.',
    defaultSeverity: 'warning',
    fixable: false,
    hasSuggestions: false,
    messages: {
      dropped: '{{name}}() may write only part of the data to a socket, and its count is dropped. Write the rest in a loop until every byte is out.',
      falseOnly: '{{name}}() may write only part of the data to a socket; testing for false or 0 misses it. Write the rest in a loop until every byte is out.',
    },
  },
  check(context) {
    for (const call of context.model.calls) {
      const use = partialWriteUse(context.model.program, call);
      if (use) context.report({ messageId: use, data: { name: call.fn.name }, range: call.nameRange });
    }
  },
});
