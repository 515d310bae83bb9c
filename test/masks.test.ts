import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { findSecrets, redact } from '../engine/secrets';
import { RULES } from '../rules';
import { createEngine, LineIndex, type LintConfig } from '../engine';
import { defineRule } from '../engine/rule';
import { loadAssets } from '../project/assets';
import { lintPython } from './support/engine';

/** What a range covers in the text. */
const covered = (text: string, r: { start: { line: number; column: number }; end: { line: number; column: number } }) => {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(r.start), lines.offset(r.end));
};

const PASSWORD = 'Zq8#kL2!vB9@xR4$';
const LINE = `conn = psycopg2.connect(host="db", password="${PASSWORD}"); data = pickle.load(open("x.pkl", "rb"))`;
const TEXT = `import pickle, psycopg2\n${LINE}\n`;

describe('masks: secrets no finding reports', () => {
  it('are absent when every secret is reported', async () => {
    const r = await lintPython(TEXT);
    assert.deepEqual(r.findings.map((f) => f.code), ['MLS207', 'MLS101']);
    assert.equal(r.masks, undefined);
  });

  it('hold a secret whose rule the configuration disables, which reports nothing', async () => {
    for (const config of [{ select: ['MLS101'] }, { ignore: ['MLS2'] }, { ignore: ['MLS207'] }]) {
      const r = await lintPython(TEXT, { config });
      assert.deepEqual(r.findings.map((f) => f.code), ['MLS101'], JSON.stringify(config));
      assert.deepEqual((r.masks ?? []).map((m) => covered(TEXT, m)), [PASSWORD], JSON.stringify(config));
      assert.ok(r.findings.every((f) => !f.maskOnly));
    }
  });

  it('hold a suppressed secret, and leave the suppression used', async () => {
    const text = `import pickle, psycopg2\n${LINE}  # mlsec: ignore[MLS207]\n`;
    const r = await lintPython(text);
    assert.deepEqual(r.findings.map((f) => f.code), ['MLS101']);
    assert.deepEqual((r.masks ?? []).map((m) => covered(text, m)), [PASSWORD]);
  });

  it('hold a suppressed secret when the suppressions also add a finding of their own', async () => {
    // One finding hidden, one (MLS003, a blanket ignore) added: as many findings as before.
    const text = `import pickle, psycopg2\n${LINE}  # mlsec: ignore[MLS207]\nx = 1  # mlsec: ignore\n`;
    const r = await lintPython(text);
    assert.deepEqual(r.findings.map((f) => f.code), ['MLS101', 'MLS003']);
    assert.deepEqual((r.masks ?? []).map((m) => covered(text, m)), [PASSWORD]);
  });
});

describe('masks: a caller that shows no source lines', () => {
  it('gets none, neither for disabled rules nor for suppressed findings', async () => {
    const suppressed = `import pickle, psycopg2\n${LINE}  # mlsec: ignore[MLS207]\n`;
    for (const [text, config] of [[TEXT, { ignore: ['MLS2'] }], [suppressed, undefined]] as [string, LintConfig | undefined][]) {
      const r = await lintPython(text, { config, masks: false });
      assert.deepEqual(r.findings.map((f) => f.code), ['MLS101']);
      assert.equal(r.masks, undefined);
      assert.ok((await lintPython(text, { config })).masks, 'the same lint showing source lines has masks');
    }
  });

  it('does not run the sensitive rules the configuration disables', async () => {
    const sensitive = RULES.find((r) => r.meta.sensitive)!;
    const broken = defineRule({ meta: { ...sensitive.meta, code: 'MLS997', name: 'broken-secret' }, docs: '', create: () => ({ string() { throw new Error('boom'); } }) });
    const engine = await createEngine(loadAssets(), [...RULES, broken]);
    const input = { text: TEXT, config: { ignore: ['MLS997'] } };
    assert.deepEqual(engine.lint({ ...input, masks: false }).findings.map((f) => f.code), ['MLS207', 'MLS101']);
    // Run to locate secrets, it fails, and says so: masking could not be done.
    assert.ok(engine.lint(input).findings.some((f) => f.code === 'MLS000'));
  });
});

describe('masks: every secret found, whatever the configuration', () => {
  it('are the sensitive ranges a lint with every rule reports, less those this lint reports', async () => {
    const dir = path.join(__dirname, '..', 'rules');
    const texts = ['secrets', 'privacy'].flatMap((d) =>
      fs.readdirSync(path.join(dir, d)).filter((f) => f.endsWith('.py') && !f.includes('.fixed.')).map((f) => fs.readFileSync(path.join(dir, d, f), 'utf8')),
    );
    const codes = RULES.map((r) => r.meta.code);
    const key = (r: { start: { line: number; column: number }; end: { line: number; column: number } }) => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
    const all = await Promise.all(texts.map(async (text) => new Set((await lintPython(text)).findings.filter((f) => f.sensitive).map((f) => key(f.range)))));
    let masked = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: texts.length - 1 }), fc.subarray(codes), fc.subarray(['MLS2', 'MLS4', 'MLS20', 'MLS1']), async (i, select, ignore) => {
        const r = await lintPython(texts[i], { config: { select, ignore } });
        const shown = r.findings.filter((f) => f.sensitive).map((f) => key(f.range));
        const hidden = (r.masks ?? []).map(key);
        masked += hidden.length;
        assert.deepEqual(new Set([...shown, ...hidden]), all[i]);
      }),
      { numRuns: 150 },
    );
    assert.ok(masked > 20, `only ${masked} masks made`);
  });
});

describe('private keys', () => {
  const BODY = ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ'];
  const PEM = `-----BEGIN PRIVATE KEY-----\n${BODY.join('\n')}\n-----END PRIVATE KEY-----`;

  it('cover the whole block, from the header to the END line, not the header alone', () => {
    const text = `x${PEM}\ntrailing words`;
    const [m] = findSecrets(text);
    assert.equal(m.detector.provider, 'private key');
    assert.equal(text.slice(m.index, m.index + m.length), PEM);
    assert.equal(m.token, '-----BEGIN PRIVATE KEY-----');
  });

  it('run as far as the body does when the block has no END line', () => {
    const text = `-----BEGIN RSA PRIVATE KEY-----\n${BODY[0]}\n"; more`;
    const [m] = findSecrets(text);
    assert.equal(text.slice(m.index, m.index + m.length), `-----BEGIN RSA PRIVATE KEY-----\n${BODY[0]}\n`);
  });

  it('are reported and redacted with their body, on a source line with escaped line breaks too', async () => {
    const line = `KEY = "${PEM.replace(/\n/g, '\\n')}\\n"`;
    const redacted = redact(line);
    for (const b of BODY) assert.ok(!redacted.includes(b), redacted);
    assert.equal(redacted.length, line.length);
    const text = `${line}\n`;
    const r = await lintPython(text, { config: { select: ['MLS205'] } });
    assert.equal(r.findings.length, 1);
    assert.equal(covered(text, r.findings[0].range), PEM.replace(/\n/g, '\\n'));
  });

  it('in a triple-quoted string, are reported across its lines', async () => {
    const text = `KEY = """${PEM}"""\n`;
    const r = await lintPython(text, { config: { select: ['MLS205'] } });
    assert.equal(r.findings.length, 1);
    assert.equal(covered(text, r.findings[0].range), PEM);
    assert.equal(r.findings[0].range.end.line, 3);
  });
});
