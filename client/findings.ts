/** A finding as the views see it: where it is and what rule raised it (from the editor's diagnostics). */
export interface FindingRef {
  code: string;
  message: string;
  uri: string;
  line: number;
  character: number;
}

/** Counts findings by code. */
export function countByCode(findings: readonly FindingRef[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return counts;
}
