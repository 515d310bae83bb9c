import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { Tree } from 'web-tree-sitter';
import { LineIndex } from '../engine';
import type { DiagnosticData } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.mlsec`;
export const SHOW_DOCS_COMMAND = 'mlsec.showRuleDocumentation';

/** The menu for one MLSec diagnostic: its fixes, "ignore for this line", "show documentation". */
export function actionsFor(uri: string, d: Diagnostic, text: string, tree: Tree | undefined): CodeAction[] {
  const code = String(d.code);
  const data = d.data as DiagnosticData | undefined;
  const actions: CodeAction[] = [];
  for (const fix of data?.fixes ?? []) {
    if (fix.edits.length === 0) continue;
    actions.push({
      title: fix.safety === 'unsafe' ? `${fix.title} (unsafe fix: may change behaviour)` : fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: fix.safety === 'safe',
      edit: { changes: { [uri]: fix.edits } },
    });
  }
  const ignore = ignoreEdit(text, d.range.start.line, code, tree);
  if (ignore) actions.push({ title: `Ignore ${code} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: [ignore] } } });
  actions.push({ title: `Show documentation for ${code}`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: `Show documentation for ${code}`, command: SHOW_DOCS_COMMAND, arguments: [code] } });
  return actions;
}

const DIRECTIVE = /#\s*mlsec\s*:\s*ignore\[([^\]]*)\]/i;

/**
 * Adds the code to the line's `# mlsec: ignore[...]`, or appends one. Where a trailing comment would
 * change the code (inside a multi-line string, after a backslash), the comment goes on its own line
 * above the statement instead.
 */
export function ignoreEdit(text: string, line: number, code: string, tree: Tree | undefined): TextEdit | undefined {
  const lines = new LineIndex(text);
  const lineText = lines.line(line);
  const existing = DIRECTIVE.exec(lineText);
  if (existing) {
    const codes = existing[1].split(',').map((c) => c.trim()).filter(Boolean);
    if (codes.includes(code)) return undefined;
    const start = existing.index + existing[0].indexOf('[') + 1;
    return { range: { start: { line, character: start }, end: { line, character: start + existing[1].length } }, newText: [...codes, code].join(', ') };
  }
  const end = lineText.length;
  const inString = tree ? stringAcross(tree, line, end) : undefined;
  if (!lineText.trimEnd().endsWith('\\') && inString === undefined) {
    const pad = lineText.trim() === '' ? '' : '  ';
    return { range: { start: { line, character: end }, end: { line, character: end } }, newText: `${pad}# mlsec: ignore[${code}]` };
  }
  const target = inString ?? line;
  const indent = /^\s*/.exec(lines.line(target))![0];
  return { range: { start: { line: target, character: 0 }, end: { line: target, character: 0 } }, newText: `${indent}# mlsec: ignore[${code}]\n` };
}

/** When the end of `line` is inside a string spanning several lines, the first line of its statement. */
function stringAcross(tree: Tree, line: number, column: number): number | undefined {
  let node = tree.rootNode.descendantForPosition({ row: line, column: Math.max(0, column - 1) });
  let inString = false;
  for (let n: typeof node | null = node; n; n = n.parent) {
    if (n.type === 'string' && n.startPosition.row !== n.endPosition.row) inString = true;
    if (inString && (n.parent?.type === 'module' || n.parent?.type === 'block')) return n.startPosition.row;
    node = n;
  }
  return inString ? 0 : undefined;
}
