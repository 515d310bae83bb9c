import { Node } from 'web-tree-sitter';

/**
 * Makes web-tree-sitter's Node remember what it has been asked.
 *
 * Every `type`, `endIndex`, `text`, `parent` or `childForFieldName` on a Node copies the node into
 * WebAssembly memory and calls into it, and navigation builds a new Node object each time; twenty
 * rules asking the same call node for its `function` child did that twenty times. A node of a parsed
 * tree never changes (an edit produces a new tree, whose nodes are new objects), so each answer is
 * computed once per Node object and kept on it. The saving is measured by `bench/` (cold lint).
 */
const GETTERS = [
  'type',
  'typeId',
  'isNamed',
  'isMissing',
  'isError',
  'hasError',
  'endIndex',
  'endPosition',
  'text',
  'parent',
  'childCount',
  'namedChildCount',
  'firstChild',
  'lastChild',
  'firstNamedChild',
  'lastNamedChild',
  'nextSibling',
  'previousSibling',
  'nextNamedSibling',
  'previousNamedSibling',
] as const;

const FIELDS = Symbol('mlsec.fields');
let installed = false;

export function installNodeMemo(): void {
  if (installed) return;
  installed = true;
  const proto = Node.prototype as unknown as Record<string | symbol, unknown>;
  for (const name of GETTERS) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    const get = descriptor?.get;
    if (!get) continue;
    const slot = Symbol(`mlsec.${name}`);
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: Record<symbol, unknown>) {
        const kept = this[slot];
        if (kept !== undefined) return kept;
        const value = get.call(this);
        this[slot] = value;
        return value;
      },
    });
  }
  const childForFieldName = proto.childForFieldName as (this: Node, field: string) => Node | null;
  proto.childForFieldName = function (this: Node & { [FIELDS]?: Map<string, Node | null> }, field: string): Node | null {
    const fields = (this[FIELDS] ??= new Map());
    let child = fields.get(field);
    if (child === undefined) {
      child = childForFieldName.call(this, field);
      fields.set(field, child);
    }
    return child;
  };
}
