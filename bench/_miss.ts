import { createEngine } from '../engine';
import { LintRun } from '../engine/run';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mlCorpusFile } = require('./corpus');
const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1].toFixed(4);
(async () => {
  const engine = await createEngine(loadAssets(), RULES);
  const text: string = mlCorpusFile(5000, 7);
  const tree = engine.parse(text);
  const at = text.indexOf('loss', text.length >> 1);
  const stmt = tree.rootNode.firstNamedChildForIndex(at)!;
  const fnText = stmt.text;
  console.log('statement', stmt.type, stmt.endPosition.row - stmt.startPosition.row, 'lines');
  const small = engine.parse(fnText);
  const t: Record<string, number[]> = { newrun: [], walkRange: [], walkSmallTree: [], dot: [], dotSmall: [], finish: [] };
  const types = new LintRun(text, RULES, { text, kind: 'python' }).types;
  for (let i = 0; i < 400; i++) {
    let t0 = performance.now();
    const run = new LintRun(text, RULES, { text, kind: 'python' });
    t.newrun.push(performance.now() - t0);
    t0 = performance.now();
    run.walk(stmt);
    t.walkRange.push(performance.now() - t0);
    t0 = performance.now();
    run.finish(tree);
    t.finish.push(performance.now() - t0);
    const run2 = new LintRun(fnText, RULES, { text: fnText, kind: 'python' });
    t0 = performance.now();
    run2.walk(small.rootNode);
    t.walkSmallTree.push(performance.now() - t0);
    t0 = performance.now();
    tree.rootNode.descendantsOfType([...types], stmt.startPosition, stmt.endPosition);
    t.dot.push(performance.now() - t0);
    t0 = performance.now();
    small.rootNode.descendantsOfType([...types]);
    t.dotSmall.push(performance.now() - t0);
  }
  console.log(Object.entries(t).map(([k, v]) => `${k}=${med(v)}`).join(' '));
})();
