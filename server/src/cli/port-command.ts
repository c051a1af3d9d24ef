// `php-socket-lint port <file.php> [-o out.ts] [--force] [--faithful]`: writes the TypeScript
// port of a PHP file (to stdout, or to -o): the idiomatic node:net/node:dgram form when the
// program has a shape it carries, else the faithful emulation (the reason goes to stderr).
// Lists what could not be ported on stderr as `file:line: reason: php`, and exits 0 (all
// ported), 1 (something left unported) or 2 (usage or file error).
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { portPhpToTypeScript, runtimeFileStatus, type RuntimeModule } from '../port/index';
import { parseCommandArguments, UsageError } from './options';

export interface PortCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const PORT_HELP_TEXT = `Usage: php-socket-lint port <file.php> [options]

Translates a PHP program that uses ext/sockets into one TypeScript module for Node.js
(node: built-ins only; compiles with tsc --strict and @types/node).

By default the port is idiomatic where the program has a shape Node has an idiom for:
  - a TCP server with an accept loop      → net.createServer() and a 'connection' handler
  - a UDP server looping on recvfrom()    → dgram.createSocket() and a 'message' handler
  - TCP and UDP clients                   → connect, events.once() and awaited reads
Node serves clients concurrently where a PHP accept loop queues them. Other programs, or
parts the idiomatic form cannot carry, get the faithful port, which emulates ext/sockets
exactly; the reason is printed on stderr and in the output's first line.

A faithful port imports PHP's runtime from php-runtime.ts, which -o writes beside it once
(ports in one folder share it). Its header carries a version: an older one of this tool's
is replaced, one of a newer php-socket-lint kept (unless --force), and either is reported.

Options:
  -o, --output <file.ts>   write the port (and php-runtime.ts) to a file instead of stdout
      --force              overwrite the output file (and a php-runtime.ts not this tool's) if it exists
      --faithful           always use the faithful port (PHP's ext/sockets emulated exactly)
  -h, --help               show this help

Exit status: 0 everything was ported; 1 some statements were left as // TODO(port)
comments (each is listed on stderr as file:line: reason: php); 2 bad usage or a file error.
`;

const PORT_OPTIONS = {
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  faithful: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface PortArguments {
  input: string;
  output: string | undefined;
  force: boolean;
  faithful: boolean;
}

function parseArguments(argv: readonly string[]): PortArguments | 'help' {
  const { values, positionals } = parseCommandArguments(argv, PORT_OPTIONS);
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError('no PHP file given');
  if (positionals.length > 1) throw new UsageError(`one PHP file at a time (got ${positionals.join(' and ')})`);
  if (values.output === '') throw new UsageError('--output needs a file name');
  return { input: positionals[0]!, output: values.output, force: values.force ?? false, faithful: values.faithful ?? false };
}

/** The first line of a snippet, shortened, for one-line reports. */
function oneLine(php: string): string {
  const first = php.split(/\r\n|\r|\n/)[0] ?? '';
  return first.length > 100 ? `${first.slice(0, 97)}...` : first;
}

/** The php-runtime.ts beside the output, and whether it is to be written. */
function runtimeBeside(output: string, runtime: RuntimeModule, force: boolean) {
  const path = join(dirname(output), runtime.fileName);
  const { action, note } = runtimeFileStatus(existsSync(path) ? readFileSync(path, 'latin1') : undefined, { replaceNewer: force });
  return { path, action, note, code: runtime.code };
}

export async function runPortCommand(argv: string[], io: PortCommandIo = process): Promise<number> {
  let parsed: PortArguments | 'help';
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`port: ${error.message}\nRun "php-socket-lint port --help" for the options.\n`);
    return 2;
  }
  if (parsed === 'help') {
    io.stdout.write(PORT_HELP_TEXT);
    return 0;
  }
  let text: string;
  try {
    text = await readFile(parsed.input, 'utf8');
  } catch (error) {
    io.stderr.write(`port: cannot read ${parsed.input}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  if (parsed.output && existsSync(parsed.output) && !parsed.force) {
    io.stderr.write(`port: ${parsed.output} exists; use --force to overwrite it\n`);
    return 2;
  }
  const result = portPhpToTypeScript(text, parsed.input, { faithful: parsed.faithful });
  const runtime = parsed.output && result.runtime ? runtimeBeside(parsed.output, result.runtime, parsed.force) : undefined;
  if (runtime?.action === 'foreign' && !parsed.force) {
    io.stderr.write(`port: ${runtime.path} exists and is not php-socket-lint's runtime, which the port imports; use --force to overwrite it\n`);
    return 2;
  }
  const writesRuntime = runtime?.action === 'write' || (runtime?.action === 'foreign' && parsed.force);
  if (parsed.output) {
    try {
      await writeFile(parsed.output, result.code);
      if (runtime && writesRuntime) await writeFile(runtime.path, runtime.code);
    } catch (error) {
      io.stderr.write(`port: cannot write ${parsed.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout.write(result.code);
  }
  if (runtime?.note) io.stderr.write(`port: ${runtime.note}${runtime.action === 'newer' ? ' (--force replaces it)' : ''}\n`);
  if (result.reason) io.stderr.write(`${parsed.input}: faithful port: the idiomatic form cannot carry ${result.reason}\n`);
  for (const item of result.unported) {
    io.stderr.write(`${item.file ?? parsed.input}:${item.line}: ${item.reason}${item.php ? `: ${oneLine(item.php)}` : ''}\n`);
  }
  // Last, so the reason and the unported list stay first.
  if (!parsed.output && result.runtime) io.stderr.write(`port: the port imports ./${result.runtime.fileName.replace(/\.ts$/, '.js')}; write it with -o to get ${result.runtime.fileName} beside it\n`);
  return result.unported.length > 0 ? 1 : 0;
}
