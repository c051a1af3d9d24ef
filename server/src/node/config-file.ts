// Finding and reading `.phpsocketlintrc.json` from disk, for the CLI and the language server alike.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { CONFIG_FILE_NAME, ConfigError, validateConfig, type ProjectConfig } from '../core/config';

/** Reads one config file (JSON with comments and trailing commas). Throws ConfigError for unreadable files, bad JSON and bad values. */
export function readConfigFile(path: string): ProjectConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length > 0) throw new ConfigError(path, `invalid JSON: ${describe(text, errors[0]!)}`);
  return validateConfig(path, raw);
}

/** The nearest `.phpsocketlintrc.json` in `directory` or above it, or undefined. */
export function findConfigFile(directory: string, exists: (path: string) => boolean): string | undefined {
  let current = directory;
  for (;;) {
    const candidate = join(current, CONFIG_FILE_NAME);
    if (exists(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** "InvalidSymbol at 3:7": the parser's error code and a 1-based line and column. */
function describe(text: string, error: ParseError): string {
  const before = text.slice(0, error.offset);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = error.offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return `${printParseErrorCode(error.error)} at ${line}:${column}`;
}
