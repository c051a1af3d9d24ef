// What a condition is about, read from its syntax tree (never from its text): whether it tests
// the PHP version, tells socket kinds apart, or mentions a given variable, property or element.
// Each answer is computed once per condition node.
import { calledFunctionName, childNodes, isNode, normalizeName, unwrapSilence, type NodeOf, type PhpNode } from '../ast';
import { falseBlindness, phpCompare, type ComparisonOperator } from './compare';

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
  // Once per node: a socket call's argument is asked about under every condition at every visit.
  let key = KEYS.get(node);
  if (key === undefined) KEYS.set(node, (key = semanticJson(node)!));
  return key;
}

const KEYS = new WeakMap<PhpNode, string>();
const QUOTED_FIELDS = new Map<string, string>();

/**
 * The JSON text of a value without its non-semantic fields (at any depth), as JSON.stringify
 * with a replacer writes it, without the replacer's call per field (that was most of a key's
 * cost). Undefined for what JSON leaves out (undefined, functions).
 */
function semanticJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => semanticJson(item) ?? 'null').join(',')}]`;
  let text = '';
  const fields = value as Record<string, unknown>;
  for (const field of Object.keys(fields)) {
    if (NON_SEMANTIC_FIELDS.has(field)) continue;
    const part = semanticJson(fields[field]);
    if (part === undefined) continue;
    let quoted = QUOTED_FIELDS.get(field);
    if (quoted === undefined) QUOTED_FIELDS.set(field, (quoted = JSON.stringify(field)));
    text += text === '' ? `${quoted}:${part}` : `,${quoted}:${part}`;
  }
  return `{${text}}`;
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

/**
 * How a condition narrows a value that may be `false` (after PHPStan's TypeSpecifier): the
 * tested expression, the operands evaluated with it, and the branch on which it may still be
 * false. `$c`, `$c === true`, `$c instanceof \Socket`, `is_resource($c)`, `$n > 0`: it may be
 * false where the condition is false; `$c === false`, `$c == false`, `empty($c)`, `$n !== 1`:
 * where it is true. `!` and `&&`/`||` are the caller's (they combine two narrowings).
 */
export interface FalseNarrowing {
  subject: PhpNode;
  others: PhpNode[];
  falseWhen: 'true' | 'false';
  /** `instanceof \Socket`, `is_a($x, \Socket::class)`: where it fails, the subject is no Socket. */
  socketTest?: boolean;
  /** `=== false`, `!== false`: where the value may be false, it is false and nothing else. */
  exactlyFalse?: boolean;
  /** `is_resource()`: where it holds, the subject is an open stream (a closed one is no resource). */
  resourceTest?: boolean;
}

/** `Socket`, `\Socket`, `'Socket'`, `\Socket::class`. */
export function namesSocketClass(node: unknown): boolean {
  if (!isNode(node)) return false;
  if (node.kind === 'name') return normalizeName(String(node.name)) === 'socket';
  if (node.kind === 'string') return normalizeName(String(node.value)) === 'socket';
  if (node.kind === 'staticlookup' && isNode(node.offset) && node.offset.kind === 'identifier' && String(node.offset.name).toLowerCase() === 'class') {
    return namesSocketClass(node.what);
  }
  return false;
}

const SUBJECT_KINDS = new Set(['variable', 'propertylookup', 'nullsafepropertylookup', 'staticlookup']);
const TYPE_TESTS = new Set(['is_resource', 'is_object', 'is_a', 'is_subclass_of']);
const NUMERIC_COMPARISONS = new Set(['==', '!=', '<>', '===', '!==', '<', '<=', '>', '>=']);

/** Calls a test can be about, as if they were variables: the caller says which. */
type CallSubjects = (call: NodeOf<'call'>) => boolean;

function asSubjectOf(node: unknown, callSubjects: CallSubjects): PhpNode | undefined {
  if (!isNode(node)) return undefined;
  const inner = unwrapSilence(node);
  if (SUBJECT_KINDS.has(inner.kind) || (inner.kind === 'call' && callSubjects(inner))) return inner;
  if (inner.kind === 'assign' && inner.operator === '=' && isNode(inner.left) && SUBJECT_KINDS.has(unwrapSilence(inner.left).kind)) return inner;
  return undefined;
}

function booleanLiteral(node: unknown): boolean | undefined {
  if (!isNode(node)) return undefined;
  if (node.kind === 'boolean') return Boolean(node.value);
  if (node.kind === 'name') {
    const name = normalizeName(String(node.name));
    if (name === 'false' || name === 'true') return name === 'true';
  }
  return undefined;
}

/**
 * `$x === ''`, `$x !== null`, `$x == ''`: an equality with a string or null literal. Strictly
 * equal to one, the value is not false; loosely, false equals `''`, `'0'` and null.
 */
function equalityWithLiteral(op: string, other: PhpNode): 'true' | 'false' | undefined {
  const isNull = other.kind === 'nullkeyword' || (other.kind === 'name' && normalizeName(String(other.name)) === 'null');
  if (other.kind !== 'string' && !isNull) return undefined;
  const equalsFalse = op === '===' || op === '!==' ? false : isNull || (other.kind === 'string' && (other.value === '' || other.value === '0'));
  const positive = op === '===' || op === '==';
  if (op !== '===' && op !== '!==' && op !== '==' && op !== '!=' && op !== '<>') return undefined;
  // Where the equality holds, the value may be false only if false equals the literal.
  return positive === equalsFalse ? 'true' : 'false';
}

const flip = (side: 'true' | 'false'): 'true' | 'false' => (side === 'true' ? 'false' : 'true');

export function falseNarrowing(
  test: PhpNode,
  staticInteger: (node: PhpNode) => number | undefined,
  callSubjects: CallSubjects = () => false,
): FalseNarrowing | undefined {
  const asSubject = (candidate: unknown) => asSubjectOf(candidate, callSubjects);
  const node = unwrapSilence(test);
  const direct = asSubject(node);
  if (direct) return { subject: direct, others: [], falseWhen: 'false' };
  if (node.kind === 'cast' && (node.type === 'bool' || node.type === 'boolean')) {
    const subject = asSubject(node.expr);
    return subject ? { subject, others: [], falseWhen: 'false' } : undefined;
  }
  if (node.kind === 'empty') {
    const subject = asSubject(node.expression);
    return subject ? { subject, others: [], falseWhen: 'true' } : undefined;
  }
  if (node.kind === 'call') {
    const name = calledFunctionName(node);
    const [first, ...rest] = (node.arguments ?? []).filter(isNode);
    const subject = name && TYPE_TESTS.has(name) ? asSubject(first) : undefined;
    if (!subject) return undefined;
    return { subject, others: rest, falseWhen: 'false', socketTest: name === 'is_a' && namesSocketClass(rest[0]), ...(name === 'is_resource' ? { resourceTest: true } : {}) };
  }
  if (node.kind !== 'bin') return undefined;
  const op = String(node.type);
  if (op === 'instanceof') {
    const subject = asSubject(node.left);
    return subject ? { subject, others: [], falseWhen: 'false', socketTest: namesSocketClass(node.right) } : undefined;
  }
  if (!NUMERIC_COMPARISONS.has(op)) return undefined;
  for (const [side, other, subjectOnLeft] of [[node.left, node.right, true], [node.right, node.left, false]] as [PhpNode, PhpNode, boolean][]) {
    const subject = asSubject(side);
    if (!subject || !isNode(other)) continue;
    const literal = booleanLiteral(other);
    const number = literal === undefined ? staticInteger(other) : undefined;
    if (literal === undefined && number === undefined) {
      const equality = equalityWithLiteral(op, other);
      if (equality) return { subject, others: [other], falseWhen: equality };
      continue;
    }
    // C-style tests blind to false (`$n < 0`) are impossible-false-check's: no narrowing.
    if (number !== undefined && falseBlindness(op as ComparisonOperator, number, subjectOnLeft)) return undefined;
    const operand = literal ?? number!;
    const holdsForFalse = subjectOnLeft ? phpCompare(op === '<>' ? '!=' : (op as ComparisonOperator), false, operand) : phpCompare(op === '<>' ? '!=' : (op as ComparisonOperator), operand, false);
    const exactlyFalse = literal === false && (op === '===' || op === '!==');
    return { subject, others: [other], falseWhen: holdsForFalse ? 'true' : flip('true'), ...(exactlyFalse ? { exactlyFalse } : {}) };
  }
  return undefined;
}
