// Variables that hold the only reference to the sockets stored in them. PHP frees a value when its
// last reference goes, and freeing a Socket closes it: an accept loop that overwrites $client
// without socket_close() still closes the previous connection (when the next one is accepted).
// The port closes the old socket at such an assignment. A variable qualifies when every use of it
// is a fresh socket (or null) stored into it, an argument of a socket_* call, a test of it, or a
// copy of its value (into an array, another variable, a user function's argument...): a copy
// marks the socket shared where it runs (`shared()`), and a shared socket is never closed so,
// since the copy may keep it (a copy on a branch never taken leaves the socket to be closed). Any
// other use (assigning something else to it, a reference, a closure, global or static) may keep
// another reference the port cannot see, and then nothing is closed.
import { calledFunctionName, childNodes } from '../core/ast';
import { type LooseNode } from './loose-node';
import { SCOPE_KINDS, type FunctionInfo, type ProgramAnalysis, type VarInfo } from './analysis';
import { isOnly } from './php-types';
import type { ClassInfo } from './classes';

const FRESH_SOCKET_CALLS = new Set(['socket_accept', 'socket_create', 'socket_create_listen']);
const owners = new WeakMap<ProgramAnalysis, Set<VarInfo>>();
const copies = new WeakMap<ProgramAnalysis, WeakSet<LooseNode>>();
const objectOwners = new WeakMap<ProgramAnalysis, Set<VarInfo>>();

/** The variables whose overwriting drops the last reference to the socket they held. */
export function soleSocketOwners(analysis: ProgramAnalysis): Set<VarInfo> {
  let found = owners.get(analysis);
  if (!found) {
    const copied = new WeakSet<LooseNode>();
    found = findOwners(analysis, (info) => isOnly(info.type, 'socket', 'false', 'null'), isOwningUse, (node, parent) => isCopy(analysis, node, parent), copied);
    owners.set(analysis, found);
    copies.set(analysis, copied);
  }
  return found;
}

/** A read of a sole socket owner that copies its value: the port marks the socket shared there. */
export function isSocketCopy(analysis: ProgramAnalysis, node: LooseNode): boolean {
  const info = analysis.variableOf(node);
  return Boolean(info && soleSocketOwners(analysis).has(info) && copies.get(analysis)?.has(node));
}

/**
 * The variables that hold the only reference to an object of a class with __destruct: every use
 * is `new` or null stored into it, a property or method of it (`$v->run()`), unset() or a test.
 * Overwriting or unsetting one destroys the object it held, as PHP does.
 */
export function soleObjectOwners(analysis: ProgramAnalysis): Set<VarInfo> {
  let found = objectOwners.get(analysis);
  if (!found) {
    const classes = analysis.classes;
    const destructible = (info: VarInfo) =>
      isOnly(info.type, 'object', 'null', 'false') &&
      classes.classesOf(info.type).length > 0 &&
      classes.classesOf(info.type).every((cls) => classes.method(cls, '__destruct') && !keepsItself(analysis, cls));
    found = findOwners(analysis, destructible, isObjectOwningUse);
    objectOwners.set(analysis, found);
  }
  return found;
}

function findOwners(
  analysis: ProgramAnalysis,
  qualifies: (info: VarInfo) => boolean,
  isOwningUse: (node: LooseNode, parent: LooseNode | undefined) => boolean,
  isCopyUse: (node: LooseNode, parent: LooseNode | undefined) => boolean = () => false,
  copied = new WeakSet<LooseNode>(),
): Set<VarInfo> {
  const candidates = new Set<VarInfo>();
  const disqualified = new Set<VarInfo>();
  const scopes: FunctionInfo[] = [analysis.main, ...analysis.functions.values(), ...analysis.closures.values()];
  for (const scope of scopes) {
    const own = new Set(scope.vars.values());
    const visit = (node: LooseNode, parent: LooseNode | undefined) => {
      if (node.kind === 'variable') {
        const info = analysis.variableOf(node);
        if (!info) return;
        if (!own.has(info) || info.isParam || info.moduleLevel || info.php === 'this' || !qualifies(info)) disqualified.add(info);
        else if (isOwningUse(node, parent)) candidates.add(info);
        else if (isCopyUse(node, parent)) copied.add(node);
        else disqualified.add(info);
        return;
      }
      if (SCOPE_KINDS.has(node.kind) && node !== scope.node) {
        // Uses inside a closure of an outer variable are seen from the closure's scope.
        return;
      }
      for (const child of childNodes(node)) visit(child, node);
    };
    for (const statement of scope.body) visit(statement, undefined);
  }
  return new Set([...candidates].filter((info) => !disqualified.has(info)));
}

/** A test of the variable, which keeps no reference: `!$v`, `$v === null`, `if ($v)`. */
function isTestOf(node: LooseNode, parent: LooseNode): boolean {
  switch (parent.kind) {
    case 'unary':
      return parent.type === '!';
    case 'bin':
      return ['===', '!==', '==', '!='].includes(String(parent.type)) && [parent.left, parent.right].some((side: LooseNode) => side !== node && ['boolean', 'nullkeyword'].includes(side.kind));
    case 'if':
    case 'while':
      return parent.test === node;
    default:
      return false;
  }
}

/** A use that keeps no other reference: a fresh socket stored in it, a socket call's argument, a test. */
function isOwningUse(node: LooseNode, parent: LooseNode | undefined): boolean {
  if (!parent) return false;
  switch (parent.kind) {
    case 'assign':
      return (
        parent.left === node &&
        parent.operator === '=' &&
        (parent.right?.kind === 'nullkeyword' || (parent.right?.kind === 'call' && FRESH_SOCKET_CALLS.has(calledFunctionName(parent.right) ?? '')))
      );
    case 'call': {
      const name = calledFunctionName(parent) ?? '';
      return name.startsWith('socket_') && name !== 'socket_select' && (parent.arguments ?? []).includes(node);
    }
    default:
      return isTestOf(node, parent);
  }
}

/** A use of an object variable that keeps no other reference: `new`/null stored in it, `$v->member`, unset(), a test. */
function isObjectOwningUse(node: LooseNode, parent: LooseNode | undefined): boolean {
  if (!parent) return false;
  switch (parent.kind) {
    case 'assign':
      return parent.left === node && parent.operator === '=' && (parent.right?.kind === 'new' || parent.right?.kind === 'nullkeyword');
    case 'propertylookup':
    case 'nullsafepropertylookup':
      return parent.what === node;
    case 'unset':
    case 'isset':
      return true;
    default:
      return isTestOf(node, parent);
  }
}

/**
 * A read that copies the socket somewhere (the value of an assignment or an array element, an
 * argument of a call that is not by reference, a returned value): not an assignment to it, a
 * reference to it, or a use the port does not know.
 */
function isCopy(analysis: ProgramAnalysis, node: LooseNode, parent: LooseNode | undefined): boolean {
  if (!parent) return false;
  switch (parent.kind) {
    case 'assign':
      return parent.right === node && parent.operator === '=' && parent.left?.kind !== 'list' && parent.left?.kind !== 'array';
    case 'entry':
      return parent.value === node && !parent.byRef;
    case 'array':
      return true;
    case 'return':
    case 'retif':
      return true;
    case 'call': {
      const index = (parent.arguments ?? []).indexOf(node);
      if (index < 0) return false;
      const name = calledFunctionName(parent);
      const user = name ? analysis.functions.get(name) : undefined;
      if (user) return !user.refParams.includes(user.params[index] ?? '');
      // A built-in that writes into its first argument (array_push, sort) takes that one by reference.
      return Boolean(name) && !(index === 0 && ['settype', 'sort', 'rsort', 'usort', 'array_push', 'array_unshift', 'array_splice'].includes(name!)) && !['socket_select', 'stream_select'].includes(name!);
    }
    default:
      return false;
  }
}

/**
 * A class (or one of its family) whose methods may keep a reference to the object elsewhere:
 * `$this` used as a value (stored, passed, returned, `[$this, 'method']`) or a closure made in a
 * method (it holds `$this`). Its objects' last reference cannot be told from one variable.
 */
function keepsItself(analysis: ProgramAnalysis, cls: ClassInfo): boolean {
  const classes = analysis.classes;
  const family = [...classes.ancestry(cls), ...classes.descendants(cls)];
  const escapes = (node: LooseNode, parent: LooseNode | undefined): boolean => {
    if (node.kind === 'closure' || node.kind === 'arrowfunc') return !node.isStatic;
    if (node.kind === 'variable' && node.name === 'this') {
      return !(parent && (parent.kind === 'propertylookup' || parent.kind === 'nullsafepropertylookup') && parent.what === node);
    }
    return childNodes(node).some((child) => escapes(child, node));
  };
  return family.some((member) => [...member.methods.values()].some((method) => method.body.some((statement) => escapes(statement, undefined))));
}
