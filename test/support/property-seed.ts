/**
 * Every property test runs from one seed, so a run can be replayed and CI never passes or fails by chance.
 * The seed is fixed unless `MLSEC_PROPERTY_SEED` gives another (`random` picks one); it is printed at the
 * start of the run, and fast-check prints the seed and path of any counterexample it finds.
 */
import fc from 'fast-check';

export const DEFAULT_PROPERTY_SEED = 20261203;

export function propertySeed(env: Record<string, string | undefined> = process.env): number {
  const raw = env.MLSEC_PROPERTY_SEED?.trim();
  if (!raw) return DEFAULT_PROPERTY_SEED;
  if (raw === 'random') return (Date.now() ^ (process.pid << 16)) | 0;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`MLSEC_PROPERTY_SEED must be an integer or "random", not ${JSON.stringify(raw)}`);
  return n | 0;
}

const seed = propertySeed();
fc.configureGlobal({ seed });

export const mochaHooks = {
  beforeAll(): void {
    process.stdout.write(`property tests: seed ${seed} (replay with MLSEC_PROPERTY_SEED=${seed})\n`);
  },
};
