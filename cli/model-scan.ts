import { isEnabled, type LintConfig } from '../engine';
import { scanModelFile, type ModelFinding } from '../model-files';
import { openModelFile } from '../project/model-source';
import { RULES } from '../rules';
import type { FileResult, ReportedFinding } from './lint-file';

/** A model file to scan: found by discovery, configured as any file (select, ignore, per-file ignores, severity). */
export interface ModelTask {
  path: string;
  rel: string;
  config: LintConfig;
}

const ORIGIN = { line: 0, column: 0 };

/**
 * Scans model files on the main thread, one at a time: the scan reads a few ranges of each file
 * and parses no Python, so the worker pool has nothing to do with them. A file that cannot be
 * opened is one message, as for any file.
 */
export async function scanModelFiles(tasks: ModelTask[]): Promise<FileResult[]> {
  const out: FileResult[] = [];
  for (const t of tasks) {
    const base: FileResult = { path: t.path, rel: t.rel, kind: 'model', findings: [], warnings: [], fixed: 0 };
    let src: ReturnType<typeof openModelFile>;
    try {
      src = openModelFile(t.path);
    } catch (e) {
      out.push({ ...base, error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    try {
      const findings = await scanModelFile(t.path, src);
      out.push({ ...base, findings: findings.filter((f) => isEnabled(f.code, t.config)).map((f) => reported(f, t.config)) });
    } catch (e) {
      out.push({ ...base, error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    } finally {
      src.close();
    }
  }
  return out;
}

function reported(f: ModelFinding, config: LintConfig): ReportedFinding {
  const rule = RULES.find((r) => r.meta.code === f.code)!;
  return {
    code: f.code,
    rule: rule.meta.name,
    message: f.message,
    severity: config.severity?.[f.code] ?? f.severity,
    confidence: rule.meta.confidence,
    category: rule.meta.category,
    range: { start: ORIGIN, end: ORIGIN },
    fixes: [],
    lineText: '',
    artifact: { ...(f.member !== undefined ? { member: f.member } : {}), ...(f.offset !== undefined ? { offset: f.offset } : {}), ...(f.global ? { global: f.global } : {}) },
  };
}
