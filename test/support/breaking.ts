import type { Node } from 'web-tree-sitter';
import type { Engine } from '../../engine';
import { RULES } from '../../rules';

/**
 * Keystrokes that break valid Python inside one top-level statement, found from a parse of the
 * text, so that every one gives a syntax error by construction:
 * - `(` typed before a name (a name is never inside a string or a comment, and the statements'
 *   brackets are balanced, so nothing closes it);
 * - a letter typed after the first letter of `def` or `class` (`dxef f():`);
 * - a letter typed into the indentation of a line that starts with a name or a keyword other than
 *   one that may follow a name (`  x  return y`).
 * Each lies in a statement the language server can patch on its own (it starts a line at the top
 * level, and so does the one after it; it is neither part of the file's leading docstring, comments and
 * `__future__` imports nor the statement right after them; its region holds no unclosed triple quote), strictly after its first
 * character. `startRow..endRow` (exclusive) are the lines of its region: the statement and what
 * follows it up to the next statement.
 */
export interface Breaking {
  at: number;
  ins: string;
  startRow: number;
  endRow: number;
  kind: 'bracket' | 'keyword' | 'indentation';
}

/** Keywords that can follow a name (`a if b else c`, `a in b`): a letter typed before them may leave valid code. */
const AFTER_A_NAME = new Set(['if', 'else', 'in', 'not', 'is', 'and', 'or', 'for', 'as', 'async', 'lambda', 'await']);

export function breakingEdits(engine: Engine, text: string): Breaking[] {
  const tree = engine.parse(text);
  try {
    const root = tree.rootNode;
    if (root.hasError) return [];
    const out: Breaking[] = [];
    const statements = root.namedChildren.filter((n): n is Node => n !== null);
    let leading = true;
    statements.forEach((statement, i) => {
      const isLeading = statement.type === 'comment' || statement.type === 'future_import_statement' || (i === 0 && statement.type === 'expression_statement');
      // The statement right after them is not patched either (statement-reparse.ts refuses it too).
      const firstAfter = leading && !isLeading;
      leading &&= isLeading;
      if (leading || firstAfter || statement.type === 'comment') return;
      const start = statement.startIndex;
      if (start === 0 || text.charCodeAt(start - 1) !== 10) return;
      const next = statements[i + 1];
      const end = next ? next.startIndex : text.length;
      if (next && text.charCodeAt(end - 1) !== 10) return;
      const region = text.slice(start, end);
      if (region.split('"""').length % 2 === 0 || region.split("'''").length % 2 === 0) return;
      const rows = { startRow: statement.startPosition.row, endRow: next ? next.startPosition.row : text.split('\n').length };
      if (statement.type === 'function_definition' || statement.type === 'class_definition') out.push({ at: start + 1, ins: 'x', kind: 'keyword', ...rows });
      for (const name of statement.descendantsOfType('identifier')) {
        if (!name || name.startIndex <= start) continue;
        out.push({ at: name.startIndex, ins: '(', kind: 'bracket', ...rows });
      }
      // Lines inside the statement that start, after at least two spaces, with a name or a keyword.
      for (let row = statement.startPosition.row + 1; row <= statement.endPosition.row; row++) {
        const lineStart = offsetOfRow(text, row);
        const line = text.slice(lineStart, text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart));
        const indent = line.length - line.trimStart().length;
        if (indent < 2 || !/^[A-Za-z_]/.test(line.slice(indent))) continue;
        const leaf = root.descendantForIndex(lineStart + indent, lineStart + indent + 1);
        if (!leaf || leaf.startIndex !== lineStart + indent || leaf.childCount !== 0) continue;
        if (leaf.type !== 'identifier' && (leaf.isNamed || AFTER_A_NAME.has(leaf.type))) continue;
        // The line must start a statement of a block, not continue one inside brackets.
        if (!isStatementStart(leaf)) continue;
        out.push({ at: lineStart + 1, ins: 'x', kind: 'indentation', ...rows });
      }
    });
    return out;
  } finally {
    tree.delete();
  }
}

function offsetOfRow(text: string, row: number): number {
  let at = 0;
  for (let r = 0; r < row; r++) at = text.indexOf('\n', at) + 1;
  return at;
}

/** The leaf is the first token of a statement whose parent is a block. */
function isStatementStart(leaf: Node): boolean {
  for (let n: Node | null = leaf; n; n = n.parent) {
    if (n.startIndex !== leaf.startIndex) return false;
    if (n.parent?.type === 'block') return true;
  }
  return false;
}

/**
 * Codes whose findings may change anywhere in the file when one statement changes: rules that look
 * across statements (`fileScope`, decided at the end of the file from every statement's notes),
 * and the findings about suppressions (a suppression elsewhere may become unused).
 */
export const FILE_WIDE_CODES = new Set(['MLS000', 'MLS001', 'MLS002', 'MLS003', ...RULES.filter((r) => r.meta.fileScope).map((r) => r.meta.code)]);
