import { fix, replaceNode } from '../../engine/edits';
import { defineRule } from '../../engine/rule';
import { calleeNode, DESERIALIZATION, flag, throughParameter, written } from '../helpers';

const LOADS = new Set(['numpy.load']);

export default defineRule({
  meta: {
    code: 'MLS103',
    name: 'numpy-load-allow-pickle',
    title: '`numpy.load` with `allow_pickle=True` unpickles object arrays',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: DESERIALIZATION,
    sources: ['semgrep:numpy-load-allow-pickle'],
  },
  docs: `
## What it does
Flags \`numpy.load(..., allow_pickle=True)\`, and \`allow_pickle\` values the rule cannot resolve.

## Why is this bad?
\`.npy\` and \`.npz\` files may hold object arrays, which NumPy stores as pickles. With \`allow_pickle=True\`, loading such a file runs the code inside it. NumPy turned the default off in 1.16.3 for this reason (CVE-2019-6446).

## Example
\`\`\`python
import numpy as np

features = np.load("features.npy", allow_pickle=True)
\`\`\`

## Use instead
\`\`\`python
import numpy as np

features = np.load("features.npy")
\`\`\`
Save numeric arrays, not object arrays; keep strings and metadata in JSON beside them.

## Fix safety
Unsafe: files that really contain object arrays stop loading.

## Known limitations
A flag passed in \`**kwargs\` is reported as unverifiable.

## References
- [NumPy docs: numpy.load](https://numpy.org/doc/stable/reference/generated/numpy.load.html)
- [CVE-2019-6446](https://nvd.nist.gov/vuln/detail/CVE-2019-6446)
`,
  create(ctx) {
    return {
      call(node) {
        const name = ctx.callee(node);
        if (!name || !LOADS.has(name)) return;
        const allow = flag(ctx, ctx.args(node), 'allow_pickle', 2);
        const call = written(node, name);
        if (allow.state === 'true') {
          ctx.report({
            node: allow.arg ?? allow.node,
            message: `${call} with \`allow_pickle=True\`${throughParameter(allow)} unpickles object arrays: a crafted .npy/.npz file runs code when loaded`,
            fixes: allow.indirect ? [] : [fix('Set `allow_pickle=False`', 'unsafe', [replaceNode(allow.node, 'False')])],
          });
        } else if (allow.state === 'unknown') {
          ctx.report({
            node: allow.arg ?? allow.node,
            message: `Cannot verify \`allow_pickle\` of ${call}: its value is ${allow.reason}`,
            severity: 'warning',
            confidence: 'medium',
          });
        } else if (allow.state === 'absent' && allow.hidden) {
          ctx.report({
            node: calleeNode(node),
            message: `Cannot verify ${call}: \`allow_pickle\` may be set in \`**kwargs\``,
            severity: 'info',
            confidence: 'low',
          });
        }
      },
    };
  },
});
