import type { Position } from './types';

/** Maps UTF-16 offsets to zero-based line/column positions and back. */
export class LineIndex {
  private readonly starts: number[];

  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    this.starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /**
   * The index of the text after replacing `[start, end)` with `inserted`, updated rather than
   * rebuilt when no line break is added or removed (typing), which keeps each keystroke O(lines).
   */
  edit(start: number, end: number, inserted: string): LineIndex {
    const text = this.text.slice(0, start) + inserted + this.text.slice(end);
    const removed = this.text.slice(start, end);
    if (removed.includes('\n') || inserted.includes('\n')) return new LineIndex(text);
    const delta = inserted.length - removed.length;
    const line = this.position(start).line;
    const starts = this.starts.slice();
    for (let i = line + 1; i < starts.length; i++) starts[i] += delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - this.starts[lo] };
  }

  offset(pos: Position): number {
    const start = this.starts[Math.min(pos.line, this.starts.length - 1)] ?? 0;
    return Math.min(start + pos.column, this.text.length);
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** The line's text without its line break. */
  line(line: number): string {
    const start = this.lineStart(line);
    let end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}
