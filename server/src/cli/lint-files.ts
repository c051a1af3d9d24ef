// Many files → their results, in the order given. Each file is read into one shared buffer;
// only those that name the socket API are copied out, decoded and linted.
//
// Reading stays on the main thread and synchronous: libuv's thread pool for the reads did not
// pay on this project's 2-core machine. Linting moves to a second thread (lint-pool.ts) once a
// socket file turns up with many files left to read, so the reads and the lints overlap; a run
// with few files lints on the main thread, as a worker's start would cost more than it saves.
import { statSync, type Stats } from 'node:fs';
import { readSourceFile, readSourceFileInto, ReadScratch } from '../node/read-file';
import { bytesMentionSocketApi, lintFile, type LintSettings } from './lint-file';
import { LintPool } from './lint-pool';
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

/** Files still to read when the first socket file turns up for the lint thread to start (its start costs ~50 ms of CPU). */
const POOL_MIN_FILES_LEFT = 200;

/** A socket file the pool lints: where its result goes, and what the cache keeps of it. */
interface PooledFile {
  position: number;
  path: string;
  bytes: Buffer;
  size: number;
  mtimeMs: number;
}

/** Where the lint thread comes from: one the caller started early (it boots while the files are found), or a new one. */
export interface LintThread {
  started?: LintPool | undefined;
  /** The environment LintPool.start() reads (PHP_SOCKET_LINT_THREADS). */
  env: Readonly<Record<string, string | undefined>>;
}

/** A started pool is used if a socket file turns up with files enough left to read, and closed otherwise. */
export async function lintFiles(paths: readonly string[], settingsOf: SettingsOf, cache?: ResultCache, thread: LintThread = { env: process.env }): Promise<LintedFiles> {
  const { started } = thread;
  const results: LintFileResult[] = [];
  const brokenLinks: SkippedFile[] = [];
  const scratch = new ReadScratch();
  let pool: LintPool | undefined;
  const pooled: PooledFile[] = [];
  let poolChecked = false;
  // The metadata strategy stats a file before reading it, unless there is nothing to find.
  const statsFirst = cache !== undefined && !cache.readsContent && !cache.isEmpty;
  for (let position = 0; position < paths.length; position++) {
    const path = paths[position]!;
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
      if (cached) {
        results.push(cached);
        continue;
      }
      if (!bytesMentionSocketApi(bytes)) {
        const result = fileResult(path, []);
        cache?.store(path, settingsOf(path), stats.size, stats.mtimeMs, bytes, result);
        results.push(result);
        continue;
      }
      if (!poolChecked) {
        poolChecked = true;
        if (paths.length - position - 1 >= POOL_MIN_FILES_LEFT) pool = started ?? LintPool.start(thread.env);
        else started?.close();
      }
      // Linting is given its own copy: the scratch buffer is the next file's.
      const own = Buffer.from(bytes);
      if (pool) {
        pooled.push({ position: results.length, path, bytes: own, size: stats.size, mtimeMs: stats.mtimeMs });
        results.push(fileResult(path, []));
        await pool.add(path, own, settingsOf(path));
        continue;
      }
      const result = await lintFile(path, own, settingsOf(path));
      cache?.store(path, settingsOf(path), stats.size, stats.mtimeMs, own, result);
      results.push(result);
      continue;
    }
    // Not a regular file that could be read: the careful reader says why.
    const failed = await readSourceFile(path);
    if (failed.ok) results.push(await lintFile(path, failed.bytes, settingsOf(path)));
    else if (failed.brokenLink) brokenLinks.push({ path, message: failed.message });
    else results.push(fileResult(path, [fileMessage(2, failed.message)]));
  }
  if (!poolChecked) started?.close();
  if (pool) {
    const linted = await pool.finish();
    pooled.forEach((file, index) => {
      const result = linted[index]!;
      cache?.store(file.path, settingsOf(file.path), file.size, file.mtimeMs, file.bytes, result);
      results[file.position] = result;
    });
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
