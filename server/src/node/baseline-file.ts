// Reading and writing a baseline file: JSON, paths in it relative to the file's own directory.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import { validateBaseline, type Baseline } from '../core/baseline';

export const DEFAULT_BASELINE_FILE = 'php-socket-lint-baseline.json';

export class BaselineError extends Error {
  override name = 'BaselineError';
}

export function readBaselineFile(path: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new BaselineError(`${path}: cannot read the baseline: ${reason}`);
  }
  const baseline = validateBaseline(raw);
  if (typeof baseline === 'string') throw new BaselineError(`${path}: not a baseline: ${baseline}`);
  return baseline;
}

export async function writeBaselineFile(path: string, baseline: Baseline): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** A file's name as the baseline at `baselinePath` records it. */
export function baselineName(baselinePath: string, filePath: string): string {
  return relative(dirname(baselinePath), filePath).split(sep).join('/');
}
