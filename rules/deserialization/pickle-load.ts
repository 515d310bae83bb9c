import { defineRule } from '../../engine/rule';
import { calleeNode, DESERIALIZATION, isLocalLiteralPath, literalData, written } from '../helpers';

const LOADERS = new Set(
  ['pickle', '_pickle', 'cPickle', 'six.moves.cPickle', 'dill', 'cloudpickle', 'pickle5'].flatMap((m) => [
    `${m}.load`,
    `${m}.loads`,
    `${m}.Unpickler`,
    `${m}._Unpickler`,
  ]).concat(['dill.load_session', 'dill.load_module', 'pandas.compat.pickle_compat.load']),
);

export default defineRule({
  meta: {
    code: 'MLS101',
    name: 'pickle-load',
    title: 'Pickle deserialization runs code from the data',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'none',
    references: DESERIALIZATION,
    sources: ['bandit:B301', 'ruff:S301', 'semgrep:avoid-pickle'],
  },
  docs: `
## What it does
Flags \`pickle.load\`, \`pickle.loads\` and \`pickle.Unpickler\`, and the same calls in \`_pickle\`, \`cPickle\`, \`dill\` and \`cloudpickle\`.

## Why is this bad?
Unpickling calls whatever the data tells it to: a pickle can carry \`os.system("...")\` in its \`__reduce__\`, and it runs the moment it is loaded. A model file, a cached dataset or a message from another process is enough to take over the machine that loads it. Files from a hub, a bucket or a colleague are all untrusted unless their bytes were verified.

A literal local path is reported at lower severity: it is still code execution if anyone can write that file. \`loads\` of a literal (\`pickle.loads(b"...")\`, or a constant bound to one) is not reported: the bytes are in the code, and nobody else can write them.

## Example
\`\`\`python
import pickle

with open("model.pkl", "rb") as f:
    model = pickle.load(f)
\`\`\`

## Use instead
\`\`\`python
from safetensors.torch import load_file

weights = load_file("model.safetensors")
\`\`\`
Store tensors as safetensors and plain data as JSON. To inspect a pickle you cannot avoid, scan it first with \`fickling\` or \`modelscan\`, or subclass \`pickle.Unpickler\` with a \`find_class\` that allows only the classes you expect.

## Fix safety
No automatic fix: changing the format needs the file rewritten too.

## Known limitations
A subclass of \`Unpickler\` defined in the project is not flagged, since it may restrict \`find_class\`.

## References
- [Python docs: pickle, the warning at the top](https://docs.python.org/3/library/pickle.html)
- [MITRE ATLAS AML.T0011.000: Unsafe AI Artifacts](https://atlas.mitre.org/techniques/AML.T0011.000)
`,
  create(ctx) {
    return {
      call(node) {
        const name = ctx.callee(node);
        if (!name || !LOADERS.has(name)) return;
        if (name.endsWith('.loads') && literalData(ctx, node)) return;
        const local = isLocalLiteralPath(ctx, ctx.args(node).positional[0]);
        ctx.report({
          node: calleeNode(node),
          message: `${written(node, name)} can execute arbitrary code while loading${local ? ' a local file; safe only if nobody else can write it' : ''}: use safetensors or JSON, or verify the file first`,
          severity: local ? 'warning' : 'error',
        });
      },
    };
  },
});
