import type { Node } from 'web-tree-sitter';
import type { SyntaxNode } from './syntax';
import { isEnabled } from './config';
import type { LineIndex } from './lines';
import type { Report, Rule } from './rule';
import { parseDirective, removeCode, silences, type Malformed, type Suppression } from './suppressions';
import type { Finding, LintConfig } from './types';

export const UNUSED_SUPPRESSION = 'MLS001';
export const UNKNOWN_CODE = 'MLS002';
export const MALFORMED_SUPPRESSION = 'MLS003';

const SIMPLE_STATEMENTS = new Set([
  'expression_statement', 'return_statement', 'import_statement', 'import_from_statement', 'future_import_statement',
  'assert_statement', 'raise_statement', 'pass_statement', 'delete_statement', 'global_statement', 'nonlocal_statement',
  'print_statement', 'exec_statement', 'type_alias_statement', 'break_statement', 'continue_statement',
]);
const COMPOUND_STATEMENTS = new Set([
  'if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement', 'try_statement', 'except_clause',
  'finally_clause', 'with_statement', 'function_definition', 'class_definition', 'match_statement', 'case_clause',
  'decorated_definition',
]);

/**
 * The comments that may hold directives. Found from the text (a file without the word `mlsec`
 * has none, which is most files) and confirmed as tree-sitter `comment` nodes, so the word inside a
 * string never counts.
 */
export function directiveComments(rootAt: RootAt, text: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let seenEnd = -1;
  for (let i = text.indexOf('mlsec'); i !== -1; i = text.indexOf('mlsec', i + 5)) {
    if (i < seenEnd) continue;
    const node = rootAt(i).descendantForIndex(i, i + 1);
    if (node?.type === 'comment') {
      out.push(node);
      seenEnd = node.endIndex;
    }
  }
  return out;
}

/** The root of the tree that holds an offset: one tree, or (with a statement patch) the patched statement's own for offsets in it. */
export type RootAt = (offset: number) => Node;

export function applySuppressions(
  findings: Finding[],
  rootAt: RootAt,
  text: string,
  lineIndex: () => LineIndex,
  rules: readonly Rule[],
  config: LintConfig | undefined,
  toFinding: (rule: Rule, r: Report) => Finding,
): Finding[] {
  if (!text.includes('mlsec')) return findings;
  const comments = directiveComments(rootAt, text);
  if (comments.length === 0) return findings;
  const lines = lineIndex();
  const known = new Set(rules.map((r) => r.meta.code));
  const byCode = new Map(rules.map((r) => [r.meta.code, r]));
  const suppressions: Suppression[] = [];
  const malformed: Malformed[] = [];
  for (const c of comments) {
    const d = parseDirective(c.text, c.startIndex);
    if (!d) continue;
    if ('message' in d) {
      malformed.push(d);
      continue;
    }
    const line = c.startPosition.row;
    const trailing = lines.line(line).slice(0, c.startPosition.column).trim() !== '';
    suppressions.push({ file: d.kind === 'file-ignore', codes: d.codes, start: c.startIndex, end: c.endIndex, line, trailing, covers: [coverage(rootAt, lines, line, trailing)] });
  }
  const kept = suppressions.length ? findings.filter((f) => !suppressions.some((s) => silences(s, f))) : [...findings];
  const meta = (code: string, r: Report) => {
    const rule = byCode.get(code);
    if (rule && isEnabled(code, config)) kept.push(toFinding(rule, r));
  };
  for (const m of malformed) meta(MALFORMED_SUPPRESSION, { span: m, message: m.message });
  for (const s of suppressions) {
    for (const c of s.codes) {
      if (!known.has(c.code)) {
        meta(UNKNOWN_CODE, { span: c, message: `Unknown rule code \`${c.code.slice(0, 12)}\` in suppression (run \`mlsec rules\` for the list)` });
      } else if (!c.used && isEnabled(c.code, config)) {
        meta(UNUSED_SUPPRESSION, {
          span: c,
          message: `Unused suppression of ${c.code}: nothing here triggers it`,
          fixes: [{ title: `Remove unused suppression of ${c.code}`, safety: 'safe', edits: [removeCode(s, c, lines.text)] }],
        });
      }
    }
  }
  return kept;
}

/**
 * The lines a directive on `line` covers: the statement holding that line for a trailing comment,
 * the next statement for a comment on its own line; only the header of a compound statement.
 */
function coverage(rootAt: RootAt, lines: LineIndex, line: number, trailing: boolean): [number, number] {
  let target = line;
  if (!trailing) {
    target = line + 1;
    while (target < lines.lineCount && /^\s*(#.*)?$/.test(lines.line(target))) target++;
    if (target >= lines.lineCount) return [line, line];
  }
  const text = lines.line(target);
  const column = text.length - text.trimStart().length;
  const root = rootAt(lines.offset({ line: target, column }));
  for (let n: SyntaxNode | null = root.descendantForPosition({ row: target, column }); n; n = n.parent) {
    if (SIMPLE_STATEMENTS.has(n.type)) return [n.startPosition.row, n.endPosition.row];
    if (COMPOUND_STATEMENTS.has(n.type)) return [n.startPosition.row, headerEnd(n)];
  }
  return [target, target];
}

function headerEnd(node: SyntaxNode): number {
  const start = node.startPosition.row;
  const target = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  const block = target?.namedChildren.find((c) => c?.type === 'block');
  if (!block) return start;
  return Math.max(start, block.startPosition.row === start ? start : block.startPosition.row - 1);
}
