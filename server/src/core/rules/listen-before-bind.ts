import { isDatagramType } from '../socket-api';
import { defineRule } from '../rule';

export default defineRule({
  id: 'listen-before-bind',
  meta: {
    description: 'socket_listen() on a socket that was never bound listens on a random port.',
    defaultSeverity: 'hint',
    fixable: false,
    hasSuggestions: false,
    messages: {
      neverBound: 'socket_listen() on a socket never bound listens on a random port. Call socket_bind() before it.',
    },
  },
  check(context) {
    for (const call of context.model.calls) {
      if (call.fn.name !== 'socket_listen' || !call.socketNeverBound) continue;
      const socket = call.arguments.get('socket')?.value;
      // A datagram socket is listen-on-datagram's finding, not this one's.
      if (!socket || [...socket.sockets.values()].some((site) => site.type !== 'unknown' && isDatagramType(site.type))) continue;
      context.report({ messageId: 'neverBound', range: call.nameRange });
    }
  },
});
