// `php-socket-lint port <file.php> [-o out.ts] [--force]`: writes the TypeScript port of a PHP
// file (to stdout, or to -o), lists what could not be ported on stderr as `file:line: reason:
// php`, and exits 0 (all ported), 1 (something left unported) or 2 (usage or file error).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { portPhpToTypeScript } from '../port/index';

export interface PortCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const USAGE = 'usage: php-socket-lint port <file.php> [-o out.ts] [--force]\n';

interface PortArguments {
  input: string;
  output: string | undefined;
  force: boolean;
}

function parseArguments(argv: readonly string[]): PortArguments | string {
  let input: string | undefined;
  let output: string | undefined;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-o' || arg === '--output') {
      output = argv[++i];
      if (!output) return `${arg} needs a file name`;
    } else if (arg.startsWith('--output=')) {
      output = arg.slice('--output='.length);
    } else if (arg === '--force' || arg === '-f') {
      force = true;
    } else if (arg === '-h' || arg === '--help') {
      return '';
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option ${arg}`;
    } else if (input === undefined) {
      input = arg;
    } else {
      return `one PHP file at a time (got ${input} and ${arg})`;
    }
  }
  return input === undefined ? 'no PHP file given' : { input, output, force };
}

/** The first line of a snippet, shortened, for one-line reports. */
function oneLine(php: string): string {
  const first = php.split(/\r\n|\r|\n/)[0] ?? '';
  return first.length > 100 ? `${first.slice(0, 97)}...` : first;
}

export async function runPortCommand(argv: string[], io: PortCommandIo = process): Promise<number> {
  const parsed = parseArguments(argv);
  if (typeof parsed === 'string') {
    io.stderr.write(parsed ? `port: ${parsed}\n${USAGE}` : USAGE);
    return parsed ? 2 : 0;
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
  const result = portPhpToTypeScript(text, parsed.input);
  if (parsed.output) {
    try {
      await writeFile(parsed.output, result.code);
    } catch (error) {
      io.stderr.write(`port: cannot write ${parsed.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout.write(result.code);
  }
  for (const item of result.unported) {
    io.stderr.write(`${parsed.input}:${item.line}: ${item.reason}${item.php ? `: ${oneLine(item.php)}` : ''}\n`);
  }
  return result.unported.length > 0 ? 1 : 0;
}
