// Finding and reading `.phpsocketlintrc.json` from disk, for the CLI and the language server alike.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, ConfigError, validateConfig, type ProjectConfig } from '../core/config';

/** Reads one config file. Throws ConfigError for unreadable files, bad JSON and bad values. */
export function readConfigFile(path: string): ProjectConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, `invalid JSON: ${(error as Error).message}`);
  }
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
