// Findings → LSP diagnostics, and the one validation function that push and pull share.
// Each validation is recorded with the document version it was computed for; code actions
// read the record instead of analysing the document again.
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range as LspRange,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from '../core/ast';
import { lintTextDeep as lintText } from '../node/deep-lint';
import { withoutBaselined } from './baseline';
import type { Finding, Severity } from '../core/types';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../shared/protocol';
import { ruleDocsUri } from './rule-docs';
import type { ResolvedSettings, SettingsStore } from './settings';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The one place where core offsets (UTF-16 units) become LSP positions. */
export function toLspRange(document: TextDocument, range: Range): LspRange {
  return { start: document.positionAt(range[0]), end: document.positionAt(range[1]) };
}

/** A parse error is a point; widen it to the character there (not past the line) so editors can show it. */
function parseErrorRange(text: string, range: Range): Range {
  if (range[1] > range[0]) return range;
  const code = text.charCodeAt(range[0]);
  if (Number.isNaN(code) || code === 10 || code === 13) return range;
  const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  return [range[0], range[0] + width];
}

export function toDiagnostic(document: TextDocument, finding: Finding, data: DiagnosticData): Diagnostic {
  const range = finding.ruleId === null ? parseErrorRange(document.getText(), finding.range) : finding.range;
  const diagnostic: Diagnostic = {
    range: toLspRange(document, range),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (finding.ruleId !== null) {
    diagnostic.code = finding.ruleId;
    diagnostic.codeDescription = { href: ruleDocsUri(finding.ruleId) };
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

/** The findings of one document version, with the settings they were computed under. */
export interface Validation {
  document: TextDocument;
  uri: string;
  version: number;
  findings: readonly Finding[];
  diagnostics: readonly Diagnostic[];
  settings: ResolvedSettings;
  /** Unique per validation: the pull diagnostics `resultId`. */
  serial: number;
  generation: number;
}

/** Validates open documents, at most once per version and settings generation. */
export class Validator {
  private readonly records = new Map<string, Validation>();
  private readonly running = new Map<string, { version: number; promise: Promise<Validation | undefined> }>();
  private generation = 0;
  private serial = 0;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
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

  /**
   * The validation of the document's current version: recorded, running, or started now.
   * Resolves to undefined when the document changed or closed before it could run.
   */
  validate(document: TextDocument): Promise<Validation | undefined> {
    const { uri, version } = document;
    const recorded = this.latest(uri);
    if (recorded?.version === version) return Promise.resolve(recorded);
    const running = this.running.get(uri);
    if (running?.version === version) return running.promise;
    const promise = this.run(document, this.generation).finally(() => {
      if (this.running.get(uri)?.promise === promise) this.running.delete(uri);
    });
    this.running.set(uri, { version, promise });
    return promise;
  }

  private async run(document: TextDocument, generation: number): Promise<Validation | undefined> {
    const { uri, version } = document;
    const settings = await this.settings.forDocument(uri);
    // An edit or a settings change while the settings were coming: this work is stale.
    if (!this.isCurrent(document, version) || generation !== this.generation) return undefined;
    const findings = settings.enable ? withoutBaselined(this.lint(document.getText(), settings), uri, settings.baseline) : [];
    const validation: Validation = {
      document,
      uri,
      version,
      findings,
      diagnostics: toDiagnostics(document, findings),
      settings,
      serial: ++this.serial,
      generation,
    };
    this.records.set(uri, validation); // current, so the newest
    return validation;
  }

  /** The core's findings. Should it throw (a bug), the document gets one error pointing to the output. */
  private lint(text: string, settings: ResolvedSettings): Finding[] {
    try {
      return lintText(text, settings.options).findings;
    } catch (error) {
      this.onCrash(error);
      const message = `php-socket-lint could not analyse this file (${String(error)}); see the output.`;
      return [{ ruleId: null, messageId: 'internalError', severity: 'error', message, range: [0, 0], related: [], suggestions: [] }];
    }
  }

  /** Settings changed: every record and running validation is stale. */
  invalidate(): void {
    this.generation++;
    this.running.clear();
  }

  forget(uri: string): void {
    this.records.delete(uri);
    this.running.delete(uri);
  }
}
