import { createHash } from 'crypto';
import * as fs from 'fs';
import type { FileResult, ReportedFinding } from './lint-file';
import { compareText } from '../engine';

/**
 * Fingerprints survive unrelated edits: they hash the rule, the path, the finding's line with
 * whitespace folded and its occurrence among identical lines, never a line number. Only the hash is
 * stored, so a baseline never holds a secret.
 */
export function fingerprints(file: FileResult): string[] {
  const seen = new Map<string, number>();
  return file.findings.map((f) => {
    const key = `${f.code}\0${file.rel}\0${normalized(f)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32);
  });
}

function normalized(f: ReportedFinding): string {
  // A model file has no lines: its findings are told apart by member and global, not by offset.
  if (f.artifact) return `${f.artifact.member ?? ''}\0${f.artifact.global ?? ''}`;
  return f.lineText.trim().replace(/\s+/g, ' ');
}

export interface BaselineFile {
  version: 1;
  tool: 'mlsec';
  findings: { fingerprint: string; code: string; path: string }[];
}

export function readBaseline(file: string): Map<string, number> {
  let doc: BaselineFile;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read baseline ${file}: ${(e as Error).message}`);
  }
  if (doc?.version !== 1 || !Array.isArray(doc.findings)) throw new Error(`${file} is not an MLSec baseline (version 1)`);
  const counts = new Map<string, number>();
  for (const f of doc.findings) counts.set(f.fingerprint, (counts.get(f.fingerprint) ?? 0) + 1);
  return counts;
}

export function baselineText(entries: { fingerprint: string; code: string; path: string }[]): string {
  const doc: BaselineFile = { version: 1, tool: 'mlsec', findings: [...entries].sort((a, b) => compareText(a.path, b.path) || compareText(a.code, b.code) || compareText(a.fingerprint, b.fingerprint)) };
  return JSON.stringify(doc, null, 2) + '\n';
}
