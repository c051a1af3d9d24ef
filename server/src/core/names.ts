// Names resolved once, right after parsing, the way PHP resolves them at compile time. Every
// function call by name gets `resolvedName` on its callee, and the facts about the file that
// depend on what it names (who reads the top-level variables) are gathered in the same walk.
// Nothing later decides anything from the source text.
import { appendChildNodes, isNode, type NodeOf, type PhpNode } from './ast';
import { trimStatementExpression } from './expression-ends';

/**
 * A call's callee after resolution, lower-cased without a leading `\`:
 * - `socket_read` (no namespace): PHP's global function, or a namespace's unqualified call
 *   that falls back to it when the namespace declares no function of that name;
 * - `app\socket_read`: a function of a namespace (`App\socket_read()`, `namespace\socket_read()`
 *   inside `namespace App`, or one brought in by `use function App\socket_read;`).
 */
export interface ResolvedCallee {
  resolvedName: string;
  /** Unqualified in a namespace, not imported: PHP tries `ns\name` first, then the global name. */
  fallsBack: boolean;
}

/** What a file does that lets code outside the analysed functions read its top-level variables. */
export interface FileFacts {
  /** Variables some function of the file declares `global`. */
  globalNames: ReadonlySet<string>;
  /** The file includes others, uses `$GLOBALS` or `eval()`: any top-level variable may be read. */
  sharesAllGlobals: boolean;
}

const FACTS = new WeakMap<PhpNode, FileFacts>();

function lowerName(name: string): string {
  return (name.startsWith('\\') ? name.slice(1) : name).toLowerCase();
}

class NameResolver {
  private namespace = '';
  private imports = new Map<string, string>();
  readonly globalNames = new Set<string>();
  sharesAllGlobals = false;

  constructor(private readonly text: string | undefined) {}

  /** Depth-first in source order, with its own stack: a file nested thousands deep is no problem here. */
  walk(program: PhpNode): void {
    const stack = [program];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (!this.visit(node)) continue;
      // The children straight onto the stack, then turned around there: the first pops first.
      const first = stack.length;
      appendChildNodes(node, stack);
      for (let low = first, high = stack.length - 1; low < high; low++, high--) {
        const child = stack[low]!;
        stack[low] = stack[high]!;
        stack[high] = child;
      }
    }
  }

  /** Notes what one node names; false when its children need no visit. */
  private visit(node: PhpNode): boolean {
    // Comments are the parse result's list (ParsedFile.comments), not parts of the tree.
    if (node.leadingComments) delete node.leadingComments;
    if (node.trailingComments) delete node.trailingComments;
    switch (node.kind) {
      case 'namespace':
        this.namespace = lowerName(String(node.name ?? ''));
        this.imports = new Map();
        break;
      case 'usegroup':
        this.noteImports(node);
        return false;
      case 'call':
        this.resolveCallee(node.what);
        break;
      case 'expressionstatement':
        if (this.text !== undefined) trimStatementExpression(node, this.text);
        break;
      case 'global':
        for (const item of node.items) if (item.kind === 'variable' && typeof item.name === 'string') this.globalNames.add(item.name);
        break;
      case 'include':
      case 'eval':
        this.sharesAllGlobals = true;
        break;
      case 'variable':
        if (node.name === 'GLOBALS') this.sharesAllGlobals = true;
        break;
    }
    return true;
  }

  private noteImports(node: NodeOf<'usegroup'>): void {
    if (node.type !== 'function') return;
    const prefix = node.name ? `${lowerName(node.name)}\\` : '';
    for (const item of node.items) {
      if (item.kind !== 'useitem') continue;
      const target = prefix + lowerName(item.name);
      const alias = item.alias ? item.alias.name : target.slice(target.lastIndexOf('\\') + 1);
      this.imports.set(alias.toLowerCase(), target);
    }
  }

  private resolveCallee(what: unknown): void {
    if (!isNode(what) || what.kind !== 'name') return;
    const name = lowerName(String(what.name));
    const within = (local: string) => (this.namespace ? `${this.namespace}\\${local}` : local);
    let resolved: ResolvedCallee;
    switch (what.resolution) {
      case 'fqn':
        resolved = { resolvedName: name, fallsBack: false };
        break;
      case 'rn':
        resolved = { resolvedName: within(name), fallsBack: false };
        break;
      case 'qn': {
        // `Sub\f()`: the first segment may be an imported namespace alias, which this table does
        // not follow; either way it names a namespaced function, never PHP's own.
        resolved = { resolvedName: within(name), fallsBack: false };
        break;
      }
      default: {
        const imported = this.imports.get(name);
        resolved = imported ? { resolvedName: imported, fallsBack: false } : { resolvedName: name, fallsBack: this.namespace !== '' };
      }
    }
    what.resolvedName = resolved.resolvedName;
    what.fallsBack = resolved.fallsBack;
  }
}

/**
 * Resolves every callee in the program, records the file's facts and (given the text) moves each
 * statement expression's end before its `;`. Called once by the parse step.
 */
export function resolveNames(program: PhpNode, text?: string): FileFacts {
  const resolver = new NameResolver(text);
  resolver.walk(program);
  const facts: FileFacts = { globalNames: resolver.globalNames, sharesAllGlobals: resolver.sharesAllGlobals };
  FACTS.set(program, facts);
  return facts;
}

/** The facts of a parsed program (resolving it now if it did not come from parsePhp()). */
export function fileFacts(program: PhpNode): FileFacts {
  return FACTS.get(program) ?? resolveNames(program);
}
