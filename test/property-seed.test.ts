import assert from 'node:assert/strict';
import { DEFAULT_PROPERTY_SEED, propertySeed } from './support/property-seed';

describe('property test seed', () => {
  it('is fixed unless MLSEC_PROPERTY_SEED gives another, so a run never passes or fails by chance', () => {
    assert.equal(propertySeed({}), DEFAULT_PROPERTY_SEED);
    assert.equal(propertySeed({ MLSEC_PROPERTY_SEED: '' }), DEFAULT_PROPERTY_SEED);
    assert.equal(propertySeed({ MLSEC_PROPERTY_SEED: ' 1234 ' }), 1234);
    assert.equal(propertySeed({ MLSEC_PROPERTY_SEED: '-5' }), -5);
    assert.equal(typeof propertySeed({ MLSEC_PROPERTY_SEED: 'random' }), 'number');
    assert.throws(() => propertySeed({ MLSEC_PROPERTY_SEED: 'abc' }), /MLSEC_PROPERTY_SEED must be an integer/);
  });
});
