// The parse floor for the CLI benchmark: every .py file under a folder parsed once by web-tree-sitter
// with the grammar MLSec uses, in one thread, trees deleted as they come. Prints, as JSON, the time
// of the parses alone (files read beforehand) and of the whole process's work after start-up.
const t0 = performance.now();
const fs = require('fs');
const path = require('path');
const { Parser, Language } = require('web-tree-sitter');

async function main() {
  const root = process.argv[2];
  const files = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop();
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.py')) files.push(p);
    }
  }
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
  const t1 = performance.now();
  for (const text of texts) parser.parse(text).delete();
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ files: files.length, parse: t2 - t1, total: t2 - t0 }));
}

main();
