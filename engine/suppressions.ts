import type { Finding, TextEdit } from './types';

/**
 * `# mlsec: ignore[MLS101, MLS102] -- reason` silences those codes on its own line, or, on a line of
 * its own, on the next logical statement. `# mlsec: file-ignore[MLS101]` silences a code in the
 * whole file. A directive without codes is malformed: blanket ignores hide the next real problem.
 */

export interface SuppressionCode {
  code: string;
  /** Offsets of the code inside the linted text. */
  start: number;
  end: number;
  used: boolean;
}

export interface Suppression {
  file: boolean;
  codes: SuppressionCode[];
  /** Offsets of the whole comment. */
  start: number;
  end: number;
  line: number;
  /** Lines (zero-based, inclusive ranges) the directive covers. */
  covers: [number, number][];
  /** True when the comment follows code on its line. */
  trailing: boolean;
}

export interface Malformed {
  start: number;
  end: number;
  message: string;
}

const DIRECTIVE = /^#\s*mlsec\s*:\s*(.*)$/i;
const FORM = /^(ignore|file-ignore)\s*(?:\[([^\]]*)\])?\s*(?:--\s*(.*))?$/;

/** Reads one comment; undefined when it is not an MLSec directive. */
export function parseDirective(
  text: string,
  start: number,
): { kind: 'ignore' | 'file-ignore'; codes: SuppressionCode[] } | Malformed | undefined {
  const m = DIRECTIVE.exec(text);
  if (!m) return undefined;
  const body = m[1].trim();
  const form = FORM.exec(body);
  const end = start + text.length;
  if (!form) return { start, end, message: 'Malformed MLSec directive: write `# mlsec: ignore[MLS101] -- reason` or `# mlsec: file-ignore[MLS101]`' };
  if (form[2] === undefined || form[2].trim() === '') {
    return { start, end, message: `Blanket \`mlsec: ${form[1]}\` without codes: name the codes it silences, e.g. \`# mlsec: ${form[1]}[MLS101]\`` };
  }
  const codes: SuppressionCode[] = [];
  const listStart = start + text.indexOf('[') + 1;
  const re = /[^,\s]+/g;
  let c: RegExpExecArray | null;
  while ((c = re.exec(form[2]))) {
    codes.push({ code: c[0].toUpperCase(), start: listStart + c.index, end: listStart + c.index + c[0].length, used: false });
  }
  return { kind: form[1] as 'ignore' | 'file-ignore', codes };
}

/** Whether a suppression silences a finding; marks the code used. */
export function silences(s: Suppression, f: Finding): boolean {
  const code = s.codes.find((c) => c.code === f.code);
  if (!code) return false;
  if (!s.file && !s.covers.some(([a, b]) => a <= f.range.start.line && f.range.start.line <= b)) return false;
  code.used = true;
  return true;
}

/** The edit that removes one unused code, or the whole comment when it was the only one. */
export function removeCode(s: Suppression, code: SuppressionCode, text: string): TextEdit {
  const live = s.codes.filter((c) => c !== code);
  if (live.length === 0) {
    let start = s.start;
    let end = s.end;
    if (s.trailing) {
      while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    } else {
      // A comment on its own line: remove the line.
      while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      if (text[end] === '\r') end++;
      if (text[end] === '\n') end++;
    }
    return { start, end, text: '' };
  }
  const listStart = s.codes[0].start;
  const listEnd = s.codes[s.codes.length - 1].end;
  return { start: listStart, end: listEnd, text: live.map((c) => c.code).join(', ') };
}
