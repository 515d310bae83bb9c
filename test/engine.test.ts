import { strict as assert } from 'assert';
import { createEngine } from '../engine';
import { defineRule } from '../engine/rule';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';
import { lintPython } from './support/engine';

describe('engine', () => {
  it('catches a rule that throws, reports it as MLS000, and still runs the other rules', async () => {
    const broken = defineRule({
      meta: { ...RULES[0].meta, code: 'MLS998', name: 'broken', category: 'linter' },
      docs: '',
      create: () => ({
        call() {
          throw new Error('boom');
        },
      }),
    });
    const engine = await createEngine(loadAssets(), [...RULES, broken]);
    const { findings } = engine.lint({ text: 'import pickle\npickle.loads(a)\npickle.loads(b)\n' });
    assert.deepEqual(findings.map((f) => f.code), ['MLS000', 'MLS101', 'MLS101']);
    assert.match(findings[0].message, /MLS998 \(broken\): boom/);
  });

  it('says why a value cannot be verified in a sentence that reads', async () => {
    const text = 'import torch, numpy\nfrom cfg import WO\ndef f(p, wo):\n    return torch.load(p, weights_only=wo)\nx = numpy.load(p, allow_pickle=WO)\ny = torch.load(p, weights_only=MISSING)\n';
    const messages = (await lintPython(text)).findings.map((f) => f.message);
    assert.ok(messages.includes('Cannot verify `weights_only` of `torch.load`: its value is `wo`, which is not a literal constant; pass `weights_only=True`'), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('Cannot verify `allow_pickle` of `numpy.load`: its value is `WO`, which is not a literal constant')), messages.join('\n'));
    assert.ok(messages.some((m) => m.includes('its value is `MISSING`, which is not defined in this file')), messages.join('\n'));
  });

  it('lints code with syntax errors without throwing', async () => {
    const result = await lintPython('import torch\nm = torch.load(p)\ndef f(:\n    x = (1,\n');
    assert.equal(result.syntaxErrors, true);
    assert.ok(result.findings.some((f) => f.code === 'MLS102'));
  });

  it('survives nesting deeper than any recursion could', async () => {
    const deep = 'x = ' + '['.repeat(3000) + ']'.repeat(3000) + '\nimport pickle\npickle.loads(b)\n';
    const result = await lintPython(deep, { config: { select: ['MLS101'] } });
    assert.deepEqual(result.findings.map((f) => f.code), ['MLS101']);
  });

  it('selects and ignores by code and prefix, the most specific winning', async () => {
    const text = 'import pickle, yaml\npickle.loads(a)\nyaml.load(b)\n';
    const run = async (select?: string[], ignore?: string[]) => (await lintPython(text, { config: { select, ignore } })).findings.map((f) => f.code);
    assert.deepEqual(await run(), ['MLS101', 'MLS104']);
    assert.deepEqual(await run(['MLS104']), ['MLS104']);
    assert.deepEqual(await run(undefined, ['MLS1']), []);
    assert.deepEqual(await run(['MLS101'], ['MLS1']), ['MLS101']);
    assert.deepEqual(await run(['MLS1'], ['MLS101']), ['MLS104']);
  });

  it('applies severity overrides from the configuration', async () => {
    const { findings } = await lintPython('import pickle\npickle.loads(a)\n', { config: { severity: { MLS101: 'info' } } });
    assert.equal(findings[0].severity, 'info');
  });

  it('reports columns in UTF-16 code units, as editors count them', async () => {
    const { findings } = await lintPython('import pickle\ns = "😀é"; pickle.loads(a)\n', { config: { select: ['MLS101'] } });
    assert.equal(findings[0].range.start.column, '\ts = "😀é"; '.length - 1);
  });

  it('makes torch.load findings depend on the torch version the project allows', async () => {
    const text = 'import torch\nm = torch.load(p)\nn = torch.load(p, weights_only=True)\n';
    const at = async (version?: string) =>
      (await lintPython(text, { project: version ? { torch: { version, exact: true, source: 'requirements.txt' } } : {} })).findings.map((f) => `${f.range.start.line + 1}:${f.severity}`);
    assert.deepEqual(await at('2.6.0'), ['2:info']);
    assert.deepEqual(await at('2.1.2'), ['2:error', '3:warning']);
    assert.deepEqual(await at(), ['2:warning']);
  });

  it('marks the weights_only fix safe only where torch >= 2.6 makes it the default', async () => {
    const text = 'import torch\nm = torch.load(p)\n';
    const safety = async (version: string) => (await lintPython(text, { project: { torch: { version, exact: true, source: 'r' } } })).findings[0].fixes[0].safety;
    assert.equal(await safety('2.7'), 'safe');
    assert.equal(await safety('2.0'), 'unsafe');
  });

  it('names an unresolved Hub repository argument as written in MLS301, unless it is long', async () => {
    const long = 'settings["models"]["classifier"]["repository_id"]';
    const { findings } = await lintPython(`from transformers import AutoModel\nm = AutoModel.from_pretrained(model_name)\nn = AutoModel.from_pretrained(${long})\n`);
    const messages = findings.filter((f) => f.code === 'MLS301').map((f) => f.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0], /if `model_name` is a Hub repository id/);
    assert.match(messages[1], /if its repository argument is a Hub repository id/);
  });

  it('lowers the severity of pickle loads from a literal local path', async () => {
    const { findings } = await lintPython('import pickle\nwith open("cache.pkl", "rb") as f:\n    pickle.load(f)\npickle.load(open(remote_path, "rb"))\n');
    assert.deepEqual(findings.map((f) => f.severity), ['warning', 'error']);
  });
});
