import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, loadConfig } from '../project/config';
import { mlsec, removeTemp, tempProject } from './support/cli';

// The bundles validate [tool.mlsec] with ajv's standalone code generated at build time; run from
// source, the schema is compiled. Both must judge every table alike.
const TABLES = [
  'selct = ["MLS1"]',
  'select = ["PICKLE"]',
  'select = "MLS1"',
  'fail-on = "sometimes"',
  'max-file-size = -1',
  'severity = { MLS101 = "fatal" }',
  '[tool.mlsec.per-file-ignores]\n"tests/**" = [1]',
  '[tool.mlsec.rules]\nMLS301 = 3\npickle = {}',
  'torch-version = 2',
  'select = "MLS1"\nselct = 1\nfail-on = 3',
  // Valid: both accept it.
  'select = ["MLS1", "MLS201"]\nignore = ["MLS104"]\nfail-on = "error"\nmax-file-size = 1000000\n[tool.mlsec.severity]\nMLS105 = "info"',
];

describe('[tool.mlsec] validation in the bundles and from source', function () {
  this.timeout(60000);
  const dirs: string[] = [];
  after(() => dirs.forEach(removeTemp));

  for (const table of TABLES) {
    it(`gives the same verdict for ${JSON.stringify(table)}`, () => {
      const dir = tempProject({ 'pyproject.toml': `[tool.mlsec]\n${table}\n`, 'a.py': 'x = 1\n' });
      dirs.push(dir);
      let fromSource: string | undefined;
      try {
        loadConfig(path.join(fs.realpathSync(dir), 'pyproject.toml'), dir);
      } catch (e) {
        assert.ok(e instanceof ConfigError, String(e));
        fromSource = e.message;
      }
      const r = mlsec(['scan', '--no-cache'], fs.realpathSync(dir));
      if (fromSource === undefined) {
        assert.equal(r.code, 0, r.stderr);
      } else {
        assert.equal(r.code, 2);
        assert.equal(r.stderr, `mlsec: error: ${fromSource}\n`);
      }
    });
  }

  it('rejects all but the last of those tables (the comparison above is not vacuous)', () => {
    const rejected = TABLES.filter((table) => {
      const dir = tempProject({ 'pyproject.toml': `[tool.mlsec]\n${table}\n` });
      dirs.push(dir);
      try {
        loadConfig(path.join(dir, 'pyproject.toml'), dir);
        return false;
      } catch {
        return true;
      }
    });
    assert.deepEqual(rejected, TABLES.slice(0, -1));
  });
});
