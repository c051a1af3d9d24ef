// The language server's worker thread (dist/lint-worker.js): the core's lint of a document,
// its diagnostics, the fix-all of a text and a hover, off the thread that reads and answers the
// editor's messages. Started with a big stack (worker-pool.ts), so deeply nested files are
// analysed here at once. One job at a time; the reply is { result } or { error }.
import { parentPort } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from '../core/ast';
import { fixText, lintText } from '../core/lint';
import { parsePhp, type ParsedFile } from '../core/parse';
import type { LintOptions } from '../core/types';
import { withoutBaselined, type LoadedBaseline } from './baseline';
import { postFindings, type PostedFindings } from './findings';
import { hoverAt, type HoverResult } from './hover';
import { toDiagnostics } from './to-diagnostics';

export type WorkerJob =
  | { kind: 'lint'; uri: string; version: number; text: string; options: LintOptions; baseline: LoadedBaseline | undefined }
  | { kind: 'fixAll'; text: string; options: LintOptions }
  | { kind: 'hover'; uri: string; version: number; text: string; offset: number; datagramRanges: Range[] };

/**
 * A lint as it crosses to the thread that answers the editor: JSON strings, whose structured
 * clone is a copy, where thousands of small objects take about twice as long to rebuild as
 * JSON.parse takes (a finding every other line of 10,000: 85 ms against 41). The diagnostics are
 * parsed there at once (they are published), the findings only when a code action reads them.
 */
export interface PostedLint {
  findings: PostedFindings;
  diagnosticsJson: string;
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

function run(job: WorkerJob): PostedLint | FixAllReply | HoverResult | null {
  switch (job.kind) {
    case 'lint': {
      const findings = withoutBaselined(lintText(job.text, job.options).findings, job.uri, job.baseline);
      const document = TextDocument.create(job.uri, 'php', job.version, job.text);
      return { findings: postFindings(findings), diagnosticsJson: JSON.stringify(toDiagnostics(document, findings)) };
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
    parentPort!.postMessage({ result: run(job) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
