// Where a failing call's warning becomes an exception: the code after a `set_error_handler()` whose
// handler throws (up to the end of that function, or of the file), and the body of a `try` that
// catches `ErrorException` (the class such handlers throw). There a `false` result is never seen:
// the throw leaves first. Lexical, per file: a handler set in another file is not known.
import { calledFunctionName, childNodes, isNode, normalizeName, type PhpNode, type Range } from '../ast';
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
  const visit = (node: PhpNode, scopeEnd: number): void => {
    const end = FUNCTION_LIKE.has(node.kind) && node.loc ? node.loc.end.offset : scopeEnd;
    if (node.kind === 'try' && (node.catches ?? []).some(catchesErrorException) && node.body?.loc) {
      regions.push([node.body.loc.start.offset, node.body.loc.end.offset]);
    }
    if (node.kind === 'call' && calledFunctionName(node) === 'set_error_handler' && node.loc && handlerThrows(node.arguments?.[0], (declarations ??= collectDeclarations(program)))) {
      regions.push([node.loc.end.offset, end]);
    }
    for (const child of childNodes(node)) visit(child, end);
  };
  visit(program, program.loc?.end.offset ?? Number.MAX_SAFE_INTEGER);
  return regions;
}

function catchesErrorException(clause: PhpNode): boolean {
  return (clause.what ?? []).some((type: PhpNode) => {
    const name = normalizeName(String(type.resolvedName ?? type.name ?? ''));
    return name === 'errorexception';
  });
}

/** A closure, a function of this file (`'name'`) or a method of this file (`[$this, 'name']`, `'A::name'`) whose body throws. */
function handlerThrows(handler: unknown, declarations: Declarations): boolean {
  if (!isNode(handler)) return false;
  if (handler.kind === 'closure' || handler.kind === 'arrowfunc') return bodyThrows(handler.body);
  const methodName = handler.kind === 'array' ? stringValue(handler.items?.[1]?.value) : undefined;
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

/** A `throw` in the code itself, not in a function it only defines. */
function bodyThrows(body: unknown): boolean {
  if (!isNode(body)) return false;
  if (body.kind === 'throw') return true;
  return childNodes(body).some((child) => !NESTED_CODE.has(child.kind) && bodyThrows(child));
}
