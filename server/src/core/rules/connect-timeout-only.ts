// A connect timeout given to fsockopen()/stream_socket_client() bounds the connect only: reads on
// the stream then wait default_socket_timeout (60 s) unless stream_set_timeout() is called
// (measured in test/stream/php-behaviour.test.ts).
import { calledFunctionName, childNodes, rangeOf, type PhpNode } from '../ast';
import type { AbstractValue } from '../model/values';
import type { SocketCall } from '../model/model';
import { defineRule } from '../rule';
import { DEFAULT_SOCKET_TIMEOUT, givenArgument, streamArgument } from '../stream-api';

/** `ini_set('default_socket_timeout', …)` somewhere in the file: the program chose how long reads wait. */
function setsDefaultTimeout(node: PhpNode): boolean {
  if (node.kind === 'call' && calledFunctionName(node) === 'ini_set') {
    const setting = node.arguments?.[0];
    if (setting?.kind === 'string' && setting.value === DEFAULT_SOCKET_TIMEOUT.ini) return true;
  }
  return childNodes(node).some(setsDefaultTimeout);
}

/**
 * `stream_set_blocking($fp, false)` (or a mode the file does not spell out): reads on a
 * non-blocking stream return at once, so the default timeout never applies to them.
 */
function mayUnblock(call: SocketCall): boolean {
  const mode = call.fn.stream?.setsBlocking ? givenArgument(call, call.fn.stream.setsBlocking) : undefined;
  if (!mode) return false;
  const { value } = mode;
  return value.unknown || value.consts.length === 0 || value.consts.some((c) => !c);
}

export default defineRule({
  id: 'connect-timeout-only',
  meta: {
    description: 'A connect timeout, then reads on that stream with no stream_set_timeout(): reads wait default_socket_timeout.',
    defaultSeverity: 'info',
    fixable: false,
    hasSuggestions: false,
    messages: {
      connectOnly:
        "{{name}}()'s timeout bounds the connect only: reads wait {{seconds}} s (default_socket_timeout). Call stream_set_timeout() on the stream after connecting.",
    },
  },
  check(context) {
    const { calls } = context.model;
    // stream_select() waits with a timeout of its own, on arrays the model does not follow into;
    // a program that sets default_socket_timeout chose the reads' wait: neither is judged.
    if (calls.some((call) => call.fn.stream?.keepsStreams)) return;
    let chosenByProgram: boolean | undefined;
    for (const opener of calls) {
      const timeout = opener.fn.stream?.opens?.connectTimeout ? givenArgument(opener, opener.fn.stream.opens.connectTimeout) : undefined;
      if (!timeout) continue;
      const fromOpener = (value: AbstractValue | undefined) => [...(value?.sockets.values() ?? [])].some((site) => site.call === opener.node);
      const onStream = calls.filter((call) => fromOpener(streamArgument(call)?.value));
      const read = onStream.find((call) => call.fn.stream?.reads);
      if (!read || onStream.some((call) => call.fn.stream?.setsTimeout || mayUnblock(call))) continue;
      if ((chosenByProgram ??= setsDefaultTimeout(context.model.program))) return;
      context.report({
        messageId: 'connectOnly',
        data: { name: opener.fn.name, seconds: DEFAULT_SOCKET_TIMEOUT.seconds },
        range: rangeOf(timeout.node),
        related: [{ range: read.nameRange, message: `${read.fn.name}() waits up to ${DEFAULT_SOCKET_TIMEOUT.seconds} s here` }],
      });
    }
  },
});
