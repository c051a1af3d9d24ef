// The program's own classes, as the port sees them before it writes TypeScript: their parents
// (a class of the program, or one of PHP's exception classes), constants, properties (instance
// and static, promoted constructor parameters), and methods, each method a scope of its own.
// The table answers what PHP resolves at run time: `self::`/`static::`/`parent::`, a method or
// property found through the parents, and the classes a value of some type may be.
import { childNodes, normalizeName } from '../core/ast';
import { isLooseNode, type LooseNode } from './loose-node';
import type { ConstantInfo, FunctionInfo } from './analysis';
import { classTsName, memberTsName } from './naming';
import { MIXED, NEVER, objectOf, type PhpType } from './php-types';
import { PHP_ERROR_PARENTS } from './runtime/exceptions';

export interface PropertyInfo {
  php: string;
  /** The TypeScript member name. */
  ts: string;
  type: PhpType;
  isStatic: boolean;
  visibility: string;
  /** The default as written; null for none. */
  initial: LooseNode | null;
  /** A typed property without a default is uninitialized in PHP (not null). */
  typed: boolean;
  /** A promoted constructor parameter (`public function __construct(private int $port)`). */
  promoted: boolean;
  /** Changed in place (an element written), so reading it into a variable copies it. */
  mutated: boolean;
  owner: ClassInfo;
}

export interface ClassInfo {
  /** Lowercased PHP name (PHP's class names are case-insensitive). */
  key: string;
  php: string;
  /** The name PHP gives it: with its namespace (`App\Server`), for get_class(), __CLASS__, ::class and messages. */
  qualified: string;
  ts: string;
  node: LooseNode;
  /** The parent as written (a program class or one of PHP's), without a leading backslash. */
  parentName: string | undefined;
  parent: ClassInfo | undefined;
  isAbstract: boolean;
  /** An interface (class-like.ts makes it an abstract class of its constants). */
  isInterface: boolean;
  /** The interfaces it implements (an interface: extends) as written, and those of the program. */
  interfaceNames: string[];
  interfaces: ClassInfo[];
  constants: Map<string, ConstantInfo>;
  properties: Map<string, PropertyInfo>;
  /** By lowercased name. */
  methods: Map<string, FunctionInfo>;
}

/** PHP's exception classes (by lowercase name → as PHP spells it). */
const PHP_EXCEPTIONS = new Map(['Throwable', ...Object.keys(PHP_ERROR_PARENTS)].map((name) => [name.toLowerCase(), name]));

/** PHP's spelling of one of its exception classes, or undefined. */
export function phpExceptionClass(name: string): string | undefined {
  return PHP_EXCEPTIONS.get(normalizeName(name));
}

const REFERENCE_KINDS = new Set(['selfreference', 'staticreference', 'parentreference']);

export class ClassTable {
  readonly classes = new Map<string, ClassInfo>();
  /** `self`/`static`/`parent` and `$this` nodes → the class whose body they are in. */
  private readonly enclosing = new WeakMap<LooseNode, ClassInfo>();
  /** The `$name` of `X::$name`: a static property's name, not a variable. */
  readonly staticNames = new WeakSet<LooseNode>();

  /** Records a class statement; its methods become scopes through `newMethod`. */
  add(node: LooseNode, newMethod: (cls: ClassInfo, method: LooseNode) => FunctionInfo): ClassInfo | undefined {
    const php = String(node.name?.name ?? node.name);
    const key = normalizeName(php);
    if (this.classes.has(key)) return undefined;
    const cls: ClassInfo = {
      key,
      php,
      qualified: node.phpNamespace ? `${String(node.phpNamespace)}\\${php}` : php,
      ts: classTsName(php),
      node,
      parentName: node.extends ? String(node.extends.name).replace(/^\\/, '') : undefined,
      parent: undefined,
      isAbstract: Boolean(node.isAbstract),
      isInterface: Boolean(node.isInterface),
      interfaceNames: (node.implements ?? []).map((name: LooseNode) => String(name.name).replace(/^\\/, '')),
      interfaces: [],
      constants: new Map(),
      properties: new Map(),
      methods: new Map(),
    };
    this.classes.set(key, cls);
    for (const member of (node.body ?? []) as LooseNode[]) {
      if (member.kind === 'classconstant') {
        for (const constant of member.constants ?? []) {
          const name = String(constant.name?.name ?? constant.name);
          cls.constants.set(name, { php: name, value: constant.value, type: MIXED });
        }
      } else if (member.kind === 'propertystatement') {
        for (const property of member.properties ?? []) {
          const name = String(property.name?.name ?? property.name);
          cls.properties.set(name, this.newProperty(cls, name, Boolean(member.isStatic), String(member.visibility || 'public'), property.value ?? null, Boolean(property.type), false));
        }
      } else if (member.kind === 'method') {
        const method = newMethod(cls, member);
        cls.methods.set(method.key.slice(method.key.indexOf('::') + 2), method);
        if (method.key.endsWith('::__construct')) this.promote(cls, member);
      }
    }
    this.markEnclosing(node, cls);
    return cls;
  }

  /**
   * Links each class to its parent once every class statement is known. A property named as a
   * method of its family takes a `_`, and a private member a parent or subclass also declares
   * the class's name (PHP keeps them apart, a TypeScript class cannot).
   */
  link(): void {
    for (const cls of this.classes.values()) {
      cls.parent = cls.parentName ? this.named(cls.parentName) : undefined;
      cls.interfaces = cls.interfaceNames.map((name) => this.named(name)).filter((other): other is ClassInfo => Boolean(other?.isInterface));
    }
    for (const cls of this.classes.values()) {
      const related = [...this.ancestry(cls).slice(1), ...this.descendants(cls)];
      const methods = new Set([cls, ...related].flatMap((member) => [...member.methods.values()].map((method) => method.ts.toLowerCase())));
      for (const property of cls.properties.values()) {
        if (methods.has(property.ts.toLowerCase())) property.ts = `${property.ts}_`;
        // PHP keeps a class's private member apart from one of that name in a parent or subclass.
        if (property.visibility === 'private' && related.some((other) => other.properties.has(property.php))) property.ts = `${property.ts}_${cls.ts}`;
      }
      for (const [name, method] of cls.methods) {
        if (method.visibility === 'private' && related.some((other) => other.methods.has(name))) method.ts = `${method.ts}_${cls.ts}`;
      }
    }
  }

  private newProperty(owner: ClassInfo, php: string, isStatic: boolean, visibility: string, initial: LooseNode | null, typed: boolean, promoted: boolean): PropertyInfo {
    return { php, ts: isStatic ? memberTsName(php) : php, type: NEVER, isStatic, visibility, initial, typed, promoted, mutated: false, owner };
  }

  /** Constructor parameters with a visibility (flags 1, 2, 4: public, protected, private) are properties too. */
  private promote(cls: ClassInfo, constructor: LooseNode): void {
    for (const param of constructor.arguments ?? []) {
      if (!param.flags) continue;
      const visibility = param.flags & 4 ? 'private' : param.flags & 2 ? 'protected' : 'public';
      const name = String(param.name?.name ?? param.name);
      cls.properties.set(name, this.newProperty(cls, name, false, visibility, null, Boolean(param.type), true));
    }
  }

  private markEnclosing(node: LooseNode, cls: ClassInfo): void {
    const visit = (current: LooseNode) => {
      if (REFERENCE_KINDS.has(current.kind) || (current.kind === 'variable' && current.name === 'this')) this.enclosing.set(current, cls);
      // A class declared inside a method has its own self.
      if (current.kind !== 'class') childNodes(current).forEach(visit);
    };
    childNodes(node).forEach(visit);
  }

  /** A class by name; a qualified name (`\\App\\Server`) finds the program's class of its last part, as the port keeps no namespaces. */
  named(name: string): ClassInfo | undefined {
    const key = normalizeName(name);
    return this.classes.get(key) ?? (key.includes('\\') ? this.classes.get(key.slice(key.lastIndexOf('\\') + 1)) : undefined);
  }

  /** Every interface of the program a class (or an interface) is one of: its own, its parents', and the ones they extend. */
  allInterfaces(cls: ClassInfo): ClassInfo[] {
    const found: ClassInfo[] = [];
    const visit = (current: ClassInfo) => {
      for (const iface of current.interfaces) if (!found.includes(iface)) (found.push(iface), visit(iface));
    };
    this.ancestry(cls).forEach(visit);
    return found;
  }

  /** The classes (not interfaces) that implement an interface, parents before their subclasses. */
  implementers(iface: ClassInfo): ClassInfo[] {
    return [...this.classes.values()].filter((cls) => !cls.isInterface && this.allInterfaces(cls).includes(iface));
  }

  /** What a value declared as this class is: for an interface, an instance of one of the classes implementing it. */
  instanceType(cls: ClassInfo): PhpType {
    if (!cls.isInterface) return objectOf(cls.ts);
    const classes = this.implementers(cls);
    return classes.length > 0 ? objectOf(...classes.map((other) => other.ts)) : objectOf(cls.ts);
  }

  /** The class whose body a node (`self`, `$this`) is in. */
  enclosingClass(node: LooseNode): ClassInfo | undefined {
    return this.enclosing.get(node);
  }

  /** The class a `X::`, `self::`, `static::` or `parent::` names (static:: as the class it is written in). */
  referenced(node: LooseNode): ClassInfo | undefined {
    if (!isLooseNode(node)) return undefined;
    if (node.kind === 'name') return this.named(String(node.name));
    const context = this.enclosing.get(node);
    if (node.kind === 'parentreference') return context?.parent;
    return REFERENCE_KINDS.has(node.kind) ? context : undefined;
  }

  /** The class and its program parents, nearest first. */
  ancestry(cls: ClassInfo): ClassInfo[] {
    const chain: ClassInfo[] = [];
    for (let current: ClassInfo | undefined = cls; current && !chain.includes(current); current = current.parent) chain.push(current);
    return chain;
  }

  /** The PHP exception class at the top of a program class's parents, if it is one. */
  exceptionBase(cls: ClassInfo): string | undefined {
    const top = this.ancestry(cls).at(-1)!;
    return top.parentName ? phpExceptionClass(top.parentName) : undefined;
  }

  descendants(cls: ClassInfo): ClassInfo[] {
    return [...this.classes.values()].filter((other) => other !== cls && this.ancestry(other).includes(cls));
  }

  method(cls: ClassInfo, name: string): FunctionInfo | undefined {
    const key = name.toLowerCase();
    for (const current of this.ancestry(cls)) {
      const method = current.methods.get(key);
      if (method) return method;
    }
    return undefined;
  }

  property(cls: ClassInfo, name: string): PropertyInfo | undefined {
    for (const current of this.ancestry(cls)) {
      const property = current.properties.get(name);
      if (property) return property;
    }
    return undefined;
  }

  constant(cls: ClassInfo, name: string): ConstantInfo | undefined {
    const holder = this.constantHolder(cls, name);
    return holder?.constants.get(name);
  }

  /** The class or interface whose constant `cls::name` is: through the parents, then the interfaces. */
  constantHolder(cls: ClassInfo, name: string): ClassInfo | undefined {
    return [...this.ancestry(cls), ...this.allInterfaces(cls)].find((current) => current.constants.has(name));
  }

  /** `static::NAME` in a class that leaves the constant to its subclasses: theirs. */
  subclassConstants(cls: ClassInfo, name: string): ConstantInfo[] {
    return this.descendants(cls).map((other) => other.constants.get(name)).filter((constant): constant is ConstantInfo => Boolean(constant));
  }

  /** The program classes a value of this type may be an instance of. */
  classesOf(type: PhpType): ClassInfo[] {
    const byTs = new Map([...this.classes.values()].map((cls) => [cls.ts, cls]));
    return [...(type.classes ?? [])].map((name) => byTs.get(name)).filter((cls): cls is ClassInfo => Boolean(cls));
  }

  /**
   * The methods a call `$value->name()` may run, for a value of this type: the class's, or, when
   * neither it nor a parent declares one, its subclasses' (a parent's `$this->hook()` of a method
   * only its subclasses have, which PHP resolves on the object).
   */
  methodsFor(type: PhpType, name: string): FunctionInfo[] {
    const found = this.classesOf(type).flatMap((cls) => {
      const own = this.method(cls, name);
      if (own) return [own];
      return this.descendants(cls).map((sub) => sub.methods.get(name.toLowerCase())).filter((method): method is FunctionInfo => Boolean(method));
    });
    return [...new Set(found)];
  }

  /** The instance properties `$value->name` may be, for a value of this type (a subclass's, as for methods, when the class has none). */
  propertiesFor(type: PhpType, name: string): PropertyInfo[] {
    const found = this.classesOf(type).flatMap((cls) => {
      const own = this.property(cls, name);
      if (own) return [own];
      return this.descendants(cls).map((sub) => sub.properties.get(name)).filter((property): property is PropertyInfo => Boolean(property));
    });
    return [...new Set(found.filter((property) => !property.isStatic))];
  }

  /** The methods that override one another: the same name declared along one line of parents. */
  family(method: FunctionInfo): FunctionInfo[] {
    const owner = method.owner!;
    const name = method.key.slice(method.key.indexOf('::') + 2);
    const related = [...this.ancestry(owner), ...this.descendants(owner)];
    return related.map((cls) => cls.methods.get(name)).filter((other): other is FunctionInfo => Boolean(other));
  }

  /** What `new $name(...)` can make: the classes named by a string or `X::class` in the program, else every class; only those that can be instantiated. */
  instantiable(named: ReadonlySet<string>): ClassInfo[] {
    const concrete = [...this.classes.values()].filter((cls) => !cls.isAbstract);
    const mentioned = concrete.filter((cls) => named.has(cls.key));
    return mentioned.length > 0 ? mentioned : concrete;
  }

  /** The nearest class all of these extend (or are), if there is one. */
  commonAncestor(classes: readonly ClassInfo[]): ClassInfo | undefined {
    if (classes.length === 0) return undefined;
    return this.ancestry(classes[0]!).find((candidate) => classes.every((cls) => this.ancestry(cls).includes(candidate)));
  }

  /** The type of an instance made by `new $name(...)`. */
  dynamicInstanceType(named: ReadonlySet<string>): PhpType {
    const candidates = this.instantiable(named);
    const common = this.commonAncestor(candidates);
    return common ? objectOf(common.ts) : objectOf(...candidates.map((cls) => cls.ts));
  }
}
