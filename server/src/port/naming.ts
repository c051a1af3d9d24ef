// TypeScript names for PHP functions and variables: camelCase (`$client_socket` →
// `clientSocket`), never a JavaScript keyword or global, never a name the runtime helpers in
// the same file use, and never two PHP names on one TypeScript name.
import { walkOwn, type FunctionInfo, type ProgramAnalysis } from './analysis';
import { CLASS_TABLE } from './class-code';
import { isRuntimeName } from './runtime/module';

const RESERVED = new Set([
  ...'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined NaN Infinity'.split(' '),
  ...'process Buffer console Math Number String Object Array Map Set Promise JSON Error Symbol BigInt Date RegExp globalThis setTimeout clearTimeout setInterval clearInterval queueMicrotask performance require module exports'.split(' '),
  // The node: modules a port imports.
  'net',
  'dgram',
  'os',
  'fs',
]);

/** `client_socket` → `clientSocket`; ALL_CAPS and already-camel names stay. */
export function camelCase(name: string): string {
  if (!/[a-z]/.test(name)) return name;
  return name.replace(/(?<=[A-Za-z0-9])_+([a-zA-Z0-9])/g, (_match, next: string) => next.toUpperCase());
}

class NameSet {
  private readonly taken: Set<string>;

  constructor(avoid: Iterable<string>) {
    this.taken = new Set([...RESERVED, ...avoid]);
  }

  /** The first free name among the candidates, or the last one with a number. */
  claim(...candidates: string[]): string {
    for (const candidate of candidates) {
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
    const base = candidates[candidates.length - 1]!.replace(/_$/, '');
    for (let i = 2; ; i++) {
      if (!this.taken.has(`${base}${i}`)) {
        this.taken.add(`${base}${i}`);
        return `${base}${i}`;
      }
    }
  }

  fork(): NameSet {
    return new NameSet(this.taken);
  }
}

export interface ModuleNames {
  /** The async function the main script becomes. */
  main: string;
}

/** Names every function, constant and variable; `avoid` are runtime names the port uses. */
export function assignNames(analysis: ProgramAnalysis, avoid: Iterable<string>): ModuleNames {
  const module = new NameSet([...avoid, ...[...analysis.classes.classes.values()].map((cls) => cls.ts), CLASS_TABLE]);
  for (const constant of analysis.constants.values()) module.claim(constant.php);
  for (const fn of analysis.functions.values()) fn.ts = module.claim(camelCase(fn.php), `${fn.php}_`);
  const main = module.claim('main', 'runScript');
  for (const info of analysis.main.vars.values()) {
    if (info.moduleLevel) info.ts = module.claim(camelCase(info.php), `${info.php}_`);
  }
  for (const fn of analysis.functions.values()) {
    for (const [name] of fn.statics) {
      const info = fn.vars.get(name)!;
      const suffix = camelCase(name);
      info.ts = module.claim(`${fn.ts}${suffix[0]!.toUpperCase()}${suffix.slice(1)}`);
    }
  }
  nameLocals(analysis.main, module.fork(), analysis);
  for (const fn of [...analysis.functions.values(), ...analysis.methods]) nameLocals(fn, module.fork(), analysis);
  for (const closure of analysis.closures.values()) nameLocals(closure, module.fork(), analysis);
  return { main };
}

function nameLocals(scope: FunctionInfo, names: NameSet, analysis: ProgramAnalysis): void {
  // Variables a closure reads from enclosing scopes keep their names inside it.
  if (scope.node && scope.parent) {
    walkOwn(scope.body, (node) => {
      const info = node.kind === 'variable' ? analysis.variableOf(node) : undefined;
      if (info && ![...scope.vars.values()].includes(info)) names.claim(info.ts);
    });
  }
  for (const info of scope.vars.values()) {
    if (!info.moduleLevel && info.php !== 'this') info.ts = names.claim(camelCase(info.php), info.php, `${info.php}_`);
  }
}

/** Members a JavaScript class has of its own, which a static member of that name would clash with. */
const CLASS_OWN = new Set(['name', 'length', 'prototype', 'caller', 'arguments', 'constructor']);

/** A class keeps its PHP name unless JavaScript or the runtime has it (`Map`, `PhpArray`). */
export function classTsName(php: string): string {
  return RESERVED.has(php) || isRuntimeName(php) ? `${php}_` : php;
}

/** A method or property keeps its PHP name unless a JavaScript class has one of that name. */
export function memberTsName(php: string): string {
  return CLASS_OWN.has(php) ? `${php}_` : php;
}
