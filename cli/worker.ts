import { parentPort } from 'worker_threads';
import { createEngine, type Engine } from '../engine';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';
import { lintFile, type FileTask } from './lint-file';

/** A scan worker: builds one engine, then lints the files the main thread sends. */
let engine: Promise<Engine> | undefined;

parentPort?.on('message', async (msg: { id: number; task: FileTask }) => {
  engine ??= createEngine(loadAssets(), RULES);
  try {
    parentPort!.postMessage({ id: msg.id, result: lintFile(await engine, msg.task) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, crash: (e as Error).stack ?? String(e) });
  }
});
