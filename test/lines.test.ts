import { strict as assert } from 'assert';
import fc from 'fast-check';
import { LineIndex } from '../engine';

/** Everything a LineIndex answers, for every line and every offset of its text. */
function answers(index: LineIndex) {
  const text = index.text;
  const lines = Array.from({ length: index.lineCount }, (_, i) => ({ start: index.lineStart(i), text: index.line(i), offset: index.offset({ line: i, column: 1 }) }));
  const positions = Array.from({ length: text.length + 1 }, (_, o) => index.position(o));
  return { count: index.lineCount, lines, positions, past: index.lineStart(index.lineCount) };
}

describe('line index', () => {
  it('answers after any sequence of edits as an index built from the edited text does', () => {
    const line = fc.stringMatching(/^[a-z \r]{0,12}$/);
    const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 4 }), ins: fc.oneof(fc.stringMatching(/^[a-z]{0,3}$/), fc.constantFrom('\n', 'x\ny', '')) });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(edit, fc.boolean()), { maxLength: 12 }), (lines, edits) => {
        let index = new LineIndex(lines.join('\n'));
        for (const [e, sameLine] of edits) {
          const text = index.text;
          // Half of the edits stay on the line of the previous one, the typing this index is fast for.
          const at = sameLine ? Math.min(e.at % 3, text.length) : e.at % (text.length + 1);
          const end = Math.min(text.length, at + e.del);
          index = index.edit(at, end, e.ins);
          assert.deepEqual(answers(index), answers(new LineIndex(index.text)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps earlier versions intact when a later one is edited', () => {
    const first = new LineIndex('ab\ncd\nef\n');
    const second = first.edit(1, 1, 'xx');
    const third = second.edit(6, 6, 'y');
    assert.deepEqual(answers(first), answers(new LineIndex('ab\ncd\nef\n')));
    assert.deepEqual(answers(second), answers(new LineIndex('axxb\ncd\nef\n')));
    assert.deepEqual(answers(third), answers(new LineIndex('axxb\ncyd\nef\n')));
  });
});
