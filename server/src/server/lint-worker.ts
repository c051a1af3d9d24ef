// The language server's worker thread (dist/lint-worker.js): the core's lint of a document,
// its diagnostics, the fix-all of a text and a hover, off the thread that reads and answers the
// editor's messages. Started with a big stack (worker-pool.ts), so deeply nested files are
// analysed here at once. One job at a time; the reply is { result }, { json } (a lint's, as a
// JSON string) or { error }.
import { parentPort } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from '../core/ast';
import { fixText, lintText } from '../core/lint';
import { parsePhp, type ParsedFile } from '../core/parse';
import type { Finding, LintOptions } from '../core/types';
import { withoutBaselined, type LoadedBaseline } from './baseline';
import { hoverAt, type HoverResult } from './hover';
import { toDiagnostics } from './to-diagnostics';

export type WorkerJob =
  | { kind: 'lint'; uri: string; version: number; text: string; options: LintOptions; baseline: LoadedBaseline | undefined }
  | { kind: 'fixAll'; text: string; options: LintOptions }
  | { kind: 'hover'; uri: string; version: number; text: string; offset: number; datagramRanges: Range[] };

export interface LintReply {
  findings: Finding[];
  diagnostics: ReturnType<typeof toDiagnostics>;
}

export interface FixAllReply {
  output: string;
  fixCount: number;
}

/** The parse of the last documents hovered, by URI and version: moving the mouse parses once. */
const parsedForHover: { uri: string; version: number; text: string; file: ParsedFile }[] = [];
const HOVER_CACHE = 2;

function parsedFor(uri: string, version: number, text: string): ParsedFile {
  const cached = parsedForHover.find((entry) => entry.uri === uri && entry.version === version && entry.text === text);
  if (cached) return cached.file;
  const file = parsePhp(text);
  parsedForHover.unshift({ uri, version, text, file });
  parsedForHover.length = Math.min(parsedForHover.length, HOVER_CACHE);
  return file;
}

function run(job: WorkerJob): LintReply | FixAllReply | HoverResult | null {
  switch (job.kind) {
    case 'lint': {
      const findings = withoutBaselined(lintText(job.text, job.options).findings, job.uri, job.baseline);
      const document = TextDocument.create(job.uri, 'php', job.version, job.text);
      return { findings, diagnostics: toDiagnostics(document, findings) };
    }
    case 'fixAll': {
      const { output, fixCount } = fixText(job.text, job.options);
      return { output, fixCount };
    }
    case 'hover': {
      const datagram = new Set(job.datagramRanges.map((range) => `${range[0]}:${range[1]}`));
      const kindAt = (range: readonly [number, number]) => (datagram.has(`${range[0]}:${range[1]}`) ? ('datagram' as const) : ('stream' as const));
      return hoverAt(parsedFor(job.uri, job.version, job.text), job.offset, kindAt) ?? null;
    }
  }
}

// Load the parser and the rules now, while the worker is idle, not in the first job (~35 ms).
lintText('<?php socket_close($socket);');

parentPort?.on('message', (job: WorkerJob) => {
  try {
    const result = run(job);
    // A lint's findings and diagnostics cross as one JSON string: V8's structured clone takes
    // about twice as long as JSON.parse to rebuild thousands of small objects on the thread that
    // answers the editor (a finding every other line of 10,000: 85 ms against 41).
    parentPort!.postMessage(job.kind === 'lint' ? { json: JSON.stringify(result) } : { result });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
