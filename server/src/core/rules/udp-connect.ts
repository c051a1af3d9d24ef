import { defineRule } from '../rule';

export default defineRule({
  id: 'udp-connect',
  meta: {
    description: 'socket_connect() on a UDP socket only sets the default peer.',
    defaultSeverity: 'hint',
    fixable: false,
    hasSuggestions: false,
    messages: {
      udpConnect:
        'socket_connect() on a SOCK_DGRAM socket makes no connection and sends nothing: it only sets the default peer for socket_send()/socket_recv(), and an unreachable peer shows up only on a later send or receive. To send datagrams to an address, use socket_sendto().',
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
