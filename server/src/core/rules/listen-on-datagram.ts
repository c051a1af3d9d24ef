import { isNode, rangeOf, spreadsArguments } from '../ast';
import { exactEnd, fix, removeStatement, replaceNode, suggestion } from '../fix-builders';
import type { SocketCall } from '../model/model';
import type { SocketSite } from '../model/values';
import { defineRule } from '../rule';
import { isDatagramType, SOCKET_CONSTANTS } from '../socket-api';
import { addressTransports, STREAM_CONSTANTS, transportType } from '../stream-api';
import type { Fix, Suggestion, TextEdit } from '../types';

const LISTENING_CALLS = new Set(['socket_listen', 'socket_accept']);
const UDP_PROTOCOL = SOCKET_CONSTANTS.get('SOL_UDP');

function isDatagramSite(site: SocketSite): boolean {
  return site.type !== 'unknown' && isDatagramType(site.type);
}

/**
 * Turns `socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)` into a TCP socket, when the type is spelled
 * out and the protocol is UDP's or the default (a raw socket's protocol has no stream form).
 */
function streamCreationSuggestion(site: SocketSite): Suggestion | undefined {
  const typeArg = site.typeArg;
  if (site.fn !== 'socket_create' || typeArg?.kind !== 'name') return undefined;
  const edits = [replaceNode(typeArg, 'SOCK_STREAM')];
  const args = site.call.kind === 'call' ? site.call.arguments : [];
  const protocol = args[2]?.kind === 'namedargument' ? args[2].value : args[2];
  const name = protocol?.kind === 'name' ? String(protocol.name).replace(/^\\/, '') : undefined;
  const number = protocol?.kind === 'number' ? Number(protocol.value) : undefined;
  if (name === 'SOL_UDP' || number === UDP_PROTOCOL) edits.push(replaceNode(protocol, 'SOL_TCP'));
  else if (number !== 0) return undefined;
  return suggestion('Create the socket as SOCK_STREAM (TCP)', edits);
}

const REMOVE_LISTEN = 'Remove the socket_listen() call (UDP sockets do not listen)';

/**
 * The edits for one finding. A bare `socket_listen()` statement on a socket that is datagram on
 * every path can never work, and the program ignores that it failed: removing it is a fix (all it
 * did was print PHP's warning and set the socket's last error). Where the socket may be a stream
 * one, or the result is tested, removing the call changes what runs: a suggestion at most.
 */
function editsFor(text: string, call: SocketCall, sites: SocketSite[], definite: boolean): { fix?: Fix; suggestions: Suggestion[] } {
  const suggestions: Suggestion[] = [];
  let removal: Fix | undefined;
  const statement = call.statement;
  if (call.fn.name === 'socket_listen' && statement?.form === 'call' && statement.inStatementList) {
    const edits = [removeStatement(text, statement.statement)];
    if (definite) removal = fix(REMOVE_LISTEN, edits);
    else suggestions.push(suggestion(REMOVE_LISTEN, edits));
  }
  if (sites.length === 1) {
    const stream = streamCreationSuggestion(sites[0]!);
    if (stream) suggestions.push(stream);
  }
  return removal ? { fix: removal, suggestions } : { suggestions };
}

/**
 * The datagram sockets a socket_listen()/socket_accept() or stream_socket_accept() call may get,
 * or the datagram transports a listening stream_socket_server() may be given, when this rule
 * reports it (unchecked-false-return leaves such a call to this rule: one finding per mistake).
 */
export function datagramListen(call: SocketCall): { sites: SocketSite[]; definite: boolean; transports?: string[] } | undefined {
  if (call.fn.stream?.opens?.listensWith) return datagramServer(call);
  const socketParam = LISTENING_CALLS.has(call.fn.name) ? 'socket' : call.fn.stream?.opens?.role === 'accepted' ? call.fn.stream.opens.from : undefined;
  const socket = socketParam ? call.arguments.get(socketParam)?.value : undefined;
  if (!socket) return undefined;
  const sites = [...socket.sockets.values()].filter(isDatagramSite);
  if (sites.length === 0) return undefined;
  const definite = !socket.unknown && sites.length === socket.sockets.size;
  // "May be" under `if ($type === SOCK_STREAM)` or `if ($ready === $tcp)`: the paths correlate.
  if (!definite && call.kindGuarded) return undefined;
  return { sites, definite };
}

/** A stream server on a datagram transport (`udp://`, `udg://`) whose flags have STREAM_SERVER_LISTEN: listen() fails. */
function datagramServer(call: SocketCall): { sites: SocketSite[]; definite: boolean; transports: string[] } | undefined {
  const opens = call.fn.stream!.opens!;
  const address = opens.address ? call.arguments.get(opens.address) : undefined;
  const transports = address ? addressTransports(address) : undefined;
  const datagram = transports?.filter(isDatagramTransport);
  if (!transports || !datagram?.length) return undefined;
  const flags = listenFlags(call);
  if (!flags || flags.listening === 0) return undefined;
  const definite = datagram.length === transports.length && flags.listening === flags.of;
  return { sites: [], definite, transports: datagram };
}

/**
 * How many of the flag values a stream server may get have STREAM_SERVER_LISTEN, of how many;
 * undefined where they are not known (a spread `...$args` may carry them).
 */
function listenFlags(call: SocketCall): { listening: number; of: number } | undefined {
  const opens = call.fn.stream?.opens;
  if (!opens?.listensWith || spreadsArguments(call.node)) return undefined;
  const flags = opens.flags ? call.arguments.get(opens.flags) : undefined;
  if (!flags) return { listening: 1, of: 1 }; // the default flags listen
  if (flags.value.unknown || flags.value.consts.length === 0 || !flags.value.consts.every((c) => typeof c === 'number')) return undefined;
  const listen = STREAM_CONSTANTS.get(opens.listensWith)!;
  return { listening: (flags.value.consts as number[]).filter((bits) => (bits & listen) !== 0).length, of: flags.value.consts.length };
}

/** Whether a stream server may call listen(): not with STREAM_SERVER_BIND alone, nor on a datagram transport. */
export function serverMayListen(call: SocketCall): boolean {
  if (listenFlags(call)?.listening === 0) return false;
  const opens = call.fn.stream?.opens;
  const address = opens?.address ? call.arguments.get(opens.address) : undefined;
  const transports = address ? addressTransports(address) : undefined;
  return !transports?.length || !transports.every(isDatagramTransport);
}

function isDatagramTransport(transport: string): boolean {
  const type = transportType(`${transport}://`);
  return type !== 'unknown' && isDatagramType(type);
}

/**
 * Pass STREAM_SERVER_BIND alone: the server then binds and works, where it always failed. A server
 * that fails on every path is a call that can never work, so the edit is a fix; where only some
 * addresses or flags are datagram-listening ones, it changes what the others do: a suggestion. A
 * missing flags argument comes after `$errno, $errstr`, or by name.
 */
function bindOnlyEdits(text: string, call: SocketCall, phpVersion: string): TextEdit[] | undefined {
  const opens = call.fn.stream!.opens!;
  const flags = opens.flags ? call.arguments.get(opens.flags) : undefined;
  if (flags) return [replaceNode(flags.node, 'STREAM_SERVER_BIND')];
  const args = ((call.node.arguments ?? []) as unknown[]).filter(isNode);
  const last = args[args.length - 1];
  if (!last || spreadsArguments(call.node)) return undefined;
  const positional = args.every((arg) => arg.kind !== 'namedargument') && args.length === 3;
  if (!positional && Number.parseFloat(phpVersion) < 8) return undefined;
  const end = exactEnd(text, last);
  return [{ range: [end, end], text: positional ? ', STREAM_SERVER_BIND' : ', flags: STREAM_SERVER_BIND' }];
}

const BIND_ONLY = 'Pass STREAM_SERVER_BIND alone (a datagram server binds, it does not listen)';

export default defineRule({
  id: 'listen-on-datagram',
  meta: {
    description: 'socket_listen(), socket_accept() and a listening stream server need a SOCK_STREAM or SOCK_SEQPACKET socket.',
    defaultSeverity: 'error',
    fixable: true,
    hasSuggestions: true,
    messages: {
      datagram: '{{name}}() on a {{type}} socket always fails: only stream sockets listen. Receive with {{receive}}().',
      maybeDatagram: '{{name}}() may run on a {{type}} socket, where it always fails. Receive with {{receive}}() there.',
      datagramServer: '{{name}}() on {{transport}}:// always fails with STREAM_SERVER_LISTEN (a default flag). Pass STREAM_SERVER_BIND alone.',
      maybeDatagramServer: '{{name}}() may get a {{transport}}:// address, where listening always fails. Pass STREAM_SERVER_BIND alone there.',
    },
  },
  check(context) {
    for (const call of context.model.calls) {
      const datagram = datagramListen(call);
      if (!datagram) continue;
      const { sites, definite, transports } = datagram;
      if (transports) {
        const edits = bindOnlyEdits(context.text, call, context.phpVersion);
        context.report({
          messageId: definite ? 'datagramServer' : 'maybeDatagramServer',
          data: { name: call.fn.name, transport: transports.join('/') },
          range: call.nameRange,
          maybe: !definite,
          ...(edits && definite ? { fix: fix(BIND_ONLY, edits) } : {}),
          suggestions: edits && !definite ? [suggestion(BIND_ONLY, edits)] : [],
        });
        continue;
      }
      const types = [...new Set(sites.map((site) => site.type))].join('/');
      context.report({
        messageId: definite ? 'datagram' : 'maybeDatagram',
        data: { name: call.fn.name, type: types, receive: call.fn.api === 'streams' ? 'stream_socket_recvfrom' : 'socket_recvfrom' },
        range: call.nameRange,
        maybe: !definite,
        related: sites.map((site) => ({
          range: rangeOf(site.typeArg ?? (site.call.kind === 'call' ? site.call.what : site.call)),
          message: `created as a ${site.type} socket here`,
        })),
        ...editsFor(context.text, call, sites, definite),
      });
    }
  },
});
