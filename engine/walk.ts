import type { Node, Tree } from 'web-tree-sitter';

/**
 * One pre-order traversal with a tree cursor and no recursion, so nesting depth cannot overflow the
 * stack. Only nodes whose type is in `types` are materialized as Node objects (that is the costly
 * part of web-tree-sitter); `exit` is called for them when their subtree is done.
 */
export function walk(tree: Tree, types: ReadonlySet<string>, enter: (n: Node) => void, exit: (n: Node) => void): void {
  const cursor = tree.walk();
  const open: { node: Node; depth: number }[] = [];
  let depth = 0;
  try {
    for (;;) {
      if (types.has(cursor.nodeType)) {
        const node = cursor.currentNode;
        enter(node);
        open.push({ node, depth });
      }
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        const top = open[open.length - 1];
        if (top && top.depth === depth) {
          open.pop();
          exit(top.node);
        }
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent()) return;
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}
