import type { Tree } from 'web-tree-sitter';
import type { Diagnostic } from 'vscode-languageserver/node';
import { cellAt, cellLocation, CellPieces, LineIndex, notebookFromCells, StatementCache, type CellLocation, type Engine, type Finding, type Notebook, type NotebookOutput } from '../engine';
import { toDiagnostic, type DiagnosticFix } from './diagnostics';
import type { LintSettings } from './lint-document';

/** A cell as notebook sync gives it: its kind and its current text. */
export interface LiveCell {
  kind: 'code' | 'markdown';
  text: string;
}

/**
 * One open notebook's lint state. Its cells are linted as one module, the one `mlsec scan` makes of
 * the saved file (`notebookFromCells`), but not from scratch on every keystroke: the module's tree
 * is kept and re-parsed incrementally (the change from the last version is found by comparing the
 * two texts: one stretch from the first difference to the last), and the statement cache serves
 * the top-level statements the change did not touch, as for a Python file. Each finding's diagnostic
 * is kept while the finding and its cell's place stay the same. `dispose` frees the tree.
 */
export class NotebookLint {
  private text = '';
  private tree: Tree | undefined;
  private readonly pieces = new CellPieces();
  /** The code cells' parts of `text`. */
  private lastPieces: string[] = [];
  private readonly cache = new StatementCache({ trackEdits: true });
  private readonly made = new WeakMap<Finding, { cell: number; startLine: number; diagnostic: Diagnostic }>();

  /** The diagnostics of each cell, by its index in `cells`. `outputs` are the saved outputs, matched to these cells. */
  lint(engine: Engine, cells: readonly LiveCell[], outputs: NotebookOutput[], settings: LintSettings): Diagnostic[][] {
    const nb = notebookFromCells(
      cells.map((c) => ({ kind: c.kind, source: c.text })),
      outputs,
      this.pieces,
    );
    const text = nb.virtualText;
    const pieces = this.pieces.texts;
    const tree = this.parse(engine, text, pieces);
    this.lastPieces = pieces;
    const result = engine.lintTree(tree, { text, kind: 'notebook', config: settings.config, project: settings.project }, this.cache, undefined, nb);
    const out: Diagnostic[][] = cells.map(() => []);
    let virtual: LineIndex | undefined;
    for (const f of result.findings) {
      const at = f.cell ?? cellLocation(nb, f.range);
      if (!at || !out[at.cell]) continue;
      const startLine = nb.cells[at.cell].startLine;
      let kept = this.made.get(f);
      if (!kept || kept.cell !== at.cell || kept.startLine !== startLine) {
        virtual ??= new LineIndex(text);
        kept = { cell: at.cell, startLine, diagnostic: diagnosticInCell(f, at, nb, virtual) };
        this.made.set(f, kept);
      }
      out[at.cell].push(kept.diagnostic);
    }
    return out;
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
  }

  /**
   * The module's tree for `text`: the last one, edited and re-parsed, when there is one. `pieces` are
   * the code cells' parts of `text` (each followed by a line break): the cells that did not change,
   * at the start and at the end, are the same strings as last time, so the text is compared only
   * between them.
   */
  private parse(engine: Engine, text: string, pieces: string[]): Tree {
    if (this.tree && text !== this.text) {
      const before = this.lastPieces;
      const both = Math.min(before.length, pieces.length);
      let same = 0;
      let k = 0;
      for (; k < both && before[k] === pieces[k]; k++) same += pieces[k].length + 1;
      let sameTail = 0;
      for (let m = 1; m <= both - k && before[before.length - m] === pieces[pieces.length - m]; m++) sameTail += pieces[pieces.length - m].length + 1;
      const change = textChange(this.text, text, same, sameTail);
      this.tree.edit(change);
      this.cache.edit(change);
      const next = engine.parse(text, this.tree);
      this.tree.delete();
      this.tree = next;
    } else if (!this.tree) {
      this.tree = engine.parse(text);
    }
    this.text = text;
    return this.tree;
  }
}

/**
 * The one edit that turns `before` into `after`: from their first difference to their last.
 * `same` and `sameTail` are lengths of a start and an end the caller knows they share.
 */
export function textChange(before: string, after: string, same = 0, sameTail = 0) {
  const shorter = Math.min(before.length, after.length);
  let start = same;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = Math.min(sameTail, shorter - start);
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const oldEnd = before.length - tail;
  const newEnd = after.length - tail;
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  };
}

/** Row and column (UTF-16 code units, as web-tree-sitter counts them) of an offset. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** A finding as a diagnostic of its cell. Fix edits are moved into the cell; a fix that would edit another cell is left out. */
function diagnosticInCell(f: Finding, at: CellLocation, nb: Notebook, virtual: LineIndex): Diagnostic {
  const toCell = (offset: number) => {
    const p = virtual.position(offset);
    const c = cellAt(nb, p.line);
    return c ? { cell: c.cell.index, pos: { line: c.line, character: p.column } } : undefined;
  };
  const fixes: DiagnosticFix[] = [];
  for (const x of f.fixes) {
    const edits = x.edits.map((e) => ({ a: toCell(e.start), b: toCell(e.end), text: e.text }));
    if (edits.some((e) => !e.a || !e.b || e.a.cell !== at.cell || e.b.cell !== at.cell)) continue;
    fixes.push({ title: x.title, safety: x.safety, edits: edits.map((e) => ({ range: { start: e.a!.pos, end: e.b!.pos }, newText: e.text })) });
  }
  return toDiagnostic(f, { start: { line: at.line, character: at.column }, end: { line: at.endLine, character: at.endColumn } }, fixes, undefined);
}
