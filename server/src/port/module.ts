// One PHP file → one TypeScript module: the import of the runtime names it uses (php-runtime.ts,
// written once beside the ports), constants and shared variables, the PHP functions, the main
// script as `async function main()`, and the call that runs it.
import { isLooseNode, type LooseNode } from './loose-node';
import { childNodes } from '../core/ast';
import { parsePhp, usesShortOpenTag } from '../core/parse';
import { analyze, calleeReturnType, type FunctionInfo, type ProgramAnalysis } from './analysis';
import { PREC, wrap } from './code';
import { value } from './expressions';
import { commentLines, tsStringLiteral, utf8Bytes } from './literals';
import { assignNames } from './naming';
import { RUNTIME_FILE, RUNTIME_SOURCE, RUNTIME_SPECIFIER, runtimeImport } from './runtime/module';
import { compileError, type CompileError } from './compile-errors';
import { classDeclarations } from './class-code';
import { lowerClassLikes } from './class-like';
import { declaredType, functionBody } from './statements';
import { Translator, type Unported } from './translator';
import { syntheticNode } from './synthetic-nodes';
import { AS_PHP_INI_PARSES, expandIncludes, readFromDisk, type ReadFile, type SourceFile } from './includes';
import { LineIndex } from '../core/positions';

export interface PortResult {
  /** The TypeScript module (ESM, node: built-ins only). */
  code: string;
  /** PHP the port could not translate; each also has a `// TODO(port):` comment in `code`. */
  unported: Unported[];
  /** The module `code` imports PHP's runtime from, to be written beside it (the same text for every port). */
  runtime?: RuntimeModule;
}

export interface RuntimeModule {
  fileName: string;
  code: string;
}

export const PHP_RUNTIME: RuntimeModule = { fileName: RUNTIME_FILE, code: RUNTIME_SOURCE };

/** Top-level statements, with namespaces opened and a `#!` line dropped as the PHP CLI does. */
function mainStatements(program: LooseNode): LooseNode[] {
  const statements: LooseNode[] = [];
  for (const child of (program.children ?? []) as LooseNode[]) {
    if (child.kind === 'namespace') {
      // The statements run as the program's; their classes and magic constants keep the namespace PHP names them with.
      const written: unknown = child.name;
      const name = typeof written === 'string' ? written : String((written as { name?: string } | null)?.name ?? '');
      if (name) markNamespace(child.children ?? [], name.replace(/^\\/, ''));
      statements.push(...(child.children ?? []));
    } else statements.push(child);
  }
  const first = statements[0];
  if (first?.kind === 'inline' && String(first.value).startsWith('#!')) {
    const rest = String(first.value).replace(/^#![^\n]*\n?/, '');
    statements[0] = { ...first, value: rest };
  }
  return statements;
}

const NAMESPACED_KINDS = new Set(['class', 'interface', 'trait', 'enum', 'function', 'magic']);

/** Sets `phpNamespace` on the class-likes and magic constants (`__NAMESPACE__`, `__CLASS__`) of a namespace's statements. */
function markNamespace(statements: LooseNode[], namespace: string): void {
  const visit = (node: LooseNode) => {
    if (NAMESPACED_KINDS.has(node.kind)) (node as LooseNode).phpNamespace = namespace;
    childNodes(node).forEach(visit);
  };
  statements.forEach(visit);
}

/** Never throws: if the port itself fails, the result says so and is still a module. */
export function portProgram(text: string, fileName: string, readFile: ReadFile = readFromDisk): PortResult {
  try {
    return portParsed(text, fileName, readFile);
  } catch (error) {
    const reason = `the port failed on this file (${error instanceof Error ? error.message : String(error)})`;
    const code = [
      `// Ported from ${commentLines(fileName.split(/[\\/]/).pop() ?? fileName).join(' ')} by php-socket-lint.`,
      `// TODO(port): ${commentLines(reason).join(' ')}`,
      'export {};',
      '',
    ].join('\n');
    return { code, unported: [{ range: [0, text.length], line: 1, php: text, reason }] };
  }
}

/**
 * A statement with a syntax error in it is not ported (php-parser leaves holes in it); PHP would
 * not run the file at all, so the rest is a best effort.
 */
function withoutBrokenStatements(statements: LooseNode[], errorOffsets: number[]): LooseNode[] {
  return statements.map((statement) => {
    const start = statement.loc?.start.offset ?? 0;
    const end = statement.loc?.end.offset ?? 0;
    const broken = errorOffsets.some((offset) => offset >= start && offset <= end);
    return broken ? syntheticNode('syntaxerror', statement.loc) : statement;
  });
}

function portParsed(text: string, fileName: string, readFile: ReadFile): PortResult {
  const { program, errors } = parsePhp(text, fileName, AS_PHP_INI_PARSES);
  const refused = compileError(program, text);
  if (refused) return refusedByPhp(fileName, refused);
  const own = withoutBrokenStatements(mainStatements(program), errors.map((error) => error.offset));
  const expanded = expandIncludes(own, { path: fileName, text }, readFile, mainStatements);
  const analysis = analyze(lowerClassLikes(expanded.statements, expanded.sourceOf));
  // Translate once to learn which runtime names the code uses, then again if a program name
  // collides with one of them.
  let names = assignNames(analysis, []);
  let t = translate(text, fileName, analysis, names, expanded.sourceOf);
  const programNames = new Set([...analysis.functions.values(), ...allVariables(analysis)].map((item) => item.ts));
  if ([...t.runtime].some((name) => programNames.has(name))) {
    names = assignNames(analysis, t.runtime);
    t = translate(text, fileName, analysis, names, expanded.sourceOf);
  }
  for (const error of errors) {
    const line = t.lines.positionAt(error.offset).line;
    t.unported.push({ range: [error.offset, error.offset], line, php: '', reason: `PHP syntax error: ${error.message}` });
  }
  for (const error of expanded.errors) {
    const line = new LineIndex(error.file.text).positionAt(error.offset).line;
    t.unported.push({ range: [error.offset, error.offset], line, php: '', reason: `PHP syntax error: ${error.message}`, file: error.file.path });
  }
  const headerTodos = errors.map((error) => `the PHP has a syntax error: ${error.message}`);
  const shortTag = shortOpenTagNote(text);
  if (shortTag) {
    headerTodos.push(shortTag.reason);
    t.unported.push(shortTag);
  }
  // The program's own file first, then each included file's, each in the order of the text.
  t.unported.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  return { code: assemble(t, names.main, headerTodos), unported: t.unported, runtime: PHP_RUNTIME };
}

/**
 * A file that opens its code with `<?`, which its author ran as PHP (short_open_tag=On), but which
 * PHP with php.ini's short_open_tag=Off (Debian's too) prints as text: the port does as that PHP does.
 */
function shortOpenTagNote(text: string): Unported | undefined {
  if (!usesShortOpenTag(text)) return undefined;
  const offset = Math.max(0, text.search(/<\?(?!php|=)/i));
  const reason = "PHP prints `<?` code as text where short_open_tag is Off (php.ini's default), and so does the port; open the code with `<?php` to port it";
  return { range: [offset, offset + 2], line: new LineIndex(text).positionAt(offset).line, php: '<?', reason };
}

/** A file PHP 8 does not compile: the port prints PHP's fatal error and exits as php does, running nothing. */
function refusedByPhp(fileName: string, error: CompileError): PortResult {
  const reason = `PHP 8 does not compile this file: ${error.message}`;
  const fatal = `${error.message} in ${utf8Bytes(fileName)} on line ${error.line}`;
  const code = [
    `// Ported from ${commentLines(fileName.split(/[\\/]/).pop() ?? fileName).join(' ')} by php-socket-lint.`,
    `// TODO(port): ${commentLines(reason).join(' ')} (line ${error.line}); like php, the port prints its fatal error and runs nothing.`,
    `import { compileFailed } from '${RUNTIME_SPECIFIER}';`,
    '',
    `compileFailed(${tsStringLiteral(fatal)});`,
    '',
  ].join('\n');
  return { code, unported: [{ range: [error.offset, error.offset], line: error.line, php: '', reason }], runtime: PHP_RUNTIME };
}

function allVariables(analysis: ProgramAnalysis) {
  return [analysis.main, ...analysis.functions.values(), ...analysis.methods, ...analysis.closures.values()].flatMap((scope) => [...scope.vars.values()]);
}

interface Sections {
  declarations: string[];
  functions: string[];
  classes: string[];
  main: string;
}

function translate(text: string, fileName: string, analysis: ProgramAnalysis, names: { main: string }, sources: WeakMap<LooseNode, SourceFile>): Translator & { sections: Sections } {
  const t = new Translator(text, fileName, analysis, names) as Translator & { sections: Sections };
  t.sources = sources;
  const declarations = moduleDeclarations(t, analysis);
  const functions = [...analysis.functions.values()].map((fn) => t.inScope(fn, () => functionSource(t, fn)));
  if ([...analysis.classes.classes.values()].some((cls) => analysis.classes.method(cls, '__destruct'))) {
    // PHP's shutdown destroys what the main script's variables hold, last to first: the runtime reads them at the end.
    // The ones the program assigns ($argv, unassigned, is the runtime's).
    const held = [...analysis.main.vars.values()].filter((info) => (info.writes > 0 || info.mutated) && ['object', 'array', 'mixed'].some((kind) => info.type.kinds.has(kind as 'object')));
    t.bodyExtras.set(analysis.main, { prologue: [`${t.use('phpMainVariables')}(${held.map((info) => `() => ${info.ts}`).join(', ')});`] });
  }
  const main = t.inScope(analysis.main, () => functionBody(t, analysis.main));
  // Last: the class table is written only when a `new $name` somewhere uses it.
  const classes = classDeclarations(t);
  t.sections = { declarations, functions, classes, main };
  return t;
}

/** Constants with plain values, variables shared through `global`, and function statics. */
function moduleDeclarations(t: Translator, analysis: ProgramAnalysis): string[] {
  const lines: string[] = [];
  for (const constant of analysis.constants.values()) {
    const before = new Set(t.runtime);
    const assigned = t.inScope(analysis.main, () => value(t, constant.value));
    const pure = [...t.runtime].every((name) => before.has(name)) && t.pendingTodos.length === 0;
    t.pendingTodos = [];
    if (pure) {
      t.hoistedConstants.add(constant.php);
      lines.push(`const ${constant.php} = ${wrap(assigned, PREC.assignment)};`);
    } else {
      lines.push(`let ${constant.php}: ${declaredType(t, constant.type)};`);
    }
  }
  for (const info of analysis.main.vars.values()) {
    // Never assigned ($GLOBALS['x'] only read): PHP's undefined variable, null.
    if (info.moduleLevel) lines.push(`let ${info.ts}: ${declaredType(t, info.type)}${info.writes === 0 && !info.mutated ? ' = null' : ''};`);
  }
  for (const fn of analysis.functions.values()) {
    for (const [name, initial] of fn.statics) {
      const info = fn.vars.get(name)!;
      const init = initial ? t.inScope(fn, () => value(t, initial)).code : 'null';
      lines.push(`let ${info.ts}: ${declaredType(t, info.type)} = ${init};`);
    }
  }
  return lines;
}

/** The parameters of a function or method, typed, with their defaults. */
export function parameterList(t: Translator, fn: FunctionInfo): string {
  const params = (fn.node?.arguments ?? []).filter(isLooseNode).map((param: LooseNode, index: number) => {
    const info = fn.vars.get(fn.params[index]!)!;
    const type = declaredType(t, info.type);
    if (param.variadic) {
      t.report(param, 'variadic parameters are not ported');
      return `...${info.ts}: unknown[]`;
    }
    // An abstract method has no body to give a default in: its parameter is optional.
    if (param.value && fn.isAbstract) return `${info.ts}?: ${type}`;
    const initial = param.value ? ` = ${value(t, param.value).code}` : '';
    return `${info.ts}: ${type}${initial}`;
  });
  return params.join(', ');
}

/** The TypeScript return type of a function or method: a promise when it waits, a tuple with its by-reference parameters. */
export function returnTypeCode(t: Translator, fn: FunctionInfo): string {
  let returned = fn.returnsValue ? declaredType(t, calleeReturnType(fn)) : 'void';
  if (fn.refParams.length > 0) {
    const refs = fn.refParams.map((name) => declaredType(t, fn.vars.get(name)!.type));
    returned = `[${[fn.returnsValue ? returned : 'null', ...refs].join(', ')}]`;
  }
  return fn.isAsync ? `Promise<${returned}>` : returned;
}

function functionSource(t: Translator, fn: FunctionInfo): string {
  const signature = `${fn.isAsync ? 'async ' : ''}function ${fn.ts}(${parameterList(t, fn)}): ${returnTypeCode(t, fn)}`;
  const body = functionBody(t, fn);
  return `${signature} {\n${body}\n}`;
}

function assemble(t: Translator & { sections: Sections }, mainName: string, headerTodos: string[]): string {
  t.use('runMain');
  const base = t.fileName.split(/[\\/]/).pop() ?? t.fileName;
  const header = [
    `// Ported from ${commentLines(base).join(' ')} by php-socket-lint.`,
    `// PHP's blocking socket calls are awaited in the same order; the helpers of ${RUNTIME_FILE} (beside`,
    "// this file) give the values PHP's semantics (byte strings, ordered arrays, loose comparison, socket errors).",
    ...headerTodos.map((todo) => `// TODO(port): ${commentLines(todo).join(' ')}`),
  ];
  const parts = [header.join('\n'), runtimeImport(t.runtime), t.sections.declarations.join('\n'), ...t.sections.functions, ...t.sections.classes];
  parts.push(`async function ${mainName}(): Promise<void> {\n${t.sections.main}\n}`);
  parts.push(`runMain(${mainName});`);
  return `${parts.filter((part) => part.trim() !== '').join('\n\n')}\n`;
}
