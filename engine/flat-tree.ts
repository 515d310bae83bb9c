import type { Node, Tree } from 'web-tree-sitter';
import { type LanguageTables, type WasmMemory } from './language-tables';
import { FlatNode } from './flat-node';
import type { Point, SyntaxNode } from './syntax';

export const NAMED = 1;
export const EXTRA = 2;
export const MISSING = 4;
export const HAS_ERROR = 8;

/**
 * A parsed tree read out of WebAssembly memory in one pass, with its visible nodes (named and
 * anonymous, as web-tree-sitter's `children` lists them) in document order in parallel arrays.
 *
 * web-tree-sitter answers every question about a node with a call into WebAssembly and builds a
 * new Node object for every node it returns; a lint asked about 6,500 nodes some 100,000 times,
 * which cost more than the parse. Here the tree is decoded once, from tree-sitter's `Subtree`
 * layout (lib/src/subtree.h, wasm32), following lib/src/node.c's rules for what is visible, which
 * alias and which field a child has, and where it starts. The subtree of node `i` is `i` up to
 * `last[i]`, so `descendantsOfType` is a scan of one range.
 *
 * A tree is read only while its web-tree-sitter Tree is alive and unchanged; the arrays are
 * JavaScript's, so nothing here needs freeing.
 */
export class FlatTree {
  readonly sym: Uint16Array;
  readonly bits: Uint8Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  readonly parent: Int32Array;
  readonly field: Uint16Array;
  readonly last: Uint32Array;
  readonly ids: Uint32Array;
  private readonly made: (FlatNode | undefined)[];
  /** How many nodes were read. */
  count = 0;

  constructor(
    readonly text: string,
    readonly tables: LanguageTables,
    /** How many nodes the arrays can hold: the root's count of visible descendants, plus the root. */
    size: number,
    /** For the subtree of one node: web-tree-sitter's nodes around it, which its own answers lead to. */
    readonly outside?: { readonly parent: SyntaxNode | null; readonly root: SyntaxNode },
    /** Where the root's first line is: the start of the text, or the start of the statement read. */
    private readonly firstLine: { readonly offset: number; readonly row: number; readonly column: number } = { offset: 0, row: 0, column: 0 },
  ) {
    // One allocation for all the arrays: the language server reads a statement per keystroke, and
    // an ArrayBuffer each made ten times the allocations, which the server's RSS showed.
    const buffer = new ArrayBuffer(size * 25);
    let at = 0;
    const words = () => ((at += size * 4), at - size * 4);
    this.start = new Uint32Array(buffer, words(), size);
    this.end = new Uint32Array(buffer, words(), size);
    this.parent = new Int32Array(buffer, words(), size);
    this.last = new Uint32Array(buffer, words(), size);
    this.ids = new Uint32Array(buffer, words(), size);
    this.sym = new Uint16Array(buffer, at, size);
    this.field = new Uint16Array(buffer, at + size * 2, size);
    this.bits = new Uint8Array(buffer, at + size * 4, size);
    this.made = new Array(size);
  }

  /** Where each line of the tree starts, from the first line of its root, made when a position is first asked for. */
  private lineStarts?: Uint32Array;

  /**
   * The row and column of an offset in the tree, as tree-sitter counts them: rows end at '\n'
   * only, columns are UTF-16 code units. Positions are not read from the tree (most nodes are
   * never asked), and only the root's lines are indexed: a statement re-linted by the language
   * server does not index the whole file.
   */
  position(offset: number): Point {
    const first = this.firstLine;
    const starts = (this.lineStarts ??= lineStartsOf(this.text, first.offset - first.column, this.end[0]));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: first.row + lo, column: offset - starts[lo] };
  }

  /** The root of the whole tree (web-tree-sitter's, when only a subtree was read). */
  get rootNode(): SyntaxNode {
    return this.outside?.root ?? this.node(0);
  }

  /** The first child of node `i`, or -1: a node's children follow it in document order. */
  firstChild(i: number): number {
    return this.last[i] > i + 1 ? i + 1 : -1;
  }

  /** The next sibling of node `i`, or -1: the node after `i`'s subtree, if its parent's subtree holds it. */
  nextOf(i: number): number {
    const p = this.parent[i];
    const n = this.last[i];
    return p >= 0 && n < this.last[p] ? n : -1;
  }

  /** The node at an index, the same object every time. */
  node(i: number): FlatNode {
    return (this.made[i] ??= new FlatNode(this, i));
  }
}

/**
 * Reads a tree, or the subtree of one of its nodes (`from`, a top-level statement the language
 * server re-lints), or returns undefined when it cannot be read faithfully (the root it decodes
 * disagrees with web-tree-sitter's, or the tree holds more nodes than its root declares).
 */
export function readFlatTree(tree: Tree, text: string, tables: LanguageTables, memory: WasmMemory, from?: Node): FlatTree | undefined {
  // The calls into web-tree-sitter come first: memory views are replaced when WebAssembly memory
  // grows, so they are taken after the last call that could allocate, and nothing below calls in.
  const root = from ?? tree.rootNode;
  const rootSlot = root.id;
  const rootBytes = root.startIndex * 2;
  const outside = from ? { parent: from.parent, root: tree.rootNode } : undefined;
  const firstLine = from ? { offset: from.startIndex, ...from.startPosition } : undefined;
  const u8 = memory.HEAPU8;
  const u16 = memory.HEAPU16;
  const u32 = memory.HEAPU32;
  if (!u8 || !u16 || !u32) return undefined;
  // The root's own subtree: a statement can be an inline leaf (a short comment).
  const inline = (u8[rootSlot] & 1) !== 0;
  const rootPtr = inline ? 0 : u32[rootSlot >> 2];
  const rootChildren = inline ? 0 : u32[(rootPtr + 36) >> 2];
  const capacity = 1 + (rootChildren ? u32[(rootPtr + 56) >> 2] : 0);
  const t = new FlatTree(text, tables, capacity, outside, firstLine);
  const { sym, bits, start, end, parent, field, last, ids } = t;
  const { aliases, maxAliasLength, fieldOfChild, publicMap, named: namedSymbol } = tables;

  // The subtree whose children are being read, in locals, and the ones around it on a stack.
  // `owner` is the visible node the children belong to (a hidden subtree's children belong to its
  // nearest visible ancestor); `at` is where the next child's padding starts, in bytes (UTF-16: two
  // per code unit); `closes` says the subtree is `owner` itself, whose range ends with it.
  const stack: number[] = [];
  let base = 0;
  let count = 0;
  let ci = 0;
  let structural = 0;
  let production = 0;
  let fields: Uint16Array | undefined;
  let owner = 0;
  let inherited = 0;
  let at = 0;
  let closes = 1;
  // A bound on the subtrees entered: hidden subtrees (repetitions) are at most about one per
  // visible node, so a read that enters many more is not reading a tree and stops.
  let descents = 0;
  const maxDescents = 4 * capacity + 64;

  // The root: web-tree-sitter gives where it starts (after leading whitespace).
  let n = 1;
  if (inline) {
    const b0 = u8[rootSlot];
    sym[0] = tables.publicSymbol(u8[rootSlot + 1]);
    bits[0] = (b0 & 4 ? NAMED : 0) | (b0 & 32 ? MISSING | HAS_ERROR : 0);
    end[0] = (rootBytes + u8[rootSlot + 7]) >>> 1;
  } else {
    sym[0] = tables.publicSymbol(u16[(rootPtr + 40) >> 1]);
    bits[0] = (u8[rootPtr + 44] & 2 ? NAMED : 0) | (u8[rootPtr + 45] & 2 ? MISSING : 0) | (u32[(rootPtr + 32) >> 2] > 0 || u8[rootPtr + 45] & 2 ? HAS_ERROR : 0);
    end[0] = (rootBytes + u32[(rootPtr + 16) >> 2]) >>> 1;
  }
  start[0] = rootBytes >>> 1;
  parent[0] = -1;
  ids[0] = rootSlot;
  if (rootChildren) {
    base = rootPtr - rootChildren * 8;
    count = rootChildren;
    production = u16[(rootPtr + 66) >> 1];
    fields = fieldOfChild[production];
    at = rootBytes;
  }

  for (;;) {
    while (ci < count) {
      const slot = base + ci * 8;
      const b0 = u8[slot];
      let ptr = 0;
      let symbol = 0;
      let flags = 0;
      let children = 0;
      let padding = 0;
      let size = 0;
      if (b0 & 1) {
        // An inline leaf: visible, named, extra and missing are bits 1, 2, 3 and 5 of its first byte.
        symbol = u8[slot + 1];
        flags = ((b0 >> 1) & 7) | ((b0 >> 2) & 8);
        padding = u8[slot + 6];
        size = u8[slot + 7];
      } else {
        ptr = u32[slot >> 2];
        symbol = u16[(ptr + 40) >> 1];
        flags = (u8[ptr + 44] & 7) | ((u8[ptr + 45] & 2) << 2) | (u32[(ptr + 32) >> 2] > 0 ? 16 : 0);
        children = u32[(ptr + 36) >> 2];
        padding = u32[(ptr + 4) >> 2];
        size = u32[(ptr + 16) >> 2];
      }
      let alias = 0;
      let own = 0;
      if (!(flags & 4)) {
        if (production && structural < maxAliasLength) alias = aliases[production * maxAliasLength + structural];
        if (fields && structural < fields.length) own = fields[structural];
        structural++;
      }
      // Where the child starts: its padding counts after the first child, whose padding the
      // parent's own start already covers (lib/src/node.c, ts_node_child_iterator_next).
      const from = ci > 0 ? at + padding : at;
      at = from + size;
      ci++;
      let visibleIndex = -1;
      if (flags & 1 || alias) {
        if (n >= capacity) return undefined;
        const i = (visibleIndex = n++);
        const isNamed = alias ? namedSymbol[alias] !== 0 : (flags & 2) !== 0;
        sym[i] = publicMap[alias || symbol] ?? symbol;
        // MISSING counts as an error (lib/src/subtree.h, ts_subtree_error_cost).
        bits[i] = (isNamed ? NAMED : 0) | (flags & 4 ? EXTRA : 0) | (flags & 8 ? MISSING | HAS_ERROR : 0) | (flags & 16 ? HAS_ERROR : 0);
        start[i] = from >>> 1;
        end[i] = at >>> 1;
        parent[i] = owner;
        field[i] = flags & 4 ? 0 : own || inherited;
        ids[i] = slot;
        if (!children) last[i] = i + 1;
      }
      if (children) {
        if (++descents > maxDescents) return undefined;
        stack.push(base, count, ci, structural, production, owner, inherited, at, closes);
        base = ptr - children * 8;
        count = children;
        ci = 0;
        structural = 0;
        production = u16[(ptr + 66) >> 1];
        fields = fieldOfChild[production];
        at = from;
        if (visibleIndex >= 0) {
          owner = visibleIndex;
          inherited = 0;
          closes = 1;
        } else {
          inherited = own || inherited;
          closes = 0;
        }
      }
    }
    if (closes) last[owner] = n;
    if (!stack.length) break;
    closes = stack.pop()!;
    at = stack.pop()!;
    inherited = stack.pop()!;
    owner = stack.pop()!;
    production = stack.pop()!;
    fields = fieldOfChild[production];
    structural = stack.pop()!;
    ci = stack.pop()!;
    count = stack.pop()!;
    base = stack.pop()!;
  }
  // The decoded root must be web-tree-sitter's.
  let children = 0;
  for (let c = t.firstChild(0); c >= 0; c = t.nextOf(c)) children++;
  if (end[0] !== root.endIndex || children !== root.childCount || sym[0] !== root.typeId) return undefined;
  t.count = n;
  return t;
}

/** The offsets where lines start in text[from, to), `from` being a line's start. */
function lineStartsOf(text: string, from: number, to: number): Uint32Array {
  let count = 1;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Uint32Array(count);
  starts[0] = from;
  let k = 1;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}
