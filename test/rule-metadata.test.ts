import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../rules';
import { expectedPages } from '../scripts/generate-docs';

const ROOT = path.join(__dirname, '..');
const HEADINGS = ['## What it does', '## Why is this bad?', '## Example', '## Use instead', '## Fix safety', '## Known limitations', '## References'];
const CATEGORY_DIGIT: Record<string, string> = { linter: '0', 'unsafe-deserialization': '1', 'hardcoded-secret': '2', 'unpinned-artifact': '3', privacy: '4', 'llm-application': '5' };

describe('rule metadata', () => {
  const ruleFiles = fs
    .readdirSync(path.join(ROOT, 'rules'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && f.includes('/') && fs.readFileSync(path.join(ROOT, 'rules', f), 'utf8').includes('defineRule({'));

  it('registers every rule file in rules/index.ts, once', () => {
    const names = RULES.map((r) => r.meta.name).sort();
    assert.deepEqual(names, ruleFiles.map((f) => path.basename(f, '.ts')).sort());
    assert.equal(new Set(RULES.map((r) => r.meta.code)).size, RULES.length);
  });

  for (const rule of RULES) {
    const m = rule.meta;
    describe(`${m.code} ${m.name}`, () => {
      it('has a well-formed code, name and category', () => {
        assert.match(m.code, /^MLS\d{3}$/);
        assert.match(m.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        assert.equal(m.code[3], CATEGORY_DIGIT[m.category], 'the hundreds digit is the category');
        assert.ok(m.title.length > 10);
      });

      it('has docs with every heading, in order', () => {
        let at = -1;
        for (const h of HEADINGS) {
          const i = rule.docs.indexOf(`\n${h}\n`);
          assert.ok(i > at, `missing or out of order: ${h}`);
          at = i;
        }
      });

      if (m.category !== 'linter') {
        it('maps to CWE and MITRE ATLAS', () => {
          assert.ok(m.references.cwe.every((c) => /^CWE-\d+$/.test(c)) && m.references.cwe.length > 0);
          assert.ok(m.references.atlas.every((a) => /^AML\.[TM]\d{4}(\.\d{3})?$/.test(a)) && m.references.atlas.length > 0);
        });
      }
    });
  }

  it('keeps model-file rules, and only them, in rules/model-files/, with no visitors', () => {
    const folder = (r: (typeof RULES)[number]) => ruleFiles.find((f) => path.basename(f, '.ts') === r.meta.name)?.split('/')[0];
    for (const r of RULES) {
      assert.equal(folder(r) === 'model-files', r.meta.input === 'model-file', `${r.meta.code}: input and folder disagree`);
      if (r.meta.input === 'model-file') assert.deepEqual(Object.keys(r.create({} as never)), [], `${r.meta.code} is reported by the scanner, not by visitors`);
    }
  });

  it('keeps rule files small', () => {
    const long = ruleFiles.map((f) => [f, fs.readFileSync(path.join(ROOT, 'rules', f), 'utf8').split('\n').length] as const).filter(([, n]) => n > 175);
    assert.deepEqual(long, []);
  });

  it('has generated docs/rules pages that match the metadata (npm run docs)', () => {
    for (const [name, text] of expectedPages()) {
      const file = path.join(ROOT, 'docs', 'rules', name);
      assert.ok(fs.existsSync(file), `${name} is missing: run npm run docs`);
      assert.equal(fs.readFileSync(file, 'utf8'), text, `${name} is stale: run npm run docs`);
    }
  });
});
