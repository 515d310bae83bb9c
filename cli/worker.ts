import { parentPort } from 'worker_threads';
import { createEngine } from '../engine';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';
import { lintFile, readTask, type FileRead, type FileTask } from './lint-file';

/**
 * A scan worker: builds one engine, says it is ready, then lints the batches the main thread sends,
 * one reply per batch. Each batch's files are read (asynchronously) as soon as it arrives, so the
 * batch after the current one is read while this one is linted.
 */
type Batch = { id: number; task: FileTask }[];
const queue: { batch: Batch; reads: Promise<(FileRead | undefined)[]> }[] = [];
let busy = false;

const engine = createEngine(loadAssets(), RULES);
void engine.then(() => parentPort!.postMessage({ ready: true }));

parentPort?.on('message', (msg: { batch: Batch }) => {
  queue.push({ batch: msg.batch, reads: Promise.all(msg.batch.map((b) => readTask(b.task))) });
  if (!busy) void drain();
});

async function drain(): Promise<void> {
  busy = true;
  const lint = await engine;
  while (queue.length) {
    const { batch, reads } = queue.shift()!;
    const read = await reads;
    const results = batch.map(({ id, task }, i) => {
      try {
        return { id, result: lintFile(lint, task, read[i]) };
      } catch (e) {
        return { id, crash: (e as Error).stack ?? String(e) };
      }
    });
    parentPort!.postMessage({ results });
  }
  busy = false;
}
