// Many files → their results, in the order given. Each file is read into one shared buffer;
// only those that name the socket API are copied out, decoded and linted.
//
// Everything stays on the main thread and synchronous but the linting: worker threads were
// measured on this project's 2-core machine and did not pay (1,000 or 2,000 socket files:
// slower or equal; 6,000: about 15% faster for 30% more CPU), nor did libuv's thread pool for
// the reads, and real trees have far fewer files that call ext/sockets.
import { statSync, type Stats } from 'node:fs';
import { readSourceFile, readSourceFileInto, ReadScratch } from '../node/read-file';
import { bytesMentionSocketApi, lintFile, type LintSettings } from './lint-file';
import type { ResultCache } from './result-cache';
import { fileMessage, fileResult, type LintFileResult } from './results';

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

/** Each file's settings: those of its config, with the command line's on top. */
export type SettingsOf = (path: string) => LintSettings;

export async function lintFiles(paths: readonly string[], settingsOf: SettingsOf, cache?: ResultCache): Promise<LintedFiles> {
  const results: LintFileResult[] = [];
  const brokenLinks: SkippedFile[] = [];
  const scratch = new ReadScratch();
  // The metadata strategy stats a file before reading it, unless there is nothing to find.
  const statsFirst = cache !== undefined && !cache.readsContent && !cache.isEmpty;
  for (const path of paths) {
    if (statsFirst) {
      const stats = statOf(path);
      const cached = stats?.isFile() ? cache.lookup(path, settingsOf(path), stats.size, stats.mtimeMs) : undefined;
      if (cached) {
        results.push(cached);
        continue;
      }
    }
    const read = readSourceFileInto(path, scratch);
    if (read) {
      const { bytes, stats } = read;
      const cached = cache?.readsContent ? cache.lookup(path, settingsOf(path), stats.size, stats.mtimeMs, bytes) : undefined;
      // Linting is given its own copy: the scratch buffer is the next file's.
      const result = cached ?? (bytesMentionSocketApi(bytes) ? await lintFile(path, Buffer.from(bytes), settingsOf(path)) : fileResult(path, []));
      if (cache && !cached) cache.store(path, settingsOf(path), stats.size, stats.mtimeMs, bytes, result);
      results.push(result);
      continue;
    }
    // Not a regular file that could be read: the careful reader says why.
    const failed = await readSourceFile(path);
    if (failed.ok) results.push(await lintFile(path, failed.bytes, settingsOf(path)));
    else if (failed.brokenLink) brokenLinks.push({ path, message: failed.message });
    else results.push(fileResult(path, [fileMessage(2, failed.message)]));
  }
  brokenLinks.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { results, brokenLinks };
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
