// `.phpsocketlintrc.json`: one file that the CLI and the language server read the same way. Validation
// lives here; reading and finding the file (the file system) in server/src/node/config-file.ts.
//   { "rules": { "<rule-id>": "off" | "hint" | "info" | "warn" | "warning" | "error" },
//     "somaxconn": 4096, "phpVersion": "8.0", "include": ["src/**/*.php"], "exclude": ["vendor/**"] }
import { RULE_IDS } from './rules/index';
import { DEFAULT_MAX_FILE_CHARACTERS, DEFAULT_PHP_VERSION, DEFAULT_SOMAXCONN, type LintOptions, type RuleSetting, type Severity } from './types';

export const CONFIG_FILE_NAME = '.phpsocketlintrc.json';

/** Every key the file may have (schemas/phpsocketlintrc.schema.json describes the same ones). */
export const CONFIG_KEYS: readonly string[] = ['$schema', 'rules', 'somaxconn', 'phpVersion', 'include', 'exclude', 'reportUnusedDisableDirectives', 'baseline', 'maxFileCharacters'];

export interface ProjectConfig {
  rules: Record<string, RuleSetting>;
  somaxconn: number;
  phpVersion: string;
  include: string[];
  exclude: string[];
  /** How a disable directive that silences nothing is reported. */
  reportUnusedDisableDirectives: Severity | 'off';
  /** Longer texts are not analysed. */
  maxFileCharacters: number;
  /** The baseline file, resolved against the config file's directory by whoever reads files. */
  baseline?: string;
  /** Where the settings came from; undefined when no config file was found. */
  path?: string;
}

export class ConfigError extends Error {
  constructor(
    readonly path: string,
    /** What is wrong, without the path. */
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ConfigError';
  }
}

const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'info', 'warn', 'warning', 'error'];

export function defaultConfig(): ProjectConfig {
  return { rules: {}, somaxconn: DEFAULT_SOMAXCONN, phpVersion: DEFAULT_PHP_VERSION, include: [], exclude: [], reportUnusedDisableDirectives: 'off', maxFileCharacters: DEFAULT_MAX_FILE_CHARACTERS };
}

export function isRuleSetting(value: unknown): value is RuleSetting {
  return typeof value === 'string' && (RULE_SETTINGS as readonly string[]).includes(value);
}

export function isPhpVersion(value: unknown): value is string {
  return typeof value === 'string' && /^\d+\.\d+$/.test(value);
}

function stringList(path: string, key: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new ConfigError(path, `"${key}" must be an array of glob strings`);
  }
  return value as string[];
}

function positiveInteger(path: string, key: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 1) throw new ConfigError(path, `"${key}" must be a positive integer`);
  return value as number;
}

/**
 * Validates parsed JSON; every mistake is reported with the file's path, nothing is guessed. All
 * of a file's mistakes are reported at once, so fixing one does not just reveal the next.
 */
export function validateConfig(path: string, raw: unknown): ProjectConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(path, 'expected a JSON object');
  const input = raw as Record<string, unknown>;
  const problems: string[] = [];
  const check = (step: () => void): void => {
    try {
      step();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error.reason);
    }
  };
  for (const key of Object.keys(input)) if (!CONFIG_KEYS.includes(key)) problems.push(`unknown setting "${key}"`);
  const config = defaultConfig();
  config.path = path;
  if (input.rules !== undefined) {
    if (typeof input.rules !== 'object' || input.rules === null || Array.isArray(input.rules)) {
      problems.push('"rules" must be an object of rule id to severity');
    } else {
      for (const [id, setting] of Object.entries(input.rules)) {
        if (!RULE_IDS.includes(id)) problems.push(`unknown rule "${id}" (known: ${RULE_IDS.join(', ')})`);
        else if (!isRuleSetting(setting)) problems.push(`rule "${id}": "${String(setting)}" is not one of ${RULE_SETTINGS.join(', ')}`);
        else config.rules[id] = setting;
      }
    }
  }
  if (input.somaxconn !== undefined) check(() => (config.somaxconn = positiveInteger(path, 'somaxconn', input.somaxconn)));
  if (input.maxFileCharacters !== undefined) check(() => (config.maxFileCharacters = positiveInteger(path, 'maxFileCharacters', input.maxFileCharacters)));
  if (input.phpVersion !== undefined) {
    if (!isPhpVersion(input.phpVersion)) problems.push('"phpVersion" must look like "8.0"');
    else config.phpVersion = input.phpVersion;
  }
  if (input.reportUnusedDisableDirectives !== undefined) {
    const level = unusedDirectivesSeverity(input.reportUnusedDisableDirectives);
    if (level === undefined) problems.push('"reportUnusedDisableDirectives" must be "off", "warn", "error" or a boolean');
    else config.reportUnusedDisableDirectives = level;
  }
  if (input.baseline !== undefined) {
    if (typeof input.baseline !== 'string' || input.baseline === '') problems.push('"baseline" must be the path of a baseline file');
    else config.baseline = input.baseline;
  }
  check(() => (config.include = stringList(path, 'include', input.include)));
  check(() => (config.exclude = stringList(path, 'exclude', input.exclude)));
  if (problems.length > 0) throw new ConfigError(path, problems.join('; '));
  return config;
}

/** ESLint's values for reportUnusedDisableDirectives: off/warn/error, or true (warn) and false (off). */
export function unusedDirectivesSeverity(value: unknown): Severity | 'off' | undefined {
  if (value === true || value === 'warn' || value === 'warning') return 'warning';
  if (value === false || value === 'off') return 'off';
  if (value === 'error') return 'error';
  return undefined;
}

export function lintOptionsOf(config: ProjectConfig): LintOptions {
  return { rules: config.rules, somaxconn: config.somaxconn, phpVersion: config.phpVersion, reportUnusedDisableDirectives: config.reportUnusedDisableDirectives, maxFileCharacters: config.maxFileCharacters };
}
