import { rangeOf } from '../ast';
import { exactEnd, indentationAt, indentUnit, isPlainReference, lineEndingOf, sourceOf, suggestion } from '../fix-builders';
import type { SocketCall, UncheckedResult } from '../model/model';
import { argumentFor } from '../socket-api';
import { defineRule } from '../rule';
import { warningThrowsAt } from '../model/error-handlers';
import { BlindComparisons } from './impossible-false-check';
import { datagramListen } from './listen-on-datagram';
import { partialWriteUse } from './partial-write';
import type { RelatedInformation, Suggestion } from '../types';

/**
 * How to read the error of a failed call: `socket_last_error($sock)` with the call's own socket
 * variable when it holds a socket on every path here, else `socket_last_error()` (the last error
 * of any socket call). After a failed socket_create() the variable is false, and passing false
 * is a TypeError on PHP 8; socket_create() itself has no socket argument.
 */
export function lastErrorCall(text: string, call: SocketCall): string {
  const param = call.fn.socketParam !== undefined ? call.fn.params[call.fn.socketParam]!.name : undefined;
  const socket = param !== undefined ? call.arguments.get(param) : undefined;
  if (!socket || !isPlainReference(socket.node)) return 'socket_last_error()';
  // `pending`: socket calls whose false may still be in the variable here (a checked one is not).
  return socket.value.pending.size > 0 ? 'socket_last_error()' : `socket_last_error(${sourceOf(text, socket.node)})`;
}

/**
 * The expression that says why the call failed: for ext/sockets `socket_strerror(socket_last_error(…))`;
 * for a stream function the `$errstr` variable it was given, else PHP's last warning (stream calls
 * and socket_import_stream() set no socket error).
 */
function failureReport(text: string, call: SocketCall): string {
  if (call.fn.api === 'sockets' && !call.fn.effects.setsNoSocketError) return `socket_strerror(${lastErrorCall(text, call)})`;
  const errstrParam = Object.entries(call.fn.stream?.outputs ?? {}).find(([, meaning]) => meaning === 'errstr')?.[0];
  const errstr = errstrParam === undefined ? undefined : argumentFor(call.node, call.fn, errstrParam);
  return errstr && isPlainReference(errstr) ? sourceOf(text, errstr) : "(error_get_last()['message'] ?? '')";
}

/** `throw new \RuntimeException('socket_bind() failed: ' . socket_strerror(socket_last_error($s)));` */
function throwStatement(text: string, call: SocketCall): string {
  return `throw new \\RuntimeException('${call.fn.name}() failed: ' . ${failureReport(text, call)});`;
}

function checkBlock(text: string, call: SocketCall, condition: string, indentation: string): string {
  const eol = lineEndingOf(text);
  const inner = indentation + indentUnit(text, indentation);
  return `if (${condition} === false) {${eol}${inner}${throwStatement(text, call)}${eol}${indentation}}`;
}

/**
 * Throwing where the program went on changes what runs: a suggestion, never applied by --fix.
 * None inside a try: its catch or finally would run before the throw leaves, and may well go
 * on to the unchecked use.
 */
function suggestionsFor(text: string, call: SocketCall): Suggestion[] {
  const statement = call.statement;
  if (!statement?.inStatementList || statement.insideTry || call.node.parenthesizedExpression || statement.statement.expression?.parenthesizedExpression) return [];
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

function describeUse(text: string, result: UncheckedResult, lineOf: (offset: number) => number): Record<string, string | number> {
  const data: Record<string, string | number> = { name: result.call.fn.name, report: failureReport(text, result.call) };
  if (result.useRange) data.line = lineOf(result.useRange[0]);
  return data;
}

/** Why it can fail (the hover and rule page say more), and where the unchecked value is used. */
function relatedFor(result: UncheckedResult): RelatedInformation[] {
  const related: RelatedInformation[] = [];
  const onFalse = result.call.fn.note?.onFalse;
  if (onFalse) related.push({ range: result.call.nameRange, message: `${result.call.fn.name}(): false means ${onFalse}` });
  if (result.useRange) related.push({ range: result.useRange, message: 'used here without a check for false' });
  return related;
}

/** A dropped result its function's effects call the norm (socket-effects.json `droppedIsNormal`). */
function droppedIsNormal(call: SocketCall): boolean {
  const normal = call.fn.effects.droppedIsNormal;
  return normal === 'always' || (normal !== undefined && call.socketStates.has(normal));
}

export default defineRule({
  id: 'unchecked-false-return',
  meta: {
    description: 'A socket_*() or stream-socket call that can return false must be checked before its result is used or dropped.',
    defaultSeverity: 'warning',
    fixable: false,
    hasSuggestions: true,
    messages: {
      dropped: '{{name}}() returns false on failure, and this result is never checked. On false, report {{report}}.',
      used: '{{name}}() returns false on failure, and line {{line}} uses the result unchecked. On false, report {{report}}.',
    },
  },
  facts: () => new BlindComparisons(),
  check(context) {
    // A value whose only "check" is `< 0` or `== -1` is impossible-false-check's finding: it says why.
    const blind = new Set(
      context.ruleEnabled('impossible-false-check') ? [...context.facts.comparisons.values()].flatMap((comparison) => [...comparison.callIds]) : [],
    );
    const listenRuleOn = context.ruleEnabled('listen-on-datagram');
    const partialWriteOn = context.ruleEnabled('partial-write');
    for (const result of context.model.unchecked) {
      if (blind.has(result.call.id)) continue;
      // A listen on a UDP socket always fails: listen-on-datagram's finding says so, and it is one mistake.
      if (listenRuleOn && datagramListen(result.call)) continue;
      // A dropped non-blocking socket_write() loses data by a false or by a short count: partial-write's
      // finding and its write-all loop cover both, and it is one mistake.
      if (partialWriteOn && result.how === 'dropped' && partialWriteUse(context.model, result.call) === 'dropped') continue;
      // Some dropped results are the norm: socket_shutdown() before a close, a non-blocking connect.
      if (result.how === 'dropped' && droppedIsNormal(result.call)) continue;
      // Where a throwing error handler turns the failure's warning into an exception, false never comes
      // back; but a non-blocking socket's "would block" is a false with no warning.
      if (!result.call.socketStates.has('nonblocking') && warningThrowsAt(context.model.program, context.text, result.call.node.loc?.start.offset ?? 0)) continue;
      context.report({
        messageId: result.how === 'used' && result.useRange ? 'used' : 'dropped',
        data: describeUse(context.text, result, context.lineOf),
        range: result.call.nameRange,
        related: relatedFor(result),
        suggestions: suggestionsFor(context.text, result.call),
      });
    }
  },
});
