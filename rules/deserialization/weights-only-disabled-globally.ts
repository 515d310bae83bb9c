import type { SyntaxNode } from '../../engine/syntax';
import { defineRule } from '../../engine/rule';
import { DESERIALIZATION, envMagic, envWriteOf, flag, truthyEnv, type EnvWrite } from '../helpers';

const ENV = 'TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD';
const TORCH_LOAD = new Set(['torch.load', 'torch.serialization.load']);
const PATCHERS = new Set(['unittest.mock.patch', 'mock.patch', 'unittest.mock.patch.object', 'mock.patch.object', 'builtins.setattr']);

export default defineRule({
  meta: {
    code: 'MLS111',
    name: 'weights-only-disabled-globally',
    title: 'The `torch.load` safety switched off for the whole process',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'none',
    references: DESERIALIZATION,
  },
  docs: `
## What it does
Flags code that defeats \`weights_only\` everywhere at once: setting \`TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD\` (in \`os.environ\`, with \`setdefault\`, \`putenv\` or \`%env\`), reassigning \`torch.load\`, patching \`transformers\`' \`check_torch_load_is_safe\`, and the \`try: torch.load(..., weights_only=True) except: torch.load(..., weights_only=False)\` fallback.

## Why is this bad?
Each of these turns every later checkpoint load, including those inside libraries, back into full unpickling. The fallback is worse than no check: a malicious file fails the safe load on purpose and is then loaded unsafely.

## Example
\`\`\`python
import os
import torch

os.environ["TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"] = "1"

try:
    state = torch.load(path, weights_only=True)
except Exception:
    state = torch.load(path, weights_only=False)
\`\`\`

## Use instead
\`\`\`python
import torch
from my_project.config import TrainingConfig

torch.serialization.add_safe_globals([TrainingConfig])
state = torch.load(path, weights_only=True)
\`\`\`
Allow the few classes your checkpoints really contain instead of switching the check off.

## Fix safety
No automatic fix: the code around it depends on the unsafe behaviour.

## Known limitations
Patches applied through strings the rule cannot resolve are not seen.

## References
- [PyTorch docs: weights_only and add_safe_globals](https://pytorch.org/docs/stable/notes/serialization.html#weights-only)
`,
  create(ctx) {
    const tries = new Map<number, { safe?: SyntaxNode; unsafe: SyntaxNode[] }>();
    const reportEnv = (w: EnvWrite) => {
      if (w.name === ENV && truthyEnv(w.value)) {
        ctx.report({ node: w.node, span: w.span, message: `\`${ENV}\` makes every \`torch.load\` in this process unpickle arbitrary objects, whatever \`weights_only\` says` });
      }
    };
    const isPatchTarget = (q: string | undefined) => !!q && (TORCH_LOAD.has(q) || q.endsWith('.check_torch_load_is_safe'));
    return {
      assignment(node) {
        for (const w of envWriteOf(ctx, node)) reportEnv(w);
        const left = node.childForFieldName('left');
        if (left?.type === 'attribute' && isPatchTarget(ctx.qualifiedName(left))) {
          ctx.report({ node: left, message: `Replacing \`${left.text}\` disables the \`torch.load\` safety check for every caller, libraries included` });
        }
      },
      call(node) {
        for (const w of envWriteOf(ctx, node)) reportEnv(w);
        const name = ctx.callee(node);
        if (name && PATCHERS.has(name)) {
          const args = ctx.args(node);
          const target = ctx.evaluate(args.positional[0]);
          const attr = ctx.evaluate(args.positional[1]);
          const dotted =
            target.known && typeof target.value === 'string'
              ? target.value
              : `${ctx.qualifiedName(args.positional[0] ?? null) ?? ''}.${attr.known ? String(attr.value) : ''}`;
          if (isPatchTarget(dotted)) ctx.report({ node, message: `Patching \`${dotted}\` disables the \`torch.load\` safety check for every caller, libraries included` });
        }
        if (!name || !TORCH_LOAD.has(name)) return;
        const weightsOnly = flag(ctx, ctx.args(node), 'weights_only');
        const at = enclosingTry(node);
        if (!at) return;
        const entry = tries.get(at.tryNode.id) ?? { unsafe: [] };
        if (at.inHandler && weightsOnly.state !== 'true') entry.unsafe.push(node);
        if (!at.inHandler && weightsOnly.state === 'true') entry.safe = node;
        tries.set(at.tryNode.id, entry);
      },
      shell(line) {
        const w = envMagic(ctx, line);
        if (w) reportEnv(w);
      },
      end() {
        for (const { safe, unsafe } of tries.values()) {
          if (!safe) continue;
          for (const node of unsafe) {
            ctx.report({
              node,
              message: 'Falling back to an unsafe `torch.load` when the `weights_only=True` load fails lets a malicious checkpoint fail on purpose and then run',
              related: [{ range: { start: { line: safe.startPosition.row, column: safe.startPosition.column }, end: { line: safe.endPosition.row, column: safe.endPosition.column } }, message: 'the safe load that is bypassed' }],
            });
          }
        }
      },
    };
  },
});

/** The innermost `try` around a node, and whether the node is in one of its `except` handlers. */
function enclosingTry(node: SyntaxNode): { tryNode: SyntaxNode; inHandler: boolean } | undefined {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda') return undefined;
    if (p.type === 'try_statement') return { tryNode: p, inHandler: child.type === 'except_clause' };
  }
  return undefined;
}
