import * as fs from 'fs';
import { NotebookCellKind, type NotebookDocument, type NotebookDocumentChangeEvent } from 'vscode-languageserver/node';
import { parseNotebook, type NotebookOutput } from '../engine';
import { NotebookLint } from './notebook-lint';

/** A cell of an open notebook: its text document and its kind. */
export interface CellRef {
  uri: string;
  kind: 'code' | 'markdown';
}

/**
 * Open notebooks as LSP 3.17 notebook sync describes them: an ordered list of cell documents.
 * The cells' text lives in the document store. Outputs are not part of notebook sync, so they are
 * read from the notebook as last saved on disk, matched to cells by position, and re-read on save.
 */
export class Notebooks {
  private readonly open_ = new Map<string, { cells: CellRef[]; lint: NotebookLint }>();
  private readonly cellOwner = new Map<string, string>();
  private readonly disk = new Map<string, { codeCells: number[]; cellCount: number; outputs: NotebookOutput[]; byCode?: NotebookOutput[] }>();

  open(nb: NotebookDocument): void {
    this.close(nb.uri);
    const cells = nb.cells.map((c) => ({ uri: c.document, kind: c.kind === NotebookCellKind.Code ? 'code' : 'markdown' }) as CellRef);
    this.open_.set(nb.uri, { cells, lint: new NotebookLint() });
    for (const c of cells) this.cellOwner.set(c.uri, nb.uri);
  }

  change(uri: string, change: NotebookDocumentChangeEvent): void {
    const nb = this.open_.get(uri);
    if (!nb) return;
    const array = change.cells?.structure?.array;
    if (array) {
      const added = (array.cells ?? []).map((c) => ({ uri: c.document, kind: c.kind === NotebookCellKind.Code ? 'code' : 'markdown' }) as CellRef);
      const removed = nb.cells.splice(array.start, array.deleteCount, ...added);
      for (const r of removed) this.cellOwner.delete(r.uri);
      for (const a of added) this.cellOwner.set(a.uri, uri);
    }
    for (const c of change.cells?.data ?? []) {
      const cell = nb.cells.find((x) => x.uri === c.document);
      if (cell) cell.kind = c.kind === NotebookCellKind.Code ? 'code' : 'markdown';
    }
  }

  close(uri: string): void {
    const nb = this.open_.get(uri);
    for (const c of nb?.cells ?? []) this.cellOwner.delete(c.uri);
    nb?.lint.dispose();
    this.open_.delete(uri);
    this.disk.delete(uri);
  }

  get(uri: string): { cells: CellRef[] } | undefined {
    return this.open_.get(uri);
  }

  /** The open notebook's lint state (its module's tree and statement cache). */
  lintOf(uri: string): NotebookLint | undefined {
    return this.open_.get(uri)?.lint;
  }

  uris(): string[] {
    return [...this.open_.keys()];
  }

  ownsCell(cellUri: string): boolean {
    return this.cellOwner.has(cellUri);
  }

  notebookOfCell(cellUri: string): string | undefined {
    return this.cellOwner.get(cellUri);
  }

  forgetDisk(uri: string): void {
    this.disk.delete(uri);
  }

  /**
   * The text outputs of the notebook as last saved, with each output's `cell` the index of the open
   * cell it belongs to: the saved cells are matched to the open ones by position, or by position
   * among code cells when the client syncs only those (VS Code does, for a selector of Python
   * cells). None when the saved file cannot be read or its cells do not match.
   */
  outputsFromDisk(uri: string, file: string | undefined): NotebookOutput[] {
    const nb = this.open_.get(uri);
    if (!nb || !file) return NO_OUTPUTS;
    let saved = this.disk.get(uri);
    if (!saved) {
      saved = { codeCells: [], cellCount: -1, outputs: NO_OUTPUTS };
      try {
        const parsed = parseNotebook(fs.readFileSync(file, 'utf8'));
        saved = { codeCells: parsed.codeCells.map((c) => c.index), cellCount: parsed.cells.length, outputs: parsed.outputs };
      } catch {
        // Unreadable or not a notebook: no outputs.
      }
      this.disk.set(uri, saved);
    }
    if (saved.cellCount === nb.cells.length) return saved.outputs;
    if (saved.codeCells.length === nb.cells.length && nb.cells.every((c) => c.kind === 'code')) {
      const open = new Map(saved.codeCells.map((fileIndex, k) => [fileIndex, k]));
      saved.byCode ??= saved.outputs.map((o) => ({ ...o, cell: open.get(o.cell)! }));
      return saved.byCode;
    }
    return NO_OUTPUTS;
  }
}

const NO_OUTPUTS: NotebookOutput[] = [];
