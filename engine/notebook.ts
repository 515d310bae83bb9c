import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { blankIpython, type ShellLine } from './ipython';
import { LineIndex } from './lines';
import type { CellLocation, Range } from './types';

/**
 * A notebook as the engine sees it: the code cells concatenated into one virtual module, with a map
 * from every virtual line back to its cell, its line in the cell and its line in the `.ipynb` file.
 */
export interface NotebookCell {
  index: number;
  kind: string;
  /** The cell's source as one string. */
  source: string;
  /** First line of this cell in the virtual module (code cells only; -1 otherwise). */
  startLine: number;
  lineCount: number;
  /** For each line of the cell, the zero-based line of the `.ipynb` file holding it. */
  rawLines: number[];
  /** Offsets of the cell's `source` value in the `.ipynb` text, for rewriting it. */
  sourceSpan?: { offset: number; length: number; asList: boolean };
}

export interface NotebookOutput {
  cell: number;
  output: number;
  /** Decoded text of a stream, a `text/plain` result or an error traceback; or, with `html`, of a `text/html` result. */
  text: string;
  rawLine: number;
  /** A `text/html` rendering (a DataFrame's table): read only by rules that ask for it. */
  html?: true;
}

export interface Notebook {
  cells: NotebookCell[];
  /** The Python the rules see: code cells joined by newlines, IPython escapes blanked. */
  virtualText: string;
  shellLines: ShellLine[];
  outputs: NotebookOutput[];
  warnings: string[];
  /** Code cells by virtual start line, for lookups. */
  codeCells: NotebookCell[];
}

export class NotebookError extends Error {}

export function parseNotebook(text: string): Notebook {
  // A byte order mark is whitespace to us; keep offsets by replacing it in place.
  const json = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { disallowComments: true, allowTrailingComma: false });
  const raw = new LineIndex(json);
  if (errors.length > 0 || !root) {
    const first = errors[0];
    const at = first ? raw.position(first.offset) : { line: 0, column: 0 };
    const what = first ? printParseErrorCode(first.error) : 'empty document';
    throw new NotebookError(`invalid notebook JSON at line ${at.line + 1}, column ${at.column + 1}: ${what}`);
  }
  if (root.type !== 'object') throw new NotebookError('invalid notebook: the top level is not a JSON object');
  const nbformat = property(root, 'nbformat');
  if (property(root, 'worksheets') || (nbformat?.type === 'number' && nbformat.value < 4)) {
    throw new NotebookError('unsupported notebook: nbformat 3 or older (convert it with `jupyter nbconvert --to notebook`)');
  }
  const cellsNode = property(root, 'cells');
  if (!cellsNode || cellsNode.type !== 'array') throw new NotebookError('invalid notebook: no "cells" array');

  const warnings: string[] = [];
  const cells: NotebookCell[] = [];
  const outputs: NotebookOutput[] = [];
  (cellsNode.children ?? []).forEach((cellNode, index) => {
    const cell = readCell(cellNode, index, raw, warnings);
    cells.push(cell);
    if (cell.kind === 'code') readOutputs(cellNode, index, raw, outputs, warnings);
  });
  return assemble(cells, outputs, warnings);
}

/**
 * A notebook from its cells as an editor holds them (the language server's notebook sync), with the
 * outputs of the notebook as last saved, matched to these cells by the caller. There is no file, so
 * each line's `rawLines` entry is its line in the cell. The virtual module is the one
 * `parseNotebook` makes of the same cells. `pieces` keeps each code cell's part of it between
 * calls (the server rebuilds a notebook's module on every keystroke, in one cell of many).
 */
export function notebookFromCells(sources: readonly { kind: string; source: string }[], outputs: NotebookOutput[] = [], pieces = new CellPieces()): Notebook {
  pieces.next();
  const shellLines: ShellLine[] = [];
  let line = 0;
  const cells = sources.map(({ kind, source }, index): NotebookCell => {
    if (kind !== 'code') {
      const { lineCount, rawLines } = pieces.lines(source);
      return { index, kind, source, startLine: -1, lineCount, rawLines };
    }
    const piece = pieces.get(source);
    for (const l of piece.shellLines) shellLines.push({ ...l, line: l.line + line });
    const cell = { index, kind, source, startLine: line, lineCount: piece.lineCount, rawLines: piece.rawLines };
    line += piece.lineCount;
    return cell;
  });
  const made = pieces.current;
  let text: string | undefined;
  return {
    cells,
    // Joined when asked: the language server keeps the module's text up to date from the pieces that changed.
    get virtualText() {
      return (text ??= made.map((p) => p.text).join('\n') + (made.length ? '\n' : ''));
    },
    shellLines,
    outputs,
    warnings: [],
    codeCells: cells.filter((c) => c.kind === 'code'),
  };
}

interface CellLines {
  readonly lineCount: number;
  readonly rawLines: number[];
}

/** A code cell's part of the virtual module: its source with IPython escapes blanked, and those escapes (lines counted in the cell). */
export interface CellPiece {
  readonly text: string;
  readonly shellLines: readonly ShellLine[];
  readonly lineCount: number;
  /** Each line's line in the cell (`NotebookCell.rawLines` of a cell with no file). */
  readonly rawLines: number[];
}

/**
 * Cell pieces by source, kept from one build to the next: a source not asked for in a build is
 * forgotten after it. `current` are the pieces of the current build's code cells, in order.
 */
export class CellPieces {
  private now = new Map<string, CellPiece>();
  private before = new Map<string, CellPiece>();
  /** The same for the other cells (Markdown, raw), which need only their lines counted. */
  private linesNow = new Map<string, CellLines>();
  private linesBefore = new Map<string, CellLines>();
  current: CellPiece[] = [];

  /** A cell's line count and `rawLines`, for a cell that is not code. */
  lines(source: string): CellLines {
    let lines = this.linesNow.get(source) ?? this.linesBefore.get(source);
    if (!lines) {
      const lineCount = source.split('\n').length;
      lines = { lineCount, rawLines: Array.from({ length: lineCount }, (_, i) => i) };
    }
    this.linesNow.set(source, lines);
    return lines;
  }

  get(source: string): CellPiece {
    let piece = this.now.get(source) ?? this.before.get(source);
    if (!piece) {
      const shellLines: ShellLine[] = [];
      const lineCount = source.split('\n').length;
      piece = { text: blankIpython(source, 0, shellLines), shellLines, lineCount, rawLines: Array.from({ length: lineCount }, (_, i) => i) };
    }
    this.now.set(source, piece);
    this.current.push(piece);
    return piece;
  }

  /** Starts a build: the pieces of the last one are kept for it, and no others. */
  next(): void {
    this.before = this.now;
    this.now = new Map();
    this.linesBefore = this.linesNow;
    this.linesNow = new Map();
    this.current = [];
  }
}

/** Joins the code cells into the virtual module, blanking IPython escapes. */
function assemble(cells: NotebookCell[], outputs: NotebookOutput[], warnings: string[]): Notebook {
  const shellLines: ShellLine[] = [];
  const pieces: string[] = [];
  let line = 0;
  for (const cell of cells) {
    if (cell.kind !== 'code') continue;
    cell.startLine = line;
    pieces.push(blankIpython(cell.source, line, shellLines));
    line += cell.lineCount;
  }
  const codeCells = cells.filter((c) => c.kind === 'code');
  return { cells, virtualText: pieces.join('\n') + (pieces.length ? '\n' : ''), shellLines, outputs, warnings, codeCells };
}

function readCell(node: JsonNode, index: number, raw: LineIndex, warnings: string[]): NotebookCell {
  const empty: NotebookCell = { index, kind: 'unknown', source: '', startLine: -1, lineCount: 1, rawLines: [raw.position(node.offset).line] };
  if (node.type !== 'object') {
    warnings.push(`cell ${index + 1} is not a JSON object; skipped`);
    return empty;
  }
  const type = property(node, 'cell_type');
  const kind = type?.type === 'string' ? String(type.value) : 'unknown';
  if (kind === 'unknown') warnings.push(`cell ${index + 1} has no cell_type; skipped`);
  const sourceNode = property(node, 'source');
  const pieces: { text: string; rawLine: number }[] = [];
  let asList = false;
  if (sourceNode?.type === 'string') {
    pieces.push({ text: String(sourceNode.value), rawLine: raw.position(sourceNode.offset).line });
  } else if (sourceNode?.type === 'array') {
    asList = true;
    for (const item of sourceNode.children ?? []) {
      if (item.type === 'string') pieces.push({ text: String(item.value), rawLine: raw.position(item.offset).line });
      else warnings.push(`cell ${index + 1} has a source entry that is not a string; ignored`);
    }
  } else if (kind !== 'unknown') {
    warnings.push(`cell ${index + 1} has no source string; treated as empty`);
  }
  const source = pieces.map((p) => p.text).join('');
  const rawLines: number[] = [];
  for (const piece of pieces) {
    const breaks = piece.text.split('\n').length - 1;
    for (let i = 0; i < breaks; i++) rawLines.push(piece.rawLine);
  }
  const lineCount = source.split('\n').length;
  const lastRaw = pieces.length ? pieces[pieces.length - 1].rawLine : empty.rawLines[0];
  while (rawLines.length < lineCount) rawLines.push(lastRaw);
  return {
    index,
    kind: kind === 'unknown' ? 'unknown' : kind,
    source,
    startLine: -1,
    lineCount,
    rawLines,
    sourceSpan: sourceNode ? { offset: sourceNode.offset, length: sourceNode.length, asList } : undefined,
  };
}

function readOutputs(cellNode: JsonNode, cell: number, raw: LineIndex, out: NotebookOutput[], warnings: string[]): void {
  const list = property(cellNode, 'outputs');
  if (!list) return;
  if (list.type !== 'array') {
    warnings.push(`cell ${cell + 1} has "outputs" that is not a list; ignored`);
    return;
  }
  (list.children ?? []).forEach((output, index) => {
    if (output.type !== 'object') return;
    const kind = property(output, 'output_type')?.value;
    const texts: JsonNode[] = [];
    const html: JsonNode[] = [];
    if (kind === 'stream') pushText(property(output, 'text'), texts);
    if (kind === 'execute_result' || kind === 'display_data') {
      const data = property(output, 'data');
      // Only text: image/* and other payloads are base64 and never scanned.
      if (data?.type === 'object') pushText(property(data, 'text/plain'), texts);
      if (data?.type === 'object') pushText(property(data, 'text/html'), html);
    }
    if (kind === 'error') pushText(property(output, 'traceback'), texts);
    for (const node of texts) {
      out.push({ cell, output: index, text: stripAnsi(String(node.value)), rawLine: raw.position(node.offset).line });
    }
    for (const node of html) out.push({ cell, output: index, text: String(node.value), rawLine: raw.position(node.offset).line, html: true });
  });
}

function pushText(node: JsonNode | undefined, into: JsonNode[]): void {
  if (!node) return;
  if (node.type === 'string') into.push(node);
  else if (node.type === 'array') for (const item of node.children ?? []) if (item.type === 'string') into.push(item);
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

function property(node: JsonNode, key: string): JsonNode | undefined {
  if (node.type !== 'object') return undefined;
  for (const prop of node.children ?? []) {
    const [name, value] = prop.children ?? [];
    if (name?.value === key) return value;
  }
  return undefined;
}

/** The code cell holding a virtual line, and the line within it. */
export function cellAt(nb: Notebook, line: number): { cell: NotebookCell; line: number } | undefined {
  const cells = nb.codeCells;
  let lo = 0;
  let hi = cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cells[mid];
    if (line < c.startLine) hi = mid - 1;
    else if (line >= c.startLine + c.lineCount) lo = mid + 1;
    else return { cell: c, line: line - c.startLine };
  }
  return undefined;
}

/** Where a range of the virtual module lies in its code cell (cut at the cell's end). */
export function cellLocation(nb: Notebook, range: Range): CellLocation | undefined {
  const at = cellAt(nb, range.start.line);
  if (!at) return undefined;
  const endLine = Math.min(range.end.line - at.cell.startLine, at.cell.lineCount - 1);
  return {
    cell: at.cell.index,
    line: at.line,
    column: range.start.column,
    endLine,
    endColumn: endLine === range.end.line - at.cell.startLine ? range.end.column : 0,
    rawLine: at.cell.rawLines[at.line] ?? 0,
  };
}
