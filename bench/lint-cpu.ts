// The lint's cost beside the parse, in one process: every .py file under a folder parsed, then linted
// as a whole-file lint is (`lintTree`: pre-filter, tree read, rules, suppressions), round after
// round. Prints per round the CPU time (user + system, every thread of the process: the compiler's
// and the collector's too) of the parses and of the lints, so that two builds can be compared on a
// machine others load: CPU time moves less with the load than wall time does. Round 0 is what a
// cold scan pays (the JIT still warming up), the last round the steady cost.
//   npx tsx bench/lint-cpu.ts /tmp/cc1 4      (WALL=1 for wall time instead)
import * as fs from 'fs';
import * as path from 'path';
import { createEngine } from '../engine';
import { lintTree } from '../engine/lint';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';

function files(root: string): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.py')) out.push(p);
    }
  }
  return out;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const clock = process.env.WALL ? () => performance.now() : cpu;

async function main(): Promise<void> {
  const texts = files(process.argv[2]).map((f) => fs.readFileSync(f, 'utf8'));
  const rounds = Number(process.argv[3] ?? 4);
  const engine = await createEngine(loadAssets(), RULES);
  for (let r = 0; r < rounds; r++) {
    let parse = 0;
    let lint = 0;
    let findings = 0;
    for (const text of texts) {
      const a = clock();
      const tree = engine.parse(text);
      const b = clock();
      findings += lintTree(tree, text, RULES, { text }, undefined, engine.flatten).findings.length;
      lint += clock() - b;
      tree.delete();
      parse += b - a;
    }
    console.log(`round ${r}: parse ${parse.toFixed(0)} ms, lint ${lint.toFixed(0)} ms (${(lint / parse).toFixed(2)} parses), ${texts.length} files, ${findings} findings`);
  }
}

void main();
