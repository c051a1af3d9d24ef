// A few worker threads that run one job each at a time, in order of arrival. A job can be
// cancelled: while it waits it is dropped; while it runs its worker is terminated (the core's
// lint is synchronous, so nothing short of that stops it) and a fresh worker takes its place.
// A worker that dies (a crash, out of memory) fails its job and is replaced the same way.
import { Worker, type ResourceLimits } from 'node:worker_threads';

export interface PoolTask<R> {
  /** The job's result; undefined when it was cancelled. Rejects when the worker failed. */
  promise: Promise<R | undefined>;
  /** Drops the job; a running one is stopped only when `running` is true. */
  cancel(options?: { running?: boolean }): void;
}

interface Queued {
  job: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  worker?: Worker;
  settled: boolean;
  /** Cancelled while running and left to finish: its reply is not wanted. */
  dropped?: boolean;
}

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Queued>();
  private readonly queue: Queued[] = [];
  private workers = 0;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly size: number,
    private readonly resourceLimits: ResourceLimits = {},
  ) {}

  /** Starts the workers now, so the first job does not pay for loading the core. */
  warm(): void {
    while (!this.closed && this.workers < this.size) this.idle.push(this.spawn());
  }

  run<R>(job: unknown): PoolTask<R> {
    let entry!: Queued;
    const promise = new Promise<R | undefined>((resolve, reject) => {
      entry = { job, resolve: resolve as (value: unknown) => void, reject, settled: false };
    });
    this.queue.push(entry);
    this.dispatch();
    return {
      promise,
      cancel: ({ running = true } = {}) => {
        if (entry.settled) return;
        if (!entry.worker) {
          const at = this.queue.indexOf(entry);
          if (at >= 0) this.queue.splice(at, 1);
          this.settle(entry, undefined);
        } else if (running) {
          const worker = entry.worker;
          this.settle(entry, undefined);
          this.discard(worker);
          this.dispatch();
        } else {
          entry.dropped = true;
        }
      },
    };
  }

  /** Jobs waiting for a worker (not counting the running ones). */
  get waiting(): number {
    return this.queue.length;
  }

  close(): void {
    this.closed = true;
    for (const entry of this.queue.splice(0)) this.settle(entry, undefined);
    for (const worker of [...this.idle, ...this.busy.keys()]) void worker.terminate();
    this.idle.length = 0;
    this.busy.clear();
  }

  private settle(entry: Queued, value: unknown, error?: unknown): void {
    if (entry.settled) return;
    entry.settled = true;
    if (error !== undefined) entry.reject(error);
    else entry.resolve(value);
  }

  private dispatch(): void {
    while (!this.closed && this.queue.length > 0) {
      let worker = this.idle.pop();
      if (!worker && this.workers < this.size) worker = this.spawn();
      if (!worker) return;
      const entry = this.queue.shift()!;
      entry.worker = worker;
      this.busy.set(worker, entry);
      worker.postMessage(entry.job);
    }
  }

  private spawn(): Worker {
    this.workers++;
    const worker = new Worker(this.file, { resourceLimits: this.resourceLimits, stdout: false, stderr: false });
    worker.unref();
    worker.on('message', (reply: { result?: unknown; error?: string }) => {
      const entry = this.busy.get(worker);
      if (!entry) return;
      this.busy.delete(worker);
      this.idle.push(worker);
      if (reply.error !== undefined) this.settle(entry, undefined, new Error(reply.error));
      else this.settle(entry, entry.dropped ? undefined : reply.result);
      this.dispatch();
    });
    const died = (error: unknown) => {
      if (!this.isOurs(worker)) return;
      const entry = this.busy.get(worker);
      this.discard(worker);
      if (entry) this.settle(entry, undefined, error instanceof Error ? error : new Error(String(error)));
      this.dispatch();
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`the lint worker exited (code ${code})`)));
    return worker;
  }

  private isOurs(worker: Worker): boolean {
    return this.busy.has(worker) || this.idle.includes(worker);
  }

  private discard(worker: Worker): void {
    if (!this.isOurs(worker)) return;
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    this.workers--;
    void worker.terminate();
  }
}
