// PHP statements → TypeScript for the idiomatic port, with the socket calls rewritten to
// node:net/node:dgram and the two server loops turned into event handlers:
// - `while (true) { $c = socket_accept($s); … }` → `server.on('connection', async (c) => …)`;
// - `while (true) { $n = socket_recvfrom($s, $data, …); … }` → `socket.on('message', …)`.
// The shapes are recognised on the syntax tree (the control-flow graph of core/flow is not
// used yet). What this cannot carry throws CannotCarry.
import { calledFunctionName } from '../../core/ast';
import { type LooseNode } from '../loose-node';
import { stringNodeBytes } from '../literals';
import { processSettingComment } from './process-settings';
import { call, CannotCarry, truthiness, concatParts, expression, format, isCollection, joinStrings, mapKey, tsName, variableOf, type Code, type Context, type SocketKind, type Type } from './expressions';

/** A construct `break`/`continue` can target; `exit` is the code that leaves a handler loop. */
export interface Breakable {
  kind: 'loop' | 'switch' | 'handler';
  label?: string;
  labelUsed?: boolean;
  /** For a handler: what `break` and `continue` to it become. */
  onBreak?: string[];
  onContinue?: string[];
  /** A client's turns in a select loop (a real loop): its socket; once it is closed, both leave the handler. */
  turnsOf?: string;
  /** Why a jump to this construct cannot be carried. */
  refuse?: string;
  /** For a handler: the connection its onBreak begins by closing (skipped when the PHP closed it already). */
  closes?: string;
}

export interface Shapes {
  server?: boolean;
  select?: boolean;
  udpServer?: boolean;
  client?: boolean;
}

export class StatementWriter {
  lines: string[] = [];
  private depth = 0;
  private breakables: Breakable[] = [];
  private labels = 0;
  /** Variables declared in the enclosing TypeScript scopes. */
  private declared: Set<string>[] = [new Set()];
  shapes: Shapes = {};
  /** Sockets closed earlier on the path being written (for the select loop's per-client turns). */
  closed = new Set<string>();
  imports = new Set<'net' | 'dgram' | 'once'>();

  constructor(
    readonly text: string,
    readonly t: Context,
  ) {}

  emit(line: string): void {
    this.lines.push(line === '' ? '' : `${'  '.repeat(this.depth)}${line}`);
  }

  indented(body: () => void): void {
    this.depth++;
    try {
      body();
    } finally {
      this.depth--;
    }
  }

  isDeclared(name: string): boolean {
    return this.declared.some((scope) => scope.has(name));
  }

  scoped(names: Iterable<string>, body: () => void): void {
    this.declared.push(new Set(names));
    try {
      body();
    } finally {
      this.declared.pop();
    }
  }

  /** Ranges of the PHP written elsewhere in the port (the functions, outside main()). */
  elsewhere: [number, number][] = [];

  /** The PHP comments between `from` and `to`; one on the line of `from` goes at the end of the last line. */
  comments(from: number, to: number): void {
    // A function written elsewhere (main()'s statements skip the declarations between them) is no comment of the gap.
    let gap = this.text.slice(from, to);
    for (const [start, end] of this.elsewhere) if (start >= from && end <= to) gap = gap.slice(0, start - from) + ' '.repeat(end - start) + gap.slice(end - from);
    for (const match of gap.matchAll(/\/\/[^\r\n]*|#(?!\[)[^\r\n]*|\/\*[\s\S]*?\*\//g)) {
      const comment = match[0].startsWith('#') ? `//${match[0].slice(1)}` : match[0];
      const sameLine = !/[\r\n]/.test(gap.slice(0, match.index)) && from > 0 && this.lines.length > 0 && !/^\s*(\{|<\?php)/.test(gap.slice(0, match.index));
      if (sameLine && !comment.includes('\n')) this.lines[this.lines.length - 1] += ` ${comment}`;
      else for (const line of comment.split(/\r\n|\r|\n/)) this.emit(line.trim().startsWith('*') ? ` ${line.trim()}` : line.trim());
    }
  }

  /** A block: declarations where PHP's function-wide variables need them, comments kept. */
  block(statements: LooseNode[], from: number, to: number): void {
    const local = new Set<string>();
    const occurrences = statements.map((statement) => variablesIn(statement));
    const firstAt = new Map<string, number>();
    const seen = new Map<string, number>();
    // A variable of failure branches only (`$errorcode = socket_last_error()` in each) is declared in each branch.
    const outsideFailures = new Set(statements.flatMap((statement) => [...variablesOutsideFailure(statement)]));
    occurrences.forEach((vars, index) => {
      for (const name of vars) {
        if (this.isDeclared(name) || this.t.sockets.has(name)) continue;
        if (!firstAt.has(name)) firstAt.set(name, index);
        seen.set(name, (seen.get(name) ?? 0) + 1);
      }
    });
    this.declared.push(local);
    const narrowed = new Map<string, Type>();
    const closedBefore = new Set(this.closed);
    try {
      let previous = from;
      statements.forEach((statement, index) => {
        this.comments(previous, statement.loc?.start.offset ?? previous);
        previous = statement.loc?.end.offset ?? previous;
        for (const [name, first] of firstAt) {
          if (first !== index || local.has(name)) continue;
          const direct = directlyAssigned(statement).includes(name);
          if (direct) continue;
          // Used in several statements (or first read inside a nested one): declared here.
          if ((seen.get(name) ?? 0) > 1 && outsideFailures.has(name)) this.hoist(name, statement, local);
        }
        this.statement(statement, local, statements, index);
        for (const [name, without] of narrowedAfter(statement)) {
          const type = this.t.types.get(name);
          if (!type?.endsWith(`|${without}`)) continue;
          if (!narrowed.has(name)) narrowed.set(name, type);
          this.t.types.set(name, type.slice(0, -without.length - 1) as Type);
        }
      });
      this.comments(previous, to);
    } finally {
      for (const [name, type] of narrowed) this.t.types.set(name, type);
      this.declared.pop();
      this.closed = closedBefore;
    }
  }

  /** `let x = <default>;` before a statement that first uses `x` somewhere inside it. */
  private hoist(name: string, statement: LooseNode, local: Set<string>): void {
    const type = this.firstAssignedType(name, statement);
    local.add(name);
    this.t.types.set(name, type);
    const initial: Record<string, string> = { string: "''", int: '0', bool: 'false', 'string|false': 'false', 'string|null': 'null', 'int|false': 'false' };
    if (!(type in initial)) throw new CannotCarry(`$${name} of type ${type}`, statement);
    this.emit(`let ${tsName(name)}: ${tsType(type)} = ${initial[type]};`);
  }

  private firstAssignedType(name: string, statement: LooseNode): Type {
    let found: Type | undefined;
    walk(statement, (node) => {
      if (found) return;
      if (node.kind === 'assign' && variableOf(node.left) === name && node.operator === '=') {
        try {
          found = this.valueOf(node.right).type;
        } catch {
          found = undefined;
        }
      }
      if ((node.kind === 'post' || node.kind === 'pre') && variableOf(node.what) === name) found = 'int';
      if (node.kind === 'assign' && variableOf(node.left) === name && node.right.kind === 'call' && calledFunctionName(node.right) === 'strpos') found = 'int';
    });
    if (!found) throw new CannotCarry(`$${name}, whose type the port cannot tell`, statement);
    return found;
  }

  private valueOf(node: LooseNode): Code {
    return expression(this.t, node);
  }

  statement(node: LooseNode, local: Set<string>, siblings: LooseNode[], index: number): void {
    switch (node.kind) {
      case 'expressionstatement':
        return this.expressionStatement(node, node.expression, local, siblings, index);
      case 'echo':
        return this.emit(`print(${this.echoText(node.expressions ?? []).code});`), void this.t.helpers.add('print');
      case 'inline':
        if (String(node.value).trim() === '') return;
        throw new CannotCarry('inline HTML', node);
      case 'declare':
        return;
      case 'if':
        return this.ifStatement(node, local, siblings, index);
      case 'while':
        return this.whileStatement(node, local, siblings, index);
      case 'for':
        return this.forStatement(node);
      case 'foreach':
        return this.foreachStatement(node);
      case 'unset':
        return this.unset(node);
      case 'switch':
        return this.switchStatement(node);
      case 'break':
      case 'continue':
        return this.jump(node);
      case 'return': {
        if (this.breakables.some((b) => b.kind === 'handler')) throw new CannotCarry('return inside a server loop', node);
        return this.emit(node.expr ? `return ${this.valueOf(node.expr).code};` : 'return;');
      }
      case 'exit':
        return this.exit(node);
      case 'throw':
        return this.throwStatement(node);
      case 'block':
        return this.block(node.children ?? [], node.loc?.start.offset ?? 0, node.loc?.end.offset ?? 0);
      case 'function':
        return;
      default:
        throw new CannotCarry(`${node.kind} statements`, node);
    }
  }

  echoText(expressions: LooseNode[]): Code {
    const parts: Parameters<typeof joinStrings>[0] = [];
    for (const e of expressions) concatParts(this.t, e, parts);
    return joinStrings(parts);
  }

  private exit(node: LooseNode): void {
    const status = node.expression ? this.valueOf(node.expression) : undefined;
    if (status && status.type === 'string') {
      this.t.helpers.add('print');
      this.emit(`print(${status.code});`);
      this.emit('process.exit(0);');
    } else if (!status || status.type === 'int') this.emit(`process.exit(${status?.code ?? 0});`);
    else throw new CannotCarry(`exit() with a ${status.type}`, node);
  }

  /** `throw new RuntimeException($message)` → `throw new Error(message)`; main()'s catch keeps PHP's exit code 255. */
  private throwStatement(node: LooseNode): void {
    const thrown = node.what;
    const className = thrown?.kind === 'new' ? String(thrown.what?.name ?? '').replace(/^\\/, '') : '';
    if (!PHP_EXCEPTIONS.has(className)) throw new CannotCarry(`a throw of something other than one of PHP's exception classes`, node);
    if (this.breakables.some((b) => b.kind === 'handler')) throw new CannotCarry('a throw inside a server loop', node);
    const args: LooseNode[] = thrown.arguments ?? [];
    const message = args[0] ? this.valueOf(args[0]) : undefined;
    if (args.length > 1 || (message && message.type !== 'string')) throw new CannotCarry('an exception with a code or a message that is not a string', node);
    this.t.throws = true;
    this.emit(`throw new Error(${message?.code ?? ''}); // PHP: ${className}`);
  }

  private body(node: LooseNode | undefined, breakable?: Breakable): void {
    if (breakable) this.breakables.push(breakable);
    this.indented(() => {
      if (!node) return;
      if (node.kind === 'block') this.block(node.children ?? [], node.loc?.start.offset ?? 0, node.loc?.end.offset ?? 0);
      else this.block([node], node.loc?.start.offset ?? 0, node.loc?.start.offset ?? 0);
    });
    if (breakable) this.breakables.pop();
  }

  private test(node: LooseNode): string {
    const value = this.valueOf(node);
    const test = truthiness(this.t, value);
    if (!test) throw new CannotCarry(`a condition on a ${value.type} value (PHP's truthiness differs from JavaScript's)`, node);
    return test.code;
  }

  private ifStatement(node: LooseNode, local: Set<string>, siblings: LooseNode[], index: number): void {
    if (this.socketCheck(node, siblings, index)) return;
    const checked = checkedCalls(node);
    if (checked && checked.calls.length === 1 && this.failurePath(checked.calls[0]!, checked.failure!)) return;
    let current: LooseNode | undefined = node;
    let head = 'if';
    while (current) {
      this.emit(`${head} (${this.test(current.test)}) {`);
      this.narrowed(current.test, () => this.body(current!.body));
      const alternate: LooseNode | undefined = current.alternate;
      if (alternate?.kind === 'if') {
        head = '} else if';
        current = alternate;
      } else {
        if (alternate) {
          this.emit('} else {');
          this.body(alternate);
        }
        current = undefined;
      }
    }
    this.emit('}');
    void local;
  }

  /** Inside `if ($buf)`, `if ($buf != false)` or `if ($buf !== false)`, a string|false $buf is a string. */
  private narrowed(test: LooseNode, body: () => void): void {
    const bare = test.kind === 'bin' && ['!=', '!=='].includes(test.type) && test.right.kind === 'boolean' && !test.right.value ? test.left : test;
    const name = variableOf(bare);
    if (!name || this.t.types.get(name) !== 'string|false') return body();
    this.t.types.set(name, 'string');
    try {
      body();
    } finally {
      this.t.types.set(name, 'string|false');
    }
  }

  private labelFor(b: Breakable): string {
    b.labelUsed = true;
    return (b.label ??= `loop${++this.labels}`);
  }

  private loop(head: (label: string) => string, body: LooseNode | undefined): void {
    const b: Breakable = { kind: 'loop' };
    const at = this.lines.length;
    this.emit(head(''));
    this.body(body, b);
    this.emit('}');
    if (b.labelUsed) this.lines[at] = this.lines[at]!.replace(/^(\s*)/, `$1${b.label}: `);
  }

  private whileStatement(node: LooseNode, local: Set<string>, siblings: LooseNode[], index: number): void {
    if (this.serverLoop(node, siblings, index)) return;
    // `while (($n = strpos(…)) !== false)`: $n is declared before the loop.
    walk(node.test, (inner) => {
      const name = inner.kind === 'assign' ? variableOf(inner.left) : undefined;
      if (!name || this.isDeclared(name)) return;
      const type = this.firstAssignedType(name, node.test);
      local.add(name);
      this.emit(`let ${tsName(name)}: ${tsType(type)};`);
    });
    this.loop(() => `while (${this.test(node.test)}) {`, node.body);
  }

  /** `for ($i = 0; $i < n; $i++)` over ints: the same loop (its variable declared in the header unless used outside). */
  private forStatement(node: LooseNode): void {
    const [init, test, increment] = [node.init ?? [], node.test ?? [], node.increment ?? []] as LooseNode[][];
    if (init.length !== 1 || test.length !== 1 || increment.length !== 1 || init[0]!.kind !== 'assign' || init[0]!.operator !== '=') throw new CannotCarry('a for loop other than one variable, one test and one step', node);
    const name = variableOf(init[0]!.left);
    const start = this.valueOf(init[0]!.right);
    if (!name || start.type !== 'int') throw new CannotCarry('a for loop over something other than an int variable', node);
    const declare = !this.isDeclared(name);
    const known = this.t.types.get(name);
    this.t.types.set(name, 'int');
    const step = increment[0]!;
    const stepCode = (step.kind === 'post' || step.kind === 'pre') && variableOf(step.what) === name ? this.valueOf(step).code : step.kind === 'assign' && variableOf(step.left) === name && ['+=', '-='].includes(step.operator) && this.valueOf(step.right).type === 'int' ? `${tsName(name)} ${step.operator} ${this.valueOf(step.right).code}` : undefined;
    if (!stepCode) throw new CannotCarry('a for loop whose step is not ++, --, += or -= of its variable', step);
    this.scoped(declare ? [name] : [], () => this.loop(() => `for (${declare ? 'let ' : ''}${tsName(name)} = ${start.code}; ${this.test(test[0]!)}; ${stepCode}) {`, node.body));
    if (declare && known) this.t.types.set(name, known);
    else if (declare) this.t.types.delete(name);
  }

  /** `foreach ($clients as $id => $client)` over a select loop's clients (a Map or a Set). */
  private foreachStatement(node: LooseNode): void {
    const source = this.valueOf(node.source);
    const value = variableOf(node.value);
    const key = node.key ? variableOf(node.key) : undefined;
    if (!isCollection(source.type) || !value || (node.key && !key) || node.value.byref) throw new CannotCarry('foreach over something other than the clients of a select loop', node);
    if (key && source.type === 'socket-set') throw new CannotCarry('the keys of a list of clients', node);
    const wasSocket = this.t.sockets.get(value);
    const wasKey = key ? this.t.types.get(key) : undefined;
    this.t.sockets.set(value, 'connection');
    if (key) this.t.types.set(key, 'int');
    const binding = key ? `[${tsName(key)}, ${tsName(value)}]` : tsName(value);
    this.scoped([value, ...(key ? [key] : [])], () => this.loop(() => `for (const ${binding} of ${source.code}${source.type === 'socket-map' && !key ? '.values()' : ''}) {`, node.body));
    if (wasSocket) this.t.sockets.set(value, wasSocket);
    else this.t.sockets.delete(value);
    if (key && wasKey) this.t.types.set(key, wasKey);
  }

  /** unset() of a client: `unset($clients[$id])` / `unset($clients[array_search($client, $clients, true)])`. */
  private unset(node: LooseNode): void {
    for (const target of (node.variables ?? []) as LooseNode[]) {
      if (this.t.perClient?.has(variableOf(target) ?? '')) continue; // its handler's variable goes with it
      const code = this.unsetTarget?.(target) ?? this.removedClient(target);
      if (code) this.emit(code);
    }
  }

  private removedClient(target: LooseNode): string {
    const collection = target.kind === 'offsetlookup' ? this.valueOf(target.what) : undefined;
    if (!collection || !isCollection(collection.type) || !target.offset) throw new CannotCarry('unset() of something other than a client', target);
    const offset = target.offset;
    if (collection.type === 'socket-map') return `${collection.code}.delete(${this.valueOf(offset).code});`;
    const searched = offset.kind === 'call' && calledFunctionName(offset) === 'array_search' ? (offset.arguments as LooseNode[]) : undefined;
    const strict = searched?.[2]?.kind === 'boolean' && searched[2].value;
    if (!searched || !strict || variableOf(searched[1]) !== variableOf(target.what)) throw new CannotCarry('unset() of a list item other than array_search($client, $list, true)', target);
    return `${collection.code}.delete(${this.valueOf(searched[0]!).code});`;
  }

  /** Set by the select loop: how its read set's unset()s are written (none: '' drops them). */
  unsetTarget?: (target: LooseNode) => string | undefined;

  private switchStatement(node: LooseNode): void {
    const subject = this.valueOf(node.test);
    const cases: LooseNode[] = node.body?.children ?? [];
    for (const item of cases) {
      if (item.test && !(item.test.kind === 'string' && !/^\s*[+-]?(\d|\.\d)/.test(stringNodeBytes(item.test)) && subject.type === 'string')) {
        throw new CannotCarry('a switch whose cases are not non-numeric string literals (PHP compares them loosely)', item);
      }
    }
    const b: Breakable = { kind: 'switch' };
    const at = this.lines.length;
    this.emit(`switch (${subject.code}) {`);
    this.breakables.push(b);
    this.indented(() => {
      for (const item of cases) {
        this.emit(item.test ? `case ${this.valueOf(item.test).code}:` : 'default:');
        this.indented(() => item.body && this.block(item.body.children ?? [], item.body.loc?.start.offset ?? 0, item.body.loc?.end.offset ?? 0));
      }
    });
    this.breakables.pop();
    this.emit('}');
    if (b.labelUsed) this.lines[at] = this.lines[at]!.replace(/^(\s*)/, `$1${b.label}: `);
  }

  private jump(node: LooseNode): void {
    const level = node.level ? Number(node.level.value) : 1;
    if (!Number.isInteger(level) || level < 1) throw new CannotCarry(`${node.kind} with a computed level`, node);
    const stack = this.breakables;
    const target = stack[stack.length - level] ?? stack[0];
    if (!target) throw new CannotCarry(`${node.kind} outside a loop`, node);
    const isContinue = node.kind === 'continue' && target.kind !== 'switch';
    if (target.refuse) throw new CannotCarry(target.refuse, node);
    if (target.turnsOf) {
      if (this.closed.has(target.turnsOf)) return this.emit('return;');
      if (node.kind === 'break') for (const line of target.onBreak ?? []) this.emit(line);
      const inner = stack.slice(stack.indexOf(target) + 1);
      return this.emit(`continue${inner.some((b) => b.kind === 'loop') ? ` ${this.labelFor(target)}` : ''};`);
    }
    if (target.kind === 'handler') {
      const lines = (isContinue ? target.onContinue : target.onBreak) ?? [];
      for (const line of !isContinue && target.closes && this.closed.has(target.closes) ? lines.slice(1) : lines) this.emit(line);
      return;
    }
    const inner = stack.slice(stack.indexOf(target) + 1);
    const innermost = isContinue ? !inner.some((b) => b.kind === 'loop') : inner.length === 0;
    this.emit(`${isContinue ? 'continue' : 'break'}${innermost ? '' : ` ${this.labelFor(target)}`};`);
  }

  private expressionStatement(node: LooseNode, e: LooseNode, local: Set<string>, siblings: LooseNode[], index: number): void {
    const checked = checkedCalls(node);
    if (checked && checked.calls.length > 0 && checked.failure && this.failurePath(checked.calls[0]!, checked.failure)) return;
    if (e.kind === 'assign') return this.assignment(e, local);
    if (e.kind === 'exit') return this.exit(e);
    if ((e.kind === 'post' || e.kind === 'pre') && this.valueOf(e.what).type === 'int') {
      return this.emit(`${tsName(variableOf(e.what)!)}${e.type === '+' ? '++' : '--'};`);
    }
    if (e.kind === 'call') {
      const setting = processSettingComment(node, this.text);
      if (setting) return this.emit(setting);
      const name = calledFunctionName(e);
      if (name === 'printf') return this.t.helpers.add('print'), this.emit(`print(${format(this.t, e).code});`);
      if (name === 'fwrite' && e.arguments?.[0]?.kind === 'name' && /^STD(ERR|OUT)$/.test(e.arguments[0].name)) {
        this.t.helpers.add('print');
        const text = this.valueOf(e.arguments[1]);
        return this.emit(`print(${text.code}${e.arguments[0].name === 'STDERR' ? ', process.stderr' : ''});`);
      }
      const code = call(this.t, e, true).code;
      if (code) for (const line of code.split('\n')) this.emit(line.endsWith('}') || line.endsWith('{') || line.endsWith(';') ? line : `${line};`);
      return;
    }
    if (e.kind === 'bin' && (e.type === 'or' || e.type === '||') && e.right.kind === 'exit' && e.left.kind === 'call') {
      return this.failurePath(e.left, [e.right]) ? undefined : undefined;
    }
    throw new CannotCarry(`${e.kind} as a statement`, e);
    void siblings;
    void index;
  }

  private assignment(e: LooseNode, local: Set<string>): void {
    if (e.left.kind === 'offsetlookup' && e.operator === '=' && this.t.types.get(variableOf(e.left.what) ?? '') === 'int-map' && e.left.offset) {
      const value = this.valueOf(e.right);
      if (value.type !== 'int') throw new CannotCarry(`a ${value.type} value in an array of ints`, e);
      return this.emit(`${tsName(variableOf(e.left.what)!)}.set(${mapKey(this.t, e.left.offset)}, ${value.code});`);
    }
    if (e.left.kind === 'offsetlookup' && e.operator === '=') return this.addClient(e);
    const name = variableOf(e.left);
    // `$counts = []` filled as `$counts[$key] = <int>`: a Map from string keys to ints.
    if (name && !this.t.collections?.has(name) && e.right.kind === 'array' && (e.right.items ?? []).length === 0 && !this.isDeclared(name) && this.assignedOnce.has(name) && keyedAssignments(this.t.program, name)) {
      local.add(name);
      this.t.types.set(name, 'int-map');
      return this.emit(`const ${tsName(name)} = new Map<string, number>();`);
    }
    const collection = name ? this.t.collections?.get(name) : undefined;
    if (collection && e.right.kind === 'array' && (e.right.items ?? []).length === 0 && !this.isDeclared(name!)) {
      local.add(name!);
      this.t.types.set(name!, collection);
      return this.emit(`const ${tsName(name!)} = ${collection === 'socket-map' ? 'new Map<number, net.Socket>()' : 'new Set<net.Socket>()'};`);
    }
    if (!name) throw new CannotCarry('an assignment to something other than a variable', e);
    let value: Code | undefined;
    if (e.right.kind === 'call' && calledFunctionName(e.right)?.startsWith('socket_')) {
      value = this.t.socketCall(e.right, calledFunctionName(e.right)!, false, name);
      if (value?.type === 'void') return;
    }
    value ??= this.valueOf(e.right);
    const ts = tsName(name);
    if (e.operator === '=') {
      const known = this.t.types.get(name);
      if (!this.isDeclared(name)) {
        local.add(name);
        this.t.types.set(name, value.type);
        this.emit(`${this.assignedOnce.has(name) ? 'const' : 'let'} ${ts}${needsAnnotation(value.type) ? `: ${tsType(widen(value.type))}` : ''} = ${value.code};`);
        if (needsAnnotation(value.type)) this.t.types.set(name, widen(value.type));
        return;
      }
      if (known && !compatible(known, value.type)) throw new CannotCarry(`$${name} holds a ${known}, then a ${value.type}`, e);
      return this.emit(`${ts} = ${value.code};`);
    }
    const known = this.t.types.get(name);
    if (e.operator === '.=' && known === 'string') return this.emit(`${ts} += ${value.type === 'string' ? value.code : joinStrings([{ code: value, node: e.right }]).code};`);
    if (['+=', '-=', '*='].includes(e.operator) && known === 'int' && value.type === 'int') return this.emit(`${ts} ${e.operator} ${value.code};`);
    throw new CannotCarry(`the assignment ${e.operator} on a ${known ?? 'unknown'} value`, e);
  }

  /** `$clients[$id] = $client` (a Map) / `$clients[] = $client` (a Set). */
  private addClient(e: LooseNode): void {
    const collection = this.valueOf(e.left.what);
    const client = this.valueOf(e.right);
    if (!isCollection(collection.type) || client.type !== 'socket') throw new CannotCarry('arrays other than the clients of a select loop', e);
    if (collection.type === 'socket-set' && e.left.offset) throw new CannotCarry('a list of clients with keys', e);
    if (collection.type === 'socket-map' && !e.left.offset) throw new CannotCarry('clients appended to an array keyed by id', e);
    if (collection.type === 'socket-set') return this.emit(`${collection.code}.add(${client.code});`);
    const key = this.valueOf(e.left.offset);
    if (key.type !== 'int') throw new CannotCarry(`clients keyed by a ${key.type} value`, e);
    this.emit(`${collection.code}.set(${key.code}, ${client.code});`);
  }

  /** Variables assigned exactly once in the program (they become `const`). */
  assignedOnce = new Set<string>();

  // Set by the shapes module.
  socketCheck: (node: LooseNode, siblings: LooseNode[], index: number) => boolean = () => false;
  failurePath: (call: LooseNode, failure: LooseNode[]) => boolean = () => false;
  serverLoop: (node: LooseNode, siblings: LooseNode[], index: number) => boolean = () => false;

  /** The failure branch of a socket call, inside `catch (error)`. */
  failureBlock(failure: LooseNode[]): void {
    const previous = this.t.error;
    this.t.error = 'error';
    try {
      this.indented(() => this.block(failure.map((node) => (node.kind === 'exit' ? node : node)), failure[0]?.loc?.start.offset ?? 0, failure[0]?.loc?.start.offset ?? 0));
    } finally {
      this.t.error = previous;
    }
  }

  pushHandler(b: Breakable): void {
    this.breakables.push(b);
  }

  popHandler(): void {
    this.breakables.pop();
  }
}

/** PHP's own exception classes a throw may name (each becomes an Error). */
const PHP_EXCEPTIONS = new Set(['Exception', 'ErrorException', 'RuntimeException', 'LogicException', 'InvalidArgumentException', 'UnexpectedValueException', 'DomainException', 'LengthException', 'OutOfRangeException', 'OutOfBoundsException', 'RangeException', 'OverflowException', 'UnderflowException']);

function needsAnnotation(type: Type): boolean {
  return type === 'string|false' || type === 'null' || type === 'string|null' || type === 'int|false' || type === 'string?';
}

function widen(type: Type): Type {
  return type === 'null' ? 'string|null' : type;
}

/** `$name[$key] = …` somewhere in the program (with a key). */
function keyedAssignments(program: LooseNode | undefined, name: string): boolean {
  let found = false;
  if (program) walk(program, (node) => {
    if (node.kind === 'assign' && node.left?.kind === 'offsetlookup' && node.left.offset && variableOf(node.left.what) === name) found = true;
  });
  return found;
}

function compatible(declared: Type, assigned: Type): boolean {
  return declared === assigned || declared.split('|').includes(assigned) || (assigned === 'null' && declared.includes('null')) || (assigned === 'bool' && declared.includes('false'));
}

export function tsType(type: Type): string {
  const map: Record<string, string> = { 'socket-map': 'Map<number, net.Socket>', 'socket-set': 'Set<net.Socket>', string: 'string', int: 'number', float: 'number', bool: 'boolean', null: 'null', 'string|false': 'string | false', 'string|null': 'string | null', 'int|false': 'number | false', 'string?': 'string | undefined', 'int?': 'number | undefined', rounded: 'number', 'int-map': 'Map<string, number>', void: 'void' };
  const ts = map[type];
  if (!ts) throw new CannotCarry(`a ${type} value`);
  return ts;
}

/** `if ($x === false || …) { …; break; }`: after it, $x is not false (as TypeScript narrows it); null likewise. */
function narrowedAfter(statement: LooseNode): [string, 'false' | 'null'][] {
  if (statement.kind !== 'if' || statement.alternate) return [];
  const body = (statement.body?.kind === 'block' ? statement.body.children : [statement.body]) as LooseNode[];
  const last = body[body.length - 1];
  const leaves = last && (['break', 'continue', 'return'].includes(last.kind) || (last.kind === 'expressionstatement' && last.expression.kind === 'exit'));
  if (!leaves) return [];
  const names: [string, 'false' | 'null'][] = [];
  const visit = (test: LooseNode): void => {
    if (test.kind === 'bin' && (test.type === '||' || test.type === 'or')) {
      visit(test.left);
      visit(test.right);
    }
    if (test.kind === 'bin' && test.type === '===') {
      const name = variableOf(test.left);
      if (name && test.right.kind === 'boolean' && !test.right.value) names.push([name, 'false']);
      if (name && test.right.kind === 'nullkeyword') names.push([name, 'null']);
    }
  };
  visit(statement.test);
  return names;
}

export function walk(node: LooseNode, visit: (node: LooseNode) => void): void {
  visit(node);
  for (const key in node) {
    if (key === 'loc') continue;
    const value = node[key];
    if (Array.isArray(value)) for (const item of value) item && typeof item.kind === 'string' && walk(item, visit);
    else if (value && typeof value === 'object' && typeof value.kind === 'string') walk(value, visit);
  }
}

/** The variables a statement uses, except those a foreach in it binds (the for-of declares them). */
export function variablesIn(node: LooseNode): Set<string> {
  const names = new Set<string>();
  const bound = new Set<string>();
  walk(node, (inner) => {
    if (inner.kind === 'function' || inner.kind === 'closure') return;
    if (inner.kind === 'foreach') [variableOf(inner.key), variableOf(inner.value)].forEach((name) => name && bound.add(name));
    const name = variableOf(inner);
    if (name && name !== 'argv' && name !== 'this') names.add(name);
  });
  for (const name of bound) names.delete(name);
  return names;
}

/** The variables a statement assigns at its top level (so it can declare them). */
export function directlyAssigned(statement: LooseNode): string[] {
  const checked = checkedCalls(statement);
  if (checked) return checked.calls.flatMap((call) => (calledFunctionName(call) === 'socket_getsockname' ? outputsOf(call) : []));
  const e = statement.kind === 'expressionstatement' ? statement.expression : undefined;
  if (e?.kind !== 'assign' || e.operator !== '=') return [];
  const name = variableOf(e.left);
  return name ? [name, ...outputsOf(e.right)] : [];
}

/** By-reference outputs of the socket calls the port carries. */
export function outputsOf(node: LooseNode): string[] {
  const name = node.kind === 'call' ? calledFunctionName(node) : undefined;
  const args: LooseNode[] = node.arguments ?? [];
  const pick = (...indexes: number[]) => indexes.map((i) => variableOf(args[i])).filter((v): v is string => !!v);
  if (name === 'socket_recv') return pick(1);
  if (name === 'socket_recvfrom') return pick(1, 4, 5);
  if (name === 'socket_getsockname') return pick(1, 2);
  return [];
}

/** `while (true)` and `while (1)`: a loop only a break leaves. */
export function isEndless(test: LooseNode | undefined): boolean {
  return (test?.kind === 'boolean' && !!test.value) || (test?.kind === 'number' && Number(test.value) !== 0);
}

/**
 * `if (!($s = socket_create(…))) {…}`, `if (($s = socket_create(…)) === false) {…}` and
 * `$s = socket_create(…) or die(…)`: the assignment, whose check is dropped (Node's sockets are never false).
 */
export function checkedCreation(node: LooseNode): LooseNode | undefined {
  const isCreation = (n: LooseNode | undefined) => n?.kind === 'assign' && n.operator === '=' && n.right?.kind === 'call' && calledFunctionName(n.right) === 'socket_create';
  if (node.kind === 'if' && !node.alternate) {
    const test = node.test;
    if (test.kind === 'unary' && test.type === '!' && isCreation(test.what)) return test.what;
    if (test.kind === 'bin' && test.type === '===' && test.right.kind === 'boolean' && !test.right.value && isCreation(test.left)) return test.left;
  }
  const e = node.kind === 'expressionstatement' ? node.expression : undefined;
  if (e?.kind === 'bin' && (e.type === 'or' || e.type === '||') && isCreation(e.left) && e.right.kind === 'exit') return e.left;
  return undefined;
}

/** The variables of a statement outside the branch that handles a socket call's failure (which becomes a block of its own). */
function variablesOutsideFailure(statement: LooseNode): Set<string> {
  const handlesFailure = !!checkedCalls(statement)?.failure || !!checkedCreation(statement);
  if (handlesFailure && statement.kind === 'if') return variablesIn(statement.test);
  if (handlesFailure && statement.kind === 'expressionstatement' && statement.expression.kind === 'bin') return variablesIn(statement.expression.left);
  return variablesIn(statement);
}

/** A socket call whose failure the PHP handles: `if (!f(…)) {…}`, `f(…) === false`, `f(…) or die(…)`. */
export function checkedCalls(node: LooseNode): { calls: LooseNode[]; failure: LooseNode[] | null } | undefined {
  const isSocketCall = (n: LooseNode | undefined) => n?.kind === 'call' && !!calledFunctionName(n)?.startsWith('socket_');
  const failed = (test: LooseNode): LooseNode[] | undefined => {
    if (test.kind === 'unary' && test.type === '!' && isSocketCall(test.what)) return [test.what];
    if (test.kind === 'bin' && test.type === '===' && test.right.kind === 'boolean' && !test.right.value && isSocketCall(test.left)) return [test.left];
    if (test.kind === 'bin' && (test.type === '||' || test.type === 'or')) {
      const left = failed(test.left);
      const right = failed(test.right);
      return left && right ? [...left, ...right] : undefined;
    }
    return undefined;
  };
  if (node.kind === 'if' && !node.alternate) {
    const calls = failed(node.test);
    if (calls) return { calls, failure: (node.body?.kind === 'block' ? node.body.children : [node.body]) as LooseNode[] };
  }
  if (node.kind === 'expressionstatement') {
    const e = node.expression;
    if (isSocketCall(e)) return { calls: [e], failure: null };
    if (e.kind === 'bin' && (e.type === 'or' || e.type === '||') && isSocketCall(e.left) && e.right.kind === 'exit') return { calls: [e.left], failure: [e.right] };
  }
  return undefined;
}

export type { SocketKind };
