import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { applyFixes, fixNotebook, parseNotebook, type Finding } from '../engine';
import { RULES } from '../rules';
import { getEngine } from './support/engine';
import { annotations, type Annotation } from './support/fixtures';
import { notebook, splitIntoCells } from './support/notebooks';

/**
 * Data-driven rule tests: every `rules/<category>/<slug>.py` fixture is linted and each annotation
 * checked; the same fixture is then split into notebook cells and checked again through the notebook
 * mapping; `<slug>.fixed.py` holds the expected result of applying every fix.
 */
const ROOT = path.join(__dirname, '..', 'rules');
const all = fs.readdirSync(ROOT, { recursive: true, encoding: 'utf8' }).sort();
const fixtures = all.filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py'));
const notebookFixtures = all.filter((f) => f.endsWith('.ipynb') && !f.endsWith('.fixed.ipynb'));

function check(found: (a: Annotation) => boolean, list: Annotation[], where: (a: Annotation) => string): string[] {
  const problems: string[] = [];
  for (const a of list) {
    const hit = found(a);
    if (a.kind === 'ruleid' && !hit) problems.push(`${where(a)}: expected ${a.code}, got nothing`);
    if (a.kind === 'ok' && hit) problems.push(`${where(a)}: expected no ${a.code}, but it was reported`);
    if (a.kind === 'todoruleid' && hit) problems.push(`${where(a)}: todoruleid ${a.code} now passes: promote it to ruleid`);
    if (a.kind === 'todook' && !hit) problems.push(`${where(a)}: todook ${a.code} now passes: promote it to ok`);
  }
  return problems;
}

function unexpected(findings: Finding[], list: Annotation[], lineOf: (f: Finding) => number, where: (line: number) => string): string[] {
  const codes = new Set(list.map((a) => a.code));
  const expected = new Set(list.filter((a) => a.kind === 'ruleid' || a.kind === 'todook').map((a) => `${a.code}:${a.line}`));
  return findings
    .filter((f) => codes.has(f.code) && !expected.has(`${f.code}:${lineOf(f)}`))
    .map((f) => `${where(lineOf(f))}: unexpected ${f.code}: ${f.message}`);
}

describe('rule fixtures', () => {
  it('has a fixture for every rule that matches code', () => {
    const slugs = new Set([...fixtures.map((f) => path.basename(f, '.py')), ...notebookFixtures.map((f) => path.basename(f, '.ipynb'))]);
    // Model-file rules have no Python to annotate: test/model-files.test.ts checks them on generated model files.
    const missing = RULES.filter((r) => r.meta.category !== 'linter' && r.meta.input !== 'model-file' && !slugs.has(r.meta.name)).map((r) => r.meta.code);
    assert.deepEqual(missing, []);
  });

  for (const file of fixtures) {
    const full = path.join(ROOT, file);
    const text = fs.readFileSync(full, 'utf8');
    const lines = text.split('\n');
    const list = annotations(lines);

    describe(file, () => {
      it('has at least one ruleid and one ok annotation', () => {
        assert.ok(list.some((a) => a.kind === 'ruleid'), 'no # ruleid: annotation');
        assert.ok(list.some((a) => a.kind === 'ok'), 'no # ok: annotation');
      });

      it('reports exactly the annotated lines', async () => {
        const { findings } = (await getEngine()).lint({ text, kind: 'python' });
        const at = (a: Annotation) => findings.some((f) => f.code === a.code && f.range.start.line === a.line);
        const where = (line: number) => `${file}:${line + 1}`;
        const problems = [...check(at, list, (a) => where(a.line)), ...unexpected(findings, list, (f) => f.range.start.line, where)];
        assert.deepEqual(problems, []);
      });

      it('reports the same lines when split into notebook cells', async () => {
        const cells = splitIntoCells(text);
        const result = (await getEngine()).lint({ text: notebook(cells), kind: 'notebook' });
        assert.equal(result.error, undefined);
        const toFile = (f: Finding) => (f.cell ? cells[f.cell.cell].firstLine + f.cell.line : -1);
        const at = (a: Annotation) => result.findings.some((f) => f.code === a.code && toFile(f) === a.line);
        const where = (line: number) => `${file} as notebook, file line ${line + 1}`;
        const problems = [...check(at, list, (a) => where(a.line)), ...unexpected(result.findings, list, toFile, where)];
        assert.deepEqual(problems, []);
      });

      const fixedPath = full.replace(/\.py$/, '.fixed.py');
      const rule = RULES.find((r) => r.meta.name === path.basename(file, '.py'));
      if (rule && rule.meta.fix !== 'none' && rule.meta.fix !== 'display-only') {
        it('fixes to the .fixed.py file, which parses and has nothing left to fix', async () => {
          assert.ok(fs.existsSync(fixedPath), `${path.basename(fixedPath)} is missing`);
          const engine = await getEngine();
          // In rounds, as `mlsec scan --fix` does: fixes that touch the same place wait for the next one.
          let fixed = text;
          for (let round = 0; round < 10; round++) {
            const next = applyFixes(fixed, engine.lint({ text: fixed, kind: 'python' }).findings, true).text;
            if (next === fixed) break;
            fixed = next;
          }
          assert.equal(fixed, fs.readFileSync(fixedPath, 'utf8'));
          const tree = engine.parse(fixed);
          const before = engine.parse(text);
          try {
            assert.ok(!tree.rootNode.hasError || before.rootNode.hasError, 'the fixed file has a syntax error');
          } finally {
            tree.delete();
            before.delete();
          }
          const again = engine.lint({ text: fixed, kind: 'python' }).findings;
          const fixable = again.filter((f) => f.code === rule.meta.code && f.fixes.some((x) => x.edits.length > 0 && x.safety !== 'display-only'));
          assert.deepEqual(fixable.map((f) => `${f.range.start.line + 1}: ${f.message}`), []);
        });
      }
    });
  }
});

/**
 * Notebook fixtures: findings that are not on a source line (notebook outputs) are declared in the
 * notebook's metadata, `mlsec_expect` (must be reported) and `mlsec_ok` (must not be), as
 * `{ "code", "cell", "output" }`; `<slug>.fixed.ipynb` is the notebook with every fix applied.
 */
describe('notebook rule fixtures', () => {
  for (const file of notebookFixtures) {
    const full = path.join(ROOT, file);
    const text = fs.readFileSync(full, 'utf8');
    const meta = JSON.parse(text).metadata as { mlsec_expect: Where[]; mlsec_ok: Where[] };
    type Where = { code: string; cell: number; output?: number };
    const key = (w: Where) => `${w.code} cell ${w.cell} output ${w.output ?? '-'}`;
    describe(file, () => {
      it('declares expected and ok findings', () => {
        assert.ok(meta.mlsec_expect?.length, 'no metadata.mlsec_expect');
        assert.ok(meta.mlsec_ok?.length, 'no metadata.mlsec_ok');
      });

      it('reports exactly the declared findings', async () => {
        const { findings, error } = (await getEngine()).lint({ text, kind: 'notebook' });
        assert.equal(error, undefined);
        const codes = new Set(meta.mlsec_expect.map((w) => w.code));
        const got = new Set(findings.filter((f) => codes.has(f.code)).map((f) => key({ code: f.code, cell: f.cell!.cell, output: f.cell!.output })));
        assert.deepEqual([...got].sort(), [...new Set(meta.mlsec_expect.map(key))].sort());
        for (const ok of meta.mlsec_ok) assert.ok(!got.has(key(ok)), `${key(ok)} must not be reported`);
      });

      const fixedPath = full.replace(/\.ipynb$/, '.fixed.ipynb');
      if (fs.existsSync(fixedPath)) {
        it('fixes to the .fixed.ipynb file', async () => {
          const { findings } = (await getEngine()).lint({ text, kind: 'notebook' });
          assert.equal(fixNotebook(text, parseNotebook(text), findings, true).text, fs.readFileSync(fixedPath, 'utf8'));
        });
      }
    });
  }
});
