import type { Node, Point, Tree } from 'web-tree-sitter';

/** What the walk knows about the node being entered, at no extra cost. */
export interface WalkState {
  /** The visited nodes that contain the current one, outermost first (the current node excluded). */
  readonly ancestors: readonly Node[];
  /** Ids of calls whose callee is not a plain dotted name even though their text starts like one (`f(a)(b)`). */
  readonly complexCallees: ReadonlySet<number>;
}

/**
 * One pass over the nodes whose type is in `types`, in document order, with `exit` called when a
 * node's subtree is done (before the next node after it is entered, or at the end).
 *
 * The nodes come from a single `descendantsOfType` call, which walks the tree inside WebAssembly and
 * returns only the matches: stepping a cursor from JavaScript costs a round trip per node, and
 * materializing a Node object is the most expensive operation web-tree-sitter has. There is no
 * recursion, so nesting depth cannot overflow the stack.
 */
export function walk(
  tree: Tree,
  types: ReadonlySet<string>,
  enter: (n: Node, type: string, state: WalkState) => void,
  exit: (n: Node, type: string) => void,
  start?: Point,
  end?: Point,
  /** Where to record the calls of `WalkState.complexCallees` (a run's walks of several statements share one). */
  complexCallees = new Set<number>(),
): void {
  // web-tree-sitter reads an end of (0, 0) as "no end": a statement that is empty at the very start
  // of the file (a MISSING node before a stray `;`) would walk the whole tree.
  if (start && end && end.row === 0 && end.column === 0) return;
  const found = start && end ? tree.rootNode.descendantsOfType([...types], start, end) : tree.rootNode.descendantsOfType([...types]);
  const nodes: Node[] = [];
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
  const open: Node[] = [];
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
