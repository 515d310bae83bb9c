import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { maskedTail, redact } from '../engine';
import { notebookCells } from '../project/notebook-json';

/**
 * What `--fix` would change in a file, as a unified diff (`--diff`). A notebook's diff is by cell,
 * of the code the user wrote (never of its JSON or of its outputs), with a line for each output a
 * fix removes. Every secret in `secrets` (the values the lint found sensitive, and those it only
 * located) is masked wherever it shows, in removed, added and context lines alike, and any other
 * token of a known format too: the diff prints source.
 */
export function fixDiff(rel: string, kind: 'python' | 'notebook', before: string, after: string, secrets: readonly string[]): string {
  const hide = masker(secrets);
  const patch = (name: string, a: string, b: string) =>
    createTwoFilesPatch(`a/${name}`, `b/${name}`, hide(a), hide(b), undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY })
      .split('\n')
      .map(redact)
      .join('\n');
  if (kind === 'python') return patch(rel, before, after);
  const was = notebookCells(before);
  const now = notebookCells(after);
  // Fixes edit cells in place. Were the cells not the same before and after, the JSON is not shown
  // instead: its outputs could hold what no mask covers.
  if (!was || !now || was.length !== now.length) return `${rel}: the fixes change the notebook's cells, which this diff cannot show\n`;
  const out: string[] = [];
  was.forEach((cell, i) => {
    const name = `${rel}:cell ${i + 1}`;
    const lines = (s: string) => (s === '' || s.endsWith('\n') ? s : `${s}\n`);
    if (cell.source !== now[i].source) out.push(patch(name, lines(cell.source), lines(now[i].source)).trimEnd());
    const removed = cell.outputs - now[i].outputs;
    if (removed > 0) out.push(`${name}: ${removed} saved output${removed === 1 ? '' : 's'} removed`);
  });
  return out.length ? `${out.join('\n')}\n` : '';
}

/** Replaces each secret by asterisks of its length (line breaks kept), its last characters left as messages show them, to tell it apart. */
function masker(secrets: readonly string[]): (text: string) => string {
  // Longest first: a secret that holds another is masked whole.
  const values = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const v of values) {
      if (!out.includes(v)) continue;
      const tail = maskedTail(v.length);
      const masked = v.slice(0, v.length - tail).replace(/[^\n]/g, '*') + v.slice(v.length - tail);
      out = out.split(v).join(masked);
    }
    return out;
  };
}
