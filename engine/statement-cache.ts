import type { Node, Point, Tree } from 'web-tree-sitter';
import { isEnabled } from './config';
import type { Note, Rule } from './rule';
import { LintRun } from './run';
import type { Flatten } from './lint';
import type { Notebook } from './notebook';
import type { Binding } from './semantic';
import type { StatementPatch } from './statement-reparse';
import { hasEdits, LazyDefinition, place, placedOf, relative, within, type Slot } from './statement-slots';
import type { Finding, LintInput, LintResult } from './types';

/**
 * Reuses the findings of unchanged top-level statements between lints of one document, so a
 * keystroke inside one function re-runs the rules on that function only.
 *
 * A statement's findings depend on its own text and on the module-level names bound before it, so
 * the cache key is the statement's text plus a fingerprint of everything before it that binds a
 * module name: the full text of imports, assignments and other binding statements, only the name
 * of a `def` or `class` (editing a body binds nothing new), nothing of a statement that bound no
 * module-level name (a call, a print). Statements served from the cache replay their bindings (if
 * they made any; a `def` or `class` binds through the cache's index instead), so later statements
 * resolve names as in a full lint. Rules whose meta
 * says `fileScope` are not cached by finding: the notes they took in each statement are, and are
 * replayed before their `end` runs.
 */
export interface StatementCacheOptions {
  /**
   * The owner reports every change of the text with `edit` (the language server does): a statement
   * no edit touched is then known to be unchanged from where it now starts, without comparing text.
   */
  trackEdits?: boolean;
}

/** A change of the text, as tree-sitter's `Tree.edit` takes it (offsets and points of the text before and after). */
export interface TextChange {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: Point;
  oldEndPosition: Point;
  newEndPosition: Point;
}

/** One lint's state, shared by the passes over its statements. */
interface Pass {
  run: LintRun;
  tree: Tree;
  text: string;
  /** Reads a statement out of WebAssembly for its walk (undefined: walk web-tree-sitter's nodes). */
  flatten?: Flatten;
  /** The slots of this lint, one per statement in order; `undefined` for a statement linted in this run (filled in at the end if it can be cached). */
  next: (Slot | undefined)[];
  cached: Finding[];
  linted: { index: number; h1: number; h2: number; after1: number; after2: number; source: string; node: Node; end: number; silent: boolean; type: string }[];
  /** The fingerprint of what the statements so far bind. */
  h1: number;
  h2: number;
  /** The statements `tree` holds edited but unparsed versions of, each parsed alone (statement-reparse.ts), in text order. */
  patches: readonly StatementPatch[];
  /** With a broken patch: the slots edits touched, by where their statement starts (a broken statement keeps its slot). */
  dirtyAt?: Map<number, Slot>;
  /** A broken statement came before: what is linted from here on saw its broken bindings, and is not cached. */
  tainted: boolean;
}

export class StatementCache {
  private context = '';
  /** The previous lint's top-level statements, in order. */
  private slots: (Slot | undefined)[] = [];
  private readonly tracking: boolean;
  /** With tracking: the text's length after the edits reported since the last lint (-1: unknown, compare text). */
  private expectedLength = -1;
  /**
   * The slots of `def` and `class` statements by the name they bind, in text order. A served
   * definition is not bound into the run's semantic model (that was a map insert per definition per
   * keystroke, half of serving a file): the model asks here, and sees the ones served so far in
   * this lint, exactly those a walk would have bound by then.
   */
  private readonly defs = new Map<string, Slot[]>();
  private lintCount = 0;
  /** Statements served from the cache and linted in the last run, for tests and benchmarks. */
  hits = 0;
  misses = 0;

  constructor(options: StatementCacheOptions = {}) {
    this.tracking = !!options.trackEdits;
  }

  /**
   * A change of the text since the last lint. Statements after it move (offsets, and rows and
   * columns); the ones it touches, including a statement that ends or starts exactly there, are
   * linted again.
   */
  edit(e: TextChange): void {
    if (!this.tracking || this.expectedLength < 0) return;
    const delta = e.newEndIndex - e.oldEndIndex;
    const rows = e.newEndPosition.row - e.oldEndPosition.row;
    for (const slot of this.slots) {
      if (!slot || slot.end < e.startIndex) continue;
      if (slot.start > e.oldEndIndex) {
        slot.start += delta;
        slot.end += delta;
        if (slot.row === e.oldEndPosition.row) slot.column += e.newEndPosition.column - e.oldEndPosition.column;
        slot.row += rows;
      } else slot.dirty = true;
    }
    this.expectedLength += delta;
  }

  /** The text was replaced as a whole (or edits went unreported): the next lint compares text. */
  reset(): void {
    this.expectedLength = -1;
  }

  /**
   * With patches, `tree` is edited but not parsed since, and the patches hold the statements that
   * changed (statement-reparse.ts): those statements are read from their patches wherever the lint
   * needs their nodes (linted, replayed or looked up), the rest is served or read from `tree` as usual.
   */
  lint(tree: Tree, text: string, rules: readonly Rule[], input: LintInput, flatten?: Flatten, patches: readonly StatementPatch[] = [], notebook?: Notebook): LintResult {
    const run = new LintRun(text, rules, input, notebook);
    const lintId = ++this.lintCount;
    // Bindings made for this lint only: one that outlived it would keep its tree, and through the
    // tree's text callback the whole text of that version, alive.
    const made = new Map<Slot, { binding: Binding; start: number }>();
    run.semantic.moduleDefs = (name) => {
      const list = this.defs.get(name);
      if (!list) return undefined;
      for (let i = list.length - 1; i >= 0; i--) {
        const slot = list[i];
        if (slot.servedIn !== lintId) continue;
        let def = made.get(slot);
        if (!def) made.set(slot, (def = { binding: new LazyDefinition(patchAt(patches, slot.start)?.tree ?? tree, slot.start, slot.entry.type === 'decorated_definition') as Binding, start: slot.start }));
        return def;
      }
      return undefined;
    };
    const fileScope = new Set(rules.filter((r) => r.meta.fileScope && isEnabled(r.meta.code, input.config)).map((r) => r.meta.code));
    const context = JSON.stringify([input.config ?? null, input.project ?? null, input.masks !== false]);
    if (context !== this.context) {
      this.slots = [];
      this.defs.clear();
      this.context = context;
    }
    const p: Pass = { run, tree, text, flatten, next: [], cached: [], linted: [], h1: FNV_OFFSET, h2: FNV_OFFSET ^ 0x5bd1e995, patches, tainted: false };
    if (patches.some((patch) => patch.broken)) p.dirtyAt = new Map(this.slots.filter((s): s is Slot => s !== undefined && s.dirty).map((s) => [s.start, s]));
    this.hits = 0;
    this.misses = 0;
    if (this.tracking && this.expectedLength === text.length) this.passTracked(p);
    else this.passByText(p);
    // Findings are not placed in notebook cells here: cached ones are frozen (the caller locates them).
    const result = run.finish(tree, p.cached, patches, false);
    /** The findings of the statements linted now, by the copies the next lint will serve. */
    const served = new Map<Finding, Finding>();
    if (!run.crashed) {
      for (const { index, source, h1, h2, after1, after2, node, end, silent, type } of p.linted) {
        const found = run.findings.filter((f) => within(f, node) && !fileScope.has(f.code) && !run.fresh.has(f));
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
        // (The statement's own text is a slice of the current version, which is alive anyway; with
        // tracked edits it is not kept at all.)
        const copy = JSON.parse(JSON.stringify({ findings: found.map((f) => relative(f, node)), notes: notes.size ? [...notes] : undefined }));
        const name = DEFINITIONS.has(type) ? DEF_NAME.exec(source)?.[1] : undefined;
        // The name is copied too: a match is a slice of this version of the text.
        const defName = name === undefined ? null : (JSON.parse(JSON.stringify(name)) as string);
        const edits = found.some(hasEdits);
        const { row, column } = node.startPosition;
        const empty = found.length === 0 && notes.size === 0;
        const slot: Slot = { source: this.tracking ? '' : source, start: node.startIndex, end, row, column, dirty: false, empty, h1, h2, after1, after2, entry: { ...copy, silent, type, defName, edits }, servedIn: 0 };
        p.next[index] = slot;
        // This lint hands out the copies the next one serves, so a client sees the same objects
        // twice (the language server then reuses their diagnostics and JSON) rather than new ones.
        if (!empty) placedOf(slot).findings.forEach((f, k) => served.set(found[k], f));
      }
    }
    if (served.size) result.findings = result.findings.map((f) => served.get(f) ?? f);
    this.indexDefinitions(this.slots, p.next, lintId);
    this.slots = p.next;
    if (this.tracking) this.expectedLength = text.length;
    return result;
  }

  /** Drops the definitions this lint did not serve from the index and adds the ones it made. */
  private indexDefinitions(old: (Slot | undefined)[], next: (Slot | undefined)[], lintId: number): void {
    for (const slot of old) {
      if (!slot || slot.servedIn === lintId || slot.entry.defName === null) continue;
      const list = this.defs.get(slot.entry.defName);
      const at = list ? list.indexOf(slot) : -1;
      if (at < 0) continue;
      list!.splice(at, 1);
      if (list!.length === 0) this.defs.delete(slot.entry.defName);
    }
    for (const slot of next) {
      if (!slot || slot.servedIn === lintId || slot.entry.defName === null) continue;
      // A slot made by this lint: served from the next one on.
      const list = this.defs.get(slot.entry.defName);
      if (!list) {
        this.defs.set(slot.entry.defName, [slot]);
        continue;
      }
      let i = list.length;
      while (i > 0 && list[i - 1].start > slot.start) i--;
      list.splice(i, 0, slot);
    }
  }

  /**
   * Without reported edits: every top-level statement is asked for, and one is served from the cache
   * when its text (up to the next statement, blank lines trimmed) and the fingerprint before it match
   * a slot found at the same index counted from the start or from the end (an edit changes one
   * statement, or inserts or removes some). Comparing strings (lengths first) costs far less than
   * hashing every statement's text into a map on every lint.
   */
  private passByText(p: Pass): void {
    const prev = this.slots;
    const same = (slot: Slot | undefined, source: string) => slot !== undefined && slot.h1 === p.h1 && slot.h2 === p.h2 && slot.source === source;
    this.passByNode(p, (i, count, source) => {
      // With edits tracked no slot keeps its text (''): after a reset there is nothing to match.
      if (this.tracking) return undefined;
      const fromStart = prev[i];
      const fromEnd = prev[prev.length - count + i];
      return same(fromStart, source) ? fromStart : same(fromEnd, source) ? fromEnd : undefined;
    });
  }

  /**
   * Every top-level statement asked for, in order, and served when `match` finds its slot, else
   * linted. The statement's text runs up to where the next one starts (blank lines trimmed), found
   * without asking tree-sitter where each one ends (a call into WebAssembly per statement).
   */
  private passByNode(p: Pass, match: (index: number, count: number, source: string, start: number, end: number) => Slot | undefined): void {
    const { text } = p;
    // Only a tree with errors needs the per-statement check (a wasm call each).
    const anyError = p.tree.rootNode.hasError;
    const nodes = p.tree.rootNode.namedChildren;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (!node) continue;
      const broken = anyError && node.hasError;
      const start = node.startIndex;
      const end = i + 1 < nodes.length ? (nodes[i + 1]?.startIndex ?? text.length) : text.length;
      const source = text.slice(start, end).trimEnd();
      const hit = broken ? undefined : match(i, nodes.length, source, start, end);
      if (hit) {
        // Keep the new slice: the old one would keep the whole previous version of the text alive.
        if (!this.tracking) hit.source = source;
        hit.start = start;
        hit.end = end;
        hit.row = node.startPosition.row;
        hit.column = node.startPosition.column;
        this.serve(p, hit, node);
      } else this.miss(p, node, end, broken, source);
    }
  }

  /**
   * With reported edits: a slot no edit touched holds the text it was linted from, at the offset
   * and position the edits moved it to. Consecutive clean slots are served in one go, asking
   * tree-sitter only whether a statement still starts where the first one starts and where the last
   * one ends: the same text between two statement starts parses to the same statements. Only the
   * statements between runs of clean slots are materialized and linted, so a keystroke costs no
   * WebAssembly call per statement of the file.
   */
  private passTracked(p: Pass): void {
    const root = p.tree.rootNode;
    const clean = this.slots.filter((s): s is Slot => s !== undefined && !s.dirty);
    // Error recovery is not bound by the text between two statement starts: with a syntax error
    // anywhere, each statement is checked for itself.
    if (root.hasError) return this.passTrackedByNode(p, clean);
    const length = p.text.length;
    let k = 0;
    let node = root.firstNamedChild;
    while (node) {
      const start = node.startIndex;
      while (k < clean.length && clean[k].start < start) k++;
      if (k < clean.length && clean[k].start === start && clean[k].h1 === p.h1 && clean[k].h2 === p.h2) {
        // The run of contiguous clean slots from here, cut back to where a statement starts at its end.
        let m = k;
        while (m + 1 < clean.length && clean[m + 1].start === clean[m].end) m++;
        let after: Node | null = null;
        for (; m >= k; m--) {
          const end = clean[m].end;
          if (end === length) break;
          after = root.firstNamedChildForIndex(end);
          if (after && after.startIndex === end) break;
        }
        if (m >= k) {
          // The slots of a run were consecutive statements of the lint that last kept them, so each
          // one's fingerprint before is its predecessor's after: checking the first checks them all.
          for (let q = k; q <= m; q++) this.serve(p, clean[q], q === k ? node : undefined);
          node = clean[m].end === length ? null : after;
          k = m + 1;
          continue;
        }
      }
      const following = node.nextNamedSibling;
      this.miss(p, node, following ? following.startIndex : length, false);
      node = following;
    }
  }

  /** With reported edits and a syntax error: every statement is asked for and matched to a clean slot by where it starts and ends. */
  private passTrackedByNode(p: Pass, clean: Slot[]): void {
    let k = 0;
    this.passByNode(p, (_i, _count, _source, start, end) => {
      while (k < clean.length && clean[k].start < start) k++;
      const c = clean[k];
      return c !== undefined && c.start === start && c.end === end && c.h1 === p.h1 && c.h2 === p.h2 ? c : undefined;
    });
  }

  /** A statement served from the cache: its findings and notes, and the bindings it makes, replayed. */
  private serve(p: Pass, slot: Slot, node: Node | undefined): void {
    this.hits++;
    slot.servedIn = this.lintCount;
    place(slot, p.run, p.cached);
    const entry = slot.entry;
    // A definition binds through `defs` (above); other statements that bind replay their bindings.
    if (!entry.silent && entry.defName === null && entry.type !== 'comment') {
      // A statement patched since the last parse is stale in `tree`: its patch has it.
      const n = patchAt(p.patches, slot.start)?.node ?? node ?? p.tree.rootNode.firstNamedChildForIndex(slot.start);
      p.run.semantic.position = slot.start;
      if (n) p.run.replayStatement(n);
    }
    // Same text after the same fingerprint: the fingerprint after it is the one recorded.
    p.h1 = slot.after1;
    p.h2 = slot.after2;
    p.next.push(slot);
  }

  /** A statement linted in this run; its slot is made once the run is finished. */
  private miss(p: Pass, stale: Node, end: number, broken: boolean, source = p.text.slice(stale.startIndex, end).trimEnd()): void {
    this.misses++;
    const patch = patchAt(p.patches, stale.startIndex);
    if (patch?.broken) return this.missBroken(p, patch, stale, end, source);
    const node = patch?.node ?? stale;
    const writes = p.run.semantic.moduleWrites;
    p.run.semantic.position = node.startIndex;
    p.run.walk(patch ? patch.read[0] : (p.flatten?.(p.tree, p.text, node)?.node(0) ?? node));
    const silent = p.run.semantic.moduleWrites === writes;
    const before1 = p.h1;
    const before2 = p.h2;
    // What later statements can see of this one: nothing if it bound no module-level name.
    // Two independent 32-bit hashes: a false hit would need both to collide.
    const type = node.type;
    const sum = silent ? '' : summary(type, source, node);
    p.h1 = fnv(p.h1, sum, 0x01000193);
    p.h2 = fnv(p.h2, sum, 0x0100019d);
    if (!broken && !p.tainted) p.linted.push({ index: p.next.length, source, h1: before1, h2: before2, after1: p.h1, after2: p.h2, node, end, silent, type });
    p.next.push(undefined);
  }

  /**
   * A statement whose own parse has a syntax error, confined to its region (a broken patch): what
   * that parse holds is linted, and for the statements after it the statement counts as what it was
   * when last linted: its slot (not served: edits touched it) is kept with the fingerprint after it,
   * so the statements after it are served as they were. What is linted after it in this run saw the
   * broken statement's bindings, not those its fingerprint stands for, so it is not cached. With no
   * slot to keep (its findings were never cached), the statements after it are linted again.
   */
  private missBroken(p: Pass, patch: StatementPatch, stale: Node, end: number, source: string): void {
    p.run.semantic.position = patch.start;
    for (const part of patch.read) p.run.walk(part);
    const old = p.dirtyAt?.get(patch.start);
    if (old && old.h1 === p.h1 && old.h2 === p.h2) {
      old.start = patch.start;
      old.end = end;
      old.row = stale.startPosition.row;
      old.column = stale.startPosition.column;
      p.h1 = old.after1;
      p.h2 = old.after2;
      p.next.push(old);
    } else {
      p.h1 = fnv(p.h1, source, 0x01000193);
      p.h2 = fnv(p.h2, source, 0x0100019d);
      p.next.push(undefined);
    }
    p.tainted = true;
  }
}

/** The patch of the statement that starts at `start`, if it has one. */
function patchAt(patches: readonly StatementPatch[], start: number): StatementPatch | undefined {
  for (const patch of patches) if (patch.start === start) return patch;
  return undefined;
}

const DEF_NAME = /^(?:@[^\n]*\n\s*)*(?:async\s+)?(?:def|class)\s+([A-Za-z_][A-Za-z0-9_]*)/;

const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/**
 * What a statement shows later statements. A `def` shows its name; a `class` its name and bases too,
 * since a rule can ask whether a name is a class that subclasses a safe one (MLS104's loaders).
 */
function summary(type: string, source: string, node: Node): string {
  if (type === 'comment') return '';
  if (type === 'function_definition' || type === 'class_definition' || type === 'decorated_definition') {
    const name = DEF_NAME.exec(source)?.[1];
    if (!name) return source;
    const definition = type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    if (definition?.type !== 'class_definition') return `def ${name}`;
    return `class ${name}${definition.childForFieldName('superclasses')?.text ?? ''}`;
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
