import type { PhpNode } from '../ast';
import { exactRange, fix, needsParentheses } from '../fix-builders';
import type { AnalysisListener, ComparisonEvent, ResultTestedEvent } from '../model/events';
import { IdAccumulator, type IdSet } from '../model/id-set';
import { defineRule } from '../rule';

/** A C-style comparison of a socket result that PHP's comparison rules make blind to `false`. */
interface FalseBlindComparison {
  node: PhpNode;
  /** The compared socket result (a call, a variable, an assignment). */
  subject: PhpNode;
  kind: 'error-test' | 'success-test';
  /** The socket calls whose result it compares. */
  callIds: IdSet;
}

/** The blind comparisons of one analysis round, and the results some real test looks at. */
export class BlindComparisons implements AnalysisListener {
  readonly comparisons = new Map<PhpNode, FalseBlindComparison>();
  /** Results some real test looks at on some path (`=== false`, `!$r`, `> 0`). */
  readonly tested = new IdAccumulator();

  comparison({ node, blind }: ComparisonEvent): void {
    if (blind) this.comparisons.set(node, { node, ...blind });
  }

  resultTested({ callIds }: ResultTestedEvent): void {
    this.tested.addAll(callIds);
  }
}

/** The longest comparison quoted in a message, so that its first sentence stays short. */
const MAX_QUOTED = 40;

/** The compared value as an operand of `=== false`: assignments and operators get parentheses. */
function operandText(text: string, subject: PhpNode): string {
  const source = text.slice(...exactRange(text, subject));
  const simple = ['variable', 'call', 'propertylookup', 'staticlookup', 'offsetlookup'].includes(subject.kind);
  return simple ? source : `(${source.replace(/^\((.*)\)$/s, '$1')})`;
}

export default defineRule({
  id: 'impossible-false-check',
  meta: {
    description: 'A C-style comparison (< 0, == -1) never sees the false a socket_*() call returns on failure.',
    defaultSeverity: 'warning',
    fixable: true,
    hasSuggestions: false,
    messages: {
      errorTest: '`{{expr}}` never catches a failure: {{fn}}() returns false, not -1. Compare with `=== false`.',
      successTest: '`{{expr}}` lets a failure through: {{fn}}() returns false, not -1. Compare with `!== false`.',
    },
  },
  facts: () => new BlindComparisons(),
  check(context) {
    const names = new Map(context.model.calls.map((call) => [call.id, call.fn.name]));
    for (const comparison of context.facts.comparisons.values()) {
      // A real check of the same value elsewhere (`!= $len` after `== -1`) catches false after all;
      // what happens to the value afterwards (stored, handed on, the script exits) does not.
      const ids = [...comparison.callIds].filter((id) => !context.facts.tested.has(id));
      if (ids.length === 0) continue;
      const range = exactRange(context.text, comparison.node);
      const expr = context.text.slice(...range).replace(/\s+/g, ' ');
      let replacement = `${operandText(context.text, comparison.subject)} ${comparison.kind === 'error-test' ? '===' : '!=='} false`;
      if (needsParentheses(context.text, range)) replacement = `(${replacement})`;
      context.report({
        messageId: comparison.kind === 'error-test' ? 'errorTest' : 'successTest',
        data: { expr: expr.length > MAX_QUOTED ? expr.slice(0, MAX_QUOTED - 3) + '...' : expr, fn: names.get(ids[0]!) ?? 'socket_*' },
        range,
        fix: fix(`Compare with ${comparison.kind === 'error-test' ? '=== false' : '!== false'}`, [{ range, text: replacement }]),
      });
    }
  },
});
