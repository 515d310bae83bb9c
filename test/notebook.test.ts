import { strict as assert } from 'assert';
import { cellAt, editNotebook, parseNotebook } from '../engine';
import { getEngine } from './support/engine';
import { notebook } from './support/notebooks';

describe('notebooks', () => {
  it('joins code cells into one module and maps lines back to cells and to the .ipynb file', () => {
    const text = notebook([
      { source: 'import torch\nx = 1' },
      { type: 'markdown', source: '# Title\ntext' },
      { source: 'state = torch.load(p)' },
    ]);
    const nb = parseNotebook(text);
    assert.equal(nb.virtualText, 'import torch\nx = 1\nstate = torch.load(p)\n');
    const at = cellAt(nb, 2)!;
    assert.equal(at.cell.index, 2);
    assert.equal(at.line, 0);
    const rawLines = text.split('\n');
    assert.match(rawLines[at.cell.rawLines[0]], /state = torch\.load\(p\)/);
  });

  it('puts findings on the right cell, line and column, with the stored line of the file', async () => {
    const text = notebook([{ source: 'import torch' }, { source: '# comment\nm = torch.load(path)' }]);
    const { findings } = (await getEngine()).lint({ text, kind: 'notebook', config: { select: ['MLS102'] } });
    assert.equal(findings.length, 1);
    const cell = findings[0].cell!;
    assert.deepEqual([cell.cell, cell.line, cell.column], [1, 1, 4]);
    assert.match(text.split('\n')[cell.rawLine], /m = torch\.load\(path\)/);
  });

  it('blanks IPython escapes for the parser, keeping columns, and hands them to rules', () => {
    const nb = parseNotebook(notebook([{ source: '!pip install torch\n%env HF_DATASETS_TRUST_REMOTE_CODE=1\nfiles = !ls\n  %time f()\nx = 1' }, { source: '%%bash\nwget https://x/y.pt\necho done' }]));
    const lines = nb.virtualText.split('\n');
    assert.equal(lines[0].trim(), '');
    assert.equal(lines[0].length, '!pip install torch'.length);
    assert.equal(lines[2], 'files = Non', 'the escape becomes an expression of the same length');
    assert.equal(lines[4], 'x = 1');
    assert.deepEqual(
      nb.shellLines.map((l) => [l.kind, l.command, l.line]),
      [
        ['shell', 'pip install torch', 0],
        ['line-magic', 'env HF_DATASETS_TRUST_REMOTE_CODE=1', 1],
        ['shell', 'ls', 2],
        ['line-magic', 'time f()', 3],
        ['cell-magic', 'bash', 5],
        ['shell', 'wget https://x/y.pt', 6],
        ['shell', 'echo done', 7],
      ],
    );
  });

  it('lints a cell magic whose body is Python, such as %%time', async () => {
    const text = notebook([{ source: '%%time\nimport pickle\npickle.loads(b)' }]);
    const { findings } = (await getEngine()).lint({ text, kind: 'notebook', config: { select: ['MLS101'] } });
    assert.deepEqual(findings.map((f) => [f.code, f.cell?.line]), [['MLS101', 2]]);
  });

  it('reads source given as one string as well as a list', () => {
    const text = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', source: 'a = 1\nb = 2', metadata: {}, outputs: [] }] });
    assert.equal(parseNotebook(text).virtualText, 'a = 1\nb = 2\n');
  });

  it('collects text outputs, tracebacks without colour codes, and never images', () => {
    const text = notebook([
      {
        source: 'print(1)',
        outputs: [
          { output_type: 'stream', name: 'stdout', text: ['loss 0.1\n'] },
          { output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo=', 'text/plain': ['<Figure>'] }, metadata: {} },
          { output_type: 'error', ename: 'E', evalue: 'v', traceback: ['\u001b[0;31mValueError\u001b[0m: bad'] },
        ],
      },
    ]);
    const nb = parseNotebook(text);
    assert.deepEqual(nb.outputs.map((o) => o.text), ['loss 0.1\n', '<Figure>', 'ValueError: bad']);
  });

  const malformed: [string, string, RegExp][] = [
    ['invalid JSON', '{"cells": [', /invalid notebook JSON at line 1/],
    ['a JSON array', '[]', /not a JSON object/],
    ['no cells', '{"nbformat": 4}', /no "cells" array/],
    ['nbformat 3', '{"nbformat": 3, "worksheets": []}', /nbformat 3/],
    ['comments in JSON', '{"cells": [] // x\n}', /invalid notebook JSON/],
  ];
  for (const [what, text, message] of malformed) {
    it(`reports ${what} as a clear message, not a crash`, async () => {
      const result = (await getEngine()).lint({ text, kind: 'notebook' });
      assert.match(result.error ?? '', message);
      assert.deepEqual(result.findings, []);
    });
  }

  it('skips broken cells with a warning and lints the rest', async () => {
    const text = JSON.stringify({ nbformat: 4, cells: [42, { cell_type: 'code', source: 7 }, { cell_type: 'code', source: ['import pickle\n', 'pickle.loads(x)'] }] });
    const result = (await getEngine()).lint({ text, kind: 'notebook', config: { select: ['MLS101'] } });
    assert.equal(result.error, undefined);
    assert.deepEqual(result.warnings, ['cell 1 is not a JSON object; skipped', 'cell 2 has no source string; treated as empty']);
    assert.deepEqual(result.findings.map((f) => [f.code, f.cell?.cell, f.cell?.line]), [['MLS101', 2, 1]]);
  });

  it('rewrites only the edited cell source and keeps every other byte of the file', async () => {
    const text = notebook([
      { source: 'import torch', outputs: [{ output_type: 'stream', name: 'stdout', text: ['ok\n'] }] },
      { source: 'state = torch.load(\n    path,\n)' },
    ]).replace('"metadata": {}', '"metadata": {"tags": ["keep"]}');
    const engine = await getEngine();
    const result = engine.lint({ text, kind: 'notebook', config: { select: ['MLS102'] } });
    const edits = result.findings[0].fixes[0].edits;
    const out = editNotebook(text, parseNotebook(text), edits).text;
    const before = JSON.parse(text);
    const after = JSON.parse(out);
    assert.deepEqual(after.cells[1].source, ['state = torch.load(\n', '    path, weights_only=True,\n', ')']);
    after.cells[1].source = before.cells[1].source;
    assert.deepEqual(after, before);
    const changed = out.split('\n').filter((l, i) => l !== text.split('\n')[i]);
    assert.deepEqual(changed, ['    "    path, weights_only=True,\\n",']);
  });
});
