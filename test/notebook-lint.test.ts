import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver/node';
import { CellPieces, notebookFromCells, parseNotebook, type Engine, type NotebookOutput } from '../engine';
import { NotebookLint, textChange, type LiveCell } from '../server/notebook-lint';
import { breakingEdits, FILE_WIDE_CODES } from './support/breaking';
import { getEngine } from './support/engine';
import { notebook, splitIntoCells } from './support/notebooks';

const SETTINGS = { config: {}, project: {} };
const TOKEN = 'hf_Qx7Lm2Vb9Tr4Kp8Zs1Wd6Yc3Hn5Jf0GqRt';

/** Notebooks to edit: every rule fixture split into cells, the shipped notebooks, and one with IPython escapes and outputs. */
let read: { cells: LiveCell[]; outputs: unknown[][] }[] | undefined;
function notebooks(): { cells: LiveCell[]; outputs: unknown[][] }[] {
  return (read ??= readNotebooks());
}

function readNotebooks(): { cells: LiveCell[]; outputs: unknown[][] }[] {
  const root = path.join(__dirname, '..', 'rules');
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' });
  const out: { cells: LiveCell[]; outputs: unknown[][] }[] = files
    .filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py'))
    .map((f) => ({ cells: splitIntoCells(fs.readFileSync(path.join(root, f), 'utf8')).map((c) => ({ kind: 'code' as const, text: c.source })), outputs: [] }));
  const saved = [path.join(root, 'secrets', 'secret-in-notebook-output.ipynb'), path.join(__dirname, '..', 'examples', 'explore.ipynb')];
  for (const file of saved) {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: { cell_type: string; source: string | string[]; outputs?: unknown[] }[] };
    out.push({
      cells: raw.cells.map((c) => ({ kind: c.cell_type === 'code' ? 'code' : 'markdown', text: Array.isArray(c.source) ? c.source.join('') : c.source })),
      outputs: raw.cells.map((c) => c.outputs ?? []),
    });
  }
  out.push({
    cells: [
      { kind: 'code', text: '!pip install torch transformers\nimport pickle' },
      { kind: 'markdown', text: '# Load' },
      { kind: 'code', text: '%%bash\nwget https://example.com/model.bin\n' },
      { kind: 'code', text: 'def load(p):\n    !curl -O https://example.com/w.pt\n    return pickle.load(open(p, "rb"))\n%time x = 1' },
      { kind: 'code', text: 'print(client.token)' },
    ],
    outputs: [[], [], [], [], [{ output_type: 'stream', name: 'stdout', text: [`token ${TOKEN}\n`] }]],
  });
  return out;
}

/** The outputs as the language server passes them: read from the notebook as saved, `cell` being the cell's index. */
function savedOutputs(cells: LiveCell[], outputs: unknown[][]): NotebookOutput[] {
  return parseNotebook(json(cells, outputs)).outputs;
}

function json(cells: LiveCell[], outputs: unknown[][]): string {
  return notebook(cells.map((c, i) => (c.kind === 'code' ? { source: c.text, outputs: outputs[i] ?? [] } : { type: 'markdown' as const, source: c.text })));
}

const plain = (d: Diagnostic[][]) => JSON.parse(JSON.stringify(d)) as Diagnostic[][];

/** An edit an author makes in a notebook: typing or deleting in a cell, or adding, removing or retyping a cell. */
type NotebookEdit = { kind: 'type'; cell: number; at: number; del: number; ins: string } | { kind: 'add'; cell: number; text: string } | { kind: 'remove'; cell: number } | { kind: 'toggle'; cell: number };
const SNIPPETS = ['x', ' ', '\n', '(', '"', '#', 'import pickle\n', 'pickle.loads(b)\n', '!pip install numpy\n', '%%bash\n', '%matplotlib inline\n', '  # mlsec: ignore[MLS101]', `key = "${TOKEN}"\n`, 'pickle = None\n', 'def f():\n    pass\n', ''];
const EDIT: fc.Arbitrary<NotebookEdit> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('type' as const), cell: fc.nat(), at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(4), ins: fc.constantFrom(...SNIPPETS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('add' as const), cell: fc.nat(), text: fc.constantFrom('import yaml\ncfg = yaml.load(s)', 'x = 1', '!wget https://example.com/m.bin') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), cell: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('toggle' as const), cell: fc.nat() }) },
);

function applyEdit(cells: LiveCell[], outputs: unknown[][], e: NotebookEdit): void {
  const i = cells.length ? e.cell % cells.length : 0;
  if (e.kind === 'add') {
    cells.splice(i, 0, { kind: 'code', text: e.text });
    outputs.splice(i, 0, []);
  } else if (!cells.length) {
    return;
  } else if (e.kind === 'remove') {
    cells.splice(i, 1);
    outputs.splice(i, 1);
  } else if (e.kind === 'toggle') {
    cells[i] = { ...cells[i], kind: cells[i].kind === 'code' ? 'markdown' : 'code' };
  } else {
    const text = cells[i].text;
    const at = Math.floor(e.at * text.length);
    cells[i] = { ...cells[i], text: text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del)) };
  }
}

function hasSyntaxError(engine: Engine, cells: LiveCell[]): boolean {
  const tree = engine.parse(notebookFromCells(cells.map((c) => ({ kind: c.kind, source: c.text }))).virtualText);
  try {
    return tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

describe('notebook lint in the language server', () => {
  it('builds the virtual module mlsec scan builds from the saved file', () => {
    for (const { cells, outputs } of notebooks()) {
      const fromFile = parseNotebook(json(cells, outputs));
      // Built twice with the same pieces, the second time from those kept.
      const pieces = new CellPieces();
      notebookFromCells(cells.map((c) => ({ kind: c.kind, source: c.text })), [], pieces);
      const live = notebookFromCells(cells.map((c) => ({ kind: c.kind, source: c.text })), [], pieces);
      assert.equal(live.virtualText, fromFile.virtualText);
      assert.deepEqual(live.shellLines, fromFile.shellLines);
      assert.deepEqual(
        live.cells.map((c) => [c.kind, c.startLine, c.lineCount, c.rawLines.length]),
        fromFile.cells.map((c) => [c.kind, c.startLine, c.lineCount, c.rawLines.length]),
      );
    }
  });

  it('puts on each cell what mlsec scan reports for it', async () => {
    const engine = await getEngine();
    let compared = 0;
    for (const { cells, outputs } of notebooks()) {
      const lint = new NotebookLint();
      try {
        const perCell = lint.lint(engine, cells, savedOutputs(cells, outputs), SETTINGS);
        const scan = engine.lint({ text: json(cells, outputs), kind: 'notebook' });
        const want = scan.findings.map((f) => [f.cell!.cell, f.cell!.line, f.cell!.column, f.cell!.endLine, f.cell!.endColumn, f.code, f.message]);
        const got = perCell.flatMap((list, cell) => list.map((d) => [cell, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.code, d.message]));
        const key = (x: unknown[]) => JSON.stringify(x);
        assert.deepEqual(got.map(key).sort(), want.map(key).sort());
        compared += want.length;
      } finally {
        lint.dispose();
      }
    }
    assert.ok(compared > 50, `${compared} findings compared`);
  });

  it('gives the same diagnostics as a fresh lint, over random edits of cells and of the cell list', async function () {
    this.timeout(120_000);
    const engine = await getEngine();
    // Notebooks that parse, so that every state compared below parses too.
    const all = notebooks().filter((n) => !hasSyntaxError(engine, n.cells));
    assert.ok(all.length > 20, `${all.length} notebooks`);
    let compared = 0;
    let batchesRun = 0;
    let undone = 0;
    fc.assert(
      fc.property(fc.nat(all.length - 1), fc.array(fc.array(EDIT, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (which, batches) => {
        const cells = all[which].cells.map((c) => ({ ...c }));
        const outputs = all[which].outputs.map((o) => o);
        const lint = new NotebookLint();
        try {
          lint.lint(engine, cells, savedOutputs(cells, outputs), SETTINGS);
          for (const batch of batches) {
            batchesRun++;
            const before = { cells: cells.map((c) => ({ ...c })), outputs: [...outputs] };
            for (const e of batch) applyEdit(cells, outputs, e);
            let saved = savedOutputs(cells, outputs);
            let served = plain(lint.lint(engine, cells, saved, SETTINGS));
            // An incremental parse of text with a syntax error may recover differently from a fresh
            // one (tree-sitter promises no more): a batch that breaks the syntax is undone, back to
            // the state before it, which parses, and compared there.
            if (hasSyntaxError(engine, cells)) {
              cells.splice(0, cells.length, ...before.cells);
              outputs.splice(0, outputs.length, ...before.outputs);
              saved = savedOutputs(cells, outputs);
              served = plain(lint.lint(engine, cells, saved, SETTINGS));
              undone++;
            }
            const fresh = new NotebookLint();
            try {
              assert.deepEqual(served, plain(fresh.lint(engine, cells, saved, SETTINGS)));
            } finally {
              fresh.dispose();
            }
            compared++;
          }
        } finally {
          lint.dispose();
        }
      }),
      { numRuns: Number(process.env.MLSEC_PROPERTY_RUNS ?? 150) },
    );
    // Every batch is compared, broken or not (a count that does not depend on the draw).
    assert.equal(compared, batchesRun, `compared ${compared} of ${batchesRun} batches (${undone} undone)`);
  });

  it('serves the cells a broken statement does not reach as last linted, and gives a fresh lint once it is undone', async function () {
    this.timeout(120_000);
    const engine = await getEngine();
    // Each notebook's breaking keystrokes, found in its module and placed in the cell that holds them.
    const cellEdits = (cells: LiveCell[]) => {
      const nb = notebookFromCells(cells.map((c) => ({ kind: c.kind, source: c.text })));
      return breakingEdits(engine, nb.virtualText).flatMap((b) => {
        const rows = nb.virtualText.slice(0, b.at).split('\n');
        const row = rows.length - 1;
        const column = rows[row].length;
        const cell = nb.cells.find((c) => c.kind === 'code' && c.startLine <= row && row < c.startLine + c.lineCount);
        if (!cell) return [];
        const lines = cells[cell.index].text.split('\n');
        const at = lines.slice(0, row - cell.startLine).reduce((n, l) => n + l.length + 1, 0) + column;
        return [{ cell: cell.index, at, ins: b.ins, kind: b.kind }];
      });
    };
    const all = notebooks().filter((n) => !hasSyntaxError(engine, n.cells) && cellEdits(n.cells).length > 0);
    assert.ok(all.length > 20, `${all.length} notebooks`);
    const kinds = ['bracket', 'keyword', 'indentation'];
    for (const kind of kinds) assert.ok(all.some((n) => cellEdits(n.cells).some((e) => e.kind === kind)), `no ${kind} to type`);
    fc.assert(
      fc.property(fc.nat(all.length - 1), fc.array(fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000), { minLength: 1, maxLength: 3 }), (which, picks) => {
        const cells = all[which].cells.map((c) => ({ ...c }));
        const saved = savedOutputs(cells, all[which].outputs);
        const lint = new NotebookLint();
        const wide = (list: Diagnostic[][]) => list.map((l) => l.filter((d) => !FILE_WIDE_CODES.has(String(d.code))));
        try {
          let good = plain(lint.lint(engine, cells, saved, SETTINGS));
          for (const [i, pick] of picks.entries()) {
            // Each kind in turn, where the notebook has one.
            const edits = cellEdits(cells);
            const ofKind = edits.filter((x) => x.kind === kinds[(which + i) % kinds.length]);
            const list = ofKind.length ? ofKind : edits;
            const e = list[Math.floor(pick * list.length)];
            const text = cells[e.cell].text;
            cells[e.cell] = { ...cells[e.cell], text: text.slice(0, e.at) + e.ins + text.slice(e.at) };
            assert.equal(hasSyntaxError(engine, cells), true, 'broken by construction');
            const broken = wide(plain(lint.lint(engine, cells, saved, SETTINGS)));
            // Every other cell's diagnostics are the last good ones.
            const last = wide(good);
            broken.forEach((list, i) => i === e.cell || assert.deepEqual(list, last[i], `cell ${i}, ${e.kind} in cell ${e.cell}`));
            cells[e.cell] = { ...cells[e.cell], text };
            good = plain(lint.lint(engine, cells, saved, SETTINGS));
            const fresh = new NotebookLint();
            try {
              assert.deepEqual(good, plain(fresh.lint(engine, cells, saved, SETTINGS)), `${e.kind} in cell ${e.cell}, undone`);
            } finally {
              fresh.dispose();
            }
            if (lint.wantsParse()) lint.catchUp();
          }
        } finally {
          lint.dispose();
        }
      }),
      { numRuns: Number(process.env.MLSEC_PROPERTY_RUNS ?? 100) },
    );
  });

  it('reuses the diagnostics of cells an edit elsewhere did not change', async () => {
    const engine = await getEngine();
    const cells: LiveCell[] = [
      { kind: 'code', text: 'import pickle\nimport yaml' },
      { kind: 'code', text: 'model = pickle.load(f)' },
      { kind: 'code', text: 'cfg = yaml.load(s)' },
    ];
    const lint = new NotebookLint();
    try {
      const first = lint.lint(engine, cells, [], SETTINGS);
      assert.deepEqual(
        first.map((l) => l.map((d) => d.code)),
        [[], ['MLS101'], ['MLS104']],
      );
      // A statement's findings are the cache's own objects from the first lint that serves it on.
      cells[2] = { kind: 'code', text: 'cfg = yaml.load(s)  # why' };
      const second = lint.lint(engine, cells, [], SETTINGS);
      cells[2] = { kind: 'code', text: 'cfg = yaml.load(s)  # why not' };
      const third = lint.lint(engine, cells, [], SETTINGS);
      assert.equal(third[1][0], second[1][0], 'the untouched cell keeps its diagnostic object');
      assert.equal(third[2].length, 1);
      // A line added above moves the findings in the module, not in their cells: the same diagnostics.
      cells[0] = { kind: 'code', text: 'import pickle\n\nimport yaml' };
      const fourth = lint.lint(engine, cells, [], SETTINGS);
      assert.equal(fourth[1][0], third[1][0], 'a cell below a new line keeps its diagnostic object');
      assert.equal(fourth[2][0], third[2][0]);
      // An edit in the first cell changes what `pickle` is in the second.
      cells[0] = { kind: 'code', text: 'pickle = None\nimport yaml' };
      assert.deepEqual(
        lint.lint(engine, cells, [], SETTINGS).map((l) => l.map((d) => d.code)),
        [[], [], ['MLS104']],
      );
    } finally {
      lint.dispose();
    }
  });
});

describe('the change between two texts', () => {
  it('turns the first into the second, with rows and columns of its ends', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '\n', 'é'), maxLength: 30 });
    fc.assert(
      fc.property(text, text, (before, after) => {
        const c = textChange(before, after);
        assert.equal(before.slice(0, c.startIndex) + after.slice(c.startIndex, c.newEndIndex) + before.slice(c.oldEndIndex), after);
        const point = (t: string, at: number) => {
          const lines = t.slice(0, at).split('\n');
          return { row: lines.length - 1, column: lines[lines.length - 1].length };
        };
        assert.deepEqual(c.startPosition, point(before, c.startIndex));
        assert.deepEqual(c.oldEndPosition, point(before, c.oldEndIndex));
        assert.deepEqual(c.newEndPosition, point(after, c.newEndIndex));
      }),
    );
  });
});
