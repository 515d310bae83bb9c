import { strict as assert } from 'assert';
import { moduleNames, ProjectIndex } from '../project/project-index';
import { getEngine } from './support/engine';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { mlsec, removeTemp, tempProject, tempProjects } from './support/cli';
import { LspClient } from './support/lsp-client';
import { EMPTY_STATE, evaluateChecklist } from '../client/checklist-model';

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
    const index = new ProjectIndex();
    assert.equal(index.update('src/data/prepare.py', { personalData: ['load_applicants'] }), true);
    assert.equal(index.update('train.py', { imports: ['data.prepare'] }), false);
    assert.equal(index.update('other.py', { imports: ['numpy'] }), false);
    assert.deepEqual(index.facts()?.personalData?.['data.prepare'], ['load_applicants']);
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

describe('the checklist ticks from the privacy findings', () => {
  it('fails each privacy item with the findings of its rule, found in real-looking code, and passes without them', async () => {
    const engine = await getEngine();
    const text = [
      'import argparse, wandb',
      'import pandas as pd',
      'from opacus import PrivacyEngine',
      'from sklearn.datasets import fetch_openml',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--sigma", type=float, default=0.0)',
      'args = parser.parse_args()',
      'census = fetch_openml("adult", as_frame=True)',
      'wandb.log({"rows": census.frame})',
      'engine = PrivacyEngine()',
      'model, optimizer, loader = engine.make_private(module=m, optimizer=o, data_loader=l, noise_multiplier=args.sigma, max_grad_norm=1.0)',
      'OWNER = "dana.whitfield@gmail.com"',
      '',
    ].join('\n');
    const findings = engine.lint({ text, kind: 'python' }).findings.map((f) => ({ code: f.code, message: f.message, uri: 'file:///t.py', line: f.range.start.line, character: 0 }));
    const items = evaluateChecklist(findings, EMPTY_STATE).flatMap((s) => s.items);
    const status = (id: string) => items.find((i) => i.item.id === id)!.status.kind;
    assert.equal(status('data.dp-parameters'), 'fail');
    assert.equal(status('data.no-raw-data-in-trackers'), 'fail');
    assert.equal(status('data.no-personal-data-in-code'), 'fail');
    const none = evaluateChecklist([], EMPTY_STATE).flatMap((s) => s.items);
    assert.equal(none.find((i) => i.item.id === 'data.dp-parameters')!.status.kind, 'pass');
  });
});

describe('personal data across open files in the language server', function () {
  this.timeout(30000);
  it('lints an open file again when a data module it imports, open beside it, gains or loses personal columns', async () => {
    const dir = tempProject({ 'mlsec.toml': '' });
    const client = new LspClient();
    const uri = (f: string) => pathToFileURL(path.join(dir, f)).href;
    const [prepare, train] = [uri('data/prepare.py'), uri('train.py')];
    const has401 = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.some((d) => d.code === 'MLS401');
    try {
      await client.initialize(pathToFileURL(dir).href);
      const personal = client.next(train, has401);
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: prepare, languageId: 'python', version: 1, text: PREPARE } });
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: train, languageId: 'python', version: 1, text: TRAIN } });
      assert.match((await personal).find((d) => d.code === 'MLS401')!.message, /`load_applicants` from `data\.prepare`/);
      // The columns edited to non-personal ones in the open data module, nothing saved: train.py, untouched, loses its finding.
      const cleared = client.next(train, (p) => !has401(p));
      const prices = PREPARE.replace('["age", "sex", "income"]', '["rooms", "area", "floor"]');
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: prepare, version: 2 }, contentChanges: [{ text: prices }] });
      await cleared;
      const back = client.next(train, has401);
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: prepare, version: 3 }, contentChanges: [{ text: PREPARE }] });
      await back;
    } finally {
      await client.stop();
      removeTemp(dir);
    }
  });
});
