import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { Worker } from 'worker_threads';
import { createEngine } from '../engine';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';
import { lintFile, type FileResult, type FileTask } from './lint-file';

/** Files per worker below which starting workers costs more than it saves. */
const FILES_PER_WORKER = 16;
/** Whether V8 was already told to compile WebAssembly with Liftoff only (see `runTasks`). */
let liftoffOnly = false;

/**
 * Lints the tasks on worker threads sized to the cores (or in this thread for a few files) and
 * returns results in task order. `onDone` is called as each file finishes, for progress.
 */
export async function runTasks(tasks: FileTask[], onDone: (done: number) => void, jobs?: number): Promise<FileResult[]> {
  const workers = Math.min(jobs ?? os.availableParallelism(), Math.ceil(tasks.length / FILES_PER_WORKER));
  if (workers <= 1) {
    // A few files lint in well under a second. V8 compiles the grammar's hottest WebAssembly again
    // with TurboFan in the background, and the process then waits for that (about 150 ms on a
    // one-file scan here) for code it will not use. Set before the first WebAssembly compile.
    if (!liftoffOnly) v8.setFlagsFromString('--liftoff-only');
    liftoffOnly = true;
    const engine = await createEngine(loadAssets(), RULES);
    return tasks.map((t, i) => {
      const r = safeLint(() => lintFile(engine, t), t);
      onDone(i + 1);
      return r;
    });
  }
  const results: FileResult[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const script = path.join(__dirname, 'worker.js');
  await Promise.all(
    Array.from({ length: workers }, () => {
      const worker = new Worker(script);
      return new Promise<void>((resolve, reject) => {
        const send = () => {
          if (next >= tasks.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          const id = next++;
          worker.postMessage({ id, task: tasks[id] });
        };
        worker.on('message', (msg: { id: number; result?: FileResult; crash?: string }) => {
          results[msg.id] = msg.result ?? crashed(tasks[msg.id], msg.crash ?? 'unknown error');
          onDone(++done);
          send();
        });
        worker.on('error', reject);
        send();
      });
    }),
  );
  return results;
}

function safeLint(run: () => FileResult, task: FileTask): FileResult {
  try {
    return run();
  } catch (e) {
    return crashed(task, (e as Error).stack ?? String(e));
  }
}

function crashed(task: FileTask, error: string): FileResult {
  return {
    path: task.path,
    rel: task.rel,
    kind: task.path.endsWith('.ipynb') ? 'notebook' : 'python',
    findings: [],
    error: `internal error, file not linted: ${error.split('\n')[0]}`,
    warnings: [],
    fixed: 0,
  };
}
