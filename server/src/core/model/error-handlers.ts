// Where a failing call's warning becomes an exception: the code after a `set_error_handler()` whose
// handler always throws for warnings (up to a restore_error_handler() or the end of that function,
// or of the file), and the body of a `try` that catches `ErrorException` (the class such handlers
// throw). There a `false` result is never seen: the throw leaves first. Lexical, per file: a
// handler set in another file is not known. Where it is not certain, a region is not assumed: a
// finding kept is better than a real failure hidden.
import { calledFunctionName, childNodes, isNode, normalizeName, type NodeOf, type PhpNode, type Range } from '../ast';
import { collectDeclarations, type Declarations } from './declarations';

const FUNCTION_LIKE = new Set(['function', 'method', 'closure', 'arrowfunc']);
const NESTED_CODE = new Set([...FUNCTION_LIKE, 'class', 'trait', 'interface', 'enum']);

const REGIONS = new WeakMap<PhpNode, readonly Range[]>();

/**
 * Either name must be written somewhere for a region to exist (an import or alias spells it too):
 * a file that has neither is not walked. Where one appears, even in a string, the walk decides.
 */
const MAY_THROW_WARNINGS = /set_error_handler|errorexception/i;

/** Whether a warning at `offset` (a call's start) of the program parsed from `text` is turned into an exception there. */
export function warningThrowsAt(program: PhpNode, text: string, offset: number): boolean {
  let regions = REGIONS.get(program);
  if (!regions) REGIONS.set(program, (regions = MAY_THROW_WARNINGS.test(text) ? throwingRegions(program) : []));
  return regions.some(([start, end]) => start <= offset && offset < end);
}

function throwingRegions(program: PhpNode): Range[] {
  // Only a set_error_handler() call needs the file's functions and methods (another walk).
  let declarations: Declarations | undefined;
  const regions: Range[] = [];
  /** restore_error_handler() calls, with the end of the function they are in. */
  const restores: [offset: number, scopeEnd: number][] = [];
  const visit = (node: PhpNode, scopeEnd: number): void => {
    const end = FUNCTION_LIKE.has(node.kind) && node.loc ? node.loc.end.offset : scopeEnd;
    if (node.kind === 'try' && (node.catches ?? []).some(catchesErrorException) && node.body?.loc) {
      regions.push([node.body.loc.start.offset, node.body.loc.end.offset]);
    }
    const called = node.kind === 'call' && node.loc ? calledFunctionName(node) : undefined;
    if (called === 'restore_error_handler') restores.push([node.loc!.start.offset, end]);
    if (called === 'set_error_handler' && node.kind === 'call' && throwsForWarnings(node, (declarations ??= collectDeclarations(program)))) {
      regions.push([node.loc!.end.offset, end]);
    }
    for (const child of childNodes(node)) visit(child, end);
  };
  visit(program, program.loc?.end.offset ?? Number.MAX_SAFE_INTEGER);
  // A handler set in a function is in force up to the first restore_error_handler() after it there.
  return regions.map(([start, end]) => [start, Math.min(end, ...restores.filter(([at, scopeEnd]) => at >= start && scopeEnd === end).map(([at]) => at))] as Range);
}

/** `set_error_handler($handler)` or `set_error_handler($handler, $levels)` whose levels take warnings. */
function throwsForWarnings(call: NodeOf<'call'>, declarations: Declarations): boolean {
  const [handler, levels] = call.arguments ?? [];
  return (levels === undefined || levelsTakeWarnings(levels)) && handlerThrows(handler, declarations);
}

/** E_ALL, E_WARNING, or a `|`/`&` of them: levels PHP's warnings (E_WARNING, 2) are among, as written. */
function levelsTakeWarnings(levels: unknown): boolean {
  if (!isNode(levels)) return false;
  if (levels.kind === 'name') return ['e_all', 'e_warning'].includes(normalizeName(String(levels.name)));
  if (levels.kind === 'number') return (Number(levels.value) & 2) !== 0;
  if (levels.kind === 'bin' && levels.type === '|') return levelsTakeWarnings(levels.left) || levelsTakeWarnings(levels.right);
  if (levels.kind === 'bin' && levels.type === '&') return levelsTakeWarnings(levels.left) && levelsTakeWarnings(levels.right);
  return false;
}

function catchesErrorException(clause: NodeOf<'catch'>): boolean {
  return (clause.what ?? []).some((type) => {
    const name = normalizeName(String(type.resolvedName ?? type.name ?? ''));
    return name === 'errorexception';
  });
}

/** A closure, a function of this file (`'name'`) or a method of this file (`[$this, 'name']`, `'A::name'`) that always throws. */
function handlerThrows(handler: unknown, declarations: Declarations): boolean {
  if (!isNode(handler)) return false;
  if (handler.kind === 'closure' || handler.kind === 'arrowfunc') return bodyThrows(handler.body);
  const method = handler.kind === 'array' ? handler.items[1] : undefined;
  const methodName = method?.kind === 'entry' ? stringValue(method.value) : undefined;
  const named = handler.kind === 'string' ? String(handler.value) : undefined;
  if (methodName !== undefined || named?.includes('::')) {
    const method = normalizeName(methodName ?? named!.split('::')[1]!);
    return (declarations.methodsByName.get(method) ?? []).some((declaration) => bodyThrows(declaration.node.body));
  }
  const fn = named === undefined ? undefined : declarations.functions.get(normalizeName(named));
  return fn !== undefined && bodyThrows(fn.node.body);
}

function stringValue(node: unknown): string | undefined {
  return isNode(node) && node.kind === 'string' ? String(node.value) : undefined;
}

/**
 * A handler that throws whatever it is called for: `fn() => throw …`, or a `throw` among the
 * body's own statements that no earlier `return` can skip. The PHP manual's handler returns false
 * first when `error_reporting()` leaves the error out, and so lets an `@` call fail quietly.
 */
function bodyThrows(body: unknown): boolean {
  if (!isNode(body)) return false;
  if (body.kind === 'throw') return true;
  if (body.kind !== 'block') return false;
  for (const statement of body.children ?? []) {
    const expression = statement.kind === 'expressionstatement' ? statement.expression : statement;
    if (isNode(expression) && expression.kind === 'throw') return true;
    if (mayReturn(statement)) return false;
  }
  return false;
}

/** A `return` in the code itself, not in a function it only defines. */
function mayReturn(node: PhpNode): boolean {
  return node.kind === 'return' || childNodes(node).some((child) => !NESTED_CODE.has(child.kind) && mayReturn(child));
}
