import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { mlsec, removeTemp, tempProject } from './support/cli';
import { LspClient } from './support/lsp-client';

/**
 * The CLI and the language server are two adapters over one engine: for every rule fixture and
 * every example file, what `mlsec scan` reports is what the server publishes for the file opened in
 * an editor, finding for finding (code, severity, start and end).
 */
const ROOT = path.join(__dirname, '..');
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };

function sources(): Record<string, string> {
  const out: Record<string, string> = {};
  const rules = path.join(ROOT, 'rules');
  for (const f of fs.readdirSync(rules, { recursive: true, encoding: 'utf8' })) {
    if (f.endsWith('.py') && !f.endsWith('.fixed.py')) out[path.join('rules', f)] = fs.readFileSync(path.join(rules, f), 'utf8');
  }
  for (const f of fs.readdirSync(path.join(ROOT, 'examples'), { recursive: true, encoding: 'utf8' })) {
    if (f.endsWith('.py') || f.endsWith('.txt')) out[path.join('examples', f)] = fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8');
  }
  return out;
}

interface JsonFinding {
  code: string;
  severity: string;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

describe('the CLI and the language server agree', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    dir = tempProject(sources());
  });
  after(() => removeTemp(dir));

  it('on every rule fixture and example file', async () => {
    const files = Object.keys(sources()).filter((f) => f.endsWith('.py'));
    const r = mlsec(['scan', '--no-cache', '--format', 'json', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    const byFile = new Map<string, string[]>();
    for (const f of (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings) {
      const list = byFile.get(f.path) ?? [];
      list.push(`${f.code} ${SEVERITY[f.severity]} ${f.line - 1}:${f.column - 1}-${f.endLine - 1}:${f.endColumn - 1}`);
      byFile.set(f.path, list);
    }
    const client = new LspClient();
    let compared = 0;
    const codes = new Set<string>();
    try {
      await client.initialize(null);
      for (const rel of files) {
        const uri = pathToFileURL(path.join(dir, rel)).href;
        const next = client.next(uri);
        await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: fs.readFileSync(path.join(dir, rel), 'utf8') } });
        const published = (await next).map((d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
        assert.deepEqual(published, byFile.get(rel.split(path.sep).join('/')) ?? [], rel);
        compared += published.length;
        for (const d of published) codes.add(d.split(' ')[0]);
        await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
    } finally {
      await client.stop();
    }
    assert.ok(compared > 200, `only ${compared} findings compared`);
    // Every rule a fixture expects findings of was compared: a new rule's fixture is covered as it is added.
    const annotated = new Set(Object.entries(sources()).flatMap(([f, text]) => (f.startsWith('rules') ? [...text.matchAll(/#\s*ruleid:\s*([A-Z0-9, ]+)/g)].flatMap((m) => m[1].split(',').map((c) => c.trim())) : [])));
    assert.deepEqual([...annotated].filter((c) => c && !codes.has(c)), []);
  });
});
