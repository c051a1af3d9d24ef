import type { PhpNode } from '../ast';
import { exactRange, fix, needsParentheses } from '../fix-builders';
import type { FalseBlindComparison } from '../model/model';
import { defineRule } from '../rule';

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
  check(context) {
    const names = new Map(context.model.calls.map((call) => [call.id, call.fn.name]));
    for (const comparison of context.model.falseBlindComparisons as FalseBlindComparison[]) {
      // A real check of the same value elsewhere (`!= $len` after `== -1`) catches false after all;
      // what happens to the value afterwards (stored, handed on, the script exits) does not.
      const ids = [...comparison.callIds].filter((id) => !context.model.falseTested.has(id));
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
