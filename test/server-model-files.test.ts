import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { pathToFileURL } from 'url';
import { removeTemp, tempProject } from './support/cli';
import { LspClient } from './support/lsp-client';

/** The language server's workspace scan publishes model-file findings on the model file's URI. */
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', 'model-files', name));

describe('workspace scan: model files', function () {
  this.timeout(30000);

  async function inWorkspace(files: Record<string, string | Buffer>, check: (client: LspClient, uri: (f: string) => string, root: string) => Promise<void>): Promise<void> {
    const dir = tempProject(files);
    const client = new LspClient();
    try {
      await check(client, (f) => pathToFileURL(path.join(dir, f)).href, pathToFileURL(dir).href);
    } finally {
      await client.stop();
      removeTemp(dir);
    }
  }

  it('publishes a dangerous checkpoint on its own URI, and nothing for a clean one', async () => {
    const files = { 'models/evil.pt': fixture('torch-zip-dangerous.pt'), 'models/clean.pt': fixture('torch-zip-benign.pt'), 'models/z.pkl': fixture('dangerous-eval-p4.pickle'), 'train.py': 'x = 1\n' };
    await inWorkspace(files, async (client, uri, root) => {
      const [evil, last] = ['models/evil.pt', 'models/z.pkl'].map((f) => client.next(uri(f)));
      await client.initialize(root);
      const d = await evil;
      assert.deepEqual(d.map((x) => x.code), ['MLS150']);
      assert.match(d[0].message, /`os\.system` at byte \d+ of `model\/data\.pkl`/);
      assert.deepEqual(d[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.equal(d[0].source, 'mlsec');
      assert.deepEqual((await last).map((x) => x.code), ['MLS150']);
      assert.ok(!client.publishedUris.includes(uri('models/clean.pt')), 'a clean model file has nothing to publish');
    });
  });

  it('publishes bz2 and xz joblib files and a legacy Keras .h5 model, read with the adapters\' decoders and HDF5 reader', async () => {
    const files = { 'a.joblib': fixture('joblib-dangerous-bz2.joblib'), 'b.pkl.xz': fixture('joblib-dangerous-xz.joblib'), 'c.h5': fixture('keras-legacy-lambda.h5'), 'd.h5': fixture('keras-legacy-weights-only.h5'), 'z.py': 'import pickle\npickle.loads(b)\n' };
    await inWorkspace(files, async (client, uri, root) => {
      const [a, b, c, z] = ['a.joblib', 'b.pkl.xz', 'c.h5', 'z.py'].map((f) => client.next(uri(f)));
      await client.initialize(root);
      assert.deepEqual((await a).map((x) => x.code), ['MLS150']);
      assert.match((await b)[0].message, /`os\.system` at byte \d+ of `b\.pkl\.xz \(xz-decompressed\)`/);
      assert.match((await c).map((x) => `${x.code} ${x.message}`).join('\n'), /^MLS152 .*`Lambda` layer `evil_lambda`/);
      await z;
      assert.ok(!client.publishedUris.includes(uri('d.h5')), 'an .h5 of weights alone has nothing to publish');
    });
  });

  it('honours model-files = false and per-file ignores', async () => {
    const files = { 'mlsec.toml': '[per-file-ignores]\n"a.pkl" = ["MLS150"]\n', 'a.pkl': fixture('dangerous-os-system-p2.pkl'), 'b.pkl': fixture('dangerous-os-system-p2.pkl') };
    await inWorkspace(files, async (client, uri, root) => {
      const b = client.next(uri('b.pkl'));
      await client.initialize(root);
      assert.deepEqual((await b).map((x) => x.code), ['MLS150']);
      assert.ok(!client.publishedUris.includes(uri('a.pkl')));
    });
    await inWorkspace({ 'mlsec.toml': 'model-files = false\n', 'a.pkl': fixture('dangerous-os-system-p2.pkl'), 'z.py': 'import pickle\npickle.loads(b)\n' }, async (client, uri, root) => {
      const z = client.next(uri('z.py'));
      await client.initialize(root);
      await z;
      assert.ok(!client.publishedUris.includes(uri('a.pkl')));
    });
  });

  it('scans a model file again when the client reports it created, changed or deleted, and only that file', async () => {
    const files = { 'mlsec.toml': 'exclude = ["build/"]\n', 'train.py': 'x = 1\n', 'build/keep.txt': '' };
    await inWorkspace(files, async (client, uri, root) => {
      const dir = new URL(root).pathname;
      await client.initialize(root);
      // The workspace scan is over before the file exists, so only a rescan can report it.
      const deadline = Date.now() + 20000;
      while (!client.progress.includes('end') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.ok(client.progress.includes('end'), 'the workspace scan ended');
      const globs = client.registrations
        .filter((r) => r.method === 'workspace/didChangeWatchedFiles')
        .flatMap((r) => (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern));
      for (const name of ['models/new.pkl', 'a.pt', 'B.PT', 'deep/x/model.safetensors', 'm.joblib.gz', 'Weights.Bin', 'mlsec.toml', 'train.py', 'nb/explore.ipynb']) assert.ok(globs.some((g) => picomatch(g, { dot: true })(name)), `${name} is watched (${globs.join(', ')})`);

      const file = path.join(dir, 'models', 'new.pkl');
      const excluded = path.join(dir, 'build', 'evil.pkl');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, fixture('dangerous-os-system-p2.pkl'));
      fs.writeFileSync(excluded, fixture('dangerous-os-system-p2.pkl'));
      const change = (f: string, type: number) => ({ uri: pathToFileURL(f).href, type });
      let next = client.next(uri('models/new.pkl'));
      // The excluded file comes first: by the time the other is published, it would have been.
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [change(excluded, 1), change(file, 1)] });
      const created = await next;
      assert.deepEqual(created.map((d) => d.code), ['MLS150']);
      assert.match(created[0].message, /`os\.system`/);
      assert.ok(!client.publishedUris.includes(uri('build/evil.pkl')), 'an excluded model file is not scanned');

      fs.writeFileSync(file, fixture('benign-dict-p2.pkl'));
      next = client.next(uri('models/new.pkl'));
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [change(file, 2)] });
      assert.deepEqual(await next, []);

      fs.writeFileSync(file, fixture('dangerous-eval-p4.pickle'));
      next = client.next(uri('models/new.pkl'));
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [change(file, 2)] });
      assert.deepEqual((await next).map((d) => d.code), ['MLS150']);

      fs.rmSync(file);
      next = client.next(uri('models/new.pkl'));
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [change(file, 3)] });
      assert.deepEqual(await next, []);
    });
  });
});
