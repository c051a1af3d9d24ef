import { describe, expect, it } from 'vitest';
import { childNodes, type PhpNode } from '../../server/src/core/ast';
import { expressionKey } from '../../server/src/core/model/conditions';
import { parsePhp } from '../../server/src/core/parse';

const NON_SEMANTIC = new Set(['loc', 'leadingComments', 'trailingComments', 'raw', 'parenthesizedExpression', 'resolvedName', 'fallsBack']);

/** The key as it was first defined: JSON with a replacer that leaves the non-semantic fields out. */
function replacerKey(node: PhpNode): string {
  return JSON.stringify(node, (field, value) => (NON_SEMANTIC.has(field) ? undefined : value));
}

function allNodes(root: PhpNode): PhpNode[] {
  const found: PhpNode[] = [];
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    found.push(node);
    stack.push(...childNodes(node));
  }
  return found;
}

const SOURCE = `<?php
namespace App;
foreach ($clients as $k => &$client) { $n = @socket_write($client, "tick {$k} \\"q\\" ü\\n", 0x10); }
$this->sock[$i + 1.5] = self::$pool['a-b'] ?? static::$x?->y;
if ($s === false || !is_resource($t) && (int) $r > -1e21) { \\socket_close(namespace\\f(...$args)); }
$f = fn($a) => $a <=> null; $g = function () use (&$s) { return [1, 'x' => true, ...$rest]; };
echo <<<EOT
  a $b {$c->d}
  EOT;
`;

describe('expressionKey', () => {
  const { program } = parsePhp(SOURCE);
  const nodes = allNodes(program);

  it('is the JSON of the node without its positions, spelling and resolution, for every node of a file', () => {
    expect(nodes.length).toBeGreaterThan(100);
    for (const node of nodes) expect(expressionKey(node)).toBe(replacerKey(node));
  });

  it('tells expressions apart by what they mean, not where or how they are written', () => {
    const [a, b] = parsePhp('<?php $x[ $i ]; ( $x[$i] ); $x[$j];').program.children.map((statement) => ('expression' in statement ? statement.expression : statement));
    const c = (parsePhp('<?php $x[$j];').program.children[0] as { expression: PhpNode }).expression;
    expect(expressionKey(a!)).toBe(expressionKey(b!));
    expect(expressionKey(a!)).not.toBe(expressionKey(c));
  });
});
