import type { Tree } from 'web-tree-sitter';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { LineIndex, StatementCache, type Engine, type StatementPatch, type Touched } from '../engine';

/**
 * The open text documents, each with its text and its parse tree. Changes arrive as LSP ranges
 * (UTF-16, the unit of web-tree-sitter's positions too); each is applied to the text and to the
 * tree with `tree.edit`, so the next parse is incremental. Trees live in WebAssembly memory, which
 * is not garbage collected: `close` deletes them.
 */
export interface OpenDocument {
  uri: string;
  languageId: string;
  version: number;
  text: string;
  /** Parsed lazily, and kept for incremental re-parsing. */
  tree?: Tree;
  /** True when the tree has been edited since the last parse. */
  dirty: boolean;
  /**
   * Where the edits since the last parse that did not keep every token lie in `text`, in order, one
   * range for edits that overlap or meet; undefined with `dirty` and a tree: every edit since the
   * last parse kept the tokens, the edited tree is exact.
   */
  touched?: Touched[];
  /**
   * The last lint patched a statement that alone parses with a syntax error (a broken patch,
   * engine/statement-reparse.ts): the tree is left as the last parse with no error gave it, edited,
   * and not parsed in the background; the next lints patch that statement again until it parses.
   */
  broken?: boolean;
  /**
   * The text of the last parse, and a copy of its tree that no edit touched: when edits bring the
   * text back to it (a keystroke undone), that tree is the text's again and nothing is parsed. An
   * incremental parse after an edit and its undo still re-lexes around them; after a letter typed
   * into indentation and deleted, tree-sitter-python's indentation scanner made that a parse of most
   * of the file (tens of milliseconds at 5,000 lines).
   */
  parsed?: { text: string; tree: Tree };
  /** Findings of unchanged top-level statements, reused on the next lint. */
  cache: StatementCache;
  /** Line starts of `text`, kept up to date through edits. */
  lines: LineIndex;
}

export class Documents {
  private readonly docs = new Map<string, OpenDocument>();

  constructor(private readonly engine: Engine) {}

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.close(uri);
    const doc: OpenDocument = { uri, languageId, version, text, dirty: true, cache: new StatementCache({ trackEdits: true }), lines: new LineIndex(text) };
    this.docs.set(uri, doc);
    return doc;
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    for (const change of changes) {
      if (!('range' in change)) {
        doc.text = change.text;
        doc.lines = new LineIndex(doc.text);
        doc.tree?.delete();
        doc.tree = undefined;
        doc.parsed?.tree.delete();
        doc.parsed = undefined;
        doc.cache.reset();
        continue;
      }
      const lines = doc.lines;
      const start = lines.offset({ line: change.range.start.line, column: change.range.start.character });
      const end = lines.offset({ line: change.range.end.line, column: change.range.end.character });
      const removed = doc.text.slice(start, end);
      const startPos = lines.position(start);
      const endPos = lines.position(end);
      doc.lines = lines.edit(start, end, change.text);
      doc.text = doc.lines.text;
      const inserted = change.text.split('\n');
      const last = inserted[inserted.length - 1];
      const edit = {
        startIndex: start,
        oldEndIndex: end,
        newEndIndex: start + change.text.length,
        startPosition: { row: startPos.line, column: startPos.column },
        oldEndPosition: { row: endPos.line, column: endPos.column },
        newEndPosition: {
          row: startPos.line + inserted.length - 1,
          column: inserted.length > 1 ? last.length : startPos.column + last.length,
        },
      };
      doc.cache.edit(edit);
      doc.tree?.edit(edit);
      // Typing inside a name leaves the edited tree exact there (engine/edited-tree.ts). Other edits
      // are collected in `touched`: their statement is patched or the tree parsed, either of which
      // covers an exact edit inside them too.
      const exact = doc.tree !== undefined && this.engine.keepsTokens(doc.tree, doc.text, { start, end: start + change.text.length, removed });
      doc.touched = touchAll(doc.touched, start, end, change.text.length, !exact);
    }
    doc.version = version;
    doc.dirty = true;
    const parsed = doc.parsed;
    if (parsed && doc.tree && doc.text.length === parsed.text.length && doc.text === parsed.text) {
      doc.tree.delete();
      doc.tree = parsed.tree.copy();
      doc.dirty = false;
      doc.touched = undefined;
      doc.broken = false;
    }
    return doc;
  }

  /** The document's tree, re-parsed (incrementally when possible) if it changed. */
  tree(doc: OpenDocument): Tree {
    if (!doc.tree || doc.dirty) {
      const next = this.engine.parse(doc.text, doc.tree);
      doc.tree?.delete();
      doc.tree = next;
      doc.dirty = false;
      doc.touched = undefined;
      doc.broken = false;
      doc.parsed?.tree.delete();
      doc.parsed = { text: doc.text, tree: next.copy() };
    }
    return doc.tree;
  }

  /**
   * A tree of the document's text for a code action, which reads the tree around a finding. While a
   * statement is broken (`broken`), the whole text is parsed from a copy of the tree, so the
   * document's tree stays the last one with no error and the next keystrokes are still patched; the
   * caller deletes that tree (`own`).
   */
  treeForActions(doc: OpenDocument): { tree: Tree; own: boolean } {
    if (doc.broken && doc.tree && doc.dirty) {
      const copy = doc.tree.copy();
      try {
        return { tree: this.engine.parse(doc.text, copy), own: true };
      } finally {
        copy.delete();
      }
    }
    return { tree: this.tree(doc), own: false };
  }

  /**
   * What to lint, with as little parsing as the edits since the last parse allow: the edited tree as
   * it is when they all kept every token (typing inside names); with patches, when the others lie
   * inside a few top-level statements, each parsed alone (engine/statement-reparse.ts); else the tree
   * parsed again. Until the next parse, every lint patches every statement edited since. The caller
   * disposes of the patches.
   */
  lintable(doc: OpenDocument): { tree: Tree; patches: StatementPatch[] } {
    if (doc.tree && doc.dirty) {
      if (!doc.touched) {
        this.engine.useEdited(doc.tree, doc.text);
        return { tree: doc.tree, patches: [] };
      }
      const patches = this.engine.reparseStatements(doc.tree, doc.text, doc.touched, true);
      if (patches) {
        doc.broken = patches.some((p) => p.broken);
        return { tree: doc.tree, patches };
      }
    }
    return { tree: this.tree(doc), patches: [] };
  }

  /** The lint left the tree unparsed, with statement patches: parsing it when the server is idle keeps the patches to make few. */
  wantsParse(doc: OpenDocument): boolean {
    // Not while a statement is broken: the parse would recover from its error (30 to 150 ms at 5,000
    // to 20,000 lines), and the tree it gives, with an error, could not be patched.
    return doc.dirty && doc.touched !== undefined && !doc.broken;
  }

  close(uri: string): void {
    const doc = this.docs.get(uri);
    doc?.tree?.delete();
    doc?.parsed?.tree.delete();
    this.docs.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.docs.keys()]) this.close(uri);
  }
}

/**
 * The ranges the edits since the last parse cover, after one more edit replaced `start..end` of the
 * text before it with `inserted` code units: each moved by the edit, and the edit's own range (when
 * it counts: `join`) joined with those it overlaps or meets.
 */
export function touchAll(before: readonly Touched[] | undefined, start: number, end: number, inserted: number, join = true): Touched[] | undefined {
  const moved = (before ?? []).map((t) => touch(t, start, end, inserted, false)!);
  if (!join) return moved.length ? moved : undefined;
  let own: Touched = { start, end: start + inserted };
  const out: Touched[] = [];
  for (const t of moved) {
    if (t.end < own.start || t.start > own.end) out.push(t);
    else own = { start: Math.min(t.start, own.start), end: Math.max(t.end, own.end) };
  }
  out.push(own);
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The range the edits since the last parse cover, after one more edit replaced `start..end` of the
 * text before it with `inserted` code units: what was touched before, moved by the edit, and joined
 * with the edit's own range when it counts (`join`; an edit that kept every token only moves it).
 */
export function touch(before: Touched | undefined, start: number, end: number, inserted: number, join = true): Touched | undefined {
  const after = start + inserted;
  if (!before) return join ? { start, end: after } : undefined;
  const delta = inserted - (end - start);
  const move = (at: number, edge: number) => (at <= start ? at : at >= end ? at + delta : edge);
  const moved = { start: move(before.start, start), end: move(before.end, after) };
  return join ? { start: Math.min(moved.start, start), end: Math.max(moved.end, after) } : moved;
}
