// Findings → LSP diagnostics: the one place where core offsets (UTF-16 units) become LSP
// positions. It imports only types of vscode-languageserver, so the lint worker bundles it without
// the protocol library. Each finding costs a binary search per position (TextDocument's line
// offsets are computed once per text), nothing per finding that grows with the file.
import type { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Range as LspRange } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from '../core/ast';
import type { Finding, Severity } from '../core/types';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../shared/protocol';
import { ruleDocsUri } from './rule-docs';

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };

export function toLspRange(document: TextDocument, range: Range): LspRange {
  return { start: document.positionAt(range[0]), end: document.positionAt(range[1]) };
}

/** A parse error is a point; widen it to the character there (not past the line) so editors can show it. */
function parseErrorRange(document: TextDocument, range: Range): Range {
  if (range[1] > range[0]) return range;
  // The two characters there, not the whole text (getText() of a big file per finding adds up).
  const at = document.getText({ start: document.positionAt(range[0]), end: document.positionAt(range[0] + 1) });
  const code = at.charCodeAt(0);
  if (Number.isNaN(code) || code === 10 || code === 13) return range;
  const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  return [range[0], range[0] + width];
}

/** Rule pages by id: one URL per rule, not one per finding. */
const docsUris = new Map<string, string>();
function docsUriOf(ruleId: string): string {
  let uri = docsUris.get(ruleId);
  if (uri === undefined) docsUris.set(ruleId, (uri = ruleDocsUri(ruleId)));
  return uri;
}

export function toDiagnostic(document: TextDocument, finding: Finding, data: DiagnosticData): Diagnostic {
  const range = finding.ruleId === null ? parseErrorRange(document, finding.range) : finding.range;
  const diagnostic: Diagnostic = {
    range: toLspRange(document, range),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (finding.ruleId !== null) {
    diagnostic.code = finding.ruleId;
    diagnostic.codeDescription = { href: docsUriOf(finding.ruleId) };
  }
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map(
      (related): DiagnosticRelatedInformation => ({
        location: { uri: document.uri, range: toLspRange(document, related.range) },
        message: related.message,
      }),
    );
  }
  return diagnostic;
}

export function toDiagnostics(document: TextDocument, findings: readonly Finding[]): Diagnostic[] {
  return findings.map((finding, index) => toDiagnostic(document, finding, { version: document.version, index }));
}
