import { argument } from '../../engine/evaluate';
import { defineRule } from '../../engine/rule';
import { written } from '../helpers';
import { refKind, SUPPLY_CHAIN, whyNotPinned } from './pins';

const HUB = new Set(['torch.hub.load', 'torch.hub.list', 'torch.hub.help']);

export default defineRule({
  meta: {
    code: 'MLS302',
    name: 'torch-hub-unpinned',
    title: '`torch.hub.load` from a GitHub repository without a fixed ref',
    category: 'unpinned-artifact',
    severity: 'warning',
    confidence: 'high',
    fix: 'display-only',
    references: SUPPLY_CHAIN,
  },
  docs: `
## What it does
Flags \`torch.hub.load\`, \`torch.hub.list\` and \`torch.hub.help\` on a GitHub repository given as \`"owner/repo"\` with no \`:ref\`, or with a ref that is a branch (\`:main\`, \`:master\`, \`:dev\`...). \`source="local"\` is skipped.

## Why is this bad?
\`torch.hub.load\` imports the repository's \`hubconf.py\` and runs it. Without a ref it takes the default branch as it is today, so a new commit (or a compromised maintainer account) changes the code you execute and the weights you get, without any change on your side.

## Example
\`\`\`python
import torch

model = torch.hub.load("ultralytics/yolov5", "yolov5s")
\`\`\`

## Use instead
\`\`\`python
import torch

model = torch.hub.load("ultralytics/yolov5:v7.0", "yolov5s", trust_repo="check")
\`\`\`
A release tag is good; a full commit sha is better, since tags can be moved.

## Fix safety
Display-only: the tag or sha has to come from you.

## Known limitations
A repository given through a variable the rule cannot resolve is not reported.

## References
- [PyTorch docs: torch.hub.load](https://pytorch.org/docs/stable/hub.html#torch.hub.load)
`,
  create(ctx) {
    return {
      call(node) {
        const name = ctx.callee(node);
        if (!name || !HUB.has(name)) return;
        const args = ctx.args(node);
        const source = ctx.evaluate(argument(args, 'source'));
        if (source.known && source.value === 'local') return;
        const repoNode = argument(args, 'repo_or_dir', 0) ?? argument(args, 'github', 0);
        const repo = ctx.evaluate(repoNode);
        if (!repoNode || !repo.known || typeof repo.value !== 'string' || !/^[\w.-]+\/[\w.-]+(:.*)?$/.test(repo.value)) return;
        const [, ref] = repo.value.split(':');
        const fixes = [{ title: `Append a release tag or commit: "${repo.value.split(':')[0]}:<tag or sha>"`, safety: 'display-only' as const, edits: [] }];
        if (ref === undefined) {
          ctx.report({ node: repoNode, message: `${written(node, name)} runs hubconf.py from the default branch of \`${repo.value}\` as it is today: append \`:<tag or commit sha>\``, fixes });
        } else if (refKind(ref) === 'branch') {
          ctx.report({ node: repoNode, message: `${written(node, name)} is not pinned: ${whyNotPinned(ref)}; use a release tag or a commit sha`, fixes });
        }
      },
    };
  },
});
