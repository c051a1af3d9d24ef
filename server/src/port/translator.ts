// State shared while one PHP file is written as TypeScript: the analysis, the scope being
// written, runtime names used, loop labels, and what could not be ported.
import { childNodes } from '../core/ast';
import { type LooseNode } from './loose-node';
import { LineIndex } from '../core/positions';
import type { FunctionInfo, ProgramAnalysis, VarInfo } from './analysis';
import { expr, type Expr } from './code';
import type { SourceFile } from './includes';
import { commentLines, tsStringLiteral, utf8Bytes } from './literals';
import type { ModuleNames } from './naming';
import { NEVER } from './php-types';

export interface Unported {
  /** [start, end) offsets of the PHP that was not ported. */
  range: [number, number];
  line: number;
  php: string;
  reason: string;
  /** The included file it is in (absent for the program's own file). */
  file?: string;
}

/** Output lines with indentation. */
export class Writer {
  private readonly lines: string[] = [];
  private depth = 0;

  /** One line, or several (a closure's body inside an expression), at the current depth. */
  line(text = ''): void {
    for (const line of text.split('\n')) this.lines.push(line ? '  '.repeat(this.depth) + line : '');
  }

  indented(body: () => void): void {
    this.depth++;
    body();
    this.depth--;
  }

  block(header: string, body: () => void): void {
    this.line(`${header} {`);
    this.indented(body);
    this.line('}');
  }

  get isEmpty(): boolean {
    return this.lines.length === 0;
  }

  toString(): string {
    return this.lines.join('\n');
  }
}

/** A loop or switch that `break N`/`continue N` can target. */
export interface Breakable {
  node: LooseNode;
  isLoop: boolean;
  label: string | undefined;
}

export class Translator {
  readonly runtime = new Set<string>();
  readonly unported: Unported[] = [];
  readonly lines: LineIndex;
  scope: FunctionInfo;
  /** The statement being translated, for reports about holes a syntax error left in it. */
  currentStatement: LooseNode = { kind: 'noop', loc: null };
  /** TODO(port) comments to write above the statement being translated. */
  pendingTodos: string[] = [];
  readonly breakables: Breakable[] = [];
  /** Loops and switches a multi-level break/continue targets, with their labels. */
  readonly labels = new Map<LooseNode, string>();
  /** User constants declared once at module level (their value needs no runtime helper). */
  readonly hoistedConstants = new Set<string>();
  /** Variables named inside unported PHP: their assignments are gone, so TypeScript needs `!`. */
  readonly namedInUnported = new Set<VarInfo>();
  /** Lines a body starts or ends with besides its PHP (a constructor's promoted parameters, `return this`), and what a bare `return` becomes. */
  readonly bodyExtras = new Map<FunctionInfo, { prologue?: string[]; epilogue?: string[]; bareReturn?: string }>();
  /** Lines written right after a statement (the promoted parameters after `super(...)`). */
  readonly linesAfter = new Map<LooseNode, string[]>();
  /** A `new $name` needs the table of the program's classes. */
  usesClassTable = false;
  /** The included file each node of one comes from. */
  sources = new WeakMap<LooseNode, SourceFile>();
  private readonly includedLines = new Map<string, LineIndex>();
  private reported = new Set<LooseNode>();
  private readonly temporaries = new Set<string>();

  constructor(
    readonly text: string,
    readonly fileName: string,
    readonly analysis: ProgramAnalysis,
    readonly names: ModuleNames,
  ) {
    this.lines = new LineIndex(text);
    this.scope = analysis.main;
  }

  /** Marks a runtime helper as used; returns its name for the code. */
  use(name: string): string {
    this.runtime.add(name);
    return name;
  }

  /** The file a node is in: the program's, or an included one. */
  fileOf(node: LooseNode): { path: string; text: string; lines: LineIndex; included: boolean } {
    const source = this.sources.get(node);
    if (!source) return { path: this.fileName, text: this.text, lines: this.lines, included: false };
    let lines = this.includedLines.get(source.path);
    if (!lines) this.includedLines.set(source.path, (lines = new LineIndex(source.text)));
    return { path: source.path, text: source.text, lines, included: true };
  }

  php(node: LooseNode): string {
    return node.loc ? this.fileOf(node).text.slice(this.startOf(node), node.loc.end.offset) : '';
  }

  /**
   * Where a node's PHP starts. php-parser starts `(new A())->run()` at `new`: a node whose
   * leftmost operand is parenthesized starts at that operand's `(`.
   */
  startOf(node: LooseNode): number {
    const start = node.loc?.start.offset ?? 0;
    const children: LooseNode[] = childNodes(node).filter((child) => child.loc);
    if (children.length === 0) return start;
    const leftmost = children.reduce((first, child) => (child.loc!.start.offset < first.loc!.start.offset ? child : first));
    let childStart = this.startOf(leftmost);
    const { text } = this.fileOf(node);
    if (leftmost.parenthesizedExpression) {
      // The operand's own text excludes its parentheses: step back over blanks to each `(`.
      for (let at = childStart - 1; at >= 0 && /[\s(]/.test(text[at]!); at--) if (text[at] === '(') childStart = at;
    }
    return Math.min(start, childStart);
  }

  /** Records PHP that is not ported, and the TODO comment the output gets for it. */
  report(node: LooseNode, reason: string): void {
    if (this.reported.has(node)) return;
    this.reported.add(node);
    const start = this.startOf(node);
    const end = node.loc?.end.offset ?? start;
    const php = this.php(node);
    const visit = (current: LooseNode) => {
      const info = current.kind === 'variable' ? this.analysis.variableOf(current) : undefined;
      if (info) this.namedInUnported.add(info);
      childNodes(current).forEach(visit);
    };
    visit(node);
    const file = this.fileOf(node);
    this.unported.push({ range: [start, end], line: file.lines.positionAt(start).line, php, reason, ...(file.included ? { file: file.path } : {}) });
    const [first = '', ...rest] = commentLines(php);
    this.pendingTodos.push(`// TODO(port): ${reason}: ${first}`, ...rest.map((line) => `//   ${line}`));
  }

  /** An expression that could not be ported: reported, and a call that throws if reached. */
  unportedExpr(node: LooseNode, reason: string): Expr {
    this.report(node, reason);
    return expr(`${this.use('unported')}(${tsStringLiteral(utf8Bytes(this.php(node)))})`, NEVER);
  }

  /** A fresh name for a value the port introduces (a caught exception, a switch subject). */
  temporary(base: string): string {
    const taken = (name: string) => this.temporaries.has(name) || [...this.scope.vars.values()].some((info) => info.ts === name);
    let name = base;
    for (let i = 2; taken(name); i++) name = `${base}${i}`;
    this.temporaries.add(name);
    return name;
  }

  /** Writes and clears the pending TODO comments. */
  flushTodos(out: Writer): void {
    for (const todo of this.pendingTodos) out.line(todo);
    this.pendingTodos = [];
  }

  variableInfo(node: LooseNode): VarInfo | undefined {
    return this.analysis.variableOf(node);
  }

  /** Runs `body` with `scope` as the current scope. */
  inScope<T>(scope: FunctionInfo, body: () => T): T {
    const outer = this.scope;
    const outerBreakables = this.breakables.splice(0);
    this.scope = scope;
    try {
      return body();
    } finally {
      this.scope = outer;
      this.breakables.splice(0, this.breakables.length, ...outerBreakables);
    }
  }
}
