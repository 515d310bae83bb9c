import { argument } from '../../engine/evaluate';
import { defineRule } from '../../engine/rule';
import { PRIVACY } from './personal-data';
import { calleeNode } from '../helpers';
import type { SyntaxNode } from '../../engine/syntax';
import { defaults, noteDefault, settingValue } from './dp-settings';

const TF_DP_OPTIMIZERS = /(^|\.)(DPKeras\w*Optimizer|VectorizedDPKeras\w*|DP\w*GaussianOptimizer|DPSequential|make_\w*optimizer_class|make_dp_model_class)$/;
/** Opacus optimizers built directly rather than through `make_private`: `DPOptimizer(optimizer, noise_multiplier, max_grad_norm, ...)`. */
const OPACUS_OPTIMIZERS = /^opacus\.(optimizers\.)?(\w+\.)?(DPOptimizer|DistributedDPOptimizer|DPPerLayerOptimizer|DistributedPerLayerOptimizer|DPOptimizerFastGradientClipping|DistributedDPOptimizerFastGradientClipping)$/;

export default defineRule({
  meta: {
    code: 'MLS403',
    name: 'weak-dp-noise',
    title: 'Differential privacy with too little noise or no gradient clipping',
    category: 'privacy',
    severity: 'warning',
    confidence: 'high',
    fix: 'display-only',
    fileScope: true,
    // `make_private`, Opacus's optimizers (the module is written) and TensorFlow Privacy's DP optimizer classes.
    requires: ['make_private', 'opacus', 'DP', 'optimizer_class', 'make_dp_model_class'],
    references: PRIVACY,
    options: {
      'unbounded-clip-norm': { type: 'number', default: 100, description: 'Clipping norm from which clipping counts as effectively off.' },
      'min-noise-multiplier': { type: 'number', default: 0.5, description: 'Smallest noise multiplier accepted.' },
      'max-clip-norm': { type: 'number', default: 10, description: 'Largest per-sample gradient clipping norm accepted.' },
    },
  },
  docs: `
## What it does
Flags Opacus \`make_private(noise_multiplier=..., max_grad_norm=...)\` and optimizers built directly (\`DPOptimizer\`, \`DistributedDPOptimizer\`, \`DPOptimizerFastGradientClipping\`), and TensorFlow Privacy DP optimizers (\`DPKerasSGDOptimizer(l2_norm_clip=..., noise_multiplier=...)\`, \`DPAdamGaussianOptimizer\`, classes made with \`make_keras_optimizer_class\` and the other \`make_*\` helpers) when the noise multiplier is below a floor (default 0.5; zero adds no noise at all) or the clipping norm is missing or huge (default above 10; from 100 on, clipping is effectively off).

Settings are resolved like any value: literals and module constants, argparse options (\`noise_multiplier=args.sigma\` with \`parser.add_argument("--sigma", default=0.1)\`), absl flags (\`FLAGS.noise_multiplier\` with \`flags.DEFINE_float("noise_multiplier", 0.1, ...)\`) and config dicts (\`cfg["max_grad_norm"]\` with a dict literal giving it) are judged by their defaults, and so are the defaults of the enclosing function's parameters (\`def wrap(..., noise_multiplier=0.1)\`: what a call that leaves it out trains with).

## Why is this bad?
DP-SGD protects records by clipping each example's gradient to a norm C and adding Gaussian noise proportional to C. A tiny noise multiplier spends the privacy budget in a few steps; a huge or missing clip lets a single record move the model as much as it likes, and the noise no longer covers it.

## Example
\`\`\`python
model, optimizer, loader = engine.make_private(module=model, optimizer=optimizer, data_loader=loader, noise_multiplier=0.1, max_grad_norm=1000)
\`\`\`

## Use instead
\`\`\`python
model, optimizer, loader = engine.make_private_with_epsilon(
    module=model, optimizer=optimizer, data_loader=loader,
    target_epsilon=3.0, target_delta=1e-6, epochs=EPOCHS, max_grad_norm=1.0,
)
\`\`\`
Targeting epsilon lets Opacus choose the noise; clip norms around 0.1 to 10 are usual.

## Fix safety
Display-only.

## Known limitations
Values computed at run time are not judged. Options, flags and config entries are matched by name within the file: a default set in another file, or on the command line, is not seen.

## Options
Set \`min-noise-multiplier\`, \`max-clip-norm\` and \`unbounded-clip-norm\` under \`[tool.mlsec.rules.MLS403]\`.

## References
- [Opacus: make_private](https://opacus.ai/api/privacy_engine.html)
- Abadi et al., *Deep Learning with Differential Privacy* (2016)
`,
  create(ctx) {
    const minNoise = Number(ctx.options['min-noise-multiplier']);
    const maxClip = Number(ctx.options['max-clip-norm']);
    const unbounded = Number(ctx.options['unbounded-clip-norm']);
    const check = (node: SyntaxNode | undefined, what: 'noise' | 'clip') => {
      if (!node) return;
      const v = settingValue(ctx, node);
      const at = node.parent?.type === 'keyword_argument' ? node.parent : node;
      if (v) ctx.note({ start: at.startIndex, end: at.endIndex }, { kind: 'check', what, ...v, written: at.text.length <= 80 ? at.text.replace(/\s+/g, ' ') : what });
    };
    return {
      pair: (node) => noteDefault(ctx, node),
      call(node) {
        noteDefault(ctx, node);
        const method = ctx.method(node);
        const name = ctx.callee(node) ?? '';
        const written = calleeNode(node).text;
        // `make_keras_optimizer_class(SGD)` makes the class; the class's instances take the settings.
        const tf = TF_DP_OPTIMIZERS.test(name) && !/make_\w*class$/.test(written);
        const direct = OPACUS_OPTIMIZERS.test(name);
        if (method !== 'make_private' && !tf && !direct) return;
        const args = ctx.args(node);
        check(argument(args, 'noise_multiplier', tf ? 1 : direct ? 1 : undefined), 'noise');
        const clip = argument(args, tf ? 'l2_norm_clip' : 'max_grad_norm', tf ? 0 : direct ? 2 : undefined);
        if (clip) check(clip, 'clip');
        else if (!args.opaqueKwargs.length && !args.starArgs) ctx.note({ start: calleeNode(node).startIndex, end: calleeNode(node).endIndex }, { kind: 'noclip', tf });
      },
      end() {
        const notes = ctx.notes();
        const given = defaults(notes);
        for (const n of notes) {
          if (n.data.kind === 'noclip') {
            ctx.report({ span: n.span, message: `No gradient clipping norm: without a bound on each example's gradient, the noise does not protect anyone; pass ${n.data.tf ? '`l2_norm_clip`' : '`max_grad_norm`'}` });
            continue;
          }
          if (n.data.kind !== 'check') continue;
          const value = typeof n.data.value === 'number' ? n.data.value : given.get(String(n.data.ref));
          if (value === undefined) continue;
          const via = n.data.param ? ` (the default of the parameter \`${n.data.param}\`)` : typeof n.data.value === 'number' ? '' : ` (\`${n.data.written}\`, whose default is ${value})`;
          if (n.data.what === 'noise' && value < minNoise) {
            const what = value === 0 ? `A noise multiplier of 0${via} adds no noise at all: training is not differentially private` : `\`noise_multiplier=${value}\`${via} is below ${minNoise}: that little noise spends the privacy budget in a few steps`;
            ctx.report({ span: n.span, message: `${what}; prefer the epsilon-targeted API (\`make_private_with_epsilon\`)`, fixes: [{ title: 'Use make_private_with_epsilon and let Opacus pick the noise', safety: 'display-only', edits: [] }] });
          } else if (n.data.what === 'clip' && value > maxClip) {
            const what = value >= unbounded ? `Clipping norm ${value}${via} clips nothing: per-example gradients are effectively unbounded, so the noise does not cover one record` : `Clipping norm ${value}${via} is above ${maxClip}: one record can move the model far more than the noise covers`;
            ctx.report({ span: n.span, message: `${what}; clip around 0.1 to 10` });
          }
        }
      },
    };
  },
});
