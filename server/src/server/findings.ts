// A lint's findings as they cross from its worker: what code actions need of each (its rule, fix
// and suggestions; the message and ranges travel in the diagnostics) as one JSON string, parsed
// on this thread only when a code action reads it. Most versions are never asked (the next
// keystroke's lint replaces them), and a string costs the hand-off and the heap far less than
// thousands of objects (a finding every other line of 10,000: 1.5 MB of JSON instead of 3 MB of
// whole findings). What every version needs comes computed: how many, whether any has a fix,
// the datagram ranges.
import type { Range } from '../core/ast';
import type { Finding } from '../core/types';

/** Rules whose findings say a call's socket is a datagram one: the hover's Node.js equivalent is node:dgram. */
const DATAGRAM_RULES = new Set(['listen-on-datagram', 'udp-connect']);

interface Summary {
  count: number;
  hasFix: boolean;
  /** The ranges of the findings that say a socket is a datagram one (for hover). */
  datagramRanges: Range[];
}

/** What a code action reads of a finding. */
export type FindingActions = Pick<Finding, 'ruleId' | 'fix' | 'suggestions'>;

/** The findings as the worker posts them: strings, numbers and a few ranges (a cheap structured clone). */
export interface PostedFindings extends Summary {
  json: string;
}

function summaryOf(findings: readonly Finding[]): Summary {
  return {
    count: findings.length,
    hasFix: findings.some((finding) => finding.fix !== undefined),
    datagramRanges: findings.filter((f) => f.ruleId !== null && DATAGRAM_RULES.has(f.ruleId)).map((f) => [f.range[0], f.range[1]] as const),
  };
}

export function postFindings(findings: readonly Finding[]): PostedFindings {
  const actions = findings.map(({ ruleId, fix, suggestions }): FindingActions => ({ ruleId, fix, suggestions }));
  return { json: JSON.stringify(actions), ...summaryOf(findings) };
}

export class Findings {
  private constructor(
    private readonly summary: Summary,
    private json: string | undefined,
    private list: readonly FindingActions[] | undefined,
  ) {}

  static received({ json, ...summary }: PostedFindings): Findings {
    return new Findings(summary, json, undefined);
  }

  /** Findings made on this thread (no workers, or the worker crashed). */
  static of(findings: readonly Finding[]): Findings {
    return new Findings(summaryOf(findings), undefined, findings);
  }

  get count(): number {
    return this.summary.count;
  }

  get hasFix(): boolean {
    return this.summary.hasFix;
  }

  get datagramRanges(): readonly Range[] {
    return this.summary.datagramRanges;
  }

  /** Each finding's rule, fix and suggestions, in the order of the diagnostics (parsed the first time it is read). */
  get actions(): readonly FindingActions[] {
    if (!this.list) {
      this.list = JSON.parse(this.json!) as FindingActions[];
      this.json = undefined;
    }
    return this.list;
  }
}
