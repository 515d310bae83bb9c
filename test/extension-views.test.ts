import { strict as assert } from 'assert';
import { FRAMEWORKS } from '../client/catalog';
import { checklistMarkdown, EMPTY_STATE, evaluateChecklist, overallProgress, parseState, serializeState, tick } from '../client/checklist-model';
import type { FindingRef } from '../client/findings';
import { childrenOf, entriesFor, entryMarkdown, filterEntries, findingsFor, rulesFor } from '../client/threat-model';
import { RULE_INFO } from './support/rule-info';

const rules = RULE_INFO;
const finding = (code: string, line = 3): FindingRef => ({ code, message: `${code} message`, uri: 'file:///w/train.py', line, character: 0 });
const status = (sections: ReturnType<typeof evaluateChecklist>, id: string) => sections.flatMap((s) => s.items).find((i) => i.item.id === id)!.status;

describe('checklist view model', () => {
  it('automatic items are pending before a scan, then pass or fail with their findings', () => {
    assert.equal(status(evaluateChecklist(undefined, EMPTY_STATE), 'models.safe-format').kind, 'pending');
    const clean = evaluateChecklist([], EMPTY_STATE);
    assert.equal(status(clean, 'models.safe-format').kind, 'pass');
    const dirty = evaluateChecklist([finding('MLS102'), finding('MLS105', 9), finding('MLS201')], EMPTY_STATE);
    const models = status(dirty, 'models.safe-format');
    assert.ok(models.kind === 'fail');
    assert.deepEqual(models.findings.map((f) => f.code), ['MLS102', 'MLS105'], 'the MLS1 prefix takes the deserialization findings only');
    assert.equal(status(dirty, 'pipeline.no-hardcoded-secrets').kind, 'fail');
    assert.equal(status(dirty, 'data.pinned-datasets').kind, 'pass');
  });

  it('a model file that could not be scanned leaves the safe-format item unverified, not failed, and a real finding still fails it', () => {
    const unscanned = status(evaluateChecklist([finding('MLS153')], EMPTY_STATE), 'models.safe-format');
    assert.ok(unscanned.kind === 'unverified');
    assert.deepEqual(unscanned.findings.map((f) => f.code), ['MLS153']);
    const sections = evaluateChecklist([finding('MLS153')], EMPTY_STATE);
    const models = sections.find((s) => s.items.some((i) => i.item.id === 'models.safe-format'))!;
    assert.equal(models.passed, models.items.filter((i) => i.status.kind === 'pass').length, 'an unverified item is not counted as met');
    assert.match(checklistMarkdown(sections, 'w', '2026-12-04'), /- \[ \] \*\*Models are stored and loaded in a safe format\*\* \(checked by MLSec: 1 file could not be checked \(MLS153\)\)/);
    const both = status(evaluateChecklist([finding('MLS153'), finding('MLS150', 5)], EMPTY_STATE), 'models.safe-format');
    assert.ok(both.kind === 'fail');
    assert.deepEqual(both.findings.map((f) => f.code), ['MLS150']);
  });

  it('the LLM applications section is ticked from the MLS5xx rules, and their findings link to the OWASP LLM entries', () => {
    const llm = (sections: ReturnType<typeof evaluateChecklist>) => sections.find((s) => s.section.id === 'llm')!;
    const clean = llm(evaluateChecklist([], EMPTY_STATE));
    const automatic = clean.items.filter((i) => i.item.rules);
    assert.deepEqual(automatic.flatMap((i) => i.item.rules!).sort(), ['MLS501', 'MLS502', 'MLS503', 'MLS504', 'MLS505', 'MLS506', 'MLS507', 'MLS508', 'MLS509']);
    assert.ok(automatic.every((i) => i.status.kind === 'pass'));
    const dirty = evaluateChecklist([finding('MLS502'), finding('MLS505', 7)], EMPTY_STATE);
    const output = status(dirty, 'llm.output-untrusted');
    assert.ok(output.kind === 'fail');
    assert.deepEqual(output.findings.map((f) => f.code), ['MLS502']);
    assert.equal(status(dirty, 'llm.no-dangerous-deserialization').kind, 'fail');
    assert.equal(status(dirty, 'llm.narrow-agent-tools').kind, 'pass');
    const owasp = FRAMEWORKS.find((f) => f.id === 'owasp-llm')!;
    const entry = (id: string) => owasp.entries.find((e) => e.id === id)!;
    for (const [id, code] of [['LLM01', 'MLS507'], ['LLM02', 'MLS508'], ['LLM03', 'MLS505'], ['LLM05', 'MLS501'], ['LLM06', 'MLS506'], ['LLM10', 'MLS509']]) {
      assert.ok(rulesFor(owasp, entry(id), rules).some((r) => r.code === code), `${id} lists ${code}`);
    }
    assert.deepEqual(findingsFor(owasp, entry('LLM05'), rules, [finding('MLS502'), finding('MLS505', 7)]).map((f) => f.code), ['MLS502']);
  });

  it('manual items are open until ticked, and progress counts passes and ticks per section and overall', () => {
    const before = evaluateChecklist([], EMPTY_STATE);
    assert.equal(status(before, 'data.provenance').kind, 'open');
    const state = tick(EMPTY_STATE, 'data.provenance', true, '2026-12-01', 'datasheet in docs/');
    const after = evaluateChecklist([], state);
    const done = status(after, 'data.provenance');
    assert.deepEqual(done, { kind: 'done', note: 'datasheet in docs/', date: '2026-12-01' });
    const data = (s: typeof after) => s.find((x) => x.section.id === 'data')!;
    assert.equal(data(after).passed, data(before).passed + 1);
    assert.equal(overallProgress(after).passed, overallProgress(before).passed + 1);
    assert.equal(overallProgress(after).total, after.reduce((n, s) => n + s.items.length, 0));
    assert.equal(status(evaluateChecklist([], tick(state, 'data.provenance', false, '2026-12-02')), 'data.provenance').kind, 'open');
  });

  it('state files round-trip with sorted keys, and a broken one is reported, not trusted', () => {
    const state = tick(tick(EMPTY_STATE, 'serving.rate-limiting', true, '2026-12-01'), 'cloud.iam', true, '2026-11-30', 'roles reviewed');
    const text = serializeState(state);
    assert.ok(text.indexOf('cloud.iam') < text.indexOf('serving.rate-limiting'));
    assert.deepEqual(parseState(text), { state });
    assert.deepEqual(parseState(undefined), { state: EMPTY_STATE });
    const broken = parseState('{"version": 1, "items": [');
    assert.deepEqual(broken.state, EMPTY_STATE);
    assert.ok(broken.error);
    assert.ok(parseState('{"version": 2, "items": {}}').error);
    // Entries of the wrong shape are dropped, the rest kept.
    assert.deepEqual(Object.keys(parseState('{"version": 1, "items": {"a.b": {"done": "yes"}, "c.d": {"done": true, "date": "2026-01-01"}}}').state.items), ['c.d']);
  });

  it('exports Markdown with each item, its state and its evidence', () => {
    const sections = evaluateChecklist([finding('MLS102'), finding('MLS102', 8)], tick(EMPTY_STATE, 'data.provenance', true, '2026-12-01', 'see docs'));
    const md = checklistMarkdown(sections, 'demo', '2026-12-01');
    assert.match(md, /^# MLSec security checklist: demo/);
    assert.match(md, /- \[ \] \*\*Models are stored and loaded in a safe format\*\* \(checked by MLSec: 2 findings \(MLS102\)\)/);
    assert.match(md, /- \[x\] \*\*Data provenance is recorded\*\* \(ticked 2026-12-01: see docs\)/);
    assert.match(md, /- \[x\] \*\*Datasets are pinned to a revision\*\* \(checked by MLSec: no finding\)/);
    const { passed, total } = overallProgress(sections);
    assert.match(md, new RegExp(`${passed} of ${total} items met`));
  });
});

describe('threat reference view model', () => {
  const atlas = FRAMEWORKS.find((f) => f.id === 'atlas')!;
  const entry = (fw: string, id: string) => FRAMEWORKS.find((f) => f.id === fw)!.entries.find((e) => e.id === id)!;

  it('links entries to the rules whose references name them, and to the rules an entry lists', () => {
    const unsafe = rulesFor(atlas, entry('atlas', 'AML.T0011.000'), rules).map((r) => r.code);
    assert.ok(unsafe.includes('MLS102') && unsafe.includes('MLS105'));
    assert.ok(!unsafe.includes('MLS201'));
    const ai = FRAMEWORKS.find((f) => f.id === 'nist-ai-100-2')!;
    assert.deepEqual(rulesFor(ai, entry('nist-ai-100-2', 'model-poisoning'), rules).map((r) => r.code), rules.filter((r) => r.code.startsWith('MLS1')).map((r) => r.code));
    assert.deepEqual(rulesFor(atlas, entry('atlas', 'AML.TA0002'), rules), [], 'a tactic no rule names');
    const links = entriesFor(rules.find((r) => r.code === 'MLS201')!).map((l) => `${l.framework.id}:${l.entry.id}`);
    assert.ok(links.includes('atlas:AML.T0055') && links.includes('owasp-llm:LLM02'));
  });

  it('lists the workspace findings of an entry', () => {
    const found = findingsFor(atlas, entry('atlas', 'AML.T0055'), rules, [finding('MLS201'), finding('MLS102'), finding('MLS204', 7)]);
    assert.deepEqual(found.map((f) => f.code), ['MLS201', 'MLS204']);
  });

  it('nests techniques under their tactic and sub-techniques under their technique', () => {
    const top = childrenOf(atlas, undefined, atlas.entries).map((e) => e.id);
    assert.ok(top.includes('AML.TA0005'));
    assert.ok(!top.includes('AML.T0011') && !top.includes('AML.T0011.000'));
    assert.ok(childrenOf(atlas, entry('atlas', 'AML.TA0005'), atlas.entries).some((e) => e.id === 'AML.T0011'));
    assert.deepEqual(childrenOf(atlas, entry('atlas', 'AML.T0011'), atlas.entries).map((e) => e.id), ['AML.T0011.000', 'AML.T0011.001']);
  });

  it('filters by id, name or description and shows matches whose parent is filtered out at the top', () => {
    assert.deepEqual(filterEntries(atlas, 'unsafe ai').map((e) => e.id), ['AML.T0011.000']);
    assert.equal(filterEntries(atlas, '').length, atlas.entries.length);
    const visible = filterEntries(atlas, 'AML.T0011.000');
    assert.deepEqual(childrenOf(atlas, undefined, visible).map((e) => e.id), ['AML.T0011.000']);
  });

  it('renders an entry page with its description, mitigations, rules, findings and official link', () => {
    const md = entryMarkdown(atlas, entry('atlas', 'AML.T0055'), rules, [finding('MLS201', 4)]);
    assert.match(md, /^# AML\.T0055: Unsecured Credentials/);
    assert.match(md, /## Mitigations\n\n- Read secrets from the environment/);
    assert.match(md, /- MLS201 /);
    assert.match(md, /1 finding:\n\n- MLS201 w\/train\.py:5: MLS201 message\n/);
    assert.match(md, /Official page: https:\/\/atlas\.mitre\.org\/techniques\/AML\.T0055$/);
  });
});
