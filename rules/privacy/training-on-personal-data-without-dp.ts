import type { Node } from 'web-tree-sitter';
import { defineRule } from '../../engine/rule';
import { DP_LIBRARIES, DP_METHODS, normalize, piiNames, PRIVACY } from './personal-data';

/** Method calls that start or step training, and the receivers that make them training. */
const TRAINING_METHODS = new Set(['backward', 'step', 'fit', 'train', 'fit_generator', 'partial_fit']);

export default defineRule({
  meta: {
    code: 'MLS401',
    name: 'training-on-personal-data-without-dp',
    title: 'Training on personal data with no differential privacy',
    category: 'privacy',
    severity: 'warning',
    confidence: 'medium',
    fix: 'display-only',
    fileScope: true,
    references: PRIVACY,
    options: {
      'pii-names': { type: 'array', default: [], description: 'More column or field names that hold personal data.' },
      'personal-datasets': { type: 'array', default: [], description: 'Dataset names or paths (as written in the code) that hold personal data.' },
    },
  },
  docs: `
## What it does
Reports a training entry point (\`loss.backward()\`, \`optimizer.step()\`, \`model.fit(...)\`, \`trainer.train()\`, Lightning \`trainer.fit(...)\`, scikit-learn \`fit\`) in a file or notebook that handles personal data, when no differential-privacy library is used (Opacus \`PrivacyEngine\` / \`make_private*\`, TensorFlow Privacy, JAX Privacy, diffprivlib...).

"Personal data" is evidence the rule can see: column or field names such as \`email\`, \`phone\`, \`ssn\`, \`dob\`, \`address\`, \`first_name\`, \`patient_id\`, \`diagnosis\`, \`ip_address\` written as string literals (\`df["email"]\`, \`usecols=[...]\`), dataset names listed in the options, or a \`# mlsec: personal-data\` comment. The message names the evidence and where it is.

## Why is this bad?
Models memorize their training data: membership inference tells whether a person was in the training set, and model inversion or extraction attacks recover records (MITRE ATLAS AML.T0024). Differential privacy bounds what any single record can change in the model, which is the defensible control for personal data; regulators and privacy reviews ask for it.

## Example
\`\`\`python
df = pd.read_csv("patients.csv", usecols=["patient_id", "age", "diagnosis", "outcome"])
for batch in loader:
    loss = criterion(model(batch["x"]), batch["y"])
    loss.backward()
    optimizer.step()
\`\`\`

## Use instead
\`\`\`python
from opacus import PrivacyEngine

engine = PrivacyEngine(secure_mode=True)
model, optimizer, loader = engine.make_private_with_epsilon(
    module=model, optimizer=optimizer, data_loader=loader,
    target_epsilon=3.0, target_delta=1e-6, epochs=EPOCHS, max_grad_norm=1.0,
)
\`\`\`
Or drop the personal columns before training, if the model does not need them.

## Fix safety
Display-only: adding DP changes the training and needs a privacy budget chosen by you.

## Known limitations
Heuristic: personal data that arrives without a recognizable name is not seen (mark the file with \`# mlsec: personal-data\`), and a DP library used in another file is not seen.

## References
- [Opacus](https://opacus.ai/)
- [MITRE ATLAS AML.T0024: Exfiltration via AI Inference API](https://atlas.mitre.org/techniques/AML.T0024)
- NIST AI RMF, Measure 2.10 (privacy risk)
`,
  create(ctx) {
    const names = piiNames(ctx.options['pii-names']);
    const datasets = new Set((Array.isArray(ctx.options['personal-datasets']) ? ctx.options['personal-datasets'] : []).map(String));
    const span = (n: Node) => ({ start: n.startIndex, end: n.endIndex });
    return {
      string(node) {
        const v = ctx.evaluate(node);
        if (!v.known || typeof v.value !== 'string' || v.value.length > 40) return;
        if (names.has(normalize(v.value))) ctx.note(span(node), { kind: 'pii', name: v.value });
        else if (datasets.has(v.value)) ctx.note(span(node), { kind: 'pii', name: `dataset ${v.value}` });
      },
      comment(node) {
        if (/#\s*mlsec\s*:\s*personal-data\b/i.test(node.text)) ctx.note(span(node), { kind: 'marker', name: 'the `# mlsec: personal-data` marker' });
      },
      call(node) {
        const name = ctx.callee(node) ?? '';
        const fn = node.childForFieldName('function');
        const method = fn?.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : '';
        if (DP_LIBRARIES.test(name) || DP_METHODS.has(method)) {
          ctx.note(span(node), { kind: 'dp' });
          return;
        }
        if (TRAINING_METHODS.has(method) && fn) ctx.note(span(fn), { kind: 'train', call: `${fn.text.replace(/\s+/g, '')}()` });
      },
      end() {
        const notes = ctx.notes();
        const evidence = notes.filter((n) => n.data.kind === 'pii' || n.data.kind === 'marker');
        const train = notes.find((n) => n.data.kind === 'train');
        if (!evidence.length || !train || notes.some((n) => n.data.kind === 'dp')) return;
        const shown = [...new Set(evidence.map((n) => String(n.data.name)))].slice(0, 4);
        const marker = evidence.some((n) => n.data.kind === 'marker');
        const lines = ctx.lines;
        ctx.report({
          span: train.span,
          message: `Training (\`${train.data.call}\`) on data that looks personal (${shown.map((s) => (s.startsWith('the ') || s.startsWith('dataset') ? s : `\`${s}\``)).join(', ')}) with no differential privacy: models memorize training records; use Opacus \`make_private_with_epsilon\` (or TensorFlow Privacy), or drop the personal columns`,
          confidence: marker ? 'high' : evidence.length > 1 ? 'medium' : 'low',
          related: evidence.slice(0, 5).map((n) => ({ range: { start: lines.position(n.span.start), end: lines.position(n.span.end) }, message: `personal data: ${n.data.name}` })),
          fixes: [{ title: 'Wrap model, optimizer and data loader with Opacus PrivacyEngine.make_private_with_epsilon', safety: 'display-only', edits: [] }],
        });
      },
    };
  },
});
