import * as fs from 'fs';
import { NotebookCellKind, type NotebookDocument, type NotebookDocumentChangeEvent } from 'vscode-languageserver/node';
import { parseTree, findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import type { CellRef } from './lint-document';

/**
 * Open notebooks as LSP 3.17 notebook sync describes them: an ordered list of cell documents.
 * The cells' text lives in the document store. Outputs are not part of notebook sync, so they are
 * read from the notebook as last saved on disk, matched to cells by position, and re-read on save.
 */
export class Notebooks {
  private readonly open_ = new Map<string, { cells: CellRef[] }>();
  private readonly cellOwner = new Map<string, string>();
  private readonly disk = new Map<string, { code: boolean; outputs: unknown[] }[]>();

  open(nb: NotebookDocument): void {
    this.close(nb.uri);
    const cells = nb.cells.map((c) => ({ uri: c.document, kind: c.kind === NotebookCellKind.Code ? 'code' : 'markdown' }) as CellRef);
    this.open_.set(nb.uri, { cells });
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
    this.open_.delete(uri);
    this.disk.delete(uri);
  }

  get(uri: string): { cells: CellRef[] } | undefined {
    return this.open_.get(uri);
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

  /** Each cell's saved outputs, by position; empty when the saved file has another cell count. */
  outputsFromDisk(uri: string, file: string | undefined): unknown[][] {
    const nb = this.open_.get(uri);
    if (!nb || !file) return [];
    let saved = this.disk.get(uri);
    if (!saved) {
      saved = [];
      try {
        const root = parseTree(fs.readFileSync(file, 'utf8'));
        const cells = root ? findNodeAtLocation(root, ['cells']) : undefined;
        for (const c of cells?.children ?? []) {
          const o = findNodeAtLocation(c, ['outputs']);
          const type = findNodeAtLocation(c, ['cell_type']);
          saved.push({ code: type ? getNodeValue(type) === 'code' : true, outputs: o ? (getNodeValue(o) as unknown[]) : [] });
        }
      } catch {
        saved = [];
      }
      this.disk.set(uri, saved);
    }
    if (saved.length === nb.cells.length) return saved.map((c) => c.outputs);
    // Clients that sync only the Python cells (VS Code does, for a selector of Python cells) leave
    // the Markdown cells out: match the saved code cells to them instead.
    const code = saved.filter((c) => c.code);
    if (code.length === nb.cells.length && nb.cells.every((c) => c.kind === 'code')) return code.map((c) => c.outputs);
    return [];
  }
}
