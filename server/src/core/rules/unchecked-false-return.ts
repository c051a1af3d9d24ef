import { rangeOf } from '../ast';
import { exactEnd, indentationAt, indentUnit, isPlainReference, lineEndingOf, sourceOf, suggestion } from '../fix-builders';
import type { SocketCall, UncheckedResult } from '../model/model';
import { defineRule } from '../rule';
import { datagramListen } from './listen-on-datagram';
import type { Suggestion } from '../types';

/** `throw new \RuntimeException('socket_bind() failed: ' . socket_strerror(socket_last_error($s)));` */
function throwStatement(text: string, call: SocketCall): string {
  const socket = call.fn.socketParam !== undefined ? call.arguments.get(call.fn.params[call.fn.socketParam]!.name)?.node : undefined;
  const lastError = isPlainReference(socket) ? `socket_last_error(${sourceOf(text, socket!)})` : 'socket_last_error()';
  return `throw new \\RuntimeException('${call.fn.name}() failed: ' . socket_strerror(${lastError}));`;
}

function checkBlock(text: string, call: SocketCall, condition: string, indentation: string): string {
  const eol = lineEndingOf(text);
  const inner = indentation + indentUnit(text, indentation);
  return `if (${condition} === false) {${eol}${inner}${throwStatement(text, call)}${eol}${indentation}}`;
}

/** Throwing where the program went on changes what runs: a suggestion, never applied by --fix. */
function suggestionsFor(text: string, call: SocketCall): Suggestion[] {
  const statement = call.statement;
  if (!statement?.inStatementList || call.node.parenthesizedExpression || statement.statement.expression?.parenthesizedExpression) return [];
  const [start, end] = rangeOf(statement.statement);
  const indentation = indentationAt(text, start);
  if (statement.form === 'call') {
    // The statement's expression up to the call's own `)`: not the `;`, not a comment before it.
    const expression = text.slice(rangeOf(statement.statement.expression)[0], exactEnd(text, call.node));
    const replacement = checkBlock(text, call, expression, indentation);
    return [suggestion(`Throw when ${call.fn.name}() fails`, [{ range: [start, end], text: replacement }])];
  }
  // A statement closed by `?>` has no `;` to insert after.
  if (!isPlainReference(statement.target) || !text.slice(start, end).trimEnd().endsWith(';')) return [];
  const target = sourceOf(text, statement.target!);
  const insertion = lineEndingOf(text) + indentation + checkBlock(text, call, target, indentation);
  return [suggestion(`Check ${target} for false after ${call.fn.name}()`, [{ range: [end, end], text: insertion }])];
}

function describeUse(result: UncheckedResult, lineOf: (offset: number) => number): Record<string, string | number> {
  const data: Record<string, string | number> = { name: result.call.fn.name, onFalse: result.call.fn.note?.onFalse ?? 'the call failed' };
  if (result.useRange) data.line = lineOf(result.useRange[0]);
  return data;
}

export default defineRule({
  id: 'unchecked-false-return',
  meta: {
    description: 'A socket_*() call that can return false must be checked before its result is used or dropped.',
    defaultSeverity: 'warning',
    fixable: false,
    hasSuggestions: true,
    messages: {
      dropped:
        '{{name}}() returns false when it fails: {{onFalse}}. This result is never checked; test it (=== false) and report socket_strerror(socket_last_error($socket)).',
      used:
        '{{name}}() returns false when it fails: {{onFalse}}. Its result is used on line {{line}} without a check; test it (=== false) first and report socket_strerror(socket_last_error($socket)).',
    },
  },
  check(context) {
    // A value whose only "check" is `< 0` or `== -1` is impossible-false-check's finding: it says why.
    const blind = new Set(
      context.ruleEnabled('impossible-false-check') ? context.model.falseBlindComparisons.flatMap((comparison) => [...comparison.callIds]) : [],
    );
    const listenRuleOn = context.ruleEnabled('listen-on-datagram');
    for (const result of context.model.unchecked) {
      if (blind.has(result.call.id)) continue;
      // A listen on a UDP socket always fails: listen-on-datagram's finding says so, and it is one mistake.
      if (listenRuleOn && datagramListen(result.call)) continue;
      // Ignoring socket_shutdown()'s result on the way to socket_close() is the norm, not a bug.
      if (result.how === 'dropped' && result.call.fn.name === 'socket_shutdown') continue;
      context.report({
        messageId: result.how === 'used' && result.useRange ? 'used' : 'dropped',
        data: describeUse(result, context.lineOf),
        range: result.call.nameRange,
        related: result.useRange ? [{ range: result.useRange, message: 'used here without a check for false' }] : [],
        suggestions: suggestionsFor(context.text, result.call),
      });
    }
  },
});
