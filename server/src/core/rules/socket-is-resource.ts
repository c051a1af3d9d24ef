
import { exactRange, fix, needsParentheses, sourceOf } from '../fix-builders';
import type { ResourceTest } from '../model/model';
import { defineRule } from '../rule';
import type { Fix } from '../types';

function versionAtLeast(version: string, major: number): boolean {
  const [maj] = version.split('.').map(Number);
  return (maj ?? 0) >= major;
}

/** The tested value as the left operand of `instanceof`. */
function subjectOf(text: string, test: ResourceTest): string {
  const argument = sourceOf(text, test.argument);
  return /^\$[\w>-]+$|^\$this->\w+$/.test(argument) ? argument : `(${argument})`;
}

function instanceofFix(text: string, test: ResourceTest): Fix | undefined {
  if (test.fn === 'get_resource_type') return undefined;
  const subject = subjectOf(text, test);
  const range = exactRange(text, test.node);
  let replacement = `${subject} instanceof \\Socket`;
  if (test.negated) replacement = `!(${replacement})`;
  else if (needsParentheses(text, range)) replacement = `(${replacement})`;
  return fix(`Replace with ${subject} instanceof \\Socket`, [{ range, text: replacement }]);
}

/** A long expression is named by its start, so the message's first sentence stays short. */
function shortened(source: string): string {
  const oneLine = source.replace(/\s+/g, ' ');
  return oneLine.length > 30 ? `${oneLine.slice(0, 27)}...` : oneLine;
}

export default defineRule({
  id: 'socket-is-resource',
  meta: {
    description: 'Since PHP 8.0 sockets are Socket objects: is_resource() is always false for them.',
    defaultSeverity: 'warning',
    fixable: true,
    hasSuggestions: false,
    messages: {
      isResource: 'is_resource() is always false for a PHP 8 Socket object. Test `{{subject}} instanceof \\Socket`.',
      maybeIsResource: 'is_resource() may get a PHP 8 Socket object, for which it is always false. Test `{{subject}} instanceof \\Socket`.',
      getResourceType: 'get_resource_type() throws a TypeError for a PHP 8 Socket object. Test `{{subject}} instanceof \\Socket`.',
      gettype: '{{fn}}() of a PHP 8 Socket object is "{{actual}}", never "resource". Test `{{subject}} instanceof \\Socket`.',
    },
  },
  check(context) {
    if (!versionAtLeast(context.phpVersion, 8)) return;
    for (const test of context.model.resourceTests) {
      const definite = !test.value.unknown;
      const messageId =
        test.fn === 'is_resource' ? (definite ? 'isResource' : 'maybeIsResource') : test.fn === 'get_resource_type' ? 'getResourceType' : 'gettype';
      const instanceofFixOrNone = instanceofFix(context.text, test);
      context.report({
        messageId,
        data: { fn: test.fn, actual: test.fn === 'gettype' ? 'object' : 'Socket', subject: shortened(subjectOf(context.text, test)) },
        range: exactRange(context.text, test.node),
        ...(instanceofFixOrNone ? { fix: instanceofFixOrNone } : {}),
      });
    }
  },
});
