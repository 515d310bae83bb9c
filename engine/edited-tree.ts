import type { Tree } from 'web-tree-sitter';

/*
 * A tree that has been edited (`Tree.edit`) and is used without parsing it again: the language
 * server lints it as it is when every edit since the last parse kept the file's tokens, and reads
 * the statements a statement patch does not replace from it (statement-reparse.ts).
 */

/** One edit, as it lies in the text after it: `start..end` holds what it inserted, in place of `removed`. */
export interface EditRange {
  start: number;
  end: number;
  removed: string;
}

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const WORD_CHARS = /^[A-Za-z0-9_]*$/;

/**
 * The edit only typed or deleted letters, digits or underscores (so it removed no other token), inside
 * one identifier, which is still an identifier and not a keyword: the text lexes to the same tokens,
 * so it parses to the same tree, and the edited tree, whose ranges `Tree.edit` moved, is that tree
 * already. Typing inside a name is most keystrokes. `Tree.edit` counts an insertion at a token's
 * start into the token before it when nothing separates them (`(` in `f(x`): then the edit is not
 * inside the identifier's range. What is around the identifier did not change, and in text that
 * parsed with no error it cannot join the name (a letter or digit would be part of it, a name cannot
 * stand before a quote). `tree` must have no error (error recovery is not bound by tokens).
 */
export function keepsTokens(tree: Tree, text: string, edit: EditRange, keywords: ReadonlySet<string>): boolean {
  // What it inserted is part of the name checked below; what it removed must not have been another token.
  if (!WORD_CHARS.test(edit.removed) || !canRetext(tree)) return false;
  const root = tree.rootNode;
  if (root.hasError) return false;
  // The smallest node around the edit: the edit is inside its range.
  const leaf = root.descendantForIndex(edit.start, edit.end);
  if (!leaf || leaf.type !== 'identifier' || leaf.childCount !== 0) return false;
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
 * edited tree's offsets are those of the current text (where a statement patch stands in, its text
 * is not read), so it is pointed at the current text. The tree keeps that function as
 * `textCallback` (web-tree-sitter 0.25, pinned; tests check it).
 */
export function retext(tree: Tree, text: string): void {
  (tree as unknown as TextOf).textCallback = (index) => text.slice(index);
}

export function canRetext(tree: Tree): boolean {
  return typeof (tree as unknown as TextOf).textCallback === 'function';
}

interface TextOf {
  textCallback: (index: number) => string;
}
