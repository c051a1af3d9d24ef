import type { Range } from './ast';

export interface LineColumn {
  /** 1-based line. */
  line: number;
  /** 0-based column in UTF-16 code units (what LSP counts). */
  column: number;
}

/**
 * Converts offsets to lines and columns. Lines end at `\n`, `\r\n` or a lone `\r`, as LSP
 * and PHP count them, so CRLF files keep exact columns.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): LineColumn {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.lineStarts[low]! };
  }

  offsetAt(position: LineColumn): number {
    const start = this.lineStarts[position.line - 1];
    if (start === undefined) return this.text.length;
    const nextStart = this.lineStarts[position.line] ?? this.text.length;
    return Math.min(start + position.column, nextStart);
  }

  /** Offset where the line holding `offset` starts. */
  lineStartOf(offset: number): number {
    return this.lineStarts[this.positionAt(offset).line - 1]!;
  }

  rangeToLineColumns(range: Range): { start: LineColumn; end: LineColumn } {
    return { start: this.positionAt(range[0]), end: this.positionAt(range[1]) };
  }
}
