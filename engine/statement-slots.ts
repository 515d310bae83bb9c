import type { Node, Tree } from 'web-tree-sitter';
import type { Note } from './rule';
import type { LintRun } from './run';
import type { Finding, Position, Range } from './types';

/*
 * What the statement cache keeps of each top-level statement (its slot), and how a cached
 * statement's findings and notes are placed back at the statement's position in a new lint.
 */

/**
 * The binding of a served `def` or `class`, made when a lookup first asks for that name in a lint;
 * its node is found only if a rule asks for it (most never do).
 */
export class LazyDefinition {
  readonly kind = 'unknown';
  private found: Node | null | undefined;

  constructor(
    private readonly tree: Tree,
    private readonly start: number,
    private readonly decorated: boolean,
  ) {}

  get node(): Node | null {
    if (this.found === undefined) {
      const statement = this.tree.rootNode.firstNamedChildForIndex(this.start);
      this.found = (this.decorated ? statement?.childForFieldName('definition') : statement) ?? null;
    }
    return this.found;
  }
}

/** A finding with positions relative to its statement: rows from its first row, columns on that row from its first column. */
export interface RelativeFinding {
  finding: Finding;
}

/** What one statement produced: its findings, and the notes of file-scope rules (offsets from its start). */
export interface Entry {
  findings: RelativeFinding[];
  /** By rule code; absent when the statement took no note (most do not). */
  notes?: [string, Note[]][];
  /** It bound no module-level name: a hit needs no replay. */
  silent: boolean;
  /** The statement's node type. */
  type: string;
  /** The name a `def` or `class` statement binds (null for other statements). */
  defName: string | null;
  /** Some finding has a fix with edits (offsets to move). */
  edits: boolean;
}

/** A statement of the previous lint: its text, the fingerprint of what preceded it, and what it produced. */
export interface Slot {
  /** The statement's text (without the blank lines after it); empty when edits are tracked. */
  source: string;
  /** Where its region starts and ends (the next statement's start) in the current text, as edits move it. */
  start: number;
  end: number;
  /** Where the statement starts, as a point. */
  row: number;
  column: number;
  /** An edit touched its region since it was linted. */
  dirty: boolean;
  /** It produced no finding and no note (most statements). */
  empty: boolean;
  /** Its findings and notes as last placed, reused while the statement stays where it was. */
  placed?: Placed;
  /** The lint that last served it (StatementCache's count): a definition binds only in that lint. */
  servedIn: number;
  h1: number;
  h2: number;
  /** The fingerprint after this statement. */
  after1: number;
  after2: number;
  entry: Entry;
}

export function within(f: Finding, node: Node): boolean {
  const s = node.startPosition;
  const e = node.endPosition;
  const p = f.range.start;
  return (p.line > s.row || (p.line === s.row && p.column >= s.column)) && (p.line < e.row || (p.line === e.row && p.column <= e.column));
}

export function relative(f: Finding, node: Node): RelativeFinding {
  const row = node.startPosition.row;
  const col = node.startPosition.column;
  const offset = node.startIndex;
  const pos = (p: Position): Position => ({ line: p.line - row, column: p.line === row ? p.column - col : p.column });
  const range = (r: Range): Range => ({ start: pos(r.start), end: pos(r.end) });
  return {
    finding: {
      ...f,
      range: range(f.range),
      fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start - offset, end: e.end - offset })) })),
      ...(f.related ? { related: f.related.map((r) => ({ ...r, range: range(r.range) })) } : {}),
    },
  };
}

interface Placed {
  row: number;
  column: number;
  offset: number;
  findings: Finding[];
  notes?: [string, Note[]][];
}

/**
 * Adds a cached statement's findings and notes to a run, at the statement's position now (`placedOf`).
 */
export function place(slot: Slot, run: LintRun, out: Finding[]): void {
  // Most statements produce nothing: nothing to place, nothing to remember.
  if (slot.empty) return;
  const placed = placedOf(slot);
  for (const f of placed.findings) out.push(f);
  if (placed.notes) for (const [code, list] of placed.notes) run.addNotes(code, list);
}

/**
 * A slot's findings and notes at the statement's position now. What was placed last time is reused
 * where it still holds: all of it if the statement has not moved, the findings with no fix edit
 * (they hold no offset) if only its offset changed (a character typed earlier on the same line).
 * Placed objects are the cache's own copies, never slices of the text.
 */
export function placedOf(slot: Slot): Placed {
  const entry = slot.entry;
  const { row, column } = slot;
  const offset = slot.start;
  const last = slot.placed;
  if (last !== undefined && last.row === row && last.column === column) {
    if (last.offset !== offset) {
      // Same rows and columns, another offset: only offsets need placing again.
      if (entry.edits) last.findings = entry.findings.map((rel, k) => (hasEdits(rel.finding) ? placeFinding(rel, row, column, offset) : last.findings[k]));
      if (entry.notes) last.notes = placeNotes(entry.notes, offset);
      last.offset = offset;
    }
    return last;
  }
  slot.placed = { row, column, offset, findings: entry.findings.map((rel) => placeFinding(rel, row, column, offset)), notes: entry.notes && placeNotes(entry.notes, offset) };
  return slot.placed;
}

function placeNotes(notes: [string, Note[]][], offset: number): [string, Note[]][] {
  return notes.map(([code, list]) => [code, list.map((n) => ({ data: n.data, span: { start: n.span.start + offset, end: n.span.end + offset } }))]);
}

export function hasEdits(f: Finding): boolean {
  return f.fixes.some((x) => x.edits.length > 0);
}

function placeFinding(rel: RelativeFinding, row: number, col: number, offset: number): Finding {
  const f = rel.finding;
  const pos = (p: Position): Position => ({ line: p.line + row, column: p.line === 0 ? p.column + col : p.column });
  const range = (r: Range): Range => ({ start: pos(r.start), end: pos(r.end) });
  // A fresh `fixes` array even when empty: the placed finding must not share anything with the entry.
  const placed: Finding = { ...f, range: range(f.range), fixes: [] };
  if (f.fixes.length) placed.fixes = f.fixes.map((x) => ({ ...x, edits: x.edits.length ? x.edits.map((e) => ({ ...e, start: e.start + offset, end: e.end + offset })) : x.edits }));
  if (f.related) placed.related = f.related.map((r) => ({ ...r, range: range(r.range) }));
  // Placed findings are handed out by later lints too: nobody may change one.
  Object.freeze(placed.fixes);
  return Object.freeze(placed);
}

