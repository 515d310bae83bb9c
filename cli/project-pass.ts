import type { FileResult, FileTask } from './lint-file';
import { ProjectIndex } from '../project/project-index';

/**
 * The whole-project pass: a file that trains on data another file of the project prepares (a
 * `data/` module naming personal columns), or runs what a function of another file returns from a
 * model, can only be judged with that file's exports. After the scan, the exports of every file
 * (linted or from the cache) go into the project model; the files that import a module with exports
 * (personal data, model text, sink summaries) are linted again with them as project facts, and
 * their results replace the first ones. Their new exports (a function returning what another
 * module's function returns from a model) go back into the model, and the files that import those
 * are linted again, up to three rounds: a chain of wrappers three modules long is followed.
 */
export async function projectPass(tasks: FileTask[], results: FileResult[], lint: (tasks: FileTask[]) => Promise<FileResult[]>): Promise<void> {
  const index = new ProjectIndex();
  results.forEach((r) => index.update(r.rel, r.exports));
  let changed = true;
  for (let round = 0; round < ROUNDS && changed; round++) {
    const facts = index.facts();
    if (!facts) return;
    const again = new Set(index.dependents());
    const picked = tasks.map((t, i) => [t, i] as const).filter(([t]) => again.has(t.rel) && t.fix === 'none' && !t.diff);
    if (!picked.length) return;
    const linted = await lint(picked.map(([t]) => ({ ...t, project: { ...t.project, ...facts } })));
    changed = false;
    picked.forEach(([t, i], k) => {
      results[i] = linted[k];
      if (index.update(t.rel, linted[k].exports)) changed = true;
    });
  }
}

const ROUNDS = 3;
