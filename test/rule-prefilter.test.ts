import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
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

  it('skips the rule: a finding needs one of its words in the file', async () => {
    const engine = await getEngine();
    const rule = filtered.find((r) => r.meta.code === 'MLS501')!;
    assert.ok(rule, 'MLS501 declares requires');
    // With the words, the rule reports; the same code with the client renamed so no word is left is skipped.
    const text = 'import openai\nr = openai.OpenAI().chat.completions.create(model="m", messages=[])\neval(r.choices[0].message.content)\n';
    assert.ok(engine.lint({ text, kind: 'python' }).findings.some((f) => f.code === 'MLS501'));
    const bare = 'import mylib\nr = mylib.ask("m")\neval(r)\n';
    assert.ok(!rule.meta.requires!.some((w) => bare.includes(w)));
    assert.ok(!engine.lint({ text: bare, kind: 'python' }).findings.some((f) => f.code === 'MLS501'));
  });
});
