import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { SyntaxNode } from './syntax';

/**
 * One top-level statement parsed on its own, standing in for the same statement of a tree that has
 * been edited (`Tree.edit`) but not parsed again.
 *
 * An incremental parse still visits every top-level statement of the file to reuse it: 1 to 2 ms
 * for a one-character edit in a 5,000-line file, 5 ms at 20,000 lines, the largest part of a
 * keystroke. When every edit since the last parse lies inside one top-level statement, the language
 * server parses that statement alone instead, with tree-sitter's included ranges, so the small
 * tree has the document's offsets and positions; the edited tree gives the rest of the file, whose
 * text did not change. The next full parse (the next edit elsewhere, or a code action) is an
 * ordinary incremental one.
 *
 * That is only done when the statement's parse cannot depend on what is around it:
 * - it starts a line at the top level (not `a = 1; b = 2`), where tree-sitter's state is always the
 *   same (no open bracket, no indentation), and so does the statement after it;
 * - the edits are strictly inside it, and alone it parses to one statement with no error, with the
 *   same extent as the edited tree gives it: what follows it still starts where it did;
 * - neither tree has an error anywhere (error recovery is not bound by statements);
 * - it is not in the file's leading docstring, comments and `__future__` imports, which a fix that
 *   adds `import os` reads through the tree's root.
 */
export interface StatementPatch {
  /** The statement's own tree, with the document's offsets and positions (or the edited tree itself, see `keepsTokens`). */
  readonly tree: Tree;
  /** The statement in `tree`. */
  readonly node: Node;
  /** The statement read out of WebAssembly (flat-tree.ts), with the edited tree as its tree: what the rules walk. */
  readonly read: SyntaxNode;
  /** The range parsed: from the statement's start to the next statement's start (or the text's end). */
  readonly start: number;
  readonly end: number;
  /** Frees the statement's own tree, if it has one. */
  dispose(): void;
}

/** Where the edits since `tree` was parsed lie in the current text (offsets in UTF-16 code units). */
export interface Touched {
  start: number;
  end: number;
  /** Every one of those edits replaced only letters, digits and underscores with only those. */
  words: boolean;
}

const TO_THE_END = { row: 0x7fffffff, column: 0 };
const CHUNK = 1024;

/**
 * The patch, or undefined where the statement cannot be parsed alone (then the whole tree is parsed
 * again). `keywords`: the words the grammar lexes as keywords (`keywordsOf`).
 */
export function reparseStatement(parser: Parser, tree: Tree, text: string, touched: Touched, keywords: ReadonlySet<string>, read: (statement: Node) => SyntaxNode | undefined): StatementPatch | undefined {
  if (typeof (tree as unknown as TextOf).textCallback !== 'function') return undefined;
  const root = tree.rootNode;
  if (root.hasError) return undefined;
  const statement = root.firstNamedChildForIndex(touched.start);
  if (!statement || !(statement.startIndex < touched.start && touched.end <= statement.endIndex)) return undefined;
  const start = statement.startIndex;
  if (start > 0 && text.charCodeAt(start - 1) !== 10) return undefined;
  for (let n = root.firstNamedChild, i = 0; n; n = n.nextNamedSibling, i++) {
    if (n.startIndex === start) return undefined;
    const leading = n.type === 'comment' || n.type === 'future_import_statement' || (i === 0 && n.type === 'expression_statement');
    if (!leading) break;
  }
  const next = statement.nextNamedSibling;
  const end = next ? next.startIndex : text.length;
  // What follows must still start a line: an edit that removed the line break before it joined the lines.
  if (next && text.charCodeAt(end - 1) !== 10) return undefined;
  if (keepsTokens(root, text, touched, keywords)) {
    const flat = read(statement);
    if (!flat) return undefined;
    retext(tree, text);
    return { tree, node: statement, read: flat, start, end, dispose: () => undefined };
  }
  // In chunks: given the string, web-tree-sitter hands tree-sitter the rest of the text from each
  // offset it asks for, which made this parse take 2 to 5 times as long.
  const small = parser.parse((index) => text.slice(index, index + CHUNK), null, {
    includedRanges: [{ startIndex: start, endIndex: end, startPosition: statement.startPosition, endPosition: next ? next.startPosition : TO_THE_END }],
  });
  if (!small) return undefined;
  const node = small.rootNode.hasError || small.rootNode.namedChildCount !== 1 ? null : small.rootNode.firstNamedChild;
  const flat = node && node.startIndex === start && node.endIndex === statement.endIndex ? read(node) : undefined;
  if (!node || !flat) {
    small.delete();
    return undefined;
  }
  retext(tree, text);
  return { tree: small, node, read: flat, start, end, dispose: () => small.delete() };
}

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The edits only typed or deleted letters, digits or underscores (so they removed no other token),
 * all inside one identifier, which is
 * still an identifier and not a keyword: the file lexes to the same tokens, so it parses to the same
 * tree, and the edited tree, whose ranges `Tree.edit` moved, is that tree already; no parse is
 * needed. Typing inside a name is most keystrokes. `Tree.edit` counts an insertion at a token's
 * start into the token before it when nothing separates them (`(` in `f(x`): then the edits are not
 * inside the identifier's range, and the statement is parsed. What is around
 * the identifier did not change, and in text that parsed with no error it cannot join the name
 * (a letter or digit would be part of it, a name cannot stand before a quote).
 */
function keepsTokens(root: Node, text: string, touched: Touched, keywords: ReadonlySet<string>): boolean {
  if (!touched.words) return false;
  const leaf = root.descendantForIndex(touched.start, touched.end);
  if (!leaf || leaf.type !== 'identifier' || leaf.childCount !== 0) return false;
  // The smallest node around the edits: they are inside its range.
  const word = text.slice(leaf.startIndex, leaf.endIndex);
  return WORD.test(word) && !keywords.has(word);
}

/**
 * The anonymous tokens of a grammar that look like names: its keywords, hard and soft (`match`,
 * `print`), and Python's constants, which tree-sitter-python makes named nodes (`true`) of their own.
 */
export function keywordsOf(language: { types: string[]; nodeTypeIsNamed(id: number): boolean }): Set<string> {
  const out = new Set<string>(['True', 'False', 'None']);
  language.types.forEach((name, id) => {
    if (name && WORD.test(name) && !language.nodeTypeIsNamed(id)) out.add(name);
  });
  return out;
}

/**
 * web-tree-sitter answers a node's `text` from the string its tree was parsed from. After edits, the
 * edited tree's offsets are those of the current text (outside the statement being patched, its
 * text is the same), so it is pointed at the current text. The tree keeps that function as
 * `textCallback` (web-tree-sitter 0.25, pinned; tests check it).
 */
function retext(tree: Tree, text: string): void {
  (tree as unknown as TextOf).textCallback = (index) => text.slice(index);
}

interface TextOf {
  textCallback: (index: number) => string;
}
