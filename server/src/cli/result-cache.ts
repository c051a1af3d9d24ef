// --cache, after ESLint's: each file's result kept under the tool's version and the file's
// effective settings (its own config's, with the command line's on top). A warm run with the metadata strategy only stats an unchanged file; with the content
// strategy it reads and hashes it, but never parses it. A cache file that is corrupt or written by
// something else is set aside with a warning and rebuilt, never trusted.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { DirectoryLister } from '../node/files';
import { CachedDirectoryLister, type DirectoryRecord } from './directory-cache';
import type { LintSettings } from './lint-file';
import { fileResult, type LintFileResult } from './results';
import { sha256Hex } from './sha256';
import { VERSION } from './version';

export type CacheStrategy = 'metadata' | 'content';
export const CACHE_STRATEGIES: readonly CacheStrategy[] = ['metadata', 'content'];
export const DEFAULT_CACHE_FILE = '.phpsocketlintcache';

const FORMAT = 'php-socket-lint-cache/1';
/** The tool's version: what every entry depends on (each file's settings are keyed per entry). */
const KEY = `version ${VERSION}`;

interface CacheEntry {
  size: number;
  mtimeMs: number;
  /** sha256 of the bytes, for the content strategy. */
  hash?: string;
  /** The index of the file's settings key in CacheFile.settings; absent for 0. */
  s?: number;
  /** Absent for a file with nothing to report (most of them): the file is a third of the size. */
  result?: LintFileResult;
}

interface CacheFile {
  format: typeof FORMAT;
  /** The tool's version: a change makes every entry stale. */
  key: string;
  /** The settings keys the entries were linted with (each config gives its files their own). */
  settings: string[];
  entries: Record<string, CacheEntry>;
  /** Directory listings, which no setting changes: kept across keys (directory-cache.ts). */
  listings?: Record<string, DirectoryRecord>;
}

/**
 * --cache-location as typed, relative to cwd: a directory gets the default file name inside it,
 * and so does a path ending in a separator, which need not exist yet (ESLint's rule).
 */
export function cacheFilePath(location: string, cwd: string): string {
  const path = resolve(cwd, location);
  if (location.endsWith('/') || location.endsWith(sep)) return join(path, DEFAULT_CACHE_FILE);
  try {
    if (statSync(path).isDirectory()) return join(path, DEFAULT_CACHE_FILE);
  } catch {
    // Not there yet: it is the file to write.
  }
  return path;
}

/** A result that says nothing: rebuilt from the path alone. */
function isClean(result: LintFileResult): boolean {
  return result.messages.length === 0 && result.source === undefined && result.output === undefined;
}

export class ResultCache {
  /** Whether the file on disk is behind: a warm run that stored nothing does not rewrite it. */
  private dirty: boolean;
  /** Whether nothing was loaded (counting the keys of 50,000 entries is itself a cost). */
  private readonly empty: boolean;
  /** Set when an entry turned out malformed: the warning is given once. */
  private distrusted = false;
  /** The paths whose entries were taken, in case a later entry proves malformed. */
  private readonly taken: string[] = [];
  /** Each settings key's index in `settings`. */
  private readonly settingsIds = new Map<string, number>();
  private readonly keyOfSettings = new WeakMap<LintSettings, string>();

  private constructor(
    private readonly path: string,
    private readonly strategy: CacheStrategy,
    private entries: Record<string, CacheEntry>,
    private readonly warn: (message: string) => void,
    loadedCurrent = false,
    private directories: Record<string, DirectoryRecord> = {},
    private readonly settings: string[] = [],
  ) {
    this.dirty = !loadedCurrent;
    this.empty = !loadedCurrent;
    settings.forEach((key, id) => this.settingsIds.set(key, id));
  }

  /**
   * One JSON.parse and no work per entry: an entry is checked when it is looked up (a warm run
   * of 35,000 files spent more on checking every entry up front than on parsing the file).
   */
  static load(path: string, strategy: CacheStrategy, warn: (message: string) => void): ResultCache {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return new ResultCache(path, strategy, {}, warn);
    }
    const file = parseCacheFile(text);
    // A file of another version is rebuilt quietly, unless its entries show it is no cache of ours.
    if (!file || (file.key !== KEY && !Object.values(file.entries).every(isEntry))) {
      warn(notACache(path));
      return new ResultCache(path, strategy, {}, warn);
    }
    const listings = file.listings ?? {};
    return file.key === KEY ? new ResultCache(path, strategy, file.entries, warn, true, listings, file.settings) : new ResultCache(path, strategy, {}, warn, false, listings);
  }

  /** What a file's result depends on besides its bytes: one key per settings object (one per config). */
  settingsKey(settings: LintSettings): string {
    let key = this.keyOfSettings.get(settings);
    if (key === undefined) {
      key = sha256Hex(JSON.stringify([settings.lintOptions, settings.showHints, settings.quiet]));
      this.keyOfSettings.set(settings, key);
    }
    return key;
  }

  /** The result kept for this file if the file and its settings are unchanged; `bytes` only for the content strategy. */
  lookup(filePath: string, settings: LintSettings, size: number, mtimeMs: number, bytes?: Buffer): LintFileResult | undefined {
    const entry = this.entries[filePath];
    if (entry === undefined) return undefined;
    if (!isEntry(entry)) return this.distrust();
    if (entry.size !== size || (entry.s ?? 0) !== this.settingsIds.get(this.settingsKey(settings))) return undefined;
    const unchanged = this.strategy === 'metadata' ? entry.mtimeMs === Math.trunc(mtimeMs) : bytes !== undefined && entry.hash === sha256Hex(bytes);
    if (!unchanged) return undefined;
    this.taken.push(filePath);
    return entry.result ?? fileResult(filePath, []);
  }

  /**
   * A malformed entry: nothing more is taken from this file, and it is rebuilt. The entries
   * already taken (each checked before use) are kept, so the rebuilt file holds every file of this run.
   */
  private distrust(): undefined {
    if (!this.distrusted) this.warn(notACache(this.path));
    this.distrusted = true;
    const kept: Record<string, CacheEntry> = {};
    for (const path of this.taken) kept[path] = this.entries[path]!;
    this.entries = kept;
    this.directories = {};
    this.dirty = true;
    return undefined;
  }

  /** Lists directories for the walk, from the kept listings where a directory is unchanged. */
  get lister(): DirectoryLister {
    return new CachedDirectoryLister(
      () => this.directories,
      () => this.distrust(),
      () => {
        this.dirty = true;
      },
    );
  }

  /** Nothing to look up: a cold run need not stat a file before reading it. */
  get isEmpty(): boolean {
    return this.empty;
  }

  get readsContent(): boolean {
    return this.strategy === 'content';
  }

  store(filePath: string, settings: LintSettings, size: number, mtimeMs: number, bytes: Buffer, result: LintFileResult): void {
    if (result.crashed) return;
    this.dirty = true;
    // Whole milliseconds, as ESLint's cache keeps them (what utimes and most tools can set).
    const entry: CacheEntry = { size, mtimeMs: Math.trunc(mtimeMs) };
    if (this.strategy === 'content') entry.hash = sha256Hex(bytes);
    const settingsId = this.settingsIdOf(this.settingsKey(settings));
    if (settingsId !== 0) entry.s = settingsId;
    if (!isClean(result)) entry.result = result;
    this.entries[filePath] = entry;
  }

  private settingsIdOf(key: string): number {
    let id = this.settingsIds.get(key);
    if (id === undefined) {
      id = this.settings.push(key) - 1;
      this.settingsIds.set(key, id);
    }
    return id;
  }

  save(): void {
    if (!this.dirty) return;
    const file: CacheFile = { format: FORMAT, key: KEY, settings: this.settings, entries: this.entries, listings: this.directories };
    // The folders of a location not made yet (`--cache-location .cache/lint/`).
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, JSON.stringify(file));
  }
}

function notACache(path: string): string {
  return `${path} is not a php-socket-lint cache (corrupt, or another tool's): ignored, and rebuilt.`;
}

function isEntry(entry: CacheEntry | undefined): boolean {
  if (typeof entry?.size !== 'number' || typeof entry.mtimeMs !== 'number') return false;
  if (entry.hash !== undefined && typeof entry.hash !== 'string') return false;
  if (entry.s !== undefined && !Number.isInteger(entry.s)) return false;
  return entry.result === undefined || (typeof entry.result?.filePath === 'string' && Array.isArray(entry.result.messages));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseCacheFile(text: string): CacheFile | undefined {
  try {
    const file = JSON.parse(text) as CacheFile;
    const ok =
      file?.format === FORMAT &&
      typeof file.key === 'string' &&
      isRecord(file.entries) &&
      (file.listings === undefined || isRecord(file.listings)) &&
      (file.key !== KEY || (Array.isArray(file.settings) && file.settings.every((key) => typeof key === 'string')));
    return ok ? file : undefined;
  } catch {
    return undefined;
  }
}
