import { strict as assert } from 'assert';
import Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { CHECKLIST, codeMatches, FRAMEWORKS } from '../client/catalog';
import { RULE_INFO } from './support/rule-info';

const DATA = path.join(__dirname, '..', 'data');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(DATA, f), 'utf8'));
const rules = RULE_INFO;

describe('extension data (checklist and threat reference)', () => {
  const ajv = new Ajv({ allErrors: true });

  for (const [data, schema] of [
    ['checklist.json', 'checklist.schema.json'],
    ['threats.json', 'threats.schema.json'],
  ]) {
    it(`${data} is valid against ${schema}`, () => {
      const validate = ajv.compile(read(schema));
      assert.ok(validate(read(data)), ajv.errorsText(validate.errors));
    });
  }

  it('the schemas reject what they should (a missing description, an unknown kind)', () => {
    const validate = ajv.compile(read('threats.schema.json'));
    const bad = read('threats.json');
    delete bad.frameworks[0].entries[0].description;
    assert.equal(validate(bad), false);
    const worse = read('threats.json');
    worse.frameworks[1].entries[0].kind = 'rumour';
    assert.equal(validate(worse), false);
  });

  it('ids are unique within each framework and across the checklist', () => {
    for (const f of FRAMEWORKS) assert.equal(new Set(f.entries.map((e) => e.id)).size, f.entries.length, f.id);
    const items = CHECKLIST.flatMap((s) => s.items.map((i) => i.id));
    assert.equal(new Set(items).size, items.length);
  });

  it('every reference a rule makes resolves to a threat entry', () => {
    const ids = (fw: string) => new Set(FRAMEWORKS.find((f) => f.id === fw)!.entries.map((e) => e.id.toUpperCase()));
    const missing: string[] = [];
    for (const r of rules) {
      for (const [fw, refs] of [
        ['atlas', r.references.atlas],
        ['owasp-llm', r.references.owaspLlm],
        ['owasp-ml', r.references.owaspMl],
        ['nist-ai-rmf', r.references.nist ?? []],
      ] as const) {
        for (const ref of refs) if (!ids(fw).has(ref.toUpperCase())) missing.push(`${r.code} ${fw}:${ref}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('every checklist rule pattern and threat id names something that exists', () => {
    const allIds = new Set(FRAMEWORKS.flatMap((f) => f.entries.map((e) => e.id)));
    for (const item of CHECKLIST.flatMap((s) => s.items)) {
      for (const p of item.rules ?? []) assert.ok(rules.some((r) => codeMatches(p, r.code)), `${item.id}: ${p} matches a rule`);
      for (const t of item.threats ?? []) assert.ok(allIds.has(t), `${item.id}: threat ${t} exists`);
    }
    for (const f of FRAMEWORKS) for (const e of f.entries) for (const p of e.rules ?? []) assert.ok(rules.some((r) => codeMatches(p, r.code)), `${e.id}: ${p}`);
  });

  it('parents and tactics point at entries of the same framework', () => {
    for (const f of FRAMEWORKS) {
      const ids = new Set(f.entries.map((e) => e.id));
      for (const e of f.entries) {
        if (e.parent) assert.ok(ids.has(e.parent), `${e.id} parent ${e.parent}`);
        for (const t of e.tactics ?? []) assert.ok(ids.has(t), `${e.id} tactic ${t}`);
      }
    }
  });

  it('covers what the checklist and reference promise: six sections, LLM01-LLM10, ML01-ML10, the four AI RMF functions', () => {
    assert.deepEqual(CHECKLIST.map((s) => s.id), ['data', 'models', 'pipeline', 'serving', 'cloud', 'llm']);
    const ids = (fw: string) => FRAMEWORKS.find((f) => f.id === fw)!.entries.map((e) => e.id);
    assert.deepEqual(ids('owasp-llm'), Array.from({ length: 10 }, (_, i) => `LLM${String(i + 1).padStart(2, '0')}`));
    assert.deepEqual(ids('owasp-ml'), Array.from({ length: 10 }, (_, i) => `ML${String(i + 1).padStart(2, '0')}`));
    for (const fn of ['GOVERN', 'MAP', 'MEASURE', 'MANAGE']) assert.ok(ids('nist-ai-rmf').includes(fn));
  });

  // The facts (ids, names, which tactic a technique belongs to) against MITRE's own data, where the
  // machine has it beside the project (../shared/data/ATLAS.yaml); the descriptions are ours.
  const atlasFile = path.join(__dirname, '..', '..', 'shared', 'data', 'ATLAS.yaml');
  (fs.existsSync(atlasFile) ? it : it.skip)('ATLAS ids, names and tactics match MITRE ATLAS data', () => {
    const yaml = fs.readFileSync(atlasFile, 'utf8');
    const names = new Map<string, string>();
    for (const m of yaml.matchAll(/^\s*- id: (AML\.[A-Z0-9.]+)\n\s+name: (.+)$/gm)) names.set(m[1], m[2].replace(/^'(.*)'$/, '$1').replace(/''/g, "'"));
    const atlas = FRAMEWORKS.find((f) => f.id === 'atlas')!;
    for (const e of atlas.entries) {
      assert.equal(names.get(e.id), e.name, e.id);
      if (e.parent) assert.ok(e.id.startsWith(`${e.parent}.`), `${e.id} is a sub-technique of ${e.parent}`);
      if (e.tactics) {
        const block = yaml.slice(yaml.indexOf(`- id: ${e.id}\n`), yaml.indexOf('\n  - id:', yaml.indexOf(`- id: ${e.id}\n`) + 5));
        for (const t of e.tactics) assert.ok(block.includes(`- ${t}`), `${e.id} belongs to ${t}`);
      }
    }
  });
});
