import type { SyntaxNode } from './syntax';

/** What the walk knows about the node being entered, at no extra cost. */
export interface WalkState {
  /** The visited nodes that contain the current one, outermost first (the current node excluded). */
  readonly ancestors: readonly SyntaxNode[];
  /** Ids of calls whose callee is not a plain dotted name even though their text starts like one (`f(a)(b)`). */
  readonly complexCallees: ReadonlySet<number>;
}

/**
 * One pass over the nodes of `root`'s subtree (`root` included) whose type is in `types`, in
 * document order, with `exit` called when a node's subtree is done (before the next node after it
 * is entered, or at the end).
 *
 * The nodes come from a single `descendantsOfType` call. On a `FlatNode` that is a scan of one
 * index range. On web-tree-sitter's Node it walks the tree inside WebAssembly and returns only the
 * matches: stepping a cursor from JavaScript costs a round trip per node, and materializing a Node
 * object is the most expensive operation web-tree-sitter has. It is asked of
 * the node itself, not of the root with a range: a range walk steps over every statement before
 * the range first, which made a statement near the end of a 5,000-line file cost 0.1 ms more to
 * walk. There is no recursion, so nesting depth cannot overflow the stack.
 */
export function walk(
  root: SyntaxNode,
  types: ReadonlySet<string>,
  enter: (n: SyntaxNode, type: string, state: WalkState) => void,
  exit: (n: SyntaxNode, type: string) => void,
  /** Where to record the calls of `WalkState.complexCallees` (a run's walks of several statements share one). */
  complexCallees = new Set<number>(),
): void {
  const found = root.descendantsOfType(typeList(types));
  const nodes: SyntaxNode[] = [];
  const kinds: string[] = [];
  for (const node of found) {
    if (!node) continue;
    const type = node.type;
    // Keywords share names with node types (`lambda`); only named nodes count.
    if (KEYWORD_TYPES.has(type) && !node.isNamed) continue;
    // Document order puts `f(a)(b)` before `f(a)`, which starts at the same place.
    const last = nodes.length - 1;
    if (type === 'call' && last >= 0 && kinds[last] === 'call' && nodes[last].startIndex === node.startIndex) complexCallees.add(nodes[last].id);
    nodes.push(node);
    kinds.push(type);
  }
  const open: SyntaxNode[] = [];
  const openTypes: string[] = [];
  const state: WalkState = { ancestors: open, complexCallees };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const at = node.startIndex;
    while (open.length && open[open.length - 1].endIndex <= at) exit(open.pop()!, openTypes.pop()!);
    enter(node, kinds[i], state);
    open.push(node);
    openTypes.push(kinds[i]);
  }
  while (open.length) exit(open.pop()!, openTypes.pop()!);
}

const KEYWORD_TYPES = new Set(['lambda', 'print', 'exec', 'async', 'await', 'match', 'case', 'type']);

const lists = new WeakMap<ReadonlySet<string>, string[]>();

/** The set as the array `descendantsOfType` takes, made once per set. */
function typeList(types: ReadonlySet<string>): string[] {
  let list = lists.get(types);
  if (!list) lists.set(types, (list = [...types]));
  return list;
}
