// Many files → their results, in the order given. Files are read in parallel; only those
// that name the socket API are decoded and linted, here or in worker threads.
import { availableParallelism } from 'node:os';
import { bytesMentionSocketApi, lintFile, type LintSettings } from './lint-file';
import { readSourceFile } from './read-file';
import { fileMessage, fileResult, type LintFileResult } from './results';
import { lintInWorkers, workerScriptPath } from './worker-pool';

/** Files open at once: enough to keep the disk and libuv's threads busy, few enough for any ulimit. */
const READ_CONCURRENCY = 64;

/** Below this many socket files, starting workers costs more than it saves (measured: see worker-pool.ts). */
export const WORKER_THRESHOLD = 200;

export interface SocketFile {
  index: number;
  path: string;
  bytes: Buffer;
}

export async function lintFiles(paths: readonly string[], settings: LintSettings): Promise<LintFileResult[]> {
  const results: LintFileResult[] = new Array(paths.length);
  const socketFiles: SocketFile[] = [];
  await forEachConcurrently(paths, READ_CONCURRENCY, async (path, index) => {
    const read = await readSourceFile(path);
    if (!read.ok) results[index] = fileResult(path, [fileMessage(2, read.message)]);
    else if (bytesMentionSocketApi(read.bytes)) socketFiles.push({ index, path, bytes: read.bytes });
    else results[index] = fileResult(path, []);
  });
  for (const [index, result] of (await lintSocketFiles(socketFiles, settings)).entries()) {
    results[socketFiles[index]!.index] = result;
  }
  return results;
}

async function lintSocketFiles(files: SocketFile[], settings: LintSettings): Promise<LintFileResult[]> {
  const workerScript = workerScriptPath();
  const threads = Math.min(availableParallelism(), Math.ceil(files.length / (WORKER_THRESHOLD / 2)));
  if (workerScript && files.length > WORKER_THRESHOLD && threads > 1) {
    return lintInWorkers(workerScript, files, settings, threads);
  }
  const results: LintFileResult[] = [];
  for (const file of files) results.push(await lintFile(file.path, file.bytes, settings));
  return results;
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
