// The report formats. Each is a pure (results, context) => string module, as ESLint's
// formatters are; main.ts writes the string wherever it belongs.
import type { LintFileResult } from '../results';
import { formatCheckstyle } from './checkstyle';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

export interface FormatterContext {
  /** Paths in the report are relative to this where the format wants relative paths. */
  cwd: string;
  /** Whether the stylish format may use ANSI colours. */
  color: boolean;
  /** The part of the files this run linted (--shard), for formats that keep runs apart. */
  shard?: { index: number; count: number };
}

export type Formatter = (results: readonly LintFileResult[], context: FormatterContext) => string;

export const FORMATTERS = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  checkstyle: formatCheckstyle,
  github: formatGithub,
  junit: formatJunit,
  gitlab: formatGitlab,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;

export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
