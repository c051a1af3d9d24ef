// The one validation function that push and pull share. Each validation is recorded with the
// document version it was computed for; code actions read the record instead of analysing the
// document again. The lint itself runs in a worker thread (lint-worker.ts): this thread only
// sends the text and records the reply, so it stays free for hover, code actions and edits.
// At most one lint per document runs at a time: a newer version (or a settings change, or a
// close) stops the older one (a long one by terminating its worker, a short one by dropping its
// result), and only the version the client has is recorded.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintTextDeep } from '../node/deep-lint';
import { withoutBaselined } from './baseline';
import type { Finding, LintOptions } from '../core/types';
import { Findings } from './findings';
import type { FixAllReply, PostedLint, WorkerJob } from './lint-worker';
import type { ResolvedSettings, SettingsStore } from './settings';
import { toDiagnostics } from './to-diagnostics';
import { Diagnostics } from './transport';
import { WorkerPool, type PoolTask } from './worker-pool';

export { toDiagnostic, toDiagnostics, toLspRange } from './to-diagnostics';

/** The bundled worker, next to dist/server.js. */
const WORKER_FILE = join(__dirname, 'lint-worker.js');
/** As deep-lint.ts: enough stack for 1,000 nested ifs or 5,000 nested parentheses. */
const STACK_SIZE_MB = 256;
/**
 * Text longer than this (UTF-16 units, about 3,000 lines of socket code, a lint of some 50 ms on
 * a quiet machine) has its superseded lint stopped by terminating its worker; a shorter one's
 * lint runs to its end, discarded. A fresh worker costs about 40 ms of CPU (loading the core).
 */
const STOP_RUNNING_LINT_ABOVE = 100_000;

/** The findings of one document version, with the settings they were computed under. */
export interface Validation {
  document: TextDocument;
  uri: string;
  version: number;
  /** The text that was linted (the document object itself moves on with edits). */
  text: string;
  findings: Findings;
  diagnostics: Diagnostics;
  settings: ResolvedSettings;
  /** Unique per validation: the pull diagnostics `resultId`. */
  serial: number;
  generation: number;
}

/** A lint's result on this thread: its diagnostics, and its findings (read by code actions). */
export interface LintReply {
  findings: Findings;
  diagnostics: Diagnostics;
}

/** The worker's reply, as it came: the diagnostics stay JSON text until something reads them (transport.ts). */
function received(posted: PostedLint | undefined): LintReply | undefined {
  return posted && { findings: Findings.received(posted.findings), diagnostics: Diagnostics.json(posted.diagnosticsJson, posted.findings.count) };
}

/** The threads the server's work runs on: lints for diagnostics, and the requests a person waits for. */
export class Workers {
  /** Diagnostics of open documents and Lint Workspace. Two, so one long lint does not hold up another document. */
  readonly lint: WorkerPool | undefined;
  /** Hover and fix-all: never behind a lint. */
  readonly interactive: WorkerPool | undefined;

  constructor() {
    if (!existsSync(WORKER_FILE)) return; // run from source (no bundle): everything on this thread
    const limits = { stackSizeMb: STACK_SIZE_MB };
    this.lint = new WorkerPool(WORKER_FILE, Math.max(1, Math.min(2, availableParallelism())), limits);
    this.interactive = new WorkerPool(WORKER_FILE, 1, limits);
    this.lint.warm();
    this.interactive.warm();
  }

  /** A lint job; without workers it runs here, at once. */
  lintJob(job: Extract<WorkerJob, { kind: 'lint' }>): PoolTask<LintReply> {
    if (this.lint) {
      const task = this.lint.run<PostedLint>(job);
      return { promise: task.promise.then(received), cancel: task.cancel };
    }
    const findings = withoutBaselined(lintTextDeep(job.text, job.options).findings, job.uri, job.baseline);
    const diagnostics = toDiagnostics(TextDocument.create(job.uri, 'php', job.version, job.text), findings);
    return { promise: Promise.resolve({ findings: Findings.of(findings), diagnostics: Diagnostics.of(diagnostics) }), cancel: () => undefined };
  }

  async fixAll(text: string, options: LintOptions): Promise<FixAllReply | undefined> {
    if (!this.interactive) {
      const { fixText } = await import('../core/lint');
      const { output, fixCount } = fixText(text, options);
      return { output, fixCount };
    }
    return this.interactive.run<FixAllReply>({ kind: 'fixAll', text, options } satisfies WorkerJob).promise;
  }
}

interface Running {
  version: number;
  /** The text's length, once read: whether stopping the lint is worth its worker. */
  length: number;
  generation: number;
  promise: Promise<Validation | undefined>;
  /** The end of the older version's lint, when it was left to finish: this one starts after it. */
  after?: Promise<unknown>;
  /** Stops the lint (set once it was handed to a worker). */
  task?: PoolTask<LintReply>;
  cancelled: boolean;
}

/** Validates open documents, at most once per version and settings generation. */
export class Validator {
  private readonly records = new Map<string, Validation>();
  private readonly running = new Map<string, Running>();
  private generation = 0;
  private serial = 0;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly workers: Workers,
    private readonly onCrash: (error: unknown) => void,
  ) {}

  /** Is this exactly the open document, at this version? (A closed and reopened one is not.) */
  isCurrent(document: TextDocument, version: number): boolean {
    return this.documents.get(document.uri) === document && document.version === version;
  }

  /** The newest record of the current settings generation, whatever its version. */
  latest(uri: string): Validation | undefined {
    const record = this.records.get(uri);
    return record?.generation === this.generation ? record : undefined;
  }

  /** The record of exactly the document's current version, if its lint has finished; never waits. */
  finished(document: TextDocument): Validation | undefined {
    const record = this.latest(document.uri);
    return record && record.document === document && record.version === document.version ? record : undefined;
  }

  /**
   * The validation of the document's current version: recorded, running, or started now (which
   * stops the lint of an older version). Resolves to undefined when the document changed or
   * closed before the lint finished.
   */
  validate(document: TextDocument): Promise<Validation | undefined> {
    const { uri, version } = document;
    const recorded = this.finished(document);
    if (recorded) return Promise.resolve(recorded);
    const running = this.running.get(uri);
    if (running && running.version === version && running.generation === this.generation && !running.cancelled) return running.promise;
    const after = running ? this.stop(running) : undefined;
    const entry: Running = { version, length: 0, generation: this.generation, cancelled: false, promise: Promise.resolve(undefined), after };
    entry.promise = this.run(document, entry).finally(() => {
      if (this.running.get(uri) === entry) this.running.delete(uri);
    });
    this.running.set(uri, entry);
    return entry.promise;
  }

  /** Lints in progress or waiting for a worker (for tests and the bench: the server's backlog). */
  get pending(): number {
    return this.running.size;
  }

  private async run(document: TextDocument, entry: Running): Promise<Validation | undefined> {
    const { uri, version } = document;
    const settings = await this.settings.forDocument(uri);
    // One lint per document at a time: an older one left to finish ends first (a short wait).
    await entry.after;
    // An edit or a settings change while the settings were coming: this work is stale.
    if (entry.cancelled || !this.isCurrent(document, version) || entry.generation !== this.generation) return undefined;
    const text = document.getText();
    entry.length = text.length;
    let reply: LintReply | undefined;
    if (!settings.enable) {
      reply = { findings: Findings.of([]), diagnostics: Diagnostics.of([]) };
    } else {
      entry.task = this.workers.lintJob({ kind: 'lint', uri, version, text, options: settings.options, baseline: settings.baseline });
      try {
        reply = await entry.task.promise;
      } catch (error) {
        // The worker crashed (a bug, or out of memory): one error pointing to the output.
        if (entry.cancelled) return undefined;
        this.onCrash(error);
        const message = `php-socket-lint could not analyse this file (${String(error)}); see the output.`;
        const findings: Finding[] = [{ ruleId: null, messageId: 'internalError', severity: 'error', message, range: [0, 0], related: [], suggestions: [] }];
        reply = { findings: Findings.of(findings), diagnostics: Diagnostics.of(toDiagnostics(TextDocument.create(uri, 'php', version, text), findings)) };
      }
    }
    if (!reply || entry.cancelled || !this.isCurrent(document, version) || entry.generation !== this.generation) return undefined;
    const validation: Validation = {
      document,
      uri,
      version,
      text,
      findings: reply.findings,
      diagnostics: reply.diagnostics,
      settings,
      serial: ++this.serial,
      generation: entry.generation,
    };
    this.records.set(uri, validation); // current, so the newest
    return validation;
  }

  /**
   * Stops a lint. A long lint's worker is terminated (and replaced); a short running one finishes
   * and its result is dropped, since starting a worker costs more than the rest of such a lint
   * (typing in a small file would otherwise replace a worker every few keystrokes). Resolves
   * when nothing of it runs any more.
   */
  private stop(entry: Running): Promise<unknown> | undefined {
    entry.cancelled = true;
    const task = entry.task;
    if (!task) return entry.after;
    task.cancel({ running: entry.length > STOP_RUNNING_LINT_ABOVE });
    return task.promise.catch(() => undefined);
  }

  /** Settings changed: every record and running validation is stale. */
  invalidate(): void {
    this.generation++;
    for (const entry of this.running.values()) this.stop(entry);
    this.running.clear();
  }

  forget(uri: string): void {
    this.records.delete(uri);
    const running = this.running.get(uri);
    if (running) this.stop(running);
    this.running.delete(uri);
  }
}
