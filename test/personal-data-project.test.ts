import { strict as assert } from 'assert';
import { moduleNames, PersonalDataIndex } from '../project/personal-index';
import { getEngine } from './support/engine';
import { mlsec, tempProjects } from './support/cli';

const PREPARE = 'import pandas as pd\n\nCOLUMNS = ["age", "sex", "income"]\n\n\ndef load_applicants(path):\n    return pd.read_csv(path, usecols=COLUMNS + ["approved"])\n\n\ndef load_prices(path):\n    return pd.read_csv(path)\n';
const TRAIN = 'from sklearn.linear_model import LogisticRegression\nfrom data.prepare import load_applicants\n\nframe = load_applicants("a.csv")\nLogisticRegression().fit(frame.drop(columns=["approved"]), frame["approved"])\n';
const TRAIN_PRICES = TRAIN.replace(/load_applicants/g, 'load_prices');

describe('personal data across the files of a project', () => {
  it('exports the top-level names that hold or return personal data, and the imports', async () => {
    const { exports } = (await getEngine()).lint({ text: PREPARE, kind: 'python' });
    assert.deepEqual(exports, { personalData: ['COLUMNS', 'load_applicants'], imports: ['pandas'] });
  });

  it('reports training on what another file exports as personal, and only that', async () => {
    const engine = await getEngine();
    const project = { personalData: { 'data.prepare': ['COLUMNS', 'load_applicants'] } };
    const [f] = engine.lint({ text: TRAIN, kind: 'python', project }).findings;
    assert.match(f.message, /`load_applicants` from `data\.prepare`/);
    assert.deepEqual(engine.lint({ text: TRAIN, kind: 'python' }).findings, []);
    assert.deepEqual(engine.lint({ text: TRAIN_PRICES, kind: 'python', project }).findings, []);
  });

  it('keeps the project facts up to date as files change, and names the files they affect', () => {
    const index = new PersonalDataIndex();
    assert.equal(index.update('src/data/prepare.py', { personalData: ['load_applicants'] }), true);
    assert.equal(index.update('train.py', { imports: ['data.prepare'] }), false);
    assert.equal(index.update('other.py', { imports: ['numpy'] }), false);
    assert.deepEqual(index.facts()?.['data.prepare'], ['load_applicants']);
    assert.deepEqual(index.dependents(), ['train.py']);
    assert.equal(index.update('src/data/prepare.py', { personalData: ['load_applicants'] }), false);
    assert.equal(index.update('src/data/prepare.py', undefined), true);
    assert.equal(index.facts(), undefined);
    assert.deepEqual(moduleNames('src/data/__init__.py'), ['src.data', 'data']);
    assert.deepEqual(moduleNames('../x/data/prepare.py'), ['x.data.prepare', 'data.prepare', 'prepare']);
    assert.deepEqual(moduleNames('notebooks/eda.ipynb'), []);
  });

  it('mlsec scan reports the training file, with the cache and without it', () => {
    const project = tempProjects();
    const dir = project({ 'data/prepare.py': PREPARE, 'train.py': TRAIN, 'prices.py': TRAIN_PRICES });
    for (const args of [['--no-cache'], [], []]) {
      const r = mlsec(['scan', '.', '--select', 'MLS401', '-q', ...args], dir);
      assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(':')[0]), ['train.py'], r.stdout + r.stderr);
    }
  });
});
