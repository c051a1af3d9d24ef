// Applies fixes as offset edits, as ESLint's source-code-fixer does: sorted, overlapping
// fixes skipped, and the whole lint repeated until nothing changes (at most 10 passes).
import type { Fix, TextEdit } from './types';

export const MAX_FIX_PASSES = 10;

function fixSpan(fix: Fix): [number, number] {
  let start = Infinity;
  let end = -Infinity;
  for (const edit of fix.edits) {
    start = Math.min(start, edit.range[0]);
    end = Math.max(end, edit.range[1]);
  }
  return [start, end];
}

/**
 * Applies, in the order given (most important first), each fix that does not overlap one
 * already taken; the rest wait for the next pass. Returns the new text and how many applied.
 */
export function applyFixesOnce(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const taken: [number, number][] = [];
  const edits: TextEdit[] = [];
  for (const fix of fixes) {
    if (fix.edits.length === 0) continue;
    const [start, end] = fixSpan(fix);
    // Touching spans count as overlapping: two insertions at one offset would interleave.
    if (taken.some(([s, e]) => start <= e && s <= end)) continue;
    taken.push([start, end]);
    edits.push(...fix.edits);
  }
  return { text: applyEdits(text, edits), applied: taken.length };
}

/** Applies non-overlapping edits given in any order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  let output = text;
  for (const edit of sorted) output = output.slice(0, edit.range[0]) + edit.text + output.slice(edit.range[1]);
  return output;
}

/**
 * The edits of one fix or suggestion as a single replacement, as ESLint's JSON carries a fix:
 * from the first edit's start to the last one's end, the text between kept as it was.
 */
export function mergeEdits(text: string, edits: readonly TextEdit[]): TextEdit {
  if (edits.length === 0) return { range: [0, 0], text: '' };
  const start = Math.min(...edits.map((edit) => edit.range[0]));
  const end = Math.max(...edits.map((edit) => edit.range[1]));
  const shifted = edits.map((edit) => ({ range: [edit.range[0] - start, edit.range[1] - start] as const, text: edit.text }));
  return { range: [start, end], text: applyEdits(text.slice(start, end), shifted) };
}
