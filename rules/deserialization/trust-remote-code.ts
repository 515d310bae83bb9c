import { fix, replaceNode } from '../../engine/edits';
import { argument } from '../../engine/evaluate';
import { defineRule } from '../../engine/rule';
import { DESERIALIZATION, envMagic, envWriteOf, flag, throughParameter, truthyEnv, type EnvWrite, written } from '../helpers';

const ENV = 'HF_DATASETS_TRUST_REMOTE_CODE';
const FULL_SHA = /^[0-9a-f]{40}$/;

export default defineRule({
  meta: {
    code: 'MLS108',
    name: 'trust-remote-code',
    title: '`trust_remote_code=True` runs Python code from the model or dataset repository',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: { ...DESERIALIZATION, cwe: ['CWE-94', 'CWE-829'] },
    sources: ['bandit:B615'],
  },
  docs: `
## What it does
Flags \`trust_remote_code=True\` on any call (\`from_pretrained\`, \`from_config\`, \`AutoConfig\`, \`transformers.pipeline\`, \`datasets.load_dataset\`, vLLM's \`LLM\`...), values of it the rule cannot resolve, and \`HF_DATASETS_TRUST_REMOTE_CODE=1\` set in code or with \`%env\`.

## Why is this bad?
With this flag, the library downloads \`modeling_*.py\` or a dataset loading script from the Hub and imports it: the repository's owner (or whoever compromises their account) runs code on your machine, now and on every future download of \`main\`. A call that also pins \`revision\` to a full commit sha is reported at lower severity, since the code can then be reviewed once.

## Example
\`\`\`python
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("someone/new-model", trust_remote_code=True)
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("someone/new-model")
\`\`\`
Most architectures are now in \`transformers\` itself. If the custom code is really needed, read it and pin it: \`revision="<40-hex commit sha>"\`.

## Fix safety
Unsafe: models whose architecture lives only in the repository stop loading. \`datasets\` 4.0 removed loading scripts, so there the flag is dead code; from 2.16 to 3.x it runs them.

## Known limitations
None known.

## References
- [transformers: custom models and trust_remote_code](https://huggingface.co/docs/transformers/custom_models)
- [MITRE ATLAS AML.T0010.003: AI Supply Chain Compromise: Model](https://atlas.mitre.org/techniques/AML.T0010.003)
`,
  create(ctx) {
    const reportEnv = (w: EnvWrite) => {
      if (w.name === ENV && truthyEnv(w.value)) {
        ctx.report({ node: w.node, span: w.span, message: `\`${ENV}\` turns on \`trust_remote_code\` for every dataset load: loading scripts from the Hub run as Python` });
      }
    };
    return {
      call(node) {
        for (const w of envWriteOf(ctx, node)) reportEnv(w);
        // Most calls have no such keyword: look at the call's text before building its argument list.
        if (!node.text.includes('trust_remote_code')) return;
        const args = ctx.args(node);
        if (!args.keywords.has('trust_remote_code')) return;
        const trust = flag(ctx, args, 'trust_remote_code');
        const call = written(node, ctx.callee(node));
        if (trust.state === 'true') {
          const revision = ctx.evaluate(argument(args, 'revision'));
          const pinned = revision.known && typeof revision.value === 'string' && FULL_SHA.test(revision.value);
          ctx.report({
            node: trust.arg ?? trust.node,
            message: pinned
              ? `${call} with \`trust_remote_code=True\`${throughParameter(trust)} runs the repository's Python code; it is pinned to a commit, so review that code once`
              : `${call} with \`trust_remote_code=True\`${throughParameter(trust)} runs Python code from the repository, and whatever its \`main\` branch holds next time`,
            severity: pinned ? 'warning' : 'error',
            fixes: trust.indirect ? [] : [fix('Set `trust_remote_code=False`', 'unsafe', [replaceNode(trust.node, 'False')])],
          });
        } else if (trust.state === 'unknown') {
          ctx.report({
            node: trust.arg ?? trust.node,
            message: `Cannot verify \`trust_remote_code\` of ${call}: its value is ${trust.reason}`,
            severity: 'warning',
            confidence: 'medium',
          });
        }
      },
      assignment(node) {
        for (const w of envWriteOf(ctx, node)) reportEnv(w);
      },
      shell(line) {
        const w = envMagic(ctx, line);
        if (w) reportEnv(w);
      },
    };
  },
});
