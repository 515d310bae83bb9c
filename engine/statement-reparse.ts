import type { Node, Parser, Tree } from 'web-tree-sitter';
import { canRetext, retext } from './edited-tree';
import type { SyntaxNode } from './syntax';

/**
 * One top-level statement parsed on its own, standing in for the same statement of a tree that has
 * been edited (`Tree.edit`) but not parsed again.
 *
 * An incremental parse still visits every top-level statement of the file to reuse it: 1 to 2 ms
 * for a one-character edit in a 5,000-line file, 5 ms at 20,000 lines, the largest part of a
 * keystroke. When the edits since the last parse that did not keep every token (edited-tree.ts)
 * lie inside a few top-level statements, the language server parses each statement alone instead,
 * with tree-sitter's included ranges, so the small tree has the document's offsets and positions;
 * the edited tree gives the rest of the file, whose tokens did not change. The next full parse
 * (after publishing, or for a code action) is an ordinary incremental one.
 *
 * That is only done when the statement's parse cannot depend on what is around it:
 * - it starts a line at the top level (not `a = 1; b = 2`), where tree-sitter's state is always the
 *   same (no open bracket, no indentation), and so does the statement after it;
 * - the edits are inside it (not at its first character), and alone it parses to one statement with no error, with the
 *   same extent as the edited tree gives it: what follows it still starts where it did;
 * - neither tree has an error anywhere (error recovery is not bound by statements);
 * - it is not in the file's leading docstring, comments and `__future__` imports, which a fix that
 *   adds `import os` reads through the tree's root.
 *
 * Where the statement alone parses with a syntax error (a letter typed into a keyword or into
 * indentation, an opening bracket or quote not closed yet) and every condition but that one holds,
 * and the caller asks for it (`broken`), the patch is made all the same and says so (`broken`): the
 * error is confined to the statement's region (from its start to the next statement's start), as
 * if the rest of the file were not there. In a parse of the whole file, error recovery could reach
 * any statement after it (an unclosed `(` swallows the rest of the file), and that parse costs 30 to
 * 150 ms at 5,000 to 20,000 lines. The statement cache lints what the broken statement's own parse
 * holds and serves every other statement as it was (statement-cache.ts).
 */
export interface StatementPatch {
  /** The statement's own tree, with the document's offsets and positions. */
  readonly tree: Tree;
  /** The statement in `tree` (for a broken patch, the root of `tree`). */
  readonly node: Node;
  /**
   * The statement read out of WebAssembly (flat-tree.ts), with the edited tree as its tree: what the
   * rules walk. For a broken patch, what its region parsed to: its top-level nodes, ERROR included.
   */
  readonly read: readonly SyntaxNode[];
  /** The statement alone parses with a syntax error, confined to its region. */
  readonly broken: boolean;
  /** The range parsed: from the statement's start to the next statement's start (or the text's end). */
  readonly start: number;
  readonly end: number;
  /** Frees the statement's own tree. */
  dispose(): void;
}

/** Where the edits since `tree` was parsed that did not keep every token lie in the current text (offsets in UTF-16 code units). */
export interface Touched {
  start: number;
  end: number;
}

const TO_THE_END = { row: 0x7fffffff, column: 0 };
/** How much text the parser is handed at a time, when it is handed text through a callback. */
export const TEXT_CHUNK = 1024;

/** At most this many statements are patched between two parses of the whole file. */
export const MAX_PATCHES = 4;

/**
 * A patch for each top-level statement the edits since `tree` was parsed lie in (`touched`: their
 * ranges, in the current text), or undefined where one of them cannot be parsed alone, or where
 * there are more than `MAX_PATCHES` (then the whole tree is parsed again). The edits of one statement
 * are parsed as one patch.
 */
export function reparseStatements(parser: Parser, tree: Tree, text: string, touched: readonly Touched[], read: (statement: Node) => SyntaxNode | undefined, broken = false): StatementPatch[] | undefined {
  if (!canRetext(tree) || tree.rootNode.hasError) return undefined;
  const root = tree.rootNode;
  const groups: Touched[] = [];
  let last: Node | null = null;
  for (const t of [...touched].sort((a, b) => a.start - b.start)) {
    const statement = root.firstNamedChildForIndex(t.start);
    if (!statement) return undefined;
    if (last && statement.startIndex === last.startIndex) {
      const g = groups[groups.length - 1];
      g.end = Math.max(g.end, t.end);
    } else {
      groups.push({ start: t.start, end: t.end });
      last = statement;
    }
  }
  if (groups.length > MAX_PATCHES) return undefined;
  const patches: StatementPatch[] = [];
  for (const g of groups) {
    const patch = reparseStatement(parser, tree, text, g, read, broken);
    if (!patch) {
      for (const made of patches) made.dispose();
      return undefined;
    }
    patches.push(patch);
  }
  return patches;
}

/**
 * The region holds an odd number of `"""` or of `'''`: a triple-quoted string may be open, and one
 * can span statements, so the text after the region could close it and make the whole file valid.
 * Only then can an error of the region alone be no error of the whole text: what the region holds
 * before its end is lexed as in the whole text, a bracket it leaves open is never closed by the
 * statements after it (they parsed with their brackets balanced), and a one-quote string ends with
 * its line.
 */
function opensLongString(text: string, start: number, end: number): boolean {
  const region = text.slice(start, end);
  const count = (quote: string) => region.split(quote).length - 1;
  return count('"""') % 2 === 1 || count("'''") % 2 === 1;
}

/** The patch, or undefined where the statement cannot be parsed alone (then the whole tree is parsed again). */
export function reparseStatement(parser: Parser, tree: Tree, text: string, touched: Touched, read: (statement: Node) => SyntaxNode | undefined, broken = false): StatementPatch | undefined {
  if (!canRetext(tree)) return undefined;
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
  // In chunks: given the string, web-tree-sitter hands tree-sitter the rest of the text from each
  // offset it asks for, which made this parse take 2 to 5 times as long.
  const small = parser.parse((index) => text.slice(index, index + TEXT_CHUNK), null, {
    includedRanges: [{ startIndex: start, endIndex: end, startPosition: statement.startPosition, endPosition: next ? next.startPosition : TO_THE_END }],
  });
  if (!small) return undefined;
  const parsed = small.rootNode;
  if (parsed.hasError && broken && !opensLongString(text, start, end)) {
    // The region's top-level nodes, each read out of WebAssembly where it can be (else walked as it is).
    const parts: SyntaxNode[] = [];
    for (let n = parsed.firstNamedChild; n; n = n.nextNamedSibling) parts.push(read(n) ?? n);
    retext(tree, text);
    return { tree: small, node: parsed, read: parts, broken: true, start, end, dispose: () => small.delete() };
  }
  const node = parsed.hasError || parsed.namedChildCount !== 1 ? null : parsed.firstNamedChild;
  const flat = node && node.startIndex === start && node.endIndex === statement.endIndex ? read(node) : undefined;
  if (!node || !flat) {
    small.delete();
    return undefined;
  }
  retext(tree, text);
  return { tree: small, node, read: [flat], broken: false, start, end, dispose: () => small.delete() };
}
