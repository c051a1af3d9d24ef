// isset()/array_key_exists() on ['timed_out'] of stream_get_meta_data(): the key is always there
// (stream-effects.json metaData.alwaysKeys, measured), so the test is always true.
import { calledFunctionName, childNodes, isKind, isNode, type NodeOf, type PhpNode } from '../ast';
import { exactRange, fix, sourceOf } from '../fix-builders';
import type { SocketModel } from '../model/model';
import { defineRule } from '../rule';
import { META_DATA_KEYS } from '../stream-api';

const KEY = 'timed_out';
const FUNCTION_LIKE = new Set(['function', 'method', 'closure', 'arrowfunc']);

/** A key test that is always true, the array it tests and the meta-data function the array came from. */
type KeyTest = KeyTestCall & { array: NodeOf<'variable'>; fn: string };
type KeyTestCall = { how: 'isset'; node: NodeOf<'isset'> } | { how: 'array_key_exists'; node: NodeOf<'call'> };

function isKeyLookup(node: unknown): node is NodeOf<'offsetlookup'> {
  return isKind(node, 'offsetlookup') && isKind(node.offset, 'string') && node.offset.value === KEY;
}

/** The meta-data function (stream_get_meta_data, socket_get_status) every value of `array` read here came from, if one. */
function metaDataSources(model: SocketModel): (array: PhpNode) => string | undefined {
  const byId = new Map(model.calls.map((call) => [call.id, call]));
  return (array) => {
    const origins = model.originReads.get(array)?.origins ?? [];
    const names = new Set(origins.map((origin) => {
      const call = byId.get(origin.callId);
      return origin.what === 'result' && call?.fn.stream?.returnsKeys === 'metaData' ? call.fn.name : undefined;
    }));
    return names.size === 1 ? [...names][0] : undefined;
  };
}

/** Every always-true key test in a function body (or the file), and whether the value is read besides. */
function keyTestsIn(sourceOfArray: (array: PhpNode) => string | undefined, body: PhpNode, tests: KeyTest[]): void {
  const found: KeyTest[] = [];
  const valueReads = new Set<string>();
  const visit = (node: PhpNode): void => {
    if (FUNCTION_LIKE.has(node.kind) && node !== body) {
      keyTestsIn(sourceOfArray, node, tests);
      return;
    }
    if (node.kind === 'isset') {
      for (const variable of node.variables) if (isKeyLookup(variable)) addTest({ how: 'isset', node }, variable.what);
      return;
    }
    if (node.kind === 'call' && calledFunctionName(node) === 'array_key_exists') {
      const [key, array] = node.arguments;
      if (key?.kind === 'string' && key.value === KEY && isNode(array)) addTest({ how: 'array_key_exists', node }, array);
      return;
    }
    if (isKeyLookup(node) && node.what.kind === 'variable') valueReads.add(String(node.what.name));
    for (const child of childNodes(node)) visit(child);
  };
  const addTest = (test: KeyTestCall, array: PhpNode) => {
    const fn = array.kind === 'variable' ? sourceOfArray(array) : undefined;
    if (fn && array.kind === 'variable') found.push({ ...test, array, fn });
  };
  visit(body);
  // `isset($m['timed_out']) && $m['timed_out']`: the value is tested too.
  tests.push(...found.filter((test) => !valueReads.has(String(test.array.name))));
}

export default defineRule({
  id: 'timed-out-isset',
  meta: {
    description: "isset() or array_key_exists() on stream_get_meta_data()'s ['timed_out']: the key is always there.",
    defaultSeverity: 'error',
    fixable: true,
    hasSuggestions: false,
    messages: {
      alwaysTrue: "{{how}}() on ['timed_out'] of {{fn}}() is always true: the key is always there. Test its value: {{value}}.",
    },
  },
  check(context) {
    if (!META_DATA_KEYS.includes(KEY) || !context.model.calls.some((call) => call.fn.stream?.returnsKeys === 'metaData')) return;
    const tests: KeyTest[] = [];
    keyTestsIn(metaDataSources(context.model), context.model.program, tests);
    for (const test of tests) {
      const value = `!empty(${sourceOf(context.text, test.array)}['${KEY}'])`;
      // isset() with one argument, or array_key_exists(): the whole test becomes the value's.
      const single = test.how === 'array_key_exists' || test.node.variables.length === 1;
      context.report({
        messageId: 'alwaysTrue',
        data: { how: test.how, fn: test.fn, value },
        range: exactRange(context.text, test.node),
        // The test can never work (the key is always there): testing the value is what it meant.
        ...(single ? { fix: fix(`Replace with ${value}`, [{ range: exactRange(context.text, test.node), text: value }]) } : {}),
      });
    }
  },
});
