import type { Node, Point, Tree } from 'web-tree-sitter';

/**
 * One pass over the nodes whose type is in `types`, in document order, with `exit` called when a
 * node's subtree is done (before the next node after it is entered, or at the end).
 *
 * The nodes come from a single `descendantsOfType` call, which walks the tree inside WebAssembly and
 * returns only the matches: stepping a cursor from JavaScript costs a round trip per node, and
 * materializing a Node object is the most expensive operation web-tree-sitter has. There is no
 * recursion, so nesting depth cannot overflow the stack.
 */
export function walk(tree: Tree, types: ReadonlySet<string>, enter: (n: Node) => void, exit: (n: Node) => void, start?: Point, end?: Point): void {
  const nodes = start && end ? tree.rootNode.descendantsOfType([...types], start, end) : tree.rootNode.descendantsOfType([...types]);
  const open: Node[] = [];
  for (const node of nodes) {
    if (!node) continue;
    // Keywords share names with node types (`lambda`); only named nodes count.
    if (KEYWORD_TYPES.has(node.type) && !node.isNamed) continue;
    const at = node.startIndex;
    while (open.length && open[open.length - 1].endIndex <= at) exit(open.pop()!);
    enter(node);
    open.push(node);
  }
  while (open.length) exit(open.pop()!);
}

const KEYWORD_TYPES = new Set(['lambda', 'print', 'exec', 'async', 'await', 'match', 'case', 'type']);
