import type { Diagnostic } from 'vscode-languageserver/node';
import { cellAt, cellLocation, CellPieces, notebookFromCells, type CellLocation, type CellPiece, type Engine, type Finding, type LineIndex, type LintResult, type Notebook, type NotebookOutput } from '../engine';
import { toDiagnostic, type DiagnosticFix } from './diagnostics';
import { Documents, type OpenDocument } from './documents';
import type { LintSettings } from './lint-document';

/** A cell as notebook sync gives it: its kind and its current text. */
export interface LiveCell {
  kind: 'code' | 'markdown';
  text: string;
}

/**
 * One open notebook's lint state. Its cells are linted as one module, the one `mlsec scan` makes of
 * the saved file (`notebookFromCells`), but not from scratch on every keystroke: the module is kept
 * as a document of its own (`Documents`), and each new version reaches it as one edit, found by
 * comparing the two texts (from the first difference to the last, between the cells that did not
 * change). So it is linted as a Python file is: its tree edited, often not parsed at all (typing in a
 * name) or only in the statements the edit lies in, and the statement cache serves the others.
 * Each finding's diagnostic is kept while the finding and its cell's place stay the same. After a
 * lint, `wantsParse` says the tree should be parsed (`catchUp`) once the diagnostics are out.
 * `dispose` frees the tree.
 */
export class NotebookLint {
  private docs: Documents | undefined;
  private doc: OpenDocument | undefined;
  private readonly pieces = new CellPieces();
  /** The code cells' parts of the module's text. */
  private lastPieces: readonly CellPiece[] = [];
  private readonly made = new WeakMap<Finding, { cell: number; startLine: number; diagnostic: Diagnostic }>();
  /** The diagnostics of each cell from the last lint. */
  private last: Diagnostic[][] = [];

  /** The diagnostics of each cell, by its index in `cells`. `outputs` are the saved outputs, matched to these cells. */
  lint(engine: Engine, cells: readonly LiveCell[], outputs: NotebookOutput[], settings: LintSettings): Diagnostic[][] {
    const nb = notebookFromCells(
      cells.map((c) => ({ kind: c.kind, source: c.text })),
      outputs,
      this.pieces,
    );
    const doc = this.update(engine, this.pieces.current);
    const text = doc.text;
    const { tree, patches } = this.docs!.lintable(doc);
    let result: LintResult;
    try {
      result = engine.lintTree(tree, { text, kind: 'notebook', config: settings.config, project: settings.project, masks: false }, doc.cache, patches, nb);
    } finally {
      for (const patch of patches) patch.dispose();
    }
    const out: Diagnostic[][] = cells.map(() => []);
    const from: Finding[][] = cells.map(() => []);
    for (const f of result.findings) {
      const at = f.cell ?? cellLocation(nb, f.range);
      if (!at || !out[at.cell]) continue;
      const startLine = nb.cells[at.cell].startLine;
      let kept = this.made.get(f);
      if (!kept || kept.cell !== at.cell || kept.startLine !== startLine) {
        kept = { cell: at.cell, startLine, diagnostic: diagnosticInCell(f, at, nb, doc.lines) };
        this.made.set(f, kept);
      }
      out[at.cell].push(kept.diagnostic);
      from[at.cell].push(f);
    }
    // A cell whose diagnostics are new objects with the same content as last time (its findings
    // moved in the module: a line added in a cell above) keeps last time's, so it is not resent.
    out.forEach((list, i) => {
      const last = this.last[i];
      if (!last || last.length !== list.length || list.every((d, j) => d === last[j])) return;
      if (!list.every((d, j) => d === last[j] || JSON.stringify(d) === JSON.stringify(last[j]))) return;
      from[i].forEach((f, j) => this.made.set(f, { ...this.made.get(f)!, diagnostic: last[j] }));
      out[i] = last;
    });
    this.last = out;
    return out;
  }

  /** The last lint left the module's tree unparsed (statement patches): parse it when the server has time. */
  wantsParse(): boolean {
    return !!this.doc && this.docs!.wantsParse(this.doc);
  }

  catchUp(): void {
    if (this.doc) this.docs!.tree(this.doc);
  }

  dispose(): void {
    this.docs?.dispose();
    this.doc = undefined;
  }

  /**
   * The module's document, brought to the text of `pieces`, the code cells' parts of it (each
   * followed by a line break). The cells that did not change, at the start and at the end, are the
   * same as last time: the change is looked for only between them, and the module's text is never
   * joined anew (the document's edit makes it).
   */
  private update(engine: Engine, pieces: readonly CellPiece[]): OpenDocument {
    this.docs ??= new Documents(engine);
    const before = this.lastPieces;
    this.lastPieces = pieces;
    const joined = (list: readonly CellPiece[]) => list.map((p) => `${p.text}\n`).join('');
    const doc = this.doc;
    if (!doc) return (this.doc = this.docs.open(MODULE_URI, 'python', 1, joined(pieces)));
    const both = Math.min(before.length, pieces.length);
    let k = 0;
    let rows = 0;
    for (; k < both && before[k].text === pieces[k].text; k++) rows += pieces[k].lineCount;
    let m = 0;
    while (m < both - k && before[before.length - 1 - m].text === pieces[pieces.length - 1 - m].text) m++;
    if (k === pieces.length && k === before.length) return doc;
    const now = joined(pieces.slice(k, pieces.length - m));
    const c = textChange(joined(before.slice(k, before.length - m)), now);
    // The stretch starts a line: columns on its first row are the module's.
    const at = (p: { row: number; column: number }) => ({ line: rows + p.row, character: p.column });
    const inserted = now.slice(c.startIndex, c.newEndIndex);
    this.docs.change(MODULE_URI, doc.version + 1, [{ range: { start: at(c.startPosition), end: at(c.oldEndPosition) }, text: inserted }]);
    // The edit gives the new text by construction; should it not, the text is replaced whole.
    const length = pieces.reduce((n, p) => n + p.text.length + 1, 0);
    if (doc.text.length !== length) this.docs.change(MODULE_URI, doc.version + 1, [{ text: joined(pieces) }]);
    return doc;
  }
}

/** The notebook's module, as `Documents` knows it (never sent to the client). */
const MODULE_URI = 'mlsec-notebook-module:';

/** The one edit that turns `before` into `after`: from their first difference to their last. */
export function textChange(before: string, after: string) {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
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
