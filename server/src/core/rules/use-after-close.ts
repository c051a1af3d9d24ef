import { rangeOf } from '../ast';
import type { SocketCall } from '../model/model';
import { defineRule } from '../rule';

export default defineRule({
  id: 'use-after-close',
  meta: {
    description: 'A socket passed to a socket_*() function after socket_close() closed it, or a stream passed to a stream function after fclose() closed it, on every path.',
    defaultSeverity: 'warning',
    fixable: false,
    hasSuggestions: false,
    messages: {
      closed: '{{name}}() on a socket closed on line {{line}}: PHP 8 throws an Error here. Call it before socket_close().',
      closedStream: '{{name}}() on a stream closed on line {{line}}: PHP 8 throws a TypeError here. Call it before fclose().',
    },
  },
  check(context) {
    const byId = new Map<number, SocketCall>(context.model.calls.map((call) => [call.id, call]));
    for (const call of context.model.calls) {
      const param = call.fn.effects.socketParameter;
      const closedBy = call.socketStates.get('closed');
      const argument = param ? call.arguments.get(param) : undefined;
      const closing = closedBy === undefined ? undefined : byId.get(closedBy);
      if (!param || !argument || !closing) continue;
      context.report({
        // Which close it was says what PHP throws: an Error for a Socket, a TypeError for a stream.
        messageId: closing.fn.api === 'streams' ? 'closedStream' : 'closed',
        data: {
          name: call.fn.name,
          line: context.lineOf(closing.nameRange[0]),
          position: call.fn.params.findIndex((p) => p.name === param) + 1,
          param,
        },
        range: rangeOf(argument.node),
        related: [{ range: rangeOf(closing.node), message: 'closed here' }],
      });
    }
  },
});
