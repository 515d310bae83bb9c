import { appendArgument, fix, replaceNode } from '../../engine/edits';
import { defineRule } from '../../engine/rule';
import { calleeNode, DESERIALIZATION, flag, throughParameter, written } from '../helpers';

const LOADERS = new Set(['torch.hub.load_state_dict_from_url', 'torch.utils.model_zoo.load_url', 'torchvision.models.utils.load_state_dict_from_url', 'torchvision._internally_replaced_utils.load_state_dict_from_url']);

export default defineRule({
  meta: {
    code: 'MLS110',
    name: 'load-state-dict-from-url',
    title: '`load_state_dict_from_url` unpickles a downloaded checkpoint',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: DESERIALIZATION,
  },
  docs: `
## What it does
Flags \`torch.hub.load_state_dict_from_url\` and \`torch.utils.model_zoo.load_url\` unless \`weights_only=True\` is passed.

## Why is this bad?
These functions download a checkpoint and \`torch.load\` it. Unlike \`torch.load\` itself, their \`weights_only\` default is still \`False\` on every torch release, so whatever the URL serves is unpickled, and its code runs, on your machine.

## Example
\`\`\`python
from torch.hub import load_state_dict_from_url

state = load_state_dict_from_url("https://example.com/resnet.pth")
\`\`\`

## Use instead
\`\`\`python
from torch.hub import load_state_dict_from_url

state = load_state_dict_from_url("https://example.com/resnet-3c1e9a.pth", check_hash=True, weights_only=True)
\`\`\`
\`check_hash=True\` (MLS303) also verifies the file against the hash prefix in its name.

## Fix safety
Unsafe: checkpoints that pickle whole objects stop loading.

## Known limitations
None known.

## References
- [PyTorch docs: torch.hub.load_state_dict_from_url](https://pytorch.org/docs/stable/hub.html#torch.hub.load_state_dict_from_url)
`,
  create(ctx) {
    return {
      call(node) {
        const name = ctx.callee(node);
        if (!name || !LOADERS.has(name)) return;
        const weightsOnly = flag(ctx, ctx.args(node), 'weights_only', 6);
        const call = written(node, name);
        if (weightsOnly.state === 'true') return;
        if (weightsOnly.state === 'unknown' || (weightsOnly.state === 'absent' && weightsOnly.hidden)) {
          ctx.report({
            node: weightsOnly.state === 'unknown' ? (weightsOnly.arg ?? weightsOnly.node) : calleeNode(node),
            message: `Cannot verify \`weights_only\` of ${call}; it defaults to False here: pass \`weights_only=True\``,
            severity: 'warning',
            confidence: 'medium',
          });
          return;
        }
        if (weightsOnly.state === 'false') {
          ctx.report({
            node: weightsOnly.arg ?? weightsOnly.node,
            message: `${call} with \`weights_only=False\`${throughParameter(weightsOnly)} unpickles the downloaded file: whoever serves the URL runs code on this machine`,
            fixes: weightsOnly.indirect ? [] : [fix('Set `weights_only=True`', 'unsafe', [replaceNode(weightsOnly.node, 'True')])],
          });
          return;
        }
        const add = appendArgument(node, 'weights_only=True');
        ctx.report({
          node: calleeNode(node),
          message: `${call} defaults to \`weights_only=False\` on every torch version: it unpickles the downloaded file, so whoever serves the URL runs code here`,
          fixes: add ? [fix('Add `weights_only=True`', 'unsafe', [add])] : [],
        });
      },
    };
  },
});
