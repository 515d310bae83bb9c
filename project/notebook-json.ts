/** A cell as the native JSON parser reads it: its `cell_type`, its source joined, how many outputs it has saved. */
export interface JsonCell {
  type: string | undefined;
  source: string;
  outputs: number;
}

/**
 * Each cell of a notebook, by its index, read with the native JSON parser. The engine's
 * `parseNotebook` also keeps every value's offset (to place findings and fixes in the file), which
 * costs it about ten times as much; what only needs the cells' sources (the lines to show, the size
 * of the code) reads them here. Undefined for anything that is not a plain notebook: the caller
 * falls back to `parseNotebook`, which says what is wrong with it.
 */
export function notebookCells(text: string): JsonCell[] | undefined {
  let nb: { cells?: unknown };
  try {
    nb = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(nb?.cells)) return undefined;
  return nb.cells.map((c: { cell_type?: unknown; source?: unknown; outputs?: unknown } | null) => {
    const type = typeof c?.cell_type === 'string' ? c.cell_type : undefined;
    const outputs = Array.isArray(c?.outputs) ? c.outputs.length : 0;
    const source = c?.source;
    if (typeof source === 'string') return { type, source, outputs };
    return { type, source: Array.isArray(source) ? source.filter((s) => typeof s === 'string').join('') : '', outputs };
  });
}
