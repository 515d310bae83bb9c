import { createEngine, StatementCache } from '../engine';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mlCorpusFile } = require('./corpus');
const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1].toFixed(4);
(async () => {
  const engine = await createEngine(loadAssets(), RULES);
  const text: string = mlCorpusFile(5000, 7);
  const tree = engine.parse(text);
  const cache = new StatementCache({ trackEdits: true });
  const input = { text, kind: 'python' as const, config: {}, project: {} };
  engine.lintTree(tree, input, cache);
  const ts: number[] = [];
  for (let i = 0; i < Number(process.argv[2] ?? 2000); i++) {
    // A zero-length edit far away keeps every slot clean but runs the tracked pass.
    const t0 = performance.now();
    engine.lintTree(tree, input, cache);
    ts.push(performance.now() - t0);
  }
  console.log('all-hit lint', med(ts), 'hits', cache.hits);
})();
(async () => {
  const engine = await createEngine(loadAssets(), RULES);
  const text: string = mlCorpusFile(5000, 7);
  const r = engine.lint({ text, kind: 'python', config: {}, project: {} });
  const withEdits = r.findings.filter((f) => f.fixes.some((x) => x.edits.length));
  console.log('findings', r.findings.length, 'with edit fixes', withEdits.length, [...new Set(withEdits.map((f) => f.code))]);
})();
