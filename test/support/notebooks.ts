/** Builds nbformat 4 notebooks for tests. */

export interface CellSpec {
  type?: 'code' | 'markdown' | 'raw';
  source: string;
  outputs?: unknown[];
}

export function notebook(cells: CellSpec[]): string {
  const nb = {
    cells: cells.map((c, i) => ({
      cell_type: c.type ?? 'code',
      ...(c.type && c.type !== 'code' ? {} : { execution_count: null, outputs: c.outputs ?? [] }),
      id: `cell-${i}`,
      metadata: {},
      source: sourceLines(c.source),
    })),
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(nb, null, 1) + '\n';
}

export function sourceLines(source: string): string[] {
  const parts = source.split('\n');
  return parts.map((p, i) => (i < parts.length - 1 ? p + '\n' : p)).filter((p) => p !== '');
}

/**
 * Splits a Python file into cells at blank lines followed by a top-level line, the way a notebook
 * author would; returns each cell's first line in the file.
 */
export function splitIntoCells(text: string): { source: string; firstLine: number }[] {
  const lines = text.split('\n');
  const cells: { source: string; firstLine: number }[] = [];
  let start = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i - 1].trim() === '' && /^[A-Za-z_@#]/.test(lines[i])) {
      cells.push({ source: lines.slice(start, i - 1).join('\n'), firstLine: start });
      start = i;
    }
  }
  cells.push({ source: lines.slice(start).join('\n'), firstLine: start });
  return cells.filter((c) => c.source.trim() !== '');
}
