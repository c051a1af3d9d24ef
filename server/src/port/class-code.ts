// The program's classes in TypeScript: each PHP class a TypeScript class (parents first) with its
// constants and static properties as static members, its properties with PHP's defaults (an
// untyped property starts null, a typed one without a default is unset: `!`), its constructor and
// methods; `$this->x`, `self::`, `static::` (late static binding through `this.constructor`),
// `parent::` (`super`), `new $name` through a table of the program's classes. A constructor
// that waits on sockets cannot be a TypeScript constructor: the classes of its family construct
// through an async `__construct()` method instead (`await new Server().__construct(port)`).
import { childNodes } from '../core/ast';
import { isLooseNode, type LooseNode } from './loose-node';
import { type ConstantInfo, type FunctionInfo } from './analysis';
import type { ClassInfo, PropertyInfo } from './classes';
import { expr, PREC, wrap, type Expr } from './code';
import { tsStringLiteral, utf8Bytes } from './literals';
import { parameterList, returnTypeCode } from './module';
import { isOnly, kinds, NULL, objectOf, STRING, union, type PhpType } from './php-types';
import { declaredType, functionBody } from './statements';
import type { Translator } from './translator';
import { value } from './expressions';

/** The method whose body is being written (a closure inside one counts as it: `this` is the same). */
export function contextMethod(t: Translator): FunctionInfo | undefined {
  let scope: FunctionInfo | undefined = t.scope;
  while (scope && !scope.owner) scope = scope.parent;
  return scope;
}

/** The class's constructor is a method (`construct<Class>()`) because one of its family waits in it. */
export function constructsAsync(t: Translator, cls: ClassInfo): boolean {
  const classes = t.analysis.classes;
  const root = classes.ancestry(cls).at(-1)!;
  return [root, ...classes.descendants(root)].some((member) => member.methods.get('__construct')?.isAsync);
}

/** The code naming the class that `static::` means where it is written. */
function lateStaticClass(t: Translator, cls: ClassInfo): string {
  return contextMethod(t)?.isStatic ? 'this' : `(this.constructor as typeof ${cls.ts})`;
}

/** The code naming the class `X::`, `self::`, `static::` or `parent::` refers to, or undefined. */
function classReference(t: Translator, node: LooseNode): { cls: ClassInfo; code: string } | undefined {
  const cls = t.analysis.classes.referenced(node);
  if (!cls) return undefined;
  return { cls, code: node.kind === 'staticreference' ? lateStaticClass(t, cls) : cls.ts };
}

/** A receiver as one of the given classes: a cast where its type may be something else. */
function receiverAs(t: Translator, receiver: Expr, classes: readonly ClassInfo[]): string {
  const names = new Set(classes.map((cls) => cls.ts));
  if (isOnly(receiver.type, 'object') && [...(receiver.type.classes ?? [])].every((name) => names.has(name))) return wrap(receiver, PREC.postfix);
  return `(${wrap(receiver, PREC.relational)} as ${[...names].join(' | ')})`;
}

/**
 * A member found only in subclasses of the receiver's classes (a parent's `$this->hook()`): the
 * receiver cast down through unknown, and the member named in brackets, since TypeScript lets a
 * parent neither see a subclass's members nor reach its protected ones (PHP lets it do both).
 */
function subclassMember(t: Translator, receiver: Expr, owners: readonly ClassInfo[], member: string, nullsafe: string): string | undefined {
  const classes = t.analysis.classes;
  const receiverClasses = classes.classesOf(receiver.type);
  if (receiverClasses.length === 0 || owners.some((owner) => receiverClasses.some((cls) => classes.ancestry(cls).includes(owner)))) return undefined;
  // One of them stands for all (TypeScript finds no protected member on a union); at run time the object's own is used.
  return `(${wrap(receiver, PREC.relational)} as unknown as ${owners[0]!.ts})${nullsafe ? '?.' : ''}[${tsStringLiteral(member)}]`;
}

/** `$obj->name` and `$obj?->name`. */
export function propertyRead(t: Translator, node: LooseNode): Expr {
  if (node.offset?.kind !== 'identifier') return t.unportedExpr(node, 'dynamic property names are not ported');
  const receiver = value(t, node.what);
  const name = String(node.offset.name);
  const properties = t.analysis.classes.propertiesFor(receiver.type, name);
  if (properties.length === 0) return t.unportedExpr(node, `$${name} is not a declared property of the program's classes (dynamic properties are not ported)`);
  const type = union(...properties.map((property) => property.type));
  const inSubclass = subclassMember(t, receiver, [...new Set(properties.map((property) => property.owner))], properties[0]!.ts, node.kind === 'nullsafepropertylookup' ? '?' : '');
  if (inSubclass) return expr(node.kind === 'nullsafepropertylookup' ? `(${inSubclass} ?? null)` : inSubclass, node.kind === 'nullsafepropertylookup' ? union(type, NULL) : type);
  const base = receiverAs(t, receiver, [...new Set(properties.map((property) => property.owner))].flatMap((owner) => [owner, ...t.analysis.classes.descendants(owner)]));
  if (node.kind === 'nullsafepropertylookup') return expr(`(${base}?.${properties[0]!.ts} ?? null)`, union(type, NULL));
  return expr(`${base}.${properties[0]!.ts}`, type);
}

/** `X::CONSTANT`, `X::$static`, `X::class`. */
export function staticRead(t: Translator, node: LooseNode): Expr {
  const name = node.offset?.kind === 'variable' ? String(node.offset.name) : String(node.offset?.name ?? '');
  if (node.offset?.kind === 'identifier' && name.toLowerCase() === 'class') return classNameOf(t, node);
  const reference = classReference(t, node.what);
  if (!reference) return t.unportedExpr(node, `${t.php(node.what)}:: names no class of the program`);
  const classes = t.analysis.classes;
  if (node.offset?.kind === 'variable') {
    const property = classes.property(reference.cls, name);
    if (!property?.isStatic) return t.unportedExpr(node, `${reference.cls.php}::$${name} is not a static property of the program`);
    // Static properties live in the class that declares them (a subclass shares them unless it redeclares).
    const redeclared = node.what.kind === 'staticreference' && classes.descendants(property.owner).some((cls) => cls.properties.has(name));
    if (redeclared) return t.unportedExpr(node, `static::$${name} of a property a subclass redeclares is not ported`);
    return expr(`${property.owner.ts}.${property.ts}`, property.type);
  }
  const holder = classes.constantHolder(reference.cls, name);
  const constant = holder?.constants.get(name);
  // An interface's constant is a static of the interface's class, which the implementing class does not extend.
  if (constant) return expr(`${holder!.isInterface ? holder!.ts : reference.code}.${name}`, constant.type);
  // `static::NAME` in a class whose subclasses define NAME: TypeScript needs it declared here.
  const inSubclasses = node.what.kind === 'staticreference' ? classes.subclassConstants(reference.cls, name) : [];
  if (inSubclasses.length === 0) return t.unportedExpr(node, `${reference.cls.php}::${name} is not a constant of the program`);
  const type = union(...inSubclasses.map((subclass) => subclass.type));
  const declared = subclassStatics.get(reference.cls) ?? new Map<string, PhpType>();
  subclassStatics.set(reference.cls, declared.set(name, type));
  return expr(`${reference.code}.${name}`, type);
}

/** Constants that classes read through `static::` and leave to their subclasses, to be declared (`declare static readonly`). */
const subclassStatics = new WeakMap<ClassInfo, Map<string, PhpType>>();

/** `X::class`: the name as written, or the class `self`/`static` is. */
function classNameOf(t: Translator, node: LooseNode): Expr {
  if (node.what.kind === 'name') {
    const named = t.analysis.classes.named(String(node.what.name));
    return expr(tsStringLiteral(utf8Bytes(named?.qualified ?? String(node.what.name).replace(/^\\/, ''))), STRING);
  }
  const reference = classReference(t, node.what);
  if (!reference) return t.unportedExpr(node, 'this ::class is not ported');
  if (node.what.kind === 'staticreference') return expr(`${t.use('phpClassName')}(${contextMethod(t)?.isStatic ? `{ constructor: this }` : 'this'})`, STRING);
  return expr(tsStringLiteral(utf8Bytes(reference.cls.qualified)), STRING);
}

/** The code of a property as an assignment target, or undefined when it is not one of the program's. */
export function propertyPlace(t: Translator, node: LooseNode): Expr | undefined {
  const place = node.kind === 'staticlookup' ? staticRead(t, node) : propertyRead(t, node);
  return place.code.startsWith(`${t.use('unported')}(`) ? undefined : place;
}

/** A call of one of the program's methods (`$obj->m()`, `X::m()`, `parent::m()`), or undefined when the call names none. */
export function programMethodCall(
  t: Translator,
  node: LooseNode,
  call: (callee: FunctionInfo, code: string, args: readonly LooseNode[]) => Expr,
): Expr | undefined {
  const what = node.what;
  if (what.offset?.kind !== 'identifier' || what.parenthesizedExpression) return undefined;
  const name = String(what.offset.name);
  const classes = t.analysis.classes;
  const args: LooseNode[] = (node.arguments ?? []).filter(isLooseNode);
  if (what.kind === 'staticlookup') {
    const reference = classReference(t, what.what);
    const method = reference ? classes.method(reference.cls, name) : undefined;
    const here = contextMethod(t)?.owner;
    if (!reference && here && !here.parent && what.what.kind === 'parentreference' && name.toLowerCase() === '__construct' && classes.exceptionBase(here)) {
      // PHP's Exception::__construct($message, $code): PhpUserError's constructor.
      return expr(`super(${args.map((arg) => wrap(value(t, arg), PREC.assignment)).join(', ')})`, NULL);
    }
    if (!reference || !method) return undefined;
    if (method.key.endsWith('::__construct')) return parentConstructorCall(t, node, method, args, call);
    const self = what.what.kind === 'parentreference' ? 'super' : method.isStatic ? reference.code : 'this';
    return call(method, `${self}.${method.ts}`, args);
  }
  const receiver = value(t, what.what);
  const methods = classes.methodsFor(receiver.type, name);
  if (methods.length === 0) return undefined;
  const nullsafe = what.kind === 'nullsafepropertylookup' ? '?' : '';
  const inSubclass = subclassMember(t, receiver, [...new Set(methods.map((method) => method.owner!))], methods[0]!.ts, nullsafe);
  if (inSubclass) return call(methods[0]!, inSubclass, args);
  const owners = [...new Set(methods.map((method) => method.owner!))].flatMap((owner) => [owner, ...classes.descendants(owner)]);
  return call(methods[0]!, `${receiverAs(t, receiver, owners)}${nullsafe}.${methods[0]!.ts}`, args);
}

/** `parent::__construct(...)`: `super(...)` in a constructor, or the parent's async `__construct()`. */
function parentConstructorCall(t: Translator, node: LooseNode, method: FunctionInfo, args: LooseNode[], call: (callee: FunctionInfo, code: string, args: readonly LooseNode[]) => Expr): Expr {
  const here = contextMethod(t);
  if (node.what.what.kind !== 'parentreference' || !here?.key.endsWith('::__construct')) return t.unportedExpr(node, 'calling a constructor outside a constructor is not ported');
  if (constructsAsync(t, method.owner!)) return call(method, `super.${asyncConstructorName(method.owner!)}`, args);
  return expr(call({ ...method, isAsync: false }, 'super', args).code, NULL);
}

/** `new X(...)` of a program class (or `self`/`static`), or of a class named at run time. */
export function newInstance(t: Translator, node: LooseNode, call: (callee: FunctionInfo, code: string, args: readonly LooseNode[]) => Expr): Expr | undefined {
  const classes = t.analysis.classes;
  const args: LooseNode[] = (node.arguments ?? []).filter(isLooseNode);
  const reference = classReference(t, node.what);
  if (reference) {
    const { cls } = reference;
    if (cls.isInterface) return t.unportedExpr(node, `${cls.php} is an interface: PHP cannot instantiate it`);
    if (cls.isAbstract && node.what.kind !== 'staticreference') return t.unportedExpr(node, `${cls.php} is abstract: PHP cannot instantiate it`);
    // `new static` in an abstract class makes one of its subclasses, which TypeScript must be told.
    const classCode = node.what.kind !== 'staticreference' ? reference.code : cls.isAbstract ? `(${reference.code} as unknown as new (...args: ConstructorParameters<typeof ${cls.ts}>) => ${cls.ts})` : wrap(expr(reference.code, kinds('object')), PREC.primary);
    const constructor = classes.method(cls, '__construct');
    const type = objectOf(cls.ts);
    if (!constructor) {
      // Without a constructor PHP ignores the arguments, but an exception's are Exception's (message, code).
      const passed = classes.exceptionBase(cls) ? args.map((arg) => wrap(value(t, arg), PREC.assignment)).join(', ') : '';
      return expr(`new ${classCode}(${passed})`, type);
    }
    if (constructsAsync(t, cls)) return expr(call(constructor, `new ${classCode}().${asyncConstructorName(constructor.owner!)}`, args).code, type, PREC.unary);
    return expr(call({ ...constructor, isAsync: false, refParams: [] }, `new ${classCode}`, args).code, type);
  }
  if (node.what.kind === 'name' || classes.classes.size === 0) return undefined;
  // `new $name(...)`: the class comes from the table of the program's classes.
  const type = classes.dynamicInstanceType(t.analysis.env.mentionedClasses ?? new Set());
  const candidates = classes.classesOf(type);
  if (candidates.some((cls) => constructsAsync(t, cls))) return t.unportedExpr(node, '`new $name` of a class whose constructor waits on sockets is not ported');
  t.usesClassTable = true;
  const name = value(t, node.what);
  const made = `new (${t.use('classNamed')}(${CLASS_TABLE}, ${name.code}))(${args.map((arg) => wrap(value(t, arg), PREC.assignment)).join(', ')})`;
  return expr(`${made} as ${declaredType(t, type)}`, type, PREC.relational);
}

/** PHP's interfaces a class may implement without the port doing anything for them. */
const PASSIVE_INTERFACES = new Set(['throwable', 'stringable', 'unitenum', 'backedenum']);

/** The name of the module constant holding the program's classes by lowercased name. */
export const CLASS_TABLE = 'phpClasses';

const VISIBILITY: Record<string, string> = { public: '', protected: 'protected ', private: 'private ' };

/** A class's constants in an order where each comes after the constants of its class it reads (`self::C`). */
function constantsInOrder(t: Translator, cls: ClassInfo): ConstantInfo[] {
  const ordered: ConstantInfo[] = [];
  const visit = (constant: ConstantInfo, path: Set<ConstantInfo>) => {
    if (ordered.includes(constant) || path.has(constant)) return;
    path.add(constant);
    const reads = (node: LooseNode): void => {
      if (node.kind === 'staticlookup' && node.offset?.kind === 'identifier' && t.analysis.classes.referenced(node.what) === cls) {
        const read = cls.constants.get(String(node.offset.name));
        if (read) visit(read, path);
      }
      childNodes(node).forEach(reads);
    };
    reads(constant.value);
    ordered.push(constant);
  };
  for (const constant of cls.constants.values()) visit(constant, new Set());
  return ordered;
}

/** The program's classes as TypeScript, parents before children, and the class table `new $name` uses. */
export function classDeclarations(t: Translator): string[] {
  const classes = [...t.analysis.classes.classes.values()];
  const ordered: ClassInfo[] = [];
  const visit = (cls: ClassInfo) => {
    if (ordered.includes(cls)) return;
    if (cls.parent) visit(cls.parent);
    ordered.push(cls);
  };
  classes.forEach(visit);
  const sources = ordered.map((cls) => classSource(t, cls));
  if (t.usesClassTable) {
    const entries = ordered.map((cls) => `${JSON.stringify(cls.key)}: ${cls.isAbstract ? tsStringLiteral(utf8Bytes(cls.php)) : cls.ts}`);
    sources.push(`const ${CLASS_TABLE}: ${t.use('PhpClassTable')} = { ${entries.join(', ')} };`);
  }
  return sources;
}

function classSource(t: Translator, cls: ClassInfo): string {
  const classes = t.analysis.classes;
  const lines: string[] = [];
  let heritage = '';
  if (cls.parent) heritage = ` extends ${cls.parent.ts}`;
  else if (cls.parentName) {
    const base = classes.exceptionBase(cls);
    if (base) {
      heritage = ` extends ${t.use('PhpUserError')}`;
      lines.push(`static readonly phpParent = ${tsStringLiteral(base)};`);
    } else t.report(cls.node.extends, `${cls.php} extends ${cls.parentName}, which is neither the program's nor one of PHP's exception classes`);
  }
  for (const name of cls.interfaceNames) {
    // PHP's interfaces that change nothing for the port (a program's exceptions are PHP's anyway).
    if (PASSIVE_INTERFACES.has(name.replace(/^\\/, '').toLowerCase())) continue;
    if (!classes.named(name)?.isInterface) t.report(cls.node, `${cls.php} implements ${name}, which is not an interface of the program (PHP's own interfaces are not ported)`);
  }
  if (typeof cls.node.phpEnum === 'string') lines.push(`static readonly phpEnum = ${tsStringLiteral(cls.node.phpEnum)};`);
  if (cls.ts !== cls.qualified) lines.push(`static readonly phpClassName: string = ${tsStringLiteral(utf8Bytes(cls.qualified))};`);
  for (const member of (cls.node.body ?? []) as LooseNode[]) if (member.kind === 'traituse') t.report(member, 'traits are not ported');
  if (classes.method(cls, '__destruct') && !(cls.parent && classes.method(cls.parent, '__destruct'))) {
    // PHP runs __destruct() when the last reference goes, and at the end for what is left.
    lines.push(`readonly phpDestructible = ${t.use('phpDestructible')}(this);`);
  }
  t.inScope(t.analysis.main, () => {
    // Typed, not a literal type, so that a subclass may give the constant another value.
    for (const constant of constantsInOrder(t, cls)) lines.push(`static readonly ${constant.php}: ${declaredType(t, constant.type)} = ${wrap(value(t, constant.value), PREC.assignment)};`);
    for (const property of cls.properties.values()) lines.push(propertyDeclaration(t, cls, property));
  });
  const constructor = cls.methods.get('__construct');
  if (constructor) lines.push(...t.inScope(constructor, () => constructorSource(t, cls, constructor)).split('\n'));
  for (const method of cls.methods.values()) {
    if (method !== constructor) lines.push(...t.inScope(method, () => methodSource(t, method)).split('\n'));
  }
  const declared = [...(subclassStatics.get(cls) ?? [])].map(([name, type]) => `declare static readonly ${name}: ${declaredType(t, type)};`);
  lines.splice(cls.constants.size, 0, ...declared);
  const todos = t.pendingTodos.splice(0);
  const body = lines.map((line) => (line ? `  ${line}` : line)).join('\n');
  return `${todos.map((todo) => `${todo}\n`).join('')}${cls.isAbstract ? 'abstract ' : ''}class ${cls.ts}${heritage} {${body ? `\n${body}\n` : ''}}`;
}

function propertyDeclaration(t: Translator, cls: ClassInfo, property: PropertyInfo): string {
  const modifiers = `${VISIBILITY[property.visibility] ?? ''}${property.isStatic ? 'static ' : ''}`;
  const type = declaredType(t, property.type);
  if (property.initial) return `${modifiers}${property.ts}: ${type} = ${wrap(value(t, property.initial), PREC.assignment)};`;
  // Assigned by the TypeScript constructor (a promoted parameter), or unset until the program sets it.
  const assignedByConstructor = property.promoted && !constructsAsync(t, cls);
  if (property.typed) return `${modifiers}${property.ts}${assignedByConstructor ? '' : '!'}: ${type};`;
  return `${modifiers}${property.ts}: ${type} = null;`;
}

/** The constructor: TypeScript's (super(...) where PHP calls parent::__construct()), or an async `__construct()` returning the object. */
function constructorSource(t: Translator, cls: ClassInfo, constructor: FunctionInfo): string {
  const promoted = [...cls.properties.values()].filter((property) => property.promoted).map((property) => `this.${property.ts} = ${constructor.vars.get(property.php)!.ts};`);
  if (constructsAsync(t, cls)) {
    t.bodyExtras.set(constructor, { prologue: promoted, epilogue: ['return this;'], bareReturn: 'return this;' });
    return `async ${asyncConstructorName(cls)}(${parameterList(t, constructor)}): Promise<this> {\n${functionBody(t, constructor)}\n}`;
  }
  const parentCall = constructor.body.find(isParentConstructorCall);
  const parentConstructs = Boolean(cls.parent && t.analysis.classes.method(cls.parent, '__construct'));
  if (parentCall) t.linesAfter.set(parentCall, promoted);
  else if (cls.parentName && parentConstructs) t.report(constructor.node!, `a constructor that does not call parent::__construct() as a statement of its own is not ported (TypeScript runs the parent's constructor first)`);
  else t.bodyExtras.set(constructor, { prologue: [...(cls.parentName ? ['super();'] : []), ...promoted] });
  return `constructor(${parameterList(t, constructor)}) {\n${functionBody(t, constructor)}\n}`;
}

/** A constructor that waits is a method named after its class, so that a subclass's, with other parameters, is not an override. */
function asyncConstructorName(cls: ClassInfo): string {
  return `construct${cls.ts}`;
}

function isParentConstructorCall(statement: LooseNode): boolean {
  const call: LooseNode | undefined = statement.kind === 'expressionstatement' ? statement.expression : undefined;
  const what: LooseNode | undefined = call?.kind === 'call' ? call.what : undefined;
  return what?.kind === 'staticlookup' && what.what?.kind === 'parentreference' && String((what.offset as LooseNode).name).toLowerCase() === '__construct';
}

function methodSource(t: Translator, method: FunctionInfo): string {
  const modifiers = `${VISIBILITY[method.visibility ?? 'public'] ?? ''}${method.isStatic ? 'static ' : ''}`;
  const signature = `${method.ts}(${parameterList(t, method)}): ${returnTypeCode(t, method)}`;
  if (method.isAbstract) return `${modifiers}abstract ${signature};`;
  return `${modifiers}${method.isAsync ? 'async ' : ''}${signature} {\n${functionBody(t, method)}\n}`;
}
