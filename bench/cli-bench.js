// The CLI part of the benchmark: `mlsec scan` on a generated tree of all-different Python files
// (bench/cli-corpus.js), against the bare parse of the same files, Ruff-wasm's S rules and Bandit,
// cold and warm, and as the tree grows. The tools are run in turns, round after round, so that the
// machine's slow and fast phases fall on all of them alike; every figure is a median of its rounds.
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { writeCliCorpus } = require('./cli-corpus');

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'mlsec.js');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Files at 1x: the size of the real tree the issue measured (880 files, about 60k lines). */
const FILES = 880;
const SEED = 29;

function time(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const t = performance.now() - t0;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return t;
}

const scanArgs = (dir, extra = [], bin = BIN) => [bin, 'scan', dir, '--quiet', '--fail-on', 'never', '--no-cache', ...extra];

/**
 * Another build's `bin/mlsec.js` (a copy of `bin/` and `dist/` from an earlier commit), to time in
 * the same rounds as this one: a change is judged against its baseline measured in the same run.
 */
const BASELINE = process.env.MLSEC_BENCH_BASELINE;

/** The bare parse: wall time of the process, and of the parses alone (files read beforehand). */
function parse(dir) {
  const t0 = performance.now();
  const out = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'parse-files.js'), dir], { encoding: 'utf8' }));
  return { wall: performance.now() - t0, parse: out.parse, files: out.files };
}

function banditAvailable() {
  return spawnSync('bandit', ['--version']).status === 0;
}

/**
 * `mlsec scan` with its cache filled by a first scan: nothing changed, and one file edited before
 * each run (a comment appended). The edited file is restored afterwards.
 */
function warm(dir, runs) {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-bench-cache-'));
  const args = [BIN, 'scan', dir, '--quiet', '--fail-on', 'never', '--cache-dir', cacheDir];
  const edited = pyFiles(dir)[0];
  const original = fs.readFileSync(edited);
  try {
    time(process.execPath, args);
    const unchanged = median(Array.from({ length: runs }, () => time(process.execPath, args)));
    const oneEdited = median(
      Array.from({ length: runs }, (_, i) => {
        fs.appendFileSync(edited, `# edit ${i}\n`);
        return time(process.execPath, args);
      }),
    );
    return { unchanged, oneEdited };
  } finally {
    fs.writeFileSync(edited, original);
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** The tree's .py files in path order. */
function pyFiles(dir) {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.py')) files.push(path.join(d, e.name));
    }
  };
  walk(dir);
  return files;
}

/** A folder with the first `n` files of the tree (in path order), as a small project. */
function subset(dir, n) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-bench-small-'));
  pyFiles(dir).slice(0, n).forEach((f, i) => fs.copyFileSync(f, path.join(out, `m${i}_${path.basename(f)}`)));
  return out;
}

/**
 * Runs the whole CLI section. `quick`: fewer rounds and no 16x tree.
 */
function cliBench(quick) {
  const base = path.join(os.tmpdir(), 'mlsec-bench-cli');
  const rounds = quick ? 3 : 7;
  const tree = { ...writeCliCorpus(path.join(base, '1x'), FILES, SEED), dir: path.join(base, '1x') };
  const bandit = banditAvailable();
  const samples = { parseWall: [], parse: [], j1: [], auto: [], ruff: [], bandit: [], baseJ1: [], baseAuto: [] };
  for (let i = 0; i < rounds; i++) {
    const p = parse(tree.dir);
    samples.parseWall.push(p.wall);
    samples.parse.push(p.parse);
    // Both orders of the two worker settings, so neither always runs right after the other.
    const order = i % 2 ? ['auto', 'j1'] : ['j1', 'auto'];
    for (const k of order) samples[k].push(time(process.execPath, scanArgs(tree.dir, k === 'j1' ? ['-j', '1'] : [])));
    if (BASELINE) for (const k of order) samples[k === 'j1' ? 'baseJ1' : 'baseAuto'].push(time(process.execPath, scanArgs(tree.dir, k === 'j1' ? ['-j', '1'] : [], BASELINE)));
    samples.ruff.push(time(process.execPath, ['--liftoff-only', path.join(__dirname, 'ruff-scan.js'), tree.dir]));
    // Bandit takes several seconds a run: three rounds of it are enough.
    if (bandit && i < 3) samples.bandit.push(time('bandit', ['-r', '-q', '-f', 'json', '-o', os.devNull, tree.dir]));
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.length ? median(v) : undefined]));
  const result = { tree: { files: tree.files, lines: tree.lines, bytes: tree.bytes }, ...m, rounds, load: os.loadavg()[0] };
  result.banditVersion = bandit ? spawnSync('bandit', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].split(' ')[1] : undefined;
  result.warm = warm(tree.dir, quick ? 3 : 5);

  // A pre-commit hook's one file, a small project's forty (both on one thread either way), and two
  // hundred files, where workers start to be worth their start-up.
  const small = (n) => {
    const dir = subset(tree.dir, n);
    try {
      const s = { mlsec: [], j1: [], ruff: [] };
      for (let i = 0; i < rounds; i++) {
        s.mlsec.push(time(process.execPath, scanArgs(dir)));
        if (n > 64) s.j1.push(time(process.execPath, scanArgs(dir, ['-j', '1'])));
        s.ruff.push(time(process.execPath, ['--liftoff-only', path.join(__dirname, 'ruff-scan.js'), dir]));
      }
      return { files: n, mlsec: median(s.mlsec), j1: s.j1.length ? median(s.j1) : undefined, ruff: median(s.ruff) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  result.small = [small(1), small(40), small(200)];

  result.growth = [{ factor: 1, files: tree.files, lines: tree.lines, parse: m.parse, j1: m.j1, auto: m.auto }];
  for (const factor of quick ? [4] : [4, 16]) {
    const dir = path.join(base, `${factor}x`);
    const t = writeCliCorpus(dir, FILES * factor, SEED + factor);
    const s = { parse: [], j1: [], auto: [] };
    for (let i = 0; i < (factor >= 16 ? 3 : Math.min(rounds, 5)); i++) {
      s.parse.push(parse(dir).parse);
      for (const k of i % 2 ? ['auto', 'j1'] : ['j1', 'auto']) s[k].push(time(process.execPath, scanArgs(dir, k === 'j1' ? ['-j', '1'] : [])));
    }
    result.growth.push({ factor, files: t.files, lines: t.lines, parse: median(s.parse), j1: median(s.j1), auto: median(s.auto) });
  }
  return result;
}

const sec = (x) => (x / 1000).toFixed(2);

/** The section's lines for the results file, and its rows for the targets table. */
function cliReport(c, met) {
  const lines = [
    `## CLI throughput, cold (${c.tree.files} generated .py files, every one different: ${c.tree.lines} lines, ${(c.tree.bytes / 2 ** 20).toFixed(1)} MiB; wall time, medians of ${c.rounds} rounds run in turns)`,
    '',
    '| run | time (s) | ratio to the bare parse |',
    '|---|---|---|',
    `| bare parse of the same files, one thread (web-tree-sitter, same grammar; parses only, files read beforehand) | ${sec(c.parse)} | 1.00 |`,
    `| the same, whole process (start-up, reading the files) | ${sec(c.parseWall)} | ${(c.parseWall / c.parse).toFixed(2)} |`,
    `| \`mlsec scan --no-cache -j 1\` | ${sec(c.j1)} | ${(c.j1 / c.parse).toFixed(2)} |`,
    `| \`mlsec scan --no-cache\` (default workers) | ${sec(c.auto)} | ${(c.auto / c.parse).toFixed(2)} |`,
    `| Ruff S rules (wasm, \`--liftoff-only\`) | ${sec(c.ruff)} | ${(c.ruff / c.parse).toFixed(2)} |`,
    c.bandit ? `| Bandit ${c.banditVersion} | ${sec(c.bandit)} | ${(c.bandit / c.parse).toFixed(2)} |` : '| Bandit | not installed | |',
    ...(c.baseJ1 !== undefined ? [`| baseline build (\`MLSEC_BENCH_BASELINE\`), \`-j 1\` | ${sec(c.baseJ1)} | ${(c.baseJ1 / c.parse).toFixed(2)} |`, `| baseline build, default workers | ${sec(c.baseAuto)} | ${(c.baseAuto / c.parse).toFixed(2)} |`] : []),
    '',
    `Load average (1 minute) at the end of these rounds: ${c.load.toFixed(2)} on ${os.cpus().length} cores.`,
    '',
    `One file, as a pre-commit hook runs it, start-up included: \`mlsec scan --no-cache\` ${sec(c.small[0].mlsec)} s, Ruff-wasm ${sec(c.small[0].ruff)} s. Forty files (a small project): ${sec(c.small[1].mlsec)} s, Ruff-wasm ${sec(c.small[1].ruff)} s. Two hundred files: ${sec(c.small[2].mlsec)} s (\`-j 1\` ${sec(c.small[2].j1)} s), Ruff-wasm ${sec(c.small[2].ruff)} s.`,
    '',
    'With the scan cache filled by an earlier scan (not judged against the targets, which are for linting every file):',
    '',
    '| run | time (s) | ratio to the cold scan |',
    '|---|---|---|',
    `| \`mlsec scan\`, nothing changed | ${sec(c.warm.unchanged)} | ${(c.warm.unchanged / c.auto).toFixed(2)} |`,
    `| \`mlsec scan\`, one file edited | ${sec(c.warm.oneEdited)} | ${(c.warm.oneEdited / c.auto).toFixed(2)} |`,
    '',
    'As the tree grows (other files from the same generator):',
    '',
    '| tree | files | lines | bare parse (s) | `-j 1` (s) | default (s) | default / parse | per file (ms) |',
    '|---|---|---|---|---|---|---|---|',
    ...c.growth.map((g) => `| ${g.factor}x | ${g.files} | ${g.lines} | ${sec(g.parse)} | ${sec(g.j1)} | ${sec(g.auto)} | ${(g.auto / g.parse).toFixed(2)} | ${(g.auto / g.files).toFixed(2)} |`),
    '',
  ];
  const slowest = Math.max(c.small[2].mlsec / c.small[2].j1, ...c.growth.map((g) => g.auto / g.j1));
  const targets = [
    `| cold \`mlsec scan\` at most 1.3x the bare single-thread parse of the same files | ${(c.auto / c.parse).toFixed(2)}x | ${met(c.auto <= 1.3 * c.parse)} |`,
    `| CLI faster than Ruff-wasm's S rules | Ruff takes ${(c.ruff / c.auto).toFixed(2)}x MLSec's time | ${met(c.ruff > c.auto)} |`,
    c.bandit ? `| CLI at least 10x faster than Bandit | ${(c.bandit / c.auto).toFixed(1)}x | ${met(c.bandit >= 10 * c.auto)} |` : '| CLI at least 10x faster than Bandit | Bandit not installed | |',
    `| default worker count never slower than \`-j 1\` (200 files, and 1x to ${c.growth[c.growth.length - 1].factor}x) | worst default / \`-j 1\`: ${slowest.toFixed(2)} | ${met(slowest <= 1)} |`,
  ];
  return { lines, targets };
}

module.exports = { cliBench, cliReport };

if (require.main === module) {
  const quick = process.argv.includes('--quick');
  const r = cliBench(quick);
  const { lines, targets } = cliReport(r, (ok) => (ok ? 'met' : 'not met'));
  console.log([...lines, '| target | measured | |', '|---|---|---|', ...targets].join('\n'));
}
