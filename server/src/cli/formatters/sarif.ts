// SARIF 2.1.0 for GitHub code scanning: one run, every rule in tool.driver (so ruleIndex is
// stable), findings as results, parse errors and skipped files as tool notifications.
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { RULES } from '../../core/rules/index';
import type { Severity } from '../../core/types';
import { messageSource, type LintFileResult, type LintMessage, type RelatedMessage } from '../results';
import { RULE_PAGES } from '../rule-pages.generated';
import { sha256Hex } from '../sha256';
import { VERSION } from '../version';
import type { Formatter } from './index';

const SRCROOT = '%SRCROOT%';

const LEVELS: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const NOTIFICATION_LEVELS = ['note', 'warning', 'error'] as const;

/** A rule page as plain text: no emphasis or heading marks, links as their text; code stays. */
export function pageAsText(markdown: string): string {
  return markdown
    .replace(/^#+\s+/gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
}

// No helpUri: the project has no public site, and the page itself travels in `help`.
function driverRules(): Sarif.ReportingDescriptor[] {
  return RULES.map((rule) => ({
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.meta.description },
    help: { text: pageAsText(RULE_PAGES[rule.id]!), markdown: RULE_PAGES[rule.id]! },
    defaultConfiguration: { level: LEVELS[rule.meta.defaultSeverity] },
    properties: { fixable: rule.meta.fixable, hasSuggestions: rule.meta.hasSuggestions },
  }));
}

/** Relative to the working directory (%SRCROOT%) when inside it, else an absolute file: URI. */
function artifactLocation(filePath: string, cwd: string): Sarif.ArtifactLocation {
  const rel = relative(cwd, filePath);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) return { uri: pathToFileURL(filePath).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(span: Pick<RelatedMessage, 'line' | 'column' | 'endLine' | 'endColumn'>): Sarif.Region {
  return { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn };
}

function location(artifact: Sarif.ArtifactLocation, message: LintMessage): Sarif.Location {
  if (message.line === undefined) return { physicalLocation: { artifactLocation: artifact } };
  return { physicalLocation: { artifactLocation: artifact, region: region(message as RelatedMessage) } };
}

/**
 * Rule, file and the trimmed text of the line, plus which occurrence of that triple this is:
 * the fingerprint survives code moving up or down, so code scanning keeps the alert's identity.
 */
export class Fingerprints {
  private readonly seen = new Map<string, number>();
  private readonly lines: string[];

  constructor(
    private readonly uri: string,
    text: string | undefined,
  ) {
    this.lines = text === undefined ? [] : text.split(/\r\n|\r|\n/);
  }

  next(ruleId: string, line: number): string {
    const lineText = (this.lines[line - 1] ?? '').trim();
    const hash = sha256Hex(`${ruleId}\0${this.uri}\0${lineText}`).slice(0, 32);
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  }
}

const RULE_INDEX = new Map(RULES.map((rule, index) => [rule.id, index]));

function sarifResult(message: LintMessage & { ruleId: string }, artifact: Sarif.ArtifactLocation, fingerprints: Fingerprints): Sarif.Result {
  const result: Sarif.Result = {
    ruleId: message.ruleId,
    level: LEVELS[message.level],
    message: { text: message.message },
    locations: [location(artifact, message)],
    partialFingerprints: { primaryLocationLineHash: fingerprints.next(message.ruleId, message.line ?? 1) },
  };
  const ruleIndex = RULE_INDEX.get(message.ruleId);
  if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
  if (message.related && message.related.length > 0) {
    result.relatedLocations = message.related.map((related, id) => ({
      id,
      message: { text: related.message },
      physicalLocation: { artifactLocation: artifact, region: region(related) },
    }));
  }
  return result;
}

function notification(message: LintMessage, artifact: Sarif.ArtifactLocation): Sarif.Notification {
  return {
    level: NOTIFICATION_LEVELS[message.severity],
    message: { text: message.message },
    locations: [location(artifact, message)],
    descriptor: { id: messageSource(message) },
  };
}

function collect(results: readonly LintFileResult[], cwd: string) {
  const findings: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const artifact = artifactLocation(result.filePath, cwd);
    const fingerprints = new Fingerprints(artifact.uri!, result.output ?? result.source);
    for (const message of result.messages) {
      if (message.ruleId === null) notifications.push(notification(message, artifact));
      else findings.push(sarifResult(message as LintMessage & { ruleId: string }, artifact, fingerprints));
    }
  }
  return { findings, notifications };
}

export const formatSarif: Formatter = (results, context) => {
  const { findings, notifications } = collect(results, context.cwd);
  const run: Sarif.Run = {
    tool: { driver: { name: 'php-socket-lint', version: VERSION, semanticVersion: VERSION, rules: driverRules() } },
    originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(context.cwd).href.replace(/\/$/, '')}/` } },
    columnKind: 'utf16CodeUnits',
    results: findings,
    invocations: [
      {
        // Unreadable files are reported, not failures of the run; only a crash is.
        executionSuccessful: !results.some((result) => result.crashed),
        toolExecutionNotifications: notifications,
      },
    ],
  };
  // Code scanning keeps the analyses of a CI matrix's shards apart by this category.
  if (context.shard) run.automationDetails = { id: `php-socket-lint-shard-${context.shard.index}-of-${context.shard.count}/` };
  const log: Sarif.Log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
};
