import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { Worker } from 'worker_threads';
import { createEngine } from '../engine';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';
import { kindOf } from '../project/decode';
import { lintFile, type FileResult, type FileTask } from './lint-file';

/** Files per worker below which starting workers costs more than it saves. */
const FILES_PER_WORKER = 16;
/**
 * Unless `--jobs` says otherwise, smaller scans lint on this thread: each worker loads the bundle,
 * compiles the grammar and warms up its JIT on its own. With that start-up cost S and a per-file
 * cost c, w workers win from S / (c (1 - 1/w)) files on; on 2 cores here one thread was faster up
 * to about 300 to 400 files (36 files: 0.45 s against 0.8 s on two workers). So 256 files on 2
 * cores and, by the same formula (not measured on a larger machine), about 150 on 8.
 */
function minFilesForWorkers(cores: number): number {
  return cores < 2 ? Infinity : Math.ceil(128 / (1 - 1 / cores));
}
/** In-process scans of at most this many files compile WebAssembly with Liftoff only (see `runTasks`). */
const LIFTOFF_ONLY_FILES = 64;
/** Whether this process compiled WebAssembly already: V8's compiler flags must be set before. */
let wasmCompiled = false;

/**
 * Lints the tasks on worker threads sized to the cores (or in this thread, for smaller scans) and
 * returns results in task order. `onDone` is called as each file finishes, for progress.
 */
export async function runTasks(tasks: FileTask[], onDone: (done: number) => void, jobs?: number): Promise<FileResult[]> {
  const cores = os.availableParallelism();
  const wanted = jobs ?? (tasks.length < minFilesForWorkers(cores) ? 1 : cores);
  const workers = Math.min(wanted, Math.ceil(tasks.length / FILES_PER_WORKER));
  if (workers <= 1) {
    // A few files lint in well under a second, while V8 compiles the grammar's hottest WebAssembly
    // again with TurboFan in the background; the process then waits for code it will not use (about
    // 150 ms on a one-file scan here). From about a hundred files on, TurboFan's code pays off.
    if (!wasmCompiled && tasks.length <= LIFTOFF_ONLY_FILES) v8.setFlagsFromString('--liftoff-only');
    wasmCompiled = true;
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
    kind: kindOf(task.path),
    findings: [],
    error: `internal error, file not linted: ${error.split('\n')[0]}`,
    warnings: [],
    fixed: 0,
  };
}
