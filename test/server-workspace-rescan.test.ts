import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { removeTemp, tempProject } from './support/cli';
import { LspClient } from './support/lsp-client';

/**
 * What the workspace scan published for files that are not open follows the files and the
 * configuration on disk: a configuration file that changes scans the workspace again (and clears
 * what it no longer reaches), a Python file changed on disk is linted again, and a file closed in
 * the editor gets its findings on disk back.
 */
describe('workspace scan: files and configuration that change', function () {
  this.timeout(40000);

  async function inWorkspace(files: Record<string, string>, check: (client: LspClient, uri: (f: string) => string, dir: string) => Promise<void>): Promise<void> {
    const dir = tempProject(files);
    const client = new LspClient();
    try {
      await client.initialize(pathToFileURL(dir).href);
      await check(client, (f) => pathToFileURL(path.join(dir, f)).href, dir);
    } finally {
      await client.stop();
      removeTemp(dir);
    }
  }

  const codes = (d: { code?: string | number }[]) => d.map((x) => x.code);
  const watched = (client: LspClient, changes: { uri: string; type: number }[]) => client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });

  async function scanEnded(client: LspClient, ends = 1): Promise<void> {
    const deadline = Date.now() + 20000;
    while (client.progress.filter((p) => p === 'end').length < ends && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(client.progress.filter((p) => p === 'end').length >= ends, `workspace scan ${ends} ended`);
  }

  it('scans again when a configuration file changes: a rule turned off, a file excluded', async () => {
    const files = { 'a.py': 'import pickle\npickle.loads(b)\n', 'b.py': 'import yaml\nyaml.load(s)\n', 'c.py': 'import pickle\npickle.loads(c)\n' };
    await inWorkspace(files, async (client, uri, dir) => {
      await scanEnded(client);
      assert.deepEqual(codes(client.diagnostics.get(uri('a.py'))!.diagnostics), ['MLS101']);
      assert.deepEqual(codes(client.diagnostics.get(uri('b.py'))!.diagnostics), ['MLS104']);
      fs.writeFileSync(path.join(dir, 'mlsec.toml'), 'ignore = ["MLS101"]\nexclude = ["b.py"]\n');
      const [a, b] = [client.next(uri('a.py')), client.next(uri('b.py'))];
      await watched(client, [{ uri: uri('mlsec.toml'), type: 1 }]);
      assert.deepEqual(await a, [], 'MLS101 is ignored now');
      assert.deepEqual(await b, [], 'an excluded file keeps no findings');
      await scanEnded(client, 2);
      assert.deepEqual(codes(client.diagnostics.get(uri('c.py'))!.diagnostics), [], 'c.py has only MLS101, ignored now');

      fs.rmSync(path.join(dir, 'mlsec.toml'));
      const back = client.next(uri('b.py'));
      await watched(client, [{ uri: uri('mlsec.toml'), type: 3 }]);
      assert.deepEqual(codes(await back), ['MLS104'], 'the configuration gone, b.py is scanned again');
    });
  });

  it('lints a closed Python file again when it changes on disk, and clears it when deleted', async () => {
    await inWorkspace({ 'train.py': 'x = 1\n', 'z.py': 'import pickle\npickle.loads(z)\n' }, async (client, uri, dir) => {
      await scanEnded(client);
      const file = path.join(dir, 'train.py');
      fs.writeFileSync(file, 'import torch\nm = torch.load("m.pt", weights_only=False)\n');
      let next = client.next(uri('train.py'));
      await watched(client, [{ uri: uri('train.py'), type: 2 }]);
      assert.deepEqual(codes(await next), ['MLS102']);
      fs.rmSync(file);
      next = client.next(uri('train.py'));
      await watched(client, [{ uri: uri('train.py'), type: 3 }]);
      assert.deepEqual(await next, []);
      assert.deepEqual(codes(client.diagnostics.get(uri('z.py'))!.diagnostics), ['MLS101'], 'only the changed file was touched');
    });
  });

  it('gives a closed file its findings on disk back, not the unsaved text\'s', async () => {
    await inWorkspace({ 'a.py': 'import pickle\npickle.loads(b)\n' }, async (client, uri) => {
      await scanEnded(client);
      const opened = client.next(uri('a.py'), (p) => p.diagnostics.length === 0);
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('a.py'), languageId: 'python', version: 1, text: 'x = 1\n' } });
      await opened;
      const closed = client.next(uri('a.py'), (p) => p.diagnostics.length > 0);
      await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri('a.py') } });
      assert.deepEqual(codes(await closed), ['MLS101']);
    });
  });

  it('lints a closed file again once the scan has found the facts of the modules it imports, through a chain of them', async () => {
    const files = {
      'svc/__init__.py': '',
      'svc/app.py': ['import sqlite3', 'from svc.sql_writer import write_sql', '', '', 'def answer(question):', '    return sqlite3.connect("shop.db").execute(write_sql(question)).fetchall()', ''].join('\n'),
      'svc/client.py': ['from openai import OpenAI', '', 'client = OpenAI()', '', '', 'def call_model(prompt):', '    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}]).choices[0].message.content', ''].join('\n'),
      'svc/sql_writer.py': ['from svc.client import call_model', '', '', 'def write_sql(question):', '    return call_model(question).strip()', ''].join('\n'),
    };
    await inWorkspace(files, async (client, uri) => {
      // svc/app.py comes first in the scan, before the modules whose facts it needs.
      const app = await client.next(uri('svc/app.py'), (p) => p.diagnostics.some((d) => d.code === 'MLS503'));
      assert.deepEqual(codes(app), ['MLS503']);
    });
  });

  it('clears the closed files\' findings when the workspace scan is turned off', async () => {
    await inWorkspace({ 'a.py': 'import pickle\npickle.loads(b)\n' }, async (client, uri) => {
      await scanEnded(client);
      assert.deepEqual(codes(client.diagnostics.get(uri('a.py'))!.diagnostics), ['MLS101']);
      client.settings = { scanWorkspace: false };
      const cleared = client.next(uri('a.py'));
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      assert.deepEqual(await cleared, []);
    });
  });
});
