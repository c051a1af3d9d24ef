import { childNodes, rangeOf, type NodeOf, type PhpNode } from './ast';
import { resolveNames } from './names';

export interface ParseError {
  message: string;
  offset: number;
  /** The parser ran out of stack (input nested thousands deep), not a syntax error. */
  tooDeep?: boolean;
}

/** A comment of the file, from the parser's tokens (so never a `//` inside a string). */
export interface SourceComment {
  kind: 'line' | 'block';
  /** The comment as written, with its `//`, `#` or block delimiters. */
  text: string;
  /** [start, end) offsets in UTF-16 units. */
  range: readonly [number, number];
}

export interface ParsedFile {
  program: NodeOf<'program'>;
  errors: ParseError[];
  /** Every comment, in order, when they were asked for (see parsePhp()); else empty. */
  comments: SourceComment[];
}

export interface ParseOptions {
  /**
   * Collect the comments. Costs about a fifth of the parse, so by default only when the text
   * could hold a directive (it contains `php-socket-lint-`).
   */
  comments?: boolean;
  /**
   * Whether `<?` opens PHP. By default as usesShortOpenTag() tells (the file read as its author ran
   * it); the port passes false, as php.ini's short_open_tag=Off runs it.
   */
  shortTags?: boolean;
}

/** Every comment that can matter to the linter names it. */
const DIRECTIVE_MARKER = 'php-socket-lint-';

type Engine = {
  parseCode(text: string, filename: string): NodeOf<'program'>;
  tokenGetAll(text: string): (string | [string, string, number])[];
  parser: { lex(): unknown; read_argument(): unknown; ast: PhpParserAst };
};
/** php-parser's AST factory, as prepareNodesFaster() sees it (src/ast.js). */
type PhpParserAst = {
  withPositions: boolean;
  withSource: boolean;
  prepare(kind: string | null, docs: unknown, parser: PrepareParser): NodeBuilder;
  resolvePrecedence(node: object, parser: PrepareParser): object;
  [kind: string]: unknown;
};
type PrepareParser = { debug: boolean; prev: [number, number, number]; position(): object; lexer: { yylloc: { first_line: number; first_column: number; first_offset: number } } };
/** What AST#prepare returns: called with a node's fields, it builds the node. */
type NodeBuilder = ((...args: unknown[]) => object) & {
  instance?: object;
  trailingComments?: unknown;
  postBuild?: (node: object) => void;
  setTrailingComments(docs: unknown): void;
  destroy(target?: unknown): void;
};
/** The parser's state that its own read_argument() reads (see readArgumentsFaster()). */
type ParserState = { token: unknown; tok: Record<string, unknown>; lexer: { keywords: Record<string, unknown> }; read_expr(): unknown };
const engines = new Map<string, Engine>();

/** Tokens the parser may take per character of text before it is deemed stuck. */
const TOKENS_PER_CHARACTER = 4;
let tokenBudget = Infinity;

class ParserStuckError extends Error {}

/**
 * php-parser's error recovery can loop for ever on some broken input (for example
 * `<?php class"c$t-t}{$`, a state any file passes through while being typed). Every token the
 * parser takes is counted; a parse that takes far more tokens than the text has characters is
 * stopped, and the file is reported as not parseable instead of hanging the CLI or the editor.
 */
function guardAgainstEndlessRecovery(instance: Engine): void {
  const lex = instance.parser.lex;
  instance.parser.lex = function guardedLex(this: unknown) {
    if (--tokenBudget < 0) throw new ParserStuckError('the parser could not recover from a syntax error here');
    return lex.call(this);
  };
}

/**
 * php-parser's read_argument() lists every keyword (`Object.values(lexer.keywords)`) for each
 * argument it reads, to see whether a keyword names an argument (`f(array: $a)`): a tenth of the
 * parse's time on call-heavy code, and as much of its garbage. An argument that starts with
 * neither `...`, a name nor a keyword (most: `$s`, `"x"`, `0`) can be no named argument, and its
 * own code reads it as an expression straight away; that case is answered against a set of the
 * keywords made once (after the first parse set the lexer up: the version adds `fn`, and it is
 * fixed per engine). Every other argument goes through php-parser's own code.
 */
function readArgumentsFaster(instance: Engine): void {
  const readArgument = instance.parser.read_argument;
  let keywordTokens: Set<unknown> | undefined;
  instance.parser.read_argument = function readArgumentFaster(this: ParserState) {
    keywordTokens ??= new Set(Object.values(this.lexer.keywords));
    if (this.token !== this.tok.T_ELLIPSIS && this.token !== this.tok.T_STRING && !keywordTokens.has(this.token)) return this.read_expr();
    return readArgument.call(this);
  };
}

/**
 * php-parser's AST#prepare() (called for every node the parser starts, a fifth of them never
 * built) makes three closures per call: the builder, and its `setTrailingComments()` and
 * `destroy()`. Without doc comments (extractDoc off: `docs` is null) and without debug,
 * `destroy()` does nothing and `setTrailingComments()` only stores the comments, so both can be
 * shared functions of `this`; and the builder takes its arguments as a rest array instead of
 * copying `arguments`. The node is built exactly as php-parser's code builds it (same
 * constructor call, same Position and Location objects, same precedence step): the AST is
 * identical (test/parse-fast-paths.test.ts compares it with stock php-parser's on every PHP file
 * of the repository). Every other call (comments collected, debug, withSource) goes through
 * php-parser's own prepare().
 */
function prepareNodesFaster(instance: Engine, Position: PositionClass, Location: LocationClass): void {
  const ast = instance.parser.ast;
  const prepare = ast.prepare;
  function setTrailingComments(this: NodeBuilder, docs: unknown): void {
    if (this.instance) (this.instance as { setTrailingComments(docs: unknown): void }).setTrailingComments(docs);
    else this.trailingComments = docs;
  }
  function destroy(): void {}
  ast.prepare = function prepareFaster(this: PhpParserAst, kind: string | null, docs: unknown, parser: PrepareParser): NodeBuilder {
    if (docs !== null || parser.debug || this.withSource || !this.withPositions) return prepare.call(this, kind, docs, parser);
    // Where the node starts, as parser.position() reads it now; its Position is made when the node
    // is built (more than half of the builders are dropped unbuilt), once, as php-parser shares it.
    const { first_line: startLine, first_column: startColumn, first_offset: startOffset } = parser.lexer.yylloc;
    let start: { offset: number } | undefined;
    const self = this;
    const result = function (this: unknown): object {
      start ??= new Position(startLine, startColumn, startOffset);
      let nodeStart = start;
      let nodeEnd = new Position(parser.prev[0], parser.prev[1], parser.prev[2]);
      // Swapped positions when no token was taken between node() and the call (php-parser's own fix).
      if (nodeStart.offset > nodeEnd.offset) {
        const swap = nodeStart;
        nodeStart = nodeEnd;
        nodeEnd = swap;
      }
      const location = new Location(null, nodeStart, nodeEnd);
      let astNode: object & { trailingComments?: unknown };
      // Read by index and length only: V8 makes no arguments object (a rest array would be one per node).
      const given = arguments;
      if (kind && given.length <= 6) {
        const node = self[kind];
        if (typeof node !== 'function') throw new Error('Undefined node "' + kind + '"');
        astNode = Object.create(node.prototype) as typeof astNode;
        // The constructor gets the node's fields, then docs, then the location, as php-parser's apply() passes them.
        switch (given.length) {
          case 0: node.call(astNode, docs, location); break;
          case 1: node.call(astNode, given[0], docs, location); break;
          case 2: node.call(astNode, given[0], given[1], docs, location); break;
          case 3: node.call(astNode, given[0], given[1], given[2], docs, location); break;
          case 4: node.call(astNode, given[0], given[1], given[2], given[3], docs, location); break;
          case 5: node.call(astNode, given[0], given[1], given[2], given[3], given[4], docs, location); break;
          default: node.call(astNode, given[0], given[1], given[2], given[3], given[4], given[5], docs, location);
        }
      } else {
        const args: unknown[] = Array.prototype.slice.call(given);
        args.push(docs, location);
        // A kind given at the call ("lazy kind"), as php-parser's closure keeps it for later calls.
        if (!kind) kind = args.shift() as string;
        const node = self[kind];
        if (typeof node !== 'function') throw new Error('Undefined node "' + kind + '"');
        astNode = Object.create(node.prototype) as typeof astNode;
        node.apply(astNode, args);
      }
      result.instance = astNode;
      if (result.trailingComments) astNode.trailingComments = result.trailingComments;
      if (typeof result.postBuild === 'function') result.postBuild(astNode);
      return self.resolvePrecedence(astNode, parser);
    } as NodeBuilder;
    result.setTrailingComments = setTrailingComments;
    result.destroy = destroy;
    return result;
  };
}
type PositionClass = new (line: number, column: number, offset: number) => { offset: number };
type LocationClass = new (source: string | null, start: object, end: object) => object;

// php-parser is loaded on first use (esbuild bundles a `require` inside a function as a lazy
// module): a tree where no file names the socket API never pays for loading the parser.
/** The product's php-parser engine, its fast paths in place (exported for the test that compares its AST with stock php-parser's). */
export function parserEngine(withComments: boolean, shortTags: boolean): Engine {
  const key = `${withComments}/${shortTags}`;
  let engine = engines.get(key);
  if (!engine) {
    const { Engine: PhpParserEngine } = require('php-parser') as { Engine: new (options: object) => Engine };
    // 8.5: php-parser reads `clone($x)` (valid in every PHP 8) only from 8.5 on; below, it is a
    // syntax error there, and a file that clones so (Horde's IMAP client) could not be linted.
    engine = new PhpParserEngine({
      parser: { suppressErrors: true, extractDoc: withComments, version: '8.5' },
      lexer: { short_tags: shortTags },
      ast: { withPositions: true },
    });
    // php-parser's Location and Position classes, from a tree of its own (the package exports
    // neither): parsed before the token guard is in place, whose budget belongs to parsePhp().
    const probe = engine.parseCode('<?php ;', 'probe.php') as unknown as { loc: { constructor: LocationClass; start: { constructor: PositionClass } } };
    guardAgainstEndlessRecovery(engine);
    readArgumentsFaster(engine);
    prepareNodesFaster(engine, probe.loc.start.constructor, probe.loc.constructor);
    engines.set(key, engine);
  }
  return engine;
}

/**
 * `<?` opens PHP where short_open_tag is on (PHP's built-in default; php.ini-production turns it
 * off): a file that opens PHP so is read as its author ran it, unless it also has an `<?xml`
 * prolog, which short tags would take for PHP code. The text is tokenised with short tags on (only
 * when it has a `<?` other than `<?php`): a `'<?xml'` string inside PHP code is no prolog.
 */
export function usesShortOpenTag(text: string): boolean {
  if (!/<\?(?!php|=)/i.test(text)) return false;
  const tokens = parserEngine(false, true).tokenGetAll(text);
  let shortTags = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!Array.isArray(token) || token[0] !== 'T_OPEN_TAG' || /^<\?php/i.test(token[1])) continue;
    const next = tokens[i + 1];
    if (Array.isArray(next) && next[0] === 'T_STRING' && next[1].toLowerCase() === 'xml') return false;
    shortTags = true;
  }
  return shortTags;
}

/** Parses PHP text; never throws. Syntax errors come back with the partial program. */
export function parsePhp(text: string, filename = 'input.php', options: ParseOptions = {}): ParsedFile {
  const withComments = options.comments ?? text.includes(DIRECTIVE_MARKER);
  try {
    const parser = parserEngine(withComments, options.shortTags ?? usesShortOpenTag(text));
    tokenBudget = text.length * TOKENS_PER_CHARACTER + 10_000;
    const program = parser.parseCode(text, filename);
    // Names resolved, statement ends corrected, comments detached from the nodes: once, here.
    resolveNames(program, text);
    const comments = withComments ? sourceComments(program) : [];
    const errors = (program.errors ?? []).flatMap((error) =>
      error.kind === 'error' ? [{ message: cleanParserMessage(String(error.message)), offset: error.loc ? error.loc.start.offset : 0 }] : [],
    );
    errors.push(...callTimeReferences(program, text));
    return { program, errors: dedupeByOffset(errors.sort((a, b) => a.offset - b.offset)), comments };
  } catch (error) {
    // suppressErrors makes php-parser recover, but a lexer failure can still throw.
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RangeError && /call stack/i.test(message)) {
      const program: NodeOf<'program'> = { kind: 'program', loc: null, children: [], errors: [] };
      return { program, errors: [{ message: 'the file nests too deeply to parse', offset: 0, tooDeep: true }], comments: [] };
    }
    return { program: { kind: 'program', loc: null, children: [], errors: [] }, errors: [{ message: cleanParserMessage(message), offset: 0 }], comments: [] };
  }
}

// `f(&$x)` anywhere in the text, for a cheap first look.
const MAYBE_CALL_TIME_REFERENCE = /[(,]\s*&\s*\$/;

/**
 * `f(&$x)`: call-time pass-by-reference, removed in PHP 5.4. php-parser still accepts it, but
 * PHP 8 does not parse the file (`syntax error, unexpected token "&"`), so it is a syntax error
 * here too: a program PHP cannot run gets no fixes written around it.
 */
function callTimeReferences(program: PhpNode, text: string): ParseError[] {
  if (!MAYBE_CALL_TIME_REFERENCE.test(text)) return [];
  const found: ParseError[] = [];
  const stack: PhpNode[] = [program];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.kind === 'call' || node.kind === 'new') {
      for (const argument of node.arguments) {
        if ('byref' in argument && argument.byref) found.push({ message: 'syntax error, unexpected token "&" (call-time pass-by-reference, removed in PHP 5.4)', offset: rangeOf(argument)[0] });
      }
    }
    stack.push(...childNodes(node));
  }
  return found;
}

function sourceComments(program: NodeOf<'program'>): SourceComment[] {
  const comments = (program.comments ?? []).filter((comment) => comment.kind === 'commentline' || comment.kind === 'commentblock');
  delete program.comments;
  return comments
    .filter((comment) => comment.loc)
    .map((comment) => {
      const text = String(comment.value);
      const start = comment.loc!.start.offset;
      // A line comment's token takes its line ending; the comment itself ends before it.
      const trimmed = comment.kind === 'commentline' ? text.replace(/\r?\n$/, '') : text;
      return { kind: comment.kind === 'commentline' ? 'line' : 'block', text: trimmed, range: [start, start + trimmed.length] } as SourceComment;
    });
}

// "Parse Error : syntax error, unexpected ';' on line 2" → "syntax error, unexpected ';'"
function cleanParserMessage(message: string): string {
  return message.replace(/^Parse Error : /, '').replace(/ on line \d+$/, '');
}

// php-parser reports one bad token several times while it recovers; keep the first.
function dedupeByOffset(errors: ParseError[]): ParseError[] {
  const seen = new Set<number>();
  return errors.filter((error) => !seen.has(error.offset) && (seen.add(error.offset), true));
}

