/** A position in the text: zero-based row, and column in UTF-16 code units. */
export interface Point {
  readonly row: number;
  readonly column: number;
}

/**
 * The part of a syntax tree node that the engine and the rules use. Two things implement it:
 * web-tree-sitter's `Node`, which asks WebAssembly for every answer, and `FlatNode` (flat-tree.ts),
 * which reads a whole parsed tree out of WebAssembly memory once and answers from JavaScript
 * arrays. Code written against this interface runs on either, so the flat tree can fall back to
 * web-tree-sitter's nodes whenever it cannot read a tree.
 */
export interface SyntaxNode {
  /** Unique within its tree; equal for the same node asked for twice. */
  readonly id: number;
  readonly type: string;
  readonly text: string;
  readonly isNamed: boolean;
  readonly hasError: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly parent: SyntaxNode | null;
  readonly children: (SyntaxNode | null)[];
  readonly namedChildren: (SyntaxNode | null)[];
  readonly namedChildCount: number;
  readonly firstChild: SyntaxNode | null;
  readonly firstNamedChild: SyntaxNode | null;
  readonly nextSibling: SyntaxNode | null;
  readonly previousSibling: SyntaxNode | null;
  readonly nextNamedSibling: SyntaxNode | null;
  readonly tree: { readonly rootNode: SyntaxNode };
  childForFieldName(fieldName: string): SyntaxNode | null;
  childrenForFieldName(fieldName: string): (SyntaxNode | null)[];
  /** Named and anonymous descendants of these types, this node included, in document order. */
  descendantsOfType(types: string | string[]): (SyntaxNode | null)[];
}
