import type { Finding, Fix, TextEdit } from './types';

/** Applies non-overlapping edits; overlapping ones after the first are skipped and returned. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const skipped: TextEdit[] = [];
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) {
      skipped.push(e);
      continue;
    }
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return { text: out + text.slice(at), skipped };
}

/**
 * Applies the first fix of each finding whose safety is allowed, whole fixes only: a fix that
 * overlaps one already taken is left for the next round.
 */
export function applyFixes(text: string, findings: readonly Finding[], unsafe: boolean): { text: string; applied: Finding[] } {
  const taken: TextEdit[] = [];
  const applied: Finding[] = [];
  for (const f of findings) {
    const fix: Fix | undefined = f.fixes.find((x) => x.edits.length > 0 && (x.safety === 'safe' || (unsafe && x.safety === 'unsafe')));
    if (!fix) continue;
    if (fix.edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end))) continue;
    if (fix.edits.some((e) => taken.some((t) => e.start === t.start && e.end === t.end && e.start === e.end))) continue;
    taken.push(...fix.edits);
    applied.push(f);
  }
  return { text: applyEdits(text, taken).text, applied };
}
