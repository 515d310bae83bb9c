import { argument } from '../../engine/evaluate';
import { defineRule } from '../../engine/rule';
import { PRIVACY } from './personal-data';
import { calleeNode } from '../helpers';

const TF_DP_OPTIMIZERS = /(^|\.)(DPKeras\w*Optimizer|VectorizedDPKeras\w*|DP\w*GaussianOptimizer|make_keras_optimizer_class)$/;

export default defineRule({
  meta: {
    code: 'MLS403',
    name: 'weak-dp-noise',
    title: 'Differential privacy with too little noise or no gradient clipping',
    category: 'privacy',
    severity: 'warning',
    confidence: 'high',
    fix: 'display-only',
    references: PRIVACY,
    options: {
      'min-noise-multiplier': { type: 'number', default: 0.5, description: 'Smallest noise multiplier accepted.' },
      'max-clip-norm': { type: 'number', default: 10, description: 'Largest per-sample gradient clipping norm accepted.' },
    },
  },
  docs: `
## What it does
Flags Opacus \`make_private(noise_multiplier=..., max_grad_norm=...)\` and TensorFlow Privacy DP optimizers (\`DPKerasSGDOptimizer(l2_norm_clip=..., noise_multiplier=...)\` and the like) when the noise multiplier is below a floor (default 0.5) or the clipping norm is missing or huge (default above 10).

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
Values computed at run time are not judged.

## Options
Set \`min-noise-multiplier\` and \`max-clip-norm\` under \`[tool.mlsec.rules.MLS403]\`.

## References
- [Opacus: make_private](https://opacus.ai/api/privacy_engine.html)
- Abadi et al., *Deep Learning with Differential Privacy* (2016)
`,
  create(ctx) {
    const minNoise = Number(ctx.options['min-noise-multiplier']);
    const maxClip = Number(ctx.options['max-clip-norm']);
    return {
      call(node) {
        const method = ctx.method(node);
        const name = ctx.callee(node) ?? '';
        const tf = TF_DP_OPTIMIZERS.test(name);
        if (method !== 'make_private' && !tf) return;
        const args = ctx.args(node);
        const noise = argument(args, 'noise_multiplier', tf ? 1 : undefined);
        const clip = argument(args, tf ? 'l2_norm_clip' : 'max_grad_norm', tf ? 0 : undefined);
        const n = ctx.evaluate(noise);
        if (noise && n.known && typeof n.value === 'number' && n.value < minNoise) {
          ctx.report({ node: noise.parent?.type === 'keyword_argument' ? noise.parent : noise, message: `\`noise_multiplier=${n.value}\` is below ${minNoise}: that little noise spends the privacy budget in a few steps; prefer the epsilon-targeted API (\`make_private_with_epsilon\`)`, fixes: [{ title: 'Use make_private_with_epsilon and let Opacus pick the noise', safety: 'display-only', edits: [] }] });
        }
        if (!clip) {
          if (!args.opaqueKwargs.length) ctx.report({ node: calleeNode(node), message: `No gradient clipping norm: without a bound on each example's gradient, the noise does not protect anyone; pass ${tf ? '`l2_norm_clip`' : '`max_grad_norm`'}` });
          return;
        }
        const c = ctx.evaluate(clip);
        if (c.known && typeof c.value === 'number' && c.value > maxClip) {
          ctx.report({ node: clip.parent?.type === 'keyword_argument' ? clip.parent : clip, message: `Clipping norm ${c.value} is above ${maxClip}: one record can move the model far more than the noise covers; clip around 0.1 to 10` });
        }
      },
    };
  },
});
