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

/** Applies the fixes that do not overlap an earlier one; returns the new text and how many applied. */
export function applyFixesOnce(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const ordered = fixes
    .filter((fix) => fix.edits.length > 0)
    .map((fix) => ({ fix, span: fixSpan(fix) }))
    .sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
  const accepted: TextEdit[] = [];
  let lastEnd = -1;
  let applied = 0;
  for (const { fix, span } of ordered) {
    // Touching spans overlap too: two insertions at one offset would interleave.
    if (span[0] <= lastEnd) continue;
    accepted.push(...fix.edits);
    lastEnd = span[1];
    applied++;
  }
  return { text: applyEdits(text, accepted), applied };
}

/** Applies non-overlapping edits given in any order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  let output = text;
  for (const edit of sorted) output = output.slice(0, edit.range[0]) + edit.text + output.slice(edit.range[1]);
  return output;
}
