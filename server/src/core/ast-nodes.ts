// php-parser's nodes as a discriminated union: one interface per `kind`, so `switch (node.kind)`
// and `node.kind === 'call'` narrow to the node's own fields. php-parser's types.d.ts types
// `kind` as a plain string; these follow its src/ast/*.js constructors, and which fields may be
// null or absent was checked by parsing MediaWiki and the Debian hunt trees (php-parser 3.x).

export interface Position {
  line: number; // 1-based
  column: number; // 0-based, UTF-16 units
  offset: number; // UTF-16 units from the start of the text
}

export interface Location {
  start: Position;
  end: Position;
}

interface BaseNode {
  loc: Location | null;
  /** Set by the parser on an expression written in parentheses. */
  parenthesizedExpression?: boolean;
  /** Only until the parse step detaches them (names.ts): comments are the parse result's list. */
  leadingComments?: Node[];
  trailingComments?: Node[];
}

/** An expression (php-parser's Expression subclasses). */
type BaseExpression = BaseNode;

// ---- names and references ----

export interface Name extends BaseExpression {
  kind: 'name';
  name: string;
  /** uqn (unqualified), qn (qualified), fqn (`\A\b`), rn (`namespace\b`). */
  resolution: string;
  /** Set by the parse step (names.ts) on a call's callee: lower-cased, no leading `\`. */
  resolvedName?: string;
  /** Set by the parse step: unqualified in a namespace, so PHP may fall back to the global function. */
  fallsBack?: boolean;
}

export interface Identifier extends BaseNode {
  kind: 'identifier';
  name: string;
}

export interface TypeReference extends BaseNode {
  kind: 'typereference';
  name: string;
  raw: string;
}

export interface SelfReference extends BaseExpression {
  kind: 'selfreference';
  raw: string;
}

export interface ParentReference extends BaseExpression {
  kind: 'parentreference';
  raw: string;
}

export interface StaticReference extends BaseExpression {
  kind: 'staticreference';
  raw: string;
}

export interface UnionType extends BaseNode {
  kind: 'uniontype';
  types: Node[];
}

export interface IntersectionType extends BaseNode {
  kind: 'intersectiontype';
  types: Node[];
}

export interface Variable extends BaseExpression {
  kind: 'variable';
  /** A node for `$$name` and `${expr}`. */
  name: string | Node;
  curly: boolean;
  byref?: boolean;
}

// ---- expressions ----

export interface Call extends BaseExpression {
  kind: 'call';
  what: Node;
  arguments: Node[];
}

export interface New extends BaseExpression {
  kind: 'new';
  what: Node;
  arguments: Node[];
}

export interface Assign extends BaseExpression {
  kind: 'assign';
  left: Node;
  right: Node;
  /** `=`, `+=`, `.=`, `??=`, ... */
  operator: string;
}

export interface AssignRef extends BaseExpression {
  kind: 'assignref';
  left: Node;
  right: Node;
}

export interface Bin extends BaseExpression {
  kind: 'bin';
  /** The operator: `===`, `&&`, `and`, `.`, `instanceof`, `??`, ... */
  type: string;
  left: Node;
  right: Node;
}

export interface Unary extends BaseExpression {
  kind: 'unary';
  /** `!`, `-`, `+`, `~`. */
  type: string;
  what: Node;
}

export interface Post extends BaseExpression {
  kind: 'post';
  type: string;
  what: Node;
}

export interface Pre extends BaseExpression {
  kind: 'pre';
  type: string;
  what: Node;
}

export interface Cast extends BaseExpression {
  kind: 'cast';
  type: string;
  raw: string;
  expr: Node;
}

export interface Silent extends BaseExpression {
  kind: 'silent';
  expr: Node;
}

export interface RetIf extends BaseExpression {
  kind: 'retif';
  test: Node;
  /** null for `$a ?: $b`. */
  trueExpr: Node | null;
  falseExpr: Node;
}

export interface Isset extends BaseExpression {
  kind: 'isset';
  variables: Node[];
}

export interface Empty extends BaseExpression {
  kind: 'empty';
  expression: Node;
}

export interface Exit extends BaseExpression {
  kind: 'exit';
  expression: Node | null;
  useDie: boolean;
}

export interface Include extends BaseExpression {
  kind: 'include';
  /** Absent after a syntax error. */
  target?: Node;
  once: boolean;
  require: boolean;
}

export interface Eval extends BaseExpression {
  kind: 'eval';
  source: Node;
}

export interface Print extends BaseExpression {
  kind: 'print';
  expression: Node;
}

export interface Clone extends BaseExpression {
  kind: 'clone';
  what: Node;
  properties?: Node | null;
}

export interface Yield extends BaseExpression {
  kind: 'yield';
  value: Node | null;
  key: Node | null;
}

export interface YieldFrom extends BaseExpression {
  kind: 'yieldfrom';
  value: Node;
}

export interface Match extends BaseExpression {
  kind: 'match';
  cond: Node;
  arms: MatchArm[];
}

export interface MatchArm extends BaseNode {
  kind: 'matcharm';
  /** null for the `default` arm. */
  conds: Node[] | null;
  body: Node;
}

export interface PropertyLookup extends BaseExpression {
  kind: 'propertylookup';
  what: Node;
  offset: Node;
}

export interface NullsafePropertyLookup extends BaseExpression {
  kind: 'nullsafepropertylookup';
  what: Node;
  offset: Node;
}

export interface StaticLookup extends BaseExpression {
  kind: 'staticlookup';
  what: Node;
  offset: Node;
}

export interface OffsetLookup extends BaseExpression {
  kind: 'offsetlookup';
  what: Node;
  /** false (or absent) for `$a[]`. */
  offset?: Node | false;
}

export interface ArrayLiteral extends BaseExpression {
  kind: 'array';
  items: Entry[];
  shortForm: boolean;
}

export interface List extends BaseExpression {
  kind: 'list';
  items: (Entry | Noop)[];
  shortForm: boolean;
}

export interface Entry extends BaseNode {
  kind: 'entry';
  key: Node | null;
  value: Node;
  byRef: boolean;
  unpack: boolean;
}

export interface NamedArgument extends BaseNode {
  kind: 'namedargument';
  name: string;
  value: Node;
}

export interface Variadic extends BaseNode {
  kind: 'variadic';
  what: Node;
}

export interface VariadicPlaceholder extends BaseNode {
  kind: 'variadicplaceholder';
}

export interface ByRef extends BaseNode {
  kind: 'byref';
  what: Node;
}

// ---- literals ----

export interface StringLiteral extends BaseExpression {
  kind: 'string';
  value: string;
  raw: string;
  unicode: boolean;
  isDoubleQuote: boolean;
}

export interface NumberLiteral extends BaseExpression {
  kind: 'number';
  /** The digits as written (`0x1F`, `1_000`, `1e3`). */
  value: string;
  raw?: string;
}

export interface BooleanLiteral extends BaseExpression {
  kind: 'boolean';
  value: boolean;
  raw: string;
}

export interface NullKeyword extends BaseExpression {
  kind: 'nullkeyword';
  raw: string;
}

export interface Encapsed extends BaseExpression {
  kind: 'encapsed';
  value: EncapsedPart[];
  raw: string;
  /** string, shell or heredoc. */
  type: string;
  label?: string | null;
}

export interface EncapsedPart extends BaseNode {
  kind: 'encapsedpart';
  expression: Node;
  syntax: string | null;
  curly: boolean;
}

export interface Nowdoc extends BaseExpression {
  kind: 'nowdoc';
  value: string;
  raw: string;
  label: string;
}

export interface Magic extends BaseExpression {
  kind: 'magic';
  value: string;
  raw: string;
}

export interface Inline extends BaseNode {
  kind: 'inline';
  value: string;
  raw: string;
}

// ---- functions ----

interface FunctionLike extends BaseExpression {
  arguments: Parameter[];
  byref: boolean;
  type: Node | null;
  nullable: boolean;
  attrGroups: Node[];
}

export interface FunctionDeclaration extends FunctionLike {
  kind: 'function';
  name: Identifier;
  body: Block | null;
}

export interface Method extends FunctionLike {
  kind: 'method';
  name: Identifier;
  body: Block | null;
  isAbstract: boolean;
  isFinal: boolean;
  isReadonly?: boolean;
  isStatic: boolean;
  visibility: string;
  visibilitySet?: string | null;
}

export interface Closure extends FunctionLike {
  kind: 'closure';
  uses: Variable[];
  body: Block | null;
  isStatic: boolean;
}

export interface ArrowFunc extends FunctionLike {
  kind: 'arrowfunc';
  body: Node;
  isStatic: boolean;
}

export interface Parameter extends BaseNode {
  kind: 'parameter';
  name: Identifier;
  value: Node | null;
  type: Node | null;
  byref: boolean;
  variadic: boolean;
  readonly: boolean;
  nullable: boolean;
  flags: number;
  flagsSet?: number;
  hooks?: Node[];
  attrGroups: Node[];
}

// ---- classes ----

export interface ClassDeclaration extends BaseExpression {
  kind: 'class';
  /** null for `new class {}`. */
  name: Identifier | null;
  extends: Name | null;
  implements: Name[] | null;
  body: Node[];
  attrGroups: Node[];
  isAnonymous: boolean;
  isAbstract: boolean;
  isFinal: boolean;
  isReadonly: boolean;
}

export interface InterfaceDeclaration extends BaseNode {
  kind: 'interface';
  name: Identifier;
  extends: Name[] | null;
  body: Node[];
  attrGroups: Node[];
}

export interface TraitDeclaration extends BaseNode {
  kind: 'trait';
  name: Identifier;
  body: Node[];
  attrGroups?: Node[];
}

export interface EnumDeclaration extends BaseNode {
  kind: 'enum';
  name: Identifier;
  valueType: Node | null;
  implements: Node[] | null;
  body: Node[];
  attrGroups: Node[];
}

export interface EnumCase extends BaseNode {
  kind: 'enumcase';
  name: Identifier | string;
  value: Node | string | number | null;
}

export interface PropertyStatement extends BaseNode {
  kind: 'propertystatement';
  properties: Property[];
  visibility: string | null;
  visibilitySet?: string | null;
  isStatic: boolean;
  isAbstract?: boolean;
  isFinal?: boolean;
}

export interface Property extends BaseNode {
  kind: 'property';
  name: Identifier;
  value: Node | null;
  readonly: boolean;
  nullable: boolean;
  type: Node | null;
  attrGroups: Node[];
  hooks?: Node[];
}

export interface PropertyHook extends BaseNode {
  kind: 'propertyhook';
  name: string;
  isFinal: boolean;
  byref: boolean;
  parameter: Node | null;
  body: Node | null;
  attrGroups: Node[];
}

export interface ClassConstant extends BaseNode {
  kind: 'classconstant';
  constants: Constant[];
  visibility: string | null;
  final: boolean;
  nullable: boolean;
  type: Node | null;
  attrGroups: Node[];
}

export interface ConstantStatement extends BaseNode {
  kind: 'constantstatement';
  constants: Constant[];
}

export interface Constant extends BaseNode {
  kind: 'constant';
  name: Identifier;
  value: Node;
}

export interface TraitUse extends BaseNode {
  kind: 'traituse';
  traits: Name[];
  adaptations: Node[] | null;
}

export interface TraitAlias extends BaseNode {
  kind: 'traitalias';
  trait: Node | null;
  method: Node | string;
  as: Node | null;
  visibility: string | null;
}

export interface TraitPrecedence extends BaseNode {
  kind: 'traitprecedence';
  trait: Node | null;
  method: Node | string;
  instead: Node[];
}

export interface AttrGroup extends BaseNode {
  kind: 'attrgroup';
  attrs: Attribute[];
}

export interface Attribute extends BaseNode {
  kind: 'attribute';
  name: string;
  args: Node[];
}

// ---- statements ----

export interface Program extends BaseNode {
  kind: 'program';
  children: Node[];
  errors: ParseErrorNode[];
  /** Present with extractDoc until the parse step takes them (parse.ts). */
  comments?: Node[] | null;
  tokens?: unknown[] | null;
}

export interface Namespace extends BaseNode {
  kind: 'namespace';
  name: string;
  children: Node[];
  withBrackets: boolean;
}

export interface Block extends BaseNode {
  kind: 'block';
  children: Node[];
}

export interface Declare extends BaseNode {
  kind: 'declare';
  children: Node[];
  directives: DeclareDirective[];
  mode: string;
}

export interface DeclareDirective extends BaseNode {
  kind: 'declaredirective';
  key: Node;
  value: Node;
}

export interface ExpressionStatement extends BaseNode {
  kind: 'expressionstatement';
  /** Absent after some syntax errors. */
  expression: Node;
}

export interface Echo extends BaseNode {
  kind: 'echo';
  expressions: Node[];
  shortForm: boolean;
}

export interface If extends BaseNode {
  kind: 'if';
  test: Node;
  body: Node | null;
  alternate: Node | null;
  shortForm: boolean;
}

export interface While extends BaseNode {
  kind: 'while';
  test: Node;
  body: Node | null;
  shortForm: boolean;
}

export interface Do extends BaseNode {
  kind: 'do';
  test: Node;
  body: Node | null;
}

export interface For extends BaseNode {
  kind: 'for';
  init: Node[];
  test: Node[];
  increment: Node[];
  body: Node | null;
  shortForm: boolean;
}

export interface Foreach extends BaseNode {
  kind: 'foreach';
  source: Node;
  key: Node | null;
  value: Node;
  body: Node | null;
  shortForm: boolean;
}

export interface Switch extends BaseNode {
  kind: 'switch';
  test: Node;
  body: Block;
  shortForm: boolean;
}

export interface Case extends BaseNode {
  kind: 'case';
  /** null for `default:`. */
  test: Node | null;
  body: Block | null;
}

export interface Break extends BaseNode {
  kind: 'break';
  level: Node | null;
}

export interface Continue extends BaseNode {
  kind: 'continue';
  level: Node | null;
}

export interface Return extends BaseNode {
  kind: 'return';
  expr: Node | null;
}

export interface Throw extends BaseExpression {
  kind: 'throw';
  what: Node;
}

export interface Try extends BaseNode {
  kind: 'try';
  body: Block;
  catches: Catch[];
  always: Block | null;
}

export interface Catch extends BaseNode {
  kind: 'catch';
  what: Name[];
  /** null for `catch (Exception)` (PHP 8). */
  variable: Variable | null;
  body: Block;
}

export interface Global extends BaseNode {
  kind: 'global';
  items: Variable[];
}

export interface Static extends BaseNode {
  kind: 'static';
  /** A bare `static $x;` is a Variable, not a StaticVariable. */
  variables: (StaticVariable | Variable)[];
}

export interface StaticVariable extends BaseNode {
  kind: 'staticvariable';
  variable: Variable;
  defaultValue: Node;
}

export interface Unset extends BaseNode {
  kind: 'unset';
  variables: Node[];
}

export interface UseGroup extends BaseNode {
  kind: 'usegroup';
  name: string | null;
  /** `function`, `const`, or null for classes. */
  type: string | null;
  items: UseItem[];
}

export interface UseItem extends BaseNode {
  kind: 'useitem';
  name: string;
  alias: Identifier | null;
  type: string | null;
}

export interface Goto extends BaseNode {
  kind: 'goto';
  label: Node | string;
}

export interface Label extends BaseNode {
  kind: 'label';
  name: Node | string;
}

export interface Halt extends BaseNode {
  kind: 'halt';
  after: string;
}

export interface Noop extends BaseNode {
  kind: 'noop';
}

export interface ParseErrorNode extends BaseNode {
  kind: 'error';
  message: string;
  line: number;
  token: string | number;
  expected: string | number | unknown[];
}

export interface CommentLine extends BaseNode {
  kind: 'commentline';
  value: string;
}

export interface CommentBlock extends BaseNode {
  kind: 'commentblock';
  value: string;
}

/** Every node php-parser builds. */
export type Node =
  | Name
  | Identifier
  | TypeReference
  | SelfReference
  | ParentReference
  | StaticReference
  | UnionType
  | IntersectionType
  | Variable
  | Call
  | New
  | Assign
  | AssignRef
  | Bin
  | Unary
  | Post
  | Pre
  | Cast
  | Silent
  | RetIf
  | Isset
  | Empty
  | Exit
  | Include
  | Eval
  | Print
  | Clone
  | Yield
  | YieldFrom
  | Match
  | MatchArm
  | PropertyLookup
  | NullsafePropertyLookup
  | StaticLookup
  | OffsetLookup
  | ArrayLiteral
  | List
  | Entry
  | NamedArgument
  | Variadic
  | VariadicPlaceholder
  | ByRef
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullKeyword
  | Encapsed
  | EncapsedPart
  | Nowdoc
  | Magic
  | Inline
  | FunctionDeclaration
  | Method
  | Closure
  | ArrowFunc
  | Parameter
  | ClassDeclaration
  | InterfaceDeclaration
  | TraitDeclaration
  | EnumDeclaration
  | EnumCase
  | PropertyStatement
  | Property
  | PropertyHook
  | ClassConstant
  | ConstantStatement
  | Constant
  | TraitUse
  | TraitAlias
  | TraitPrecedence
  | AttrGroup
  | Attribute
  | Program
  | Namespace
  | Block
  | Declare
  | DeclareDirective
  | ExpressionStatement
  | Echo
  | If
  | While
  | Do
  | For
  | Foreach
  | Switch
  | Case
  | Break
  | Continue
  | Return
  | Throw
  | Try
  | Catch
  | Global
  | Static
  | StaticVariable
  | Unset
  | UseGroup
  | UseItem
  | Goto
  | Label
  | Halt
  | Noop
  | ParseErrorNode
  | CommentLine
  | CommentBlock;

export type NodeKind = Node['kind'];

/** The node of one kind: `NodeOf<'call'>` is Call. */
export type NodeOf<K extends NodeKind> = Extract<Node, { kind: K }>;

/** A type guard for one kind: `isKind(x, 'call')` narrows `x` to Call. */
export function isKind<K extends NodeKind>(value: unknown, kind: K): value is NodeOf<K> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}
