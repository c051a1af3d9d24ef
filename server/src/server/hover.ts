// Hover on an ext/sockets or stream-socket function name or constant. The token under the cursor is found in
// the AST (a `name` node), so strings, comments and methods of the same name never hover.
// Every word of the text comes from socket-api.ts and stream-api.ts; nothing is restated here.
import { childNodes, normalizeName, rangeOf, type NodeOf, type PhpNode, type Range } from '../core/ast';
import type { ParsedFile } from '../core/parse';
import { REFLECTED_PHP_VERSION, signatureOf, SOCKET_CONSTANTS, type SocketFunction } from '../core/socket-api';
import { apiConstant, apiFunction } from '../core/stream-api';
import { socketSetupEquivalent, type SocketKind } from '../port/setup-equivalent';

export interface HoverResult {
  range: Range;
  markdown: string;
}

const WORD_CHAR = /[A-Za-z0-9_\\]/;

/** The identifier (with namespace separators) around an offset, without parsing. */
export function wordAt(text: string, offset: number): string {
  let start = offset;
  let end = offset;
  while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start--;
  while (end < text.length && WORD_CHAR.test(text[end]!)) end++;
  return text.slice(start, end);
}

/** Cheap test before parsing: could the word under the cursor be a name of either table at all? */
export function mayHover(text: string, offset: number): boolean {
  const word = wordAt(text, offset);
  const bare = word.slice(word.lastIndexOf('\\') + 1);
  return apiFunction(bare.toLowerCase()) !== undefined || apiConstant(bare) !== undefined;
}

/** The innermost `name` node holding the offset, with its parent. */
function nameAt(node: PhpNode, offset: number, parent: PhpNode | undefined): { node: NodeOf<'name'>; parent: PhpNode | undefined } | undefined {
  if (node.loc && (offset < node.loc.start.offset || offset >= node.loc.end.offset)) return undefined;
  for (const child of childNodes(node)) {
    const found = nameAt(child, offset, node);
    if (found) return found;
  }
  return node.kind === 'name' && node.loc ? { node, parent } : undefined;
}

function functionHover(fn: SocketFunction): string {
  const parts = ['```php\n' + signatureOf(fn) + '\n```'];
  if (fn.note) parts.push(fn.note.summary);
  if (fn.canFail) {
    const when = fn.note?.onFalse ? `: ${fn.note.onFalse}` : ' on failure';
    parts.push(`**Returns \`false\`**${when}. ${whyItFailed(fn)}`);
  }
  if (fn.note) parts.push(`**Node.js:** ${fn.note.node}`);
  parts.push(`[PHP manual](https://www.php.net/manual/en/function.${fn.name.replaceAll('_', '-')}.php)`);
  return parts.join('\n\n');
}

/** Where the reason of a failure is: the socket's last error, or for a stream call its `$errstr` or PHP's last warning. */
function whyItFailed(fn: SocketFunction): string {
  if (fn.api === 'sockets') {
    const socket = fn.socketParam === undefined ? '' : `$${fn.params[fn.socketParam]!.name}`;
    return `Read why with \`socket_strerror(socket_last_error(${socket}))\`.`;
  }
  const errstr = Object.entries(fn.stream?.outputs ?? {}).find(([, meaning]) => meaning === 'errstr')?.[0];
  return errstr ? `Read why in \`$${errstr}\`.` : 'Read why with `error_get_last()`.';
}

function constantHover(name: string, value: number): string {
  const table = SOCKET_CONSTANTS.has(name) ? 'ext/sockets' : 'Stream socket';
  return ['```php\n' + `${name} = ${value}` + '\n```', `${table} constant; the value on PHP ${REFLECTED_PHP_VERSION} (Linux).`].join('\n\n');
}

/**
 * Hover text for the ext/sockets call name or constant at `offset` in a parsed file.
 * `kindAt` says whether the socket of a call is a datagram socket, when the findings know it
 * (listen-on-datagram, udp-connect): then the Node.js equivalent is the node:dgram form.
 */
export function hoverAt(parsed: ParsedFile, offset: number, kindAt: (range: Range) => SocketKind = () => 'stream'): HoverResult | undefined {
  const found = nameAt(parsed.program, offset, undefined);
  if (!found) return undefined;
  const { node, parent } = found;
  // `Foo\socket_listen` is a namespaced function, not ext/sockets.
  if (node.resolution === 'qn' || node.resolution === 'rn') return undefined;
  const isCallee = parent?.kind === 'call' && parent.what === node;
  if (isCallee) {
    const fn = apiFunction(normalizeName(String(node.name)));
    if (!fn) return undefined;
    const equivalent = socketSetupEquivalent(parent, kindAt(rangeOf(node)));
    const setup = equivalent ? `\n\n**This call in Node.js:**\n\n\`\`\`ts\n${equivalent.code}\n\`\`\`\n\n${equivalent.note}` : '';
    return { range: rangeOf(node), markdown: functionHover(fn) + setup };
  }
  if (parent?.kind === 'new' || parent?.kind === 'staticlookup') return undefined;
  // Constant names are case-sensitive.
  const name = String(node.name).replace(/^\\/, '');
  const value = apiConstant(name);
  return value === undefined ? undefined : { range: rangeOf(node), markdown: constantHover(name, value) };
}
