import { argument } from '../../engine/evaluate';
import type { SyntaxNode } from '../../engine/syntax';
import { defaults, noteDefault, oneOverLen, oneOverLenVariable, settingValue } from './dp-settings';
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
    fileScope: true,
    // Every finding rests on one of the budget calls, whose method names an alias cannot hide.
    requires: ['make_private_with_epsilon', 'compute_dp_sgd_privacy', 'get_noise_multiplier', 'get_epsilon', 'get_privacy_spent'],
    references: PRIVACY,
    options: {
      'max-epsilon': { type: 'number', default: 10, description: 'Largest target epsilon accepted.' },
      'max-delta': { type: 'number', default: 1e-5, description: 'Largest target delta accepted (it should also stay below 1/N for N records).' },
    },
  },
  docs: `
## What it does
Flags Opacus \`make_private_with_epsilon(target_epsilon=..., target_delta=...)\` and TensorFlow Privacy \`compute_dp_sgd_privacy(..., delta=...)\` when epsilon is above a ceiling (default 10) or delta is above 1e-5 (both configurable), the \`target_epsilon\` Opacus \`get_noise_multiplier\` computes the training noise for, and a delta computed as one over a count (\`1 / len(dataloader)\`, \`1 / len(dataset)\`, \`1.0 / num_train_examples\`, also through a variable assigned so in the function) there or in Opacus accounting calls (\`get_noise_multiplier\`, \`get_epsilon\`). Values are resolved through module constants, argparse defaults (\`args.delta\`), absl flags (\`FLAGS.delta\`), config dict literals and the defaults of the enclosing function's parameters.\n\nWhy 1e-5 itself is accepted: it is the delta of the Opacus tutorials (CIFAR-10, 50,000 records) and of TensorFlow Privacy's (MNIST, 60,000 records), both below 1/N for those data sets, and their docs give it as the usual choice; flagging it would flag every tutorial that follows the libraries' advice. Anything larger is reported; for data sets of fewer than 100,000 records, lower \`max-delta\` to stay below 1/N.

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
A budget computed at run time is reported as unverifiable. Options, flags and config entries are matched by name within the file.

## Options
Set \`max-epsilon\` and \`max-delta\` under \`[tool.mlsec.rules.MLS402]\`.

## References
- [Opacus: make_private_with_epsilon](https://opacus.ai/api/privacy_engine.html)
- Dwork and Roth, *The Algorithmic Foundations of Differential Privacy*
`,
  create(ctx) {
    const maxEpsilon = Number(ctx.options['max-epsilon']);
    const maxDelta = Number(ctx.options['max-delta']);
    const at = (n: SyntaxNode) => (n.parent?.type === 'keyword_argument' ? n.parent : n);
    const span = (n: SyntaxNode) => ({ start: at(n).startIndex, end: at(n).endIndex });
    const check = (node: SyntaxNode | undefined, what: 'epsilon' | 'delta', judge: boolean, unverifiable = true) => {
      if (!node) return;
      const len = what === 'delta' ? oneOverLen(ctx, node) ?? oneOverLenVariable(ctx, node) : undefined;
      if (len) {
        ctx.note(span(node), { kind: 'check', what: 'delta-len', len });
        return;
      }
      if (!judge) return;
      const v = settingValue(ctx, node);
      if (v) ctx.note(span(node), { kind: 'check', what, ...v, written: at(node).text.length <= 80 ? at(node).text.replace(/\s+/g, ' ') : what });
      else if (what === 'epsilon' && unverifiable && !ctx.evaluate(node).known) ctx.note({ start: node.startIndex, end: node.endIndex }, { kind: 'check', what: 'unknown', reason: (ctx.evaluate(node) as { reason: string }).reason });
    };
    return {
      pair: (node) => noteDefault(ctx, node),
      call(node) {
        noteDefault(ctx, node);
        const method = ctx.method(node) ?? lastPart(ctx.callee(node));
        if (!method) return;
        const args = ctx.args(node);
        if (method === 'make_private_with_epsilon') {
          check(argument(args, 'target_epsilon'), 'epsilon', true);
          check(argument(args, 'target_delta'), 'delta', true);
        } else if (method === 'compute_dp_sgd_privacy' || method === 'compute_dp_sgd_privacy_statement') {
          check(argument(args, 'delta', method === 'compute_dp_sgd_privacy' ? 4 : undefined), 'delta', true);
        } else if (ACCOUNTING.has(method)) {
          // Accounting calls only report the budget: a delta of 1/N there is still a delta of 1/N.
          check(argument(args, method === 'get_noise_multiplier' ? 'target_delta' : 'delta', method === 'get_noise_multiplier' ? undefined : 0), 'delta', false);
          // The noise Opacus computes for a target epsilon is the noise training gets: that epsilon is the budget.
          if (method === 'get_noise_multiplier') check(argument(args, 'target_epsilon'), 'epsilon', true, false);
        }
      },
      end() {
        const notes = ctx.notes();
        const given = defaults(notes);
        for (const n of notes) {
          if (n.data.kind !== 'check') continue;
          if (n.data.what === 'delta-len') {
            ctx.report({ span: n.span, message: `A delta of \`1 / ${n.data.len}\` is one over the number of ${/loader/i.test(String(n.data.len)) ? 'batches' : 'records'}: with that probability the guarantee may fail for every record at once; delta must be far below 1/N for N records (e.g. 1e-6, or 1/N²)`, fixes: [{ title: 'Lower delta far below 1/N (e.g. 1e-6)', safety: 'display-only', edits: [] }] });
            continue;
          }
          if (n.data.what === 'unknown') {
            ctx.report({ span: n.span, message: `Cannot verify the privacy budget: \`target_epsilon\` is ${n.data.reason}`, severity: 'info', confidence: 'medium' });
            continue;
          }
          const value = typeof n.data.value === 'number' ? n.data.value : given.get(String(n.data.ref));
          if (value === undefined) {
            if (n.data.what === 'epsilon') ctx.report({ span: n.span, message: `Cannot verify the privacy budget: \`${n.data.written}\` has no default in this file`, severity: 'info', confidence: 'medium' });
            continue;
          }
          const via = n.data.param ? ` (the default of the parameter \`${n.data.param}\`)` : typeof n.data.value === 'number' ? '' : ` (\`${n.data.written}\`, whose default is ${value})`;
          if (n.data.what === 'epsilon' && value > maxEpsilon) {
            ctx.report({ span: n.span, message: `\`target_epsilon=${value}\`${via} is above ${maxEpsilon}: a budget that large lets an attacker tell who was in the training data; aim below 10 (below 1 is strong)`, fixes: [{ title: 'Lower target_epsilon (e.g. 1 to 8)', safety: 'display-only', edits: [] }] });
          } else if (n.data.what === 'delta' && value > maxDelta) {
            ctx.report({ span: n.span, message: `Delta ${value}${via} is above ${maxDelta}: the guarantee may fail outright with that probability; keep delta far below 1/N for N records`, fixes: [{ title: 'Lower delta below 1/N (e.g. 1e-6)', safety: 'display-only', edits: [] }] });
          }
        }
      },
    };
  },
});

/** Calls that compute a budget from a delta rather than train under it. */
const ACCOUNTING = new Set(['get_noise_multiplier', 'get_epsilon', 'get_privacy_spent']);

/** What follows a name's last dot (the whole name without one), as `split('.').pop()` gives it. */
function lastPart(name: string | undefined): string | undefined {
  return name === undefined ? undefined : name.slice(name.lastIndexOf('.') + 1);
}
