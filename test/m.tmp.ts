import { getEngine } from './support/engine';
(async () => {
  const e = await getEngine();
  let s = 'import torch\nimport pickle\n';
  while (s.split('\n').length < 5000) s += `def step(model, batch, optimizer):\n    state = torch.load(batch["path"], weights_only=False)\n    loss = model(**batch).loss\n    loss.backward()\n    optimizer.step()\n    return {"loss": loss.item(), "x": pickle.loads(b)}\n\n`;
  for (let i = 0; i < 3; i++) e.lint({ text: s });
  const ts: number[] = [];
  for (let i = 0; i < 10; i++) { const t = performance.now(); e.lint({ text: s }); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b); console.log('lint median', ts[5]);
  const tree = e.parse(s);
  const t2: number[] = [];
  for (let i = 0; i < 10; i++) { const t = performance.now(); e.lintTree(tree, { text: s }); t2.push(performance.now() - t); }
  t2.sort((a, b) => a - b); console.log('lintTree median', t2[5]);
})();
