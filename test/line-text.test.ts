import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LineIndex, parseNotebook, type Finding } from '../engine';
import { withLineText } from '../cli/lint-file';
import { getEngine } from './support/engine';
import { notebook, splitIntoCells } from './support/notebooks';

/** The line a finding is shown with, from the notebook as the engine reads it: the reference `withLineText` must match. */
function expected(text: string, f: Finding): string {
  const nb = parseNotebook(text);
  if (!f.cell) return new LineIndex(nb.virtualText).line(f.range.start.line);
  return new LineIndex(nb.cells[f.cell.cell].source).line(f.cell.line);
}

function notebooks(): { name: string; text: string }[] {
  const root = path.join(__dirname, '..', 'rules');
  const out = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py'))
    .map((f) => ({ name: f, text: notebook(splitIntoCells(fs.readFileSync(path.join(root, f), 'utf8')).map((c) => ({ source: c.source }))) }));
  for (const file of [path.join(root, 'secrets', 'secret-in-notebook-output.ipynb'), path.join(__dirname, '..', 'examples', 'explore.ipynb')]) {
    out.push({ name: path.basename(file), text: fs.readFileSync(file, 'utf8') });
  }
  // Sources as one string and as lines, a markdown cell, IPython escapes, a cell that is not an object, a byte order mark.
  const odd = JSON.parse(notebook([{ type: 'markdown', source: '# Data' }, { source: '!pip install torch\nimport pickle' }, { source: '%%time\nx = pickle.loads(b)' }]));
  odd.cells[1].source = odd.cells[1].source.join('');
  odd.cells.splice(1, 0, 7);
  out.push({ name: 'odd cells', text: '\ufeff' + JSON.stringify(odd) });
  return out;
}

describe('source lines shown with findings', () => {
  it("are each notebook finding's line in its cell, as the engine reads the notebook", async () => {
    const engine = await getEngine();
    let checked = 0;
    for (const { name, text } of notebooks()) {
      const { findings } = engine.lint({ text, kind: 'notebook' });
      const shown = withLineText('notebook', text, findings);
      shown.forEach((f, i) => assert.equal(f.lineText, expected(text, findings[i]), `${name}: ${f.code} at ${JSON.stringify(f.cell ?? f.range)}`));
      checked += shown.length;
    }
    assert.ok(checked > 100, `only ${checked} findings`);
  });

  it('are the line of the file for Python', async () => {
    const text = 'import pickle\n\nx = pickle.loads(b)  # a comment\n';
    const { findings } = (await getEngine()).lint({ text, kind: 'python' });
    assert.deepEqual(withLineText('python', text, findings).map((f) => f.lineText), ['x = pickle.loads(b)  # a comment']);
  });
});
