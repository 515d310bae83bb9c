import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits } from '../engine';
import { getEngine } from './support/engine';

/**
 * Every fix of every fixture and example, applied alone: the text changes only inside the range
 * the fix declares, the result has no syntax error the original did not have, and the finding it
 * fixed is gone.
 */
const ROOT = path.join(__dirname, '..');
const files = ['rules', 'examples']
  .flatMap((d) => fs.readdirSync(path.join(ROOT, d), { recursive: true, encoding: 'utf8' }).map((f) => path.join(d, f)))
  .filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py'));

describe('fix validity', function () {
  this.timeout(60000);
  it('changes only the declared range, keeps the code parsing, and removes the finding', async () => {
    const engine = await getEngine();
    let checked = 0;
    const problems: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const before = engine.parse(text);
      const hadErrors = before.rootNode.hasError;
      before.delete();
      for (const f of engine.lint({ text }).findings) {
        for (const fix of f.fixes.filter((x) => x.edits.length)) {
          checked++;
          const out = applyEdits(text, fix.edits).text;
          // Everything before the first edit and after the last one is kept byte for byte.
          const lo = Math.min(...fix.edits.map((e) => e.start));
          const hi = Math.max(...fix.edits.map((e) => e.end));
          const kept = out.startsWith(text.slice(0, lo)) && out.endsWith(text.slice(hi)) && out.length - (text.length - hi) >= lo;
          if (!kept) problems.push(`${file}: "${fix.title}" changed text outside [${lo}, ${hi})`);
          const tree = engine.parse(out);
          if (tree.rootNode.hasError && !hadErrors) problems.push(`${file}: "${fix.title}" leaves a syntax error`);
          tree.delete();
          const again = engine.lint({ text: out }).findings.filter((g) => g.code === f.code && g.message === f.message && g.range.start.line === f.range.start.line && g.range.start.column === f.range.start.column);
          if (again.length && fix.safety !== 'display-only') problems.push(`${file}:${f.range.start.line + 1}: "${fix.title}" did not remove ${f.code}`);
        }
      }
    }
    assert.ok(checked > 40, `only ${checked} fixes checked`);
    assert.deepEqual(problems, []);
  });
});
