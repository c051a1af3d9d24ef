// The runtime a port carries: the pieces (top-level declarations of the runtime sources) that
// the generated program names, with everything they use in turn, in source order.
import { RUNTIME_PIECES } from './pieces.generated';

export interface RuntimePiece {
  name: string;
  /** An async function: the port awaits its calls. */
  async: boolean;
  /** Other pieces this one refers to. */
  deps: readonly string[];
  /** node: modules it uses, by namespace name (net, dgram, os, fs). */
  imports: readonly string[];
  code: string;
}

const BY_NAME = new Map(RUNTIME_PIECES.map((piece) => [piece.name, piece]));

export function isRuntimeName(name: string): boolean {
  return BY_NAME.has(name);
}

export function isAsyncRuntimeFunction(name: string): boolean {
  return BY_NAME.get(name)?.async ?? false;
}

/** The code of one piece, for reading a constant's value. */
export function runtimePieceCode(name: string): string | undefined {
  return BY_NAME.get(name)?.code;
}

/** Every runtime name, so the port can keep program identifiers from shadowing them. */
export function runtimeNames(): Iterable<string> {
  return BY_NAME.keys();
}

/** The import lines and code of the named pieces and their dependencies. */
export function runtimeSource(names: Iterable<string>): { imports: string[]; code: string } {
  const needed = new Set<string>();
  const visit = (name: string) => {
    const piece = BY_NAME.get(name);
    if (!piece || needed.has(name)) return;
    needed.add(name);
    piece.deps.forEach(visit);
  };
  for (const name of names) visit(name);
  const pieces = RUNTIME_PIECES.filter((piece) => needed.has(piece.name));
  const modules = [...new Set(pieces.flatMap((piece) => piece.imports))].sort();
  return {
    imports: modules.map((module) => `import * as ${module} from 'node:${module}';`),
    code: pieces.map((piece) => piece.code).join('\n\n'),
  };
}
