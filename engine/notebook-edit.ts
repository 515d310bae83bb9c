import { modify, applyEdits as applyJsonEdits } from 'jsonc-parser';
import { applyEdits, applyFixes } from './apply';
import { LineIndex } from './lines';
import { cellAt, type Notebook, type NotebookCell } from './notebook';
import type { Finding, TextEdit } from './types';

/**
 * Applies edits made on a notebook's virtual module to the `.ipynb` text itself: each changed cell's
 * `source` value is replaced in place, in the layout it had, and every other byte stays as it was.
 * Edits that cross a cell boundary are skipped and returned.
 */
export function editNotebook(raw: string, nb: Notebook, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const virtual = new LineIndex(nb.virtualText);
  const perCell = new Map<NotebookCell, TextEdit[]>();
  const skipped: TextEdit[] = [];
  for (const e of edits) {
    const s = virtual.position(e.start);
    const t = virtual.position(e.end);
    const a = cellAt(nb, s.line);
    const b = cellAt(nb, t.line);
    if (!a || !b || a.cell !== b.cell || !a.cell.sourceSpan) {
      skipped.push(e);
      continue;
    }
    const local = new LineIndex(a.cell.source);
    const list = perCell.get(a.cell) ?? [];
    list.push({ start: local.offset({ line: a.line, column: s.column }), end: local.offset({ line: b.line, column: t.column }), text: e.text });
    perCell.set(a.cell, list);
  }
  const jsonEdits: TextEdit[] = [];
  for (const [cell, list] of perCell) {
    const span = cell.sourceSpan!;
    const source = applyEdits(cell.source, list).text;
    jsonEdits.push({ start: span.offset, end: span.offset + span.length, text: formatSource(source, raw, span) });
  }
  return { text: applyEdits(raw, jsonEdits).text, skipped };
}

/** Serializes a cell source as the file had it: a string, or a list of lines laid out like the original. */
function formatSource(source: string, raw: string, span: { offset: number; length: number; asList: boolean }): string {
  if (!span.asList) return JSON.stringify(source);
  const parts = source.split('\n').map((line, i, all) => (i < all.length - 1 ? line + '\n' : line)).filter((l) => l !== '');
  if (parts.length === 0) return '[]';
  const original = raw.slice(span.offset, span.offset + span.length);
  const itemIndent = /^\[([ \t]*\r?\n[ \t]*)/.exec(original)?.[1];
  if (!itemIndent) return '[' + parts.map((p) => JSON.stringify(p)).join(', ') + ']';
  const closing = /(\r?\n[ \t]*)\]$/.exec(original)?.[1] ?? '\n';
  return '[' + itemIndent + parts.map((p) => JSON.stringify(p)).join(',' + itemIndent) + closing + ']';
}

/**
 * Applies the fixes of a notebook's findings to the `.ipynb` text: cell-source edits through
 * `editNotebook`, removed outputs through a JSON edit of that output alone.
 */
export function fixNotebook(raw: string, nb: Notebook, findings: readonly Finding[], unsafe: boolean): { text: string; applied: number } {
  const allowed = (safety: string) => safety === 'safe' || (unsafe && safety === 'unsafe');
  const { applied } = applyFixes(nb.virtualText, findings, unsafe);
  const edits = applied.flatMap((f) => f.fixes.find((x) => x.edits.length && allowed(x.safety))!.edits);
  let text = edits.length ? editNotebook(raw, nb, edits).text : raw;
  const removals = findings
    .flatMap((f) => f.fixes.filter((x) => x.notebook && allowed(x.safety)).slice(0, 1))
    .flatMap((x) => x.notebook!.removeOutputs);
  const unique = [...new Map(removals.map((r) => [`${r.cell}:${r.output}`, r])).values()];
  // Highest index first, so earlier removals do not shift the later ones.
  unique.sort((a, b) => b.cell - a.cell || b.output - a.output);
  const indent = /\n([ \t]+)"/.exec(raw)?.[1] ?? ' ';
  for (const r of unique) {
    const e = modify(text, ['cells', r.cell, 'outputs', r.output], undefined, { formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.length } });
    text = applyJsonEdits(text, e);
  }
  return { text, applied: applied.length + unique.length };
}
