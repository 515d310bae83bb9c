import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LineIndex } from '../engine';
import { mlsec, removeTemp, tempProject } from './support/cli';
import { getEngine } from './support/engine';
import { LspClient } from './support/lsp-client';

/**
 * The masking audit: a project full of secrets (every secret fixture, and the notebook with secrets
 * in its outputs) goes through every output MLSec has; none may contain any of those secrets whole.
 */
const RULES = path.join(__dirname, '..', 'rules', 'secrets');
const files = fs.readdirSync(RULES).filter((f) => (f.endsWith('.py') || f.endsWith('.ipynb')) && !f.includes('.fixed.'));

/** Secrets of each shape the audit must hold, by the rule that finds them: generic passwords and URL passwords are shorter than tokens. */
const SHAPES: Record<string, number> = { MLS207: 0, MLS209: 0 };

async function secretsIn(): Promise<string[]> {
  const engine = await getEngine();
  const out = new Set<string>();
  for (const f of files) {
    const text = fs.readFileSync(path.join(RULES, f), 'utf8');
    const kind = f.endsWith('.ipynb') ? 'notebook' : 'python';
    const result = engine.lint({ text, kind });
    const lines = new LineIndex(result.text);
    const cells = kind === 'notebook' ? (JSON.parse(text).cells as { source: string | string[] }[]).map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source).split('\n')) : [];
    for (const finding of result.findings) {
      if (finding.category !== 'hardcoded-secret' || finding.cell?.output !== undefined) continue;
      let value = result.text.slice(lines.offset(finding.range.start), lines.offset(finding.range.end)).replace(/^[rbuRBU]*["']+|["']+$/g, '');
      // A notebook's `!` and `%` lines are blanked in the module that is linted: read the secret from the cell.
      const at = finding.cell;
      if (at && !value.trim() && at.line === at.endLine) value = cells[at.cell]?.[at.line]?.slice(at.column, at.endColumn) ?? '';
      // A generic password is often short: from 8 characters on, none may be printed whole either.
      const generic = finding.code in SHAPES;
      if (value.length >= (generic ? 8 : 12)) {
        out.add(value);
        if (generic) SHAPES[finding.code]++;
      }
      // A private key's secret is its body: no line of it may be printed either.
      if (value.includes('PRIVATE KEY')) for (const part of value.split(/\n|\\n/)) if (part.length >= 12 && !part.startsWith('-----')) out.add(part);
    }
  }
  // Tokens in notebook outputs are not in the virtual module: take them from the notebook fixture.
  const nb = JSON.parse(fs.readFileSync(path.join(RULES, 'secret-in-notebook-output.ipynb'), 'utf8'));
  for (const m of JSON.stringify(nb.cells).matchAll(/(hf_[A-Za-z0-9]{34}|sk-proj-[A-Za-z0-9_-]+|gsk_[A-Za-z0-9]{52})/g)) out.add(m[1]);
  return [...out];
}

function leaks(output: string, secrets: string[]): string[] {
  return secrets.filter((s) => output.includes(s)).map((s) => `${s.slice(0, 6)}... (${s.length} chars)`);
}

describe('masking audit', function () {
  this.timeout(90000);
  let dir: string;
  let secrets: string[];

  before(async () => {
    secrets = await secretsIn();
    const contents: Record<string, string> = {};
    for (const f of files) contents[f] = fs.readFileSync(path.join(RULES, f), 'utf8');
    // Every secret again, on a line with another rule's finding, so that its snippet shows the secret's line.
    // Not the placeholder the notebook's outputs hold (`hf_xxxx…`), which is rightly shown.
    const real = secrets.filter((x) => !/x{8}/.test(x));
    contents['mixed.py'] = `import pickle\n${real.map((x, i) => `API_KEY = ${JSON.stringify(x)}; data_${i} = pickle.loads(b)`).join('\n')}\n`;
    // And on a line a safe fix rewrites, so that the fix's diff shows the secret's line.
    contents['fixable.py'] = `import yaml\n${real.map((x, i) => `API_KEY = ${JSON.stringify(x)}; cfg_${i} = yaml.load(s, Loader=yaml.Loader)`).join('\n')}\n`;
    dir = tempProject(contents);
  });
  after(() => removeTemp(dir));

  it('has secrets to look for', () => {
    assert.ok(secrets.length >= 25, `only ${secrets.length} secrets collected`);
    // Generic credentials (MLS207) and passwords inside URLs and connection strings (MLS209).
    assert.ok(SHAPES.MLS207 >= 20, `only ${SHAPES.MLS207} generic credentials collected`);
    assert.ok(SHAPES.MLS209 >= 8, `only ${SHAPES.MLS209} URL passwords collected`);
    assert.ok(secrets.includes('Tr41n-d4ta-2024x') && secrets.includes('LibPq-Pa55-w0rd'), 'the URL and connection-string passwords are not collected alone');
    // And those of a notebook's `!` and `%env` lines, which the linted module does not hold.
    assert.ok(secrets.includes('Nb-Shell-Pw-2024') && secrets.includes('Nb-Env-Pa55-word'), 'the notebook command passwords are not collected');
  });

  for (const format of ['text', 'json', 'sarif', 'github', 'gitlab', 'junit']) {
    it(`prints no secret in ${format} output`, () => {
      const r = mlsec(['scan', '--format', format], dir);
      assert.equal(r.code, 1);
      assert.ok(r.stdout.length > 1000);
      assert.deepEqual(leaks(r.stdout + r.stderr, secrets), []);
    });

    it(`prints no secret in ${format} output with the secret rules left out`, () => {
      const r = mlsec(['scan', '--no-cache', '--format', format, '--select', 'MLS1,MLS3,MLS4'], dir);
      assert.equal(r.code, 1);
      assert.ok(r.stdout.length > 300);
      assert.deepEqual(leaks(r.stdout + r.stderr, secrets), []);
    });
  }

  for (const [name, extra] of [
    ['', []],
    [' with the secret rules left out', ['--select', 'MLS1,MLS3,MLS4']],
  ] as [string, string[]][]) {
    it(`prints no secret in the diff of every fix (--diff --unsafe-fixes)${name}, and changes no file`, () => {
      const before = Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
      const r = mlsec(['scan', '--diff', '--unsafe-fixes', ...extra], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^-API_KEY = "\*+.{4}"; cfg_0 = yaml\.load\(s, Loader=yaml\.Loader\)$/m);
      // A diff shows the lines around each fix, the fixtures' placeholders (`hf_xxxx…`, rightly unmasked) too.
      assert.deepEqual(leaks(r.stdout + r.stderr, secrets.filter((x) => !/x{8}/.test(x))), []);
      for (const [f, text] of Object.entries(before)) assert.equal(fs.readFileSync(path.join(dir, f), 'utf8'), text, f);
    });
  }

  it('prints no secret in quiet output or in the baseline file', () => {
    const r = mlsec(['scan', '--quiet', '--write-baseline', 'baseline.json'], dir);
    const baseline = fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8');
    assert.deepEqual(leaks(r.stdout + r.stderr + baseline, secrets), []);
    fs.unlinkSync(path.join(dir, 'baseline.json'));
  });

  describe("masks a secret no finding reports when another finding's snippet shows its line", () => {
    const password = 'Zq8#kL2!vB9@xR4$';
    const line = `conn = psycopg2.connect(host="db", password="${password}"); data = pickle.load(open("x.pkl", "rb"))`;
    const cases: { name: string; line?: string; config?: string; args: string[]; before?: string[][] }[] = [
      { name: 'hidden by the baseline', args: ['--baseline', 'b.json'], before: [['--select', 'MLS207', '--write-baseline', 'b.json']] },
      { name: 'suppressed on its line', line: `${line}  # mlsec: ignore[MLS207]`, args: [] },
      { name: 'its rule left out by --select', args: ['--select', 'MLS101'] },
      { name: 'its rule ignored by the configuration', config: '[tool.mlsec]\nignore = ["MLS2"]\n', args: [] },
      { name: 'its rule left out, read back from the scan cache', args: ['--select', 'MLS101', '--cache-dir', '.cache'], before: [['--select', 'MLS101', '--cache-dir', '.cache']] },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const one = tempProject({ 'a.py': `import pickle\nimport psycopg2\n${c.line ?? line}\n`, ...(c.config ? { 'pyproject.toml': c.config } : {}) });
        try {
          for (const args of c.before ?? []) mlsec(['scan', ...args, 'a.py'], one);
          const r = mlsec(['scan', ...(c.args.includes('--cache-dir') ? [] : ['--no-cache']), ...c.args, 'a.py'], one);
          assert.match(r.stdout, /MLS101/);
          assert.doesNotMatch(r.stdout, /: MLS207 /);
          assert.match(r.stdout, /password="\*+xR4\$"/);
          assert.ok(!r.stdout.includes(password), r.stdout);
        } finally {
          removeTemp(one);
        }
      });
    }
  });

  it('sends no secret through the language server: diagnostics, code actions, hover, logs', async () => {
    const client = new LspClient();
    let seen = '';
    client.conn.onNotification('window/logMessage', (p: { message: string }) => (seen += p.message));
    try {
      await client.initialize(null, { logLevel: 'debug' });
      for (const f of files.filter((x) => x.endsWith('.py'))) {
        const uri = pathToFileURL(path.join(dir, f)).href;
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        const next = client.next(uri);
        await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
        const diags = await next;
        assert.ok(diags.length > 0, f);
        seen += JSON.stringify(diags.map((d) => ({ message: d.message, code: d.code, related: d.relatedInformation })));
        for (const d of diags) {
          const actions = await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
          seen += JSON.stringify((actions as { title: string }[]).map((a) => a.title));
          const hover = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start });
          seen += JSON.stringify(hover);
        }
      }
    } finally {
      await client.stop();
    }
    assert.ok(seen.length > 1000);
    assert.deepEqual(leaks(seen + client.stderr, secrets), []);
  });
});
