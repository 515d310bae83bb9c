// Cold lint against bare parsing, in one process: median times over repeated runs for each size.
import { Language, Parser } from 'web-tree-sitter';
import { createEngine } from '../engine';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mlCorpusFile } = require('./corpus');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '1000,5000,20000').split(',').map(Number);
  const runs = Number(process.argv[3] ?? 7);
  const assets = loadAssets();
  const engine = await createEngine(assets, RULES);
  const parser = new Parser();
  parser.setLanguage(await Language.load(assets.python));
  const rows = [];
  for (const lines of sizes) {
    const text: string = mlCorpusFile(lines, 3);
    const parse: number[] = [];
    const lint: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const a = performance.now();
      parser.parse(text)!.delete();
      const b = performance.now();
      engine.lint({ text });
      const c = performance.now();
      if (i >= 2) {
        parse.push(b - a);
        lint.push(c - b);
      }
    }
    rows.push({ lines, parse: median(parse), lint: median(lint), ratio: median(lint) / median(parse) });
  }
  process.stdout.write(JSON.stringify(rows));
}

main();
