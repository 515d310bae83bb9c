import type { SyntaxNode } from './syntax';
import type { Fix, FixSafety, TextEdit } from './types';

/** Builders for the edits that fixes are made of; each changes only the node it names. */

export function fix(title: string, safety: FixSafety, edits: TextEdit[]): Fix {
  return { title, safety, edits };
}

export function replaceNode(node: SyntaxNode, text: string): TextEdit {
  return { start: node.startIndex, end: node.endIndex, text };
}

/** Adds `text` (e.g. `weights_only=True`) as the last argument of a call, keeping a trailing comma. */
export function appendArgument(call: SyntaxNode, text: string): TextEdit | undefined {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return undefined;
  const args = list.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  if (args.length === 0) {
    const open = list.firstChild;
    return open ? { start: open.endIndex, end: open.endIndex, text } : undefined;
  }
  const last = args[args.length - 1];
  const after = last.nextSibling;
  if (after?.type === ',') return { start: after.endIndex, end: after.endIndex, text: ` ${text},` };
  return { start: last.endIndex, end: last.endIndex, text: `, ${text}` };
}

/**
 * Removes one argument and the comma that separates it, leaving comments in place; an argument
 * alone on its line takes the line with it.
 */
export function removeArgument(arg: SyntaxNode, text: string): TextEdit {
  return wholeLines(separatedRange(arg), text);
}

function separatedRange(arg: SyntaxNode): TextEdit {
  const next = arg.nextSibling;
  const prev = arg.previousSibling;
  if (next?.type === ',') {
    const following = next.nextSibling;
    if (following?.type === ')') {
      // Last argument with a trailing comma: keep one comma for the layout.
      if (prev?.type === ',') return { start: prev.startIndex, end: next.endIndex, text: ',' };
      return { start: arg.startIndex, end: next.endIndex, text: '' };
    }
    const end = following && following.type !== 'comment' && following.startPosition.row === next.endPosition.row ? following.startIndex : next.endIndex;
    return { start: arg.startIndex, end, text: '' };
  }
  if (prev?.type === ',') {
    const before = prev.previousSibling;
    return { start: before && before.type !== 'comment' ? before.endIndex : prev.startIndex, end: arg.endIndex, text: '' };
  }
  return { start: arg.startIndex, end: arg.endIndex, text: '' };
}

/** Widens a deletion to whole lines when nothing but white space would be left on them. */
function wholeLines(edit: TextEdit, text: string): TextEdit {
  if (edit.text !== '') return edit;
  let a = edit.start;
  while (a > 0 && (text[a - 1] === ' ' || text[a - 1] === '\t')) a--;
  let b = edit.end;
  while (b < text.length && (text[b] === ' ' || text[b] === '\t' || text[b] === '\r')) b++;
  const lineStart = a === 0 || text[a - 1] === '\n';
  if (lineStart && text[b] === '\n') return { start: a, end: b + 1, text: '' };
  return edit;
}
