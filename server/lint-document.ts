import type { Diagnostic, Range } from 'vscode-languageserver/node';
import type { Engine, FileExports, Finding, LintConfig, LintResult, ProjectFacts } from '../engine';
import { toDiagnostic } from './diagnostics';
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

/**
 * Lints one Python document, parsing only what its edits since the last parse need (`Documents.lintable`),
 * and gives what it exports to the project (`LintResult.exports`) beside the diagnostics.
 */
export function lintText(engine: Engine, docs: Documents, doc: OpenDocument, settings: LintSettings): { diagnostics: Diagnostic[]; exports?: FileExports } {
  // After typing inside names nothing is parsed; after other edits inside a few statements, only those statements.
  const { tree, patches } = docs.lintable(doc);
  let result: LintResult;
  try {
    result = engine.lintTree(tree, { text: doc.text, kind: 'python', config: settings.config, project: settings.project, masks: false }, doc.cache, patches);
  } finally {
    for (const patch of patches) patch.dispose();
  }
  const lines = doc.lines;
  const range = (a: number, b: number): Range => {
    const s = lines.position(a);
    const e = lines.position(b);
    return { start: { line: s.line, character: s.column }, end: { line: e.line, character: e.column } };
  };
  const diagnostics = result.findings.map((f) => {
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
  return { diagnostics, exports: result.exports };
}
