/** Reads `# ruleid:` / `# ok:` / `# todoruleid:` / `# todook:` annotations from a fixture's lines. */

export type Expectation = 'ruleid' | 'ok' | 'todoruleid' | 'todook';

export interface Annotation {
  kind: Expectation;
  code: string;
  /** Zero-based line the annotation applies to: the next line that is not itself an annotation. */
  line: number;
  /** Zero-based line of the annotation comment. */
  at: number;
}

const ANNOTATION = /^\s*#\s*(ruleid|ok|todoruleid|todook)\s*:\s*([A-Z0-9, ]+)\s*$/;

export function annotations(lines: string[]): Annotation[] {
  const out: Annotation[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = ANNOTATION.exec(lines[i]);
    if (!m) continue;
    let target = i + 1;
    while (target < lines.length && ANNOTATION.test(lines[target])) target++;
    for (const code of m[2].split(',').map((c) => c.trim()).filter(Boolean)) {
      out.push({ kind: m[1] as Expectation, code, line: target, at: i });
    }
  }
  return out;
}
