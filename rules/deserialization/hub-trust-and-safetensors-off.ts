import { fix, replaceNode } from '../../engine/edits';
import { defineRule } from '../../engine/rule';
import { DESERIALIZATION, flag, throughParameter, written } from '../helpers';

const HUB_LOAD = new Set(['torch.hub.load']);

export default defineRule({
  meta: {
    code: 'MLS112',
    name: 'hub-trust-and-safetensors-off',
    title: 'Remote code trusted without asking, or safetensors turned off',
    category: 'unsafe-deserialization',
    severity: 'warning',
    confidence: 'high',
    fix: 'unsafe',
    references: DESERIALIZATION,
  },
  docs: `
## What it does
Flags \`torch.hub.load(..., trust_repo=True)\` and \`from_pretrained(..., use_safetensors=False)\`.

## Why is this bad?
\`torch.hub.load\` imports the repository's \`hubconf.py\`; \`trust_repo=True\` skips the prompt that would ask before trusting a new repository, so any repository name, including a typo or a hijacked one, runs silently. \`use_safetensors=False\` makes \`from_pretrained\` prefer the pickled \`pytorch_model.bin\` over \`model.safetensors\`, bringing back code execution on load.

## Example
\`\`\`python
import torch

model = torch.hub.load("pytorch/vision", "resnet50", trust_repo=True)
\`\`\`

## Use instead
\`\`\`python
import torch

model = torch.hub.load("pytorch/vision:v0.19.0", "resnet50", trust_repo="check")
\`\`\`

## Fix safety
Unsafe: \`trust_repo="check"\` prompts on first use (and fails where there is no terminal); \`use_safetensors=True\` fails for repositories that only publish \`.bin\` files.

## Known limitations
None known.

## References
- [PyTorch docs: torch.hub.load, trust_repo](https://pytorch.org/docs/stable/hub.html#torch.hub.load)
- [safetensors](https://huggingface.co/docs/safetensors/index)
`,
  create(ctx) {
    return {
      call(node) {
        const name = ctx.callee(node);
        if (name && HUB_LOAD.has(name)) {
          const args = ctx.args(node);
          // trust_repo takes True, False, "check" or None: only True skips the prompt.
          const trust = flag(ctx, args, 'trust_repo');
          const value = trust.state === 'true' ? ctx.evaluate(trust.node) : undefined;
          if (trust.state === 'true' && value?.known && value.value === true) {
            ctx.report({
              node: trust.arg ?? trust.node,
              message: `${written(node, name)} with \`trust_repo=True\` imports the repository's hubconf.py without asking`,
              fixes: trust.indirect ? [] : [fix('Set `trust_repo="check"`', 'unsafe', [replaceNode(trust.node, '"check"')])],
            });
          }
          return;
        }
        if (ctx.method(node) !== 'from_pretrained') return;
        const safetensors = flag(ctx, ctx.args(node), 'use_safetensors');
        if (safetensors.state === 'false') {
          ctx.report({
            node: safetensors.arg ?? safetensors.node,
            message: `${written(node, name)} with \`use_safetensors=False\`${throughParameter(safetensors)} loads pickled weights (pytorch_model.bin), which run code when unpickled`,
            fixes: safetensors.indirect ? [] : [fix('Set `use_safetensors=True`', 'unsafe', [replaceNode(safetensors.node, 'True')])],
          });
        }
      },
    };
  },
});
