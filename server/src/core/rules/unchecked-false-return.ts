import { appendChildNodes, calledFunctionName, enclosingFunction, FUNCTION_KINDS, isNode, rangeOf, unwrapSilence, type PhpNode } from '../ast';
import { exactEnd, indentationAt, indentUnit, isPlainReference, lineEndingOf, sourceOf, suggestion } from '../fix-builders';
import type { SocketCall, UncheckedResult } from '../model/model';
import { argumentFor } from '../socket-api';
import { defineRule } from '../rule';
import { warningThrowsAt } from '../model/error-handlers';
import { BlindComparisons } from './impossible-false-check';
import { datagramListen } from './listen-on-datagram';
import { partialWriteUse } from './partial-write';
import type { RelatedInformation, Suggestion } from '../types';
import { failureStyleAt, type FailureStyle } from './failure-style';
import { damagedByParseError } from './parse-damage';

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

/**
 * What the check does on failure, in the style of the code around it (failure-style.ts):
 * `return false;`, or `throw new \RuntimeException('socket_bind() failed: ' . socket_strerror(…));`
 * with the class (and a code argument) the surrounding code throws.
 */
function failureStatement(text: string, call: SocketCall, style: FailureStyle): string {
  if (style.kind === 'return-false') return 'return false;';
  return `throw new ${style.className}(${style.before}'${call.fn.name}() failed: ' . ${failureReport(text, call)}${style.after});`;
}

function checkBlock(text: string, call: SocketCall, condition: string, indentation: string, style: FailureStyle): string {
  const eol = lineEndingOf(text);
  const inner = indentation + indentUnit(text, indentation);
  return `if (${condition} === false) {${eol}${inner}${failureStatement(text, call, style)}${eol}${indentation}}`;
}

/**
 * Throwing where the program went on changes what runs: a suggestion, never applied by --fix.
 * None inside a try: its catch or finally would run before the throw leaves, and may well go
 * on to the unchecked use. No throw for a dropped `@call;`: its author asked for a quiet failure,
 * and a throw is the opposite (the finding still says what is lost); a `return false;` where the
 * function's other failure paths return false is as quiet, and is offered.
 */
function suggestionsFor(text: string, program: PhpNode, call: SocketCall): Suggestion[] {
  const statement = call.statement;
  if (!statement?.inStatementList || statement.insideTry || call.node.parenthesizedExpression || statement.statement.expression?.parenthesizedExpression) return [];
  const [start, end] = rangeOf(statement.statement);
  const indentation = indentationAt(text, start);
  const style = failureStyleAt(program, text, call.node);
  if (statement.form === 'call') {
    if (isNode(statement.statement.expression) && statement.statement.expression.kind === 'silent' && style.kind === 'throw') return [];
    // The statement's expression up to the call's own `)`: not the `;`, not a comment before it.
    const expression = text.slice(rangeOf(statement.statement.expression)[0], exactEnd(text, call.node));
    const replacement = checkBlock(text, call, expression, indentation, style);
    const title = style.kind === 'return-false' ? `Return false when ${call.fn.name}() fails` : `Throw when ${call.fn.name}() fails`;
    return [suggestion(title, [{ range: [start, end], text: replacement }])];
  }
  // A statement closed by `?>` has no `;` to insert after.
  if (!isPlainReference(statement.target) || !text.slice(start, end).trimEnd().endsWith(';')) return [];
  const target = sourceOf(text, statement.target!);
  const insertion = lineEndingOf(text) + indentation + checkBlock(text, call, target, indentation, style);
  return [suggestion(`Check ${target} for false after ${call.fn.name}()`, [{ range: [end, end], text: insertion }])];
}

/** The branch of a test where the tested result is false, and whether only false gets there. */
type FailureBranch = { branch: 'then' | 'else'; strict: boolean };

const TYPE_TESTS = new Set(['is_resource', 'is_object']);

function isFalseLiteral(node: unknown): boolean {
  return isNode(node) && node.kind === 'boolean' && node.value === false;
}

/**
 * Which branch of `test` is the failure branch of the result `isSubject` recognises: `!$x`,
 * `$x === false`, `$x == false` and `empty($x)` send false to the then branch; `$x`, `$x !== false`,
 * `is_resource($x)` and `$x instanceof \Socket` to the else. `strict`: nothing but false gets there
 * (a loose test also lets '' and 0 in). Compound conditions are not taken apart.
 */
function failureBranchOf(test: PhpNode, isSubject: (node: PhpNode) => boolean): FailureBranch | undefined {
  const node = unwrapSilence(test);
  const flip = (found: FailureBranch | undefined): FailureBranch | undefined => found && { branch: found.branch === 'then' ? 'else' : 'then', strict: found.strict };
  if (isSubject(node)) return { branch: 'else', strict: false };
  if (node.kind === 'unary' && node.type === '!' && isNode(node.what)) return flip(failureBranchOf(node.what, isSubject));
  if (node.kind === 'bin' && node.type === 'instanceof' && isNode(node.left) && isSubject(unwrapSilence(node.left))) return { branch: 'else', strict: true };
  if (node.kind === 'bin' && ['===', '==', '!==', '!='].includes(node.type)) {
    const [left, right] = [node.left, node.right];
    const subject = isFalseLiteral(right) && isNode(left) && isSubject(unwrapSilence(left)) ? left : isFalseLiteral(left) && isNode(right) && isSubject(unwrapSilence(right)) ? right : undefined;
    if (!subject) return undefined;
    const strict = node.type === '===' || node.type === '!==';
    return { branch: node.type === '===' || node.type === '==' ? 'then' : 'else', strict };
  }
  if (node.kind === 'call' && TYPE_TESTS.has(calledFunctionName(node) ?? '')) {
    const [arg] = (node.arguments ?? []).filter(isNode);
    return arg && isSubject(unwrapSilence(arg)) ? { branch: 'else', strict: true } : undefined;
  }
  if (node.kind === 'empty' && isNode(node.expression) && isSubject(unwrapSilence(node.expression))) return { branch: 'then', strict: false };
  return undefined;
}

/** Only false is falsy among its results: a Socket, a stream, or true on success. */
function falsyOnlyOnFailure(call: SocketCall): boolean {
  return call.fn.effects.creates !== undefined || call.fn.returns === 'Socket|false' || call.fn.returns === 'bool';
}

/**
 * The use sits in the failure branch of an `if` or `?:` whose condition tests the result itself
 * (the variable it was assigned to, or the call in the condition): there the value is false, and
 * the use is the mistake, not a missing check. A loose test (`!$data`) counts only for a result
 * no success makes falsy: `!$data` after socket_read() also takes the peer's '' there.
 */
function insideOwnFailureBranch(program: PhpNode, text: string, result: UncheckedResult): boolean {
  const use = result.useRange;
  const call = result.call;
  // What is used may be an output the call left unset (socket_create_pair()'s `$pair`), not its false.
  if (!use || call.fn.effects.creates?.into !== undefined) return false;
  const target = call.statement?.form === 'assign' ? call.statement.target : undefined;
  const targetText = target ? sourceOf(text, target) : undefined;
  const isSubject = (node: PhpNode): boolean => {
    if (node === call.node) return true;
    if (node.kind === 'assign' && node.operator === '=' && (node.right === call.node || (isNode(node.left) && isSubject(node.left)))) return true;
    return targetText !== undefined && ['variable', 'propertylookup', 'staticlookup'].includes(node.kind) && sourceOf(text, node) === targetText;
  };
  const inside = (node: unknown): boolean => isNode(node) && rangeOf(node)[0] <= use[0] && use[1] <= rangeOf(node)[1];
  const callEnd = rangeOf(call.node)[1];
  const stack = appendChildNodes(program, []);
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!inside(node)) continue;
    // A test written before the call (`if (!$fp) { $fp = fsockopen($backup, …); … }`) is of an earlier value.
    if ((node.kind === 'if' || node.kind === 'retif') && isNode(node.test) && rangeOf(node.test)[1] <= use[0] && rangeOf(node.test)[1] >= callEnd) {
      const found = failureBranchOf(node.test, isSubject);
      const branch = found && (found.branch === 'then' ? (node.kind === 'if' ? node.body : node.trueExpr) : node.kind === 'if' ? node.alternate : node.falseExpr);
      if (found && (found.strict || falsyOnlyOnFailure(call)) && inside(branch)) return true;
    }
    appendChildNodes(node, stack);
  }
  return false;
}

function describeUse(program: PhpNode, text: string, result: UncheckedResult, lineOf: (offset: number) => number): Record<string, string | number> {
  const data: Record<string, string | number> = { name: result.call.fn.name, report: failureReport(text, result.call), where: '' };
  if (result.useRange) {
    data.line = lineOf(result.useRange[0]);
    data.where = whereUsed(program, result.call.node, result.useRange[0]);
  }
  return data;
}

/**
 * Where a use the reader cannot see after the call is: in another function (a result returned to
 * its caller) or, earlier in the same function, on a loop's next pass. '' for a use that follows.
 */
function whereUsed(program: PhpNode, call: PhpNode, useOffset: number): string {
  const callScope = enclosingFunction(program, call);
  const [start, end] = callScope ? rangeOf(callScope) : [0, Number.POSITIVE_INFINITY];
  const withinScope = start <= useOffset && useOffset < end;
  // The common case, a use after the call in its function, costs no walk (this runs per finding).
  if (withinScope && useOffset >= rangeOf(call)[0]) return '';
  const user = functionAt(callScope ?? program, useOffset) ?? (withinScope ? callScope : functionAt(program, useOffset));
  if (user === callScope) return " That use is on the loop's next pass.";
  const name = (user as { name?: unknown } | undefined)?.name;
  return isNode(name) && 'name' in name ? ` That use is in ${String(name.name)}().` : '';
}

/** The innermost function, method or closure inside `root` that holds `offset` (undefined: none). */
function functionAt(root: PhpNode, offset: number): PhpNode | undefined {
  let found: PhpNode | undefined;
  const stack = appendChildNodes(root, []);
  for (let node = stack.pop(); node; node = stack.pop()) {
    const [from, to] = rangeOf(node);
    if (offset < from || offset >= to) continue;
    if (FUNCTION_KINDS.has(node.kind)) found = node;
    appendChildNodes(node, stack);
  }
  return found;
}

/** Why it can fail (the hover and rule page say more), and where the unchecked value is used. */
function relatedFor(result: UncheckedResult, whereFalse: boolean): RelatedInformation[] {
  const related: RelatedInformation[] = [];
  const onFalse = result.call.fn.note?.onFalse;
  if (onFalse) related.push({ range: result.call.nameRange, message: `${result.call.fn.name}(): false means ${onFalse}` });
  if (result.useRange) related.push({ range: result.useRange, message: whereFalse ? 'used here, where it is false' : 'used here without a check for false' });
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
      used: '{{name}}() returns false on failure, and line {{line}} uses the result unchecked.{{where}} On false, report {{report}}.',
      usedWhereFalse: 'Line {{line}}, in the failure branch of {{name}}(), uses its false result. On false, report {{report}}.',
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
      // A call cut off by a syntax error (`$fp = fsockopen(` while typing) is not yet code to judge.
      if (damagedByParseError(context.model.program, context.text, result.call.node)) continue;
      const used = result.how === 'used' && result.useRange !== undefined;
      const whereFalse = used && context.facts.tested.has(result.call.id) && insideOwnFailureBranch(context.model.program, context.text, result);
      context.report({
        messageId: whereFalse ? 'usedWhereFalse' : used ? 'used' : 'dropped',
        data: describeUse(context.model.program, context.text, result, context.lineOf),
        range: result.call.nameRange,
        related: relatedFor(result, whereFalse),
        // It was checked: the fix is in the failure branch, not another check.
        suggestions: whereFalse ? [] : suggestionsFor(context.text, context.model.program, result.call),
      });
    }
  },
});
