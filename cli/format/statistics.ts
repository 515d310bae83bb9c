import { compareText } from '../../engine';
import { fixable, type ScanReport } from '../report';

/** How many findings one rule made in a scan (`--statistics`). */
export interface RuleCount {
  code: string;
  rule: string;
  count: number;
  /** Of those, how many `--fix` would fix (with `--unsafe-fixes`, counting unsafe fixes too). */
  fixable: number;
  files: number;
}

/** Each rule that found something, the most findings first (then by code). */
export function ruleCounts(report: ScanReport): RuleCount[] {
  const by = new Map<string, RuleCount & { in: Set<unknown> }>();
  for (const { file, finding } of report.findings) {
    let c = by.get(finding.code);
    if (!c) by.set(finding.code, (c = { code: finding.code, rule: finding.rule, count: 0, fixable: 0, files: 0, in: new Set() }));
    c.count++;
    if (fixable(finding, report.unsafeFixes)) c.fixable++;
    c.in.add(file);
  }
  return [...by.values()].map(({ in: files, ...c }) => ({ ...c, files: files.size })).sort((a, b) => b.count - a.count || compareText(a.code, b.code));
}

/** The counts as a table, or as JSON (an array of `RuleCount`). */
export function formatStatistics(report: ScanReport, json: boolean): string {
  const rows = ruleCounts(report);
  if (json) return `${JSON.stringify(rows, null, 2)}\n`;
  if (rows.length === 0) return 'No problems found.\n';
  const table = [['COUNT', 'CODE', 'FIXABLE', 'FILES', 'RULE'], ...rows.map((r) => [String(r.count), r.code, r.fixable ? String(r.fixable) : '-', String(r.files), r.rule])];
  const width = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  // Numbers right-aligned, text left-aligned; the last column is not padded.
  const numeric = [true, false, true, true, false];
  return `${table.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : numeric[i] ? cell.padStart(width[i]) : cell.padEnd(width[i]))).join('  ')).join('\n')}\n`;
}
