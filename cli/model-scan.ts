import type { LintConfig } from '../engine';
import { scanModelFileOnDisk } from '../project/model-source';
import type { FileResult } from './lint-file';

/** A model file to scan: found by discovery, configured as any file (select, ignore, per-file ignores, severity). */
export interface ModelTask {
  path: string;
  rel: string;
  config: LintConfig;
}

/**
 * Scans model files on the main thread, one at a time: the scan reads a few ranges of each file
 * and parses no Python, so the worker pool has nothing to do with them. A file that cannot be
 * opened is one message, as for any file.
 */
export async function scanModelFiles(tasks: ModelTask[]): Promise<FileResult[]> {
  const out: FileResult[] = [];
  for (const t of tasks) {
    const base: FileResult = { path: t.path, rel: t.rel, kind: 'model', findings: [], warnings: [], fixed: 0 };
    const r = await scanModelFileOnDisk(t.path, t.config);
    out.push(r.error !== undefined ? { ...base, error: r.error } : { ...base, findings: r.findings.map((f) => ({ ...f, lineText: '' })) });
  }
  return out;
}
