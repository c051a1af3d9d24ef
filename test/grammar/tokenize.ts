// Tokenizes PHP the way VS Code does: the real PHP grammar (from tm-grammars)
// plus our injection grammar, through vscode-textmate and vscode-oniguruma.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { grammars as grammarCatalog } from 'tm-grammars';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar } from 'vscode-textmate';
import type { IGrammar, IRawGrammar, StateStack } from 'vscode-textmate';

const require = createRequire(import.meta.url);
const repoRoot = resolve(import.meta.dirname, '../..');

export const INJECTION_SCOPE = 'socket.injection.php';
export const INJECTION_PATH = resolve(repoRoot, 'syntaxes/php-sockets.tmLanguage.json');
export const FUNCTION_SCOPE = 'support.function.socket.php';
export const CONSTANT_SCOPE = 'support.constant.socket.php';

/**
 * VS Code's PHP extension wraps source.php in text.html.php (its
 * html.tmLanguage.json); tm-grammars does not ship that wrapper, so this is a
 * minimal equivalent: HTML, with `<?php ... ?>` / `<?= ... ?>` blocks injected
 * everywhere outside other PHP blocks: text, tags, attributes, scripts, styles.
 */
const PHP_TAG_PLACES = [
  'L:text.html.php - (meta.embedded | meta.tag)',
  'L:((text.html.php meta.tag) - (meta.embedded.block.php | meta.embedded.line.php))',
  'L:(source.js - (meta.embedded.block.php | meta.embedded.line.php))',
  'L:(source.css - (meta.embedded.block.php | meta.embedded.line.php))',
].join(', ');

const phpInHtmlGrammar = {
  scopeName: 'text.html.php',
  injections: { [PHP_TAG_PLACES]: { patterns: [{ include: '#php-tag' }] } },
  patterns: [{ include: 'text.html.derivative' }],
  repository: {
    'php-tag': {
      patterns: [
        {
          begin: '<\\?(?i:php|=)?',
          beginCaptures: { 0: { name: 'punctuation.section.embedded.begin.php' } },
          end: '(\\?)>',
          endCaptures: {
            0: { name: 'punctuation.section.embedded.end.php' },
            1: { name: 'source.php' },
          },
          name: 'meta.embedded.block.php',
          contentName: 'source.php',
          patterns: [{ include: 'source.php' }],
        },
      ],
    },
  },
};

function loadJson(path: string): IRawGrammar {
  return parseRawGrammar(readFileSync(path, 'utf8'), path);
}

/** Every grammar PHP may pull in (HTML, SQL, JS, CSS, ...) comes from tm-grammars. */
function catalogGrammar(scopeName: string): IRawGrammar | null {
  const info = grammarCatalog.find((grammar) => grammar.scopeName === scopeName);
  return info ? loadJson(require.resolve(`tm-grammars/grammars/${info.name}.json`)) : null;
}

async function createRegistry(): Promise<Registry> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (text: string) => new OnigString(text),
    }),
    async loadGrammar(scopeName) {
      if (scopeName === INJECTION_SCOPE) return loadJson(INJECTION_PATH);
      if (scopeName === 'text.html.php') {
        return parseRawGrammar(JSON.stringify(phpInHtmlGrammar), 'php-html.json');
      }
      return catalogGrammar(scopeName);
    },
    // Same as VS Code does for `injectTo: ["source.php", "text.html.php"]`.
    getInjections: (scopeName) =>
      scopeName === 'source.php' || scopeName === 'text.html.php' ? [INJECTION_SCOPE] : undefined,
  });
}

let registry: Promise<Registry> | undefined;

export async function loadGrammar(scopeName: 'source.php' | 'text.html.php'): Promise<IGrammar> {
  registry ??= createRegistry();
  const grammar = await (await registry).loadGrammar(scopeName);
  if (!grammar) throw new Error(`grammar ${scopeName} not found`);
  return grammar;
}

export interface Token {
  text: string;
  scopes: string[];
}

/** Tokens of every line of `source`, carrying the rule state across lines. */
export function tokenize(grammar: IGrammar, source: string): Token[][] {
  let state: StateStack = INITIAL;
  return source.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({
      text: line.slice(token.startIndex, token.endIndex),
      scopes: token.scopes,
    }));
  });
}

/** Tokenized sample with lookups by line number (0-based) and text. */
export class Highlighted {
  constructor(
    readonly lines: string[],
    readonly tokens: Token[][],
  ) {}

  /** The token that starts the `nth` occurrence of `text` on line `line`. */
  tokenAt(line: number, text: string, nth = 0): Token {
    const lineText = this.lines[line];
    if (lineText === undefined) throw new Error(`no line ${line}`);
    let column = -1;
    for (let seen = 0; seen <= nth; seen++) {
      column = lineText.indexOf(text, column + 1);
      if (column < 0) throw new Error(`"${text}" #${nth} not on line ${line}: ${lineText}`);
    }
    let start = 0;
    for (const token of this.tokens[line] ?? []) {
      if (column < start + token.text.length) return token;
      start += token.text.length;
    }
    throw new Error(`no token at column ${column} of line ${line}`);
  }

  scopesAt(line: number, text: string, nth = 0): string[] {
    return this.tokenAt(line, text, nth).scopes;
  }
}

export async function highlight(
  source: string,
  rootScope: 'source.php' | 'text.html.php' = 'source.php',
): Promise<Highlighted> {
  const grammar = await loadGrammar(rootScope);
  return new Highlighted(source.split('\n'), tokenize(grammar, source));
}

/** Tokens of `line` that carry one of our two scopes. */
export function socketTokens(highlighted: Highlighted, line: number): Token[] {
  return (highlighted.tokens[line] ?? []).filter(
    (token) => token.scopes.includes(FUNCTION_SCOPE) || token.scopes.includes(CONSTANT_SCOPE),
  );
}
