// Code actions, from the findings recorded for the very version the client asks about:
// each finding's fix (preferred) and suggestions, "Disable <rule> for this line", "Show
// documentation for <rule>", and the source action that applies every fix (never a suggestion).
// Quick fixes come only from the lint of that very version (an edit computed for an older text
// would land in the wrong place). A request that names our diagnostics waits for that lint
// (server.ts: the diagnostics it names may belong to an edit whose lint is still in a worker);
// any other request never waits: without a finished lint it gets no quick fixes, and fix-all
// lints the text itself in the interactive worker.
import {
  CodeActionKind,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DISABLE_NEXT_LINE } from '../core/suppressions';
import type { LintOptions, TextEdit } from '../core/types';
import { Commands, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, isDiagnosticData, PORT_KIND } from '../shared/protocol';
import type { Validation } from './diagnostics';
import type { FixAllReply } from './lint-worker';
import { portAction, portQuickFix } from './port-action';
import { ruleDocsUri } from './rule-docs';
import { toLspRange } from './to-diagnostics';

export interface CodeActionContext {
  /** The client takes `documentChanges` (versioned edits). */
  documentChanges: boolean;
}

/** Does a request limited to `only` want actions of `kind`? (`source` wants `source.fixAll.x`.) */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
}

/** An edit for exactly this version of the document: a client that moved on rejects it. */
export function versionedEdit(document: TextDocument, edits: LspTextEdit[], context: CodeActionContext): WorkspaceEdit {
  if (context.documentChanges) {
    return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] };
  }
  return { changes: { [document.uri]: edits } };
}

function toLspEdits(document: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((edit) => ({ range: toLspRange(document, edit.range), newText: edit.text }));
}

function sameRange(a: LspRange, b: LspRange | undefined): boolean {
  return (
    b !== undefined &&
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function overlaps(a: LspRange, b: LspRange): boolean {
  const before = (p: LspRange['start'], q: LspRange['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * Which recorded finding a diagnostic from the client is: by its data (the version and index it
 * was published with), else by range, code and message. The range is not required to match
 * with data: Neovim 0.7 sends back byte columns where it published UTF-16 ones.
 */
function recordedIndex(validation: Validation, diagnostic: Diagnostic): number | undefined {
  if (isDiagnosticData(diagnostic.data) && diagnostic.data.version === validation.version) {
    const recorded = validation.diagnostics.list[diagnostic.data.index];
    if (recorded && recorded.code === diagnostic.code && recorded.message === diagnostic.message) return diagnostic.data.index;
  }
  const index = validation.diagnostics.list.findIndex(
    (recorded) => recorded.code === diagnostic.code && recorded.message === diagnostic.message && sameRange(recorded.range, diagnostic.range),
  );
  return index >= 0 ? index : undefined;
}

const DISABLE_COMMENT = new RegExp(`^([ \\t]*)(//|#)[ \\t]*${DISABLE_NEXT_LINE}\\b([^\\r\\n]*)$`);

/**
 * Inserts `// php-socket-lint-disable-next-line <rule>` above the finding's line with its
 * indentation, or adds the rule to such a comment already there. Undefined where a comment
 * line cannot go: the line opens PHP (`<?php`) before the finding.
 */
export function disableLineEdit(document: TextDocument, at: LspRange['start'], ruleId: string): LspTextEdit | undefined {
  const lineText = (n: number) => document.getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } });
  const text = lineText(at.line);
  if (text.slice(0, at.character).includes('<?')) return undefined;
  if (at.line > 0) {
    const previous = lineText(at.line - 1).replace(/\r?\n$|\r$/, '');
    const match = DISABLE_COMMENT.exec(previous);
    if (match) {
      const rest = match[3] ?? '';
      const listEnd = rest.search(/\s--\s/) >= 0 ? rest.search(/\s--\s/) : rest.length;
      const list = rest.slice(0, listEnd).trimEnd();
      const rules = list.split(/[\s,]+/).filter(Boolean);
      if (rules.length === 0 || rules.includes(ruleId)) return undefined; // already silenced
      const end = { line: at.line - 1, character: previous.length - rest.length + list.length };
      return { range: { start: end, end }, newText: `, ${ruleId}` };
    }
  }
  const indent = /^[ \t]*/.exec(text)![0];
  const eol = /\r\n$/.test(text) ? '\r\n' : /\r$/.test(text) ? '\r' : document.getText().includes('\r\n') ? '\r\n' : '\n';
  const start = { line: at.line, character: 0 };
  return { range: { start, end: start }, newText: `${indent}// ${DISABLE_NEXT_LINE} ${ruleId}${eol}` };
}

/** One edit replacing only what changed between two texts, never splitting a surrogate pair or CRLF. */
export function minimalEdit(document: TextDocument, before: string, after: string): LspTextEdit {
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  const splits = (text: string, at: number) => {
    const previous = text.charCodeAt(at - 1);
    const next = text.charCodeAt(at);
    return (previous >= 0xd800 && previous <= 0xdbff) || (previous === 13 && next === 10);
  };
  while (prefix > 0 && splits(before, prefix)) prefix--;
  while (suffix > 0 && splits(before, before.length - suffix)) suffix--;
  return {
    range: toLspRange(document, [prefix, before.length - suffix]),
    newText: after.slice(prefix, after.length - suffix),
  };
}

export function documentationAction(ruleId: string, diagnostics: Diagnostic[]): CodeAction {
  const title = `Show documentation for ${ruleId}`;
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    command: { title, command: Commands.showDocumentation, arguments: [ruleDocsUri(ruleId)] },
  };
}

/** Quick fixes for the client's diagnostics (or, if it sent none, the recorded ones in range). */
export function quickFixes(document: TextDocument, validation: Validation, params: CodeActionParams, context: CodeActionContext): CodeAction[] {
  const ours = params.context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
  const asked = params.context.diagnostics.length > 0 ? ours : validation.diagnostics.list.filter((d) => overlaps(d.range, params.range));
  const fixes: CodeAction[] = [];
  const extras: CodeAction[] = [];
  const seen = new Set<string>();
  /** Fixes by title and edits: one edit that repairs several findings (a call with two bad arguments) is one action for all of them. */
  const fixesByEdit = new Map<string, CodeAction>();
  const offer = (diagnostic: Diagnostic, title: string, edits: readonly TextEdit[], isPreferred: boolean) => {
    const key = JSON.stringify([title, edits]);
    const offered = fixesByEdit.get(key);
    if (offered) {
      offered.diagnostics!.push(diagnostic);
      return;
    }
    const action: CodeAction = {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      ...(isPreferred ? { isPreferred } : {}),
      edit: versionedEdit(document, toLspEdits(document, edits), context),
    };
    fixesByEdit.set(key, action);
    fixes.push(action);
  };
  for (const diagnostic of asked) {
    const index = recordedIndex(validation, diagnostic);
    if (index === undefined) continue;
    const finding = validation.findings.actions[index]!;
    if (finding.ruleId === null) continue;
    if (finding.fix) offer(diagnostic, finding.fix.title, finding.fix.edits, true);
    // Suggestions change what runs: offered, never preferred (so never applied by "auto fix").
    for (const suggestion of finding.suggestions) offer(diagnostic, suggestion.desc, suggestion.edits, false);
    const start = validation.diagnostics.list[index]!.range.start;
    const disableKey = `disable:${finding.ruleId}:${start.line}`;
    const disable = seen.has(disableKey) ? undefined : disableLineEdit(document, start, finding.ruleId);
    seen.add(disableKey);
    if (disable) {
      extras.push({
        title: `Disable ${finding.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: versionedEdit(document, [disable], context),
      });
    }
    if (!seen.has(`docs:${finding.ruleId}`)) {
      seen.add(`docs:${finding.ruleId}`);
      extras.push(documentationAction(finding.ruleId, [diagnostic]));
    }
  }
  return [...fixes, ...extras];
}

/** Fixes a whole text to a fixed point, somewhere that is not this thread. */
export type FixAll = (text: string, options: LintOptions) => Promise<FixAllReply | undefined>;

/**
 * The fix-all source action: every fix, to a fixed point, as one versioned edit; no suggestion.
 * Undefined when a finished lint of this version has no fix, or the document moved on meanwhile.
 */
export async function fixAllAction(
  document: TextDocument,
  validation: Validation | undefined,
  options: LintOptions,
  context: CodeActionContext,
  fixAll: FixAll,
): Promise<CodeAction | undefined> {
  if (validation && !validation.findings.hasFix) return undefined;
  const version = document.version;
  const before = document.getText();
  const fixed = await fixAll(before, options);
  if (!fixed || document.version !== version) return undefined;
  const { output, fixCount } = fixed;
  if (fixCount === 0 || output === before) return undefined;
  return {
    title: `Fix all php-socket-lint problems (${fixCount})`,
    kind: FIX_ALL_KIND,
    edit: versionedEdit(document, [minimalEdit(document, before, output)], context),
  };
}

export interface CodeActionSources {
  /** The finished lint of exactly this version, if there is one yet. */
  validation: Validation | undefined;
  /** The document's lint options, for fix-all. */
  options: LintOptions;
  fixAll: FixAll;
}

export async function codeActionsFor(
  document: TextDocument,
  sources: CodeActionSources,
  params: CodeActionParams,
  context: CodeActionContext,
): Promise<CodeAction[]> {
  const only = params.context.only;
  const { validation } = sources;
  const actions = validation && wants(only, CodeActionKind.QuickFix) ? quickFixes(document, validation, params, context) : [];
  // Fix-all lints to a fixed point: only when asked for by kind (on save, "Source Action…"),
  // never for the light bulb's unfiltered requests.
  if (only && wants(only, FIX_ALL_KIND)) {
    const fixAll = await fixAllAction(document, validation, sources.options, context, sources.fixAll);
    if (fixAll) actions.push(fixAll);
  }
  // The port runs only when picked (a command), so offering it costs nothing.
  if (wants(only, CodeActionKind.QuickFix)) {
    const port = portQuickFix(document, params);
    if (port) actions.push(port);
  }
  if (wants(only, PORT_KIND)) {
    const port = portAction(document);
    if (port) actions.push(port);
  }
  return actions;
}
