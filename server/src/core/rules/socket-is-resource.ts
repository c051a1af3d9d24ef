
import { exactRange, fix, needsParentheses, sourceOf } from '../fix-builders';
import type { ResourceTest } from '../model/model';
import { defineRule } from '../rule';
import type { Fix } from '../types';

function versionAtLeast(version: string, major: number): boolean {
  const [maj] = version.split('.').map(Number);
  return (maj ?? 0) >= major;
}

function instanceofFix(text: string, test: ResourceTest): Fix | undefined {
  if (test.fn === 'get_resource_type') return undefined;
  const argument = sourceOf(text, test.argument);
  const subject = /^\$[\w>-]+$|^\$this->\w+$/.test(argument) ? argument : `(${argument})`;
  const range = exactRange(text, test.node);
  let replacement = `${subject} instanceof \\Socket`;
  if (test.negated) replacement = `!(${replacement})`;
  else if (needsParentheses(text, range)) replacement = `(${replacement})`;
  return fix(`Replace with ${subject} instanceof \\Socket`, [{ range, text: replacement }]);
}

export default defineRule({
  id: 'socket-is-resource',
  meta: {
    description: 'Since PHP 8.0 sockets are Socket objects: is_resource() is always false for them.',
    defaultSeverity: 'warning',
    fixable: true,
    hasSuggestions: false,
    messages: {
      isResource:
        'is_resource() is always false for a Socket: since PHP 8.0 socket_create(), socket_accept() and the other socket_* constructors return Socket objects, not resources. Test `$socket instanceof \\Socket` (or `!== false`) instead.',
      maybeIsResource:
        'is_resource() may get a Socket here, and is always false for one: since PHP 8.0 sockets are Socket objects, not resources. Test `$socket instanceof \\Socket` (or `!== false`) instead.',
      getResourceType:
        'get_resource_type() throws a TypeError for a Socket: since PHP 8.0 sockets are Socket objects, not resources. Test `$socket instanceof \\Socket` instead.',
      gettype:
        '{{fn}}() of a Socket is never "resource": since PHP 8.0 sockets are Socket objects ({{fn}}() says "{{actual}}"). Test `$socket instanceof \\Socket` instead.',
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
        data: { fn: test.fn, actual: test.fn === 'gettype' ? 'object' : 'Socket' },
        range: exactRange(context.text, test.node),
        ...(instanceofFixOrNone ? { fix: instanceofFixOrNone } : {}),
      });
    }
  },
});
