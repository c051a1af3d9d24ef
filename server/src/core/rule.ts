// The shape of a rule module, after ESLint's: metadata, the rule's own facts (a listener of the
// analysis events), and a check that reads them with the socket model of one file and reports
// findings by message id.
import type { Range } from './ast';
import type { AnalysisListener } from './model/events';
import type { SocketModel } from './model/model';
import type { Fix, RelatedInformation, Severity, Suggestion } from './types';

/**
 * Where a rule's page is, relative to the package root: the pages ship in the npm package and
 * the .vsix, and there is no public site to link to. The server turns this into a file: URI of
 * its own installation; the SARIF formatter carries the page's text.
 */
export function docsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

export interface RuleMeta<MessageId extends string> {
  description: string;
  defaultSeverity: Severity;
  /** Whether the rule offers fixes, edits that keep behaviour (some findings may still have none). */
  fixable: boolean;
  /** Whether the rule offers suggestions, edits that change what runs and a person applies. */
  hasSuggestions: boolean;
  /** Message templates by id; `{{name}}` placeholders are filled from a report's data. */
  messages: Record<MessageId, string>;
}

export interface RuleReport<MessageId extends string> {
  messageId: MessageId;
  data?: Record<string, string | number>;
  range: Range;
  related?: RelatedInformation[];
  fix?: Fix;
  suggestions?: Suggestion[];
  /** Only some paths lead here: the finding is one level softer (error → warning). */
  maybe?: boolean;
}

export interface RuleContext<MessageId extends string, Facts extends AnalysisListener = AnalysisListener> {
  readonly text: string;
  readonly model: SocketModel;
  /** What the rule's `facts()` listener collected in the analysis round the model came from. */
  readonly facts: Facts;
  readonly somaxconn: number;
  readonly phpVersion: string;
  /** 1-based line of an offset (one line index per file, shared by all rules). */
  lineOf(offset: number): number;
  /** Whether another rule runs too, for rules that leave a finding to a more precise one. */
  ruleEnabled(ruleId: string): boolean;
  report(report: RuleReport<MessageId>): void;
}

export interface RuleModule<MessageId extends string = string, Facts extends AnalysisListener = AnalysisListener> {
  id: string;
  meta: RuleMeta<MessageId>;
  /**
   * A fresh listener for one analysis round (model/events.ts), for facts the socket model does
   * not keep; the check gets the last round's as `context.facts`. Without it, `facts` is `{}`.
   */
  facts?(): Facts;
  check(context: RuleContext<MessageId, Facts>): void;
}

/** Typed identity: a misspelled message id does not compile. */
export function defineRule<MessageId extends string, Facts extends AnalysisListener = AnalysisListener>(
  rule: RuleModule<MessageId, Facts>,
): RuleModule<MessageId, Facts> {
  return rule;
}

/** A message template cut at its `{{placeholders}}`: text, then a placeholder and text, and so on. */
interface TemplateParts {
  texts: string[];
  placeholders: { key: string; written: string }[];
}

/** Per template (the rules' messages, a bounded set): cut once, not matched again for each finding. */
const TEMPLATES = new Map<string, TemplateParts>();

function templateParts(template: string): TemplateParts {
  let parts = TEMPLATES.get(template);
  if (parts) return parts;
  parts = { texts: [], placeholders: [] };
  let last = 0;
  for (const match of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    parts.texts.push(template.slice(last, match.index));
    parts.placeholders.push({ key: match[1]!, written: match[0] });
    last = match.index! + match[0].length;
  }
  parts.texts.push(template.slice(last));
  TEMPLATES.set(template, parts);
  return parts;
}

/** The template with each `{{key}}` that `data` has replaced by its value; others stay as written. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  const { texts, placeholders } = templateParts(template);
  let message = texts[0]!;
  placeholders.forEach(({ key, written }, index) => {
    message += (key in data ? String(data[key]) : written) + texts[index + 1]!;
  });
  return message;
}
