import { argument } from '../../engine/evaluate';
import { defineRule } from '../../engine/rule';
import { calleeNode, parameterDefault, written } from '../helpers';
import { PRIVACY } from './personal-data';

const NO_PRIVACY = /(^|\.)(NoPrivacySumQuery|NoPrivacyAverageQuery)$/;

export default defineRule({
  meta: {
    code: 'MLS404',
    name: 'dp-guarantee-voided',
    title: 'Differential privacy configured in a way that voids its guarantee',
    category: 'privacy',
    severity: 'warning',
    confidence: 'high',
    fix: 'unsafe',
    // `NoPrivacy…Query`, `make_private…` or Opacus's `PrivacyEngine` (the module is written).
    requires: ['NoPrivacy', 'make_private', 'opacus'],
    references: PRIVACY,
  },
  docs: `
## What it does
Flags \`poisson_sampling=False\` in Opacus \`make_private*\` (written out, or as the default of the enclosing function's parameter passed there), TensorFlow Privacy's \`NoPrivacySumQuery\` / \`NoPrivacyAverageQuery\`, and \`PrivacyEngine(secure_mode=False)\` written out (at info level: it is the default, fine for research, not for a model that ships).

## Why is this bad?
The privacy accounting assumes each example joins a batch independently (Poisson sampling); fixed-size shuffled batches break that assumption, so the epsilon Opacus reports is not the privacy you get. The \`NoPrivacy\` queries add no noise at all. \`secure_mode=False\` uses a pseudo-random generator whose noise can be attacked; Opacus itself warns to retrain with \`secure_mode=True\` before production.

## Example
\`\`\`python
model, optimizer, loader = engine.make_private(module=model, optimizer=optimizer, data_loader=loader, noise_multiplier=1.1, max_grad_norm=1.0, poisson_sampling=False)
\`\`\`

## Use instead
\`\`\`python
model, optimizer, loader = engine.make_private(module=model, optimizer=optimizer, data_loader=loader, noise_multiplier=1.1, max_grad_norm=1.0)
\`\`\`

## Fix safety
Unsafe: \`poisson_sampling=True\` makes batch sizes vary, which some training code does not expect.

## Known limitations
None known.

## References
- [Opacus FAQ: Poisson sampling and secure mode](https://opacus.ai/docs/faq)
`,
  create(ctx) {
    return {
      call(node) {
        const name = ctx.callee(node) ?? '';
        if (NO_PRIVACY.test(name)) {
          ctx.report({ node: calleeNode(node), message: `${written(node, name)} adds no noise: training with it has no differential privacy at all` });
          return;
        }
        const method = ctx.method(node);
        const args = () => ctx.args(node);
        if (method === 'make_private' || method === 'make_private_with_epsilon') {
          const poisson = argument(args(), 'poisson_sampling');
          const given = ctx.evaluate(poisson);
          const param = given.known ? undefined : parameterDefault(ctx, poisson);
          const v = param?.value ?? given;
          if (poisson && v.known && v.value === false) {
            ctx.report({ node: poisson.parent ?? poisson, message: (param ? `\`poisson_sampling\` defaults to False (the parameter \`${param.name}\`): that ` : '`poisson_sampling=False` ') + 'breaks the assumption the privacy accounting rests on: the reported epsilon is not the privacy you get', fixes: param ? [] : [{ title: 'Set `poisson_sampling=True`', safety: 'unsafe', edits: [{ start: poisson.startIndex, end: poisson.endIndex, text: 'True' }] }] });
          }
        }
        if (name === 'opacus.PrivacyEngine' || name === 'opacus.privacy_engine.PrivacyEngine') {
          const secure = argument(args(), 'secure_mode');
          const v = ctx.evaluate(secure);
          if (secure && v.known && v.value === false) {
            ctx.report({ node: secure.parent ?? secure, message: '`secure_mode=False` draws noise from an attackable generator: fine for research, but retrain with `secure_mode=True` before this model ships', severity: 'info' });
          }
        }
      },
    };
  },
});
