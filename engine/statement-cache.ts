import type { Node, Tree } from 'web-tree-sitter';
import { isEnabled } from './config';
import type { Note, Rule } from './rule';
import { LintRun } from './run';
import type { Finding, LintInput, LintResult, Position, Range } from './types';

/**
 * Reuses the findings of unchanged top-level statements between lints of one document, so a
 * keystroke inside one function re-runs the rules on that function only.
 *
 * A statement's findings depend on its own text and on the module-level names bound before it, so
 * the cache key is the statement's text plus a fingerprint of everything before it that binds a
 * module name: the full text of imports, assignments and other binding statements, only the name
 * of a `def` or `class` (editing a body binds nothing new), nothing of a statement that bound no
 * module-level name (a call, a print). Statements served from the cache replay their bindings (if
 * they made any), so later statements resolve names as in a full lint. Rules whose meta
 * says `fileScope` are not cached by finding: the notes they took in each statement are, and are
 * replayed before their `end` runs.
 */
export class StatementCache {
  private context = '';
  /** The previous lint's top-level statements, in order. */
  private slots: (Slot | undefined)[] = [];
  /** Statements served from the cache and linted in the last run, for tests and benchmarks. */
  hits = 0;
  misses = 0;

  lint(tree: Tree, text: string, rules: readonly Rule[], input: LintInput): LintResult {
    const run = new LintRun(text, rules, input);
    const fileScope = new Set(rules.filter((r) => r.meta.fileScope && isEnabled(r.meta.code, input.config)).map((r) => r.meta.code));
    const context = JSON.stringify([input.config ?? null, input.project ?? null]);
    if (context !== this.context) {
      this.slots = [];
      this.context = context;
    }
    const prev = this.slots;
    // One slot per statement, by index; a statement that cannot be cached leaves a hole.
    const next: (Slot | undefined)[] = [];
    const cached: Finding[] = [];
    const linted: { index: number; h1: number; h2: number; after1: number; after2: number; source: string; node: Node; silent: boolean; type: string }[] = [];
    let h1 = FNV_OFFSET;
    let h2 = FNV_OFFSET ^ 0x5bd1e995;
    this.hits = 0;
    this.misses = 0;
    // Only a tree with errors needs the per-statement check (a wasm call each).
    const anyError = tree.rootNode.hasError;
    const nodes = tree.rootNode.namedChildren;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (!node) continue;
      const broken = anyError && node.hasError;
      // Up to where the next statement starts, less the blank lines between: the statement's own
      // text (up to a `;`), found without asking tree-sitter where each one ends (a call into
      // WebAssembly per statement).
      const source = text.slice(node.startIndex, i + 1 < nodes.length ? (nodes[i + 1]?.startIndex ?? text.length) : text.length).trimEnd();
      // An edit changes one statement, or inserts or removes some: the others are found at the same
      // index counted from the start or from the end. Comparing strings (lengths first) costs far
      // less than hashing every statement's text into a map on every keystroke.
      const fromStart = prev[i];
      const fromEnd = prev[prev.length - nodes.length + i];
      const hit =
        fromStart !== undefined && fromStart.h1 === h1 && fromStart.h2 === h2 && fromStart.source === source
          ? fromStart
          : fromEnd !== undefined && fromEnd.h1 === h1 && fromEnd.h2 === h2 && fromEnd.source === source
            ? fromEnd
            : undefined;
      if (hit && !broken) {
        this.hits++;
        const entry = hit.entry;
        for (const f of entry.findings) cached.push(place(f, node));
        if (entry.notes) for (const [code, notes] of entry.notes) for (const n of notes) run.addNote(code, { data: n.data, span: { start: n.span.start + node.startIndex, end: n.span.end + node.startIndex } });
        // Keep the new slice: the old one would keep the whole previous version of the text alive.
        hit.source = source;
        next[i] = hit;
        if (!entry.silent) replay(run, tree, node, entry);
        // Same text after the same fingerprint: the fingerprint after it is the one recorded.
        h1 = hit.after1;
        h2 = hit.after2;
        continue;
      }
      this.misses++;
      const writes = run.semantic.moduleWrites;
      run.walk(tree, node.startPosition, node.endPosition);
      const silent = run.semantic.moduleWrites === writes;
      const before1 = h1;
      const before2 = h2;
      // What later statements can see of this one: nothing if it bound no module-level name.
      // Two independent 32-bit hashes: a false hit would need both to collide.
      const type = node.type;
      const sum = silent ? '' : summary(type, source);
      h1 = fnv(h1, sum, 0x01000193);
      h2 = fnv(h2, sum, 0x0100019d);
      if (!broken) linted.push({ index: i, source, h1: before1, h2: before2, after1: h1, after2: h2, node, silent, type });
    }
    const result = run.finish(tree, cached);
    if (!run.crashed) {
      for (const { index, source, h1, h2, after1, after2, node, silent, type } of linted) {
        const found = run.findings.filter((f) => within(f, node) && !fileScope.has(f.code));
        // A fix that edits outside its statement (adding `import os` at the top) cannot move with it.
        const outside = found.some((f) => f.fixes.some((x) => x.edits.some((e) => e.start < node.startIndex || e.end > node.endIndex)));
        if (outside) continue;
        const notes = new Map<string, Note[]>();
        for (const [code, list] of run.notes) {
          const mine = list.filter((n) => n.span.start >= node.startIndex && n.span.start < node.endIndex);
          if (mine.length) notes.set(code, mine.map((n) => ({ data: n.data, span: { start: n.span.start - node.startIndex, end: n.span.end - node.startIndex } })));
        }
        // A JSON round trip copies every string: messages built from node text are slices of this
        // version of the document, and a cached slice would keep the whole version alive.
        // (The statement's own text is a slice of the current version, which is alive anyway.)
        const copy = JSON.parse(JSON.stringify({ findings: found.map((f) => relative(f, node)), notes: notes.size ? [...notes] : undefined }));
        const name = DEFINITIONS.has(type) ? DEF_NAME.exec(source)?.[1] : undefined;
        // The name is copied too: a match is a slice of this version of the text.
        const defName = name === undefined ? null : (JSON.parse(JSON.stringify(name)) as string);
        next[index] = { source, h1, h2, after1, after2, entry: { ...copy, silent, type, defName } };
      }
    }
    this.slots = next;
    return result;
  }
}

/** A finding with positions relative to its statement: rows from its first row, columns on that row from its first column. */
interface RelativeFinding {
  finding: Finding;
}

/** What one statement produced: its findings, and the notes of file-scope rules (offsets from its start). */
interface Entry {
  findings: RelativeFinding[];
  /** By rule code; absent when the statement took no note (most do not). */
  notes?: [string, Note[]][];
  /** It bound no module-level name: a hit needs no replay. */
  silent: boolean;
  /** The statement's node type. */
  type: string;
  /** The name a `def` or `class` statement binds (null for other statements). */
  defName: string | null;
}

/** A statement of the previous lint: its text, the fingerprint of what preceded it, and what it produced. */
interface Slot {
  source: string;
  h1: number;
  h2: number;
  /** The fingerprint after this statement. */
  after1: number;
  after2: number;
  entry: Entry;
}

function within(f: Finding, node: Node): boolean {
  const s = node.startPosition;
  const e = node.endPosition;
  const p = f.range.start;
  return (p.line > s.row || (p.line === s.row && p.column >= s.column)) && (p.line < e.row || (p.line === e.row && p.column <= e.column));
}

function relative(f: Finding, node: Node): RelativeFinding {
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

function place(rel: RelativeFinding, node: Node): Finding {
  const row = node.startPosition.row;
  const col = node.startPosition.column;
  const offset = node.startIndex;
  const f = rel.finding;
  const pos = (p: Position): Position => ({ line: p.line + row, column: p.line === 0 ? p.column + col : p.column });
  const range = (r: Range): Range => ({ start: pos(r.start), end: pos(r.end) });
  // A fresh `fixes` array even when empty: the placed finding must not share anything with the entry.
  const placed: Finding = { ...f, range: range(f.range), fixes: [] };
  if (f.fixes.length) placed.fixes = f.fixes.map((x) => ({ ...x, edits: x.edits.length ? x.edits.map((e) => ({ ...e, start: e.start + offset, end: e.end + offset })) : x.edits }));
  if (f.related) placed.related = f.related.map((r) => ({ ...r, range: range(r.range) }));
  return placed;
}

const DEF_NAME = /^(?:@[^\n]*\n\s*)*(?:async\s+)?(?:def|class)\s+([A-Za-z_][A-Za-z0-9_]*)/;

const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/** What a cached statement binds at module level, without running any rule. */
function replay(run: LintRun, tree: Tree, node: Node, entry: Entry): void {
  if (entry.defName !== null) {
    // Bound to its definition node, as the walk binds it: rules look at what a name is (a local class).
    const definition = entry.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    if (definition) {
      run.bindName(entry.defName, definition);
      return;
    }
  }
  if (entry.type !== 'comment') run.replay(tree, node.startPosition, node.endPosition);
}

function summary(type: string, source: string): string {
  if (type === 'comment') return '';
  if (type === 'function_definition' || type === 'class_definition' || type === 'decorated_definition') {
    const name = DEF_NAME.exec(source)?.[1];
    if (name) return `def ${name}`;
  }
  return source;
}

const FNV_OFFSET = 0x811c9dc5;

/**
 * FNV-1a over UTF-16 code units, 32 bits; chained, it fingerprints a sequence of strings. Each piece
 * ends with its length and a value no code unit has, so ["ab", "c"] and ["a", "bc"] differ.
 */
function fnv(seed: number, s: string, prime: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, prime);
  }
  h ^= 0x10000 + (s.length & 0xffff);
  h = Math.imul(h, prime);
  return h >>> 0;
}
