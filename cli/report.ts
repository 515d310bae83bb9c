import type { Severity } from '../engine';
import type { FileResult, ReportedFinding } from './lint-file';

/** What a scan produced, as every output format receives it. */
export interface ScanReport {
  root: string;
  files: FileResult[];
  /** Findings after the baseline filter, with their fingerprints. */
  findings: { file: FileResult; finding: ReportedFinding; fingerprint: string }[];
  baseline?: { hidden: number; fixed: number };
  fixed: number;
  toolVersion: string;
  unsafeFixes: boolean;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function counts(report: ScanReport): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const { finding } of report.findings) out[finding.severity]++;
  return out;
}

/** `path:line:col` with 1-based numbers; notebooks as `path:cell 3:2:5` (cells counted from 1). */
export function location(path: string, f: ReportedFinding): string {
  if (f.artifact) return `${path}${f.artifact.member !== undefined ? `:${f.artifact.member}` : ''}${f.artifact.offset !== undefined ? `:byte ${f.artifact.offset}` : ''}`;
  if (f.cell?.output !== undefined) return `${path}:cell ${f.cell.cell + 1}:output ${f.cell.output + 1}`;
  if (f.cell) return `${path}:cell ${f.cell.cell + 1}:${f.cell.line + 1}:${f.cell.column + 1}`;
  return `${path}:${f.range.start.line + 1}:${f.range.start.column + 1}`;
}

export function fixable(f: ReportedFinding, unsafe: boolean): boolean {
  return f.fixes.some((x) => x.edits.length > 0 && (x.safety === 'safe' || (unsafe && x.safety === 'unsafe')));
}
