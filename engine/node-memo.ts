import { Node } from 'web-tree-sitter';

/**
 * Makes web-tree-sitter's Node remember what it has been asked.
 *
 * Every `type`, `endIndex`, `text`, `parent` or `childForFieldName` on a Node copies the node into
 * WebAssembly memory and calls into it, and navigation builds a new Node object each time; twenty
 * rules asking the same call node for its `function` child did that twenty times. A node of a parsed
 * tree never changes (an edit produces a new tree, whose nodes are new objects), so each answer is
 * computed once per Node object and kept on it. The saving is measured by `bench/` (cold lint).
 *
 * The answers live in one object of a fixed shape per node (`Memo`), so a Node gains a single
 * property and every lookup sees the same hidden class: adding a property per answer made each
 * access polymorphic and cost more than it saved.
 */
class Memo {
  type: string | undefined = undefined;
  isNamed: boolean | undefined = undefined;
  hasError: boolean | undefined = undefined;
  endIndex = -1;
  endPosition: unknown = undefined;
  text: string | undefined = undefined;
  /** `null` is a real answer (the root has no parent); `undefined` means not asked yet. */
  parent: Node | null | undefined = undefined;
  namedChildCount = -1;
  firstNamedChild: Node | null | undefined = undefined;
  /** Children by field, made on the first `childForFieldName` (most nodes are never asked). */
  children: Fields | undefined = undefined;
}

/** The fields rules ask for most; the rest go to `more`. */
class Fields {
  function: Node | null | undefined = undefined;
  arguments: Node | null | undefined = undefined;
  object: Node | null | undefined = undefined;
  attribute: Node | null | undefined = undefined;
  left: Node | null | undefined = undefined;
  right: Node | null | undefined = undefined;
  name: Node | null | undefined = undefined;
  value: Node | null | undefined = undefined;
  more: Map<string, Node | null> | undefined = undefined;
}

type Memoized = Node & { _mlsecMemo?: Memo };
type FieldSlot = 'function' | 'arguments' | 'object' | 'attribute' | 'left' | 'right' | 'name' | 'value';
const SLOTS = new Set<string>(['function', 'arguments', 'object', 'attribute', 'left', 'right', 'name', 'value']);

const memoOf = (node: Memoized): Memo => (node._mlsecMemo ??= new Memo());

let installed = false;

export function installNodeMemo(): void {
  if (installed) return;
  installed = true;
  const proto = Node.prototype as unknown as Record<string, unknown>;
  const getter = (name: string) => Object.getOwnPropertyDescriptor(proto, name)?.get as ((this: Node) => unknown) | undefined;
  const define = (name: string, get: (this: Memoized) => unknown) => Object.defineProperty(proto, name, { configurable: true, get });

  const type = getter('type');
  const isNamed = getter('isNamed');
  const hasError = getter('hasError');
  const endIndex = getter('endIndex');
  const endPosition = getter('endPosition');
  const text = getter('text');
  const parent = getter('parent');
  const namedChildCount = getter('namedChildCount');
  const firstNamedChild = getter('firstNamedChild');
  if (!type || !isNamed || !hasError || !endIndex || !endPosition || !text || !parent || !namedChildCount || !firstNamedChild) return;

  define('type', function () {
    const m = memoOf(this);
    return (m.type ??= type.call(this) as string);
  });
  define('isNamed', function () {
    const m = memoOf(this);
    return (m.isNamed ??= isNamed.call(this) as boolean);
  });
  define('hasError', function () {
    const m = memoOf(this);
    return (m.hasError ??= hasError.call(this) as boolean);
  });
  define('endIndex', function () {
    const m = memoOf(this);
    if (m.endIndex < 0) m.endIndex = endIndex.call(this) as number;
    return m.endIndex;
  });
  define('endPosition', function () {
    const m = memoOf(this);
    return (m.endPosition ??= endPosition.call(this));
  });
  define('text', function () {
    const m = memoOf(this);
    return (m.text ??= text.call(this) as string);
  });
  define('parent', function () {
    const m = memoOf(this);
    if (m.parent === undefined) m.parent = parent.call(this) as Node | null;
    return m.parent;
  });
  define('namedChildCount', function () {
    const m = memoOf(this);
    if (m.namedChildCount < 0) m.namedChildCount = namedChildCount.call(this) as number;
    return m.namedChildCount;
  });
  define('firstNamedChild', function () {
    const m = memoOf(this);
    if (m.firstNamedChild === undefined) m.firstNamedChild = firstNamedChild.call(this) as Node | null;
    return m.firstNamedChild;
  });

  const childForFieldName = proto.childForFieldName as (this: Node, field: string) => Node | null;
  proto.childForFieldName = function (this: Memoized, field: string): Node | null {
    const m = (memoOf(this).children ??= new Fields());
    if (SLOTS.has(field)) {
      const slot = field as FieldSlot;
      let child = m[slot];
      if (child === undefined) m[slot] = child = childForFieldName.call(this, field);
      return child;
    }
    const fields = (m.more ??= new Map());
    let child = fields.get(field);
    if (child === undefined) {
      child = childForFieldName.call(this, field);
      fields.set(field, child);
    }
    return child;
  };
}
