import type { ScanReport } from '../report';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request. */
export function formatGithub(report: ScanReport): string {
  const lines = report.findings.map(({ file, finding: f }) => {
    const where = f.cell
      ? { line: f.cell.rawLine + 1 }
      : { line: f.range.start.line + 1, col: f.range.start.column + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.column + 1 };
    const title = f.cell ? `${f.code} (cell ${f.cell.cell + 1}${f.cell.output !== undefined ? `, output ${f.cell.output + 1}` : `, line ${f.cell.line + 1}`})` : f.code;
    const props = Object.entries({ file: file.rel, ...where, title })
      .map(([k, v]) => `${k}=${property(String(v))}`)
      .join(',');
    return `::${COMMAND[f.severity]} ${props}::${data(f.message)}`;
  });
  for (const file of report.files) if (file.error) lines.push(`::warning file=${property(file.rel)},title=mlsec::${data(file.error)}`);
  return lines.join('\n') + (lines.length ? '\n' : '');
}

/** Escapes of the workflow command format: data escapes %, CR and LF; properties also : and ,. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
