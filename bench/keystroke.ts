// Where a keystroke's time goes inside the server, without the protocol: the same edits as
// bench/lsp-latency.js, applied in-process, with the median of each step. `lint` includes whatever
// parse the edit needs (none after typing in a name, the edited statement's alone, or the file's);
// `reparse` is the parse of the whole file the server makes after publishing when the lint used a
// statement patch. `[character]` is what is typed (default a letter).
// With `--broken`, the edits are bench/broken-edits.js's keystrokes that break the code, each
// followed by its undo (`edits` pairs). `npx tsx bench/keystroke.ts [lines] [edits] [character] [--broken]`.
import { createEngine } from '../engine';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';
import { Documents } from '../server/documents';
import { lintText } from '../server/lint-document';
import { encodeMessage } from '../server/stdio-writer';
import type { Diagnostic, Message, Range } from 'vscode-languageserver/node';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mlCorpusFile, typingEdits } = require('./corpus');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { brokenEdits } = require('./broken-edits');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Change = { range: Range; text: string };

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const broken = process.argv.includes('--broken');
  const lines = Number(args[0] ?? 5000);
  const edits = Number(args[1] ?? 500);
  const engine = await createEngine(loadAssets(), RULES);
  const docs = new Documents(engine);
  const text: string = mlCorpusFile(lines, 7);
  const uri = 'file:///bench/train.py';
  const doc = docs.open(uri, 'python', 1, text);
  const settings = { config: {}, project: {} };
  lintText(engine, docs, doc, settings);
  // encode: what the stdio writer does; stringify: a plain JSON.stringify of the same message, for comparison.
  const steps: Record<string, number[]> = { lint: [], encode: [], total: [], stringify: [], reparse: [] };
  let patched = 0;
  let unparsed = 0;
  const json = new WeakMap<Diagnostic, string>();
  const one = (d: Diagnostic) => {
    let s = json.get(d);
    if (s === undefined) json.set(d, (s = JSON.stringify(d)));
    return s;
  };
  let findings = 0;
  let i = 0;
  const changes: Change[] = broken
    ? [...(brokenEdits(text, edits) as Iterable<{ type: Change; undo: Change }>)].flatMap((p) => [p.type, p.undo])
    : [...(typingEdits(text, edits, args[2] ?? 'x') as Iterable<{ change: Change }>)].map((e) => e.change);
  for (const change of changes) {
    const t0 = performance.now();
    docs.change(uri, i + 2, [change]);
    const t1 = performance.now();
    const { diagnostics } = lintText(engine, docs, doc, settings);
    const t2 = performance.now();
    const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: i + 2, diagnostics } } as Message;
    Buffer.from(encodeMessage(message, one), 'utf8');
    const t3 = performance.now();
    JSON.stringify(message);
    steps.stringify.push(performance.now() - t3);
    steps.lint.push(t2 - t1);
    steps.encode.push(t3 - t2);
    steps.total.push(t3 - t0);
    if (doc.dirty && !docs.wantsParse(doc)) unparsed++;
    if (docs.wantsParse(doc)) {
      patched++;
      const t4 = performance.now();
      docs.tree(doc);
      steps.reparse.push(performance.now() - t4);
    }
    findings = diagnostics.length;
    i++;
  }
  const row = Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, v.length ? Number(median(v).toFixed(3)) : null]));
  process.stdout.write(JSON.stringify({ lines, edits: changes.length, broken, findings, ...row, unparsed, patched, hits: doc.cache.hits, misses: doc.cache.misses }) + '\n');
}

main();
