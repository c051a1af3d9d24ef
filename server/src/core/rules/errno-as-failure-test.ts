// $errno tested as the failure test of a stream opener whose result is not tested: $errno is 0 for
// failures before connect() (bad address, a host that does not resolve), for every
// stream_socket_server() failure, and not even set for an unknown transport (measured in
// test/stream/php-behaviour.test.ts), so the test misses them.
import { rangeOf } from '../ast';
import { warningThrowsAt } from '../model/error-handlers';
import type { OriginRead } from '../model/model';
import { defineRule } from '../rule';

export default defineRule({
  id: 'errno-as-failure-test',
  meta: {
    description: "$errno of a stream opener tested where the opener's own result is not: it is 0 for many failures.",
    defaultSeverity: 'warning',
    fixable: false,
    hasSuggestions: false,
    messages: {
      beforeConnect:
        "Testing {{variable}} misses failures of {{name}}(): it is 0 when the host does not resolve. On an unknown transport it holds junk; test the result for false.",
      alwaysZero: 'Testing {{variable}} misses every failure of {{name}}(): it is always 0 there. Test the result for false.',
    },
  },
  check(context) {
    const { model } = context;
    const byId = new Map(model.calls.map((call) => [call.id, call]));
    // Openers whose result no path tests (dropped, or used unchecked), and whose failure returns at all.
    const untested = new Set(
      model.unchecked
        .filter((result) => result.call.fn.stream?.opens && !warningThrowsAt(model.program, context.text, rangeOf(result.call.node)[0]))
        .map((result) => result.call.id),
    );
    if (untested.size === 0) return;
    const firstTest = new Map<number, OriginRead>();
    for (const read of model.originReads.values()) {
      if (!read.usages.has('check')) continue;
      for (const origin of read.origins) {
        const known = firstTest.get(origin.callId);
        if (origin.what === 'errno' && untested.has(origin.callId) && (!known || rangeOf(read.node)[0] < rangeOf(known.node)[0])) firstTest.set(origin.callId, read);
      }
    }
    for (const [callId, read] of firstTest) {
      const call = byId.get(callId)!;
      context.report({
        messageId: call.fn.stream?.errnoAlwaysZero ? 'alwaysZero' : 'beforeConnect',
        data: { variable: context.text.slice(...rangeOf(read.node)), name: call.fn.name },
        range: rangeOf(read.node),
        related: [{ range: call.nameRange, message: `${call.fn.name}()'s result is never tested for false` }],
      });
    }
  },
});
