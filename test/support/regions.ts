import { LineIndex } from '../../engine';

/** Applies 1-based regions (SARIF's, or the JSON output's) to a text, last first. */
export function applyRegions(text: string, regions: { startLine: number; startColumn: number; endLine: number; endColumn: number; text: string }[]): string {
  const lines = new LineIndex(text);
  const spans = regions.map((r) => ({ start: lines.offset({ line: r.startLine - 1, column: r.startColumn - 1 }), end: lines.offset({ line: r.endLine - 1, column: r.endColumn - 1 }), text: r.text }));
  let out = text;
  for (const e of spans.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
