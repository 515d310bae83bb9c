import type { Severity } from '../../engine';
import type { ScanReport } from '../report';

const SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'major', info: 'info' };

/** GitLab Code Quality report: a JSON array of issues with stable fingerprints. */
export function formatGitlab(report: ScanReport): string {
  const issues = report.findings.map(({ file, finding: f, fingerprint }) => ({
    type: 'issue',
    check_name: f.code,
    description: `${f.code} ${f.message}`,
    categories: ['Security'],
    severity: SEVERITY[f.severity],
    fingerprint,
    location: { path: file.rel, lines: { begin: f.cell ? f.cell.rawLine + 1 : f.range.start.line + 1, end: f.cell ? f.cell.rawLine + 1 : f.range.end.line + 1 } },
  }));
  return JSON.stringify(issues, null, 2) + '\n';
}
