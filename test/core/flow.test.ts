// The control-flow graph and the solver, through the simplest analysis there is: which
// assignments may reach a point. Each case names where PHP's control goes.
import { describe, expect, it } from 'vitest';
import { isNode, variableName, type PhpNode } from '../../server/src/core/ast';
import { buildFlowGraph, type FlowBlock, type FlowGraph } from '../../server/src/core/flow/graph';
import { MAX_VISITS_PER_BLOCK, solveForward, type FlowAnalysis } from '../../server/src/core/flow/solver';
import { parsePhp } from '../../server/src/core/parse';

type Assigned = ReadonlySet<string>;

/** The variable an assignment statement or expression writes (`$a = …` → `a`). */
function assignedName(node: PhpNode): string | undefined {
  const expression = node.kind === 'expressionstatement' ? node.expression : node;
  return isNode(expression) && expression.kind === 'assign' && isNode(expression.left) ? variableName(expression.left) : undefined;
}

const reachingAssignments: FlowAnalysis<Assigned> = {
  transfer(block: FlowBlock, input: Assigned) {
    const out = new Set(input);
    for (const node of [...block.steps.map((step) => step.node), ...(block.test ? [block.test] : [])]) {
      const name = assignedName(node);
      if (name) out.add(name);
    }
    return block.test ? { whenTrue: out, whenFalse: out } : { normal: out };
  },
  join: (states) => new Set(states.flatMap((state) => [...state])),
  same: (a, b) => a.size === b.size && [...a].every((name) => b.has(name)),
  reachable: () => true,
};

function graphOf(code: string): FlowGraph {
  return buildFlowGraph(parsePhp(`<?php ${code}`).program.children ?? []);
}

/** The assignments that may reach the end of the code (not counting returns, throws, exits). */
function reachingEnd(code: string): string[] {
  const graph = graphOf(code);
  return [...(solveForward(graph, new Set<string>(), reachingAssignments).inputs.get(graph.end) ?? ['<end unreachable>'])].sort();
}

/** The assignments that may reach a return, a throw or an exit. */
function reachingExit(code: string): string[] {
  const graph = graphOf(code);
  return [...(solveForward(graph, new Set<string>(), reachingAssignments).inputs.get(graph.exit) ?? [])].sort();
}

describe('the control-flow graph', () => {
  it('joins both sides of if/elseif/else, and drops a side that exits', () => {
    expect(reachingEnd('if ($x) { $a = 1; } elseif ($y) { $b = 1; } else { $c = 1; }')).toEqual(['a', 'b', 'c']);
    expect(reachingEnd('if ($x) { $a = 1; exit(1); } $b = 1;')).toEqual(['b']);
    expect(reachingExit('if ($x) { $a = 1; die("no"); } $b = 1;')).toEqual(['a']);
  });

  it('makes && and || edges: the right side runs on one edge of the left', () => {
    expect(reachingEnd('$a = 1 or die();')).toEqual(['a']);
    expect(reachingExit('$ok = f() || exit(1);')).toEqual([]);
    expect(reachingExit('$x && $a = 1 and exit;')).toEqual(['a']);
  });

  it('runs loop bodies zero or more times, and break N / continue N go N levels out', () => {
    expect(reachingEnd('while ($x) { $a = 1; }')).toEqual(['a']);
    expect(reachingEnd('for (;;) { $a = 1; if ($y) break; }')).toEqual(['a']);
    expect(reachingEnd('for (;;) { $a = 1; }')).toEqual(['<end unreachable>']);
    expect(reachingEnd('for (;;) { for (;;) { $a = 1; break 2; } $b = 1; }')).toEqual(['a']);
    expect(reachingEnd('for ($i = 0; $i < 3; $i++) { for (;;) { $a = 1; continue 2; } $b = 1; }')).toEqual(['a', 'i']);
    expect(reachingEnd('foreach ($xs as $x) { $a = 1; }')).toEqual(['a']);
    expect(reachingEnd('do { $a = 1; } while ($x);')).toEqual(['a']);
  });

  it('falls through switch cases, and no match goes to default wherever it stands', () => {
    expect(reachingEnd('switch ($x) { case 1: $a = 1; case 2: $b = 1; break; default: $c = 1; }')).toEqual(['a', 'b', 'c']);
    expect(reachingEnd('switch ($x) { default: exit; case 1: $a = 1; break; }')).toEqual(['a']);
    expect(reachingEnd('switch ($x) { case 1: $a = 1; exit; }')).toEqual([]);
    expect(reachingEnd('for (;;) { switch ($x) { case 1: $a = 1; continue 2; } $b = 1; break; }')).toEqual(['a', 'b']);
  });

  it('sends exceptions from a try to its catches, and runs finally on every way out', () => {
    expect(reachingEnd('try { $a = 1; throw new E(); } catch (E $e) { $b = 1; }')).toEqual(['a', 'b']);
    expect(reachingEnd('try { $a = 1; } catch (E $e) { $b = 1; }')).toEqual(['a', 'b']);
    expect(reachingEnd('function f() { try { $a = 1; return; } finally { $b = 1; } $c = 1; }')).toEqual([]);
    // exit does not run finally (an exception in the try would, on its way out).
    expect(reachingEnd('try { $a = 1; exit; } finally { $b = 1; } $c = 1;')).toEqual(['<end unreachable>']);
    const graph = graphOf('try { $a = 1; return; } finally { $b = 1; }');
    expect([...solveForward(graph, new Set<string>(), reachingAssignments).inputs.get(graph.exit)!].sort()).toEqual(['a', 'b']);
    expect(reachingEnd('while ($x) { try { $a = 1; break; } finally { $b = 1; } }')).toEqual(['a', 'b']);
    expect(reachingExit('throw new E();')).toEqual([]);
    expect(reachingEnd('throw new E(); $a = 1;')).toEqual(['<end unreachable>']);
  });

  it('builds and solves long scripts without recursion trouble', () => {
    const graph = graphOf(Array.from({ length: 20000 }, (_, i) => `if ($x) { $v${i} = 1; }`).join('\n'));
    const reached: FlowAnalysis<true> = {
      transfer: (block) => (block.test ? { whenTrue: true, whenFalse: true } : { normal: true }),
      join: () => true,
      same: () => true,
      reachable: () => true,
    };
    const solution = solveForward(graph, true, reached);
    expect(solution.inputs.has(graph.end)).toBe(true);
    expect(solution.visits).toBeLessThan(2 * graph.blocks.length);
  }, 30_000);

  it('lets each loop converge before the code after it runs: visits grow with the blocks, not their square', () => {
    // The tests a path has passed: a loop's header learns its body's tests only by its back edge.
    const graph = graphOf(Array.from({ length: 300 }, (_, i) => `while ($c${i}) { foreach ($all as $k) { if ($k) { continue 2; } } }`).join('\n'));
    const passed: FlowAnalysis<ReadonlySet<number>> = {
      transfer: (block, input) => {
        const out = block.test ? new Set([...input, block.id]) : input;
        return block.test ? { whenTrue: out, whenFalse: out } : { normal: out };
      },
      join: (states) => new Set(states.flatMap((state) => [...state])),
      same: (a, b) => a.size === b.size,
      reachable: () => true,
    };
    const solution = solveForward(graph, new Set<number>(), passed);
    expect(solution.converged).toBe(true);
    expect(solution.visits).toBeLessThan(3 * graph.blocks.length);
  });
});

describe('the solver', () => {
  it('runs to a fixed point however many passes a loop needs', () => {
    // Each pass carries the value one variable further: 12 passes.
    const chain = Array.from({ length: 12 }, (_, i) => `$v${i + 1} = $v${i};`).reverse().join(' ');
    const graph = graphOf(`$v0 = 1; while (more()) { ${chain} }`);
    const copies: FlowAnalysis<Assigned> = {
      ...reachingAssignments,
      transfer(block, input) {
        const out = new Set(input);
        for (const step of block.steps) {
          const expression = step.node.kind === 'expressionstatement' && step.node.expression.kind === 'assign' ? step.node.expression : undefined;
          const name = assignedName(step.node);
          const source = isNode(expression?.right) ? variableName(expression.right) : undefined;
          if (name && (source === undefined ? expression?.right?.kind === 'number' : out.has(source))) out.add(name);
        }
        return block.test ? { whenTrue: out, whenFalse: out } : { normal: out };
      },
    };
    const solution = solveForward(graph, new Set<string>(), copies);
    expect(solution.converged).toBe(true);
    expect(solution.inputs.get(graph.end)!.has('v12')).toBe(true);
  });

  it('says so when a lattice without a bound keeps growing', () => {
    const graph = graphOf('while ($x) { $i++; }');
    const counting: FlowAnalysis<number> = {
      transfer: (block, input) => (block.test ? { whenTrue: input + 1, whenFalse: input + 1 } : { normal: input + 1 }),
      join: (states) => Math.max(...states),
      same: (a, b) => a === b,
      reachable: () => true,
    };
    const solution = solveForward(graph, 0, counting);
    expect(solution.converged).toBe(false);
    expect(solution.visits).toBeLessThanOrEqual(graph.blocks.length * MAX_VISITS_PER_BLOCK);
  });
});
