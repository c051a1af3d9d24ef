import { defineRule } from '../rule';

export default defineRule({
  id: 'udp-connect',
  meta: {
    description: 'socket_connect() on a UDP socket only sets the default peer.',
    defaultSeverity: 'hint',
    fixable: false,
    hasSuggestions: false,
    messages: {
      udpConnect: 'socket_connect() on a UDP socket only sets the default peer: it sends and checks nothing. See socket_sendto().',
    },
  },
  check(context) {
    for (const call of context.model.calls) {
      if (call.fn.name !== 'socket_connect') continue;
      const socket = call.arguments.get('socket')?.value;
      if (!socket || socket.unknown || socket.sockets.size === 0) continue;
      // UDP only: on an AF_UNIX datagram socket connect() does check that the path exists.
      if (![...socket.sockets.values()].every((site) => site.type === 'SOCK_DGRAM' && site.family === 'inet')) continue;
      context.report({ messageId: 'udpConnect', range: call.nameRange });
    }
  },
});
