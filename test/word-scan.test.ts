import { strict as assert } from 'assert';
import fc from 'fast-check';
import { WordScan } from '../engine/lint';

/** The rules' pre-filter finds its words in one pass: it must say of each word what `includes` says. */
describe('pre-filter word scan', () => {
  it('finds words that start inside another match, and prefixes of a longer match', () => {
    const scan = new WordScan(['make_private', 'make_private_with_epsilon', 'ai_comp', 'openai', 'completions', 'DP', '"role"', 'x.y']);
    const found = scan.present('import openai_completions\nmake_private_with_epsilon(x)\nd = {"role": 1}');
    assert.deepEqual([...found].sort(), ['"role"', 'ai_comp', 'completions', 'make_private', 'make_private_with_epsilon', 'openai']);
    assert.ok(!scan.present('xay').has('x.y'), 'a word is matched as written, not as a pattern');
    assert.deepEqual([...scan.present('')], []);
  });

  it('agrees with includes for any words and text (property)', () => {
    const letter = fc.constantFrom('a', 'b', 'c', '_', '.', '"');
    const word = fc.string({ unit: letter, minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.string({ unit: letter, maxLength: 80 }), (words, text) => {
        const found = new WordScan(words).present(text);
        for (const w of words) assert.equal(found.has(w), text.includes(w), `${JSON.stringify(w)} in ${JSON.stringify(text)}`);
      }),
      { numRuns: 500 },
    );
  });
});
