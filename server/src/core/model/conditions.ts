// What a condition is about, read from its syntax tree (never from its text): whether it tests
// the PHP version, tells socket kinds apart, or mentions a given variable, property or element.
// Each answer is computed once per condition node.
import { calledFunctionName, childNodes, normalizeName, type PhpNode } from '../ast';

const VERSION_CONSTANTS = new Set(['php_version_id', 'php_version', 'php_major_version', 'php_minor_version']);
const KIND_CONSTANTS = new Set(['sock_stream', 'sock_dgram', 'sock_seqpacket', 'sock_raw', 'sock_rdm', 'so_type', 'sol_udp', 'sol_tcp', 'ipproto_udp', 'ipproto_tcp']);
const REFERENCE_KINDS = new Set(['variable', 'propertylookup', 'nullsafepropertylookup', 'staticlookup', 'offsetlookup']);
/** Fields that say where a node is or how it was spelt, not what it means. */
const NON_SEMANTIC_FIELDS = new Set(['loc', 'leadingComments', 'trailingComments', 'raw', 'parenthesizedExpression', 'resolvedName', 'fallsBack']);

interface ConditionFacts {
  testsVersion: boolean;
  tellsKindsApart: boolean;
  /** expressionKey() of every variable, property and element the condition reads. */
  references: Set<string>;
}

const FACTS = new WeakMap<PhpNode, ConditionFacts>();

/**
 * A canonical form of an expression: two expressions have the same key when they are written the
 * same way up to spacing, comments and parentheses (`$s`, `$this->sock`, `$clients[$i]`).
 */
export function expressionKey(node: PhpNode): string {
  return JSON.stringify(node, (key, value) => (NON_SEMANTIC_FIELDS.has(key) ? undefined : value));
}

function factsOf(condition: PhpNode): ConditionFacts {
  let facts = FACTS.get(condition);
  if (facts) return facts;
  facts = { testsVersion: false, tellsKindsApart: false, references: new Set() };
  const stack = [condition];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.kind === 'name') {
      const name = normalizeName(String(node.name));
      const short = name.slice(name.lastIndexOf('\\') + 1);
      if (VERSION_CONSTANTS.has(short)) facts.testsVersion = true;
      if (KIND_CONSTANTS.has(short)) facts.tellsKindsApart = true;
    } else if (node.kind === 'call' && calledFunctionName(node) === 'version_compare') {
      facts.testsVersion = true;
    }
    if (REFERENCE_KINDS.has(node.kind)) facts.references.add(expressionKey(node));
    // A closure in a condition runs elsewhere; what it mentions is not what the condition tests.
    if (node.kind === 'closure' || node.kind === 'arrowfunc') continue;
    stack.push(...childNodes(node));
  }
  FACTS.set(condition, facts);
  return facts;
}

/** `PHP_VERSION_ID >= 80000`, `version_compare(PHP_VERSION, '8.0', '>=')`, `PHP_MAJOR_VERSION < 8`. */
export function testsPhpVersion(condition: PhpNode): boolean {
  return factsOf(condition).testsVersion;
}

/** `$type === SOCK_STREAM`, an SO_TYPE query, a protocol constant. */
export function tellsSocketKindsApart(condition: PhpNode): boolean {
  return factsOf(condition).tellsKindsApart;
}

/** The condition reads this very variable, property or element (`$ready === $tcp` mentions `$tcp`). */
export function mentionsExpression(condition: PhpNode, expression: PhpNode): boolean {
  return REFERENCE_KINDS.has(expression.kind) && factsOf(condition).references.has(expressionKey(expression));
}
