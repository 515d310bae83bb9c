import { compareVersions } from '../../engine/config';
import { appendArgument, fix, replaceNode } from '../../engine/edits';
import { argument } from '../../engine/evaluate';
import { defineRule } from '../../engine/rule';
import { calleeNode, DESERIALIZATION, flag, throughParameter, written } from '../helpers';

const LOADS = new Set(['torch.load', 'torch.serialization.load']);

export default defineRule({
  meta: {
    code: 'MLS102',
    name: 'torch-load-without-weights-only',
    title: '`torch.load` without `weights_only=True` unpickles arbitrary objects',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: DESERIALIZATION,
    sources: ['bandit:B614', 'semgrep:pickles-in-pytorch'],
  },
  docs: `
## What it does
Flags \`torch.load\` calls that can unpickle arbitrary objects: \`weights_only=False\`, or \`weights_only\` left out where the project's torch is older than 2.6 (or unknown), or a custom \`pickle_module\`.

The rule reads the torch requirement from \`requirements*.txt\` or \`pyproject.toml\`:
- torch >= 2.6 pinned and \`weights_only\` absent: info only (2.6 made \`weights_only=True\` the default, unless \`pickle_module\` is passed);
- torch older than 2.6 and \`weights_only\` absent: error;
- torch older than 2.6 and \`weights_only=True\`: warning, because that loader could be bypassed before 2.6 (CVE-2025-32434);
- no torch requirement found: warning.

## Why is this bad?
A \`.pt\` or \`.bin\` checkpoint is a zip of pickles. With \`weights_only=False\`, loading it runs any code its author put in, which is how poisoned checkpoints on model hubs take over training machines.

## Example
\`\`\`python
import torch

state = torch.load("checkpoint.pt")
\`\`\`

## Use instead
\`\`\`python
import torch

state = torch.load("checkpoint.pt", weights_only=True)
\`\`\`
For checkpoints that hold your own classes, allow them with \`torch.serialization.add_safe_globals([...])\` instead of switching the safety off. Better still, store weights as safetensors.

## Fix safety
Adding \`weights_only=True\` is unsafe: a checkpoint that pickles a whole model object stops loading. It is marked safe when the project pins torch >= 2.6, where it only states the default. No fix is offered when \`pickle_module\` or \`**kwargs\` is passed.

## Known limitations
The torch version comes from the project's requirement files; a version installed by other means is unknown to the rule (set \`torch-version\` in \`[tool.mlsec]\`).

## References
- [PyTorch docs: torch.load](https://pytorch.org/docs/stable/generated/torch.load.html)
- [CVE-2025-32434](https://nvd.nist.gov/vuln/detail/CVE-2025-32434)
`,
  create(ctx) {
    const torch = ctx.project.torch;
    const modern = torch ? compareVersions(torch.version, '2.6') >= 0 : undefined;
    const pinned = torch ? `torch ${torch.exact ? '==' : '>='} ${torch.version} in ${torch.source}` : undefined;
    return {
      call(node) {
        const name = ctx.callee(node);
        if (!name || !LOADS.has(name)) return;
        const args = ctx.args(node);
        const weightsOnly = flag(ctx, args, 'weights_only');
        const pickleModule = argument(args, 'pickle_module', 2);
        const call = written(node, name);
        switch (weightsOnly.state) {
          case 'false':
            ctx.report({
              node: weightsOnly.arg ?? weightsOnly.node,
              message: `${call} with \`weights_only=False\`${throughParameter(weightsOnly)} unpickles arbitrary objects: a malicious checkpoint runs code when loaded`,
              fixes: weightsOnly.indirect ? [] : [fix('Set `weights_only=True`', 'unsafe', [replaceNode(weightsOnly.node, 'True')])],
            });
            return;
          case 'true':
            if (modern === false) {
              ctx.report({
                node: weightsOnly.arg ?? weightsOnly.node,
                message: `\`weights_only=True\` can be bypassed on torch < 2.6 (CVE-2025-32434), and the project allows ${pinned}: require torch >= 2.6`,
                severity: 'warning',
              });
            }
            return;
          case 'unknown':
            ctx.report({
              node: weightsOnly.arg ?? weightsOnly.node,
              message: `Cannot verify \`weights_only\` of ${call}: its value is ${weightsOnly.reason}; pass \`weights_only=True\``,
              severity: 'warning',
              confidence: 'medium',
            });
            return;
          case 'absent':
            break;
        }
        if (weightsOnly.hidden) {
          ctx.report({
            node: calleeNode(node),
            message: `Cannot verify ${call}: \`weights_only\` may be hidden in \`**kwargs\`; pass \`weights_only=True\` explicitly`,
            severity: 'warning',
            confidence: 'medium',
          });
          return;
        }
        if (pickleModule) {
          ctx.report({
            node: pickleModule.parent?.type === 'keyword_argument' ? pickleModule.parent : pickleModule,
            message: `${call} with a custom \`pickle_module\` defaults to \`weights_only=False\` on every torch version: it unpickles arbitrary objects`,
          });
          return;
        }
        const add = appendArgument(node, 'weights_only=True');
        const fixes = add ? [fix('Add `weights_only=True`', modern ? 'safe' : 'unsafe', [add])] : [];
        if (modern) {
          ctx.report({
            node: calleeNode(node),
            message: `${call} relies on the torch >= 2.6 default of \`weights_only=True\` (${pinned}); state it so older environments stay safe`,
            severity: 'info',
            fixes,
          });
        } else {
          ctx.report({
            node: calleeNode(node),
            message:
              modern === false
                ? `${call} without \`weights_only=True\` unpickles arbitrary objects on torch < 2.6 (${pinned}): a malicious checkpoint runs code when loaded`
                : `${call} without \`weights_only=True\`: on torch < 2.6 it unpickles arbitrary objects, and no torch pin was found to rule that out`,
            severity: modern === false ? 'error' : 'warning',
            fixes,
          });
        }
      },
    };
  },
});
