import { strict as assert } from 'assert';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import * as fs from 'fs';
import * as path from 'path';
import schema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import { mlsec, tempProjects } from './support/cli';

/** `mlsec scan` on model files: found by discovery, reported in every format, suppressed by configuration only. */
const FIXTURES = path.join(__dirname, 'fixtures', 'model-files');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

describe('mlsec scan: model files', function () {
  this.timeout(60000);
  const project = tempProjects();
  const files = () => ({
    'models/checkpoint.pt': fixture('torch-zip-dangerous.pt'),
    'models/clean.pt': fixture('torch-zip-benign.pt'),
    'models/weights.safetensors': fixture('model.safetensors'),
    'models/clf.joblib': fixture('joblib-dangerous-zlib.joblib'),
    'models/clf.pkl.bz2': fixture('classifier.pkl.bz2'),
    'models/clf.pkl.xz': fixture('joblib-dangerous-xz.joblib'),
    'models/clf-lzma.joblib': fixture('joblib-dangerous-lzma.joblib'),
    'models/legacy.h5': fixture('keras-legacy-lambda.h5'),
    'models/dense.hdf5': fixture('keras-legacy-dense.h5'),
    'models/weights.h5': fixture('keras-legacy-weights-only.h5'),
    'models/model_best.pth.tar': fixture('model_best.pth.tar'),
    'shared/checkpoint.zip': fixture('shared-checkpoint.zip'),
    'data/raw.pkl': fixture('dangerous-os-system-p0.pkl'),
    'ignored/evil.pkl': fixture('dangerous-os-system-p4.pkl'),
    '.gitignore': 'ignored/\n',
    'train.py': 'x = 1\n',
  });

  it('reports a dangerous checkpoint with its member and offset, and nothing for clean files', () => {
    const dir = project(files());
    fs.mkdirSync(path.join(dir, '.git'));
    const r = mlsec(['scan', '.', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const found = JSON.parse(r.stdout).findings as any[];
    const byPath = (p: string) => found.filter((f) => f.path === p);
    const [ckpt] = byPath('models/checkpoint.pt');
    assert.equal(ckpt.code, 'MLS150');
    assert.equal(ckpt.member, 'model/data.pkl');
    assert.equal(ckpt.global, 'os.system');
    assert.equal(typeof ckpt.offset, 'number');
    assert.deepEqual(byPath('models/clean.pt'), []);
    assert.deepEqual(byPath('models/weights.safetensors'), []);
    assert.deepEqual(byPath('models/clf.joblib').map((f) => f.code), ['MLS150']);
    for (const [p, codec] of [['models/clf.pkl.bz2', 'bz2'], ['models/clf.pkl.xz', 'xz'], ['models/clf-lzma.joblib', 'lzma']]) {
      assert.deepEqual(byPath(p).map((f) => `${f.code} ${f.global}`), ['MLS150 os.system'], p);
      assert.equal(byPath(p)[0].member, `${path.basename(p)} (${codec}-decompressed)`, `${p}: named by its base name, not its absolute path`);
    }
    assert.deepEqual(byPath('models/legacy.h5').map((f) => f.code), ['MLS152'], 'a legacy Keras model with a Lambda layer');
    assert.deepEqual(byPath('models/dense.hdf5'), []);
    assert.deepEqual(byPath('models/weights.h5'), [], 'weights alone');
    assert.deepEqual(byPath('data/raw.pkl').map((f) => f.global), ['os.system']);
    assert.deepEqual(byPath('models/model_best.pth.tar').map((f) => f.global), ['os.system'], 'torch.save output named .pth.tar');
    assert.deepEqual(byPath('shared/checkpoint.zip').map((f) => f.member), ['archive/data.pkl']);
    assert.deepEqual(byPath('ignored/evil.pkl'), [], '.gitignore is honoured');
  });

  it('carries the bz2 and xz decoders in the bundle and h5wasm beside it, not in it, and reads .h5 files through it quietly', () => {
    const dist = path.join(__dirname, '..', 'dist');
    for (const b of ['cli.js', 'server.js']) {
      const text = fs.readFileSync(path.join(dist, b), 'utf8');
      assert.match(text, /XzReadableStream/, `${b} bundles xz-decompress`);
      assert.doesNotMatch(text, /HDF5-DIAG|H5Fopen/, `${b} does not bundle the HDF5 library`);
    }
    assert.ok(fs.existsSync(path.join(dist, 'h5wasm', 'hdf5_util.js')) && fs.existsSync(path.join(dist, 'h5wasm', 'LICENSE.txt')));
    assert.equal(JSON.parse(fs.readFileSync(path.join(dist, 'h5wasm', 'package.json'), 'utf8')).type, 'module');
    const dir = project({ 'a.h5': fixture('keras-legacy-lambda.h5'), 'b.h5': fixture('legacy-model.h5') });
    const r = mlsec(['scan', '.', '--format', 'json'], dir);
    assert.equal(r.stderr, '', 'no HDF5 error stack on standard error for the corrupt file');
    assert.deepEqual((JSON.parse(r.stdout).findings as any[]).map((f) => `${f.path} ${f.code}`).sort(), ['a.h5 MLS152', 'b.h5 MLS153']);
  });

  it('prints the path, member and byte offset in the text output, with no source line', () => {
    const dir = project(files());
    const r = mlsec(['scan', 'models/checkpoint.pt'], dir);
    assert.equal(r.code, 1);
    const line = r.stdout.split('\n').find((l) => l.includes('MLS150'))!;
    assert.match(line, /^models\/checkpoint\.pt:model\/data\.pkl:byte \d+: MLS150 error: the pickle imports `os\.system`/);
    assert.doesNotMatch(r.stdout, /^\s*\d+ \|/m);
  });

  it('writes valid SARIF with the model file as the artifact', () => {
    const dir = project(files());
    const r = mlsec(['scan', '--format', 'sarif'], dir);
    const log: any = JSON.parse(r.stdout);
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const results = (log as any).runs[0].results as any[];
    const raw = results.find((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'data/raw.pkl');
    assert.equal(raw.ruleId, 'MLS150');
    assert.equal(typeof raw.locations[0].physicalLocation.region.byteOffset, 'number');
    const member = results.find((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'models/checkpoint.pt');
    assert.equal(member.properties.member, 'model/data.pkl');
    assert.equal(member.locations[0].physicalLocation.region, undefined);
  });

  it('is silenced by per-file ignores and by model-files = false, never by anything in the file', () => {
    const dir = project({ ...files(), 'mlsec.toml': '[per-file-ignores]\n"models/*.pt" = ["MLS150"]\n' });
    const found = JSON.parse(mlsec(['scan', '--format', 'json'], dir).stdout).findings as any[];
    assert.deepEqual(found.filter((f) => f.path === 'models/checkpoint.pt'), []);
    assert.ok(found.some((f) => f.path === 'data/raw.pkl'));
    const off = project({ ...files(), 'mlsec.toml': 'model-files = false\n' });
    const r = mlsec(['scan', '--format', 'json'], off);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).findings, []);
  });

  it('keeps model findings in a baseline like any other', () => {
    const dir = project(files());
    assert.equal(mlsec(['scan', '--write-baseline', 'baseline.json'], dir).code, 0);
    const r = mlsec(['scan', '--baseline', 'baseline.json', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(JSON.parse(r.stdout).summary.baseline.hidden > 0, true);
  });

  it('finds a pickle named on the command line by its signature, whatever its extension', () => {
    const dir = project({ 'weights.data': fixture('weights.data'), 'notes.data': 'plain text\n' });
    const r = mlsec(['scan', 'weights.data', '--format', 'json'], dir);
    assert.deepEqual((JSON.parse(r.stdout).findings as any[]).map((f) => f.global), ['os.system']);
  });
});
