// What one file declares: functions, classes (methods, properties, constants) and global
// constants (`const X = …;`, `define('X', …)`). Names are compared case-insensitively where
// PHP does (functions, classes, methods) and exactly where it does not (constants).
import { childNodes, isNode, normalizeName, type NodeOf, type PhpNode } from '../ast';

export interface FunctionDeclaration {
  /** `fn:name` or `method:class::name`, unique in the file. */
  key: string;
  node: NodeOf<'function' | 'method'>;
  className: string | undefined;
}

export interface ClassDeclaration {
  name: string;
  node: ClassLike;
  parent: string | undefined;
  methods: Map<string, FunctionDeclaration>;
  constants: Map<string, PhpNode>;
  /** Property name → default value expression (null when it has none). */
  properties: Map<string, PhpNode | null>;
}

export interface Declarations {
  functions: Map<string, FunctionDeclaration>;
  classes: Map<string, ClassDeclaration>;
  constants: Map<string, PhpNode>;
  /** Constants defined more than once: their value depends on the path, so it is unknown. */
  ambiguousConstants: Set<string>;
  /** Method name → every class method of that name. */
  methodsByName: Map<string, FunctionDeclaration[]>;
}

type ClassLike = NodeOf<'class' | 'trait' | 'interface' | 'enum'>;

function isClassLike(node: PhpNode): node is ClassLike {
  return node.kind === 'class' || node.kind === 'trait' || node.kind === 'interface' || node.kind === 'enum';
}

function identifierName(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  return isNode(node) && 'name' in node && typeof node.name === 'string' ? node.name : undefined;
}

function collectClass(node: ClassLike, declarations: Declarations): void {
  const name = normalizeName(identifierName(node.name) ?? '');
  if (!name) return; // anonymous classes are analyzed where they stand
  // An interface's `extends` is a list: it has no one parent.
  const parentName = 'extends' in node && isNode(node.extends) ? normalizeName(String(node.extends.name)) : undefined;
  const cls: ClassDeclaration = { name, node, parent: parentName, methods: new Map(), constants: new Map(), properties: new Map() };
  for (const member of node.body ?? []) {
    if (member.kind === 'method') {
      const methodName = normalizeName(identifierName(member.name) ?? '');
      const decl = { key: `method:${name}::${methodName}`, node: member, className: name };
      cls.methods.set(methodName, decl);
      const sameName = declarations.methodsByName.get(methodName) ?? [];
      sameName.push(decl);
      declarations.methodsByName.set(methodName, sameName);
    } else if (member.kind === 'classconstant') {
      for (const constant of member.constants) {
        if (constant.kind !== 'constant') continue;
        const constName = identifierName(constant.name);
        if (constName && isNode(constant.value)) cls.constants.set(constName, constant.value);
      }
    } else if (member.kind === 'propertystatement') {
      for (const property of member.properties) {
        if (property.kind !== 'property') continue;
        const propName = identifierName(property.name);
        if (propName) cls.properties.set(propName, isNode(property.value) ? property.value : null);
      }
    }
  }
  declarations.classes.set(name, cls);
}

function collectDefine(call: NodeOf<'call'>, declarations: Declarations): void {
  const what = call.what;
  if (!isNode(what) || what.kind !== 'name' || normalizeName(String(what.name)) !== 'define') return;
  const [nameArg, valueArg] = call.arguments ?? [];
  if (nameArg?.kind === 'string' && isNode(valueArg)) defineConstant(declarations, String(nameArg.value), valueArg);
}

/** Statements that hold other statements; declarations are only looked for down these. */
const STATEMENT_CONTAINERS = new Set(['program', 'namespace', 'block', 'declare', 'if', 'while', 'do', 'for', 'foreach', 'switch', 'case', 'try', 'catch']);

/** A constant defined twice (`define()` in both branches of an `if`) has no one value: it is unknown. */
function defineConstant(declarations: Declarations, name: string, value: PhpNode): void {
  if (declarations.constants.has(name) || declarations.ambiguousConstants.has(name)) {
    declarations.constants.delete(name);
    declarations.ambiguousConstants.add(name);
    return;
  }
  declarations.constants.set(name, value);
}

export function collectDeclarations(program: PhpNode): Declarations {
  const declarations: Declarations = {
    functions: new Map(),
    classes: new Map(),
    constants: new Map(),
    ambiguousConstants: new Set(),
    methodsByName: new Map(),
  };
  const visit = (node: PhpNode): void => {
    if (node.kind === 'expressionstatement') {
      const expression = node.expression;
      if (isNode(expression) && expression.kind === 'call') collectDefine(expression, declarations);
      return;
    }
    if (node.kind === 'function') {
      const name = normalizeName(identifierName(node.name) ?? '');
      if (name && !declarations.functions.has(name)) declarations.functions.set(name, { key: `fn:${name}`, node, className: undefined });
    } else if (isClassLike(node)) {
      collectClass(node, declarations);
    } else if (node.kind === 'constantstatement') {
      for (const constant of node.constants) {
        if (constant.kind !== 'constant') continue;
        const name = identifierName(constant.name);
        if (name && isNode(constant.value)) defineConstant(declarations, name.replace(/^\\/, ''), constant.value);
      }
    }
    if (STATEMENT_CONTAINERS.has(node.kind) || node.kind === 'function') {
      for (const child of childNodes(node)) visit(child);
    } else if (isClassLike(node)) {
      for (const member of node.body ?? []) if (isNode(member) && member.kind === 'method' && isNode(member.body)) visit(member.body);
    } else if (node.kind === 'method' && isNode(node.body)) {
      visit(node.body);
    }
  };
  visit(program);
  return declarations;
}
