import { strict as assert } from 'assert';
import fc from 'fast-check';
import { getEngine } from './support/engine';
import { properties } from './support/fuzz';

/** A short run of the fuzz properties; `npm run fuzz -- N` runs them N times each. */
describe('robustness: the engine never throws', function () {
  this.timeout(120000);
  for (const name of ['anyText', 'mutatedFixture', 'brokenNotebook'] as const) {
    it(`on ${name}`, async () => {
      const props = properties(await getEngine());
      fc.assert(props[name], { numRuns: 150 });
    });
  }

  it('handles a CRLF file, tabs, a BOM-less astral-plane line and a 200,000-line file', async () => {
    const engine = await getEngine();
    const crlf = engine.lint({ text: 'import pickle\r\n\tx = 1\r\npickle.loads(b)\r\n' });
    assert.deepEqual(crlf.findings.map((f) => [f.code, f.range.start.line, f.range.start.column]), [['MLS101', 2, 0]]);
    const astral = engine.lint({ text: 'import pickle\ns = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"; pickle.loads(b)\n' });
    assert.equal(astral.findings[0].range.start.column, 'S = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"; '.length);
    const huge = 'x = 1\n'.repeat(200000) + 'import pickle\npickle.loads(b)\n';
    const r = engine.lint({ text: huge, config: { select: ['MLS101'] } });
    assert.deepEqual(r.findings.map((f) => f.range.start.line), [200001]);
  });
});
