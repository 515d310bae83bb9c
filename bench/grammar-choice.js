// Measures the two tree-sitter-python grammars on one file: full parse and incremental re-parse
// after one-character edits, medians in the same run. `node bench/grammar-choice.js [lines]`.
const fs = require('fs');
const { Parser, Language } = require('web-tree-sitter');

const LINES = Number(process.argv[2] ?? 5000);
const GRAMMARS = { '0.23.6 (shipped)': 'tree-sitter-python', '0.25.0': 'tsp025' };

function source(lines) {
  let s = '';
  for (let i = 0; s.split('\n').length < lines; i++) {
    s += `def step_${i}(model, batch, optimizer):\n    state = torch.load(batch["path"], weights_only=False)\n    loss = model(**batch).loss\n    loss.backward()\n    optimizer.step()\n    return {"loss": loss.item(), "epoch": ${i}}\n\n`;
  }
  return s;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  await Parser.init();
  let text = source(LINES);
  console.log(`| grammar | full parse (ms) | incremental re-parse (ms) |\n|---|---|---|`);
  for (const [label, pkg] of Object.entries(GRAMMARS)) {
    const lang = await Language.load(fs.readFileSync(require.resolve(`${pkg}/tree-sitter-python.wasm`)));
    const parser = new Parser();
    parser.setLanguage(lang);
    const full = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      parser.parse(text).delete();
      full.push(performance.now() - t0);
    }
    let src = text;
    let tree = parser.parse(src);
    const incremental = [];
    // Typing inside an identifier, as a person does: after `loss` in `loss.backward()`, spread over the file.
    const anchors = [...src.matchAll(/loss\.backward/g)].map((m) => m.index + 4);
    for (let i = 0; i < 200; i++) {
      const pos = anchors[Math.floor((anchors.length * i) / 200)] + i;
      const before = src.slice(0, pos);
      const row = before.split('\n').length - 1;
      const column = pos - (before.lastIndexOf('\n') + 1);
      src = before + 'x' + src.slice(pos);
      tree.edit({ startIndex: pos, oldEndIndex: pos, newEndIndex: pos + 1, startPosition: { row, column }, oldEndPosition: { row, column }, newEndPosition: { row, column: column + 1 } });
      const t0 = performance.now();
      const next = parser.parse(src, tree);
      incremental.push(performance.now() - t0);
      tree.delete();
      tree = next;
    }
    tree.delete();
    parser.delete();
    console.log(`| ${label} | ${median(full).toFixed(1)} | ${median(incremental).toFixed(2)} |`);
  }
}

main();
