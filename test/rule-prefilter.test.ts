import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createEngine } from '../engine';
import { defineRule } from '../engine/rule';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';
import { getEngine } from './support/engine';

/**
 * `RuleMeta.requires` lets a whole-file lint skip a rule on a file whose text holds none of its
 * words. That is only sound if no file without them can get a finding from the rule: every fixture
 * and every corpus file is linted with the pre-filter on and off, and the findings must be the same.
 */
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(py|ipynb)$/.test(e.name) ? [p] : [];
  });
}

const root = path.join(__dirname, '..');
const ALL = [...files(path.join(root, 'rules')), ...files(path.join(root, 'test', 'corpus')), ...files(path.join(root, 'test', 'fixtures')), ...files(path.join(root, 'examples'))];
const filtered = RULES.filter((r) => r.meta.requires);

describe('rule pre-filter', () => {
  it('some rules declare the words they need', () => {
    assert.ok(filtered.length >= 5, `only ${filtered.length} rules with requires`);
  });

  it('gives the same findings with the pre-filter on and off, on every fixture and corpus file', async function () {
    this.timeout(120_000);
    const engine = await getEngine();
    let skipped = 0;
    let reported = 0;
    for (const file of ALL) {
      const text = fs.readFileSync(file, 'utf8');
      const kind = file.endsWith('.ipynb') ? 'notebook' : 'python';
      const on = engine.lint({ text, kind });
      const off = engine.lint({ text, kind, prefilter: false });
      assert.deepEqual(on.findings, off.findings, file);
      assert.deepEqual(on.masks, off.masks, file);
      assert.deepEqual(on.exports, off.exports, file);
      for (const r of filtered) {
        if (!r.meta.requires!.some((w) => text.includes(w))) skipped++;
        if (off.findings.some((f) => f.code === r.meta.code)) reported++;
      }
    }
    // Both sides must be exercised: files where a filtered rule was skipped, and findings of those rules.
    assert.ok(skipped > 100, `the pre-filter skipped a rule on only ${skipped} files`);
    assert.ok(reported > 10, `the filtered rules reported in only ${reported} files`);
  });

  it('skips a rule on a file that holds none of its words, runs it on one that does, and never when turned off', async () => {
    // A rule that reports every call, so that only the pre-filter can keep it from reporting.
    const everyCall = defineRule({
      meta: { ...filtered[0].meta, code: 'MLS599', name: 'every-call', requires: ['zebra_client'], fileScope: false, sensitive: false },
      docs: filtered[0].docs,
      create: (ctx) => ({ call: (node) => ctx.report({ node, message: 'a call' }) }),
    });
    const engine = await createEngine(loadAssets(), [everyCall]);
    const codes = (text: string, prefilter?: boolean) => engine.lint({ text, kind: 'python', config: { select: ['MLS599'] }, ...(prefilter === undefined ? {} : { prefilter }) }).findings.map((f) => f.code);
    assert.deepEqual(codes('print(1)\n'), [], 'no word: skipped');
    assert.deepEqual(codes('print(1)\n', false), ['MLS599'], 'no word, pre-filter off: run');
    assert.deepEqual(codes('import zebra_client\nprint(1)\n'), ['MLS599'], 'a word: run');
  });
});
