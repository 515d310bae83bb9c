import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { codeTooLarge, NOTEBOOK_READ_LIMIT, tooLargeToRead } from '../project/size-limit';
import { mlsec, tempProjects } from './support/cli';
import { notebook } from './support/notebooks';
import { cacheFile, tamper } from './support/scan-cache';

const LIMIT = 'pyproject.toml';
const config = (bytes: number) => `[tool.mlsec]\nmax-file-size = ${bytes}\n`;
/** A plot as a notebook saves it: a base64 image, most of the file's bytes. */
const plot = (bytes: number) => ({ output_type: 'display_data', metadata: {}, data: { 'image/png': 'iVBORw0KGgo'.padEnd(bytes, 'A'), 'text/plain': ['<Figure size 640x480 with 1 Axes>'] } });
const CODE = 'import torch\nstate = torch.load("w.pt", weights_only=False)';

describe('max-file-size', function () {
  this.timeout(60000);
  const project = tempProjects();

  it('skips a Python file over it, with a message', () => {
    const r = mlsec(['scan', '--no-cache', '.'], project({ [LIMIT]: config(100), 'big.py': `${CODE}\n${'# padding\n'.repeat(20)}`, 'small.py': `${CODE}\n` }));
    assert.match(r.stderr + r.stdout, /big\.py: skipped: \d+ bytes is over the 100-byte limit \(max-file-size\)/);
    assert.match(r.stdout, /^small\.py:2:28: MLS102/m);
    assert.doesNotMatch(r.stdout, /^big\.py:\d/m);
  });

  it("lints a notebook over it whose code is under it (the outputs' bytes do not count), and serves it from the cache", () => {
    const dir = project({ [LIMIT]: config(2000), 'plots.ipynb': notebook([{ source: CODE, outputs: [plot(50000)] }]) });
    for (const args of [['--no-cache'], ['--cache-dir', '.cache'], ['--cache-dir', '.cache']]) {
      const r = mlsec(['scan', ...args, 'plots.ipynb'], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^plots\.ipynb:cell 1:2:28: MLS102/m);
      assert.doesNotMatch(r.stdout + r.stderr, /skipped/);
    }
    tamper(cacheFile(path.join(dir, '.cache')), 'from the cache');
    assert.match(mlsec(['scan', '--cache-dir', '.cache', 'plots.ipynb'], dir).stdout, /^plots\.ipynb:cell 1:2:28: MLS102 error: from the cache/m);
    // The limit is part of the cache key: lowered under the code's size, the notebook is skipped.
    fs.writeFileSync(path.join(dir, LIMIT), config(20));
    const lowered = mlsec(['scan', '--cache-dir', '.cache', 'plots.ipynb'], dir);
    assert.match(lowered.stdout + lowered.stderr, /plots\.ipynb: skipped: its code cells hold 59 bytes, over the 20-byte limit/);
  });

  it('skips a notebook whose code cells are over it, saying so', () => {
    const r = mlsec(['scan', '--no-cache', 'code.ipynb'], project({ [LIMIT]: config(300), 'code.ipynb': notebook([{ source: `${CODE}\n${'x = 1\n'.repeat(100)}` }]) }));
    assert.match(r.stderr + r.stdout, /code\.ipynb: skipped: its code cells hold \d+ bytes, over the 300-byte limit \(max-file-size\)/);
    assert.doesNotMatch(r.stdout, /MLS102/);
  });

  it('reads no notebook over the notebook ceiling, and no Python file over the limit', () => {
    assert.match(tooLargeToRead('notebook', NOTEBOOK_READ_LIMIT + 1, 1000) ?? '', /over the \d+-byte limit for notebooks/);
    assert.equal(tooLargeToRead('notebook', NOTEBOOK_READ_LIMIT, 1000), undefined);
    // A limit set above the ceiling raises it.
    assert.equal(tooLargeToRead('notebook', NOTEBOOK_READ_LIMIT + 1, NOTEBOOK_READ_LIMIT * 2), undefined);
    assert.match(tooLargeToRead('python', 1001, 1000) ?? '', /1001 bytes is over the 1000-byte limit/);
    assert.equal(tooLargeToRead('python', 1000, 1000), undefined);
  });

  it('leaves a notebook it cannot read to the lint, which reports it', () => {
    assert.equal(codeTooLarge('notebook', '{"cells": [', 5000, 10), undefined);
  });
});
