import * as path from 'path';
import { styleText } from 'util';
import { maskedTail, redact } from '../../engine';
import type { FileResult, ReportedFinding } from '../lint-file';
import { counts, fixable, location, type ScanReport } from '../report';

type Style = Parameters<typeof styleText>[0];

/** Ruff-style text: `path:line:col: CODE severity: message`, the source line and a caret, then a summary. */
export function formatText(report: ScanReport, opts: { color: boolean; quiet: boolean; cwd: string }): string {
  const paint = (style: Style, s: string) => (opts.color ? styleText(style, s) : s);
  const sev = { error: paint('red', 'error'), warning: paint('yellow', 'warning'), info: paint('blue', 'info') };
  const out: string[] = [];
  const secrets = secretsByLine();
  for (const { file, finding: f } of report.findings) {
    const shown = path.relative(opts.cwd, file.path) || file.rel;
    const mark = fixable(f, report.unsafeFixes) ? ` ${paint('cyan', '[*]')}` : '';
    out.push(`${paint('bold', location(shown, f))}: ${paint(['bold', 'red'], f.code)}${mark} ${sev[f.severity]}: ${f.message}`);
    if (opts.quiet || f.cell?.output !== undefined || f.artifact) continue;
    out.push(...snippet(f, secrets(file).get(f.range.start.line) ?? [], paint));
  }
  if (opts.quiet) return out.join('\n') + (out.length ? '\n' : '');
  for (const file of report.files) {
    if (file.error) out.push(`${paint('yellow', 'warning')}: ${path.relative(opts.cwd, file.path)}: ${file.error}`);
    for (const w of file.warnings) out.push(`${paint('yellow', 'warning')}: ${path.relative(opts.cwd, file.path)}: ${w}`);
  }
  out.push(summary(report, paint));
  return out.join('\n') + '\n';
}

/** Columns of one line to mask; `keepTail` where the secret ends, so its last 4 characters show. */
interface Span {
  start: number;
  end: number;
  keepTail: boolean;
}

/**
 * Where each line of a file holds a secret, to mask it in every snippet that shows the line: the
 * file's sensitive findings (all of them, so one the baseline hides is masked too) and the secrets no
 * finding reports (`masks`: their rule disabled, or suppressed). A secret spanning lines is masked
 * on each.
 */
function secretsByLine(): (file: FileResult) => Map<number, Span[]> {
  const byFile = new Map<FileResult, Map<number, Span[]>>();
  return (file) => {
    let lines = byFile.get(file);
    if (!lines) {
      lines = new Map();
      const ranges = [...file.findings.filter((f) => f.sensitive && f.cell?.output === undefined).map((f) => f.range), ...(file.masks ?? [])];
      for (const { start, end } of ranges) {
        for (let line = start.line; line <= end.line; line++) {
          const last = line === end.line;
          const span = { start: line === start.line ? start.column : 0, end: last ? end.column : Infinity, keepTail: last };
          lines.set(line, [...(lines.get(line) ?? []), span]);
        }
      }
      byFile.set(file, lines);
    }
    return lines;
  };
}

function snippet(f: ReportedFinding, secrets: Span[], paint: (s: Style, t: string) => string): string[] {
  const lineNo = String((f.cell ? f.cell.line : f.range.start.line) + 1);
  const gutter = ' '.repeat(lineNo.length);
  // Secrets a rule found on this line, then any other token of a known format, masked in place.
  const text = redact(mask(f.lineText, secrets)).replace(/\t/g, ' ');
  const start = f.range.start.column;
  const end = f.range.end.line === f.range.start.line ? f.range.end.column : f.lineText.length;
  const width = Math.max(1, Math.min(end, text.length) - start);
  return [
    `${gutter} ${paint('blue', '|')}`,
    `${paint('blue', lineNo)} ${paint('blue', '|')} ${text}`,
    `${gutter} ${paint('blue', '|')} ${' '.repeat(start)}${paint('red', '^'.repeat(width))}`,
    '',
  ];
}

/** Masks the spans in place, keeping the same length (the caret below still points at the right column). */
function mask(line: string, spans: Span[]): string {
  let out = line;
  for (const s of spans) {
    const a = Math.min(s.start, out.length);
    const b = Math.min(s.end, out.length);
    const value = out.slice(a, b);
    // Where the secret ends its last characters stay, as many as messages show, to tell it from others.
    const tail = s.keepTail ? maskedTail(value.length) : 0;
    out = out.slice(0, a) + '*'.repeat(value.length - tail) + value.slice(value.length - tail) + out.slice(b);
  }
  return out;
}

function summary(report: ScanReport, paint: (s: Style, t: string) => string): string {
  const c = counts(report);
  const n = report.findings.length;
  const scanned = report.files.filter((f) => !f.error).length;
  const lines: string[] = [];
  if (report.fixed) lines.push(`Fixed ${report.fixed} problem${report.fixed === 1 ? '' : 's'}.`);
  if (n === 0) {
    lines.push(paint('green', `No problems found in ${scanned} file${scanned === 1 ? '' : 's'}.`));
  } else {
    const parts = [`${c.error} error${c.error === 1 ? '' : 's'}`, `${c.warning} warning${c.warning === 1 ? '' : 's'}`, `${c.info} info`];
    const files = new Set(report.findings.map((f) => f.file)).size;
    lines.push(`Found ${n} problem${n === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} of ${scanned} file${scanned === 1 ? '' : 's'}.`);
    const safe = report.findings.filter((f) => fixable(f.finding, false)).length;
    const unsafe = report.findings.filter((f) => fixable(f.finding, true)).length - safe;
    if (safe) lines.push(`${paint('cyan', '[*]')} ${safe} fixable with \`--fix\`.`);
    if (unsafe) lines.push(`${unsafe} more fixable with \`--fix --unsafe-fixes\` (these may change behaviour: \`--diff --unsafe-fixes\` shows them).`);
  }
  if (report.baseline) lines.push(`Baseline: ${report.baseline.hidden} known problem${report.baseline.hidden === 1 ? '' : 's'} hidden, ${report.baseline.fixed} fixed since it was written.`);
  return lines.join('\n');
}
