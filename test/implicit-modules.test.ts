import { strict as assert } from 'assert';
import { getEngine } from './support/engine';
import { notebook } from './support/notebooks';

/** Well-known loaders called where nothing in the file imports their module: a snippet, a notebook missing its import cell. */
describe('loaders whose module is not imported', () => {
  it('reports them, saying the name is not imported here, one step less confident', async () => {
    const { findings } = (await getEngine()).lint({ text: 'state = pickle.loads(blob)\narrays = np.load(path, allow_pickle=True)\n', kind: 'python' });
    const pickle = findings.find((f) => f.code === 'MLS101')!;
    assert.match(pickle.message, /\(`pickle` is not imported in this file\)$/);
    assert.equal(pickle.confidence, 'medium');
    const numpy = findings.find((f) => f.code === 'MLS103')!;
    assert.match(numpy.message, /\(`np` is not imported in this file: read as `numpy`\)$/);
    assert.equal(numpy.confidence, 'medium');
  });

  it('reports them as usual once the module is imported, and not at all when the name is bound to something else', async () => {
    const engine = await getEngine();
    const imported = engine.lint({ text: 'import pickle\nstate = pickle.loads(blob)\n', kind: 'python' }).findings.find((f) => f.code === 'MLS101')!;
    assert.doesNotMatch(imported.message, /not imported/);
    assert.equal(imported.confidence, 'high');
    for (const text of ['pickle = Store()\npickle.loads(blob)\n', 'def f(pickle):\n    return pickle.loads(blob)\n', 'from cache import *\npickle.loads(blob)\n', 'for yaml in readers:\n    yaml.load(s)\n']) {
      const codes = engine.lint({ text, kind: 'python' }).findings.map((f) => f.code);
      assert.deepEqual(codes.filter((c) => c === 'MLS101' || c === 'MLS104'), [], text);
    }
  });

  it('in a notebook, reads the cells in order: an import in an earlier cell binds the name, one in a later cell does not', async () => {
    const engine = await getEngine();
    const lint = (cells: string[]) => engine.lint({ text: notebook(cells.map((source) => ({ source }))), kind: 'notebook' }).findings.find((f) => f.code === 'MLS101')!;
    assert.equal(lint(['import pickle', 'model = pickle.loads(blob)']).confidence, 'high');
    const late = lint(['model = pickle.loads(blob)', 'import pickle']);
    assert.equal(late.confidence, 'medium');
    assert.match(late.message, /not imported/);
  });

  it('does not add the note to findings that rest on a value rather than the callee (a secret passed to the call)', async () => {
    const { findings } = (await getEngine()).lint({ text: 'cfg = yaml.load(open(p), token="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")\n', kind: 'python' });
    const secret = findings.find((f) => f.code === 'MLS201');
    assert.ok(secret, 'the token is reported');
    assert.doesNotMatch(secret.message, /not imported/);
    assert.match(findings.find((f) => f.code === 'MLS104')!.message, /not imported/);
  });
});
