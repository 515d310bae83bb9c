import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { Engine, LintResult } from '../../engine';

/**
 * Property-based robustness checks shared by the test suite (a short run) and `npm run fuzz`
 * (a long one): whatever the input, the engine returns a result and never throws.
 */
const ROOT = path.join(__dirname, '..', '..', 'rules');
export const FIXTURES = fs
  .readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py'))
  .map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'));

function wellFormed(r: LintResult, text: string): void {
  if (!Array.isArray(r.findings)) throw new Error('no findings array');
  const lines = r.text.split('\n').length;
  for (const f of r.findings) {
    if (f.range.start.line < 0 || f.range.start.line > lines) throw new Error(`finding outside the text: ${f.code} at ${f.range.start.line}`);
  }
  void text;
}

const mutation = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(20), ins: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('(', ')', '"""', "'", '\\', ':', '\n    ', '\t', '\u0000', '😀', '\r\n', '#', 'f"{', '!pip install x', '%env A=1')) });

export function mutate(text: string, edits: { at: number; del: number; ins: string }[]): string {
  for (const e of edits) {
    const at = Math.floor(e.at * text.length);
    text = text.slice(0, at) + e.ins + text.slice(at + e.del);
  }
  return text;
}

export type PropertyName = 'anyText' | 'mutatedFixture' | 'brokenNotebook';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function properties(engine: Engine): Record<PropertyName, fc.IProperty<any>> {
  return {
    anyText: fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
      wellFormed(engine.lint({ text }), text);
    }),
    mutatedFixture: fc.property(fc.nat(FIXTURES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 8 }), (i, edits) => {
      const text = mutate(FIXTURES[i], edits);
      wellFormed(engine.lint({ text }), text);
    }),
    brokenNotebook: fc.property(
      fc.nat(FIXTURES.length - 1),
      fc.constantFrom('valid', 'truncate', 'source-string', 'source-number', 'cell-not-object', 'no-cells', 'nbformat3', 'huge-output', 'image-output', 'no-id', 'outputs-not-list', 'random-bytes'),
      fc.array(mutation, { maxLength: 3 }),
      (i, how, edits) => {
        const cell: Record<string, unknown> = { cell_type: 'code', id: 'x', metadata: {}, source: FIXTURES[i].split('\n').map((l) => l + '\n'), outputs: [] };
        const nb: Record<string, unknown> = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] };
        if (how === 'source-string') cell.source = FIXTURES[i];
        if (how === 'source-number') cell.source = 42;
        if (how === 'cell-not-object') nb.cells = [7, 'x', null, cell];
        if (how === 'no-cells') delete nb.cells;
        if (how === 'nbformat3') Object.assign(nb, { nbformat: 3, worksheets: [{ cells: [] }] });
        if (how === 'huge-output') cell.outputs = [{ output_type: 'stream', name: 'stdout', text: 'x'.repeat(200000) }];
        if (how === 'image-output') cell.outputs = [{ output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo'.repeat(1000) }, metadata: {} }];
        if (how === 'no-id') delete cell.id;
        if (how === 'outputs-not-list') cell.outputs = { a: 1 };
        let text = JSON.stringify(nb, null, 1);
        if (how === 'truncate') text = text.slice(0, Math.floor(text.length / 2));
        if (how === 'random-bytes') text = mutate(text, edits);
        const r = engine.lint({ text, kind: 'notebook' });
        if (r.error === undefined) wellFormed(r, text);
        else if (typeof r.error !== 'string' || r.error.length === 0) throw new Error('empty error message');
      },
    ),
  };
}
