import { argument } from '../../engine/evaluate';
import { defineRule } from '../../engine/rule';
import { PRIVACY } from './personal-data';

export default defineRule({
  meta: {
    code: 'MLS402',
    name: 'weak-dp-budget',
    title: 'A differential-privacy budget too large to protect anyone',
    category: 'privacy',
    severity: 'warning',
    confidence: 'high',
    fix: 'display-only',
    references: PRIVACY,
    options: {
      'max-epsilon': { type: 'number', default: 10, description: 'Largest target epsilon accepted.' },
      'max-delta': { type: 'number', default: 1e-5, description: 'Largest target delta accepted (it should also stay below 1/N for N records).' },
    },
  },
  docs: `
## What it does
Flags Opacus \`make_private_with_epsilon(target_epsilon=..., target_delta=...)\` and TensorFlow Privacy \`compute_dp_sgd_privacy(..., delta=...)\` when epsilon is above a ceiling (default 10) or delta is at or above 1e-5 (both configurable, constants resolved).

## Why is this bad?
Epsilon bounds how much one person's record can change what the model reveals, on a log scale: at epsilon 50 the guarantee allows an attacker odds of e^50 that they can tell whether someone was in the data, which is no guarantee at all. Delta is the probability that the bound fails outright; it must be far below 1/N for N records, or the mechanism may leak whole records and still "meet" it.

## Example
\`\`\`python
model, optimizer, loader = engine.make_private_with_epsilon(
    module=model, optimizer=optimizer, data_loader=loader,
    target_epsilon=50, target_delta=1e-3, epochs=10, max_grad_norm=1.0,
)
\`\`\`

## Use instead
\`\`\`python
model, optimizer, loader = engine.make_private_with_epsilon(
    module=model, optimizer=optimizer, data_loader=loader,
    target_epsilon=3.0, target_delta=1e-6, epochs=10, max_grad_norm=1.0,
)
\`\`\`
Epsilon below 1 is strong, 1 to 10 is common in practice; pick delta below 1/N.

## Fix safety
Display-only: the budget is a decision about your data and your model's accuracy.

## Known limitations
A budget computed at run time is reported as unverifiable.

## Options
Set \`max-epsilon\` and \`max-delta\` under \`[tool.mlsec.rules.MLS402]\`.

## References
- [Opacus: make_private_with_epsilon](https://opacus.ai/api/privacy_engine.html)
- Dwork and Roth, *The Algorithmic Foundations of Differential Privacy*
`,
  create(ctx) {
    const maxEpsilon = Number(ctx.options['max-epsilon']);
    const maxDelta = Number(ctx.options['max-delta']);
    return {
      call(node) {
        const method = ctx.method(node) ?? ctx.callee(node)?.split('.').pop();
        if (method !== 'make_private_with_epsilon' && method !== 'compute_dp_sgd_privacy' && method !== 'compute_dp_sgd_privacy_statement') return;
        const args = ctx.args(node);
        const eps = argument(args, 'target_epsilon');
        const delta = argument(args, method === 'make_private_with_epsilon' ? 'target_delta' : 'delta', method === 'make_private_with_epsilon' ? undefined : 4);
        if (eps) {
          const v = ctx.evaluate(eps);
          if (v.known && typeof v.value === 'number' && v.value > maxEpsilon) {
            ctx.report({ node: eps.parent?.type === 'keyword_argument' ? eps.parent : eps, message: `\`target_epsilon=${v.value}\` is above ${maxEpsilon}: a budget that large lets an attacker tell who was in the training data; aim below 10 (below 1 is strong)`, fixes: [{ title: 'Lower target_epsilon (e.g. 1 to 8)', safety: 'display-only', edits: [] }] });
          } else if (!v.known) {
            ctx.report({ node: eps, message: `Cannot verify the privacy budget: \`target_epsilon\` is ${v.reason}`, severity: 'info', confidence: 'medium' });
          }
        }
        if (delta) {
          const v = ctx.evaluate(delta);
          if (v.known && typeof v.value === 'number' && v.value >= maxDelta) {
            ctx.report({ node: delta.parent?.type === 'keyword_argument' ? delta.parent : delta, message: `Delta ${v.value} is at or above ${maxDelta}: the guarantee may fail outright with that probability; keep delta far below 1/N for N records`, fixes: [{ title: 'Lower delta below 1/N (e.g. 1e-6)', safety: 'display-only', edits: [] }] });
          }
        }
      },
    };
  },
});
