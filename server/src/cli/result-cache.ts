// --cache, after ESLint's: each file's result kept under the tool's version and the effective
// settings. A warm run with the metadata strategy only stats an unchanged file; with the content
// strategy it reads and hashes it, but never parses it. A cache file that is corrupt or written by
// something else is set aside with a warning and rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LintSettings } from './lint-file';
import type { LintFileResult } from './results';
import { VERSION } from './version';

export type CacheStrategy = 'metadata' | 'content';
export const CACHE_STRATEGIES: readonly CacheStrategy[] = ['metadata', 'content'];
export const DEFAULT_CACHE_FILE = '.phpsocketlintcache';

const FORMAT = 'php-socket-lint-cache/1';

interface CacheEntry {
  size: number;
  mtimeMs: number;
  /** sha256 of the bytes, for the content strategy. */
  hash?: string;
  result: LintFileResult;
}

interface CacheFile {
  format: typeof FORMAT;
  /** The tool's version and the effective settings: any change makes every entry stale. */
  key: string;
  entries: Record<string, CacheEntry>;
}

/** --cache-location: a directory gets the default file name inside it, as ESLint does. */
export function cacheFilePath(location: string): string {
  try {
    if (statSync(location).isDirectory()) return join(location, DEFAULT_CACHE_FILE);
  } catch {
    // Not there yet: it is the file to write.
  }
  return location;
}

export function hashBytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class ResultCache {
  /** Whether the file on disk is behind: a warm run that stored nothing does not rewrite it. */
  private dirty: boolean;

  private constructor(
    private readonly path: string,
    private readonly key: string,
    private readonly strategy: CacheStrategy,
    private readonly entries: Record<string, CacheEntry>,
    loadedCurrent = false,
  ) {
    this.dirty = !loadedCurrent;
  }

  static load(path: string, settings: LintSettings, strategy: CacheStrategy, warn: (message: string) => void): ResultCache {
    const key = hashBytes(Buffer.from(JSON.stringify([VERSION, settings.lintOptions, settings.showHints, settings.quiet])));
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return new ResultCache(path, key, strategy, {});
    }
    const file = parseCacheFile(text);
    if (!file) {
      warn(`${path} is not a php-socket-lint cache (corrupt, or another tool's): ignored, and rebuilt.`);
      return new ResultCache(path, key, strategy, {});
    }
    return file.key === key ? new ResultCache(path, key, strategy, file.entries, true) : new ResultCache(path, key, strategy, {});
  }

  /** The result kept for this file if the file is unchanged; `bytes` only for the content strategy. */
  lookup(filePath: string, size: number, mtimeMs: number, bytes?: Buffer): LintFileResult | undefined {
    const entry = this.entries[filePath];
    if (!entry || entry.size !== size) return undefined;
    if (this.strategy === 'metadata') return entry.mtimeMs === Math.trunc(mtimeMs) ? entry.result : undefined;
    return bytes !== undefined && entry.hash === hashBytes(bytes) ? entry.result : undefined;
  }

  get readsContent(): boolean {
    return this.strategy === 'content';
  }

  store(filePath: string, size: number, mtimeMs: number, bytes: Buffer, result: LintFileResult): void {
    if (result.crashed) return;
    // Whole milliseconds, as ESLint's cache keeps them (what utimes and most tools can set).
    this.dirty = true;
    this.entries[filePath] = { size, mtimeMs: Math.trunc(mtimeMs), hash: this.strategy === 'content' ? hashBytes(bytes) : undefined, result };
  }

  save(): void {
    if (!this.dirty) return;
    const file: CacheFile = { format: FORMAT, key: this.key, entries: this.entries };
    writeFileSync(this.path, JSON.stringify(file));
  }
}

function parseCacheFile(text: string): CacheFile | undefined {
  try {
    const file = JSON.parse(text) as CacheFile;
    const ok = file?.format === FORMAT && typeof file.key === 'string' && typeof file.entries === 'object' && file.entries !== null && !Array.isArray(file.entries);
    if (!ok) return undefined;
    for (const entry of Object.values(file.entries)) {
      if (typeof entry?.size !== 'number' || typeof entry.mtimeMs !== 'number' || typeof entry.result?.filePath !== 'string' || !Array.isArray(entry.result.messages)) return undefined;
    }
    return file;
  } catch {
    return undefined;
  }
}
