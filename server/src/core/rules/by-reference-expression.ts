import { enclosingListStatement, isNode, rangeOf, unwrapSilence, variableMentions, variableName, type PhpNode } from '../ast';
import { exactRange, fix, freshName, indentationAt, lineEndingOf, sourceOf } from '../fix-builders';
import type { SocketCall } from '../model/model';
import { defineRule } from '../rule';
import { argumentFor } from '../socket-api';
import type { Fix } from '../types';

/** What PHP can take a reference to: a variable, a property, a static property, an array element. */
const REFERENCEABLE = new Set(['variable', 'propertylookup', 'staticlookup', 'offsetlookup']);
/** Values that can move before the statement without changing what runs. */
const CONSTANT_KINDS = new Set(['nullkeyword', 'number', 'string', 'boolean', 'nowdoc', 'name']);

interface ByReferenceArgument {
  call: SocketCall;
  param: string;
  /** 1-based, as PHP's message counts. */
  position: number;
  argument: PhpNode;
}

function byReferenceArguments(call: SocketCall): ByReferenceArgument[] {
  const found: ByReferenceArgument[] = [];
  call.fn.params.forEach((param, index) => {
    if (!param.byRef) return;
    const argument = argumentFor(call.node, call.fn, param.name);
    if (argument && !REFERENCEABLE.has(unwrapSilence(argument).kind)) found.push({ call, param: param.name, position: index + 1, argument });
  });
  return found;
}

/** A literal, a constant or an array of them: evaluating it earlier is evaluating it. */
function isConstantExpression(node: PhpNode): boolean {
  if (CONSTANT_KINDS.has(node.kind)) return true;
  if (node.kind === 'unary' && isNode(node.what)) return isConstantExpression(node.what);
  if (node.kind === 'array') return (node.items ?? []).every((item: unknown) => !isNode(item) || isConstantExpression(item.kind === 'entry' ? item.value : item));
  return false;
}

/**
 * `socket_select($r, $w = null, $e = null, 1)` → `$w = null;` and `$e = null;` on their own lines
 * before the statement, and the variables in the call. Safe when the moved values are constants
 * and the variables appear nowhere else in the statement (so nothing reads them in between).
 */
function hoistFix(text: string, program: PhpNode, found: ByReferenceArgument[], usedNames: () => Set<string>): Fix | undefined {
  const statement = enclosingListStatement(program, found[0]!.call.node);
  if (!statement) return undefined;
  const mentions = variableMentions(statement);
  const eol = lineEndingOf(text);
  const statementStart = rangeOf(statement)[0];
  const indentation = indentationAt(text, statementStart);
  const assignments: string[] = [];
  const edits = [];
  for (const { argument, param } of found) {
    const expression = unwrapSilence(argument);
    let variable: string;
    let value: PhpNode;
    if (expression.kind === 'assign' && expression.operator === '=' && isNode(expression.left) && variableName(expression.left) && isNode(expression.right)) {
      variable = variableName(expression.left)!;
      value = expression.right;
      if ((mentions.get(variable) ?? 0) !== 1) return undefined;
    } else {
      variable = freshName(param, usedNames());
      value = expression;
    }
    if (!isConstantExpression(value)) return undefined;
    assignments.push(`$${variable} = ${sourceOf(text, value)};`);
    edits.push({ range: exactRange(text, argument), text: `$${variable}` });
  }
  const declaration = assignments.map((line) => line + eol + indentation).join('');
  edits.unshift({ range: [statementStart, statementStart] as const, text: declaration });
  const names = found.map(({ param }) => `$${param}`).join(', ');
  return fix(`Pass variables set before the call for ${names}`, edits);
}

export default defineRule({
  id: 'by-reference-expression',
  meta: {
    description: 'An expression passed where a socket_*() function takes a variable by reference.',
    defaultSeverity: 'error',
    fixable: true,
    hasSuggestions: false,
    messages: {
      expression:
        '{{name}}() needs a variable for ${{param}} (by reference): PHP 8 throws an Error at this call. Set a variable before the call and pass it.',
      callResult:
        '{{name}}() writes into ${{param}}, and a call\'s result is no variable: what it writes is lost. Store the result in a variable first.',
    },
  },
  check(context) {
    // The file's variable names, for a fresh one: a walk of the whole file, so only when a fix needs one.
    let names: Set<string> | undefined;
    const usedNames = () => (names ??= new Set(variableMentions(context.model.program).keys()));
    for (const call of context.model.calls) {
      const found = byReferenceArguments(call);
      if (found.length === 0) continue;
      const expressions = found.filter(({ argument }) => !['call', 'new'].includes(unwrapSilence(argument).kind));
      // One fix for the call (it repairs a call PHP 8 rejects, and keeps the evaluation order): the variables are declared together, before the statement.
      const hoisted = expressions.length === found.length ? hoistFix(context.text, context.model.program, found, usedNames) : undefined;
      for (const { param, position, argument } of found) {
        const isCall = ['call', 'new'].includes(unwrapSilence(argument).kind);
        context.report({
          messageId: isCall ? 'callResult' : 'expression',
          data: { name: call.fn.name, param, position },
          range: exactRange(context.text, argument),
          ...(hoisted ? { fix: hoisted } : {}),
        });
      }
    }
  },
});
