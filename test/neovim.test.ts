import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { removeTemp, tempProject } from './support/cli';

/** A third-party editor on `mlsec server --stdio`: Neovim's built-in LSP client, headless. */
const nvim = spawnSync('nvim', ['--version']).status === 0;

describe('mlsec server in Neovim', function () {
  this.timeout(60000);
  before(function () {
    // CI installs Neovim (.ci/run), so there a missing nvim is a failure, not a skip.
    if (!nvim && !process.env.CI) this.skip();
  });

  it('shows MLSec diagnostics for a Python file', () => {
    const dir = tempProject({ 'train.py': 'import torch\n\nstate = torch.load("ckpt.pt", weights_only=False)\n' });
    try {
      const out = path.join(dir, 'diagnostics.json');
      const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(__dirname, 'editors', 'neovim.lua')}`], {
        encoding: 'utf8',
        timeout: 50000,
        env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_STATE_HOME: dir, MLSEC_BIN: path.join(__dirname, '..', 'bin', 'mlsec.js'), MLSEC_FILE: path.join(dir, 'train.py'), MLSEC_OUT: out },
      });
      assert.ok(fs.existsSync(out), `Neovim wrote no diagnostics: ${r.stderr}${r.stdout}`);
      const items = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.deepEqual(items.map((d: { lnum: number; col: number; source: string; severity: number }) => [d.lnum, d.col, d.source, d.severity]), [[2, 30, "mlsec", 1]]);
      assert.match(items[0].message, /weights_only=False/);
    } finally {
      removeTemp(dir);
    }
  });
});
