import { decode, kindOf } from '../project/decode';
import { readThrough, type ScanCache } from '../project/scan-cache';
import { readLimit } from '../project/size-limit';
import { withLineText, type FileResult, type FileTask } from './lint-file';

/**
 * The file's result from the scan cache, when its bytes are the ones last linted under the same key
 * (or, for a file that had no findings, its size and modification time are the ones it had then);
 * undefined (lint it) otherwise, and for anything unusual: unreadable, oversized or undecodable files
 * go to the linter, which reports them.
 */
export function readCached(cache: ScanCache, task: FileTask, key: string): FileResult | undefined {
  if (!cache.has(task.rel, key)) return undefined;
  // Files over the limit go to the linter, which says why it skips one. A notebook over it by its
  // outputs was linted under this key (which holds the limit): its code was under the limit then.
  const read = readThrough(cache, task.rel, key, task.path, readLimit(kindOf(task.path), task.maxFileSize));
  if (read.found !== 'cached') return undefined;
  const { lint, bytes } = read;
  const base = { path: task.path, rel: task.rel, kind: lint.kind, warnings: lint.warnings, fixed: 0, ...(lint.exports ? { exports: lint.exports } : {}) };
  if (!bytes) return { ...base, findings: [] };
  const decoded = decode(bytes, lint.kind);
  if (!decoded.ok) return undefined;
  return { ...base, findings: withLineText(lint.kind, decoded.text, lint.findings), ...(lint.masks ? { masks: lint.masks } : {}) };
}
