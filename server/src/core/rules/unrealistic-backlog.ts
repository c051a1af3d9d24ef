import { rangeOf } from '../ast';
import { replaceNode, suggestion } from '../fix-builders';
import { defineRule } from '../rule';

export default defineRule({
  id: 'unrealistic-backlog',
  meta: {
    description: 'A listen backlog above net.core.somaxconn (or below zero) is silently truncated by the kernel.',
    defaultSeverity: 'warning',
    fixable: false,
    hasSuggestions: true,
    messages: {
      tooLarge: 'Backlog {{value}} is above net.core.somaxconn ({{somaxconn}}): the kernel silently caps it there.',
      negative: 'Backlog {{value}} is negative: the kernel silently uses net.core.somaxconn ({{somaxconn}}) instead.',
    },
  },
  check(context) {
    for (const call of context.model.calls) {
      const backlog = call.arguments.get('backlog');
      if (!backlog) continue;
      const { value } = backlog;
      if (value.unknown || value.sockets.size > 0 || value.consts.length === 0) continue;
      if (!value.consts.every((c) => typeof c === 'number' && Number.isInteger(c))) continue;
      const numbers = value.consts as number[];
      const offending = numbers.find((n) => n < 0) ?? numbers.find((n) => n > context.somaxconn);
      if (offending === undefined) continue;
      context.report({
        messageId: offending < 0 ? 'negative' : 'tooLarge',
        data: { value: offending, somaxconn: context.somaxconn },
        range: rangeOf(backlog.node),
        related: [
          {
            range: rangeOf(backlog.node),
            message:
              offending < 0
                ? `pass a backlog from 0 to ${context.somaxconn}`
                : `or keep it and raise the host's limit: sysctl -w net.core.somaxconn=${offending}`,
          },
        ],
        // What the kernel uses anyway on a host configured so; never PHP's SOMAXCONN, a compile-time 4096.
        suggestions: [suggestion(`Lower the backlog to ${context.somaxconn} (net.core.somaxconn)`, [replaceNode(backlog.node, String(context.somaxconn))])],
      });
    }
  },
});
