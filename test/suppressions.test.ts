import { strict as assert } from 'assert';
import { applyFixes } from '../engine';
import { lintPython } from './support/engine';

const codes = async (text: string, select = ['MLS0', 'MLS101', 'MLS102']) =>
  (await lintPython(text, { config: { select } })).findings.map((f) => `${f.range.start.line + 1}:${f.code}`);

describe('suppressions', () => {
  it('silences a code with a trailing comment on its line', async () => {
    assert.deepEqual(await codes('import pickle\npickle.loads(x)  # mlsec: ignore[MLS101] -- produced by our own pipeline\npickle.loads(y)\n'), ['3:MLS101']);
  });

  it('silences the next statement, all its lines, from a comment on its own line', async () => {
    const text = 'import torch\n# mlsec: ignore[MLS102] -- legacy checkpoints\nstate = torch.load(\n    path, weights_only=False,\n)\nother = torch.load(p)\n';
    assert.deepEqual(await codes(text), ['6:MLS102']);
  });

  it('covers only the header of a compound statement', async () => {
    const text = 'import pickle\n# mlsec: ignore[MLS101] -- test data\nwith open(pickle.loads(a)) as f:\n    pickle.loads(b)\n';
    assert.deepEqual(await codes(text), ['4:MLS101']);
  });

  it('silences a code in the whole file with file-ignore', async () => {
    assert.deepEqual(await codes('# mlsec: file-ignore[MLS101] -- fixtures\nimport pickle\npickle.loads(a)\npickle.load(b)\n'), []);
  });

  it('does not silence other codes', async () => {
    assert.deepEqual(await codes('import pickle, torch\npickle.loads(torch.load(p))  # mlsec: ignore[MLS101]\n'), ['2:MLS102']);
  });

  it('reports an unused suppression with a safe fix that removes it', async () => {
    const text = 'import torch\nm = torch.load(p, weights_only=True)  # mlsec: ignore[MLS102]\n# mlsec: ignore[MLS101, MLS102] -- x\nimport pickle; pickle.loads(b)\n';
    const result = await lintPython(text, { config: { select: ['MLS0', 'MLS101', 'MLS102'] } });
    assert.deepEqual(result.findings.map((f) => `${f.range.start.line + 1}:${f.code}`), ['2:MLS001', '3:MLS001']);
    const fixed = applyFixes(text, result.findings, false).text;
    assert.equal(fixed, 'import torch\nm = torch.load(p, weights_only=True)\n# mlsec: ignore[MLS101] -- x\nimport pickle; pickle.loads(b)\n');
  });

  it('removes a whole own-line comment when its only code is unused', async () => {
    const text = 'import torch\n# mlsec: ignore[MLS102]\nm = 1\n';
    const result = await lintPython(text, { config: { select: ['MLS0', 'MLS102'] } });
    assert.equal(applyFixes(text, result.findings, false).text, 'import torch\nm = 1\n');
  });

  it('does not call a suppression of a disabled rule unused', async () => {
    assert.deepEqual(await codes('x = 1  # mlsec: ignore[MLS105]\n'), []);
  });

  it('reports unknown codes and blanket or malformed directives', async () => {
    const text = 'a = 1  # mlsec: ignore[MLS999]\nb = 2  # mlsec: ignore\nc = 3  # mlsec: ignore[]\nd = 4  # mlsec: disable=MLS101\ne = 5  # an ordinary comment about mlsec\n';
    assert.deepEqual(await codes(text), ['1:MLS002', '2:MLS003', '3:MLS003', '4:MLS003']);
  });
});
