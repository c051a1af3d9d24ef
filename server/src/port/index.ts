// The port: PHP programs that use ext/sockets → TypeScript on node:net/node:dgram.
//
// Exports:
// - portPhpToTypeScript(text, fileName?) → { code, unported }: the whole file as one ESM
//   module (node: built-ins only, compiles with `tsc --strict`), and what it could not port
//   (each also left as a `// TODO(port):` comment quoting the PHP).
// - socketSetupEquivalent(call) → the node:net/node:dgram code for one socket_create/bind/
//   listen/connect/create_listen call, for hovers and quick documentation.
export type { PortResult } from './module';
export type { Unported } from './translator';
export { socketSetupEquivalent, type SetupEquivalent } from './setup-equivalent';

import { portProgram, type PortResult } from './module';

export function portPhpToTypeScript(text: string, fileName = 'input.php'): PortResult {
  return portProgram(text, fileName);
}
