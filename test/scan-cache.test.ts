import { strict as assert } from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { mlsec, tempProjects } from './support/cli';
import { notebook } from './support/notebooks';
import { cacheFile as cacheFileIn, tamper } from './support/scan-cache';

const UNSAFE = 'import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n';
const TOKEN = 'hf_Qx7Lm2Vb9Tr4Kp8Zs1Wd6Yc3Hn5Jf0GqRt';
const MESSAGE = /`pickle\.loads` can execute arbitrary code/;


/** Each test project's scans keep their cache beside it (the default is the user's cache folder). */
const cacheDirOf = (dir: string) => `${dir}.cache`;
const scan = (args: string[], dir: string, env: Record<string, string> = {}) => mlsec(args, dir, { MLSEC_CACHE_DIR: cacheDirOf(dir), ...env });
/** The one cache file of a project, as written by a scan. */
const cacheFile = (dir: string, cacheDir = cacheDirOf(dir)) => cacheFileIn(cacheDir);

const messages = (stdout: string) => (JSON.parse(stdout) as { findings: { path: string; message: string }[] }).findings.map((f) => `${f.path}: ${f.message}`);

describe('mlsec scan: the scan cache', function () {
  this.timeout(60000);
  const project = tempProjects((d) => [cacheDirOf(d)]);

  it('reports an unchanged file from the cache, with the same output as the scan that linted it', () => {
    const nb = notebook([{ source: 'import pickle\n!pip install torch\nx = pickle.loads(b)' }]);
    const dir = project({ 'a.py': UNSAFE, 'n.ipynb': nb, 'key.py': `token = "${TOKEN}"\n`, 'clean.py': 'x = 1\n' });
    const first = scan(['scan'], dir);
    assert.equal(first.code, 1, first.stderr);
    assert.ok(fs.existsSync(cacheFile(dir)));
    const second = scan(['scan'], dir);
    assert.equal(second.stdout, first.stdout, 'the same findings, source lines, carets and summary');
    assert.equal(second.code, first.code);
    assert.deepEqual(JSON.parse(scan(['scan', '--format', 'json'], dir).stdout), JSON.parse(scan(['scan', '--format', 'json', '--no-cache'], dir).stdout));
    // Findings that only the cache holds show that the last scan read it and linted nothing.
    tamper(cacheFile(dir), 'from the cache');
    assert.deepEqual(new Set(messages(scan(['scan', '--format', 'json'], dir).stdout).map((m) => m.split(': ')[1])), new Set(['from the cache']));
  });

  it('lints a file again when its bytes change, and only that file', () => {
    const dir = project({ 'a.py': UNSAFE, 'b.py': UNSAFE });
    scan(['scan'], dir);
    tamper(cacheFile(dir), 'from the cache');
    fs.appendFileSync(path.join(dir, 'a.py'), '\n\ndef more(b):\n    return pickle.load(b)\n');
    const got = messages(scan(['scan', '--format', 'json'], dir).stdout);
    assert.equal(got.length, 3);
    assert.match(got[0], /^a\.py: `pickle\.loads` can execute/);
    assert.match(got[1], /^a\.py: `pickle\.load` can execute/);
    assert.equal(got[2], 'b.py: from the cache');
  });

  it('reports a clean file from its size and modification time without reading it, unless that time was too close to the read', () => {
    const CLEAN = 'import pickle\npickle.dumps(b)\n';
    const UNSAFE_SAME_SIZE = 'import pickle\npickle.loads(b)\n';
    assert.equal(CLEAN.length, UNSAFE_SAME_SIZE.length);
    const dir = project({ 'old.py': CLEAN, 'recent.py': CLEAN });
    // Times in whole milliseconds, so that they can be set back exactly.
    const hourAgo = new Date(Date.now() - 3600_000);
    // Too close to every read of this test, however slow the machine: a time ahead of the clock is
    // never old enough to stand for the bytes (a time 0.5 s ago was, once a loaded machine took 2.5 s
    // for the scans).
    const justNow = new Date(Date.now() + 600_000);
    fs.utimesSync(path.join(dir, 'old.py'), hourAgo, hourAgo);
    fs.utimesSync(path.join(dir, 'recent.py'), justNow, justNow);
    const codes = () => (JSON.parse(scan(['scan', '--format', 'json'], dir).stdout) as { findings: { path: string }[] }).findings.map((f) => f.path);
    assert.deepEqual(codes(), []);
    // Same size, same time: the cache answers without reading the bytes (which now hold a finding).
    // This is the trade Ruff's and ESLint's caches make; an edit always moves the time.
    fs.writeFileSync(path.join(dir, 'old.py'), UNSAFE_SAME_SIZE);
    fs.utimesSync(path.join(dir, 'old.py'), hourAgo, hourAgo);
    // A file changed seconds before it was read may change again within the same tick of the clock
    // and keep its time: its bytes are checked.
    fs.writeFileSync(path.join(dir, 'recent.py'), UNSAFE_SAME_SIZE);
    fs.utimesSync(path.join(dir, 'recent.py'), justNow, justNow);
    assert.deepEqual(codes(), ['recent.py']);
    // A new time: read and linted again.
    fs.utimesSync(path.join(dir, 'old.py'), new Date(), new Date());
    assert.deepEqual(codes(), ['old.py', 'recent.py']);
  });

  it('lints again when the configuration or the project facts change', () => {
    const dir = project({ 'a.py': 'import pickle, torch\npickle.loads(a)\ntorch.load(p)\n', 'requirements.txt': 'torch==2.6.0\n' });
    const codes = () => (JSON.parse(scan(['scan', '--format', 'json'], dir).stdout) as { findings: { code: string; severity: string }[] }).findings.map((f) => `${f.code} ${f.severity}`);
    assert.deepEqual(codes(), ['MLS101 error', 'MLS102 info']);
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.mlsec]\nignore = ["MLS101"]\n');
    assert.deepEqual(codes(), ['MLS102 info'], 'a new configuration');
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'torch==2.4.0\n');
    assert.deepEqual(codes(), ['MLS102 error'], 'the project now allows a torch whose torch.load unpickles by default');
    assert.deepEqual(codes(), ['MLS102 error']);
  });

  it('reads and writes no cache with --no-cache or --fix', () => {
    const dir = project({ 'a.py': UNSAFE });
    scan(['scan', '--no-cache'], dir);
    assert.equal(fs.existsSync(cacheDirOf(dir)), false);
    scan(['scan'], dir);
    tamper(cacheFile(dir), 'from the cache');
    assert.match(messages(scan(['scan', '--format', 'json', '--no-cache'], dir).stdout)[0], MESSAGE);
    const before = fs.readFileSync(cacheFile(dir), 'utf8');
    const fixed = scan(['scan', '--fix', '--format', 'json'], dir);
    assert.match(messages(fixed.stdout)[0], MESSAGE);
    assert.equal(fs.readFileSync(cacheFile(dir), 'utf8'), before);
  });

  it('ignores a damaged cache and writes a good one', () => {
    const dir = project({ 'a.py': UNSAFE });
    // Old enough for its time to be kept from the first scan on, so every rewrite is the same file
    // (with a time this close to the scans, a slow scan kept it and a quick one did not).
    const hourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(path.join(dir, 'a.py'), hourAgo, hourAgo);
    const expected = scan(['scan', '--format', 'json'], dir).stdout;
    const file = cacheFile(dir);
    const whole = fs.readFileSync(file, 'utf8');
    assert.match(whole, /"stat":\{"size":\d+,"mtimeMs":/, 'the file\'s time is kept');
    for (const damaged of [whole.slice(0, whole.length - 10), whole.replace('pickle', 'pickel'), 'not json\n{}', '', '\u0000\u0001']) {
      fs.writeFileSync(file, damaged);
      const r = scan(['scan', '--format', 'json'], dir);
      assert.equal(r.stdout, expected);
      assert.equal(r.stderr, '');
      assert.equal(fs.readFileSync(file, 'utf8'), whole, 'rewritten as the scan found it');
    }
  });

  it('never stores a secret or a source line, and ignores itself in git', () => {
    const dir = project({ 'key.py': `import pickle\ntoken = "${TOKEN}"; pickle.loads(token)\n` });
    const r = scan(['scan'], dir);
    assert.match(r.stdout, /MLS201/);
    const stored = fs.readFileSync(cacheFile(dir), 'utf8');
    assert.doesNotMatch(stored, new RegExp(TOKEN.slice(3, 20)));
    assert.doesNotMatch(stored, /token = /, 'no source line');
    assert.match(fs.readFileSync(path.join(cacheDirOf(dir), '.gitignore'), 'utf8'), /^\*$/m);
    assert.match(fs.readFileSync(path.join(cacheDirOf(dir), 'CACHEDIR.TAG'), 'utf8'), /^Signature: 8a477f597d28d172789f06886806bc55/);
  });

  it("is kept in the user's cache folder, outside the project, so a repository cannot ship one", function () {
    // env-paths reads XDG_CACHE_HOME on Linux only.
    if (process.platform !== 'linux') this.skip();
    const dir = project({ 'a.py': UNSAFE });
    const home = `${dir}.cache`;
    // A cache the repository brings, where Ruff-style tools keep theirs, saying the file is clean.
    scan(['scan'], dir, { MLSEC_CACHE_DIR: path.join(dir, '.mlsec_cache') });
    tamper(cacheFile(dir, path.join(dir, '.mlsec_cache')), 'from the repository');
    const r = mlsec(['scan', '--format', 'json'], dir, { MLSEC_CACHE_DIR: '', XDG_CACHE_HOME: home });
    assert.match(messages(r.stdout)[0], MESSAGE);
    assert.ok(fs.existsSync(cacheFile(dir, path.join(home, 'mlsec', 'scan'))));
    assert.equal(messages(mlsec(['scan', '--format', 'json'], dir, { MLSEC_CACHE_DIR: '', XDG_CACHE_HOME: home }).stdout).length, 1);
  });

  it('removes cache files of other builds, and of projects not scanned for 30 days', () => {
    const dir = project({ 'a.py': UNSAFE });
    const shared = path.join(`${dir}.cache`, 'shared');
    fs.mkdirSync(shared, { recursive: true });
    const otherBuild = path.join(shared, '0123456789abcdef-0123456789abcdef.json');
    fs.writeFileSync(otherBuild, '{}\n{}');
    // The language server's cache is another program's: only its age can remove it from here.
    const server = path.join(shared, 'server-0123456789abcdef-0123456789abcdef.json');
    fs.writeFileSync(server, '{}\n{}');
    scan(['scan'], dir, { MLSEC_CACHE_DIR: shared });
    const mine = path.basename(fs.readdirSync(shared).find((f) => f.endsWith('.json') && !f.startsWith('server-'))!);
    assert.equal(fs.existsSync(otherBuild), false);
    assert.ok(fs.existsSync(server), "the language server's");
    const thisBuild = (root: string) => path.join(shared, `${mine.slice(0, 16)}-${root}.json`);
    fs.writeFileSync(thisBuild('00000000000000aa'), '{}\n{}');
    fs.writeFileSync(thisBuild('00000000000000bb'), '{}\n{}');
    const old = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    fs.utimesSync(thisBuild('00000000000000aa'), old, old);
    fs.utimesSync(server, old, old);
    fs.appendFileSync(path.join(dir, 'a.py'), '# edited\n');
    scan(['scan'], dir, { MLSEC_CACHE_DIR: shared });
    assert.equal(fs.existsSync(thisBuild('00000000000000aa')), false, 'not used for 31 days');
    assert.equal(fs.existsSync(server), false, "the language server's, not used for 31 days");
    assert.ok(fs.existsSync(thisBuild('00000000000000bb')), "another project's, recent");
  });

  it('keeps its folder where --cache-dir or MLSEC_CACHE_DIR says, --cache-dir first', () => {
    const dir = project({ 'a.py': UNSAFE });
    scan(['scan', '--cache-dir', 'elsewhere'], dir);
    assert.ok(fs.existsSync(cacheFile(dir, path.join(dir, 'elsewhere'))));
    assert.equal(fs.existsSync(cacheDirOf(dir)), false, 'not where MLSEC_CACHE_DIR says');
    const shared = path.join(`${dir}.cache`, 'shared');
    scan(['scan'], dir, { MLSEC_CACHE_DIR: shared });
    assert.ok(fs.existsSync(cacheFile(dir, shared)));
  });

  it('forgets files that no longer exist, and keeps those a narrower scan did not ask about', () => {
    const dir = project({ 'a.py': UNSAFE, 'sub/b.py': UNSAFE, 'sub/c.py': UNSAFE });
    const stored = () => Object.keys(JSON.parse(fs.readFileSync(cacheFile(dir), 'utf8').split('\n')[1])).sort();
    scan(['scan'], dir);
    assert.deepEqual(stored(), ['a.py', 'sub/b.py', 'sub/c.py']);
    fs.rmSync(path.join(dir, 'sub', 'c.py'));
    fs.appendFileSync(path.join(dir, 'sub', 'b.py'), '# edited\n');
    scan(['scan', 'sub'], dir);
    assert.deepEqual(stored(), ['a.py', 'sub/b.py']);
  });

  it('reports what a scan without it reports, over any sequence of edits, new and deleted files and configuration changes', function () {
    this.timeout(240000);
    const SOURCES = [UNSAFE, 'import yaml\nyaml.load(s)\n', 'x = 1\n', `token = "${TOKEN}"\n`, 'import torch\nm = torch.load(p)\n', 'def f(:\n', notebook([{ source: 'import pickle\npickle.loads(b)' }])];
    const FILES = ['a.py', 'b.py', 'sub/c.py', 'n.ipynb'];
    const CONFIGS = ['', '[tool.mlsec]\nignore = ["MLS101"]\n', '[tool.mlsec]\n[tool.mlsec.severity]\nMLS104 = "info"\n', '[tool.mlsec]\n[tool.mlsec.per-file-ignores]\n"sub/**" = ["MLS1"]\n'];
    const step = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), file: fc.constantFrom(...FILES), source: fc.nat(SOURCES.length - 1) }),
      fc.record({ kind: fc.constant('delete' as const), file: fc.constantFrom(...FILES) }),
      fc.record({ kind: fc.constant('config' as const), config: fc.nat(CONFIGS.length - 1) }),
      fc.record({ kind: fc.constant('requirements' as const), torch: fc.constantFrom('2.4.0', '2.6.0') }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 2, maxLength: 5 }), (steps) => {
        const dir = project({ 'a.py': UNSAFE, 'sub/c.py': 'import torch\nm = torch.load(p)\n', 'requirements.txt': 'torch==2.6.0\n' });
        scan(['scan'], dir);
        for (const s of steps) {
          if (s.kind === 'write') {
            fs.mkdirSync(path.dirname(path.join(dir, s.file)), { recursive: true });
            fs.writeFileSync(path.join(dir, s.file), SOURCES[s.source]);
          } else if (s.kind === 'delete') fs.rmSync(path.join(dir, s.file), { force: true });
          else if (s.kind === 'config') fs.writeFileSync(path.join(dir, 'pyproject.toml'), CONFIGS[s.config]);
          else fs.writeFileSync(path.join(dir, 'requirements.txt'), `torch==${s.torch}\n`);
          const cached = scan(['scan', '--format', 'json'], dir);
          const fresh = scan(['scan', '--format', 'json', '--no-cache'], dir);
          assert.equal(cached.code, fresh.code);
          assert.deepEqual(JSON.parse(cached.stdout), JSON.parse(fresh.stdout));
        }
      }),
      { numRuns: 5 },
    );
  });

  it('is emptied by mlsec clean, which removes cache files and nothing else', () => {
    const dir = project({ 'a.py': UNSAFE });
    const cache = cacheDirOf(dir);
    scan(['scan'], dir);
    scan(['scan'], project({ 'b.py': UNSAFE }), { MLSEC_CACHE_DIR: cache });
    fs.writeFileSync(path.join(cache, 'notes.txt'), 'mine\n');
    const r = scan(['clean'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `Removed 2 cache files from ${cache}.\n`);
    assert.deepEqual(fs.readdirSync(cache), ['notes.txt']);
    fs.rmSync(path.join(cache, 'notes.txt'));
    scan(['scan'], dir);
    assert.equal(scan(['clean'], dir).stdout, `Removed 1 cache file from ${cache}.\n`);
    assert.equal(fs.existsSync(cache), false, 'an emptied folder goes too');
    assert.equal(scan(['clean'], dir).stdout, `No scan cache in ${cache}.\n`);
    // Pointed at a folder that was there (a project's root), a scan marks nothing and clean keeps
    // the folder's own files, its .gitignore among them.
    fs.writeFileSync(path.join(dir, '.gitignore'), 'build/\n');
    scan(['scan', '--cache-dir', '.'], dir);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => !n.endsWith('.json')).sort(), ['.gitignore', 'a.py']);
    assert.equal(scan(['clean', '--cache-dir', '.'], dir).stdout, `Removed 1 cache file from ${fs.realpathSync(dir)}.\n`);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.gitignore', 'a.py']);
    assert.equal(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'), 'build/\n');
    // The next scan lints again and reports the same.
    assert.match(messages(scan(['scan', '--format', 'json'], dir).stdout)[0], MESSAGE);
  });

  it('still reports when the cache cannot be written, with a warning', () => {
    const dir = project({ 'a.py': UNSAFE });
    const r = scan(['scan', '--cache-dir', 'a.py/cache'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, MESSAGE);
    assert.equal(r.stderr, 'mlsec: warning: cannot write the scan cache in a.py/cache (ENOTDIR): the next scan lints every file again; --no-cache skips the cache\n');
  });
});
