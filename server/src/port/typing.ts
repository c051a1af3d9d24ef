// The static type of a PHP expression, given the types of variables, functions and constants.
import { calledFunctionName } from '../core/ast';
import { isLooseNode, type LooseNode } from './loose-node';
import { SOCKET_CONSTANTS, socketFunction } from '../core/socket-api';
import { builtin } from './builtins';
import {
  arrayOf,
  BOOL,
  elementOf,
  FLOAT,
  fromDeclared,
  has,
  INT,
  isOnly,
  isString,
  kinds,
  MIXED,
  NEVER,
  NULL,
  NUMBER,
  objectOf,
  STRING,
  union,
  without,
  type PhpType,
} from './php-types';
import { runtimeConstantValue } from './runtime/module';
import type { ClassTable } from './classes';
import { calleeReturnType, methodsCalled, propertiesAt } from './analysis';

export interface TypeEnvironment {
  variableType(node: LooseNode): PhpType;
  functionReturnType(name: string): PhpType | undefined;
  constantType(name: string): PhpType | undefined;
  /** The program's classes, when it has any. */
  classes?: ClassTable;
  /** Lowercased strings and `X::class` names in the program (the classes `new $name` may make). */
  mentionedClasses?: ReadonlySet<string>;
}

const COMPARISONS = new Set(['==', '!=', '<>', '===', '!==', '<', '>', '<=', '>=', '&&', '||', 'and', 'or', 'xor', 'instanceof']);
const BITWISE = new Set(['&', '|', '^', '<<', '>>']);

/** int/float literal syntax: decimal, 0x, 0b, 0o/leading-zero octal, with `_` separators. */
export function numberLiteralType(text: string): PhpType {
  return /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]*|[1-9][0-9_]*|0)$/.test(text) ? INT : FLOAT;
}

/** Int (bool and null count as 0/1 in arithmetic), or not known yet (inference starts empty). */
function intOrUnknown(type: PhpType): boolean {
  return type.kinds.size === 0 || isOnly(type, 'int', 'true', 'false', 'null');
}

/** The type `+ - *` give: int for ints, float when a float is involved, either for the rest. */
function arithmeticType(left: PhpType, right: PhpType): PhpType {
  if (intOrUnknown(left) && intOrUnknown(right)) return INT;
  if (has(left, 'float') || has(right, 'float')) return isOnly(left, 'int', 'float') && isOnly(right, 'int', 'float') ? FLOAT : NUMBER;
  return NUMBER;
}

/** `& | ^` of two strings is a string of bytes in PHP; of anything else an int (shifts always are). */
function bitwiseType(operator: string, left: PhpType, right: PhpType): PhpType {
  if (operator === '<<' || operator === '>>') return INT;
  if (isString(left) && isString(right)) return STRING;
  return has(left, 'string') && has(right, 'string') ? union(INT, STRING) : INT;
}

/** `~` inverts a string's bytes and an int's bits. */
export function bitNotType(operand: PhpType): PhpType {
  if (isString(operand)) return STRING;
  return has(operand, 'string') ? union(INT, STRING) : INT;
}

export function binaryType(operator: string, left: PhpType, right: PhpType): PhpType {
  if (COMPARISONS.has(operator)) return BOOL;
  if (operator === '.') return STRING;
  if (BITWISE.has(operator)) return bitwiseType(operator, left, right);
  if (operator === '<=>' || operator === '%') return INT;
  if (operator === '??') return union(without(left, 'null'), right);
  if (operator === '/') return has(left, 'float') || has(right, 'float') ? FLOAT : NUMBER;
  if (operator === '+' && has(left, 'array') && has(right, 'array')) return left;
  return arithmeticType(left, right);
}

/** A core or socket constant's type, from the literal the runtime defines it with. */
function runtimeConstantType(name: string): PhpType | undefined {
  if (SOCKET_CONSTANTS.has(name)) return INT;
  const value = runtimeConstantValue(name);
  if (!value) return undefined;
  if (/^['"]/.test(value)) return STRING;
  return numberLiteralType(value.replace(/^-/, ''));
}

export function constantType(name: string, env: TypeEnvironment): PhpType | undefined {
  const lower = name.toLowerCase();
  if (lower === 'true') return kinds('true');
  if (lower === 'false') return kinds('false');
  if (lower === 'null') return NULL;
  if (name === 'STDIN' || name === 'STDOUT' || name === 'STDERR') return kinds('stream');
  return env.constantType(name) ?? runtimeConstantType(name);
}

export function castType(type: string): PhpType {
  switch (type) {
    case 'int':
      return INT;
    case 'float':
      return FLOAT;
    case 'string':
    case 'binary':
      return STRING;
    case 'bool':
      return BOOL;
    case 'array':
      return arrayOf(MIXED);
    default:
      return MIXED;
  }
}

export function callType(node: LooseNode, env: TypeEnvironment): PhpType {
  const name = calledFunctionName(node);
  if (!name) return MIXED;
  const args: LooseNode[] = (node.arguments ?? []).filter(isLooseNode);
  const user = env.functionReturnType(name);
  if (user) return user;
  const socket = socketFunction(name);
  if (socket) return fromDeclared(socket.returns);
  const spec = builtin(name);
  if (spec) return spec.returns(args.map((arg) => typeOf(arg, env)));
  return MIXED;
}

/** A call of a method: the program's methods it may run, or those of PHP's exceptions. */
function methodCallType(node: LooseNode, env: TypeEnvironment): PhpType {
  const methods = methodsCalled(node, env);
  if (methods.length > 0) return union(...methods.map((method) => calleeReturnType(method)));
  return node.what?.kind === 'propertylookup' ? methodType(String(node.what.offset?.name)) : MIXED;
}

/** `new X`: an instance of the program's class (or of the class `self`/`static` name), an exception of PHP's, or of a class named at run time. */
function newType(node: LooseNode, env: TypeEnvironment): PhpType {
  const cls = env.classes?.referenced(node.what);
  if (cls) return objectOf(cls.ts);
  if (node.what?.kind === 'name') return kinds('error');
  return env.classes ? env.classes.dynamicInstanceType(env.mentionedClasses ?? new Set()) : MIXED;
}

/** `X::NAME`, `X::$name`, `X::class`. */
function staticLookupType(node: LooseNode, env: TypeEnvironment): PhpType {
  if (node.offset?.kind === 'variable') return union(NEVER, ...propertiesAt(node, env).map((property) => property.type));
  const name = String(node.offset?.name);
  if (name.toLowerCase() === 'class') return STRING;
  const cls = env.classes?.referenced(node.what);
  return (cls && env.classes!.constant(cls, name)?.type) || MIXED;
}

/** Methods the port supports: those of PHP's exceptions. */
export function methodType(method: string): PhpType {
  switch (method.toLowerCase()) {
    case 'getmessage':
      return STRING;
    case 'getcode':
    case 'getseverity':
      return INT;
    default:
      return MIXED;
  }
}

export function typeOf(node: LooseNode, env: TypeEnvironment): PhpType {
  // A syntax error leaves holes in php-parser's tree.
  if (!isLooseNode(node)) return MIXED;
  switch (node.kind) {
    case 'number':
      return numberLiteralType(String(node.value));
    case 'string':
    case 'encapsed':
    case 'nowdoc':
    case 'magic':
      return node.kind === 'magic' && node.value === '__LINE__' ? INT : STRING;
    case 'boolean':
      return kinds(node.value ? 'true' : 'false');
    case 'nullkeyword':
      return NULL;
    case 'array':
      return arrayOf(union(NEVER, ...(node.items ?? []).filter(isLooseNode).map((item: LooseNode) => typeOf(item.kind === 'entry' ? item.value : item, env))));
    case 'variable':
      return env.variableType(node);
    case 'offsetlookup': {
      const container = typeOf(node.what, env);
      if (isOnly(container, 'string')) return STRING;
      return elementOf(container);
    }
    case 'call':
      if (['propertylookup', 'nullsafepropertylookup', 'staticlookup'].includes(node.what?.kind)) return methodCallType(node, env);
      return callType(node, env);
    case 'propertylookup':
    case 'nullsafepropertylookup': {
      const properties = propertiesAt(node, env);
      return properties.length > 0 ? union(...properties.map((property) => property.type), node.kind === 'nullsafepropertylookup' ? NULL : NEVER) : MIXED;
    }
    case 'staticlookup':
      return staticLookupType(node, env);
    case 'bin':
      return binaryType(String(node.type), typeOf(node.left, env), typeOf(node.right, env));
    case 'unary':
      if (node.type === '!') return BOOL;
      if (node.type === '~') return bitNotType(typeOf(node.what, env));
      return arithmeticType(typeOf(node.what, env), INT);
    case 'assign':
      if (node.operator === '=') return typeOf(node.right, env);
      if (node.operator === '??=') return union(without(typeOf(node.left, env), 'null'), typeOf(node.right, env));
      return binaryType(String(node.operator).slice(0, -1), typeOf(node.left, env), typeOf(node.right, env));
    case 'post':
    case 'pre':
      return intOrUnknown(without(typeOf(node.what, env), 'null')) ? INT : NUMBER;
    case 'cast':
      return castType(String(node.type));
    case 'retif': {
      const whenFalse = typeOf(node.falseExpr, env);
      const whenTrue = node.trueExpr ? typeOf(node.trueExpr, env) : without(typeOf(node.test, env), 'null', 'false');
      return union(whenTrue, whenFalse);
    }
    case 'isset':
    case 'empty':
      return BOOL;
    case 'silent':
      return typeOf(node.expr, env);
    case 'exit':
    case 'throw':
      return NEVER;
    case 'print':
      return INT;
    case 'closure':
    case 'arrowfunc':
      return kinds('callable');
    case 'new':
      return newType(node, env);
    case 'match':
      return union(...(node.arms ?? []).map((arm: LooseNode) => typeOf(arm.body, env)));
    case 'name':
      return constantType(String(node.name).replace(/^\\/, ''), env) ?? MIXED;
    default:
      return MIXED;
  }
}
