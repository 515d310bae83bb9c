import { getEngine } from './support/engine';
(async () => {
  const e = await getEngine();
  let s = 'import torch\nimport pickle\n';
  while (s.split('\n').length < 5000) s += `def step(model, batch, optimizer):\n    state = torch.load(batch["path"], weights_only=False)\n    loss = model(**batch).loss\n    loss.backward()\n    optimizer.step()\n    return {"loss": loss.item(), "x": pickle.loads(b)}\n\n`;
  const tree = e.parse(s);
  for (let i = 0; i < 10; i++) e.lintTree(tree, { text: s });
})();
