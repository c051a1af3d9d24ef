import { rangeOf } from '../ast';
import { fix, removeStatement, replaceNode } from '../fix-builders';
import type { SocketCall } from '../model/model';
import type { SocketSite } from '../model/values';
import { defineRule } from '../rule';
import { isDatagramType, SOCKET_CONSTANTS } from '../socket-api';
import type { Fix } from '../types';

const LISTENING_CALLS = new Set(['socket_listen', 'socket_accept']);
const UDP_PROTOCOL = SOCKET_CONSTANTS.get('SOL_UDP');

function isDatagramSite(site: SocketSite): boolean {
  return site.type !== 'unknown' && isDatagramType(site.type);
}

/** Turns `socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)` into a TCP socket, when the type is spelled out. */
function streamCreationFix(site: SocketSite): Fix | undefined {
  const typeArg = site.typeArg;
  if (site.fn !== 'socket_create' || typeArg?.kind !== 'name') return undefined;
  const edits = [replaceNode(typeArg, 'SOCK_STREAM')];
  const args = site.call.arguments ?? [];
  const protocol = args[2]?.kind === 'namedargument' ? args[2].value : args[2];
  const names = (node: typeof protocol) => node?.kind === 'name' && String(node.name).replace(/^\\/, '');
  if (names(protocol) === 'SOL_UDP' || (protocol?.kind === 'number' && Number(protocol.value) === UDP_PROTOCOL)) {
    edits.push(replaceNode(protocol, 'SOL_TCP'));
  }
  return fix('Create the socket as SOCK_STREAM (TCP)', edits, false);
}

function fixesFor(text: string, call: SocketCall, sites: SocketSite[], definite: boolean): Fix[] {
  const fixes: Fix[] = [];
  const statement = call.statement;
  if (call.fn.name === 'socket_listen' && statement?.form === 'call' && statement.inStatementList) {
    // A plain socket_listen() on a UDP socket always fails and its result is ignored: removing it changes nothing.
    fixes.push(fix('Remove the socket_listen() call (UDP sockets do not listen)', [removeStatement(text, statement.statement)], definite));
  }
  if (sites.length === 1) {
    const streamFix = streamCreationFix(sites[0]!);
    if (streamFix) fixes.push(streamFix);
  }
  return fixes;
}

export default defineRule({
  id: 'listen-on-datagram',
  meta: {
    description: 'socket_listen() and socket_accept() need a SOCK_STREAM or SOCK_SEQPACKET socket.',
    defaultSeverity: 'error',
    fixable: true,
    messages: {
      datagram:
        '{{name}}() on a {{type}} socket always fails: only SOCK_STREAM/SOCK_SEQPACKET sockets listen and accept connections. A UDP socket receives with socket_recvfrom() after socket_bind().',
      maybeDatagram:
        '{{name}}() may run on a {{type}} socket, which always fails: only SOCK_STREAM/SOCK_SEQPACKET sockets listen and accept connections. A UDP socket receives with socket_recvfrom() after socket_bind().',
    },
  },
  check(context) {
    for (const call of context.model.calls) {
      if (!LISTENING_CALLS.has(call.fn.name)) continue;
      const socket = call.arguments.get('socket')?.value;
      if (!socket) continue;
      const sites = [...socket.sockets.values()].filter(isDatagramSite);
      if (sites.length === 0) continue;
      const definite = !socket.unknown && sites.length === socket.sockets.size;
      // "May be" under `if ($type === SOCK_STREAM)` or `if ($ready === $tcp)`: the paths correlate.
      if (!definite && call.kindGuarded) continue;
      const types = [...new Set(sites.map((site) => site.type))].join('/');
      context.report({
        messageId: definite ? 'datagram' : 'maybeDatagram',
        data: { name: call.fn.name, type: types },
        range: call.nameRange,
        maybe: !definite,
        related: sites.map((site) => ({
          range: site.typeArg ? rangeOf(site.typeArg) : rangeOf(site.call.what),
          message: `created as a ${site.type} socket here`,
        })),
        fixes: fixesFor(context.text, call, sites, definite),
      });
    }
  },
});
