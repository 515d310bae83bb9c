/** The long fuzz run: `npm run fuzz -- 1000000` checks each robustness property that many times. */
import fc from 'fast-check';
import { getEngine } from '../test/support/engine';
import { properties } from '../test/support/fuzz';

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 10000);
  const props = properties(await getEngine());
  for (const name of Object.keys(props) as (keyof typeof props)[]) {
    const started = Date.now();
    fc.assert(props[name], { numRuns: runs });
    console.log(`${name}: ${runs} cases passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
