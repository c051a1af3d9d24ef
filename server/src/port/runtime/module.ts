// The runtime every faithful port imports: one module, php-runtime.ts, written beside the ports
// (module.generated.ts holds its text and what it exports). A port imports only the names it
// uses; the port engine asks here which names exist, which ones it must await, and the values
// of the runtime's constants.
import { RUNTIME_EXPORTS, RUNTIME_FILE, RUNTIME_SOURCE } from './module.generated';

export interface RuntimeExport {
  name: string;
  /** An async function (or one returning Promise/Awaitable): the port awaits its calls. */
  async?: boolean;
  /** A type alias or interface: imported with `type`. */
  type?: boolean;
  /** A const's literal initializer, as written (`'\n'`, `4096`, `-1`). */
  value?: string;
}

export { RUNTIME_FILE, RUNTIME_SOURCE };

/** The specifier a port imports the runtime by (nodenext resolves `.js` to the `.ts` beside it). */
export const RUNTIME_SPECIFIER = `./${RUNTIME_FILE.replace(/\.ts$/, '.js')}`;

const BY_NAME = new Map(RUNTIME_EXPORTS.map((entry) => [entry.name, entry]));

export function isRuntimeName(name: string): boolean {
  return BY_NAME.has(name);
}

export function isAsyncRuntimeFunction(name: string): boolean {
  return BY_NAME.get(name)?.async ?? false;
}

/** The literal a runtime constant is initialised with, for its type in the port. */
export function runtimeConstantValue(name: string): string | undefined {
  return BY_NAME.get(name)?.value;
}

/** The port's import of the runtime names it uses, in the module's order; '' when it uses none. */
export function runtimeImport(names: Iterable<string>): string {
  const used = new Set(names);
  const specifiers = RUNTIME_EXPORTS.filter((entry) => used.has(entry.name)).map((entry) => (entry.type ? `type ${entry.name}` : entry.name));
  return specifiers.length === 0 ? '' : `import { ${specifiers.join(', ')} } from '${RUNTIME_SPECIFIER}';`;
}
