import { strict as assert } from 'assert';
import { decode } from '../project/decode';
import { fromPyproject, fromRequirements } from '../project/requirements';

describe('reading projects', () => {
  it('finds the lowest torch version a requirement allows', () => {
    assert.deepEqual(fromRequirements('numpy==1.26\ntorch==2.6.0  # pinned\n'), { version: '2.6.0', exact: true });
    assert.deepEqual(fromRequirements('torch>=2.1,<3'), { version: '2.1', exact: false });
    assert.deepEqual(fromRequirements('torch[cuda]~=2.4.0'), { version: '2.4.0', exact: false });
    assert.equal(fromRequirements('torchvision==0.19\ntorch\n'), undefined);
    assert.equal(fromRequirements('torch<2.6'), undefined);
    assert.deepEqual(fromPyproject('[project]\ndependencies = ["torch>=2.6"]\n'), { version: '2.6', exact: false });
    assert.deepEqual(fromPyproject('[tool.poetry.dependencies]\ntorch = "^2.7.1"\n'), { version: '2.7.1', exact: false });
  });

  it('decodes files as Python would', () => {
    const bom = decode(Buffer.from('\ufeffx = 1\n'), 'python');
    assert.deepEqual(bom.ok && [bom.text, bom.writable], ['x = 1\n', true]);
    const latin = decode(Buffer.concat([Buffer.from('# coding: latin-1\ns = "'), Buffer.from([0xe9]), Buffer.from('"\n')]), 'python');
    assert.deepEqual(latin.ok && [latin.text.split('\n')[1], latin.writable], ['s = "é"', false]);
    const bad = decode(Buffer.from([0x78, 0x3d, 0xff, 0x0a]), 'python');
    assert.ok(bad.ok && bad.text === 'x=\ufffd\n' && bad.warnings.length === 1 && !bad.writable);
    const binary = decode(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00]), 'python');
    assert.deepEqual(binary, { ok: false, reason: 'binary file (contains NUL bytes)' });
  });
});
