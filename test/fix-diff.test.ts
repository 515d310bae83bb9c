import { strict as assert } from 'assert';
import { fixDiff } from '../cli/fix-diff';
import { notebook } from './support/notebooks';

describe('fix diff (--diff)', () => {
  it('masks each secret it is given wherever it shows, in context lines too', () => {
    const password = 'Zq8#kL2!vB9@xR4$';
    const before = `conn = connect(password="${password}")\ncfg = yaml.load(s, Loader=yaml.Loader)\n`;
    const after = before.replace('yaml.load(s, Loader=yaml.Loader)', 'yaml.safe_load(s)');
    const diff = fixDiff('a.py', 'python', before, after, [`"${password}"`]);
    assert.match(diff, /^ conn = connect\(password=\*+R4\$"\)$/m);
    assert.match(diff, /^\+cfg = yaml\.safe_load\(s\)$/m);
    assert.ok(!diff.includes(password));
  });

  it("shows no notebook JSON when the cells do not match up, since outputs could hold what no mask covers", () => {
    const token = 'hf_Qx7Lm2Vb9Tr4Kp8Zs1Wd6Yc3Hn5Jf0GqRt';
    const out = { output_type: 'stream', name: 'stdout', text: [`${token}\n`] };
    const before = notebook([{ source: 'x = 1', outputs: [out] }]);
    const after = notebook([{ source: 'x = 1', outputs: [out] }, { source: 'y = 2' }]);
    assert.equal(fixDiff('n.ipynb', 'notebook', before, after, []), "n.ipynb: the fixes change the notebook's cells, which this diff cannot show\n");
  });
});
