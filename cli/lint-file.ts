import * as fs from 'fs';
import * as path from 'path';
import { applyFixes, fixNotebook, INTERNAL_ERROR, LineIndex, parseNotebook, type Engine, type FileExports, type Finding, type LintConfig, type LintResult, type ProjectFacts, type Range } from '../engine';
import { decode, kindOf } from '../project/decode';
import { notebookCells } from '../project/notebook-json';
import { codeTooLarge, tooLargeToRead } from '../project/size-limit';
import { sha256, type CachedLint, type FileStat } from '../project/scan-cache';
import { fixDiff } from './fix-diff';

/** One file to scan, as the main thread hands it to a worker. */
export interface FileTask {
  path: string;
  rel: string;
  config: LintConfig;
  project: ProjectFacts;
  fix: 'none' | 'safe' | 'unsafe';
  /** With `fix`: nothing is written; the result has what the fixes would change, as a diff. */
  diff?: boolean;
  /** The file's bytes as given on standard input (`--stdin-filename`): the file on disk is neither read nor written. */
  stdin?: Uint8Array;
  maxFileSize: number;
}

export interface ReportedFinding extends Finding {
  /** The source line the finding starts on (the cell's line for notebooks), for display. */
  lineText: string;
  /**
   * In a Python file, each fix's edits (by the fix's index in `fixes`) as ranges of the file, for
   * outputs that hand fixes on (JSON, SARIF); absent when no fix has edits, and in notebooks.
   */
  fixEdits?: { range: Range; text: string }[][];
  /** A finding on a model file (no source line): the archive member, the byte offset and the pickle global. */
  artifact?: { member?: string; offset?: number; global?: string };
}

export interface FileResult {
  path: string;
  rel: string;
  kind: 'python' | 'notebook' | 'model';
  findings: ReportedFinding[];
  /** Why the file was not linted; findings are empty then. */
  error?: string;
  warnings: string[];
  /** Findings fixed and written back (or, with `diff`, that would be). */
  fixed: number;
  /** What the fixes would change (`FileTask.diff`), as a unified diff with secrets masked; absent when nothing. */
  diff?: string;
  /** For standard input with `fix`: the bytes to give back, fixed (as they came when nothing could be fixed). */
  fixedBytes?: Buffer;
  /** Where a secret lies that no finding reports (its rule disabled, or suppressed): masked in snippets too. */
  masks?: Range[];
  /** What the file exports to its project (`LintResult.exports`), for the whole-project pass. */
  exports?: FileExports;
  /** sha256 of the bytes linted, when the file was read: the scan cache's key. */
  hash?: string;
  /** The file's size and modification time before it was read, and when that was (for the scan cache). */
  stat?: FileStat;
  readAt?: number;
}

const MAX_FIX_ROUNDS = 10;

/** A file read from disk for its task (or why it could not be), ahead of its lint: `readTask`. */
export type FileRead = { bytes: Buffer; stat: FileStat; readAt: number } | { skip: string } | { error: string };

/**
 * Reads a task's file without blocking the thread, as `lintFile` would read it (size first, then the
 * bytes), so that the next files are read while this thread lints: undefined for standard input.
 */
export async function readTask(task: FileTask): Promise<FileRead | undefined> {
  if (task.stdin) return undefined;
  try {
    const readAt = Date.now();
    const st = await fs.promises.stat(task.path);
    const over = tooLargeToRead(kindOf(task.path), st.size, task.maxFileSize);
    if (over) return { skip: over };
    return { bytes: await fs.promises.readFile(task.path), stat: { size: st.size, mtimeMs: st.mtimeMs }, readAt };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
}

/** Lints a task's file, read here or, when given, by `readTask` before. */
export function lintFile(engine: Engine, task: FileTask, read?: FileRead): FileResult {
  const kind = kindOf(task.path);
  const base = { path: task.path, rel: task.rel, kind, findings: [], warnings: [], fixed: 0 } as FileResult;
  if (task.stdin) {
    const given = Buffer.from(task.stdin);
    const over = tooLargeToRead(kind, given.length, task.maxFileSize);
    const result = over ? { ...base, error: `skipped: ${over}` } : lintBytes(engine, task, kind, given);
    // Whatever happens, standard input is given back: an editor replaces its buffer with the output.
    return task.fix === 'none' || task.diff ? result : { ...result, fixedBytes: result.fixedBytes ?? given };
  }
  if (read && 'skip' in read) return { ...base, error: `skipped: ${read.skip}` };
  if (read && 'error' in read) return { ...base, error: `cannot read: ${read.error}` };
  if (read) return lintBytes(engine, task, kind, read.bytes, { stat: read.stat, readAt: read.readAt });
  let bytes: Buffer;
  let stat: FileStat;
  let readAt: number;
  try {
    readAt = Date.now();
    const st = fs.statSync(task.path);
    stat = { size: st.size, mtimeMs: st.mtimeMs };
    const over = tooLargeToRead(kind, st.size, task.maxFileSize);
    if (over) return { ...base, error: `skipped: ${over}` };
    bytes = fs.readFileSync(task.path);
  } catch (e) {
    return { ...base, error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  return lintBytes(engine, task, kind, bytes, { stat, readAt });
}

/**
 * Lints a file's bytes, with fixes in rounds as the task asks, written back to the file unless they
 * came on standard input. `read`: when and how the file was read from disk, for the scan cache.
 */
function lintBytes(engine: Engine, task: FileTask, kind: 'python' | 'notebook', bytes: Buffer, read?: { stat: FileStat; readAt: number }): FileResult {
  const base = { path: task.path, rel: task.rel, kind, findings: [], warnings: [], fixed: 0 } as FileResult;
  const hash = sha256(bytes);
  const decoded = decode(bytes, kind);
  if (!decoded.ok) return { ...base, error: `skipped: ${decoded.reason}` };
  const overCode = codeTooLarge(kind, decoded.text, bytes.length, task.maxFileSize);
  if (overCode) return { ...base, error: `skipped: ${overCode}` };
  const original = decoded.text;
  const input = { kind, config: task.config, project: task.project } as const;

  let text = original;
  let result = engine.lint({ ...input, text });
  const first = result;
  let fixed = 0;
  let fixedBytes: Buffer | undefined;
  if (task.fix !== 'none' && !result.error && !decoded.writable) {
    decoded.warnings.push('not fixed: the file is not valid UTF-8, and rewriting it could lose bytes');
  } else if (task.fix !== 'none' && !result.error) {
    for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
      let next: string;
      let count: number;
      if (kind === 'notebook') {
        ({ text: next, applied: count } = fixNotebook(text, parseNotebook(text), result.findings, task.fix === 'unsafe'));
      } else {
        const { text: fixedText, applied } = applyFixes(result.text, result.findings, task.fix === 'unsafe');
        next = fixedText;
        count = applied.length;
      }
      if (count === 0 || next === text) break;
      fixed += count;
      text = next;
      result = engine.lint({ ...input, text });
    }
    if (text !== original && task.diff) {
      return { ...base, fixed, diff: fixDiff(task.rel, kind, original, text, sensitiveText(first)), warnings: decoded.warnings };
    }
    if (text !== original && task.stdin) fixedBytes = Buffer.from(withBom(bytes, text));
    else if (text !== original) writeAtomically(task.path, text, bytes);
  }
  if (result.error) return { ...base, error: result.error, warnings: decoded.warnings };
  const findings = withLineText(kind, text, result.findings);
  // After a fix the bytes on disk are not the bytes read: the result is not the read bytes' to cache.
  const masks = result.masks ? { masks: result.masks } : {};
  const given = fixedBytes ? { fixedBytes } : {};
  return { ...base, findings, ...masks, ...given, ...(result.exports ? { exports: result.exports } : {}), warnings: [...decoded.warnings, ...(result.warnings ?? [])], fixed, ...(text === original && read ? { hash, ...read } : {}) };
}

/** The fixed text as the file held it: with its UTF-8 byte order mark if it had one. */
function withBom(originalBytes: Buffer, text: string): string {
  return (originalBytes[0] === 0xef && originalBytes[1] === 0xbb && originalBytes[2] === 0xbf ? '\ufeff' : '') + text;
}

/** The text of every secret and personal datum the lint found or located (`masks`), in the text it linted. */
function sensitiveText(result: LintResult): string[] {
  const lines = new LineIndex(result.text);
  const ranges = [...result.findings.filter((f) => f.sensitive && f.cell?.output === undefined).map((f) => f.range), ...(result.masks ?? [])];
  return ranges.map((r) => result.text.slice(lines.offset(r.start), lines.offset(r.end)));
}

/**
 * A file's findings with the source line each starts on: for notebooks, the cell's own line, with
 * its IPython escapes. `text` is the file's text (the notebook's JSON for notebooks).
 */
export function withLineText(kind: 'python' | 'notebook', text: string, findings: readonly Finding[]): ReportedFinding[] {
  if (findings.length === 0) return [];
  if (kind === 'python') {
    const lines = new LineIndex(text);
    const edits = (f: Finding) =>
      f.fixes.some((x) => x.edits.length) ? { fixEdits: f.fixes.map((x) => x.edits.map((e) => ({ range: { start: lines.position(e.start), end: lines.position(e.end) }, text: e.text }))) } : {};
    return findings.map((f) => ({ ...f, lineText: lines.line(f.range.start.line), ...edits(f) }));
  }
  // Findings outside any cell's source point into the virtual module the rules saw.
  let virtual: LineIndex | undefined;
  const module = () => (virtual ??= new LineIndex(parseNotebook(text).virtualText));
  const sources = (notebookCells(text) ?? parseNotebook(text).cells).map((c) => c.source);
  const cells = new Map<number, LineIndex>();
  const cellLines = (i: number) => {
    let lines = cells.get(i);
    if (!lines) cells.set(i, (lines = new LineIndex(sources[i] ?? '')));
    return lines;
  };
  return findings.map((f) => ({ ...f, lineText: f.cell ? cellLines(f.cell.cell).line(f.cell.line) : module().line(f.range.start.line) }));
}

/**
 * What the scan cache may keep of a file's result: a lint that ran to the end with no rule crashing,
 * of bytes still on disk, without the source lines (which could hold a secret in full).
 */
export function cacheable(result: FileResult): CachedLint | undefined {
  if (result.kind === 'model' || result.error || result.hash === undefined || result.findings.some((f) => f.code === INTERNAL_ERROR)) return undefined;
  return { kind: result.kind, findings: result.findings.map(({ lineText: _, fixEdits: __, ...f }) => f), warnings: result.warnings, ...(result.masks ? { masks: result.masks } : {}), ...(result.exports ? { exports: result.exports } : {}) };
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file; keeps a BOM. */
function writeAtomically(file: string, text: string, originalBytes: Buffer): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.mlsec-${process.pid}.tmp`);
  const mode = fs.statSync(file).mode;
  fs.writeFileSync(tmp, withBom(originalBytes, text), { mode });
  fs.renameSync(tmp, file);
}

