#!/usr/bin/env node
// Generates syntaxes/php-sockets.tmLanguage.json, the TextMate injection
// grammar that scopes ext/sockets and stream-socket functions and constants
// inside PHP code.
//
// The name lists come from server/src/core/ext-sockets.json and
// stream-api.json, the same tables the linter uses, so the highlighting can
// never drift from the checks. Of the stream table only the socket functions
// are scoped (the openers, stream_socket_*(), the socket_* aliases): fwrite()
// or fclose() of a file is no socket code.
//
//   node scripts/gen-grammar.mjs            write the grammar file
//   node scripts/gen-grammar.mjs --stdout   print it instead (used by tests)
//   node scripts/gen-grammar.mjs --check    exit 1 if the file is stale
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TABLE_PATH = resolve(root, 'server/src/core/ext-sockets.json');
const STREAM_TABLE_PATH = resolve(root, 'server/src/core/stream-api.json');
const STREAM_EFFECTS_PATH = resolve(root, 'server/src/core/stream-effects.json');
const GRAMMAR_PATH = resolve(root, 'syntaxes/php-sockets.tmLanguage.json');

// A character that may continue a PHP name (same class the PHP grammar uses).
const NAME_CHAR = '[0-9A-Z_a-z\\x7F-\\x{10FFFF}]';

// What may not stand right before a global name: another name character or a
// namespace separator (`my_socket_listen`, `Foo\socket_listen`), a variable
// sigil (`$socket_create`), or member/static access, blanks allowed
// (`$o -> socket_listen`, `$o?->socket_listen`, `Foo::SOCK_STREAM`).
// The PHP grammar already claims most of these spans earlier in the line;
// the lookbehind keeps the injection right where it does not. Oniguruma, as
// VS Code bundles it, accepts variable-length lookbehinds like `::\s*`.
const NOT_MEMBER_OR_PART = `(?<!${NAME_CHAR}|[$\\\\]|(?:->|::)\\s*)`;

// Leading `\` of a fully qualified global name, scoped like the PHP grammar does.
const LEADING_BACKSLASH = '(\\\\)?';

/**
 * Not the name that follows one of `keywords`: it declares or names a class
 * or function (`function &socket_listen(`, `const SOCK_STREAM =`,
 * `new SOCK_STREAM`). PHP keywords are case-insensitive.
 */
function notAfterKeyword(keywords) {
  return `(?<!\\b(?i:${keywords.join('|')})\\s+&?)`;
}

/** Longest first, so no name is cut short by a shorter alternative. */
function alternation(names) {
  const sorted = [...names].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return sorted.map((name) => name.replace(/[^0-9A-Za-z_]/g, '\\$&')).join('|');
}

/**
 * A call of one of `names`. It mirrors the PHP grammar's own function-call
 * rule (meta.function-call.php, argument brackets, named arguments), so
 * winning over that rule only changes the scope of the function name.
 */
function callRule({ comment, names, nameScope, ignoreCase }) {
  return {
    comment,
    begin:
      `${ignoreCase ? '(?i)' : ''}${notAfterKeyword(['function'])}${NOT_MEMBER_OR_PART}` +
      `${LEADING_BACKSLASH}(${alternation(names)})\\s*(\\()`,
    beginCaptures: {
      1: { name: 'punctuation.separator.inheritance.php' },
      2: { name: nameScope },
      3: { name: 'punctuation.definition.arguments.begin.bracket.round.php' },
    },
    end: '\\)|(?=\\?>)',
    endCaptures: {
      0: { name: 'punctuation.definition.arguments.end.bracket.round.php' },
    },
    name: 'meta.function-call.php',
    patterns: [{ include: 'source.php#named-arguments' }, { include: 'source.php' }],
  };
}

/**
 * The PHP grammar re-tokenizes the bare name it captured for a function
 * call or a class before `::`; there the `(` or `::` is out of sight and
 * the constant rule would take, say, `SOCK_STREAM()` for the constant. So a
 * name spelled like a socket constant but used as a function or class is
 * claimed first, with the scopes PHP would give it.
 */
function constantLookalikeRules(constantNames) {
  const names = alternation(constantNames);
  return {
    'constant-named-function-call': callRule({
      comment: 'A user function that only shares the spelling of a socket constant.',
      names: constantNames,
      nameScope: 'entity.name.function.php',
      ignoreCase: false,
    }),
    'constant-named-class': {
      comment: 'A class that only shares the spelling of a socket constant.',
      match: `${NOT_MEMBER_OR_PART}${LEADING_BACKSLASH}(${names})(?=\\s*::)`,
      captures: {
        1: { name: 'punctuation.separator.inheritance.php' },
        2: { name: 'support.class.php' },
      },
    },
  };
}

/**
 * A socket constant. Constants are case-sensitive in PHP 8. A name followed
 * by `(`, `\` or `::` is a function, namespace or class, not this constant.
 */
function constantRule(constantNames) {
  return {
    comment: 'ext/sockets or stream-socket constant; case-sensitive, global only.',
    match:
      `${notAfterKeyword(['const', 'new', 'instanceof'])}${NOT_MEMBER_OR_PART}` +
      `${LEADING_BACKSLASH}(${alternation(constantNames)})` +
      `(?!${NAME_CHAR}|\\\\|\\s*\\(|\\s*::)`,
    captures: {
      1: { name: 'punctuation.separator.inheritance.php' },
      2: { name: 'support.constant.socket.php' },
    },
  };
}

/** The stream table's socket functions: those that open a stream socket or name sockets. */
export function streamSocketNames(streamTable, streamEffects) {
  return Object.keys(streamTable.functions).filter((name) => streamEffects.functions[name]?.opens || name.includes('socket'));
}

/** The whole injection grammar for the parsed ext-sockets.json table and the stream table's names. */
export function buildGrammar(table, stream = { functions: [], constants: [], php: table.php }) {
  const functionNames = [...new Set([...Object.keys(table.functions), ...stream.functions])];
  const constantNames = [...new Set([...Object.keys(table.constants), ...stream.constants])];
  return {
    $comment:
      `Generated by scripts/gen-grammar.mjs from server/src/core/ext-sockets.json ` +
      `(PHP ${table.php}) and stream-api.json (PHP ${stream.php}). Do not edit by hand: run npm run gen:grammar.`,
    name: 'PHP ext/sockets',
    scopeName: 'socket.injection.php',
    // Only PHP code: strings and comments opened inside PHP are excluded, but
    // an HTML attribute string around `<?= ... ?>` is not, since PHP code
    // inside it is still code.
    injectionSelector: 'L:source.php -(source.php comment) -(source.php string)',
    patterns: [
      { include: '#socket-function-call' },
      { include: '#constant-named-function-call' },
      { include: '#constant-named-class' },
      { include: '#socket-constant' },
    ],
    repository: {
      'socket-function-call': callRule({
        comment: 'ext/sockets or stream-socket function call; PHP function names are case-insensitive.',
        names: functionNames,
        nameScope: 'support.function.socket.php',
        ignoreCase: true,
      }),
      ...constantLookalikeRules(constantNames),
      'socket-constant': constantRule(constantNames),
    },
  };
}

/** The grammar file's exact text. */
export function renderGrammar(table, stream) {
  return `${JSON.stringify(buildGrammar(table, stream), null, 2)}\n`;
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

function main(argv) {
  const streamTable = readJson(STREAM_TABLE_PATH);
  const stream = { functions: streamSocketNames(streamTable, readJson(STREAM_EFFECTS_PATH)), constants: Object.keys(streamTable.constants), php: streamTable.php };
  const text = renderGrammar(readJson(TABLE_PATH), stream);
  if (argv.includes('--stdout')) {
    process.stdout.write(text);
  } else if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(GRAMMAR_PATH, 'utf8');
    } catch {
      // A missing file is just as stale as an outdated one.
    }
    if (current !== text) {
      console.error(`${GRAMMAR_PATH} is stale: run node scripts/gen-grammar.mjs`);
      process.exitCode = 1;
    }
  } else {
    mkdirSync(dirname(GRAMMAR_PATH), { recursive: true });
    writeFileSync(GRAMMAR_PATH, text);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
