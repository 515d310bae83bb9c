import { strict as assert } from 'assert';
import * as path from 'path';
import { CHECKLIST, FRAMEWORKS, type Framework } from '../client/catalog';
import { checklistMarkdown, EMPTY_STATE, evaluateChecklist, itemLinks } from '../client/checklist-model';
import type { FindingRef } from '../client/findings';
import { BOOKS, entryLabel, itemReferences, REFERENCE } from '../client/reference';
import { childrenOf, entriesFor, entryMarkdown, filterEntries, findingsFor, rulesFor } from '../client/threat-model';
import { RULES } from '../rules';
import { complementaryLine, complementaryMarkdown, toolsForRule } from '../rules/reference-links';
import { rulePage } from '../scripts/generate-docs';
import { ruleMarkdown } from '../server/hover';
import { RULE_INFO } from './support/rule-info';

const rules = RULE_INFO;
const finding = (code: string, line = 3): FindingRef => ({ code, message: `${code} message`, uri: 'file:///w/train.py', line, character: 0 });
const book = (id: string) => BOOKS.find((f) => f.id === id)!;
const entry = (fw: string, id: string) => book(fw).entries.find((e) => e.id === id)!;
const page = (fw: string, id: string, found: FindingRef[] = [], known = rules) => entryMarkdown(book(fw), entry(fw, id), known, found);
const item = (id: string) => CHECKLIST.flatMap((s) => s.items).find((i) => i.id === id)!;

describe('reference books in the threat reference', () => {
  it('come after the five frameworks, each browsable as a tree', () => {
    assert.deepEqual(BOOKS.map((f) => f.id), [...FRAMEWORKS.map((f) => f.id), 'threat-models', 'agentic', 'standards', 'tools', 'privacy']);
    const models = book('threat-models');
    assert.deepEqual(childrenOf(models, undefined, models.entries).map((e) => e.id), ['ml-pipeline', 'model-serving']);
    assert.equal(childrenOf(models, entry('threat-models', 'ml-pipeline'), models.entries).length, 9);
    assert.equal(childrenOf(models, entry('threat-models', 'model-serving'), models.entries).length, 8);
    const agentic = book('agentic');
    assert.deepEqual(childrenOf(agentic, undefined, agentic.entries).map((e) => e.id), ['owasp-agentic', 'csa-red-teaming', 'csa-maestro']);
    assert.equal(childrenOf(agentic, entry('agentic', 'owasp-agentic'), agentic.entries).length, 15);
    const standards = book('standards');
    assert.ok(childrenOf(standards, entry('standards', 'eu-ai-act'), standards.entries).some((e) => e.id === 'eu-ai-act.art-10'));
    assert.ok(childrenOf(book('tools'), entry('tools', 'model-file-scanners'), book('tools').entries).some((e) => e.id === 'modelscan'));
  });

  it('a threat-model threat links to the rules that find its precursors, and lists the workspace findings of those rules', () => {
    const fw = book('threat-models');
    const codes = rulesFor(fw, entry('threat-models', 'supply-chain-models'), rules).map((r) => r.code);
    assert.ok(codes.includes('MLS102') && codes.includes('MLS301'));
    assert.ok(!codes.includes('MLS201'));
    const found = findingsFor(fw, entry('threat-models', 'supply-chain-models'), rules, [finding('MLS102'), finding('MLS201'), finding('MLS303', 9)]);
    assert.deepEqual(found.map((f) => f.code), ['MLS102', 'MLS303']);
    assert.deepEqual(findingsFor(fw, entry('threat-models', 'pipeline-credential-theft'), rules, [finding('MLS102'), finding('MLS204')]).map((f) => f.code), ['MLS204']);
  });

  it('renders a threat-model page: stage, mappings by name, checklist items, rules, tools and findings', () => {
    const md = page('threat-models', 'data-poisoning', [finding('MLS301', 4)]);
    assert.match(md, /^# Data poisoning\n\nThreat models: ML pipeline threat model\n/);
    assert.match(md, /## Lifecycle stage\n\nData collection, preparation, training\n/);
    assert.match(md, /- MITRE ATLAS: AML\.T0020 Poison Training Data\n/);
    assert.match(md, /- OWASP Machine Learning Security Top 10: ML02 Data Poisoning Attack\n/);
    assert.match(md, /## Checklist items that mitigate it\n\n- Datasets are pinned to a revision \(`data\.pinned-datasets`\)\n/);
    assert.match(md, /## Precursors MLSec finds in code\n\n- MLS301 /);
    assert.match(md, /## Out of a linter's reach\n\nWhether the records themselves/);
    assert.match(md, /- \[Great Expectations\]\(https:\/\/github\.com\/great-expectations\/great_expectations\): /);
    assert.match(md, /1 finding:\n\n- MLS301 w\/train\.py:5: MLS301 message/);
  });

  it('says so when a threat is out of reach, and names codes the server does not report', () => {
    const md = page('threat-models', 'model-extraction');
    assert.match(md, /## Precursors MLSec finds in code\n\n- None: this is out of a linter's reach \(below\)\.\n/);
    assert.match(md, /\[Adversarial Robustness Toolbox \(ART\)\]/);
    const fewer = rules.filter((r) => r.code !== 'MLS303');
    assert.match(page('threat-models', 'data-poisoning', [], fewer), /- MLS303 \(not reported by the running MLSec server\)\n/);
    assert.doesNotMatch(page('threat-models', 'data-poisoning'), /MLS303 \(not reported/);
  });

  it('shows each agentic threat beside the Cloud Security Alliance view, and each CSA category beside its OWASP threats', () => {
    const md = page('agentic', 'T1');
    assert.match(md, /^# T1: Memory Poisoning/);
    assert.match(md, /## The Cloud Security Alliance's view\n\n- Red-teaming category: Agent memory and context manipulation /);
    assert.match(md, /- MAESTRO Layer 2: data operations/);
    assert.match(md, /- Top 10 for Agentic Applications \(2026\): ASI06 Memory and Context Poisoning\n/);
    assert.match(md, /- Top 10 for LLM Applications: LLM04 Data and Model Poisoning/);
    assert.match(md, /## Precursors MLSec finds in code\n\n- MLS505/);
    const table = page('agentic', 'owasp-agentic');
    assert.equal(table.split('\n').filter((l) => /^\| T\d+ /.test(l)).length, 15);
    assert.match(table, /\| T2 Tool Misuse \| Agent critical system interaction; Agent authorization and control hijacking \| Layer 3: agent frameworks \| ASI02, LLM06 \|/);
    assert.match(page('agentic', 'supply-chain-dependency'), /ASI04 Agentic Supply Chain Vulnerabilities/);
    assert.match(page('agentic', 'multi-agent-exploitation'), /## OWASP threats in this category\n\n- T9 Identity Spoofing and Impersonation\n- T12 /);
    assert.match(page('agentic', 'agent-ecosystem'), /## OWASP threats at this layer\n\n(- T\d+ .+\n)+/);
  });

  it('renders a standard and its provisions as reading: summary, checklist items, link, and no rules or findings', () => {
    const act = page('standards', 'eu-ai-act', [finding('MLS101')]);
    assert.match(act, /^# EU AI Act\n\nStandards and regulation\n/);
    assert.match(act, /- Article 10: data and data governance\n/);
    assert.match(act, /Official page: https:\/\/eur-lex\.europa\.eu\/eli\/reg\/2024\/1689\/oj$/);
    assert.doesNotMatch(act, /Detected by MLSec|In this workspace/);
    const art15 = page('standards', 'eu-ai-act.art-15');
    assert.match(art15, /^# Article 15: accuracy, robustness and cybersecurity\n\nStandards and regulation: EU AI Act\n/);
    assert.match(art15, /## What the checklist shows for it\n\n- Models are stored and loaded in a safe format \(`models\.safe-format`\)/);
    const policy = page('standards', 'ml-security-policy');
    assert.match(policy, /- Data\n- Models\n- Platform\n- Compliance\n- People/);
    assert.doesNotMatch(policy, /Official page/);
    assert.match(page('standards', 'nist-ai-100-2'), /the framework "NIST AI 100-2: Adversarial Machine Learning taxonomy"/);
  });

  it('renders a tool with when to reach for it, the rules it complements and the threats it covers', () => {
    const md = page('tools', 'modelscan');
    assert.match(md, /## When to reach for it\n\nBefore loading/);
    assert.match(md, /## Beside these MLSec rules\n\n- the unsafe-deserialization rules/);
    assert.match(md, /## Covers, in the Threat Reference\n\n- ML pipeline threat model: Supply-chain compromise of pretrained models/);
    assert.match(page('tools', 'presidio'), /- MLS405\n- MLS406\n/);
    assert.match(page('tools', 'flower'), /- Privacy techniques: Federated learning/);
  });

  it('renders a privacy technique page with when it applies, its libraries, its snippets, its rules and their findings', () => {
    const md = page('privacy', 'differential-privacy', [finding('MLS401'), finding('MLS101')]);
    assert.match(md, /## When it applies\n\n- A model is trained on personal data/);
    assert.match(md, /## Libraries that implement it\n\n- \[Opacus\]\(https:\/\/github\.com\/pytorch\/opacus\)/);
    assert.match(md, /`mlsec-opacus`/);
    assert.match(md, /## MLSec rules that point to it\n\n- MLS401 /);
    assert.match(md, /1 finding:\n\n- MLS401 /);
    assert.match(page('privacy', 'federated-learning'), /\[Flower\]/);
    for (const id of ['homomorphic-encryption', 'secure-multi-party-computation', 'synthetic-data']) assert.match(page('privacy', id), /## Libraries that implement it\n\n- \[/, id);
  });

  it('filters the books like the frameworks', () => {
    assert.deepEqual(filterEntries(book('standards'), 'cybersecurity').map((e) => e.id).sort(), ['eu-ai-act.art-13', 'eu-ai-act.art-15', 'eu-ai-act.art-55']);
    assert.deepEqual(filterEntries(book('agentic'), 'memory poisoning').map((e) => e.id), ['T1']);
  });

  it('a rule links to the threat-model threats, agentic threats and privacy techniques that name it', () => {
    const links = (code: string) => entriesFor(rules.find((r) => r.code === code)!).map((l) => `${l.framework.id}:${l.entry.id}`);
    assert.ok(links('MLS401').includes('privacy:differential-privacy'));
    assert.ok(links('MLS401').includes('threat-models:membership-inference'));
    assert.ok(links('MLS201').includes('agentic:T9'));
    assert.ok(links('MLS201').indexOf('atlas:AML.T0055') < links('MLS201').indexOf('threat-models:pipeline-credential-theft'), 'frameworks first');
    assert.ok(!links('MLS101').some((l) => l.startsWith('standards:') || l.startsWith('tools:')), 'reading pages are not detection links');
  });

  it('names entries outside their page by their book or parent', () => {
    assert.equal(entryLabel(book('threat-models'), entry('threat-models', 'label-flipping')), 'Label flipping (ML pipeline threat model)');
    assert.equal(entryLabel(book('agentic'), entry('agentic', 'T2')), 'T2 Tool Misuse (Agentic AI threats)');
    assert.equal(entryLabel(book('standards'), entry('standards', 'eu-ai-act.art-12')), 'Article 12: record-keeping (EU AI Act)');
    assert.equal(entryLabel(book('atlas'), entry('atlas', 'AML.T0055')), 'AML.T0055 Unsecured Credentials (MITRE ATLAS)');
  });

  it('no page fetches anything: no images, no embedded HTML, links only as Markdown links or text', () => {
    for (const fw of REFERENCE as Framework[]) {
      for (const e of fw.entries) {
        const md = entryMarkdown(fw, e, rules, []);
        assert.doesNotMatch(md, /!\[|<img|<iframe|<script|<link|<object/i, `${fw.id}:${e.id}`);
      }
    }
  });
});

describe('checklist links to the reference', () => {
  it('the privacy items list the privacy technique pages, and items list the threats they mitigate', () => {
    const rows = (id: string) => itemReferences(item(id)).map((r) => `${r.framework.id}:${r.entry.id}`);
    assert.deepEqual(rows('data.privacy-techniques').filter((r) => r.startsWith('privacy:')), ['privacy:differential-privacy', 'privacy:federated-learning', 'privacy:homomorphic-encryption', 'privacy:secure-multi-party-computation', 'privacy:synthetic-data']);
    assert.ok(rows('data.personal-data-dp').includes('privacy:differential-privacy'));
    assert.ok(rows('models.safe-format').includes('threat-models:supply-chain-models'));
    assert.ok(itemReferences(item('models.safe-format')).some((r) => r.label === 'Mitigates: Supply-chain compromise of pretrained models (ML pipeline threat model)'));
    assert.ok(!rows('models.safe-format').some((r) => r.startsWith('atlas:')), 'framework entries stay in the Threat Reference');
  });

  it('the Markdown export lists under each item the threats it mitigates and the pages that point at it', () => {
    const md = checklistMarkdown(evaluateChecklist([finding('MLS301')], EMPTY_STATE), 'demo', '2026-12-03');
    const block = (title: string) => md.slice(md.indexOf(`**${title}**`), md.indexOf('\n- ', md.indexOf(`**${title}**`)));
    const pinned = block('Datasets are pinned to a revision');
    assert.match(pinned, /\(checked by MLSec: 1 finding \(MLS301\)\)/);
    assert.match(pinned, /\n  - Mitigates: AML\.T0010\.002 Data \(MITRE ATLAS\); AML\.T0019 Publish Poisoned Datasets \(MITRE ATLAS\); Data poisoning \(ML pipeline threat model\); Supply-chain compromise of data sets \(ML pipeline threat model\)\n/);
    assert.match(pinned, /\n  - See also: Article 10: data and data governance \(EU AI Act\)/);
    assert.match(block('Training on personal data uses differential privacy'), /Differential privacy \(Privacy techniques\)/);
    // Each mapped threat is listed once, from either side of the mapping.
    for (const s of CHECKLIST) for (const i of s.items) assert.equal(new Set(itemLinks(i).threats).size, itemLinks(i).threats.length, i.id);
    assert.match(checklistMarkdown(evaluateChecklist([], EMPTY_STATE), 'demo', '2026-12-03', () => ({ threats: [], pages: [] })), /\*\*Datasets are pinned to a revision\*\* \(checked by MLSec: no finding\)\n- /);
  });
});

describe('complementary tools on rule pages and hover', () => {
  const rule = (code: string) => RULES.find((r) => r.meta.code === code)!;

  it('are looked up by rule code first, then by category', () => {
    assert.deepEqual(toolsForRule('MLS101', 'unsafe-deserialization').map((t) => t.id), ['modelscan', 'fickling']);
    assert.deepEqual(toolsForRule('MLS406', 'privacy').map((t) => t.id), ['presidio', 'nbstripout', 'opacus', 'ml-privacy-meter']);
    assert.deepEqual(toolsForRule('MLS001', 'linter'), []);
  });

  it('the generated docs page of a rule has a Complementary tools part; a linter rule has none', () => {
    const md = rulePage(rule('MLS102'), path.join(__dirname, '..', 'rules', 'deserialization'));
    assert.match(md, /## Complementary tools\n\nWhat a linter cannot check, these tools do:\n\n- \[ModelScan\]\(https:\/\/github\.com\/protectai\/modelscan\): /);
    assert.ok(md.indexOf('## Complementary tools') < md.indexOf('## Tests'));
    assert.match(rulePage(rule('MLS401'), path.join(__dirname, '..', 'rules', 'privacy')), /Privacy techniques \(pages in the extension's Threat Reference\): Differential privacy, Federated learning\./);
    assert.doesNotMatch(rulePage(rule('MLS001'), path.join(__dirname, '..', 'rules', 'linter')), /Complementary tools/);
    assert.equal(complementaryMarkdown('MLS001', 'linter'), '');
  });

  it('the hover names the complementing tools', () => {
    assert.match(ruleMarkdown(rule('MLS406')), /\nComplementary tools: \[Microsoft Presidio\]\(https:\/\/github\.com\/microsoft\/presidio\), \[nbstripout\]/);
    assert.equal(complementaryLine('MLS001', 'linter'), '');
    assert.doesNotMatch(ruleMarkdown(rule('MLS001')), /Complementary tools/);
  });
});
