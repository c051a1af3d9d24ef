// One lint thread beside the main thread, for a run with many files left to read when its
// first socket file turns up: the main thread goes on reading while the worker lints what it
// found, so the reads and the lints overlap on a 2-core machine. The worker starts while the
// walk runs (main.ts) and loads its bundle with V8's code cache, as the CLI loads its own.
//
// Each job is posted to the worker at once and claimed by whichever thread starts it (one
// shared Int32 per job): the worker takes jobs in the order posted, the main thread, when the
// worker is far behind, the newest unclaimed one, so neither waits for the other and no job is
// linted twice. If the worker dies, the main thread lints what it had not replied to.
//
// A second thread pays only where a core is free for it: on a machine whose cores are busy
// (the 1-minute load average at or above the core count less one half), its start (~40 ms of
// CPU) only adds to the work, and the CLI lints on its one thread. PHP_SOCKET_LINT_THREADS=1
// keeps to one thread, =2 uses the second whatever the load (tests do).
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import { lintFile, type LintSettings } from './lint-file';
import type { LintFileResult } from './results';

export const UNCLAIMED = 0;
export const BY_WORKER = 1;
const BY_MAIN = 2;

export interface LintJob {
  index: number;
  /** One Int32 that the thread starting the job sets from UNCLAIMED to its own mark. */
  claim: SharedArrayBuffer;
  path: string;
  bytes: Uint8Array;
  settings: LintSettings;
}

/** The message that ends the worker. */
export const STOP = 'stop';

export interface LintReply {
  index: number;
  result: LintFileResult;
}

/** The bundled worker, next to the CLI bundle in dist/; absent when the sources run unbundled. */
const WORKER_FILE = join(__dirname, 'cli-lint-worker.js');
/** What loads it, with V8's code cache as for the CLI's own bundle (bin/ beside dist/ in the package). */
const LOADER_FILE = join(__dirname, '..', 'bin', 'load-bundle.js');
const BOOT = 'const { workerData } = require("node:worker_threads"); require(workerData.loader)(workerData.bundle);';
/**
 * Source the worker may fall behind by before the main thread lints too. A thread's first lints
 * run on a cold JIT (MediaWiki's 47 KB includes/MediaWiki.php: ~120 ms, against ~15 ms once
 * warm), so the main thread lints only where the worker has much more than that cost to catch
 * up on: on ten MediaWiki copies (50 socket files, 0.8 MB) its help at the end of the reading cost
 * 0.3 s of CPU and no wall time.
 */
const HELP_BYTES = 1024 * 1024;

/**
 * The main thread's stack, for the worker: a file too deep for one thread's stack has no fixes
 * applied (lint-file.ts), so with a worker's default 4 MB a file of 1,000 nested ifs was fixed
 * on a quiet machine and left alone on a busy one. V8's default limit on the main thread is
 * 984 KB; Node gives V8 a worker's stack less 192 KB.
 */
const MAIN_THREAD_STACK = { stackSizeMb: (984 + 192) / 1024 };

export class LintPool {
  private readonly jobs: LintJob[] = [];
  private readonly claims: Int32Array[] = [];
  private readonly results: (LintFileResult | undefined)[] = [];
  /** Jobs below this index are claimed (the worker claims in order, so a claim of its says so for all before it). */
  private decided = 0;
  private workerGone = false;
  private wake: (() => void) | undefined;

  private constructor(private readonly worker: WorkerThreads.Worker) {
    worker.on('message', (reply: LintReply) => {
      this.results[reply.index] = reply.result;
      this.wake?.();
    });
    const gone = () => {
      this.workerGone = true;
      this.wake?.();
    };
    worker.on('error', gone);
    worker.on('exit', gone);
  }

  /**
   * The worker, starting (it is ready some 50 ms later), or undefined where there is no bundled
   * worker or no core for it. It does not keep the process alive until a job waits for it: a pool nobody used ends with the run.
   */
  static start(env: Readonly<Record<string, string | undefined>> = process.env): LintPool | undefined {
    if (!existsSync(WORKER_FILE) || !secondThreadPays(env)) return undefined;
    // Loaded here: at start-up node:worker_threads is a module graph of its own.
    const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
    // Its output is taken, not passed on: nothing a worker prints may end up in a report on stdout.
    const worker = existsSync(LOADER_FILE)
      ? new Worker(BOOT, { eval: true, workerData: { loader: LOADER_FILE, bundle: WORKER_FILE }, stdout: true, stderr: true, resourceLimits: MAIN_THREAD_STACK })
      : new Worker(WORKER_FILE, { stdout: true, stderr: true, resourceLimits: MAIN_THREAD_STACK });
    worker.unref();
    return new LintPool(worker);
  }

  /** Stops the worker at once: for a pool that got no job. */
  close(): void {
    void this.worker.terminate();
  }

  /**
   * Hands a socket file to the worker; `bytes` stay the caller's (they are copied) and must
   * not change. Lints a job here when the worker has fallen far behind.
   */
  async add(path: string, bytes: Buffer, settings: LintSettings): Promise<void> {
    const claim = new SharedArrayBuffer(4);
    const job: LintJob = { index: this.jobs.length, claim, path, bytes, settings };
    this.jobs.push(job);
    this.claims.push(new Int32Array(claim));
    this.worker.postMessage(job);
    if (this.unclaimedBytes() > HELP_BYTES) await this.lintNewestUnclaimed();
  }

  /** The size of the jobs nobody started. */
  private unclaimedBytes(): number {
    while (this.decided < this.jobs.length && Atomics.load(this.claims[this.decided]!, 0) !== UNCLAIMED) this.decided++;
    let bytes = 0;
    for (let index = this.decided; index < this.jobs.length; index++) {
      if (Atomics.load(this.claims[index]!, 0) === UNCLAIMED) bytes += this.jobs[index]!.bytes.byteLength;
    }
    return bytes;
  }

  /** Every job's result, in the order added: the worker's awaited, the newest linted here while it is far behind. */
  async finish(): Promise<LintFileResult[]> {
    while (this.unclaimedBytes() > HELP_BYTES && (await this.lintNewestUnclaimed()));
    // Replies are awaited now: the worker keeps the process alive until they are in.
    this.worker.ref();
    for (let index = 0; index < this.jobs.length; index++) {
      while (this.results[index] === undefined && !this.workerGone) await new Promise<void>((resolve) => (this.wake = resolve));
      // The worker died before it replied: this job is linted here.
      if (this.results[index] === undefined) this.results[index] = await this.lintHere(this.jobs[index]!);
    }
    this.wake = undefined;
    // Told to stop, not terminated: it ends as a process does, and the loader keeps its compiled code for the next run.
    this.worker.postMessage(STOP);
    return this.results as LintFileResult[];
  }

  /** Claims the newest job nobody started, and lints it here; false when there is none. */
  private async lintNewestUnclaimed(): Promise<boolean> {
    for (let index = this.jobs.length - 1; index >= this.decided; index--) {
      const claim = Atomics.compareExchange(this.claims[index]!, 0, UNCLAIMED, BY_MAIN);
      if (claim === BY_WORKER) {
        // The worker got here, and so past every job before this one.
        this.decided = index + 1;
        return false;
      }
      if (claim === UNCLAIMED) {
        this.results[index] = await this.lintHere(this.jobs[index]!);
        return true;
      }
    }
    return false;
  }

  private lintHere(job: LintJob): Promise<LintFileResult> {
    return lintFile(job.path, Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.settings);
  }
}

function secondThreadPays(env: Readonly<Record<string, string | undefined>>): boolean {
  const threads = env.PHP_SOCKET_LINT_THREADS;
  if (threads === '1') return false;
  if (threads === '2') return true;
  const cores = availableParallelism();
  return cores >= 2 && loadavg()[0]! < cores - 0.5;
}
