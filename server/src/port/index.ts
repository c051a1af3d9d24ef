// The port: PHP programs that use ext/sockets → TypeScript on node:net/node:dgram.
//
// Exports:
// - portPhpToTypeScript(text, fileName?, options?) → { code, unported, style, reason }: the
//   idiomatic port (idiomatic/) when the program has a shape Node has an idiom for, else the
//   faithful emulation (module.ts); `style` says which, `reason` why not idiomatic.
// - socketSetupEquivalent(call) → the node:net/node:dgram code for one socket_create/bind/
//   listen/connect/create_listen call, for hovers and quick documentation.
// - runtimeFileAction(existing) → whether to write, keep or leave alone the php-runtime.ts a
//   faithful port imports (`result.runtime`), given the text of the one beside it, if any.
export type { Unported } from './translator';
export type { RuntimeModule } from './module';
export { socketSetupEquivalent, type SetupEquivalent } from './setup-equivalent';

import { NO_SOCKETS, portIdiomatic } from './idiomatic/index';
import { commentLines } from './literals';
import { PHP_RUNTIME, portProgram, type PortResult as FaithfulResult } from './module';

export interface PortOptions {
  /** Force the exact emulation of PHP's ext/sockets (the faithful port). */
  faithful?: boolean;
}

export interface PortResult extends FaithfulResult {
  /** Which translation produced `code`. */
  style: 'idiomatic' | 'faithful';
  /** For an idiomatic port, the Node module it is written on. */
  module?: 'node:net' | 'node:dgram';
  /** Why the idiomatic translation was not used (absent when it was, when `faithful` was asked for, or when the file has no socket). */
  reason?: string;
}

/** A reason on one comment line of printable ASCII, as every port is ('…' becomes '...'). */
function printableComment(text: string): string {
  return commentLines(text.replace(/\u2026/g, '...'))
    .join(' ')
    .replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function portPhpToTypeScript(text: string, fileName = 'input.php', options: PortOptions = {}): PortResult {
  if (!options.faithful) {
    const idiomatic = portIdiomatic(text, fileName);
    if ('code' in idiomatic) return { code: idiomatic.code, unported: [], style: 'idiomatic', module: idiomatic.module };
    const reason = `${idiomatic.reason}${idiomatic.line ? ` (line ${idiomatic.line})` : ''}`;
    const faithful = portProgram(text, fileName);
    if (idiomatic.reason === NO_SOCKETS) return { ...faithful, style: 'faithful' };
    const note = `// Faithful port (PHP's ext/sockets emulated), not the idiomatic one, which cannot carry ${printableComment(reason)}.\n`;
    return { ...faithful, code: note + faithful.code, style: 'faithful', reason };
  }
  return { ...portProgram(text, fileName), style: 'faithful' };
}

/** The first line of php-runtime.ts, which tells this tool's runtime from a user's file of that name. */
const RUNTIME_HEADER = PHP_RUNTIME.code.slice(0, PHP_RUNTIME.code.indexOf('\n'));

/**
 * What to do with the php-runtime.ts beside a port, given its text (undefined when there is none):
 * `keep` the same one, `write` a missing or an older one of this tool's, or leave a `foreign` one alone.
 */
export function runtimeFileAction(existing: string | undefined): 'write' | 'keep' | 'foreign' {
  if (existing === PHP_RUNTIME.code) return 'keep';
  return existing === undefined || existing.startsWith(RUNTIME_HEADER) ? 'write' : 'foreign';
}
