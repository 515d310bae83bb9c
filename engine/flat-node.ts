import type { FlatTree } from './flat-tree';
import { HAS_ERROR, NAMED } from './flat-tree';
import type { Point, SyntaxNode } from './syntax';

/** Type lists already turned into a by-symbol lookup, per grammar, keyed by the names (a caller may build a new list per call). */
const wanted = new WeakMap<object, Map<string, Uint8Array>>();

/** A node of a `FlatTree`: every answer is read from the tree's arrays, with no call into WebAssembly. */
export class FlatNode implements SyntaxNode {
  constructor(
    readonly tree: FlatTree,
    /** Index in document order. */
    readonly index: number,
  ) {}

  get id(): number {
    return this.tree.ids[this.index];
  }

  get type(): string {
    return this.tree.tables.typeName(this.tree.sym[this.index]);
  }

  get typeId(): number {
    return this.tree.sym[this.index];
  }

  get isNamed(): boolean {
    return (this.tree.bits[this.index] & NAMED) !== 0;
  }

  get hasError(): boolean {
    return (this.tree.bits[this.index] & HAS_ERROR) !== 0;
  }

  get startIndex(): number {
    return this.tree.start[this.index];
  }

  get endIndex(): number {
    return this.tree.end[this.index];
  }

  get startPosition(): Point {
    return this.tree.position(this.tree.start[this.index]);
  }

  get endPosition(): Point {
    return this.tree.position(this.tree.end[this.index]);
  }

  get text(): string {
    return this.tree.text.slice(this.tree.start[this.index], this.tree.end[this.index]);
  }

  get parent(): SyntaxNode | null {
    const p = this.tree.parent[this.index];
    return p >= 0 ? this.tree.node(p) : this.tree.outerParent;
  }

  get childCount(): number {
    let count = 0;
    for (let c = this.first(); c >= 0; c = this.tree.nextOf(c)) count++;
    return count;
  }

  get children(): FlatNode[] {
    const out: FlatNode[] = [];
    for (let c = this.first(); c >= 0; c = this.tree.nextOf(c)) out.push(this.tree.node(c));
    return out;
  }

  get namedChildren(): FlatNode[] {
    const out: FlatNode[] = [];
    for (let c = this.first(); c >= 0; c = this.tree.nextOf(c)) if (this.tree.bits[c] & NAMED) out.push(this.tree.node(c));
    return out;
  }

  get namedChildCount(): number {
    let count = 0;
    for (let c = this.first(); c >= 0; c = this.tree.nextOf(c)) if (this.tree.bits[c] & NAMED) count++;
    return count;
  }

  get firstChild(): FlatNode | null {
    const c = this.first();
    return c < 0 ? null : this.tree.node(c);
  }

  get firstNamedChild(): FlatNode | null {
    for (let c = this.first(); c >= 0; c = this.tree.nextOf(c)) if (this.tree.bits[c] & NAMED) return this.tree.node(c);
    return null;
  }

  get nextSibling(): FlatNode | null {
    const s = this.tree.nextOf(this.index);
    return s < 0 ? null : this.tree.node(s);
  }

  get previousSibling(): FlatNode | null {
    const p = this.tree.parent[this.index];
    if (p < 0 || p + 1 === this.index) return null;
    let s = p + 1;
    while (this.tree.nextOf(s) !== this.index) s = this.tree.nextOf(s);
    return this.tree.node(s);
  }

  get nextNamedSibling(): FlatNode | null {
    for (let s = this.tree.nextOf(this.index); s >= 0; s = this.tree.nextOf(s)) if (this.tree.bits[s] & NAMED) return this.tree.node(s);
    return null;
  }

  childForFieldName(fieldName: string): FlatNode | null {
    const id = this.tree.tables.fieldIds.get(fieldName);
    if (id === undefined) return null;
    for (let c = this.first(); c >= 0; c = this.tree.nextOf(c)) if (this.tree.field[c] === id) return this.tree.node(c);
    return null;
  }

  childrenForFieldName(fieldName: string): FlatNode[] {
    const id = this.tree.tables.fieldIds.get(fieldName);
    const out: FlatNode[] = [];
    if (id === undefined) return out;
    for (let c = this.first(); c >= 0; c = this.tree.nextOf(c)) if (this.tree.field[c] === id) out.push(this.tree.node(c));
    return out;
  }

  descendantsOfType(types: string | string[]): FlatNode[] {
    const want = this.lookup(typeof types === 'string' ? [types] : types);
    const { sym, last } = this.tree;
    const out: FlatNode[] = [];
    for (let i = this.index, end = last[this.index]; i < end; i++) if (want[sym[i]]) out.push(this.tree.node(i));
    return out;
  }

  /** The first child's index, or -1: a node's children follow it in document order. */
  private first(): number {
    return this.tree.firstChild(this.index);
  }

  private lookup(types: readonly string[]): Uint8Array {
    const tables = this.tree.tables;
    let byList = wanted.get(tables);
    if (!byList) wanted.set(tables, (byList = new Map()));
    const key = types.join(' ');
    let want = byList.get(key);
    if (!want) {
      want = new Uint8Array(65536);
      const names = new Set(types);
      tables.types.forEach((name, symbol) => {
        if (name !== null && names.has(name)) want![symbol] = 1;
      });
      if (names.has('ERROR')) want[65535] = 1;
      byList.set(key, want);
    }
    return want;
  }
}
