import * as fs from 'fs';
import { decode } from '../project/decode';
import { sha256, type ScanCache } from '../project/scan-cache';
import { withLineText, type FileResult, type FileTask } from './lint-file';

/**
 * The file's result from the scan cache, when its bytes are the ones last linted under the same key
 * (or, for a file that had no findings, its size and modification time are the ones it had then);
 * undefined (lint it) otherwise, and for anything unusual: unreadable, oversized or undecodable files
 * go to the linter, which reports them.
 */
export function readCached(cache: ScanCache, task: FileTask, key: string): FileResult | undefined {
  if (!cache.has(task.rel, key)) return undefined;
  let bytes: Buffer;
  let st: fs.Stats;
  const readAt = Date.now();
  try {
    st = fs.statSync(task.path);
    if (st.size > task.maxFileSize) return undefined;
    // A file that had no findings, with the size and time it had: nothing to read.
    const clean = cache.byStat(task.rel, key, st);
    if (clean) return { path: task.path, rel: task.rel, kind: clean.kind, findings: [], warnings: clean.warnings, fixed: 0 };
    bytes = fs.readFileSync(task.path);
  } catch {
    return undefined;
  }
  const lint = cache.get(task.rel, sha256(bytes), key, st, readAt);
  if (!lint) return undefined;
  const decoded = decode(bytes, lint.kind);
  if (!decoded.ok) return undefined;
  const masks = lint.masks ? { masks: lint.masks } : {};
  return { path: task.path, rel: task.rel, kind: lint.kind, findings: withLineText(lint.kind, decoded.text, lint.findings), ...masks, warnings: lint.warnings, fixed: 0 };
}
