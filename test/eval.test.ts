import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { banditVersion, belowMinimum, evaluate, formatCodeTable, formatTable, readLabelled, statementEnds, type Evaluation } from '../scripts/eval';
import { notebook } from './support/notebooks';
import { removeTemp, tempProject } from './support/cli';

/**
 * The evaluator's counting (`npm run eval`), on a labelled set small enough to count by hand: a hit,
 * a miss, a false positive, a hit by another code of the category, and a notebook whose labels live
 * in a cell's source and in its metadata (for an output).
 */
const TOKEN = 'hf_' + 'ujzPdeIgxLdGncfBAepfJBdKhoOOLdKLzd';
const PY = [
  'import pickle',
  'import torch',
  '',
  'def load(data):',
  '    # ruleid: MLS101',
  '    return pickle.loads(data)',
  '',
  '# ruleid: MLS102',
  'x = 1',
  '# ok: MLS102',
  'y = torch.load("a.pt")',
  '# ruleid: MLS101',
  'z = torch.load("b.pt")',
  '# ok: MLS101',
  'w = pickle.dumps(x)',
  '# ruleid: MLS102',
  'm = torch.load(',
  '    "c.pt",',
  '    weights_only=False,',
  ')',
  '# ok: MLS101',
  'with open("d.pkl", "rb") as f:',
  '    v = pickle.load(f)',
  '',
].join('\n');
const NB = JSON.parse(
  notebook([
    { type: 'markdown', source: '# Notes' },
    { source: '!pip install numpy==2.0.0\nimport pickle\n# ruleid: MLS101\nobj = pickle.load(open("a.pkl", "rb"))' },
    { source: 'print(1)', outputs: [{ output_type: 'stream', name: 'stdout', text: [TOKEN + '\n'] }] },
    { source: 'print(2)', outputs: [{ output_type: 'stream', name: 'stdout', text: ['2\n'] }] },
  ]),
);
NB.metadata.mlsec_expect = [{ code: 'MLS208', cell: 2, output: 0 }];
NB.metadata.mlsec_ok = [{ code: 'MLS208', cell: 3 }];

describe('npm run eval', function () {
  this.timeout(120000);
  let dir: string;
  let result: Evaluation;

  before(async () => {
    dir = tempProject({ 'a.py': PY, 'b.ipynb': JSON.stringify(NB, null, 1) });
    result = await evaluate([dir]);
  });
  after(() => removeTemp(dir));

  it('reads labels from .py lines, notebook cell sources and notebook metadata', () => {
    const py = readLabelled(dir, 'a.py').labels.map((l) => `${l.kind} ${l.code} ${l.line}`);
    assert.deepEqual(py, ['ruleid MLS101 6', 'ruleid MLS102 9', 'ok MLS102 11', 'ruleid MLS101 13', 'ok MLS101 15', 'ruleid MLS102 17', 'ok MLS101 22']);
    const nb = readLabelled(dir, 'b.ipynb').labels.map((l) => `${l.kind} ${l.code} cell ${l.cell} ${l.output !== undefined ? `output ${l.output}` : `line ${l.line}`}`);
    assert.deepEqual(nb, ['ruleid MLS101 cell 1 line 4', 'ruleid MLS208 cell 2 output 0', 'ok MLS208 cell 3 output any']);
  });

  it('counts MLSec hits, misses, false positives and hits by another code of the category', () => {
    const d = result.scores.mlsec.deserialization;
    // Positives: a.py 6 (hit), 9 (miss), 13 (MLS102 there: a category hit only), 17 (a hit: reported
    // on line 19, the call's `weights_only=False`, inside the statement labelled on its first line),
    // notebook cell 1 (hit). The ok line 22 is a `with` header: the pickle.load in its body, line 23,
    // is not on it.
    assert.deepEqual({ positives: d.positives, hits: d.hits, categoryHits: d.categoryHits, okLines: d.okLines, falsePositives: d.falsePositives }, { positives: 5, hits: 3, categoryHits: 4, okLines: 3, falsePositives: 1 });
    const s = result.scores.mlsec.secrets;
    assert.deepEqual({ positives: s.positives, hits: s.hits, okLines: s.okLines, falsePositives: s.falsePositives }, { positives: 1, hits: 1, okLines: 1, falsePositives: 0 });
    const missed = result.misses.filter((m) => m.tool === 'mlsec').map((m) => `${m.kind} ${m.label.code} ${m.label.file}:${m.label.line}`);
    assert.deepEqual(missed.sort(), ['false positive MLS102 a.py:11', 'missed MLS101 a.py:13', 'missed MLS102 a.py:9']);
  });

  it('counts each labelled code apart, and the LLM groups together', () => {
    assert.deepEqual(result.byCode.MLS101, { positives: 3, hits: 2, okLines: 2, falsePositives: 0 });
    // Line 13's MLS102 counts for the category, not for MLS101's own figures; line 11's ok is reported.
    assert.deepEqual(result.byCode.MLS102, { positives: 2, hits: 1, okLines: 1, falsePositives: 1 });
    assert.deepEqual(result.byCode.MLS208, { positives: 1, hits: 1, okLines: 1, falsePositives: 0 });
    const table = formatCodeTable({ MLS501: { positives: 4, hits: 3, okLines: 2, falsePositives: 0 }, MLS503: { positives: 6, hits: 3, okLines: 8, falsePositives: 1 }, MLS506: { positives: 2, hits: 2, okLines: 1, falsePositives: 0 } });
    const line = (start: string) => table.split('\n').find((l) => l.startsWith(start));
    assert.equal(line('| MLS503 |'), '| MLS503 | 6 | 3 (0.50) | 8 | 1 (12.5%) |');
    assert.equal(line('| **LLM output handling**'), '| **LLM output handling** (MLS501-MLS504) | 10 | 6 (0.60) | 10 | 1 (10.0%) |');
    assert.equal(line('| **LLM dangerous switches**'), '| **LLM dangerous switches** (MLS505-MLS506) | 2 | 2 (1.00) | 1 | 0 (0.0%) |');
    assert.equal(formatCodeTable({ MLS101: { positives: 1, hits: 1, okLines: 0, falsePositives: 0 } }).includes('LLM'), false, 'a group with no labelled code is not printed');
  });

  it('reads where each statement ends: a call over several lines whole, a compound statement up to its colon, a decorated one from its first decorator', async () => {
    const ends = await statementEnds(['m = load(', '    "a",', ')', 'with open(', '    p', ') as f:', '    x = 1', 'if a: b()', '@tool', 'def f(', '    q,', '):', '    pass', ''].join('\n'));
    assert.deepEqual([...ends].filter(([start]) => [1, 4, 7, 8, 9, 10].includes(start)), [[1, 3], [4, 6], [7, 7], [8, 8], [9, 12], [10, 12]]);
  });

  it('gives peers notebook code that parses: an escape alone in a block becomes `pass`, a `%%time` body stays Python', () => {
    const nb = JSON.parse(
      notebook([
        { source: 'import sys\nif "google.colab" in sys.modules:\n    !pip install numpy==2.0.0\nprint(1)' },
        { source: '%%time\nimport pickle\nobj = pickle.load(open("a.pkl", "rb"))' },
        { source: '%%bash\nls -la' },
      ]),
    );
    const d = tempProject({ 'c.ipynb': JSON.stringify(nb) });
    try {
      const py = readLabelled(d, 'c.ipynb').source.python;
      const lines = py.split('\n');
      assert.equal(lines[2], '    pass  # !pip install numpy==2.0.0');
      assert.equal(lines[5], 'pass  # %%time');
      assert.equal(lines[7], 'obj = pickle.load(open("a.pkl", "rb"))');
      assert.equal(lines[9], '# %%bash');
      const parsed = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: py, encoding: 'utf8' });
      assert.equal(parsed.status, 0, parsed.stderr);
    } finally {
      removeTemp(d);
    }
  });

  it('counts a peer finding of the mapped category on the line, notebooks through their extracted code', () => {
    const d = result.scores.ruff.deserialization;
    // Ruff's S301 on pickle.loads (a.py 6) and on pickle.load in the notebook, whose shell escape is
    // commented out so the cell's lines still line up; no Ruff rule for torch.load.
    assert.deepEqual({ positives: d.positives, hits: d.hits, okLines: d.okLines, falsePositives: d.falsePositives, hasRule: d.hasRule }, { positives: 5, hits: 2, okLines: 3, falsePositives: 0, hasRule: true });
    // A peer never sees outputs: the token in the notebook's output is a miss.
    assert.deepEqual([result.scores.ruff.secrets.positives, result.scores.ruff.secrets.hits], [1, 0]);
    assert.equal(result.scores.ruff['supply-chain'].hasRule, false);
    assert.equal(result.scores.ruff.privacy.hasRule, false);
  });

  it('runs Bandit when it is installed and says so when it is not', function () {
    if (!banditVersion()) {
      assert.equal(result.tools.bandit.available, false);
      assert.match(result.tools.bandit.note ?? '', /not installed/);
      return;
    }
    const d = result.scores.bandit.deserialization;
    assert.deepEqual({ positives: d.positives, hits: d.hits, falsePositives: d.falsePositives }, { positives: 5, hits: 2, falsePositives: 0 });
    assert.equal(result.scores.bandit.privacy.hasRule, false);
  });

  it('prints "no rule" where a peer has none, and gates on --min-recall', () => {
    const table = formatTable(result);
    const privacy = table.split('\n').find((l) => l.startsWith('| privacy |'))!;
    assert.match(privacy, /\| no rule \| no rule \|/);
    assert.match(table.split('\n').find((l) => l.startsWith('| deserialization |'))!, /^\| deserialization \| 5 \| 3 \(0\.60\) \| 4 \(0\.80\) \| 3 \| 1 \(33\.3%\) \|/);
    assert.deepEqual(belowMinimum(result, '0.5'), []);
    assert.deepEqual(belowMinimum(result, 'deserialization=0.7'), ['deserialization: recall 0.60 < 0.7']);
    assert.throws(() => belowMinimum(result, 'nonsense=0.5'), /unknown category/);
  });
});
