import { rangeOf } from '../ast';
import { replaceNode, suggestion } from '../fix-builders';
import type { ArgumentFact, SocketCall } from '../model/model';
import { defineRule, type RuleContext } from '../rule';
import { serverMayListen } from './listen-on-datagram';

type MessageId = 'tooLarge' | 'negative';

/**
 * The backlogs a stream server gets from its context: the `socket` option `backlog` of the
 * stream_context_create() call its context came from, or of a stream_context_set_option() on
 * that context (PHP hands it to listen() unchecked). A context that feeds no server that
 * listens (STREAM_SERVER_BIND alone, udp://) is quiet.
 */
function contextBacklogs(calls: readonly SocketCall[]): ArgumentFact[] {
  const byId = new Map(calls.map((call) => [call.id, call]));
  const contextIdsOf = (fact: ArgumentFact | undefined) => [...(fact?.value.origins?.values() ?? [])].filter((o) => o.what === 'result').map((o) => o.callId);
  const serverContexts = new Set(
    calls.flatMap((call) =>
      call.fn.stream?.opens?.role === 'server' && call.fn.stream.opens.context && serverMayListen(call) ? contextIdsOf(call.arguments.get(call.fn.stream.opens.context)) : [],
    ),
  );
  const backlogs: ArgumentFact[] = [];
  for (const id of serverContexts) {
    const created = byId.get(id)?.arguments.get('socket.backlog');
    if (created) backlogs.push(created);
  }
  for (const call of calls) {
    const sets = call.fn.stream?.setsContextOption;
    if (!sets || !contextIdsOf(call.arguments.get(sets.context)).some((id) => serverContexts.has(id))) continue;
    if (isString(call.arguments.get('wrapper_or_options'), 'socket') && isString(call.arguments.get('option_name'), 'backlog')) {
      const value = call.arguments.get('value');
      if (value) backlogs.push(value);
    }
  }
  return backlogs;
}

function isString(fact: ArgumentFact | undefined, text: string): boolean {
  return fact !== undefined && !fact.value.unknown && fact.value.consts.length > 0 && fact.value.consts.every((c) => c === text);
}

function checkBacklog(context: RuleContext<MessageId>, backlog: ArgumentFact): void {
  const { value } = backlog;
  if (value.unknown || value.sockets.size > 0 || value.consts.length === 0) return;
  if (!value.consts.every((c) => typeof c === 'number' && Number.isInteger(c))) return;
  const numbers = value.consts as number[];
  const offending = numbers.find((n) => n < 0) ?? numbers.find((n) => n > context.somaxconn);
  if (offending === undefined) return;
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
      const backlog = call.fn.api === 'sockets' ? call.arguments.get('backlog') : undefined;
      if (backlog) checkBacklog(context, backlog);
    }
    for (const backlog of contextBacklogs(context.model.calls)) checkBacklog(context, backlog);
  },
});
