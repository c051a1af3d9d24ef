// The analysis events a rule hears (server/src/core/model/events.ts): a listener that is not a
// rule of this package hears calls, conditions, comparisons and tested results, asks the scope
// what a value holds, and only the last round's listener reaches the caller.
import { describe, expect, it } from 'vitest';
import { calledFunctionName, isNode, type PhpNode } from '../../server/src/core/ast';
import type { AnalysisListener, CallEvent, ComparisonEvent, ConditionEvent } from '../../server/src/core/model/events';
import { buildSocketModel } from '../../server/src/core/model/model';
import { parsePhp } from '../../server/src/core/parse';

/** A listener that writes down what it hears, as text a test can compare. */
class Recorder implements AnalysisListener {
  readonly heard: string[] = [];
  readonly testedIds = new Set<number>();

  constructor(private readonly text: string) {}

  call({ node, name, usage, scope }: CallEvent): void {
    const argument = (node.arguments ?? [])[0];
    const value = isNode(argument) ? scope.valueOf(argument) : undefined;
    const sockets = value ? [...value.sockets.values()].map((socket) => socket.type ?? '?').join(',') : '-';
    this.heard.push(`call ${name ?? this.source(node.what)} ${usage} sockets=${sockets} guard=${scope.underVersionGuard()} conditions=${scope.conditions.length}`);
  }

  condition({ node }: ConditionEvent): void {
    this.heard.push(`condition ${this.source(node)}`);
  }

  comparison({ node, op, blind }: ComparisonEvent): void {
    this.heard.push(`comparison ${op} ${this.source(node)}${blind ? ` blind ${blind.kind} ${this.source(blind.subject)}` : ''}`);
  }

  resultTested({ callIds }: { callIds: Iterable<number> }): void {
    for (const id of callIds) this.testedIds.add(id);
  }

  private source(node: unknown): string {
    return isNode(node) && node.loc ? this.text.slice(node.loc.start.offset, node.loc.end.offset) : '?';
  }
}

function analyse(text: string): { recorders: Recorder[]; final: Recorder; callNames: Map<number, string> } {
  const recorders: Recorder[] = [];
  const { model, listeners } = buildSocketModel(parsePhp(text).program, text, () => {
    const recorder = new Recorder(text);
    recorders.push(recorder);
    return [recorder];
  });
  const callNames = new Map(model.calls.map((call) => [call.id, call.fn.name]));
  return { recorders, final: listeners[0] as Recorder, callNames };
}

describe('analysis events', () => {
  it('tells a listener of each call with how its value is used and what its argument may hold', () => {
    const { final } = analyse(`<?php
$s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
if (PHP_VERSION_ID < 80000) {
    var_dump(is_resource($s));
}
strlen('x');
`);
    expect(final.heard.filter((line) => line.startsWith('call'))).toEqual([
      'call socket_create keep sockets=- guard=false conditions=0',
      'call var_dump drop sockets=- guard=true conditions=1',
      'call is_resource keep sockets=SOCK_DGRAM guard=true conditions=1',
      'call strlen drop sockets=- guard=false conditions=0',
    ]);
  });

  it('answers valueOf for properties from what the methods leave there, and for calls of the file\'s own methods', () => {
    const text = `<?php
class Client {
    private $sock;
    function open() { $this->sock = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); }
    function socket() { return $this->sock; }
    function test() { return is_resource($this->sock) && is_resource($this->socket()); }
}
`;
    const { final } = analyse(text);
    expect(final.heard.filter((line) => line.startsWith('call is_resource'))).toEqual([
      'call is_resource check sockets=SOCK_STREAM guard=false conditions=0',
      'call is_resource check sockets=SOCK_STREAM guard=false conditions=0',
    ]);
  });

  it('tells of conditions before they run, and of comparisons, marking those blind to false', () => {
    const { final, callNames } = analyse(`<?php
$n = socket_write($s, 'x');
if ($n < 0 || !$n) { exit(1); }
$m = socket_read($s, 10);
if ($m === false) { exit(1); }
`);
    expect(final.heard.filter((line) => !line.startsWith('call'))).toEqual([
      'condition $n < 0 || !$n',
      'comparison < $n < 0 blind error-test $n',
      'condition $m === false',
      'comparison === $m === false',
    ]);
    expect([...final.testedIds].map((id) => callNames.get(id)).sort()).toEqual(['socket_read', 'socket_write']);
  });

  it('makes a fresh listener for each round and hands back the last round\'s', () => {
    // open() is called before the file's rounds know what it returns: a second round is needed.
    const { recorders, final } = analyse(`<?php
function open() { return socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); }
$s = open();
is_resource($s);
`);
    expect(recorders.length).toBeGreaterThan(1);
    expect(final).toBe(recorders.at(-1));
    expect(recorders[0]!.heard).toContain('call is_resource drop sockets= guard=false conditions=0');
    expect(final.heard).toContain('call is_resource drop sockets=SOCK_DGRAM guard=false conditions=0');
  });
});

describe('a rule outside the package', () => {
  it('is one listener: it finds `gettype()` calls on sockets without any change to the interpreter', () => {
    const text = `<?php
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
echo gettype($s), gettype(1);
`;
    const found: string[] = [];
    const listener: AnalysisListener = {
      call({ node, name, scope }) {
        const argument: PhpNode | undefined = (node.arguments ?? [])[0];
        if (name === 'gettype' && isNode(argument) && (scope.valueOf(argument)?.sockets.size ?? 0) > 0) found.push(`${calledFunctionName(node)}@${node.loc?.start.line}`);
      },
    };
    buildSocketModel(parsePhp(text).program, text, () => [listener]);
    expect([...new Set(found)]).toEqual(['gettype@3']);
  });
});
