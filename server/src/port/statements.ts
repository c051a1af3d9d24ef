// PHP statements → TypeScript statements, keeping the program's control flow: its loops,
// `break 2`/`continue 2` (labels), switch with PHP's loose case matching, try/catch on PHP's
// exception classes, and `exit`.
import { isLooseNode, type LooseNode } from './loose-node';
import { soleObjectOwners } from './ownership';
import { calleeReturnType, fallsOffEnd, SCOPE_KINDS, type FunctionInfo, type VarInfo } from './analysis';
import { assignedValue, assignment, increment } from './assignments';
import { expr, PREC, wrap, type Expr } from './code';
import { planDeclarations, type DeclarationPlan } from './declarations';
import { callExpression, condition, echoArgument, value } from './expressions';
import { commentLines, tsStringLiteral, utf8Bytes } from './literals';
import { elementOf, isArray, without, isNumeric, isString, sameType, tsType, tsTypeNames, type PhpType } from './php-types';
import { calledFunctionName } from '../core/ast';
import { builtin } from './builtins';
import { childNodes } from '../core/ast';
import { Writer, type Translator } from './translator';
import { isSynthetic } from './synthetic-nodes';

/** Per-scope state while its body is written. */
interface BodyState {
  plan: DeclarationPlan;
}

const bodies = new WeakMap<Translator, BodyState>();

function plan(t: Translator): DeclarationPlan {
  return bodies.get(t)!.plan;
}

/** A TypeScript type for a variable, marking the runtime types it names as used. */
export function declaredType(t: Translator, type: PhpType): string {
  for (const name of tsTypeNames(type)) t.use(name);
  return tsType(type);
}

/**
 * The value of a variable TypeScript may see read before it is assigned: an array PHP may write
 * into first (`$read[] = $s`) starts empty, as PHP creates it there; one that may be null starts
 * as PHP's undefined variable, null (`socket_select($read, $write, $except, 0)`).
 */
function initialValue(t: Translator, type: PhpType): string | undefined {
  if (isArray(type)) return `new ${t.use('PhpArray')}()`;
  return type.kinds.has('null') ? 'null' : undefined;
}

/** The body of a function, closure or the main script, one level indented, with declarations. */
export function functionBody(t: Translator, scope: FunctionInfo): string {
  const outer = bodies.get(t);
  const state: BodyState = { plan: planDeclarations(scope, t.analysis) };
  bodies.set(t, state);
  assignLabels(t, scope.body);
  const body = new Writer();
  body.indented(() => {
    for (const name of scope.params) {
      const param = scope.vars.get(name)!;
      // PHP passes arrays by value; a function that changes its copy must not change the caller's.
      if (param.mutated && param.type.kinds.has('array')) body.line(`${param.ts} = ${isArray(param.type) ? `${param.ts}.copy()` : `${t.use('copyValue')}(${param.ts})`};`);
    }
    const extras = t.bodyExtras.get(scope);
    for (const line of extras?.prologue ?? []) body.line(line);
    // A function's local holding the only reference to an object with __destruct: PHP destroys it when the function returns.
    const owned = scope === t.analysis.main ? [] : [...scope.vars.values()].filter((info) => soleObjectOwners(t.analysis).has(info));
    // Declared above the `try`, so that `finally` sees them.
    const { plan } = state;
    for (const info of owned) {
      for (const [node, declared] of plan.atAssignment) if (declared === info) plan.atAssignment.delete(node);
      for (const [node, declared] of plan.inLoopHeader) plan.inLoopHeader.set(node, declared.filter((other) => other !== info));
      if (!plan.atTop.includes(info)) plan.atTop.push(info);
      plan.definitelyAssigned.add(info);
      plan.constant.delete(info);
    }
    const statements = () => {
      writeStatements(t, body, scope.body);
      if (scope.refParams.length > 0 && fallsOffEnd(scope)) body.line(returnWithReferences(t, 'null'));
      // PHP returns null from a function whose end is reached; TypeScript wants it said when the function returns a value elsewhere.
      else if (scope !== t.analysis.main && scope.returnsValue && fallsOffEnd(scope) && !extras?.epilogue && calleeReturnType(scope).kinds.has('null')) body.line('return null;');
      for (const line of extras?.epilogue ?? []) body.line(line);
    };
    if (owned.length === 0) statements();
    else {
      const frame = t.temporary('frame');
      body.line(`const ${frame} = ${t.use('phpEnterFrame')}(() => [${owned.map((info) => info.ts).join(', ')}]);`);
      body.line('try {');
      body.indented(statements);
      body.line('} finally {');
      body.indented(() => body.line(`${t.use('phpLeaveFrame')}(${frame});`));
      body.line('}');
    }
  });
  // Declarations last: a variable whose assignment could not be ported needs `!`.
  const declarations = new Writer();
  declarations.indented(() => {
    for (const info of state.plan.atTop) {
      const readFirst = state.plan.definitelyAssigned.has(info) || t.namedInUnported.has(info);
      const type = declaredType(t, info.type);
      const initial = readFirst && !t.namedInUnported.has(info) ? initialValue(t, info.type) : undefined;
      if (initial) declarations.line(`let ${info.ts}: ${type} = ${initial};`);
      else declarations.line(`let ${info.ts}${readFirst ? '!' : ''}: ${type};`);
    }
  });
  if (outer) bodies.set(t, outer);
  else bodies.delete(t);
  return [declarations.toString(), body.toString()].filter((part) => part !== '').join('\n');
}

const LOOP_KINDS = new Set(['while', 'do', 'for', 'foreach']);

/** Labels for the loops and switches that a `break N`/`continue N` leaves from inside. */
function assignLabels(t: Translator, statements: readonly LooseNode[]): void {
  const stack: { node: LooseNode; isLoop: boolean }[] = [];
  const targets = new Set<LooseNode>();
  const visit = (node: LooseNode) => {
    if (SCOPE_KINDS.has(node.kind)) return;
    if ((node.kind === 'break' || node.kind === 'continue') && stack.length > 0) {
      const target = stack[stack.length - (node.level ? Number((node.level as LooseNode).value) : 1)];
      if (target && !t.labels.has(target.node)) {
        const innermost = stack[stack.length - 1]!;
        const innermostLoop = [...stack].reverse().find((entry) => entry.isLoop);
        const actsAsBreak = node.kind === 'break' || !target.isLoop;
        const needsLabel = actsAsBreak ? target !== innermost : target !== innermostLoop;
        if (needsLabel) targets.add(target.node);
      }
    }
    const breakable = LOOP_KINDS.has(node.kind) || node.kind === 'switch';
    if (breakable) stack.push({ node, isLoop: node.kind !== 'switch' });
    childNodes(node).forEach(visit);
    if (breakable) stack.pop();
  };
  statements.forEach(visit);
  // Outermost first: `outer`, then `outer2`…
  const ordered = [...targets].sort((a, b) => (a.loc?.start.offset ?? 0) - (b.loc?.start.offset ?? 0));
  ordered.forEach((node, i) => t.labels.set(node, i === 0 ? 'outer' : `outer${i + 1}`));
}

export function writeStatements(t: Translator, out: Writer, statements: readonly LooseNode[]): void {
  for (const statement of statements) {
    writeStatement(t, out, statement);
    for (const line of t.linesAfter.get(statement) ?? []) out.line(line);
  }
}

function writeBody(t: Translator, out: Writer, node: LooseNode | null | undefined): void {
  if (!node) return;
  out.indented(() => writeStatements(t, out, node.kind === 'block' ? (node.children ?? []) : [node]));
}

/** Writes the TODO comments gathered while translating a statement's own expressions. */
function todos(t: Translator, out: Writer): void {
  t.flushTodos(out);
}

function writeStatement(t: Translator, out: Writer, node: LooseNode): void {
  if (!isLooseNode(node)) return;
  t.currentStatement = node;
  switch (node.kind) {
    case 'expressionstatement':
      return expressionStatement(t, out, node);
    case 'echo':
      return echoStatement(t, out, node);
    case 'inline':
      if (String(node.value) !== '') out.line(`${t.use('echo')}(${tsStringLiteral(utf8Bytes(String(node.value)))});`);
      return;
    case 'if':
      return ifStatement(t, out, node);
    case 'while':
      return loop(t, out, node, () => `while (${condition(t, node.test).code})`);
    case 'do':
      return doWhile(t, out, node);
    case 'for':
      return forStatement(t, out, node);
    case 'foreach':
      return foreachStatement(t, out, node);
    case 'switch':
      return switchStatement(t, out, node);
    case 'break':
    case 'continue':
      return jump(t, out, node);
    case 'return':
      return returnStatement(t, out, node);
    case 'throw': {
      const thrown = value(t, node.what);
      todos(t, out);
      out.line(`throw ${thrown.code};`);
      return;
    }
    case 'try':
      return tryStatement(t, out, node);
    case 'block':
      return writeStatements(t, out, node.children ?? []);
    case 'unset':
      return unsetStatement(t, out, node);
    case 'constantstatement':
      for (const constant of node.constants ?? []) writeConstant(t, out, String(constant.name?.name ?? constant.name), constant.value);
      return;
    case 'namespace':
      return writeStatements(t, out, node.children ?? []);
    case 'function':
    case 'class':
    case 'global':
    case 'static':
    case 'noop':
    case 'declare':
    case 'usegroup':
      return;
    default:
      if (isSynthetic(node, 'syntaxerror')) {
        t.report(node, 'this statement has a PHP syntax error');
        todos(t, out);
        return;
      }
      if (isSynthetic(node, 'included') || isSynthetic(node, 'includedOnce') || isSynthetic(node, 'includeMissing')) return includeStatement(t, out, node);
      t.report(node, `${node.kind} statements are not ported`);
      todos(t, out);
  }
}

/** An included file's statements where PHP includes it; PHP's warning (or error) where the file is missing. */
function includeStatement(t: Translator, out: Writer, node: LooseNode): void {
  const path = tsStringLiteral(utf8Bytes(String(node.path)));
  if (isSynthetic(node, 'includeMissing')) {
    out.line(`${t.use('includeFailed')}('${String(node.keyword)}', ${path});`);
    return;
  }
  const said = commentLines(t.php(node).replace(/;$/, '')).join(' ');
  if (isSynthetic(node, 'includedOnce')) return out.line(`// ${said}: included already`);
  out.line(`// ${said}: the included file, ported here`);
  writeStatements(t, out, node.children ?? []);
}

const EFFECT_KINDS = new Set(['new', 'assign', 'post', 'pre', 'exit', 'print', 'include']);
/** Built-ins that print, wait or change something, unlike count() or implode(). */
const EFFECT_BUILTINS = new Set(['printf', 'print_r', 'var_dump', 'var_export', 'fwrite', 'fputs', 'fgets', 'error_log', 'sleep', 'usleep', 'file_put_contents', 'unlink', 'array_push', 'array_pop', 'array_shift', 'array_unshift', 'sort', 'rsort', 'usort', 'ksort', 'krsort', 'asort', 'arsort', 'preg_match', 'fopen', 'fclose']);

/** Whether evaluating the expression can print or change what a later one prints. */
function hasEffects(node: LooseNode): boolean {
  if (EFFECT_KINDS.has(node.kind)) return true;
  if (node.kind === 'call') {
    const name = calledFunctionName(node);
    if (!name || !builtin(name) || EFFECT_BUILTINS.has(name)) return true;
  }
  return childNodes(node).some(hasEffects);
}

/** `echo a, b`: PHP prints `a` before it evaluates `b`, so arguments with effects get an echo each. */
function echoStatement(t: Translator, out: Writer, node: LooseNode): void {
  const items: LooseNode[] = node.expressions ?? [];
  const groups = items.some((item, index) => index > 0 && hasEffects(item)) ? items.map((item) => [item]) : [items];
  for (const group of groups) {
    const args = group.map((item) => value(t, item));
    todos(t, out);
    out.line(`${t.use('echo')}(${args.map((arg: Expr) => echoArgument(t, arg)).join(', ')});`);
  }
}

/** `const X = …` / define(): module constants are declared up front; others are assigned here. */
function writeConstant(t: Translator, out: Writer, name: string, valueNode: LooseNode): void {
  if (t.hoistedConstants.has(name)) return;
  const assigned = value(t, valueNode);
  todos(t, out);
  out.line(`${name} = ${wrap(assigned, PREC.assignment)};`);
}

function expressionStatement(t: Translator, out: Writer, node: LooseNode): void {
  const expression: LooseNode = node.expression;
  const declared = plan(t).atAssignment.get(node);
  if (declared) {
    const assigned = assignedValue(t, expression);
    todos(t, out);
    out.line(`${plan(t).constant.has(declared) ? 'const' : 'let'} ${declared.ts}${annotation(t, declared, assigned)} = ${wrap(assigned, PREC.assignment)};`);
    return;
  }
  if (expression.kind === 'call' && calledFunctionName(expression) === 'define') {
    const [nameArg, valueArg] = expression.arguments ?? [];
    if (nameArg?.kind === 'string' && isLooseNode(valueArg)) return writeConstant(t, out, String(nameArg.value), valueArg);
  }
  const code = statementExpression(t, expression);
  todos(t, out);
  // A stream or socket nothing keeps: PHP frees, and so closes, it at once.
  if (expression.kind === 'call' && DROPPED_WHEN_UNUSED.has(calledFunctionName(expression) ?? '')) out.line(`${t.use('dropped')}(${code.code});`);
  else out.line(`${code.code};`);
}

const DROPPED_WHEN_UNUSED = new Set(['fsockopen', 'pfsockopen', 'stream_socket_client', 'stream_socket_server', 'stream_socket_accept', 'socket_create', 'socket_create_listen', 'socket_accept']);

/** The annotation of `let x = value`, left out where TypeScript infers the same type. */
function annotation(t: Translator, info: VarInfo, assigned: Expr): string {
  const obvious = sameType(info.type, assigned.type) && (isString(info.type) || isNumeric(info.type) || /^(true|false)$/.test(assigned.code));
  return obvious ? '' : `: ${declaredType(t, info.type)}`;
}

/** An expression in statement position: assignments and calls written as statements. */
function statementExpression(t: Translator, node: LooseNode): Expr {
  if (node.kind === 'assign') return assignment(t, node, true);
  if (node.kind === 'post' || node.kind === 'pre') return increment(t, node, true);
  if (node.kind === 'call') return callExpression(t, node, { statement: true });
  if (node.kind === 'bin' && ['or', '||', 'and', '&&'].includes(String(node.type)) && node.right.kind === 'exit') {
    // `$ok or die(...)`: an if statement reads better and lets TypeScript see the exit.
    const test = condition(t, node.left);
    const stop = value(t, node.right);
    const negate = node.type === 'or' || node.type === '||';
    return expr(`if (${negate ? `!${wrap(test, PREC.unary)}` : test.code}) ${stop.code}`, stop.type);
  }
  return value(t, node);
}

function ifStatement(t: Translator, out: Writer, node: LooseNode): void {
  const test = condition(t, node.test);
  todos(t, out);
  ifChain(t, out, node, test, 'if');
}

/** `if … else if … else`; an else-if whose test needs a TODO comment gets an else block to hold it. */
function ifChain(t: Translator, out: Writer, node: LooseNode, test: Expr, keyword: string): void {
  out.line(`${keyword} (${test.code}) {`);
  writeBody(t, out, node.body);
  const alternate: LooseNode | null = node.alternate;
  if (!alternate) return out.line('}');
  if (alternate.kind !== 'if') {
    out.line('} else {');
    writeBody(t, out, alternate);
    return out.line('}');
  }
  const next = condition(t, alternate.test);
  if (t.pendingTodos.length === 0) return ifChain(t, out, alternate, next, '} else if');
  out.line('} else {');
  out.indented(() => {
    todos(t, out);
    ifChain(t, out, alternate, next, 'if');
  });
  out.line('}');
}

/** A loop or switch: registers it for break/continue and writes its label when one targets it. */
function breakable(t: Translator, out: Writer, node: LooseNode, isLoop: boolean, header: string, body: () => void): void {
  const label = t.labels.get(node);
  todos(t, out);
  out.line(`${label ? `${label}: ` : ''}${header} {`);
  t.breakables.push({ node, isLoop, label });
  body();
  t.breakables.pop();
}

function loop(t: Translator, out: Writer, node: LooseNode, header: () => string): void {
  breakable(t, out, node, true, header(), () => writeBody(t, out, node.body));
  out.line('}');
}

function doWhile(t: Translator, out: Writer, node: LooseNode): void {
  breakable(t, out, node, true, 'do', () => writeBody(t, out, node.body));
  const test = condition(t, node.test);
  todos(t, out);
  out.line(`} while (${test.code});`);
}

function forStatement(t: Translator, out: Writer, node: LooseNode): void {
  const declared = plan(t).inLoopHeader.has(node);
  const inits = (node.init ?? []).map((init: LooseNode) => {
    if (declared) return `${value(t, init.left).code} = ${wrap(assignedValue(t, init), PREC.assignment)}`;
    return statementExpression(t, init).code;
  });
  const tests: LooseNode[] = node.test ?? [];
  const test = tests.length === 0 ? '' : tests.length === 1 ? condition(t, tests[0]!).code : [...tests.slice(0, -1).map((item) => value(t, item).code), condition(t, tests[tests.length - 1]!).code].join(', ');
  const updates = (node.increment ?? []).map((update: LooseNode) => statementExpression(t, update).code);
  loop(t, out, node, () => `for (${declared ? 'let ' : ''}${inits.join(', ')}; ${test}; ${updates.join(', ')})`);
}

function foreachStatement(t: Translator, out: Writer, node: LooseNode): void {
  const destructures = node.value?.kind === 'list' || node.value?.kind === 'array';
  if (node.value?.byref || (node.key && node.key.kind !== 'variable')) {
    t.report(node, 'foreach by reference is not ported');
    todos(t, out);
    return;
  }
  const source = value(t, node.source);
  const iterable = isArray(source.type) ? wrap(source, PREC.primary) : `${t.use('iterableArray')}(${source.code})`;
  const binding = plan(t).inLoopHeader.has(node) ? 'const ' : '';
  let header: string;
  if (destructures) {
    // foreach ($rows as [$a, $b]): each row's values at the list's keys.
    const pattern = listPattern(t, node.value);
    if (!pattern || !isArray(elementOf(source.type)) || node.key) {
      t.report(node, 'this foreach with list() is not ported');
      todos(t, out);
      return;
    }
    header = `for (${binding}[${pattern.targets.join(', ')}] of ${iterable}.values().map((row) => row.pick(${pattern.keys.join(', ')})))`;
  } else {
    const valueTarget = value(t, node.value).code;
    header = node.key
      ? `for (${binding}[${value(t, node.key).code}, ${valueTarget}] of ${iterable}.entries())`
      : `for (${binding}${valueTarget} of ${iterable}.values())`;
  }
  loop(t, out, node, () => header);
}

/** The targets and keys of `[$a, , 'k' => $b]`, or undefined when a target is not a variable. */
export function listPattern(t: Translator, list: LooseNode): { targets: string[]; keys: string[] } | undefined {
  const targets: string[] = [];
  const keys: string[] = [];
  let index = 0;
  for (const item of list.items ?? []) {
    if (!item || item.kind === 'noop') {
      index++;
      continue;
    }
    const entry = item.kind === 'entry' ? item : { value: item, key: null };
    if (entry.value?.kind !== 'variable') return undefined;
    targets.push(value(t, entry.value).code);
    keys.push(entry.key ? value(t, entry.key).code : String(index++));
  }
  return { targets, keys };
}

/** PHP's switch compares with `==`; `switch (true)` with looseEquals keeps that and fallthrough. */
function switchStatement(t: Translator, out: Writer, node: LooseNode): void {
  const subject = value(t, node.test);
  const cases: LooseNode[] = node.body?.children ?? [];
  const tests = cases.map((branch) => (branch.test ? value(t, branch.test) : undefined));
  const strictMatches = tests.every(
    (test, i) => !test || (isString(subject.type) && isString(test.type) && cases[i]!.test.kind === 'string' && !/^\s*[+-]?\d/.test(String(cases[i]!.test.value))) || (isNumeric(subject.type) && isNumeric(test.type)),
  );
  const subjectIsSimple = ['variable', 'number', 'string'].includes(node.test.kind);
  let subjectCode = subject.code;
  if (!strictMatches && !subjectIsSimple) {
    subjectCode = t.temporary('subject');
    todos(t, out);
    out.line(`const ${subjectCode} = ${wrap(subject, PREC.assignment)};`);
  }
  const header = strictMatches ? `switch (${subject.code})` : 'switch (true)';
  breakable(t, out, node, false, header, () => {
    out.indented(() => {
      cases.forEach((branch, i) => {
        const test = tests[i];
        if (!test) out.line('default: {');
        else out.line(`case ${strictMatches ? test.code : `${t.use('looseEquals')}(${subjectCode}, ${test.code})`}: {`);
        writeBody(t, out, branch.body);
        out.line('}');
      });
    });
  });
  out.line('}');
}

/** break/continue N: PHP counts switches as loops; JavaScript's continue skips them. */
function jump(t: Translator, out: Writer, node: LooseNode): void {
  const levels = node.level ? Number(node.level.value) : 1;
  const stack = t.breakables;
  const target = stack[stack.length - levels];
  if (!target) {
    t.report(node, `${node.kind} ${levels} has no enclosing loop`);
    todos(t, out);
    return;
  }
  const innermost = stack[stack.length - 1]!;
  const innermostLoop = [...stack].reverse().find((entry) => entry.isLoop);
  let keyword = node.kind;
  // `continue` aimed at a switch acts as `break` in PHP.
  if (node.kind === 'continue' && !target.isLoop) keyword = 'break';
  const plain = keyword === 'break' ? target === innermost : target === innermostLoop;
  out.line(plain ? `${keyword};` : `${keyword} ${target.label};`);
}

/** `return [value, ...by-reference parameters]` from a function with `&$param`s. */
function returnWithReferences(t: Translator, returned: string): string {
  const refs = t.scope.refParams.map((name) => t.scope.vars.get(name)!.ts);
  return refs.length > 0 ? `return [${[returned, ...refs].join(', ')}];` : `return ${returned};`;
}

function returnStatement(t: Translator, out: Writer, node: LooseNode): void {
  if (!node.expr) {
    const bareReturn = t.bodyExtras.get(t.scope)?.bareReturn;
    out.line(bareReturn ?? (t.scope.returnsValue || t.scope.refParams.length > 0 ? returnWithReferences(t, 'null') : 'return;'));
    return;
  }
  const returned = value(t, node.expr);
  todos(t, out);
  if (t.scope === t.analysis.main) {
    // `return` in the main script ends it; its value is ignored.
    out.line('return;');
    return;
  }
  out.line(returnWithReferences(t, wrap(returned, PREC.assignment)));
}

function tryStatement(t: Translator, out: Writer, node: LooseNode): void {
  todos(t, out);
  out.line('try {');
  writeBody(t, out, node.body);
  const handlers: LooseNode[] = node.catches ?? [];
  if (handlers.length > 0) {
    const caught = t.temporary('caught');
    out.line(`} catch (${caught}) {`);
    out.indented(() => {
      handlers.forEach((handler, i) => {
        const classes = (handler.what ?? []).map((name: LooseNode) => String(name.name).replace(/^\\/, ''));
        const test = classes.map((name: string) => caughtTest(t, caught, name)).join(' || ');
        out.line(`${i === 0 ? 'if' : '} else if'} (${test}) {`);
        out.indented(() => {
          if (handler.variable) out.line(`${value(t, handler.variable).code} = ${caught};`);
        });
        writeBody(t, out, handler.body);
      });
      out.line('} else {');
      out.indented(() => out.line(`throw ${caught};`));
      out.line('}');
    });
  }
  if (node.always) {
    out.line('} finally {');
    writeBody(t, out, node.always);
  }
  out.line('}');
}

/** `caught instanceof X` for a class of the program (TypeScript then knows its members), isPhpInstance() for PHP's. */
function caughtTest(t: Translator, caught: string, name: string): string {
  const programClass = t.analysis.classes.named(name);
  return programClass ? `${caught} instanceof ${programClass.ts}` : `${t.use('isPhpInstance')}(${caught}, ${tsStringLiteral(name)})`;
}

function unsetStatement(t: Translator, out: Writer, node: LooseNode): void {
  for (const target of node.variables ?? []) {
    if (target.kind === 'variable') {
      const variable = value(t, target);
      todos(t, out);
      const info = t.variableInfo(target);
      // The last reference to an object with __destruct goes: PHP destroys it here.
      if (info && soleObjectOwners(t.analysis).has(info)) out.line(`${variable.code} = ${t.use('destroyedBy')}(${variable.code}!, null);`);
      else out.line(`${variable.code} = null;`);
    } else if (target.kind === 'offsetlookup' && target.offset) {
      const container = value(t, target.what);
      const key = value(t, target.offset);
      // unset() of an element of null (a property not set yet) does nothing.
      const orNull = !isArray(container.type) && container.type.kinds.has('null') && isArray(without(container.type, 'null'));
      if (!isArray(container.type) && !orNull) {
        t.report(target, 'unset() of an element of a value that may not be an array is not ported');
        todos(t, out);
        continue;
      }
      todos(t, out);
      out.line(`${wrap(container, PREC.primary)}${orNull ? '?' : ''}.delete(${key.code});`);
    } else {
      t.report(target, 'this unset() is not ported');
      todos(t, out);
    }
  }
}

