// Traits and interfaces, lowered before the analysis to what the class port knows.
// - A trait is PHP's copy and paste: each class that uses one gets a copy of the trait's members
//   (its own members win over the trait's, the trait's over inherited ones; `self` in a copy is
//   the class using it, static properties are per class, as in PHP). The trait statement goes.
//   Conflict resolution (`insteadof`, `as`) is left as the `traituse` member, which is reported.
// - An interface becomes an abstract class of its constants only (`interface_name` keeps what it
//   extends), marked `isInterface`: the class table links each class to the interfaces it
//   implements, so that `self::X` finds an interface's constant, `instanceof` tests the classes
//   that implement it, and a parameter typed with it is an instance of one of them.
// - An enum becomes a final class whose cases are constants holding its instances (made once, so
//   `===` and match compare them as PHP does), with `name` (and `value`), cases(), from() and
//   tryFrom() written in PHP and parsed, then its own constants and methods; `phpEnum` tells the
//   runtime's var_dump()/print_r() it is one.
import { childNodes, normalizeName } from '../core/ast';
import { parsePhp } from '../core/parse';
import type { SourceFile } from './includes';
import { isSynthetic } from './synthetic-nodes';
import { isLooseNode, type LooseNode } from './loose-node';

/** Marks the nodes of `made` (those not marked yet) as coming from the file `from` comes from, so reports name it. */
type Carry = (made: LooseNode, from: LooseNode) => LooseNode;

/** The program's statements with trait uses expanded, interfaces and enums as classes; `sourceOf` learns the new nodes' files. */
export function lowerClassLikes(statements: LooseNode[], sourceOf: WeakMap<LooseNode, SourceFile> = new WeakMap()): LooseNode[] {
  const carry: Carry = (made, from) => {
    const source = sourceOf.get(from);
    if (!source) return made;
    const mark = (node: LooseNode) => {
      if (sourceOf.has(node)) return;
      sourceOf.set(node, source);
      childNodes(node).forEach(mark);
      for (const child of (node.children ?? []) as LooseNode[]) if (isLooseNode(child)) mark(child);
    };
    mark(made);
    return made;
  };
  const traits = new Map<string, LooseNode>();
  const collect = (node: LooseNode) => {
    if (node.kind === 'trait') traits.set(normalizeName(String(node.name?.name ?? node.name)), node);
    childNodes(node).forEach(collect);
  };
  statements.forEach(collect);
  const hasInterface = (node: LooseNode): boolean => node.kind === 'interface' || node.kind === 'enum' || childNodes(node).some(hasInterface);
  if (traits.size === 0 && !statements.some(hasInterface)) return statements;
  const lower = (node: LooseNode): LooseNode => {
    if (node.kind === 'trait') return { kind: 'noop', loc: node.loc };
    if (node.kind === 'interface') return carry(interfaceAsClass(node), node);
    if (node.kind === 'enum') return carry(enumAsClass(node, traits, carry), node);
    if (node.kind === 'class') return carry({ ...node, body: expandTraitUses(node.body ?? [], traits, new Set(), carry) }, node);
    if (node.kind === 'namespace' || node.kind === 'block' || node.kind === 'if' || isSynthetic(node, 'included')) return carry(mapChildren(node, lower), node);
    return node;
  };
  return statements.map(lower);
}

/** A shallow copy of a statement container with its child statements lowered. */
function mapChildren(node: LooseNode, lower: (node: LooseNode) => LooseNode): LooseNode {
  const copy: LooseNode = { ...node };
  if (Array.isArray(node.children)) copy.children = node.children.map(lower);
  if (node.kind === 'if') {
    if (isLooseNode(node.body)) copy.body = lower(node.body);
    if (isLooseNode(node.alternate)) copy.alternate = lower(node.alternate);
  }
  return copy;
}

function interfaceAsClass(node: LooseNode): LooseNode {
  return {
    kind: 'class',
    loc: node.loc,
    name: node.name,
    phpNamespace: node.phpNamespace,
    isAnonymous: false,
    isAbstract: true,
    isFinal: false,
    isReadonly: false,
    attrGroups: [],
    isInterface: true,
    extends: null,
    implements: node.extends ?? [],
    // Its methods are declarations only: the classes that implement it have them.
    body: (node.body ?? []).filter((member: LooseNode) => member.kind === 'classconstant'),
  };
}

function memberNames(member: LooseNode): string[] {
  if (member.kind === 'method') return [`m:${String(member.name?.name ?? member.name).toLowerCase()}`];
  if (member.kind === 'propertystatement') return (member.properties ?? []).map((property: LooseNode) => `p:${String(property.name?.name ?? property.name)}`);
  if (member.kind === 'classconstant') return (member.constants ?? []).map((constant: LooseNode) => `c:${String(constant.name?.name ?? constant.name)}`);
  return [];
}

/** A class body (or a trait's) with each plain `use T;` replaced by copies of T's members the body does not declare. */
function expandTraitUses(body: LooseNode[], traits: ReadonlyMap<string, LooseNode>, using: ReadonlySet<string>, carry: Carry): LooseNode[] {
  const declared = new Set(body.filter((member) => member.kind !== 'traituse').flatMap(memberNames));
  const result: LooseNode[] = [];
  for (const member of body) {
    const names: string[] = member.kind === 'traituse' ? (member.traits ?? []).map((name: LooseNode) => normalizeName(String(name.name))) : [];
    const found = names.map((name) => traits.get(name));
    if (member.kind !== 'traituse' || member.adaptations?.length || !found.every(Boolean) || names.some((name) => using.has(name))) {
      result.push(member);
      continue;
    }
    for (const [index, trait] of found.entries()) {
      const inner = expandTraitUses(trait!.body ?? [], traits, new Set([...using, names[index]!]), carry);
      for (const copied of inner) {
        const keys = memberNames(copied);
        // An abstract method of the trait is the class's own to declare.
        if (copied.kind === 'method' && (copied.isAbstract || !copied.body)) continue;
        if (keys.some((key) => declared.has(key))) continue;
        keys.forEach((key) => declared.add(key));
        result.push(carry(cloneNode(copied), copied));
      }
    }
  }
  return result;
}

/** A deep copy of a node (positions shared): each class that uses a trait gets members of its own. */
function cloneNode<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneNode) as T;
  if (!value || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = key === 'loc' ? field : cloneNode(field);
  return copy as T;
}

/** An enum as a class: its cases as constants holding instances, and PHP's methods of enums. */
function enumAsClass(node: LooseNode, traits: ReadonlyMap<string, LooseNode>, carry: Carry): LooseNode {
  const name = String(node.name?.name ?? node.name);
  const backing = node.valueType ? String(node.valueType.name ?? node.valueType.raw).toLowerCase() : '';
  const cases: LooseNode[] = (node.body ?? []).filter((member: LooseNode) => member.kind === 'enumcase');
  const caseName = (member: LooseNode) => String(member.name?.name ?? member.name);
  const valueType = backing === 'int' ? 'int' : 'string';
  const failed = backing === 'int' ? `$value . ' is not a valid backing value for enum ${name}'` : `'"' . $value . '" is not a valid backing value for enum ${name}'`;
  const php = [
    '<?php',
    `final class ${name} {`,
    ...cases.map((member) => `const ${caseName(member)} = new ${name}('${caseName(member)}'${backing ? ', 0' : ''});`),
    `public function __construct(public string $name${backing ? `, public ${valueType} $value` : ''}) {}`,
    `public static function cases() { return [${cases.map((member) => `self::${caseName(member)}`).join(', ')}]; }`,
    ...(backing
      ? [
          `public static function from(${valueType} $value): ${name} { foreach (self::cases() as $case) { if ($case->value === $value) { return $case; } } throw new ValueError(${failed}); }`,
          `public static function tryFrom(?${valueType} $value): ?${name} { foreach (self::cases() as $case) { if ($case->value === $value) { return $case; } } return null; }`,
        ]
      : []),
    '}',
  ].join('\n');
  const made = parsePhp(php, 'enum.php').program.children?.[0] as LooseNode;
  placeAt(made, node.loc);
  // Each case's value is the enum's own expression.
  const constants: LooseNode[] = (made.body ?? []).filter((member: LooseNode) => member.kind === 'classconstant');
  constants.forEach((constant, index) => {
    const value = cases[index]?.value;
    if (backing && isLooseNode(value)) constant.constants[0].value.arguments[1] = value;
  });
  const own = expandTraitUses((node.body ?? []).filter((member: LooseNode) => member.kind !== 'enumcase'), traits, new Set(), carry);
  const lowered: LooseNode = { ...made };
  Object.assign(lowered, { name: node.name, phpNamespace: node.phpNamespace, implements: node.implements ?? [], phpEnum: backing, body: [...(made.body ?? []), ...own] });
  return lowered;
}

/** Gives parsed helper code the position of the PHP it stands for, so reports quote that. */
function placeAt(node: LooseNode, loc: LooseNode['loc']): void {
  node.loc = loc;
  childNodes(node).forEach((child) => placeAt(child, loc));
}
