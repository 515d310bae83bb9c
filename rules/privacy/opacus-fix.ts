import type { Note, RuleContext } from '../../engine/rule';
import type { SyntaxNode } from '../../engine/syntax';
import type { Fix } from '../../engine/types';

/** Opacus around the model, optimizer and loader the file creates before training, right after the later of them. */
export function wrapFix(notes: readonly Note[], before: number, text: string): Fix[] {
  const last = (kind: string) => [...notes].reverse().find((n) => n.data.kind === kind && n.span.end <= before);
  const optimizer = last('optimizer');
  const loader = last('loader');
  if (!optimizer || !loader) return [{ title: 'Wrap model, optimizer and data loader with Opacus (see the mlsec-opacus snippet)', safety: 'display-only', edits: [] }];
  const after = optimizer.span.end > loader.span.end ? optimizer : loader;
  const lineStart = text.lastIndexOf('\n', after.span.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const [m, o, l] = [String(optimizer.data.model), String(optimizer.data.name), String(loader.data.name)];
  const code = [
    'from opacus import PrivacyEngine',
    'privacy_engine = PrivacyEngine()',
    `${m}, ${o}, ${l} = privacy_engine.make_private(module=${m}, optimizer=${o}, data_loader=${l}, noise_multiplier=1.0, max_grad_norm=1.0)`,
  ];
  return [{ title: 'Train with Opacus differential privacy (make_private, noise 1.0, clip 1.0)', safety: 'unsafe', edits: [{ start: after.span.end, end: after.span.end, text: code.map((c) => `\n${indent}${c}`).join('') }] }];
}

/** Notes what the fix needs: the optimizer (and the model it optimizes) and the data loader. */
export function noteFixTargets(ctx: RuleContext, node: SyntaxNode): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const span = (n: SyntaxNode) => ({ start: n.startIndex, end: n.endIndex });
  if (!right) return;
  if (left?.type !== 'identifier' || right.type !== 'call') return;
  const callee = ctx.callee(right) ?? '';
  const statement = node.parent?.type === 'expression_statement' ? node.parent : node;
  if (callee.startsWith('torch.optim.')) {
    const first = ctx.args(right).positional[0];
    const model = first?.type === 'call' && /^([A-Za-z_]\w*)\.parameters$/.exec(first.childForFieldName('function')?.text ?? '')?.[1];
    if (model) ctx.note(span(statement), { kind: 'optimizer', name: left.text, model });
  } else if (/(^|\.)DataLoader$/.test(callee)) {
    ctx.note(span(statement), { kind: 'loader', name: left.text });
  }
}
