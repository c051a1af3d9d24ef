// The config's "baseline" in the editor: findings the CLI's baseline records are not shown either.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaselineMatcher, type Baseline } from '../core/baseline';
import type { ProjectConfig } from '../core/config';
import type { Finding } from '../core/types';
import { baselineName, readBaselineFile } from '../node/baseline-file';

export interface LoadedBaseline {
  path: string;
  baseline: Baseline;
}

/** Read once per change of the file (its mtime and size), not once per keystroke. */
const cache = new Map<string, { stamp: string; baseline: Baseline }>();

/** The config's baseline, or why it cannot be used. */
export function loadBaseline(config: ProjectConfig | undefined): LoadedBaseline | { error: string } | undefined {
  if (config?.baseline === undefined) return undefined;
  const path = resolve(config.path ? dirname(config.path) : '.', config.baseline);
  try {
    const stats = statSync(path);
    const stamp = `${stats.mtimeMs}:${stats.size}`;
    const cached = cache.get(path);
    if (cached?.stamp === stamp) return { path, baseline: cached.baseline };
    const baseline = readBaselineFile(path);
    cache.set(path, { stamp, baseline });
    return { path, baseline };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The findings of the document at `uri` that the baseline does not record. */
export function withoutBaselined(findings: Finding[], uri: string, loaded: LoadedBaseline | undefined): Finding[] {
  if (!loaded || !uri.startsWith('file:')) return findings;
  return new BaselineMatcher(loaded.baseline).filter(baselineName(loaded.path, fileURLToPath(uri)), findings);
}
