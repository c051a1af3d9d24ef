// Many files → their results, in the order given. Files are read in parallel; only those
// that name the socket API are decoded and linted.
//
// Linting stays on the main thread: worker threads were measured on this project's 2-core
// machine and did not pay (1,000 or 2,000 socket files: slower or equal; 6,000: about 15%
// faster for 30% more CPU), and real trees have far fewer files that call ext/sockets.
import { stat } from 'node:fs/promises';
import { readSourceFile } from '../node/read-file';
import { lintFile, type LintSettings } from './lint-file';
import type { ResultCache } from './result-cache';
import { fileMessage, fileResult, type LintFileResult } from './results';

/** Files open at once: enough to keep the disk and libuv's threads busy, few enough for any ulimit. */
const READ_CONCURRENCY = 64;

export interface SkippedFile {
  path: string;
  message: string;
}

export interface LintedFiles {
  /** One per file that exists, in the order given. */
  results: LintFileResult[];
  /** Dangling symbolic links and link loops: no file to lint, a warning on stderr, no result. */
  brokenLinks: SkippedFile[];
}

export async function lintFiles(paths: readonly string[], settings: LintSettings, cache?: ResultCache): Promise<LintedFiles> {
  const results: (LintFileResult | undefined)[] = new Array(paths.length);
  const brokenLinks: SkippedFile[] = [];
  await forEachConcurrently(paths, READ_CONCURRENCY, async (path, index) => {
    const stats = cache ? await stat(path).catch(() => undefined) : undefined;
    if (cache && stats?.isFile() && !cache.readsContent) {
      const cached = cache.lookup(path, stats.size, stats.mtimeMs);
      if (cached) return void (results[index] = cached);
    }
    const read = await readSourceFile(path);
    if (read.ok && cache && stats?.isFile()) {
      const cached = cache.readsContent ? cache.lookup(path, stats.size, stats.mtimeMs, read.bytes) : undefined;
      results[index] = cached ?? (await lintFile(path, read.bytes, settings));
      if (!cached) cache.store(path, stats.size, stats.mtimeMs, read.bytes, results[index]);
      return;
    }
    if (read.ok) {
      // Linting is synchronous: the other reads go on in libuv's threads meanwhile.
      results[index] = await lintFile(path, read.bytes, settings);
    } else if (read.brokenLink) {
      brokenLinks.push({ path, message: read.message });
    } else {
      results[index] = fileResult(path, [fileMessage(2, read.message)]);
    }
  });
  brokenLinks.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { results: results.filter((result) => result !== undefined), brokenLinks };
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
}
