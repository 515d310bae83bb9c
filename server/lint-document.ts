import type { Diagnostic, Range } from 'vscode-languageserver/node';
import { cellAt, LineIndex, parseNotebook, type Engine, type Finding, type LintConfig, type LintResult, type ProjectFacts } from '../engine';
import { toDiagnostic, type DiagnosticFix } from './diagnostics';
import type { Documents, OpenDocument } from './documents';

export interface LintSettings {
  config: LintConfig;
  project: ProjectFacts;
}

/**
 * The diagnostic made for each finding. The statement cache hands out the same finding objects for
 * statements a keystroke did not touch, and a finding fixes everything its diagnostic holds (its
 * fix edits included: a finding whose edits move is a new object), so its diagnostic is reused
 * as is, and so is that diagnostic's JSON (see stdio-writer.ts).
 */
const made = new WeakMap<Finding, Diagnostic>();

/** Lints one Python document, parsing only what its edits since the last parse need (`Documents.lintable`). */
export function lintText(engine: Engine, docs: Documents, doc: OpenDocument, settings: LintSettings): Diagnostic[] {
  // After typing inside names nothing is parsed; after other edits inside one statement, only that statement.
  const { tree, patch } = docs.lintable(doc);
  let result: LintResult;
  try {
    result = engine.lintTree(tree, { text: doc.text, kind: 'python', config: settings.config, project: settings.project }, doc.cache, patch);
  } finally {
    patch?.dispose();
  }
  const lines = doc.lines;
  const range = (a: number, b: number): Range => {
    const s = lines.position(a);
    const e = lines.position(b);
    return { start: { line: s.line, character: s.column }, end: { line: e.line, character: e.column } };
  };
  return result.findings.map((f) => {
    let d = made.get(f);
    if (d === undefined) {
      d = toDiagnostic(
        f,
        { start: { line: f.range.start.line, character: f.range.start.column }, end: { line: f.range.end.line, character: f.range.end.column } },
        f.fixes.map((x) => ({ title: x.title, safety: x.safety, edits: x.edits.map((e) => ({ range: range(e.start, e.end), newText: e.text })) })),
        f.related?.map((r) => ({ location: { uri: doc.uri, range: { start: { line: r.range.start.line, character: r.range.start.column }, end: { line: r.range.end.line, character: r.range.end.column } } }, message: r.message })),
      );
      made.set(f, d);
    }
    return d;
  });
}

export interface CellRef {
  uri: string;
  kind: 'code' | 'markdown';
}

/**
 * Lints a notebook's cells as one module and returns diagnostics per cell document. Fix edits are
 * mapped into the cell they touch; an edit that would cross cells is dropped with its fix.
 */
export function lintCells(engine: Engine, docs: Documents, cells: CellRef[], settings: LintSettings, outputs: unknown[][] = []): Map<string, Diagnostic[]> {
  const json = JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map((c, i) => ({ cell_type: c.kind, metadata: {}, source: docs.get(c.uri)?.text ?? '', ...(c.kind === 'code' ? { outputs: outputs[i] ?? [] } : {}) })),
  });
  const out = new Map<string, Diagnostic[]>(cells.map((c) => [c.uri, []]));
  const result = engine.lint({ text: json, kind: 'notebook', config: settings.config, project: settings.project });
  if (result.error) return out;
  const nb = parseNotebook(json);
  const virtual = new LineIndex(result.text);
  const toCell = (offset: number) => {
    const p = virtual.position(offset);
    const at = cellAt(nb, p.line);
    return at ? { cell: at.cell.index, pos: { line: at.line, character: p.column } } : undefined;
  };
  for (const f of result.findings) {
    if (!f.cell) continue;
    const cell = cells[f.cell.cell];
    if (!cell) continue;
    const fixes: DiagnosticFix[] = [];
    for (const x of f.fixes) {
      const edits = x.edits.map((e) => ({ a: toCell(e.start), b: toCell(e.end), text: e.text }));
      if (edits.some((e) => !e.a || !e.b || e.a.cell !== f.cell!.cell || e.b.cell !== f.cell!.cell)) continue;
      fixes.push({ title: x.title, safety: x.safety, edits: edits.map((e) => ({ range: { start: e.a!.pos, end: e.b!.pos }, newText: e.text })) });
    }
    out.get(cell.uri)!.push(toDiagnostic(f, cellRange(f), fixes, undefined));
  }
  return out;
}

function cellRange(f: Finding): Range {
  const c = f.cell!;
  return { start: { line: c.line, character: c.column }, end: { line: c.endLine, character: c.endColumn } };
}
