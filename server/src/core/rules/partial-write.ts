// fwrite()/fputs() to a socket stream may write fewer bytes than given and return that count
// (after the stream's timeout, or at once when non-blocking; measured in
// test/stream/php-behaviour.test.ts), and so may socket_write()/socket_send() on a non-blocking
// socket. A result that is dropped, or tested only for false or 0, lets the unwritten rest vanish.
import { calledFunctionName, childNodes as childNodesOf, enclosingFunction, enclosingListStatement, FUNCTION_KINDS, isNode, isPositionalArgument, parentOf, rangeOf, unwrapSilence, variableMentions, type PhpNode } from '../ast';
import { exactRange, freshName, indentationAt, indentUnit, isPlainReference, lineEndingOf, suggestion } from '../fix-builders';
import type { SocketCall, SocketModel } from '../model/model';
import { isSocketStream, type AbstractValue, type SocketSite } from '../model/values';
import { defineRule } from '../rule';
import { argumentFor, isDatagramType } from '../socket-api';
import { leadingTransport, streamArgument, transportType } from '../stream-api';
import type { Suggestion, TextEdit } from '../types';
import { damagedByParseError } from './parse-damage';

/** Literal data under this many bytes goes out whole in practice (one segment, far below any send buffer). */
const SHORT_DATA = 1024;
/** Functions whose result is a few bytes whatever they get. */
const SHORT_RESULTS = new Set(['chr', 'pack', 'dechex', 'strval', 'intval', 'rand', 'mt_rand', 'random_int', 'time', 'getmypid']);
const ENDING = new Set(['exit', 'throw', 'return']);
/** A sprintf() conversion: `%s`, `%1$s`, `%05.2f`, `%%`. */
const CONVERSION = /%(?:\d+\$)?[-+ 0]*(?:'.)?\d*(?:\.\d+)?[bcdeEfFgGosuxX%]/g;

/** The pieces of a string built with `.` or by interpolation, in order. */
function stringPieces(node: PhpNode): PhpNode[] {
  if (node.kind === 'bin' && node.type === '.') return [...stringPieces(node.left), ...stringPieces(node.right)];
  if (node.kind === 'encapsed') return (node.value ?? []).map((part: PhpNode) => (part.kind === 'encapsedpart' && isNode(part.expression) ? part.expression : part));
  return [node];
}

function isLiteralText(node: PhpNode): node is Extract<PhpNode, { kind: 'string' | 'nowdoc' }> {
  return node.kind === 'string' || node.kind === 'nowdoc';
}

/** Functions whose result is about as long as what they are given (`base64_encode("$user:$pass")`). */
const ENCODINGS = new Set(['base64_encode', 'urlencode', 'rawurlencode', 'trim', 'rtrim', 'ltrim', 'strtoupper', 'strtolower']);

/** A few bytes whatever the values: a number, a short result, a command line made by sprintf(). */
function isShortValue(node: PhpNode): boolean {
  return node.kind === 'number' || (node.kind === 'call' && (SHORT_RESULTS.has(calledFunctionName(node) ?? '') || isFormattedLine(node)));
}

/** A constant (`PHP_EOL`, `self::CRLF`): a line ending or a verb, not data. */
function isConstant(node: PhpNode): boolean {
  return node.kind === 'name' || (node.kind === 'staticlookup' && isNode(node.offset) && node.offset.kind === 'identifier');
}

/**
 * A value spliced into a command line: a variable, a property, an element, a constant, a short
 * value, or an encoding of such values (`base64_encode($user)` in SMTP's AUTH LOGIN).
 */
function isLinePiece(node: PhpNode): boolean {
  // `"Host: $parts[host]\r\n"`: inside a string a bare key is a string key.
  const interpolatedKey = node.kind === 'offsetlookup' && isNode(node.offset) && node.offset.kind === 'identifier' && isPlainReference(node.what);
  if (interpolatedKey || isPlainReference(node) || isConstant(node) || isShortValue(node)) return true;
  if (node.kind !== 'call') return false;
  const args = node.arguments ?? [];
  return ENCODINGS.has(calledFunctionName(node) ?? '') && args.length > 0 && args.every((arg) => isPositionalArgument(arg) && isShortText(arg));
}

/** `sprintf("NICK %s\r\n", $nick)`: a literal format under 1 KB with text of its own, and plain values. */
function isFormattedLine(call: PhpNode): boolean {
  if (call.kind !== 'call' || calledFunctionName(call) !== 'sprintf') return false;
  const [format, ...values] = ((call.arguments ?? []) as unknown[]).filter(isNode);
  if (!format || !isLiteralText(format) || !values.every((value) => isPositionalArgument(value) && isLinePiece(value))) return false;
  const text = String(format.value);
  return Buffer.byteLength(text) < SHORT_DATA && text.replace(CONVERSION, '').trim() !== '';
}

/** Literal text under 1 KB, or a line piece, or a string built of those alone. */
function isShortText(node: PhpNode): boolean {
  const pieces = stringPieces(unwrapSilence(node)).map(unwrapSilence);
  const bytes = pieces.filter(isLiteralText).reduce((sum, literal) => sum + Buffer.byteLength(String(literal.value)), 0);
  return bytes < SHORT_DATA && pieces.every((piece) => isLiteralText(piece) || isLinePiece(piece));
}

/** A value after a blank line is a body (`"…\r\n\r\n$body"`, a mail's or a POST's), not a command line's. */
function carriesBody(pieces: readonly PhpNode[]): boolean {
  const blankLine = pieces.findIndex((piece) => isLiteralText(piece) && /\n\r?\n/.test(String(piece.value)));
  return blankLine >= 0 && pieces.slice(blankLine + 1).some((piece) => !isLiteralText(piece));
}

/** SMTP's end of data after a value (`"$maildata\r\n.\r\n"`): that value is a whole message. */
function endsMessageData(pieces: readonly PhpNode[]): boolean {
  return pieces.some((piece, i) => i > 0 && isLiteralText(piece) && !isLiteralText(pieces[i - 1]!) && /^\r?\n\.\r?\n/.test(String(piece.value)));
}

/**
 * A value that is a whole line of its own after a command line (`"set $key 0 0 $len\r\n$value\r\n"`,
 * memcached's set): the command's payload, not a value spliced into a command. A value with text
 * of its own on its line (`"USER $u\r\nPASS $p\r\n"`) is still a command line's.
 */
function carriesPayloadLine(pieces: readonly PhpNode[]): boolean {
  return pieces.some((piece, i) => {
    if (i === 0 || isLiteralText(piece) || isShortValue(piece)) return false;
    const before = pieces[i - 1]!;
    const after = pieces[i + 1];
    const startsLine = isLiteralText(before) && String(before.value).endsWith('\n');
    return startsLine && (after === undefined || (isLiteralText(after) && /^\r?\n/.test(String(after.value))));
  });
}

/**
 * Whether the data may be long: a variable, a property, a call, or a string built of them alone.
 * A literal under 1 KB is short, and so is a command line: literal text under 1 KB, first or last, with
 * values spliced in, by interpolation or with `.` alike ("USER $name\r\n", "QUIT" . $this->crlf).
 */
function mayBeLong(node: PhpNode): boolean {
  const pieces = stringPieces(node).map(unwrapSilence);
  const literals = pieces.filter(isLiteralText);
  // A command line starts with its verb ("QUIT" . $crlf) or ends with its line ending ($id . "\r\n");
  // text only between values, as in `$headers . "\r\n\r\n" . $body`, joins data.
  if (literals.length > 0 && (isLiteralText(pieces[0]!) || isLiteralText(pieces.at(-1)!))) {
    return endsMessageData(pieces) || carriesBody(pieces) || carriesPayloadLine(pieces) || !isShortText(node);
  }
  // No text of its own: `chr($a) . chr($b)` is short, `$headers . $body` may be long.
  return !pieces.every(isShortValue);
}

const LOOPS = new Set(['for', 'foreach', 'while', 'do']);

/**
 * `$out = "GET / HTTP/1.1\r\n"; $out .= "Host: $host\r\n\r\n"; fwrite($fp, $out);` (the PHP
 * manual's fsockopen() example): a local variable the function builds only from short text, with
 * `=` and `.=` outside loops, and otherwise only reads in strings or the write itself. Not a
 * parameter, nor a closure's `use`; any other mention (passed to a call, a by-reference use, a
 * `foreach ... as`) says nothing safe about what it holds.
 */
function builtFromShortText(program: PhpNode, data: PhpNode): boolean {
  if (data.kind !== 'variable' || typeof data.name !== 'string') return false;
  const name = data.name;
  const scope = enclosingFunction(program, data);
  if (scope && 'arguments' in scope && (scope.arguments as PhpNode[]).some((param) => param.kind === 'parameter' && isNode(param.name) && param.name.name === name)) return false;
  if (scope?.kind === 'closure' && scope.uses.some((used) => used.name === name)) return false;
  const root = scope ?? program;
  let assigned = false;
  const stack: { node: PhpNode; inLoop: boolean }[] = [{ node: root, inLoop: false }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, inLoop } = item;
    if (node !== root && FUNCTION_KINDS.has(node.kind)) continue;
    if (node.kind === 'assign' && isNode(node.left) && node.left.kind === 'variable' && node.left.name === name) {
      if (inLoop || !['=', '.='].includes(node.operator) || !isNode(node.right) || mayBeLong(unwrapSilence(node.right))) return false;
      assigned = true;
      stack.push({ node: node.right, inLoop });
      continue;
    }
    if (node.kind === 'variable' && node.name === name && node !== data) {
      const parent = parentOf(program, node);
      const readInString = parent?.kind === 'encapsedpart' || (parent?.kind === 'bin' && parent.type === '.') || parent?.kind === 'echo';
      if (!readInString) return false;
    }
    for (const child of childNodesOf(node)) stack.push({ node: child, inLoop: inLoop || LOOPS.has(node.kind) });
  }
  return assigned;
}

/** Calls whose result is a payload of any length: encryption, serialization, compression, a file's contents. */
const PAYLOAD_MAKER = /encrypt|serializ|json_encode|var_export|compress|deflate|gzencode|msgpack|file_get_contents|stream_get_contents/i;

/** Functions whose result is at least as long as their argument: a payload stays one through them. */
const KEEPS_LENGTH = new Set([...ENCODINGS, 'bin2hex', 'chunk_split', 'addslashes']);

/**
 * The value itself is a payload: a payload maker's result, or a string built of one, through `?:`,
 * `??` and the encodings that keep its length (`base64_encode(gzcompress($x))`). Not an argument
 * of any other call: `strlen(json_encode($x))` and `md5(serialize($x))` are a few bytes.
 */
function makesPayload(node: PhpNode): boolean {
  const stack = stringPieces(unwrapSilence(node));
  for (let current = stack.pop(); current; current = stack.pop()) {
    current = unwrapSilence(current);
    if (current.kind === 'call') {
      const callee = isNode(current.what) ? current.what : undefined;
      const name = callee?.kind === 'name' ? String(callee.name) : callee && 'offset' in callee && isNode(callee.offset) && callee.offset.kind === 'identifier' ? String(callee.offset.name) : '';
      if (PAYLOAD_MAKER.test(name)) return true;
      if (KEEPS_LENGTH.has(name.toLowerCase())) for (const arg of (current.arguments ?? []).filter(isNode)) stack.push(...stringPieces(unwrapSilence(arg)));
    } else if (current.kind === 'retif') {
      // `json_encode($x) ?: ''`: without a middle the test is the value.
      for (const branch of [current.trueExpr ?? current.test, current.falseExpr]) if (isNode(branch)) stack.push(...stringPieces(unwrapSilence(branch)));
    } else if (current.kind === 'bin' && current.type === '??') {
      stack.push(...stringPieces(unwrapSilence(current.left)), ...stringPieces(unwrapSilence(current.right)));
    }
  }
  return false;
}

/**
 * `$data = $this->encrypt($data); fputs($fp, $data . "\n");`: a command line's shape, but the value
 * on it is a payload the function made just before (encrypted, serialized, compressed, a file),
 * of any length.
 */
function splicesPayload(program: PhpNode, data: PhpNode): boolean {
  const names = new Set(stringPieces(data).map(unwrapSilence).flatMap((piece) => (piece.kind === 'variable' && typeof piece.name === 'string' ? [piece.name] : [])));
  if (names.size === 0) return false;
  const scope = enclosingFunction(program, data);
  const root = scope ?? program;
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node !== root && FUNCTION_KINDS.has(node.kind)) continue;
    if (node.kind === 'assign' && node.operator === '=' && isNode(node.left) && node.left.kind === 'variable' && names.has(String(node.left.name)) && isNode(node.right) && makesPayload(node.right)) return true;
    stack.push(...childNodesOf(node));
  }
  return false;
}

/** The call with the `@`s around it, and what holds that. */
function countHolder(program: PhpNode, call: PhpNode): { subject: PhpNode; parent: PhpNode | undefined; silenced: boolean } {
  let subject = call;
  let parent = parentOf(program, subject);
  while (parent?.kind === 'silent') [subject, parent] = [parent, parentOf(program, parent)];
  return { subject, parent, silenced: subject !== call };
}

type CountUse = 'dropped' | 'falseOnly' | 'summed';

/**
 * `$sent += fwrite($fp, $chunk);` as a statement, where the function (or file) never reads `$sent`
 * but to add to it: the counts are only added up, and the rest of a short write is never written
 * nor noticed. A sum that is compared, returned, or moves the data (`substr($data, $sent)`) is read,
 * and so is one a by-reference parameter hands back to the caller.
 */
function onlySummed(program: PhpNode, assign: PhpNode): boolean {
  if (assign.kind !== 'assign' || assign.operator !== '+=' || !isNode(assign.left) || assign.left.kind !== 'variable' || typeof assign.left.name !== 'string') return false;
  if (parentOf(program, assign)?.kind !== 'expressionstatement') return false;
  const name = assign.left.name;
  const scope = enclosingFunction(program, assign);
  // `function push($fp, $chunks, &$total)`: the caller reads the sum.
  if (scope && 'arguments' in scope && (scope.arguments as PhpNode[]).some((param) => param.kind === 'parameter' && param.byref && isNode(param.name) && param.name.name === name)) return false;
  const root = scope ?? program;
  const mentions = variableMentions(root).get(name) ?? 0;
  // Every mention is the target of an assignment (`$sent = 0`, `$sent += …`): nothing reads the sum.
  let targets = 0;
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.kind === 'assign' && isNode(node.left) && node.left.kind === 'variable' && node.left.name === name) targets++;
    stack.push(...childNodesOf(node));
  }
  return mentions === targets;
}

/**
 * How the program looks at the count: `dropped` (a statement of its own), `falseOnly` (`!fwrite()`,
 * `=== false`, `== 0`, `or die()`), `summed` (added to a total nothing reads), or undefined when
 * it keeps or compares it (left alone).
 */
function countUse(program: PhpNode, call: PhpNode): CountUse | undefined {
  const { subject: node, parent } = countHolder(program, call);
  if (!parent) return undefined;
  if (parent.kind === 'expressionstatement') return 'dropped';
  if (parent.kind === 'assign' && parent.right === node && onlySummed(program, parent)) return 'summed';
  if (parent.kind === 'unary' && parent.type === '!') return 'falseOnly';
  if (parent.kind === 'bin') {
    const other = parent.left === node ? parent.right : parent.left;
    if (['===', '==', '!==', '!='].includes(parent.type) && isNode(other) && isFalseOrZero(other)) return 'falseOnly';
    if (['or', '||'].includes(parent.type) && parent.left === node && isNode(other) && ENDING.has(unwrapSilence(other).kind)) return 'falseOnly';
  }
  if ((parent.kind === 'if' || parent.kind === 'while') && parent.test === node) return 'falseOnly';
  return undefined;
}

/**
 * A datagram goes out whole or not at all (measured in hunt-2026-12b.test.ts): a udp:// stream or
 * a SOCK_DGRAM socket on some path has no rest to lose.
 */
function mayBeDatagram(program: PhpNode, value: AbstractValue | undefined): boolean {
  return value !== undefined && [...value.sockets.values()].some((site) => (site.type !== 'unknown' ? isDatagramType(site.type) : addressVariableNamesDatagram(program, site)));
}

/**
 * `$url = 'udp://' . $host; $fp = fsockopen($url, …)`: the model keeps no prefix of a string it
 * cannot fold, so the opener's type is unknown; an assignment to that variable in the opener's
 * function that spells out a datagram transport makes it one on that path.
 */
function addressVariableNamesDatagram(program: PhpNode, site: SocketSite): boolean {
  const variable = site.typeArg;
  if (variable?.kind !== 'variable' || typeof variable.name !== 'string') return false;
  const scope = enclosingFunction(program, site.call);
  const stack = [scope ?? program];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.kind === 'assign' && node.operator === '=' && isNode(node.left) && node.left.kind === 'variable' && node.left.name === variable.name) {
      const transport = isNode(node.right) ? leadingTransport(node.right) : undefined;
      const type = transport === undefined ? 'unknown' : transportType(`${transport}://`);
      if (type !== 'unknown' && isDatagramType(type)) return true;
    }
    // Code inside a nested function or class runs elsewhere.
    if (node !== scope && FUNCTION_KINDS.has(node.kind)) continue;
    stack.push(...childNodesOf(node));
  }
  return false;
}

/** The data and length parameters of a call that may write only part of the data here: to a socket stream, or on a non-blocking socket. */
function partialData(program: PhpNode, call: SocketCall): { data: string; length?: string } | undefined {
  const writes = call.fn.stream?.writes;
  if (writes?.partial) {
    const stream = streamArgument(call)?.value;
    return isSocketStream(stream) && !mayBeDatagram(program, stream) ? writes : undefined;
  }
  const partial = call.fn.effects.partialWrite;
  const socket = call.fn.effects.socketParameter ? call.arguments.get(call.fn.effects.socketParameter)?.value : undefined;
  return partial && call.socketStates.has(partial.when) && !mayBeDatagram(program, socket) ? partial : undefined;
}

function isFalseOrZero(node: PhpNode): boolean {
  return (node.kind === 'boolean' && node.value === false) || (node.kind === 'number' && Number(node.value) === 0);
}

const ORDERINGS = new Set(['<', '<=', '>', '>=']);

/** `$n === false`, `!$n`, `$n <= 0`, `$n > 0`: a read of a kept count that sees only false or nothing written. */
function testsOnlyFalseOrZero(program: PhpNode, read: PhpNode): boolean {
  if (countUse(program, read) === 'falseOnly') return true;
  const parent = parentOf(program, read);
  if (parent?.kind !== 'bin' || !ORDERINGS.has(parent.type)) return false;
  const other = parent.left === read ? parent.right : parent.left;
  return isNode(other) && other.kind === 'number' && [0, 1].includes(Number(other.value));
}

/**
 * `$n = fwrite(…)` whose every read (model.originReads: where the result went) only tests it for
 * false or 0, as `if (!fwrite(…))` does.
 */
function keptCountTestedOnlyForFalse(model: SocketModel, call: SocketCall): boolean {
  const { parent } = countHolder(model.program, call.node);
  if (parent?.kind !== 'assign' || parent.operator !== '=' || !isNode(parent.left) || parent.left.kind !== 'variable') return false;
  // The call itself is a read too (its result kept in the variable): only the variable's reads count.
  const reads = [...model.originReads.values()].filter((read) => read.node !== call.node && read.origins.some((origin) => origin.callId === call.id && origin.what === 'result'));
  return reads.length > 0 && reads.every((read) => testsOnlyFalseOrZero(model.program, read.node));
}

/** How partial-write reports this call: `dropped`, `falseOnly`, or undefined when it does not. */
export function partialWriteUse(model: SocketModel, call: SocketCall): CountUse | undefined {
  const params = partialData(model.program, call);
  const data = params ? call.arguments.get(params.data) : undefined;
  const shape = data && unwrapSilence(data.node);
  if (!shape || (!mayBeLong(shape) && !splicesPayload(model.program, shape)) || builtFromShortText(model.program, shape)) return undefined;
  // `fwrite($fp, $head, 2)`: a literal length under 1 KB caps the write, whatever the data.
  const length = params!.length ? call.arguments.get(params!.length) : undefined;
  const cap = length && unwrapSilence(length.node);
  if (cap?.kind === 'number' && Number(cap.value) < SHORT_DATA) return undefined;
  const use = countUse(model.program, call.node);
  // `testsOnlyFalseOrZero()` asks countUse() of a read; a read is never summed there.
  return use ?? (keptCountTestedOnlyForFalse(model, call) ? 'falseOnly' : undefined);
}

// ---- the suggestion: a write-all loop --------------------------------------------------------

/** Arguments the loop may evaluate again on every turn: no side effects, the same value each time. */
function isRepeatable(node: PhpNode): boolean {
  return isPlainReference(node) || ['number', 'string', 'boolean', 'nullkeyword', 'name'].includes(node.kind);
}

/**
 * Where the loop can take the call's place: the statement it runs first in (a statement of a
 * list, so the loop can go before it), and the expression the loop's result replaces there
 * (the call with its `@`s), or none when the count was dropped.
 */
function loopSite(program: PhpNode, call: PhpNode, use: 'dropped' | 'falseOnly'): { statement: PhpNode; result?: PhpNode; silenced: boolean } | undefined {
  const { subject, parent, silenced } = countHolder(program, call);
  const statement = enclosingListStatement(program, call);
  if (!statement || !parent) return undefined;
  if (use === 'dropped') return parent === statement ? { statement, silenced } : undefined;
  // `=== 0` / `!== 0`: the loop's false on failure would never be identical to 0, turning the test around.
  if (parent.kind === 'bin' && ['===', '!=='].includes(parent.type)) {
    const other = parent.left === subject ? parent.right : parent.left;
    if (isNode(other) && other.kind === 'number') return undefined;
  }
  // `if (!fwrite(…))`, `if (fwrite(…) === false)`, `fwrite(…) or die()`: the test is the call's, and the call runs first.
  const test = parent.kind === 'if' ? subject : parent;
  const runsFirst = (statement.kind === 'if' && statement.test === test) || (statement.kind === 'expressionstatement' && statement.expression === test);
  return runsFirst ? { statement, result: subject, silenced } : undefined;
}

/**
 * The write-all loop for a reported call, as a suggestion (it changes what runs): it writes the
 * rest until every byte is out or a write makes no progress (false or 0). The data is evaluated
 * once (moved into a fresh variable unless it is a plain variable or property); where the count
 * was tested, the loop's `$written` takes the call's place: the whole length, as fwrite()
 * returns for a full write, or false when the rest could not be written.
 */
function writeAllLoop(text: string, program: PhpNode, call: SocketCall, use: 'dropped' | 'falseOnly', usedNames: () => Set<string>): Suggestion | undefined {
  const params = partialData(program, call)!;
  const args = (call.node.arguments ?? []) as unknown[];
  if (!args.every(isPositionalArgument)) return undefined;
  const site = loopSite(program, call.node, use);
  const dataNode = argumentFor(call.node, call.fn, params.data);
  const lengthNode = params.length ? argumentFor(call.node, call.fn, params.length) : undefined;
  if (!site || !dataNode) return undefined;
  const source = (node: PhpNode) => text.slice(...exactRange(text, node));
  // Fresh for the file as it is: each suggestion is applied on its own, and the file linted again.
  const names = new Set(usedNames());
  const hoisted = isPlainReference(dataNode) ? undefined : `$${freshName('payload', names)}`;
  const data = hoisted ?? source(dataNode);
  const written = `$${freshName('written', names)}`;
  const n = `$${freshName('n', names)}`;
  const rest = `substr(${data}, ${written})`;
  // A length other than the data's own (socket_send() needs one) would need its own bookkeeping: no loop.
  if (lengthNode && source(unwrapSilence(lengthNode)).replace(/\s+/g, '') !== `strlen(${source(dataNode)})`.replace(/\s+/g, '')) return undefined;
  // A length the data's own is left out where PHP lets it be (fwrite()), and counts down the rest where it does not (socket_send()).
  const lengthOptional = call.fn.params.find((p) => p.name === params.length)?.optional === true;
  const argTexts: string[] = [];
  for (const arg of args as PhpNode[]) {
    if (arg === dataNode) argTexts.push(rest);
    else if (arg === lengthNode) {
      if (!lengthOptional || args.indexOf(arg) < args.length - 1) argTexts.push(`strlen(${data}) - ${written}`);
    }
    else if (isRepeatable(unwrapSilence(arg))) argTexts.push(source(arg));
    else return undefined;
  }
  const [start, end] = rangeOf(site.statement);
  const eol = lineEndingOf(text);
  const indentation = indentationAt(text, start);
  const unit = indentUnit(text, indentation);
  const [inner, innermost] = [unit, unit + unit];
  const lines = [
    ...(hoisted ? [`${hoisted} = ${source(dataNode)};`] : []),
    `${written} = 0;`,
    `while (${written} < strlen(${data})) {`,
    `${inner}${n} = ${site.silenced ? '@' : ''}${source(call.node.what)}(${argTexts.join(', ')});`,
    `${inner}if (!${n}) {`,
    ...(site.result ? [`${innermost}${written} = false;`] : []),
    `${innermost}break;`,
    `${inner}}`,
    `${inner}${written} += ${n};`,
    '}',
  ];
  const loop = lines.join(eol + indentation);
  const edits: TextEdit[] = site.result
    ? [{ range: [start, start], text: loop + eol + indentation }, { range: exactRange(text, site.result), text: written }]
    : [{ range: [start, end], text: loop }];
  return suggestion('Write all of the data in a loop', edits);
}

export default defineRule({
  id: 'partial-write',
  meta: {
    description: 'fwrite()/fputs() to a socket stream, or socket_write()/socket_send() on a non-blocking socket, whose count is dropped or tested only for false: a short write loses the rest.',
    defaultSeverity: 'warning',
    fixable: false,
    hasSuggestions: true,
    messages: {
      dropped: '{{name}}() may write only part of the data to a socket, and its count is dropped. Write the rest in a loop until every byte is out.',
      falseOnly: '{{name}}() may write only part of the data to a socket; testing for false or 0 misses it. Write the rest in a loop until every byte is out.',
      summed: '{{name}}() may write only part of the data to a socket; adding up the counts loses the rest. Write the rest in a loop until every byte is out.',
    },
  },
  check(context) {
    // The file's variable names, for fresh ones: a walk of the whole file, only once a loop needs them.
    let names: Set<string> | undefined;
    const usedNames = () => (names ??= new Set(variableMentions(context.model.program).keys()));
    for (const call of context.model.calls) {
      const use = partialWriteUse(context.model, call);
      // A call cut off by a syntax error is not yet code to judge (parse-damage.ts).
      if (!use || damagedByParseError(context.model.program, context.text, call.node)) continue;
      // A summed count has no one statement for the loop to take the place of: no suggestion.
      const loop = use === 'summed' ? undefined : writeAllLoop(context.text, context.model.program, call, use, usedNames);
      context.report({ messageId: use, data: { name: call.fn.name }, range: call.nameRange, ...(loop ? { suggestions: [loop] } : {}) });
    }
  },
});
