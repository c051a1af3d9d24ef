// Hover on an ext/sockets function name or constant. The token under the cursor is found in
// the AST (a `name` node), so strings, comments and methods of the same name never hover.
// Every word of the text comes from socket-api.ts; nothing is restated here.
import { childNodes, normalizeName, rangeOf, type PhpNode, type Range } from '../core/ast';
import type { ParsedFile } from '../core/parse';
import { REFLECTED_PHP_VERSION, SOCKET_CONSTANTS, SOCKET_FUNCTIONS, signatureOf, type SocketFunction } from '../core/socket-api';
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

/** Cheap test before parsing: could the word under the cursor be an ext/sockets name at all? */
export function mayHover(text: string, offset: number): boolean {
  const word = wordAt(text, offset);
  const bare = word.slice(word.lastIndexOf('\\') + 1);
  return SOCKET_FUNCTIONS.has(bare.toLowerCase()) || SOCKET_CONSTANTS.has(bare);
}

/** The innermost `name` node holding the offset, with its parent. */
function nameAt(node: PhpNode, offset: number, parent: PhpNode | undefined): { node: PhpNode; parent: PhpNode | undefined } | undefined {
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
    const socket = fn.socketParam === undefined ? '' : `$${fn.params[fn.socketParam]!.name}`;
    const when = fn.note?.onFalse ? `: ${fn.note.onFalse}` : ' on failure';
    parts.push(`**Returns \`false\`**${when}. Read why with \`socket_strerror(socket_last_error(${socket}))\`.`);
  }
  if (fn.note) parts.push(`**Node.js:** ${fn.note.node}`);
  parts.push(`[PHP manual](https://www.php.net/manual/en/function.${fn.name.replaceAll('_', '-')}.php)`);
  return parts.join('\n\n');
}

function constantHover(name: string, value: number): string {
  return ['```php\n' + `${name} = ${value}` + '\n```', `ext/sockets constant; the value on PHP ${REFLECTED_PHP_VERSION} (Linux).`].join('\n\n');
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
    const fn = SOCKET_FUNCTIONS.get(normalizeName(String(node.name)));
    if (!fn) return undefined;
    const equivalent = socketSetupEquivalent(parent, kindAt(rangeOf(node)));
    const setup = equivalent ? `\n\n**This call in Node.js:**\n\n\`\`\`ts\n${equivalent.code}\n\`\`\`\n\n${equivalent.note}` : '';
    return { range: rangeOf(node), markdown: functionHover(fn) + setup };
  }
  if (parent?.kind === 'new' || parent?.kind === 'staticlookup') return undefined;
  // Constant names are case-sensitive.
  const name = String(node.name).replace(/^\\/, '');
  const value = SOCKET_CONSTANTS.get(name);
  return value === undefined ? undefined : { range: rangeOf(node), markdown: constantHover(name, value) };
}
