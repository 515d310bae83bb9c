import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { mlsec, removeTemp, tempProject } from './support/cli';
import { notebook } from './support/notebooks';

const FILES = {
  'src/train.py': 'import torch, yaml\nstate = torch.load(p, weights_only=False)\ncfg = yaml.full_load(s)\n',
  'nb/explore.ipynb': notebook([{ source: 'import pickle' }, { source: 'x = pickle.loads(b)' }]),
  'src/clean.py': 'x = 1\n',
};

describe('CI output formats', function () {
  this.timeout(60000);
  let dir: string;
  let json: { findings: { code: string; path: string; line: number; column: number; endLine: number; endColumn: number; severity: string; message: string; fingerprint: string; cell?: number; fileLine?: number }[] };
  before(() => {
    dir = tempProject(FILES);
    json = JSON.parse(mlsec(['scan', '--format', 'json'], dir).stdout);
    assert.equal(json.findings.length, 3);
  });
  after(() => removeTemp(dir));

  it('github: one workflow command per finding, escaped, that reads back to the findings', () => {
    const r = mlsec(['scan', '--format', 'github'], dir);
    assert.equal(r.code, 1);
    const unescape = (s: string) => s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
    const parsed = r.stdout.trim().split('\n').map((line) => {
      const m = /^::(error|warning|notice) (.*?)::(.*)$/.exec(line)!;
      const props = Object.fromEntries(m[2].split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, unescape(v)]));
      return { level: m[1], props, message: unescape(m[3]) };
    });
    const level = { error: 'error', warning: 'warning', info: 'notice' } as Record<string, string>;
    assert.deepEqual(
      parsed.map((p) => [p.level, p.props.file, Number(p.props.line), p.props.title, p.message]),
      json.findings.map((f) => [level[f.severity], f.path, f.cell === undefined ? f.line : f.fileLine, f.cell === undefined ? f.code : `${f.code} (cell ${f.cell + 1}, line ${f.line})`, f.message]),
    );
    assert.equal(parsed.find((p) => p.props.file === 'src/train.py')!.props.col, '23');
  });

  it('gitlab: Code Quality issues with the stable fingerprints', () => {
    const issues = JSON.parse(mlsec(['scan', '--format', 'gitlab'], dir).stdout);
    assert.deepEqual(
      issues.map((i: { check_name: string; fingerprint: string; location: { path: string; lines: { begin: number } } }) => [i.check_name, i.fingerprint, i.location.path, i.location.lines.begin]),
      json.findings.map((f) => [f.code, f.fingerprint, f.path, f.cell === undefined ? f.line : f.fileLine]),
    );
    assert.deepEqual(issues.map((i: { severity: string }) => i.severity), ['critical', 'critical', 'major']);
  });

  it('junit: a test case per file and a failure per finding', () => {
    const xml = mlsec(['scan', '--format', 'junit'], dir).stdout;
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    const cases = [...xml.matchAll(/<testcase classname="mlsec" name="([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(cases, ['nb/explore.ipynb', 'src/clean.py', 'src/train.py']);
    const failures = [...xml.matchAll(/<failure type="(MLS\d+)" message="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(failures.sort(), json.findings.map((f) => f.code).sort());
    assert.match(xml, /<testsuites name="mlsec" tests="3" failures="2">/);
    assert.match(xml, /message="MLS102 `torch\.load` with `weights_only=False`/);
  });
});

describe('mlsec scan --changed-since', function () {
  this.timeout(60000);
  const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
  const UNSAFE = 'import pickle\npickle.loads(b)\n';

  it('lints files changed since the ref and untracked ones, not the others or ignored ones', () => {
    const dir = tempProject({ 'a.py': UNSAFE, 'sub/b.py': 'x = 1\n', '.gitignore': 'ignored.py\n' });
    try {
      git(dir, 'init', '-q');
      git(dir, 'add', '.');
      git(dir, 'commit', '-qm', 'start');
      fs.writeFileSync(path.join(dir, 'sub', 'b.py'), UNSAFE);
      fs.writeFileSync(path.join(dir, 'c.py'), UNSAFE);
      fs.writeFileSync(path.join(dir, 'ignored.py'), UNSAFE);
      const doc = JSON.parse(mlsec(['scan', '--format', 'json', '--changed-since', 'HEAD'], dir).stdout);
      assert.deepEqual([...new Set(doc.findings.map((f: { path: string }) => f.path))].sort(), ['c.py', 'sub/b.py']);
      const fromSub = JSON.parse(mlsec(['scan', '.', '--format', 'json', '--changed-since', 'HEAD'], path.join(dir, 'sub')).stdout);
      // Paths are relative to the project root, here the folder scanned from.
      assert.deepEqual(fromSub.findings.map((f: { path: string }) => f.path), ['b.py']);
      const bad = mlsec(['scan', '--changed-since', 'no-such-branch'], dir);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /`no-such-branch` is not a commit, branch or tag/);
    } finally {
      removeTemp(dir);
    }
  });

  it('says clearly when the folder is not in a git repository', () => {
    const dir = tempProject({ 'a.py': UNSAFE });
    try {
      const r = mlsec(['scan', '--changed-since', 'HEAD'], dir, { GIT_CEILING_DIRECTORIES: path.dirname(dir) });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /needs a git repository/);
    } finally {
      removeTemp(dir);
    }
  });
});

describe('pre-commit hook', function () {
  this.timeout(60000);
  it('runs its entry with staged file names as arguments, the way pre-commit does', () => {
    const hooks = fs.readFileSync(path.join(__dirname, '..', '.pre-commit-hooks.yaml'), 'utf8');
    const entry = /entry:\s*(.+)/.exec(hooks)![1].trim().split(/\s+/);
    assert.deepEqual(entry, ['mlsec', 'scan']);
    assert.match(hooks, /language: node/);
    assert.match(hooks, /types_or: \[python, jupyter\]/);
    const dir = tempProject({ 'staged.py': 'import pickle\npickle.loads(b)\n', 'other.py': 'import yaml\nyaml.load(s)\n', 'nb.ipynb': notebook([{ source: 'import torch\ntorch.load(p, weights_only=False)' }]) });
    try {
      const r = mlsec([...entry.slice(1), 'staged.py', 'nb.ipynb'], dir);
      assert.equal(r.code, 1, 'the commit is stopped');
      assert.match(r.stdout, /staged\.py:2:1: MLS101/);
      assert.match(r.stdout, /nb\.ipynb:cell 1:2:/);
      assert.doesNotMatch(r.stdout, /other\.py/);
      assert.equal(mlsec([...entry.slice(1), 'other.py', '--select', 'MLS101'], dir).code, 0);
    } finally {
      removeTemp(dir);
    }
  });
});
