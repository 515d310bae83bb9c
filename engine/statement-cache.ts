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
 * the cache key is the statement's text plus a fingerprint of everything before it that can bind
 * a module name: the full text of imports, assignments and other statements, only the name of a
 * `def` or `class` (editing a body binds nothing new). Statements served from the cache still
 * replay their bindings, so later statements resolve names as in a full lint. Rules whose meta
 * says `fileScope` are not cached by finding: the notes they took in each statement are, and are
 * replayed before their `end` runs.
 */
export class StatementCache {
  private context = '';
  /** By statement text, then by the fingerprint of what precedes it. */
  private entries = new Map<string, Map<string, Entry>>();
  /** Statements served from the cache and linted in the last run, for tests and benchmarks. */
  hits = 0;
  misses = 0;

  lint(tree: Tree, text: string, rules: readonly Rule[], input: LintInput): LintResult {
    const run = new LintRun(text, rules, input);
    const fileScope = new Set(rules.filter((r) => r.meta.fileScope && isEnabled(r.meta.code, input.config)).map((r) => r.meta.code));
    const context = JSON.stringify([input.config ?? null, input.project ?? null]);
    if (context !== this.context) {
      this.entries.clear();
      this.context = context;
    }
    const next = new Map<string, Map<string, Entry>>();
    const keep = (source: string, fp: string, entry: Entry) => {
      const byFp = next.get(source) ?? new Map<string, Entry>();
      byFp.set(fp, entry);
      next.set(source, byFp);
    };
    const cached: Finding[] = [];
    const linted: { source: string; fp: string; node: Node }[] = [];
    let h1 = FNV_OFFSET;
    let h2 = FNV_OFFSET ^ 0x5bd1e995;
    this.hits = 0;
    this.misses = 0;
    // Only a tree with errors needs the per-statement check (a wasm call each).
    const anyError = tree.rootNode.hasError;
    for (const node of tree.rootNode.namedChildren) {
      if (!node) continue;
      const broken = anyError && node.hasError;
      const source = text.slice(node.startIndex, node.endIndex);
      // Keyed by the text itself (a slice, never copied) rather than a concatenation, which would
      // copy the whole file on every keystroke.
      const fp = `${h1}:${h2}`;
      const hit = this.entries.get(source)?.get(fp);
      if (hit && !broken) {
        this.hits++;
        for (const f of hit.findings) cached.push(place(f, node));
        for (const [code, notes] of hit.notes) for (const n of notes) run.addNote(code, { data: n.data, span: { start: n.span.start + node.startIndex, end: n.span.end + node.startIndex } });
        keep(source, fp, hit);
        replay(run, tree, node, source);
      } else {
        this.misses++;
        run.walk(tree, node.startPosition, node.endPosition);
        if (!broken) linted.push({ source, fp, node });
      }
      // Two independent 32-bit hashes: a false hit would need both to collide.
      const sum = summary(node.type, source);
      h1 = fnv(h1, sum, 0x01000193);
      h2 = fnv(h2, sum, 0x0100019d);
    }
    const result = run.finish(tree, cached);
    if (!run.crashed) {
      for (const { source, fp, node } of linted) {
        const found = run.findings.filter((f) => within(f, node) && !fileScope.has(f.code));
        // A fix that edits outside its statement (adding `import os` at the top) cannot move with it.
        const outside = found.some((f) => f.fixes.some((x) => x.edits.some((e) => e.start < node.startIndex || e.end > node.endIndex)));
        const notes = new Map<string, Note[]>();
        for (const [code, list] of run.notes) {
          const mine = list.filter((n) => n.span.start >= node.startIndex && n.span.start < node.endIndex);
          if (mine.length) notes.set(code, mine.map((n) => ({ data: n.data, span: { start: n.span.start - node.startIndex, end: n.span.end - node.startIndex } })));
        }
        // A JSON round trip copies every string: messages built from node text are slices of this
        // version of the document, and a cached slice would keep the whole version alive.
        if (!outside) keep(source, fp, JSON.parse(JSON.stringify({ findings: found.map((f) => relative(f, node)), notes: [...notes] }), (k, v) => (k === 'notes' ? new Map(v) : v)));
      }
    }
    this.entries = next;
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
  notes: Map<string, Note[]>;
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
  return {
    ...f,
    range: range(f.range),
    fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + offset, end: e.end + offset })) })),
    ...(f.related ? { related: f.related.map((r) => ({ ...r, range: range(r.range) })) } : {}),
  };
}

const DEF_NAME = /^(?:@[^\n]*\n\s*)*(?:async\s+)?(?:def|class)\s+([A-Za-z_][A-Za-z0-9_]*)/;

/** What a cached statement binds at module level, without running any rule. */
function replay(run: LintRun, tree: Tree, node: Node, source: string): void {
  if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'decorated_definition') {
    const name = DEF_NAME.exec(source)?.[1];
    // Bound to its definition node, as the walk binds it: rules look at what a name is (a local class).
    const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    if (name && definition) {
      run.bindName(name, definition);
      return;
    }
  }
  if (node.type !== 'comment') run.replay(tree, node.startPosition, node.endPosition);
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
