import type { Node, Tree } from 'web-tree-sitter';
import { type LanguageTables, type WasmMemory } from './language-tables';
import { FlatNode } from './flat-node';
import { LineIndex } from './lines';
import type { Point, SyntaxNode } from './syntax';

export const NAMED = 1;
/** The subtree holds an ERROR or a MISSING node (tree-sitter's error cost is above 0). */
export const HAS_ERROR = 2;

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
  /** @internal The arrays' memory, for `releaseFlatTree`. */
  readonly buffer: ArrayBuffer;
  /** How many nodes were read. */
  count = 0;

  constructor(
    readonly text: string,
    readonly tables: LanguageTables,
    /** How many nodes the arrays can hold: the root's count of visible descendants, plus the root. */
    size: number,
    /**
     * For the subtree of one node (a statement the language server re-lints): that node and its
     * tree, web-tree-sitter's, which the subtree's parent, root and first line are asked of.
     */
    private readonly outside?: { readonly node: Node; readonly tree: Tree },
  ) {
    // One allocation for all the arrays: the language server reads a statement per keystroke, and
    // an ArrayBuffer each made ten times the allocations, which the server's RSS showed. A whole-file
    // lint gives its buffer back when it is done (`releaseFlatTree`), and the next tree reuses it.
    const bytes = size * 25;
    const buffer = spare && spare.byteLength >= bytes ? spare : new ArrayBuffer(bytes);
    if (buffer === spare) spare = undefined;
    this.buffer = buffer;
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

  /** The lines from the root's first one to its end, indexed when a position is first asked for. */
  private lines?: { index: LineIndex; offset: number; row: number };

  /**
   * The row and column of an offset in the tree, as tree-sitter counts them (rows end at '\n'
   * only, columns are UTF-16 code units). Positions are not read from the tree (most nodes are
   * never asked), and only the root's lines are indexed: a statement re-linted by the language
   * server does not index the whole file.
   */
  position(offset: number): Point {
    if (!this.lines) {
      // A whole tree's lines start with the text; a statement's with the line it starts on.
      const first = this.outside?.node.startPosition;
      const lineStart = first ? this.start[0] - first.column : 0;
      this.lines = { index: new LineIndex(this.text.slice(lineStart, this.end[0])), offset: lineStart, row: first?.row ?? 0 };
    }
    const { line, column } = this.lines.index.position(offset - this.lines.offset);
    return { row: this.lines.row + line, column };
  }

  /** The parent of the root: web-tree-sitter's, when only a subtree was read. */
  get outerParent(): SyntaxNode | null {
    return this.outside?.node.parent ?? null;
  }

  /** The root of the whole tree (web-tree-sitter's, when only a subtree was read). */
  get rootNode(): SyntaxNode {
    return this.outside?.tree.rootNode ?? this.node(0);
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

/** A buffer given back by a finished lint, for the next tree's arrays: a scan reads a tree per file. */
let spare: ArrayBuffer | undefined;

/**
 * Gives a tree's memory to the next tree read. Only for a tree nothing will read again: the whole-file
 * lint that read it has returned, and its result holds plain data, no node. Every slot a tree reads
 * is written while it is read, so a reused buffer needs no clearing.
 */
export function releaseFlatTree(tree: FlatTree): void {
  if (!spare || tree.buffer.byteLength > spare.byteLength) spare = tree.buffer;
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
  const u8 = memory.HEAPU8;
  const u16 = memory.HEAPU16;
  const u32 = memory.HEAPU32;
  if (!u8 || !u16 || !u32) return undefined;
  // Room for the root and its visible descendants (a statement can be an inline leaf: a short comment).
  const rootPtr = u8[rootSlot] & 1 ? 0 : u32[rootSlot >> 2];
  const capacity = 1 + (rootPtr && u32[(rootPtr + 36) >> 2] ? u32[(rootPtr + 56) >> 2] : 0);
  const t = new FlatTree(text, tables, capacity, from && { node: from, tree });
  const { sym, bits, start, end, parent, field, last, ids } = t;
  const { aliases, maxAliasLength, fieldOfChild, named: namedSymbol, publicMap } = tables;

  // The subtree whose children are being read, in locals, and the ones around it on a stack.
  // `owner` is the visible node the children belong to (a hidden subtree's children belong to its
  // nearest visible ancestor); `at` is where the next child's padding starts, in bytes (UTF-16: two
  // per code unit); `closes` says the subtree is `owner` itself, whose range ends with it. The
  // root is read as the one child of a frame around it, which starts where web-tree-sitter says
  // the root starts (after leading whitespace) and belongs to no node.
  const stack: number[] = [];
  let base = rootSlot;
  let count = 1;
  let ci = 0;
  let structural = 0;
  let production = 0;
  let fields: Uint16Array | undefined;
  let owner = -1;
  let inherited = 0;
  let at = rootBytes;
  let closes = 0;
  // A bound on the subtrees entered: hidden subtrees (repetitions) are at most about one per
  // visible node, so a read that enters many more is not reading a tree and stops.
  let descents = 0;
  const maxDescents = 4 * capacity + 64;
  let n = 0;

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
        // An inline leaf: visible, named, extra and missing are bits 1, 2, 3 and 5 of its first byte
        // (an inline leaf has no error cost but its MISSING one).
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
        // `LanguageTables.publicSymbol`, written out for the loop that runs once per node of every file.
        const internal = alias || symbol;
        sym[i] = internal === 65535 ? internal : publicMap[internal];
        // MISSING counts as an error (lib/src/subtree.h, ts_subtree_error_cost).
        bits[i] = (isNamed ? NAMED : 0) | (flags & 24 ? HAS_ERROR : 0);
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
  if (n === 0) return undefined;
  let children = 0;
  for (let c = t.firstChild(0); c >= 0; c = t.nextOf(c)) children++;
  if (end[0] !== root.endIndex || children !== root.childCount || sym[0] !== root.typeId) return undefined;
  t.count = n;
  return t;
}
