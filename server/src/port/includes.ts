// include/require (and _once) of the program's own files: a statement whose path is a literal, or
// `__DIR__ . '/x.php'`, is replaced by the statements of that file, which then port with the
// program as one module (PHP runs an included file's code where it is included, in the including
// scope, and declares its functions and classes). A missing file gives PHP's warnings (include)
// or its fatal error (require) when the port runs; a path the port cannot work out is a TODO.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { calledFunctionName, childNodes } from '../core/ast';
import type { LooseNode } from './loose-node';
import { parsePhp, type ParseOptions } from '../core/parse';
import { syntheticNode } from './synthetic-nodes';

/** A file the port reads PHP from: the program, or one it includes. */
export interface SourceFile {
  path: string;
  text: string;
}

/** Reads an included file; undefined when there is none. */
export type ReadFile = (path: string) => string | undefined;

export function readFromDisk(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export interface ExpandedProgram {
  statements: LooseNode[];
  /** The file each node of an included file comes from (nodes of the program itself are not in it). */
  sourceOf: WeakMap<LooseNode, SourceFile>;
  /** Syntax errors of included files, with the file. */
  errors: { file: SourceFile; message: string; offset: number }[];
}

/** The include statement's keyword as PHP names it in warnings: include, include_once, require, require_once. */
function keyword(node: LooseNode): string {
  return `${node.require ? 'require' : 'include'}${node.once ? '_once' : ''}`;
}

/** How the port parses PHP: as php.ini's defaults have PHP do (short_open_tag=Off: `<?` is text). */
export const AS_PHP_INI_PARSES: ParseOptions = { shortTags: false };

/** The path an include names when the port can work it out: a literal, or `__DIR__ . 'literal'` (also `dirname(__FILE__)`). */
export function includePath(target: LooseNode, file: SourceFile): string | undefined {
  if (target.kind === 'string') return String(target.value);
  if (target.kind === 'bin' && target.type === '.' && target.right?.kind === 'string') {
    const left: LooseNode = target.left;
    const first: LooseNode | undefined = left.arguments?.[0];
    const isDir = (left.kind === 'magic' && left.value === '__DIR__') || (calledFunctionName(left) === 'dirname' && first?.kind === 'magic' && first.value === '__FILE__');
    if (isDir) return `${dirname(file.path)}${String(target.right.value)}`;
  }
  return undefined;
}

/**
 * The program's statements with its include statements replaced by the included files'
 * statements (an `included` node each), or by a missing-file node PHP's warning comes from.
 */
export function expandIncludes(statements: LooseNode[], program: SourceFile, read: ReadFile, mainStatements: (program: LooseNode) => LooseNode[]): ExpandedProgram {
  const sourceOf = new WeakMap<LooseNode, SourceFile>();
  const errors: ExpandedProgram['errors'] = [];
  const included = new Set<string>([normalize(program.path)]);
  const active: string[] = [normalize(program.path)];

  const expandStatement = (statement: LooseNode, file: SourceFile): LooseNode => {
    const include: LooseNode | undefined = statement.kind === 'expressionstatement' && statement.expression?.kind === 'include' ? statement.expression : undefined;
    if (!include) return expandChildren(statement, file);
    const path = includePath(include.target as LooseNode, file);
    if (path === undefined) return statement;
    // PHP looks a relative path up from the current directory, then from the including file's.
    const resolved = normalize(path.startsWith('/') ? path : join(dirname(file.path), path));
    if (include.once && included.has(resolved)) return syntheticNode('includedOnce', statement.loc, { keyword: keyword(include), path });
    if (active.includes(resolved)) return statement;
    const text = read(resolved);
    if (text === undefined) return syntheticNode('includeMissing', statement.loc, { keyword: keyword(include), path });
    included.add(resolved);
    const source: SourceFile = { path: resolved, text };
    const parsed = parsePhp(text, resolved, AS_PHP_INI_PARSES);
    for (const error of parsed.errors) errors.push({ file: source, message: error.message, offset: error.offset });
    active.push(resolved);
    const body = mainStatements(parsed.program as LooseNode).map((child) => expandStatement(child, source));
    active.pop();
    for (const child of body) markSource(child, source, sourceOf);
    return syntheticNode('included', statement.loc, { keyword: keyword(include), path, children: body });
  };

  // Includes inside blocks, functions and methods are statements too.
  const expandChildren = (node: LooseNode, file: SourceFile): LooseNode => {
    for (const key of ['children', 'body'] as const) {
      const value = node[key];
      if (Array.isArray(value)) node[key] = value.map((child: LooseNode) => (child && typeof child === 'object' ? expandStatement(child, file) : child));
      else if (value && typeof value === 'object' && 'kind' in value) expandChildren(value, file);
    }
    for (const child of childNodes(node)) if (child !== node.body && !(Array.isArray(node.children) && node.children.includes(child))) expandChildren(child, file);
    return node;
  };

  return { statements: statements.map((statement) => expandStatement(statement, program)), sourceOf, errors };
}

function markSource(node: LooseNode, source: SourceFile, sourceOf: WeakMap<LooseNode, SourceFile>): void {
  if (sourceOf.has(node)) return;
  sourceOf.set(node, source);
  for (const child of childNodes(node)) markSource(child, source, sourceOf);
  for (const child of (node.children ?? []) as LooseNode[]) if (child && typeof child === 'object') markSource(child, source, sourceOf);
}
