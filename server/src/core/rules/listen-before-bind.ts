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
      neverBound:
        'socket_listen() on a socket that was never bound: the kernel binds it to a random free port on all interfaces, so clients cannot find it. Call socket_bind($socket, $address, $port) before socket_listen().',
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
