import type { Range } from '../../engine';
import { fixable, type ScanReport } from '../report';

/** Version of the JSON output schema (docs/json-output.md); bumped on any incompatible change. */
export const JSON_SCHEMA_VERSION = 1;

/** A fix's edits in a Python file, 1-based as the findings' positions are; none in notebooks. */
function edits(list: { range: Range; text: string }[] | undefined) {
  if (!list?.length) return {};
  return { edits: list.map((e) => ({ line: e.range.start.line + 1, column: e.range.start.column + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.column + 1, text: e.text })) };
}

export function formatJson(report: ScanReport): string {
  const doc = {
    version: JSON_SCHEMA_VERSION,
    tool: { name: 'mlsec', version: report.toolVersion },
    findings: report.findings.map(({ file, finding: f, fingerprint }) => ({
      code: f.code,
      rule: f.rule,
      message: f.message,
      severity: f.severity,
      confidence: f.confidence,
      category: f.category,
      path: file.rel,
      ...(f.artifact
        ? { ...(f.artifact.member !== undefined ? { member: f.artifact.member } : {}), ...(f.artifact.offset !== undefined ? { offset: f.artifact.offset } : {}), ...(f.artifact.global ? { global: f.artifact.global } : {}) }
        : f.cell
        ? {
            cell: f.cell.cell,
            ...(f.cell.output !== undefined ? { output: f.cell.output } : {}),
            line: f.cell.line + 1,
            column: f.cell.column + 1,
            endLine: f.cell.endLine + 1,
            endColumn: f.cell.endColumn + 1,
            fileLine: f.cell.rawLine + 1,
          }
        : {
            line: f.range.start.line + 1,
            column: f.range.start.column + 1,
            endLine: f.range.end.line + 1,
            endColumn: f.range.end.column + 1,
          }),
      // Places the finding rests on (the sink a parameter reaches, the evidence of personal data); Python files only.
      ...(f.related?.length && !f.cell && !f.artifact
        ? { related: f.related.map((r) => ({ line: r.range.start.line + 1, column: r.range.start.column + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.column + 1, message: r.message })) }
        : {}),
      fixes: f.fixes.map((x, i) => ({ title: x.title, safety: x.safety, ...edits(f.fixEdits?.[i]) })),
      fixable: fixable(f, report.unsafeFixes),
      fingerprint,
    })),
    errors: report.files.filter((f) => f.error).map((f) => ({ path: f.rel, message: f.error })),
    warnings: report.files.flatMap((f) => f.warnings.map((message) => ({ path: f.rel, message }))),
    summary: {
      files: report.files.filter((f) => !f.error).length,
      findings: report.findings.length,
      error: report.findings.filter((f) => f.finding.severity === 'error').length,
      warning: report.findings.filter((f) => f.finding.severity === 'warning').length,
      info: report.findings.filter((f) => f.finding.severity === 'info').length,
      fixed: report.fixed,
      ...(report.baseline ? { baseline: report.baseline } : {}),
    },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
