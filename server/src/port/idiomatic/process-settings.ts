// PHP process settings that mean nothing to a Node program, as statements whose result is unused:
// each becomes a comment saying why. A setting that does change what the program does (a time
// limit other than 0, an ini option outside the display ones) is left to the caller, which
// cannot carry it.
import { calledFunctionName } from '../../core/ast';
import { type LooseNode } from '../loose-node';
import { stringNodeBytes } from '../literals';

/** ini options that only choose how PHP reports or buffers its own output. */
const DISPLAY_OPTIONS = new Set(['display_errors', 'display_startup_errors', 'error_reporting', 'html_errors', 'implicit_flush']);

const isNumber = (node: LooseNode | undefined, value: number) => node?.kind === 'number' && Number(node.value) === value;

/** Why each setting is no code in Node, given its arguments (undefined: the arguments matter). */
const SETTINGS: Record<string, (args: LooseNode[]) => string | undefined> = {
  // The CLI's limit is already 0; Node has none.
  set_time_limit: (args) => (isNumber(args[0], 0) ? 'Node has no time limit' : undefined),
  // The port prints none of PHP's warnings and notices.
  error_reporting: () => "the port prints none of PHP's warnings or notices",
  ini_set: (args) => (args[0]?.kind === 'string' && DISPLAY_OPTIONS.has(stringNodeBytes(args[0])) ? "an option of PHP's own output, which Node does not have" : undefined),
  // process.stdout is not buffered by PHP's output layer.
  ob_implicit_flush: () => "Node writes stdout without PHP's output buffer",
  ignore_user_abort: () => 'a command-line program has no user to abort it',
};

/** `// PHP: set_time_limit(0): Node has no time limit.` for a setting statement, or undefined. */
export function processSettingComment(statement: LooseNode, text: string): string | undefined {
  const e: LooseNode | undefined = statement.kind === 'expressionstatement' ? statement.expression : undefined;
  if (e?.kind !== 'call' || !e.loc) return undefined;
  const name = calledFunctionName(e)?.toLowerCase();
  const why = name && Object.hasOwn(SETTINGS, name) ? SETTINGS[name]!(e.arguments) : undefined;
  if (!why) return undefined;
  const php = text.slice(e.loc.start.offset, e.loc.end.offset).replace(/\s+/g, ' ');
  return `// ${php}: ${why}.`;
}
