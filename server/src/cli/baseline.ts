// --generate-baseline and --baseline on the CLI's results: the core matches, node/ reads and
// writes the file, and here results are filtered and stale entries reported.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { baselineOf, BaselineMatcher, type Baseline } from '../core/baseline';
import type { ProjectConfig } from '../core/config';
import { baselineName, DEFAULT_BASELINE_FILE } from '../node/baseline-file';
import type { CliOptions } from './options';
import { fileMessage, fileResult, type LintFileResult } from './results';

/** --baseline, else the config's "baseline" (relative to the config file); for generating, the default name too. */
export function baselinePathOf(options: CliOptions, config: ProjectConfig, cwd: string): string | undefined {
  if (options.baseline !== undefined) return resolve(cwd, options.baseline);
  if (config.baseline !== undefined) return resolve(config.path ? dirname(config.path) : cwd, config.baseline);
  return options.generateBaseline ? resolve(cwd, DEFAULT_BASELINE_FILE) : undefined;
}

export function baselineFromResults(results: readonly LintFileResult[], path: string): Baseline {
  return baselineOf(results.map((result) => ({ file: baselineName(path, result.filePath), findings: result.messages })));
}

/**
 * The results without the findings the baseline records, plus one result for the baseline file
 * naming each entry that matched nothing in a file this run linted (or in a file that is gone).
 */
export function applyBaseline(results: readonly LintFileResult[], baseline: Baseline, path: string): LintFileResult[] {
  const matcher = new BaselineMatcher(baseline);
  const linted = new Set<string>();
  const filtered = results.map((result) => {
    const name = baselineName(path, result.filePath);
    linted.add(name);
    const messages = matcher.filter(name, result.messages);
    if (messages.length === result.messages.length) return result;
    const kept = fileResult(result.filePath, messages, new Set(messages.filter((message) => message.fix)));
    if (result.output !== undefined) kept.output = result.output;
    if (result.source !== undefined && messages.length > 0) kept.source = result.source;
    return kept;
  });
  const stale = matcher
    .unmatched()
    .filter(({ entry }) => linted.has(entry.file) || !existsSync(resolve(dirname(path), entry.file)))
    .map(({ entry, unused }) => {
      const times = entry.count === 1 ? '' : ` (${unused} of its ${entry.count})`;
      return fileMessage(1, `Baseline entry matched nothing${times}: ${entry.rule} in ${entry.file}: "${entry.message}". Remove it, or run --generate-baseline again.`);
    });
  return stale.length > 0 ? [...filtered, fileResult(path, stale)] : filtered;
}
