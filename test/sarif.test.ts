import { strict as assert } from 'assert';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import * as path from 'path';
import { mlsec, removeTemp, tempProject } from './support/cli';
import { notebook } from './support/notebooks';
import { applyRegions } from './support/regions';

// The SARIF 2.1.0 schema as published by its authors (OASIS), shipped in @microsoft/jest-sarif.
import schema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

// The published schema has a pattern that is not valid as a Unicode regular expression, hence unicodeRegExp: false.
const CATEGORIES = ['unsafe-deserialization', 'hardcoded-secret', 'unpinned-artifact', 'privacy', 'llm-application', 'linter'];

describe('SARIF output', function () {
  this.timeout(60000);
  let dir: string;
  let log: any;
  before(() => {
    dir = tempProject({
      'src/train.py': 'import torch\nstate = torch.load(p, weights_only=False)\n',
      'notebooks/explore.ipynb': notebook([{ source: 'import pickle' }, { source: 'x = 1\npickle.loads(b)' }]),
    });
    const r = mlsec(['scan', '--format', 'sarif'], dir);
    assert.equal(r.code, 1, r.stderr);
    log = JSON.parse(r.stdout);
  });
  after(() => removeTemp(dir));

  it('is valid against the SARIF 2.1.0 schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  });

  it('hands on each fix that edits a Python file, and its replacements give what --fix writes', () => {
    const source = 'import torch\nimport yaml\n\ncfg = yaml.load(\n    s, Loader=yaml.Loader\n)\nstate = torch.load(p)\n';
    for (const unsafe of [false, true]) {
      const one = tempProject({ 'a.py': source });
      try {
        const results = JSON.parse(mlsec(['scan', '--format', 'sarif'], one).stdout).runs[0].results as any[];
        const fixes = results.flatMap((r) => r.fixes ?? []).filter((x: any) => unsafe || x.properties.safety === 'safe');
        assert.equal(fixes.length, unsafe ? 2 : 1);
        const edits = fixes.flatMap((x: any) => x.artifactChanges.flatMap((c: any) => { assert.equal(c.artifactLocation.uri, 'a.py'); return c.replacements; }));
        const regions = edits.map((e: any) => ({ ...e.deletedRegion, text: e.insertedContent.text }));
        mlsec(['scan', '--fix', ...(unsafe ? ['--unsafe-fixes'] : [])], one);
        assert.equal(applyRegions(source, regions), require('fs').readFileSync(path.join(one, 'a.py'), 'utf8'));
      } finally {
        removeTemp(one);
      }
    }
    // Notebook fixes edit the cells inside the JSON: they are not handed on.
    assert.ok(log.runs[0].results.filter((r: any) => r.properties.cell !== undefined).every((r: any) => !r.fixes));
  });

  it('fails validation when the log is broken, so the check is real', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = 'fatal';
    assert.equal(validate(broken), false);
  });

  it('describes every rule with docs, a help URI, a category and CWE tags', () => {
    const rules = log.runs[0].tool.driver.rules;
    const torch = rules.find((r: any) => r.id === 'MLS102');
    assert.equal(torch.shortDescription.text, '`torch.load` without `weights_only=True` unpickles arbitrary objects');
    assert.match(torch.help.markdown, /## Why is this bad\?/);
    assert.match(torch.helpUri, /MLS102\.md$/);
    assert.equal(torch.properties.category, 'unsafe-deserialization');
    assert.ok(torch.properties.tags.includes('CWE-502'));
    for (const r of rules) assert.ok(CATEGORIES.includes(r.properties.category), r.id);
  });

  it('gives URIs relative to the scan root and regions in the file as stored', () => {
    const results = log.runs[0].results;
    const py = results.find((r: any) => r.ruleId === 'MLS102');
    assert.deepEqual(py.locations[0].physicalLocation.artifactLocation, { uri: 'src/train.py', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(py.locations[0].physicalLocation.region, { startLine: 2, startColumn: 23, endLine: 2, endColumn: 41 });
    assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `file://${dir.split(path.sep).join('/')}/`);
    assert.equal(log.runs[0].tool.driver.rules[py.ruleIndex].id, 'MLS102');
  });

  it('points notebook results at the .ipynb line and names the cell', () => {
    const nb = log.runs[0].results.find((r: any) => r.ruleId === 'MLS101');
    const { region, artifactLocation } = nb.locations[0].physicalLocation;
    assert.equal(artifactLocation.uri, 'notebooks/explore.ipynb');
    assert.deepEqual([nb.properties.cell, nb.properties.cellLine], [1, 2]);
    const stored = require('fs').readFileSync(path.join(dir, 'notebooks/explore.ipynb'), 'utf8').split('\n');
    assert.match(stored[region.startLine - 1], /pickle\.loads\(b\)/);
  });

  it('points a finding at a call to the sink it reaches (relatedLocations in SARIF, related in JSON), and stays valid', () => {
    const source = [
      'import subprocess',
      'from openai import OpenAI',
      '',
      '',
      'def run(command):',
      '    return subprocess.run(command, shell=True)',
      '',
      '',
      'def main(task):',
      '    reply = OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": task}])',
      '    run(reply.choices[0].message.content)',
      '',
    ].join('\n');
    const one = tempProject({ 'agent.py': source });
    try {
      const text = mlsec(['scan', '--format', 'sarif', '--select', 'MLS502'], one).stdout;
      const sarif = JSON.parse(text);
      const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      const [result] = sarif.runs[0].results;
      assert.equal(result.locations[0].physicalLocation.region.startLine, 11);
      const related = result.relatedLocations[0];
      assert.deepEqual([related.physicalLocation.artifactLocation.uri, related.physicalLocation.region.startLine], ['agent.py', 6]);
      assert.match(related.message.text, /parameter `command` of `run\(\)` reaches this sink/);
      const json = JSON.parse(mlsec(['scan', '--format', 'json', '--select', 'MLS502'], one).stdout);
      assert.deepEqual(json.findings.map((f: any) => [f.line, f.related?.map((r: any) => [r.line, r.column])]), [[11, [[6, 12]]]]);
    } finally {
      removeTemp(one);
    }
  });
});
