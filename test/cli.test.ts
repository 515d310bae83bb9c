import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { applyPatch } from 'diff';
import { mlsec, tempProjects } from './support/cli';
import { notebook } from './support/notebooks';
import { applyRegions } from './support/regions';

const UNSAFE = 'import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n';
const CLEAN = 'import json\n\n\ndef load(text):\n    return json.loads(text)\n';

describe('mlsec scan (the built CLI)', function () {
  this.timeout(60000);
  const project = tempProjects();

  it('exits 0 with a summary when nothing is found', () => {
    const r = mlsec(['scan', '.'], project({ 'clean.py': CLEAN }));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /No problems found in 1 file\./);
  });

  it('exits 1 and prints path:line:col, the code, the source line and a caret', () => {
    const r = mlsec(['scan'], project({ 'src/train.py': UNSAFE }));
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^src\/train\.py:5:12: MLS101 error: `pickle\.loads` can execute arbitrary code/);
    assert.equal(lines[2], '5 |     return pickle.loads(blob)');
    assert.equal(lines[3], '  |            ^^^^^^^^^^^^');
    assert.match(r.stdout, /Found 1 problem \(1 error, 0 warnings, 0 info\) in 1 of 1 file\./);
  });

  it('locates notebook findings as cell N:line:col', () => {
    const nb = notebook([{ source: 'import torch' }, { source: 'x = 1\nstate = torch.load("w.pt", weights_only=False)' }]);
    const r = mlsec(['scan', 'exp.ipynb'], project({ 'exp.ipynb': nb }));
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^exp\.ipynb:cell 2:2:28: MLS102 error:/m);
    assert.match(r.stdout, /^2 \| state = torch\.load\("w\.pt", weights_only=False\)$/m);
  });

  it('honours --fail-on and exits 0 when findings are below it', () => {
    const dir = project({ 'a.py': 'import yaml\nyaml.full_load(s)\n' });
    assert.equal(mlsec(['scan'], dir).code, 1);
    assert.equal(mlsec(['scan', '--fail-on', 'error'], dir).code, 0);
    assert.equal(mlsec(['scan', '--fail-on', 'never'], project({ 'b.py': UNSAFE })).code, 0);
  });

  it('applies --select and --ignore', () => {
    const dir = project({ 'a.py': 'import pickle, yaml\npickle.loads(a)\nyaml.load(b)\n' });
    assert.deepEqual(codes(mlsec(['scan', '--quiet', '--select', 'MLS104'], dir).stdout), ['MLS104']);
    assert.deepEqual(codes(mlsec(['scan', '--quiet', '--ignore', 'MLS104,MLS101'], dir).stdout), []);
  });

  it('rejects unknown codes, options and paths with exit code 2', () => {
    const dir = project({ 'a.py': CLEAN });
    const unknown = mlsec(['scan', '--select', 'MLS999'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown rule code: `MLS999`/);
    assert.equal(mlsec(['scan', '--bogus'], dir).code, 2);
    assert.equal(mlsec(['scan', '--format', 'xml'], dir).code, 2);
    const missing = mlsec(['scan', 'nope/'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or directory: nope\//);
  });

  it('reads [tool.mlsec] from pyproject.toml: ignore, per-file-ignores, exclude, severity', () => {
    const dir = project({
      'pyproject.toml': '[tool.mlsec]\nignore = ["MLS104"]\nexclude = ["vendor/**"]\n[tool.mlsec.per-file-ignores]\n"tests/**" = ["MLS101"]\n[tool.mlsec.severity]\nMLS105 = "info"\n',
      'src/a.py': 'import pickle, yaml, joblib\npickle.loads(a)\nyaml.load(b)\njoblib.load(c)\n',
      'tests/test_a.py': UNSAFE,
      'vendor/lib.py': UNSAFE,
    });
    const r = mlsec(['scan', '--format', 'json'], dir);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(
      doc.findings.map((f: { path: string; code: string; severity: string }) => `${f.path} ${f.code} ${f.severity}`),
      ['src/a.py MLS101 error', 'src/a.py MLS105 info'],
    );
  });

  it('reads mlsec.toml and .mlsec.toml (top-level keys) before pyproject.toml, the nearest folder first', () => {
    const src = 'import pickle, yaml\npickle.loads(a)\nyaml.load(b)\n';
    const codes = (dir: string, args: string[] = []) => (JSON.parse(mlsec(['scan', '--format', 'json', ...args], dir).stdout).findings as { path: string; code: string }[]).map((f) => `${f.path} ${f.code}`);
    const pyproject = '[tool.mlsec]\nignore = ["MLS101"]\n';
    // In one folder: .mlsec.toml, then mlsec.toml, then pyproject.toml.
    assert.deepEqual(codes(project({ 'pyproject.toml': pyproject, 'mlsec.toml': 'ignore = ["MLS104"]\n', 'a.py': src })), ['a.py MLS101']);
    assert.deepEqual(codes(project({ 'mlsec.toml': 'ignore = ["MLS104"]\n', '.mlsec.toml': 'select = ["MLS104"]\n', 'a.py': src })), ['a.py MLS104']);
    // A folder's own file wins over one above; paths and globs are relative to the file's folder.
    const nested = project({ 'pyproject.toml': pyproject, 'nb/mlsec.toml': '[per-file-ignores]\n"skip/**" = ["MLS101"]\n', 'nb/a.py': src, 'nb/skip/b.py': src });
    assert.deepEqual(codes(nested, ['nb']), ['a.py MLS101', 'a.py MLS104', 'skip/b.py MLS104']);
    // --config takes any file name as mlsec.toml, except pyproject.toml.
    const named = project({ 'ci.toml': 'select = ["MLS101"]\n', 'a.py': src });
    assert.deepEqual(codes(named, ['--config', 'ci.toml']), ['a.py MLS101']);
    const bad = mlsec(['scan'], project({ 'mlsec.toml': 'selct = ["MLS1"]\n[severity]\nMLS101 = "loud"\n', 'a.py': CLEAN }));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /mlsec\.toml: unknown key `selct`/);
  });

  it('names the bad key of an invalid configuration and exits 2', () => {
    const bad = (toml: string) => mlsec(['scan'], project({ 'pyproject.toml': toml, 'a.py': CLEAN }));
    const unknownKey = bad('[tool.mlsec]\nselct = ["MLS1"]\n');
    assert.equal(unknownKey.code, 2);
    assert.match(unknownKey.stderr, /unknown key `tool\.mlsec\.selct`/);
    const badValue = bad('[tool.mlsec]\nselect = ["PICKLE"]\n');
    assert.match(badValue.stderr, /`tool\.mlsec\.select\[0\]`: not a rule code or prefix/);
    const badToml = bad('[tool.mlsec\nselect = 1\n');
    assert.equal(badToml.code, 2);
    assert.match(badToml.stderr, /invalid TOML/);
  });

  it('walks into no virtual environment or installed packages, whatever the folder is called, but scans one named on the command line', () => {
    const dir = project({
      'src/train.py': UNSAFE,
      'env/pyvenv.cfg': 'home = /usr/bin\n',
      'env/lib/python3.11/site-packages/pkg/mod.py': UNSAFE,
      'env/tool.py': UNSAFE,
      'conda/conda-meta/history': '',
      'conda/lib/python3.11/pkg.py': UNSAFE,
      'conda/scripts/run.py': UNSAFE,
      'vendor/site-packages/x.py': UNSAFE,
      '.nox/tests/y.py': UNSAFE,
      'pyvenv.cfg.py': UNSAFE,
    });
    assert.deepEqual(paths(mlsec(['scan', '--format', 'json'], dir).stdout), ['pyvenv.cfg.py', 'src/train.py']);
    assert.deepEqual(paths(mlsec(['scan', '--format', 'json', 'env'], dir).stdout), ['env/tool.py']);
  });

  it('honours .gitignore files, including nested ones', () => {
    const dir = project({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'build/\n', 'build/gen.py': UNSAFE, 'pkg/.gitignore': 'scratch.py\n', 'pkg/scratch.py': UNSAFE, 'pkg/real.py': UNSAFE });
    assert.deepEqual(paths(mlsec(['scan', '--format', 'json'], dir).stdout), ['pkg/real.py']);
  });

  it('skips binary, oversized and undecodable input with a message and goes on', () => {
    const dir = project({
      'bin.py': Buffer.from([0x00, 0x01, 0x02, 0x70]),
      'broken.ipynb': '{"cells": [',
      'latin.py': Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nimport pickle\ns = "caf'), Buffer.from([0xe9]), Buffer.from('"\npickle.loads(s.encode())\n')]),
      'bad-utf8.py': Buffer.concat([Buffer.from('import pickle\nx = "'), Buffer.from([0xff, 0xfe]), Buffer.from('"\npickle.loads(x.encode())\n')]),
      'ok.py': UNSAFE,
    });
    const r = mlsec(['scan'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /bin\.py: skipped: binary file/);
    assert.match(r.stdout, /broken\.ipynb: invalid notebook JSON at line 1/);
    assert.match(r.stdout, /bad-utf8\.py: invalid utf-8 bytes were replaced/);
    assert.deepEqual(codes(mlsec(['scan', '--quiet'], dir).stdout).length, 3, 'latin.py, bad-utf8.py and ok.py are still linted');
  });

  it('applies only safe fixes with --fix, and unsafe ones with --unsafe-fixes too, writing only changed files', () => {
    const source = 'import torch\nimport yaml\n\ncfg = yaml.load(s, Loader=yaml.Loader)\nstate = torch.load(p)\n';
    const dir = project({ 'a.py': source, 'clean.py': CLEAN });
    const cleanStat = fs.statSync(path.join(dir, 'clean.py')).mtimeMs;
    const first = mlsec(['scan', '--fix'], dir);
    assert.equal(first.code, 1);
    assert.match(first.stdout, /Fixed 1 problem\./);
    assert.equal(fs.readFileSync(path.join(dir, 'a.py'), 'utf8'), 'import torch\nimport yaml\n\ncfg = yaml.safe_load(s)\nstate = torch.load(p)\n');
    mlsec(['scan', '--fix', '--unsafe-fixes'], dir);
    assert.equal(fs.readFileSync(path.join(dir, 'a.py'), 'utf8'), 'import torch\nimport yaml\n\ncfg = yaml.safe_load(s)\nstate = torch.load(p, weights_only=True)\n');
    assert.equal(fs.statSync(path.join(dir, 'clean.py')).mtimeMs, cleanStat);
    assert.equal(mlsec(['scan'], dir).code, 0);
  });

  it('prints with --diff what --fix would change, as a patch that gives the fixed file, and writes nothing', () => {
    const source = 'import torch\nimport yaml\n\ncfg = yaml.load(s, Loader=yaml.Loader)\nstate = torch.load(p)\n';
    // A safe fix (yaml.safe_load), and with --unsafe-fixes an unsafe one too (weights_only=True).
    for (const [args, flag, count] of [[['--diff'], '--fix', 1], [['--diff', '--unsafe-fixes'], '--fix --unsafe-fixes', 2]] as [string[], string, number][]) {
      const dir = project({ 'a.py': source, 'clean.py': CLEAN });
      const r = mlsec(['scan', ...args], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^--- a\/a\.py\n\+\+\+ b\/a\.py\n@@ /);
      assert.doesNotMatch(r.stdout, /clean\.py/);
      assert.equal(fs.readFileSync(path.join(dir, 'a.py'), 'utf8'), source, 'nothing written');
      assert.ok(r.stderr.includes(`Would fix ${count} problem${count === 1 ? '' : 's'} in 1 file (apply with \`${flag}\`).`), r.stderr);
      mlsec(['scan', ...args.map((a) => (a === '--diff' ? '--fix' : a))], dir);
      assert.equal(applyPatch(source, r.stdout), fs.readFileSync(path.join(dir, 'a.py'), 'utf8'), 'the patch is what --fix wrote');
    }
    const clean = mlsec(['scan', '--diff'], project({ 'clean.py': CLEAN }));
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, '');
    assert.match(clean.stderr, /No fixes to apply/);
    // A file it cannot fix says why, as the scan's text output does.
    const latin = mlsec(['scan', '--diff'], project({ 'latin.py': Buffer.from('import yaml\ncfg = yaml.load(s, Loader=yaml.Loader)  # caf\xe9\n', 'latin1') }));
    assert.equal(latin.code, 0);
    assert.match(latin.stderr, /warning: latin\.py: not fixed: the file is not valid UTF-8/);
    const misuse = mlsec(['scan', '--diff', '--format', 'json'], project({ 'clean.py': CLEAN }));
    assert.equal(misuse.code, 2);
    assert.match(misuse.stderr, /--diff prints a diff: it takes no --format/);
  });

  it('counts findings by rule with --statistics, as many as the scan reports, the most first', () => {
    const dir = path.join(__dirname, '..', 'examples');
    const findings = (JSON.parse(mlsec(['scan', '--no-cache', '--format', 'json'], dir).stdout) as { findings: { code: string; path: string; fixable: boolean }[] }).findings;
    const r = mlsec(['scan', '--no-cache', '--statistics', '--format', 'json'], dir);
    assert.equal(r.code, 1, 'the exit code still follows the findings');
    const rows = JSON.parse(r.stdout) as { code: string; rule: string; count: number; fixable: number; files: number }[];
    assert.ok(rows.length > 5);
    for (const row of rows) {
      const mine = findings.filter((f) => f.code === row.code);
      assert.deepEqual([row.count, row.fixable, row.files], [mine.length, mine.filter((f) => f.fixable).length, new Set(mine.map((f) => f.path)).size], row.code);
    }
    assert.equal(rows.reduce((n, row) => n + row.count, 0), findings.length);
    assert.deepEqual(rows.map((row) => row.count), [...rows.map((row) => row.count)].sort((a, b) => b - a));
    const text = mlsec(['scan', '--no-cache', '--statistics'], dir).stdout.split('\n');
    assert.match(text[0], /^COUNT +CODE +FIXABLE +FILES +RULE$/);
    assert.match(text[1], new RegExp(`^ *${rows[0].count}  ${rows[0].code} .* ${rows[0].rule}$`));
    assert.equal(mlsec(['scan', '--statistics', '--format', 'sarif'], dir).code, 2);
  });

  it("shows a notebook's fixes with --diff cell by cell, its code and its removed outputs, not its JSON", () => {
    const token = 'hf_Qx7Lm2Vb9Tr4Kp8Zs1Wd6Yc3Hn5Jf0GqRt';
    const nb = notebook([
      { source: 'import yaml\ncfg = yaml.unsafe_load(s)', outputs: [{ output_type: 'stream', name: 'stdout', text: ['done\n'] }] },
      { source: 'x = 1' },
      { source: `print("${token}")`, outputs: [{ output_type: 'stream', name: 'stdout', text: [`${token}\n`] }] },
    ]);
    const dir = project({ 'nb.ipynb': nb });
    const r = mlsec(['scan', '--diff', '--unsafe-fixes'], dir);
    assert.equal(r.code, 1, r.stderr);
    // The token's fix reads it from the environment, importing os in the first cell.
    assert.match(r.stdout, /^--- a\/nb\.ipynb:cell 1\n\+\+\+ b\/nb\.ipynb:cell 1\n@@ -1,2 \+1,3 @@\n\+import os\n import yaml\n-cfg = yaml\.unsafe_load\(s\)\n\+cfg = yaml\.safe_load\(s\)\n/);
    assert.match(r.stdout, /^-print\("\*+GqRt"\)\n\+print\(os\.environ\["HF_TOKEN"\]\)$/m);
    assert.doesNotMatch(r.stdout, /cell 2|"cells"|output_type/);
    assert.match(r.stdout, /^nb\.ipynb:cell 3: 1 saved output removed$/m);
    assert.ok(!r.stdout.includes(token), r.stdout);
    assert.equal(fs.readFileSync(path.join(dir, 'nb.ipynb'), 'utf8'), nb);
  });

  it("gives each Python fix's edits in the JSON output, which give what --fix writes", () => {
    const source = 'import yaml\n\ncfg = yaml.load(\n    s, Loader=yaml.Loader\n)\n';
    const dir = project({ 'a.py': source });
    const [finding] = JSON.parse(mlsec(['scan', '--format', 'json'], dir).stdout).findings as { fixes: { safety: string; edits?: { line: number; column: number; endLine: number; endColumn: number; text: string }[] }[] }[];
    const edits = finding.fixes[0].edits!;
    assert.ok(edits.length > 0);
    mlsec(['scan', '--fix'], dir);
    const regions = edits.map((e) => ({ startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn, text: e.text }));
    assert.equal(applyRegions(source, regions), fs.readFileSync(path.join(dir, 'a.py'), 'utf8'));
  });

  it('lints standard input as the file --stdin-filename names, and with --fix gives the fixed source back on stdout', () => {
    const source = 'import yaml\ncfg = yaml.load(s, Loader=yaml.Loader)\n';
    const dir = project({ 'mlsec.toml': 'exclude = ["vendor/**"]\n[per-file-ignores]\n"tests/**" = ["MLS104"]\n', 'src/a.py': CLEAN });
    const r = mlsec(['scan', '--stdin-filename', 'src/a.py'], dir, {}, source);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^src\/a\.py:2:20: MLS104 /m);
    assert.equal(fs.readFileSync(path.join(dir, 'src/a.py'), 'utf8'), CLEAN, 'the file on disk is not read or written');
    // The file's configuration applies, whether or not the file exists.
    assert.equal(mlsec(['scan', '--stdin-filename', 'tests/new.py'], dir, {}, source).code, 0);
    const fixed = mlsec(['scan', '--fix', '--stdin-filename', 'src/a.py'], dir, {}, `\ufeff${source}`);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal(fixed.stdout, '\ufeffimport yaml\ncfg = yaml.safe_load(s)\n', 'the fixed source, byte order mark kept');
    assert.match(fixed.stderr, /Fixed 1 problem\./);
    assert.equal(fs.readFileSync(path.join(dir, 'src/a.py'), 'utf8'), CLEAN);
    // What cannot be linted or fixed comes back as it went in.
    for (const input of [Buffer.from([0, 1, 2, 0xff, 0]), Buffer.from(`${source}# caf\xe9\n`, 'latin1')]) {
      const same = spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'mlsec.js'), 'scan', '--fix', '--stdin-filename', 'src/a.py'], { cwd: dir, input });
      assert.deepEqual(same.stdout, input);
    }
    // An excluded file is not linted, as when named on the command line; with --fix it comes back as it went in.
    const excluded = mlsec(['scan', '--fix', '--stdin-filename', 'vendor/lib.py'], dir, {}, source);
    assert.equal(excluded.code, 0, excluded.stderr);
    assert.equal(excluded.stdout, source);
    assert.match(excluded.stderr, /in 0 files/);
    assert.equal(mlsec(['scan', '--stdin-filename', 'a.py', 'src'], dir, {}, source).code, 2);
  });

  it('fixes notebooks in place, keeping outputs, metadata and layout', () => {
    const nb = notebook([{ source: 'import yaml\ncfg = yaml.unsafe_load(s)', outputs: [{ output_type: 'stream', name: 'stdout', text: ['done\n'] }] }]);
    const dir = project({ 'nb.ipynb': nb });
    mlsec(['scan', '--fix'], dir);
    const after = fs.readFileSync(path.join(dir, 'nb.ipynb'), 'utf8');
    assert.equal(after, nb.replace('yaml.unsafe_load(s)', 'yaml.safe_load(s)'));
  });

  it('writes a baseline, then reports only new findings and counts fixed ones', () => {
    const dir = project({ 'a.py': UNSAFE, 'b.py': 'import yaml\nyaml.load(x)\n' });
    const write = mlsec(['scan', '--write-baseline', 'baseline.json'], dir);
    assert.equal(write.code, 0);
    const stored = fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8');
    assert.equal(JSON.parse(stored).findings.length, 2);
    assert.doesNotMatch(stored, /pickle|yaml\.load/, 'the baseline stores hashes, not code');
    assert.equal(mlsec(['scan', '--baseline', 'baseline.json'], dir).code, 0);
    // An unrelated edit moves the finding down; a new finding appears; one old finding is fixed.
    fs.writeFileSync(path.join(dir, 'a.py'), '"""Loader."""\n\n' + UNSAFE + '\n\ndef more(b):\n    return pickle.load(b)\n');
    fs.writeFileSync(path.join(dir, 'b.py'), 'import yaml\nyaml.safe_load(x)\n');
    const r = mlsec(['scan', '--baseline', 'baseline.json'], dir);
    assert.equal(r.code, 1);
    assert.deepEqual(codes(r.stdout), ['MLS101']);
    assert.match(r.stdout, /a\.py:11:12: MLS101/);
    assert.match(r.stdout, /Baseline: 1 known problem hidden, 1 fixed since it was written\./);
  });

  it('scans many files on worker threads with the same results as one thread', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`pkg/m${i}.py`] = i % 2 ? UNSAFE : CLEAN;
    const dir = project(files);
    // The main thread lints too, and would finish 40 small files before a worker is ready.
    const parallel = JSON.parse(mlsec(['scan', '--format', 'json', '--jobs', '3', '--no-cache'], dir, { MLSEC_TEST_WORKERS_ONLY: '1' }).stdout);
    const mixed = JSON.parse(mlsec(['scan', '--format', 'json', '--jobs', '2', '--no-cache'], dir).stdout);
    const serial = JSON.parse(mlsec(['scan', '--format', 'json', '--jobs', '1', '--no-cache'], dir).stdout);
    assert.equal(parallel.findings.length, 20);
    assert.deepEqual(parallel.findings, serial.findings);
    assert.deepEqual(mixed.findings, serial.findings);
  });

  it('writes JSON in the documented schema', () => {
    const nb = notebook([{ source: 'import pickle\npickle.loads(x)' }]);
    const doc = JSON.parse(mlsec(['scan', '--format', 'json'], project({ 'a.py': UNSAFE, 'n.ipynb': nb })).stdout);
    assert.equal(doc.version, 1);
    assert.equal(doc.tool.name, 'mlsec');
    const [py, cell] = doc.findings;
    assert.deepEqual(
      { code: py.code, rule: py.rule, severity: py.severity, category: py.category, path: py.path, line: py.line, column: py.column, endLine: py.endLine, endColumn: py.endColumn },
      { code: 'MLS101', rule: 'pickle-load', severity: 'error', category: 'unsafe-deserialization', path: 'a.py', line: 5, column: 12, endLine: 5, endColumn: 24 },
    );
    assert.equal(typeof py.fingerprint, 'string');
    assert.deepEqual([cell.path, cell.cell, cell.line, cell.column], ['n.ipynb', 0, 2, 1]);
    assert.equal(typeof cell.fileLine, 'number');
    assert.deepEqual(doc.summary, { files: 2, findings: 2, error: 2, warning: 0, info: 0, fixed: 0 });
  });

  it('writes the report to --output', () => {
    const dir = project({ 'a.py': UNSAFE });
    const r = mlsec(['scan', '--format', 'json', '--output', 'out.json'], dir);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8')).findings.length, 1);
  });

  it('reads the torch version from requirements.txt', () => {
    const dir = project({ 'requirements.txt': 'numpy\ntorch==2.6.0\n', 'a.py': 'import torch\nm = torch.load(p)\n' });
    const doc = JSON.parse(mlsec(['scan', '--format', 'json'], dir).stdout);
    assert.deepEqual(doc.findings.map((f: { severity: string }) => f.severity), ['info']);
    assert.match(doc.findings[0].message, /torch == 2\.6\.0 in requirements\.txt/);
  });
});

describe('mlsec rules / mlsec rule', () => {
  it('lists every rule with category, severity and fix', () => {
    const r = mlsec(['rules'], process.cwd());
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^MLS102\s+torch-load-without-weights-only\s+unsafe-deserialization\s+error\s+unsafe$/m);
  });

  it('prints one rule by code or name, and exits 2 for an unknown one', () => {
    const byCode = mlsec(['rule', 'MLS104'], process.cwd());
    assert.equal(byCode.code, 0);
    assert.match(byCode.stdout, /^# MLS104 yaml-unsafe-load/);
    assert.match(byCode.stdout, /## Use instead/);
    assert.match(byCode.stdout, /## Complementary tools\n\nWhat a linter cannot check, these tools do:\n\n- \[ModelScan\]\(https:\/\/github\.com\/protectai\/modelscan\)/, 'the tools data/tools.json lists for the category');
    assert.doesNotMatch(mlsec(['rule', 'MLS001'], process.cwd()).stdout, /## Complementary tools/, 'none listed for the linter rules');
    assert.equal(mlsec(['rule', 'yaml-unsafe-load'], process.cwd()).stdout, byCode.stdout);
    assert.equal(mlsec(['rule', 'MLS999'], process.cwd()).code, 2);
  });
});

function codes(quietOutput: string): string[] {
  return [...quietOutput.matchAll(/: (MLS\d{3}) /g)].map((m) => m[1]);
}

function paths(json: string): string[] {
  return [...new Set(JSON.parse(json).findings.map((f: { path: string }) => f.path) as string[])].sort();
}
