import type { SyntaxNode } from '../../engine/syntax';
import { defineRule, type Note } from '../../engine/rule';
import type { Fix } from '../../engine/types';
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
    fix: 'unsafe',
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
Unsafe, and offered when the file creates the optimizer (\`torch.optim.*(model.parameters(), ...)\`) and the \`DataLoader\`: right after the later of the two, the fix wraps all three with Opacus \`PrivacyEngine().make_private(noise_multiplier=1.0, max_grad_norm=1.0)\`. Training changes (clipped, noisy gradients, Poisson-sampled batches); tune the noise, or switch to \`make_private_with_epsilon\` with your budget and epoch count.

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
    const span = (n: SyntaxNode) => ({ start: n.startIndex, end: n.endIndex });
    const trained = new Set<number>();
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
      assignment(node) {
        // What the fix needs: the optimizer (and the model it optimizes) and the data loader.
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left?.type !== 'identifier' || right?.type !== 'call') return;
        const callee = ctx.callee(right) ?? '';
        const statement = node.parent?.type === 'expression_statement' ? node.parent : node;
        if (callee.startsWith('torch.optim.')) {
          const first = ctx.args(right).positional[0];
          const model = first?.type === 'call' && /^([A-Za-z_]\w*)\.parameters$/.exec(first.childForFieldName('function')?.text ?? '')?.[1];
          if (model) ctx.note(span(statement), { kind: 'optimizer', name: left.text, model });
        } else if (/(^|\.)DataLoader$/.test(callee)) {
          ctx.note(span(statement), { kind: 'loader', name: left.text });
        }
      },
      call(node) {
        const name = ctx.callee(node) ?? '';
        const method = ctx.method(node) ?? '';
        if (DP_LIBRARIES.test(name) || DP_METHODS.has(method)) {
          ctx.note(span(node), { kind: 'dp' });
          return;
        }
        if (!TRAINING_METHODS.has(method)) return;
        // Only the first training call of each function matters (the finding goes on the first of
        // the file); one note per function keeps the notes, which are replayed on every lint, few.
        const scope = enclosingFunction(ctx.ancestors());
        if (scope !== undefined) {
          if (trained.has(scope)) return;
          trained.add(scope);
        }
        const fn = node.childForFieldName('function') ?? node;
        ctx.note(span(fn), { kind: 'train', call: `${fn.text.replace(/\s+/g, '')}()` });
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
          fixes: wrapFix(notes, train.span.start, ctx.text),
        });
      },
    };
  },
});

function enclosingFunction(ancestors: readonly SyntaxNode[]): number | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) if (ancestors[i].type === 'function_definition') return ancestors[i].id;
  return undefined;
}

/** Opacus around the model, optimizer and loader the file creates before training, right after the later of them. */
function wrapFix(notes: readonly Note[], before: number, text: string): Fix[] {
  const last = (kind: string) => [...notes].reverse().find((n) => n.data.kind === kind && n.span.end <= before);
  const optimizer = last('optimizer');
  const loader = last('loader');
  if (!optimizer || !loader) return [{ title: 'Wrap model, optimizer and data loader with Opacus (see the mlsec-opacus snippet)', safety: 'display-only', edits: [] }];
  const after = optimizer.span.end > loader.span.end ? optimizer : loader;
  const lineStart = text.lastIndexOf('\n', after.span.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const [m, o, l] = [String(optimizer.data.model), String(optimizer.data.name), String(loader.data.name)];
  const code = [
    'from opacus import PrivacyEngine',
    'privacy_engine = PrivacyEngine()',
    `${m}, ${o}, ${l} = privacy_engine.make_private(module=${m}, optimizer=${o}, data_loader=${l}, noise_multiplier=1.0, max_grad_norm=1.0)`,
  ];
  return [{ title: 'Train with Opacus differential privacy (make_private, noise 1.0, clip 1.0)', safety: 'unsafe', edits: [{ start: after.span.end, end: after.span.end, text: code.map((c) => `\n${indent}${c}`).join('') }] }];
}
