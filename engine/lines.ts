import type { Position } from './types';

/** Maps UTF-16 offsets to zero-based line/column positions and back. */
export class LineIndex {
  private readonly starts: number[];
  /**
   * Lines after `shiftLine` start `shiftDelta` later than `starts` says. An edit within one line
   * moves every later line; keeping that as one pending shift (`starts` is shared, never changed)
   * makes typing on a line O(1) instead of a copy of every line start per keystroke.
   */
  private readonly shiftLine: number;
  private readonly shiftDelta: number;

  constructor(
    readonly text: string,
    shared?: { starts: number[]; shiftLine: number; shiftDelta: number },
  ) {
    if (shared) {
      this.starts = shared.starts;
      this.shiftLine = shared.shiftLine;
      this.shiftDelta = shared.shiftDelta;
      return;
    }
    this.starts = [0];
    this.shiftLine = -1;
    this.shiftDelta = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /**
   * The index of the text after replacing `[start, end)` with `inserted`, updated rather than
   * rebuilt when no line break is added or removed (typing): O(1) while the edits stay on one line.
   */
  edit(start: number, end: number, inserted: string): LineIndex {
    const text = this.text.slice(0, start) + inserted + this.text.slice(end);
    const removed = this.text.slice(start, end);
    if (removed.includes('\n') || inserted.includes('\n')) return new LineIndex(text);
    const delta = inserted.length - removed.length;
    const line = this.position(start).line;
    if (this.shiftLine < 0 || this.shiftLine === line) return new LineIndex(text, { starts: this.starts, shiftLine: line, shiftDelta: this.shiftDelta + delta });
    // Another line than the pending shift's: apply that one to a copy, keep the new one pending.
    const starts = this.starts.slice();
    for (let i = this.shiftLine + 1; i < starts.length; i++) starts[i] += this.shiftDelta;
    return new LineIndex(text, { starts, shiftLine: line, shiftDelta: delta });
  }

  /** Where a line starts (no bounds check). */
  private at(line: number): number {
    return line > this.shiftLine ? this.starts[line] + this.shiftDelta : this.starts[line];
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.at(mid) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - this.at(lo) };
  }

  offset(pos: Position): number {
    const start = this.at(Math.max(0, Math.min(pos.line, this.starts.length - 1)));
    return Math.min(start + pos.column, this.text.length);
  }

  lineStart(line: number): number {
    return line >= 0 && line < this.starts.length ? this.at(line) : this.text.length;
  }

  /** The line's text without its line break. */
  line(line: number): string {
    const start = this.lineStart(line);
    let end = line + 1 < this.starts.length ? this.at(line + 1) - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}
