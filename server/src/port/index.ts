// The port: PHP programs that use ext/sockets → TypeScript on node:net/node:dgram.
//
// Exports:
// - portPhpToTypeScript(text, fileName?, options?) → { code, unported, style, reason }: the
//   idiomatic port (idiomatic/) when the program has a shape Node has an idiom for, else the
//   faithful emulation (module.ts); `style` says which, `reason` why not idiomatic.
// - socketSetupEquivalent(call) → the node:net/node:dgram code for one socket_create/bind/
//   listen/connect/create_listen call, for hovers and quick documentation.
// - runtimeFileStatus(existing) → whether to write, keep or leave alone the php-runtime.ts a
//   faithful port imports (`result.runtime`), given the text of the one beside it, if any, with
//   a note when it is another version of this tool's runtime.
export type { Unported } from './translator';
export type { RuntimeModule } from './module';
export { socketSetupEquivalent, type SetupEquivalent } from './setup-equivalent';

import { usesShortOpenTag } from '../core/parse';
import { NO_SOCKETS, portIdiomatic } from './idiomatic/index';
import { commentLines } from './literals';
import { PHP_RUNTIME, portProgram, type PortResult as FaithfulResult } from './module';

export interface PortOptions {
  /** Force the exact emulation of PHP's ext/sockets (the faithful port). */
  faithful?: boolean;
  /**
   * Reads a file the program includes (a path resolved from `fileName`'s folder); undefined
   * when it is missing. Defaults to the file system.
   */
  readFile?: (path: string) => string | undefined;
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
  // PHP with php.ini's short_open_tag=Off prints `<?` code as text: only the faithful port does so too.
  if (!options.faithful && !usesShortOpenTag(text)) {
    const idiomatic = portIdiomatic(text, fileName);
    if ('code' in idiomatic) return { code: idiomatic.code, unported: [], style: 'idiomatic', module: idiomatic.module };
    const reason = `${idiomatic.reason}${idiomatic.line ? ` (line ${idiomatic.line})` : ''}`;
    const faithful = portProgram(text, fileName, options.readFile);
    if (idiomatic.reason === NO_SOCKETS) return { ...faithful, style: 'faithful' };
    const note = `// Faithful port (PHP's ext/sockets emulated), not the idiomatic one, which cannot carry ${printableComment(reason)}.\n`;
    return { ...faithful, code: note + faithful.code, style: 'faithful', reason };
  }
  return { ...portProgram(text, fileName, options.readFile), style: 'faithful' };
}

/** The first line of php-runtime.ts, which tells this tool's runtime from a user's file of that name. */
const RUNTIME_HEADER = PHP_RUNTIME.code.slice(0, PHP_RUNTIME.code.indexOf('\n'));

export interface RuntimeFileStatus {
  /**
   * `write` a missing php-runtime.ts, or an older one of this tool's (or another build of the same
   * version) over it; `keep` the same one; leave alone one of a `newer` php-socket-lint, which
   * its own ports may need, or a `foreign` file.
   */
  action: 'write' | 'keep' | 'newer' | 'foreign';
  /** For another runtime of this tool's: which one it is and what happens to it, as a sentence. */
  note?: string;
}

/** `0.1.0` from the runtime's `// Runtime version: 0.1.0+<digest>` line; undefined for runtimes before versions. */
function runtimeVersion(code: string): { version: string; numbers: number[] } | undefined {
  const match = /^\/\/ Runtime version: ((\d+)\.(\d+)\.(\d+)[^+\s]*)\+[0-9a-f]+$/m.exec(code.split('\n', 8).join('\n'));
  return match ? { version: match[1]!, numbers: match.slice(2, 5).map(Number) } : undefined;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * What to do with the php-runtime.ts beside a port, given its text (undefined when there is none);
 * `replaceNewer` replaces one of a newer php-socket-lint too.
 */
export function runtimeFileStatus(existing: string | undefined, { replaceNewer = false } = {}): RuntimeFileStatus {
  if (existing === undefined) return { action: 'write' };
  if (existing === PHP_RUNTIME.code) return { action: 'keep' };
  if (!existing.startsWith(RUNTIME_HEADER)) return { action: 'foreign' };
  const ours = runtimeVersion(PHP_RUNTIME.code)!;
  const found = runtimeVersion(existing);
  const order = found ? compareVersions(found.numbers, ours.numbers) : -1;
  if (order > 0) {
    const newer = `${PHP_RUNTIME.fileName} beside the port is from a newer php-socket-lint (${found!.version}; this is ${ours.version})`;
    if (replaceNewer) return { action: 'write', note: `${newer}; it is replaced, as asked` };
    return { action: 'newer', note: `${newer} and is left as it is: the port may need this version's runtime` };
  }
  const which = !found ? 'an older php-socket-lint (before runtime versions)' : order < 0 ? `php-socket-lint ${found.version}` : `another build of php-socket-lint ${found.version}`;
  return { action: 'write', note: `${PHP_RUNTIME.fileName} beside the port was from ${which}; it is replaced by ${ours.version}'s (ports beside it made with the other may need porting again)` };
}
