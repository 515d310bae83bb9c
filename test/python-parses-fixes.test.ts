import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { applyFixes } from '../engine';
import { getEngine } from './support/engine';

/**
 * Python itself is the judge of whether a fix produced valid code: every fixture and example is
 * fixed with safe and unsafe fixes, and CPython's own parser must accept the result.
 */
const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
const ROOT = path.join(__dirname, '..');
const files = ['rules', 'examples']
  .flatMap((d) => fs.readdirSync(path.join(ROOT, d), { recursive: true, encoding: 'utf8' }).map((f) => path.join(d, f)))
  .filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py'));

describe('fixes produce code Python accepts', function () {
  this.timeout(60000);
  before(function () {
    if (!python) this.skip();
  });

  it('for every fixture and example', async () => {
    const engine = await getEngine();
    const sources: Record<string, string> = {};
    for (const f of files) {
      const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      sources[f] = applyFixes(text, engine.lint({ text }).findings, true).text;
    }
    const script = 'import ast, json, sys\nbad = {}\nfor name, src in json.load(sys.stdin).items():\n    try:\n        ast.parse(src)\n    except SyntaxError as e:\n        bad[name] = f"{e.lineno}: {e.msg}"\nprint(json.dumps(bad))\n';
    const r = spawnSync(python!, ['-c', script], { input: JSON.stringify(sources), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {});
  });
});
