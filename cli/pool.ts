import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { Worker } from 'worker_threads';
import { createEngine, type Engine } from '../engine';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';
import { kindOf } from '../project/decode';
import { lintFile, type FileResult, type FileTask } from './lint-file';

/** Scans of at most this many files lint on this thread with Liftoff only (see `runTasks`). */
const LIFTOFF_ONLY_FILES = 64;
/**
 * Below this many files the default is this thread alone. On the benchmark's tree of all-different
 * files (2 cores, one run, tools in turns) the default with a worker against `-j 1` was 1.13x at 200
 * files, 1.00x at 880, 1.04x at 3,520 and 0.68x at 14,080: a second thread here pays only for scans
 * of thousands of files. On more cores (not measured) workers are assumed to pay sooner.
 */
function minFilesForWorkers(cores: number): number {
  return cores <= 2 ? 4096 : 1024;
}
/**
 * A batch, in bytes of source, handed to a worker at a time: each batch is one message each way,
 * and a worker holds two (the second is read from disk while the first is linted). This thread
 * takes smaller ones, since between two of its batches it answers the workers.
 */
const WORKER_BATCH_BYTES = 64 * 1024;
const MAIN_BATCH_BYTES = 16 * 1024;
/** Whether this process compiled WebAssembly already: V8's compiler flags must be set before. */
let wasmCompiled = false;

/**
 * Lints the tasks and returns results in task order. `onDone` is called as files finish, for progress.
 *
 * This thread lints from the start, as a one-thread scan does; worker threads (one per core beyond
 * this one for scans of thousands of files, or as `jobs` says) join as each is ready, which takes it 0.2 to 0.3 s here (loading its
 * bundle, compiling the grammar). Work is handed out in batches by bytes from one queue, so a
 * worker that starts late, or a core another program keeps busy, only means fewer batches for it;
 * the scan is never held up waiting for a worker, as it was when every file went to a worker and
 * this thread stood idle.
 */
export async function runTasks(tasks: FileTask[], onDone: (done: number) => void, jobs?: number): Promise<FileResult[]> {
  // A scan the cache answered in full compiles no grammar.
  if (tasks.length === 0) return [];
  const cores = os.availableParallelism();
  const threads = Math.max(1, jobs ?? (tasks.length < minFilesForWorkers(cores) ? 1 : cores));
  if (!wasmCompiled && threads === 1 && tasks.length <= LIFTOFF_ONLY_FILES) {
    // A few files lint in well under a second, while V8 compiles the grammar's hottest WebAssembly
    // again with TurboFan in the background; the process then waits for code it will not use (about
    // 150 ms on a one-file scan here). From about a hundred files on, TurboFan's code pays off.
    v8.setFlagsFromString('--liftoff-only');
  }
  wasmCompiled = true;
  const results: FileResult[] = new Array(tasks.length);
  const queue = new BatchQueue(tasks);
  let done = 0;
  const finish = (id: number, result: FileResult) => {
    results[id] = result;
    onDone(++done);
  };
  // Workers first, so they start while this thread compiles its own engine.
  const workers = Array.from({ length: Math.min(threads - 1, Math.ceil(tasks.length / 8)) }, () => runWorker(queue, tasks, finish));
  // For tests only: every file to the workers, so that a small scan exercises them.
  if (!(workers.length && process.env.MLSEC_TEST_WORKERS_ONLY === '1')) {
    await lintHere(await createEngine(loadAssets(), RULES), queue, tasks, finish, workers.length > 0);
    // A worker still starting up when the work is all handed out is stopped: none is waited for.
    for (const w of workers) w.release();
  }
  await Promise.all(workers.map((w) => w.done));
  return results;
}

/** This thread's share: batches taken one ahead, so the next batch is read while this one is linted. */
async function lintHere(engine: Engine, queue: BatchQueue, tasks: FileTask[], finish: (id: number, r: FileResult) => void, workers: boolean): Promise<void> {
  if (!workers) {
    // Alone, this thread takes the files in order: no batches, so no file is stat'ed for its size first.
    for (let id = queue.takeAll(); id < tasks.length; id++) finish(id, safeLint(() => lintFile(engine, tasks[id]), tasks[id]));
    return;
  }
  for (let batch = queue.take(MAIN_BATCH_BYTES); batch.length; batch = queue.take(MAIN_BATCH_BYTES)) {
    for (const id of batch) finish(id, safeLint(() => lintFile(engine, tasks[id]), tasks[id]));
    // Between two batches the workers' messages are answered; with no worker, nothing waits.
    if (workers && !queue.empty) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The tasks not handed out yet, taken in order in batches of about so many bytes. */
class BatchQueue {
  private next = 0;
  private seenBytes = 0;
  private seen = 0;
  constructor(private readonly tasks: FileTask[]) {}

  get empty(): boolean {
    return this.next >= this.tasks.length;
  }

  /** Hands out every task not handed out yet: the index of the first. */
  takeAll(): number {
    const first = this.next;
    this.next = this.tasks.length;
    return first;
  }

  /**
   * The next tasks, up to `bytes` of files (at least one task). Towards the end batches shrink, to
   * about a sixth of what is left, so that the threads finish together.
   */
  take(bytes: number): number[] {
    const left = this.tasks.length - this.next;
    const mean = this.seen ? this.seenBytes / this.seen : 4096;
    const budget = Math.max(4096, Math.min(bytes, (left * mean) / 6));
    const out: number[] = [];
    let sum = 0;
    while (this.next < this.tasks.length && (out.length === 0 || sum < budget)) {
      const size = sizeOf(this.tasks[this.next]);
      sum += size;
      this.seenBytes += size;
      this.seen++;
      out.push(this.next++);
    }
    return out;
  }
}

/** A task's size on disk (its bytes for standard input); 0 when it cannot be read, which the lint reports. */
function sizeOf(task: FileTask): number {
  if (task.stdin) return task.stdin.length;
  try {
    return fs.statSync(task.path).size;
  } catch {
    return 0;
  }
}

interface WorkerMessage {
  ready?: boolean;
  results?: { id: number; result?: FileResult; crash?: string }[];
}

/** One worker: given two batches once it is ready, and another each time it returns one. */
function runWorker(queue: BatchQueue, tasks: FileTask[], finish: (id: number, r: FileResult) => void): { done: Promise<void>; release: () => void } {
  const worker = new Worker(path.join(__dirname, 'worker.js'));
  let inFlight = 0;
  let ready = false;
  let release = () => {};
  const done = new Promise<void>((resolve, reject) => {
    const send = () => {
      const batch = queue.take(WORKER_BATCH_BYTES);
      if (!batch.length) return false;
      inFlight++;
      worker.postMessage({ batch: batch.map((id) => ({ id, task: tasks[id] })) });
      return true;
    };
    const stop = () => {
      if (inFlight === 0) void worker.terminate().then(() => resolve());
    };
    release = () => {
      if (!ready) stop();
    };
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.ready) {
        ready = true;
        send();
        send();
      }
      for (const r of msg.results ?? []) finish(r.id, r.result ?? crashed(tasks[r.id], r.crash ?? 'unknown error'));
      if (msg.results) {
        inFlight--;
        send();
      }
      stop();
    });
    worker.on('error', reject);
  });
  return { done, release: () => release() };
}

function safeLint(run: () => FileResult, task: FileTask): FileResult {
  try {
    return run();
  } catch (e) {
    return crashed(task, (e as Error).stack ?? String(e));
  }
}

export function crashed(task: FileTask, error: string): FileResult {
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
