// Static types the port infers for PHP expressions. They decide two things: the TypeScript
// type a variable is declared with, and whether an operation can be written natively (`a + b`,
// `if (socket)`) or needs a runtime helper that applies PHP's rules (`add(a, b)`, `toBool(s)`).
// A type here always covers every value the translated expression can produce.

export type Kind = 'int' | 'float' | 'string' | 'true' | 'false' | 'null' | 'array' | 'socket' | 'error' | 'stream' | 'callable' | 'object' | 'mixed';

export interface PhpType {
  readonly kinds: ReadonlySet<Kind>;
  /** For arrays: the type of their values. */
  readonly element?: PhpType;
  /** For objects: the TypeScript names of the program's classes they may be instances of. */
  readonly classes?: ReadonlySet<string>;
}

export const NEVER: PhpType = { kinds: new Set() };
export const MIXED: PhpType = { kinds: new Set(['mixed']) };
export const INT = kinds('int');
export const FLOAT = kinds('float');
export const NUMBER = kinds('int', 'float');
export const STRING = kinds('string');
export const BOOL = kinds('true', 'false');
export const NULL = kinds('null');
export const SOCKET = kinds('socket');
export const KEY = kinds('int', 'string');

export function kinds(...list: Kind[]): PhpType {
  return { kinds: new Set(list) };
}

export function arrayOf(element: PhpType): PhpType {
  return { kinds: new Set(['array']), element };
}

/** An instance of one of the program's classes (by TypeScript name). */
export function objectOf(...classes: string[]): PhpType {
  return { kinds: new Set(['object']), classes: new Set(classes) };
}

export function union(...types: PhpType[]): PhpType {
  const all = new Set<Kind>();
  let element: PhpType | undefined;
  const classes = new Set<string>();
  for (const type of types) {
    for (const kind of type.kinds) all.add(kind);
    if (type.element) element = element ? union(element, type.element) : type.element;
    for (const name of type.classes ?? []) classes.add(name);
  }
  if (all.has('mixed')) return MIXED;
  return withParts(all, element, classes);
}

/** A type of these kinds, with the element type of its arrays and the classes of its objects. */
function withParts(all: Set<Kind>, element: PhpType | undefined, classes: ReadonlySet<string> | undefined): PhpType {
  return {
    kinds: all,
    ...(all.has('array') ? { element: element ?? NEVER } : {}),
    ...(all.has('object') ? { classes: classes ?? new Set() } : {}),
  };
}

export function sameType(a: PhpType, b: PhpType): boolean {
  if (a.kinds.size !== b.kinds.size || [...a.kinds].some((kind) => !b.kinds.has(kind))) return false;
  const [aClasses, bClasses] = [a.classes ?? new Set<string>(), b.classes ?? new Set<string>()];
  if (aClasses.size !== bClasses.size || [...aClasses].some((name) => !bClasses.has(name))) return false;
  if (!a.element || !b.element) return a.element === b.element || (!a.element && !b.element);
  return sameType(a.element, b.element);
}

/** True when every value of `type` is one of `allowed` (and the type is not empty). */
export function isOnly(type: PhpType, ...allowed: Kind[]): boolean {
  return type.kinds.size > 0 && [...type.kinds].every((kind) => allowed.includes(kind));
}

export function has(type: PhpType, kind: Kind): boolean {
  return type.kinds.has(kind) || type.kinds.has('mixed');
}

export function without(type: PhpType, ...removed: Kind[]): PhpType {
  if (type.kinds.has('mixed')) return type;
  const rest = [...type.kinds].filter((kind) => !removed.includes(kind));
  return withParts(new Set(rest), type.element, type.classes);
}

export function isNumeric(type: PhpType): boolean {
  return isOnly(type, 'int', 'float');
}

export function isInt(type: PhpType): boolean {
  return isOnly(type, 'int');
}

export function isString(type: PhpType): boolean {
  return isOnly(type, 'string');
}

export function isArray(type: PhpType): boolean {
  return isOnly(type, 'array');
}

/**
 * The values of an array type. Empty while nothing is known (inference widens it), and for
 * types that hold no array; written as PhpValue when a declaration needs it.
 */
export function elementOf(type: PhpType): PhpType {
  if (type.kinds.has('mixed')) return MIXED;
  return type.element ?? NEVER;
}

/**
 * Types whose JavaScript truthiness is PHP's: objects are true, false/null are false, and an
 * int is false only at 0. Strings ("0"), floats (NAN) and arrays ([]) differ.
 */
export function hasJsTruthiness(type: PhpType): boolean {
  return isOnly(type, 'int', 'true', 'false', 'null', 'socket', 'error', 'stream', 'callable', 'object');
}

/** A PHP type string from reflection or a declaration: "Socket|false", "?int", "array". */
export function fromDeclared(declared: string): PhpType {
  const nullable = declared.startsWith('?');
  const parts = (nullable ? declared.slice(1) : declared).split('|').map((part) => part.trim().toLowerCase());
  const types = parts.map((part): PhpType => {
    switch (part) {
      case 'int':
        return INT;
      case 'float':
        return FLOAT;
      case 'string':
        return STRING;
      case 'bool':
        return BOOL;
      case 'false':
        return kinds('false');
      case 'true':
        return kinds('true');
      case 'null':
      case 'void':
        return NULL;
      case 'array':
      case 'iterable':
        return arrayOf(MIXED);
      case 'socket':
        return SOCKET;
      case 'callable':
      case 'closure':
        return kinds('callable');
      case 'throwable':
      case 'exception':
      case 'error':
        return kinds('error');
      default:
        return MIXED;
    }
  });
  return union(...types, nullable ? NULL : NEVER);
}

/** The TypeScript type the port declares for a PHP type. */
export function tsType(type: PhpType): string {
  if (type.kinds.size === 0 || type.kinds.has('mixed')) return 'PhpValue';
  const parts: string[] = [];
  const add = (part: string) => parts.includes(part) || parts.push(part);
  for (const kind of type.kinds) {
    switch (kind) {
      case 'int':
      case 'float':
        add('number');
        break;
      case 'string':
        add('string');
        break;
      case 'true':
        add('boolean');
        break;
      case 'false':
        // `Socket|false` stays `PhpSocket | false`; a lone or full boolean is `boolean`.
        add(type.kinds.has('true') || type.kinds.size === 1 ? 'boolean' : 'false');
        break;
      case 'null':
        add('null');
        break;
      case 'array':
        add(`PhpArray<${tsType(elementOf(type))}>`);
        break;
      case 'socket':
        add('PhpSocket');
        break;
      case 'error':
        add('PhpError');
        break;
      case 'stream':
        add('PhpStream');
        break;
      case 'callable':
        add('PhpCallable');
        break;
      case 'object':
        for (const name of type.classes ?? []) add(name);
        if (!type.classes?.size) add('object');
        break;
    }
  }
  return parts.join(' | ');
}

/** Runtime names a TypeScript type written by tsType() refers to. */
export function tsTypeNames(type: PhpType): string[] {
  return [...tsType(type).matchAll(/Php[A-Za-z]+/g)].map((match) => match[0]);
}
