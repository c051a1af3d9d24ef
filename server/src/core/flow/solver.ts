// A forward data-flow solver over a FlowGraph: a worklist in reverse postorder that runs each
// block's transfer until no block's input changes (a fixed point). Edge states only grow (each
// is joined with what the edge carried before), so on a lattice of finite height it ends; the
// visit bound is a guard for a lattice that is not, and the result says whether it was hit.
import type { FlowBlock, FlowEdge, FlowGraph } from './graph';

/** What a block hands to its edges: `normal` edges, the `true`/`false` sides of its test. */
export interface BlockOutcome<S> {
  normal?: S;
  whenTrue?: S;
  whenFalse?: S;
  /** The state at a `throw` in the block, for its exception edges. */
  thrown?: S;
}

export interface FlowAnalysis<S> {
  transfer(block: FlowBlock, input: S): BlockOutcome<S>;
  /** Reads `states` during the call only (the solver reuses the array). */
  join(states: readonly S[]): S;
  same(a: S, b: S): boolean;
  /** A state no path reaches (after `exit`): it is not propagated. */
  reachable(state: S): boolean;
}

export interface FlowSolution<S> {
  /**
   * The joined state at the start of the body's end and exit blocks (when reached). The other
   * blocks' states are let go as soon as the solve is past them for good: a long script keeps
   * a few states alive, not one per block.
   */
  inputs: ReadonlyMap<FlowBlock, S>;
  /** False when a block hit the visit bound before its input stopped changing. */
  converged: boolean;
  /** Block visits in all, for the bench and the tests. */
  visits: number;
}

/** Far above what any real loop nest needs (each visit follows a strict growth of the input). */
export const MAX_VISITS_PER_BLOCK = 200;

/** The rank of a block the depth-first order never reached: after every other. */
const UNREACHED = 0x7fffffff;

export function solveForward<S>(graph: FlowGraph, entryState: S, analysis: FlowAnalysis<S>): FlowSolution<S> {
  const order = reversePostorder(graph);
  // Block ids index the graph's blocks: arrays, not maps, for what the loop asks at every visit.
  const rank = new Int32Array(graph.blocks.length).fill(UNREACHED);
  order.forEach((block, index) => (rank[block.id] = index));
  const settles = settlingRanks(order, rank);
  const inputs: (S | undefined)[] = new Array(graph.blocks.length);
  inputs[graph.entry.id] = entryState;
  // Edge ids index the graph's edges, as block ids its blocks.
  const edgeStates: (S | undefined)[] = new Array(graph.edgeCount);
  const visitsOf = new Uint32Array(graph.blocks.length);
  const queue = new RankedQueue(rank);
  /** The states an edge's target joins, gathered anew at each change: one array for the whole solve. */
  const incoming: S[] = [];
  queue.push(graph.entry);
  let converged = true;
  let visits = 0;
  /** Ranks below this are settled and their states let go. */
  let released = 0;
  for (let block = queue.pop(); block; block = queue.pop()) {
    const count = ++visitsOf[block.id]!;
    if (count > MAX_VISITS_PER_BLOCK) {
      converged = false;
      continue;
    }
    visits++;
    const input = inputs[block.id]!;
    const outcome = analysis.transfer(block, input);
    for (const edge of block.successors) {
      const carried = edgeState(edge, input, outcome, analysis);
      if (carried === undefined || !analysis.reachable(carried)) continue;
      const before = edgeStates[edge.id];
      const grown = before === undefined ? carried : analysis.join([before, carried]);
      if (before !== undefined && analysis.same(before, grown)) continue;
      edgeStates[edge.id] = grown;
      incoming.length = 0;
      for (const predecessor of edge.to.predecessors) {
        const state = edgeStates[predecessor.id];
        if (state !== undefined) incoming.push(state);
      }
      const joined = incoming.length === 1 ? incoming[0]! : analysis.join(incoming);
      const previous = inputs[edge.to.id];
      if (previous !== undefined && analysis.same(previous, joined)) continue;
      inputs[edge.to.id] = joined;
      queue.push(edge.to);
    }
    const at = rank[block.id]!;
    if (settles[at]) {
      // Nothing at or before this block runs again: its states, and those of the blocks before it, are done with.
      for (; released <= at; released++) {
        const done = order[released]!;
        if (done !== graph.end && done !== graph.exit) inputs[done.id] = undefined;
        for (const edge of done.predecessors) edgeStates[edge.id] = undefined;
      }
    }
  }
  const kept = new Map<FlowBlock, S>();
  for (const block of [graph.end, graph.exit]) if (inputs[block.id] !== undefined) kept.set(block, inputs[block.id]!);
  return { inputs: kept, converged, visits };
}

/**
 * Per rank: whether the block there is outside every loop, that is, no edge runs from it or a
 * later block back to it or an earlier one. The queue always takes the earliest block, so once
 * such a block has run, no block at or before it is queued again.
 */
function settlingRanks(order: readonly FlowBlock[], rank: Int32Array): Uint8Array {
  const depth = new Int32Array(order.length + 1);
  for (const block of order) {
    for (const edge of block.successors) {
      const from = rank[block.id]!;
      const to = rank[edge.to.id]!;
      if (to > from) continue;
      depth[to]!++;
      depth[from + 1]!--;
    }
  }
  const settles = new Uint8Array(order.length);
  for (let at = 0, open = 0; at < order.length; at++) {
    open += depth[at]!;
    settles[at] = open === 0 ? 1 : 0;
  }
  return settles;
}

function edgeState<S>(edge: FlowEdge, input: S, outcome: BlockOutcome<S>, analysis: FlowAnalysis<S>): S | undefined {
  switch (edge.kind) {
    case 'true':
      return outcome.whenTrue;
    case 'false':
      return outcome.whenFalse;
    case 'normal':
      return outcome.normal;
    case 'exception': {
      // An exception may leave anywhere in the block: from what it started or ended with.
      const states = [input, outcome.normal, outcome.whenTrue, outcome.whenFalse, outcome.thrown].filter(
        (s): s is S => s !== undefined && analysis.reachable(s),
      );
      return states.length === 1 ? states[0] : analysis.join(states);
    }
  }
}

/** Blocks in reverse postorder from the entry: a block comes before its successors, loops aside. */
export function reversePostorder(graph: FlowGraph): FlowBlock[] {
  // Block ids index the graph's blocks: a flag and a counter per block, not a set and an object per step.
  const seen = new Uint8Array(graph.blocks.length);
  const nextEdge = new Uint32Array(graph.blocks.length);
  seen[graph.entry.id] = 1;
  const postorder: FlowBlock[] = [];
  // Iterative depth-first search: a long script is a long chain of blocks.
  const stack: FlowBlock[] = [graph.entry];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    // Last successor first: a loop's exit is finished before its body, so the body comes first
    // in the order and a loop converges before the code after it runs (else each pass of the
    // loop would rerun the rest of the function: quadratic in its length).
    const successors = top.successors;
    const edge = successors[successors.length - 1 - nextEdge[top.id]!++];
    if (!edge) {
      postorder.push(top);
      stack.pop();
    } else if (!seen[edge.to.id]) {
      seen[edge.to.id] = 1;
      stack.push(edge.to);
    }
  }
  return postorder.reverse();
}

/** A set of blocks that pops the one earliest in reverse postorder (a binary heap). */
class RankedQueue {
  private readonly heap: FlowBlock[] = [];
  /** By block id: whether the block is in the heap. */
  private readonly queued: Uint8Array;

  constructor(private readonly rank: Int32Array) {
    this.queued = new Uint8Array(rank.length);
  }

  push(block: FlowBlock): void {
    if (this.queued[block.id]) return;
    this.queued[block.id] = 1;
    const heap = this.heap;
    heap.push(block);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.rankOf(heap[parent]!) <= this.rankOf(heap[i]!)) break;
      this.swap(parent, i);
      i = parent;
    }
  }

  pop(): FlowBlock | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (!top) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.rankOf(heap[left]!) < this.rankOf(heap[smallest]!)) smallest = left;
        if (right < heap.length && this.rankOf(heap[right]!) < this.rankOf(heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        this.swap(smallest, i);
        i = smallest;
      }
    }
    this.queued[top.id] = 0;
    return top;
  }

  /** Without a destructuring swap, which allocates an array at every step of the heap. */
  private swap(i: number, j: number): void {
    const heap = this.heap;
    const block = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = block;
  }

  private rankOf(block: FlowBlock): number {
    return this.rank[block.id]!;
  }
}
