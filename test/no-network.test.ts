import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LspClient } from './support/lsp-client';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'mlsec.js');
const PRELOAD = path.join(__dirname, 'support', 'deny-network.js');

describe('no network', function () {
  this.timeout(60000);

  it('no bundle imports a network module', () => {
    const bundles = fs.readdirSync(path.join(ROOT, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    assert.ok(bundles.includes('cli.js') && bundles.includes('server.js') && bundles.includes(path.join('h5wasm', 'hdf5_util.js')));
    for (const b of bundles) {
      const text = fs.readFileSync(path.join(ROOT, 'dist', b), 'utf8');
      const found = [...text.matchAll(/require\(["'](?:node:)?(net|http|https|http2|dgram|dns|tls|undici)["']\)/g)].map((m) => m[1]);
      assert.deepEqual(found, [], `${b} requires ${found.join(', ')}`);
    }
  });

  it('the CLI scans, fixes and reports with every network call made to fail', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-nonet-'));
    const logFile = path.join(dir, 'network.log');
    try {
      fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
      for (const args of [['scan', 'examples'], ['scan', 'examples', '--format', 'sarif'], ['scan', 'examples', '--fix', '--unsafe-fixes'], ['rules']]) {
        const r = spawnSync(process.execPath, ['--require', PRELOAD, BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, MLSEC_NETWORK_LOG: logFile } });
        assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: exit ${r.status} ${r.stderr}`);
      }
      assert.equal(fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '', '');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the CLI scans bz2, xz and lzma joblib files and legacy Keras .h5 files with every network call made to fail', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-nonet-'));
    const logFile = path.join(dir, 'network.log');
    const fixtures = path.join(__dirname, 'fixtures', 'model-files');
    try {
      for (const f of ['joblib-dangerous-bz2.joblib', 'joblib-dangerous-xz.joblib', 'joblib-dangerous-lzma.joblib', 'keras-legacy-lambda.h5']) fs.copyFileSync(path.join(fixtures, f), path.join(dir, f));
      const r = spawnSync(process.execPath, ['--require', PRELOAD, BIN, 'scan', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, MLSEC_NETWORK_LOG: logFile } });
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual([...new Set((JSON.parse(r.stdout).findings as { code: string }[]).map((f) => f.code))].sort(), ['MLS150', 'MLS152']);
      assert.equal(fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '', '');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the language server answers with every network call made to fail', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-nonet-'));
    const logFile = path.join(dir, 'network.log');
    const client = new LspClient({ MLSEC_NETWORK_LOG: logFile }, ['--require', PRELOAD]);
    try {
      const uri = pathToFileURL(path.join(dir, 'a.py')).href;
      fs.writeFileSync(path.join(dir, 'b.py'), 'import yaml\nyaml.load(s)\n');
      const scanned = client.next(pathToFileURL(path.join(dir, 'b.py')).href);
      await client.initialize(pathToFileURL(dir).href);
      const opened = client.next(uri);
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: 'import pickle\npickle.loads(b)\n' } });
      assert.deepEqual((await opened).map((d) => d.code), ['MLS101']);
      assert.deepEqual((await scanned).map((d) => d.code), ['MLS104']);
      const hover = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } });
      assert.ok(hover);
      await client.conn.sendRequest('workspace/executeCommand', { command: 'mlsec.showRuleDocumentation', arguments: ['MLS101'] });
    } finally {
      await client.stop();
    }
    assert.equal(fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '', '');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
