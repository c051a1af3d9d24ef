// The node:net / node:dgram equivalent of one socket set-up call, for a hover: what
// `socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)` or `socket_listen($server, 5)` is in Node.
import { calledFunctionName } from '../core/ast';
import { isLooseNode, type LooseNode } from './loose-node';
import { argumentFor, SOCKET_CONSTANTS, socketFunction } from '../core/socket-api';
import { stringNodeBytes, tsStringLiteral } from './literals';
import { camelCase } from './naming';

export interface SetupEquivalent {
  /** TypeScript for Node.js. */
  code: string;
  /** One line on what differs. */
  note: string;
}

export type SocketKind = 'stream' | 'datagram';

/** An argument as TypeScript: literals as literals, variables by their ported name, else `fallback`. */
function argument(node: LooseNode | undefined, fallback: string): string {
  if (!node) return fallback;
  if (node.kind === 'string') return tsStringLiteral(stringNodeBytes(node));
  if (node.kind === 'number') return String(node.value);
  if (node.kind === 'variable' && typeof node.name === 'string') return camelCase(node.name);
  if (node.kind === 'name' && /^[A-Z_][A-Z0-9_]*$/i.test(String(node.name))) return String(node.name);
  return fallback;
}

function constantValue(node: LooseNode | undefined): number | undefined {
  if (!node) return undefined;
  if (node.kind === 'number') return Number(node.value);
  if (node.kind === 'name') return SOCKET_CONSTANTS.get(String(node.name).replace(/^\\/, ''));
  return undefined;
}

/**
 * The Node.js equivalent of a socket_create, socket_create_listen, socket_bind, socket_listen,
 * socket_connect or socket_accept call; `kind` says what the socket is when the call alone
 * cannot (bind/connect), defaulting to a TCP stream.
 */
export function socketSetupEquivalent(call: LooseNode, kind: SocketKind = 'stream'): SetupEquivalent | undefined {
  const name = call.kind === 'call' ? calledFunctionName(call) : undefined;
  const fn = name ? socketFunction(name) : undefined;
  if (!fn || !(call.arguments ?? []).every(isLooseNode)) return undefined;
  const arg = (param: string) => argumentFor(call, fn, param);
  switch (fn.name) {
    case 'socket_create': {
      const domain = constantValue(arg('domain'));
      const type = constantValue(arg('type'));
      if (type === SOCKET_CONSTANTS.get('SOCK_DGRAM')) {
        if (domain === SOCKET_CONSTANTS.get('AF_UNIX')) return { code: '// no Node.js equivalent: node:dgram has no AF_UNIX datagram sockets', note: 'Unix datagram sockets are not available in Node.js.' };
        const family = domain === SOCKET_CONSTANTS.get('AF_INET6') ? 'udp6' : 'udp4';
        return { code: `const socket = dgram.createSocket('${family}');`, note: 'Datagrams arrive as `message` events; socket.send() takes the port and address.' };
      }
      return {
        code: "const server = net.createServer(); // a listening socket\nconst socket = net.connect({ host, port }); // a client socket",
        note: 'Node.js has separate objects for listening and connected TCP/Unix sockets.',
      };
    }
    case 'socket_create_listen':
      return { code: `const server = net.createServer().listen({ port: ${argument(arg('port'), 'port')}, backlog: ${argument(arg('backlog'), '128')} });`, note: 'Listens on all interfaces, as socket_create_listen() does.' };
    case 'socket_bind':
      if (kind === 'datagram') return { code: `socket.bind(${argument(arg('port'), '0')}, ${argument(arg('address'), 'address')});`, note: 'Binding is asynchronous: wait for the `listening` event.' };
      return { code: `server.listen({ host: ${argument(arg('address'), 'host')}, port: ${argument(arg('port'), '0')} });`, note: 'Node.js binds and listens in one call; a path as host means a Unix socket: listen({ path }).' };
    case 'socket_listen':
      if (kind === 'datagram') {
        return {
          code: "socket.bind(port, host);\nsocket.on('message', (msg, rinfo) => {\n  // one datagram from rinfo.address:rinfo.port\n});",
          note: 'A UDP socket does not listen: bind it and handle each datagram as a `message` event (socket_recvfrom() in PHP).',
        };
      }
      return { code: `server.listen({ host, port, backlog: ${argument(arg('backlog'), '511')} });`, note: 'The backlog is passed to listen(); Node.js defaults to 511.' };
    case 'socket_connect':
      if (kind === 'datagram') return { code: `socket.connect(${argument(arg('port'), 'port')}, ${argument(arg('address'), 'address')});`, note: 'Sets the default peer of a UDP socket.' };
      return { code: `const socket = net.connect({ host: ${argument(arg('address'), 'host')}, port: ${argument(arg('port'), 'port')} });`, note: 'Connecting is asynchronous: wait for `connect` (or `error`).' };
    case 'socket_accept':
      if (kind === 'datagram') {
        return { code: "socket.on('message', (msg, rinfo) => {\n  // one datagram from rinfo.address:rinfo.port\n});", note: 'UDP has no connections to accept: each datagram arrives as a `message` event.' };
      }
      return { code: "server.on('connection', (socket) => {\n  // one connected client\n});", note: 'Node.js hands over each connection as an event instead of a blocking accept().' };
    default:
      return undefined;
  }
}
