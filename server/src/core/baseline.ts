// A baseline, after PHPStan's: today's findings recorded as rule, file, message and count (no
// line numbers, so code that moves stays matched: a message's own "line 12" is kept as "line N"). A run with the baseline drops the findings it
// matches and names the entries that matched nothing, so the file only ever shrinks.

export interface BaselineEntry {
  rule: string;
  /** Relative to the baseline file's directory, with `/` separators. */
  file: string;
  message: string;
  count: number;
}

export interface Baseline {
  entries: BaselineEntry[];
}

/** What a baseline needs of a finding; both the core's findings and the CLI's messages have it. */
export interface Baselineable {
  ruleId: string | null;
  message: string;
}

/** "… and line 12 uses the result unchecked" → "… and line N …": a line the message names moves with the code. */
export function baselineMessage(message: string): string {
  return message.replace(/\bline \d+\b/g, 'line N');
}

const key = (rule: string, file: string, message: string) => JSON.stringify([rule, file, baselineMessage(message)]);

/** The baseline of these findings; findings without a rule (parse errors, file problems) are never baselined. */
export function baselineOf(files: readonly { file: string; findings: readonly Baselineable[] }[]): Baseline {
  const counts = new Map<string, BaselineEntry>();
  for (const { file, findings } of files) {
    for (const { ruleId, message } of findings) {
      if (ruleId === null) continue;
      const id = key(ruleId, file, message);
      const entry = counts.get(id);
      if (entry) entry.count++;
      else counts.set(id, { rule: ruleId, file, message: baselineMessage(message), count: 1 });
    }
  }
  const entries = [...counts.values()].sort((a, b) => compare(a.file, b.file) || compare(a.rule, b.rule) || compare(a.message, b.message));
  return { entries };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Matches findings against a baseline, file by file, and remembers what each entry still has left. */
export class BaselineMatcher {
  private readonly left = new Map<string, { entry: BaselineEntry; remaining: number }>();

  constructor(baseline: Baseline) {
    for (const entry of baseline.entries) {
      // An older file may hold one entry per line number: they cover the same findings now.
      const id = key(entry.rule, entry.file, entry.message);
      const slot = this.left.get(id);
      if (slot) slot.remaining += entry.count;
      else this.left.set(id, { entry, remaining: entry.count });
    }
  }

  /** The findings the baseline does not cover (each entry covers up to its count). */
  filter<T extends Baselineable>(file: string, findings: readonly T[]): T[] {
    return findings.filter((finding) => {
      if (finding.ruleId === null) return true;
      const slot = this.left.get(key(finding.ruleId, file, finding.message));
      if (!slot || slot.remaining === 0) return true;
      slot.remaining--;
      return false;
    });
  }

  /** Entries (with how many of their count) that matched nothing; only meaningful after every file was filtered. */
  unmatched(): { entry: BaselineEntry; unused: number }[] {
    return [...this.left.values()].filter((slot) => slot.remaining > 0).map((slot) => ({ entry: slot.entry, unused: slot.remaining }));
  }
}

/** Validates a parsed baseline file; the message says what is wrong. */
export function validateBaseline(raw: unknown): Baseline | string {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as Baseline).entries)) return 'expected an object with an "entries" array';
  for (const [index, entry] of (raw as Baseline).entries.entries()) {
    const ok = typeof entry === 'object' && entry !== null && typeof entry.rule === 'string' && typeof entry.file === 'string' && typeof entry.message === 'string' && Number.isInteger(entry.count) && entry.count > 0;
    if (!ok) return `entry ${index} needs "rule", "file" and "message" strings and a positive whole "count"`;
  }
  return raw as Baseline;
}
