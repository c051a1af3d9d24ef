// The socket_select() loop over a listening socket and its clients → one connection handler per
// client. What the loop did when the listener was readable (accept, register, greet) runs once per
// connection; what it did when a client was readable becomes that client's turns, a loop around
// its read. The array of clients becomes a Map (keyed by id) or a Set, and an array indexed only by
// the current client's id (a line buffer, per-client state) a variable of the handler.
import { calledFunctionName } from '../../core/ast';
import { type LooseNode } from '../loose-node';
import { CannotCarry, expression, tsName, variableOf, type Context, type SocketCollection } from './expressions';
import { isEndless, variablesIn, walk, type Breakable, type StatementWriter } from './statements';
import { isSynthetic, syntheticNode } from '../synthetic-nodes';

export interface SelectLoop {
  listener: string;
  readSet: string;
  /** The accepted connection's variable (also the foreach's value). */
  client: string;
  /** The key the clients are stored under (`$clients[$id] = $client`), for a Map. */
  key?: string;
  clients: string;
  collection: SocketCollection;
  /** The accept branch's statements, without socket_accept() and the read set's bookkeeping. */
  accept: LooseNode[];
  /** The foreach over the read set: each client's turn. */
  turns: LooseNode;
  /** `if ($ready === false) …` after the select: Node has no select() to fail. */
  failure?: LooseNode;
}

const callIn = (node: LooseNode, name: string): LooseNode | undefined => {
  let found: LooseNode | undefined;
  walk(node, (inner) => {
    if (!found && inner.kind === 'call' && calledFunctionName(inner) === name) found = inner;
  });
  return found;
};

/** The loop's parts, or why it is a select loop the port cannot carry; undefined when it has no socket_select(). */
export function selectLoop(node: LooseNode): SelectLoop | string | undefined {
  if (node.kind !== 'while' || node.body?.kind !== 'block') return undefined;
  const body: LooseNode[] = node.body.children;
  const at = body.findIndex((statement) => callIn(statement, 'socket_select'));
  if (at < 0) return undefined;
  const select = callIn(body[at]!, 'socket_select')!;
  const [read, write, except, timeout] = (select.arguments ?? []) as LooseNode[];
  const readSet = variableOf(read);
  if (!readSet) return 'socket_select() on something other than a variable';
  if ([write, except].some((arg) => arg && arg.kind !== 'variable' && arg.kind !== 'nullkeyword'))
    return 'socket_select() with an expression as a by-reference argument (PHP 8 throws an Error there; php-socket-lint --fix repairs it)';
  if (timeout && timeout.kind !== 'nullkeyword' && !(timeout.kind === 'name' && String(timeout.name).toLowerCase() === 'null')) return 'socket_select() with a timeout';
  const selectNames = new Set([readSet, variableOf(write), variableOf(except)].filter((n): n is string => !!n));
  const touchesOnlySelectSets = (statement: LooseNode) => statement.kind === 'expressionstatement' && statement.expression.kind === 'assign' && selectNames.has(variableOf(statement.expression.left) ?? variableOf((statement.expression.left as LooseNode)?.what) ?? '');
  if (!body.slice(0, at).every(touchesOnlySelectSets)) return 'statements before socket_select() other than building its sets';
  const ready = body[at]!.kind === 'expressionstatement' && body[at]!.expression.kind === 'assign' ? variableOf(body[at]!.expression.left) : undefined;
  let next = at + 1;
  let failure: LooseNode | undefined;
  if (ready && body[next]?.kind === 'if' && [...variablesIn(body[next]!.test)].every((name) => name === ready)) failure = body[next++];
  if (body[at]!.kind === 'if') failure = body[at];
  const acceptIf = body[next];
  const turns = body[next + 1];
  if (acceptIf?.kind !== 'if' || acceptIf.alternate || turns?.kind !== 'foreach' || body.length !== next + 2) return 'a select loop other than: select, accept when the listener is readable, then a turn for each readable client';
  const acceptBody = (acceptIf.body?.kind === 'block' ? acceptIf.body.children : [acceptIf.body]) as LooseNode[];
  const acceptAt = acceptBody.findIndex((s) => s.kind === 'expressionstatement' && s.expression.kind === 'assign' && calledFunctionName(s.expression.right) === 'socket_accept');
  if (acceptAt < 0) return 'a select loop whose listener branch does not socket_accept()';
  const acceptCall = acceptBody[acceptAt]!.expression;
  const listener = variableOf(acceptCall.right.arguments?.[0]);
  const client = variableOf(acceptCall.left);
  if (!listener || !client) return 'socket_accept() on something other than variables';
  if (!listensOn(acceptIf.test, listener, readSet)) return "a listener branch whose test is not isset($read[…]) or in_array($listener, $read, true)";
  if (variableOf(turns.source) !== readSet || variableOf(turns.value) !== client) return `a foreach over the read set whose client is not $${client}`;
  const readsFirst = (turns.body as LooseNode | undefined)?.children?.[0];
  if (!(readsFirst?.kind === 'expressionstatement' && readsFirst.expression.kind === 'assign' && calledFunctionName(readsFirst.expression.right) === 'socket_read' && variableOf(readsFirst.expression.right.arguments?.[0]) === client))
    return "a client's turn that does not begin with socket_read()";
  const accept = acceptBody.filter((s, i) => i !== acceptAt && !touchesReadSet(s, readSet));
  const stored = accept.find((s) => s.kind === 'expressionstatement' && s.expression.kind === 'assign' && s.expression.left.kind === 'offsetlookup' && variableOf(s.expression.right) === client);
  const clients = variableOf(stored?.expression.left.what);
  if (!stored || !clients) return 'a select loop that does not keep its clients in an array';
  const key = stored.expression.left.offset ? variableOf(stored.expression.left.offset) : undefined;
  if (stored.expression.left.offset && !key) return 'clients kept under a computed key';
  if (turns.key && variableOf(turns.key) !== key) return `a foreach over the read set whose key is not $${key ?? '(none)'}`;
  return { listener, readSet, client, key, clients, collection: key ? 'socket-map' : 'socket-set', accept, turns, failure };
}

function listensOn(test: LooseNode, listener: string, readSet: string): boolean {
  if (test.kind === 'isset') return test.variables?.length === 1 && test.variables[0].kind === 'offsetlookup' && variableOf(test.variables[0].what) === readSet;
  if (test.kind === 'call' && calledFunctionName(test) === 'in_array') {
    const [needle, haystack, strict] = test.arguments as LooseNode[];
    return variableOf(needle) === listener && variableOf(haystack) === readSet && strict?.kind === 'boolean' && strict.value;
  }
  return false;
}

/** `unset($read[…])`: the read set is Node's to keep. */
function touchesReadSet(statement: LooseNode, readSet: string): boolean {
  return statement.kind === 'unset' && (statement.variables as LooseNode[]).every((v) => v.kind === 'offsetlookup' && variableOf(v.what) === readSet);
}

/**
 * Before translation: the clients' array becomes a collection, and arrays indexed only by the
 * client's key (and set to [] before the loop) become per-client variables: `$buffers[$id]` is
 * rewritten to `$buffers` in place.
 */
export function prepareSelectLoops(program: LooseNode, t: Context): void {
  const loops: SelectLoop[] = [];
  walk(program, (node) => {
    const loop = selectLoop(node);
    if (typeof loop === 'string') throw new CannotCarry(loop, node);
    if (loop) loops.push(loop);
  });
  if (loops.length > 1) throw new CannotCarry('more than one select loop');
  const loop = loops[0];
  if (!loop) return;
  t.collections = new Map([[loop.clients, loop.collection]]);
  t.perClient = new Set();
  if (!loop.key) return;
  const uses = new Map<string, number>();
  const indexed = new Map<string, LooseNode[]>();
  walk(program, (node) => {
    const name = variableOf(node);
    if (name) uses.set(name, (uses.get(name) ?? 0) + 1);
    if (node.kind === 'offsetlookup' && variableOf(node.offset) === loop.key && variableOf(node.what)) indexed.set(variableOf(node.what)!, [...(indexed.get(variableOf(node.what)!) ?? []), node]);
  });
  const emptied = new Set<string>();
  walk(program, (node) => {
    if (node.kind === 'assign' && node.right?.kind === 'array' && (node.right.items ?? []).length === 0 && variableOf(node.left)) emptied.add(variableOf(node.left)!);
  });
  for (const [name, lookups] of indexed) {
    if (name === loop.clients || name === loop.readSet || !emptied.has(name)) continue;
    // Every use but the `= []` is $name[$key] (each lookup also counts the key variable once).
    if ((uses.get(name) ?? 0) !== lookups.length + 1) continue;
    t.perClient.add(name);
    for (const lookup of lookups) {
      lookup.kind = 'variable';
      lookup.name = name;
      delete lookup.what;
      delete lookup.offset;
    }
  }
}

/** The select loop being written: its condition (absent for `while (true)`) and its client. */
interface Turns {
  condition?: string;
  negated?: string;
  client: string;
}
const current = new WeakMap<StatementWriter, Turns>();

/** Writes the handler for a recognised select loop; the statements after the loop run when its condition turns false. */
export function selectServer(w: StatementWriter, t: Context, node: LooseNode, loop: SelectLoop, rest: LooseNode[]): void {
  w.shapes.select = true;
  const forever = isEndless(node.test);
  const test = forever ? undefined : expression(t, node.test);
  if (test && test.type !== 'bool') throw new CannotCarry("a select loop's condition that is not a bool", node.test);
  if (test && !rest.some((s) => s.kind === 'expressionstatement' && calledFunctionName(s.expression) === 'socket_close' && variableOf((s.expression as LooseNode).arguments?.[0]) === loop.listener))
    throw new CannotCarry('a select loop whose end does not close the listener', node);
  const c = tsName(loop.client);
  if (loop.failure) w.emit(`// ${w.text.slice(loop.failure.loc!.start.offset, loop.failure.test.loc!.end.offset + 1).split(/\r?\n/)[0]} …: Node has no select() to fail.`);
  w.emit(`${tsName(loop.listener)}.on('connection', async (${c}) => {`);
  current.set(w, { condition: test?.code, negated: test && (test.prec < 15 ? `!(${test.code})` : `!${test.code}`), client: loop.client });
  w.indented(() => {
    w.emit(`${c}.on('error', () => {}); // a reset connection ends like a closed one, as socket_read() returning false`);
    const turns = syntheticNode('selectTurns', loop.turns.loc, { body: loop.turns.body });
    const from = loop.accept[0]?.loc?.start.offset ?? loop.turns.loc!.start.offset;
    w.pushHandler({ kind: 'loop', refuse: "a break out of the select loop from a client's turn" });
    try {
      w.block([...loop.accept, turns], from, loop.turns.loc!.start.offset);
    } finally {
      w.popHandler();
      current.delete(w);
    }
  });
  w.emit('});');
  if (!test) return;
  // The PHP after its loop: run once the condition has turned false (a client's turn ends then).
  const at = w.lines.length;
  w.emit('function stopServer(): void {');
  w.indented(() => w.block(rest, rest[0]!.loc?.start.offset ?? 0, w.text.length));
  w.emit('}');
  if (w.lines.slice(at).some((line) => /\bawait\b/.test(line))) throw new CannotCarry('waiting on a socket after the select loop', rest[0]);
}

/** The synthetic statements of a select loop's handler: the client's turns, and the check after its read. */
export function selectStatement(w: StatementWriter, node: LooseNode): boolean {
  const turns = current.get(w);
  if (!turns || (!isSynthetic(node, 'selectTurns') && !isSynthetic(node, 'selectEnded'))) return false;
  if (isSynthetic(node, 'selectEnded')) return w.emit(`if (${turns.negated}) return; // the select loop ended while this client waited`), true;
  const head = w.lines.length;
  w.emit(`${turns.condition ? `while (${turns.condition})` : 'for (;;)'} { // $${turns.client}'s turns in the select loop`);
  const breakable: Breakable = { kind: 'loop', turnsOf: turns.client, onBreak: turns.condition ? [`if (${turns.negated}) stopServer();`] : [] };
  w.pushHandler(breakable);
  try {
    w.indented(() => {
      const [read, ...others] = node.body.children as LooseNode[];
      const ended: LooseNode[] = turns.condition ? [syntheticNode('selectEnded', null)] : [];
      w.block([read!, ...ended, ...others], node.body.loc!.start.offset + 1, node.body.loc!.end.offset);
    });
  } finally {
    w.popHandler();
  }
  w.emit('}');
  if (breakable.labelUsed) w.lines[head] = w.lines[head]!.replace(/^(\s*)/, `$1${breakable.label}: `);
  return true;
}

/**
 * A variable of the loop's body (not set before it) that the statements after it use: it would be
 * one per connection in the port, one for the whole loop in PHP.
 */
export function clientTurnsUsedAfter(node: LooseNode, siblings: LooseNode[], index: number, declared: Set<string>, t: Context): string | undefined {
  const before = new Set<string>();
  for (const statement of siblings.slice(0, index)) for (const name of variablesIn(statement)) before.add(name);
  const after = new Set<string>();
  for (const statement of siblings.slice(index + 1)) for (const name of variablesIn(statement)) after.add(name);
  for (const name of variablesIn(node)) if (!before.has(name) && !declared.has(name) && !t.sockets.has(name) && after.has(name)) return name;
  return undefined;
}
