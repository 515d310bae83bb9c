import type { SyntaxNode } from '../../engine/syntax';
import { argument } from '../../engine/evaluate';
import { defineRule } from '../../engine/rule';
import { dataNames, personalTrainings, flowBatcher, flowsInto, readAll, rootName, targetNames } from './data-flow';
import { noteFixTargets, wrapFix } from './opacus-fix';
import { fileExports, importedPersonal, noteImport, topFunction } from './project-facts';
import { DP_LIBRARIES, DP_METHODS, normalize, piiNames, PRIVACY } from './personal-data';
import { originOf, personalDataset, preprocessing, PYCARET, PYCARET_TRAINING, scheduler, SENSITIVE_KEYWORDS, trainerLike } from './training';

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
Reports training (Keras and scikit-learn \`fit\`, pipelines and \`GridSearchCV\`, fairlearn reductions, PyCaret \`compare_models()\` / \`create_model()\` after \`setup(data=...)\`, \`Trainer.train()\`, \`loss.backward()\` / \`optimizer.step()\`) on data that holds personal data, when no differential-privacy library is used (Opacus, TensorFlow Privacy, JAX Privacy, diffprivlib...). Each such training is reported (up to 20 a file), a PyTorch loop once per function. The \`.fit\` of a scaler, encoder, imputer or column transformer is preprocessing, an LR scheduler's \`.step()\` and \`model.train()\` are not training.

Evidence of personal data: column and field names (\`email\`, \`sex\`, \`race\`, \`age\`, \`income\`, \`zip\`, \`smoker\`, \`bmi\`, \`diagnosis\`...) in \`usecols=\`, \`names=\`, subscripts, \`get_dummies(columns=...)\` and transformer column lists; well-known data sets about people by loader and name (\`fetch_openml("adult")\` or its id, German credit, credit default, COMPAS, heart disease, insurance, titanic, diabetes patients; \`fairlearn.datasets\`, \`aif360\`, PyCaret \`get_data\`, file names such as \`insurance.csv\` or starting with such a name, \`heart_failure_clinical_records_dataset.csv\`; loaders named after them, \`sc.germancredit()\`, \`load_adult()\`); health conditions as columns or targets (\`stroke\`, \`hypertension\`); \`sensitive_features=\` and protected-attribute arguments; dataset names listed in the options; a \`# mlsec: personal-data\` comment. Evidence is attributed per variable and followed through assignments: a model trained only on \`make_classification\` output or arrays written in the code is not reported, even next to a census data set. scikit-learn's \`load_diabetes\` is not counted: its records are a de-identified, scaled public release.

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
Heuristic: personal data that arrives without a recognizable name is not seen (mark the file with \`# mlsec: personal-data\`), a DP library used in another file is not seen, and variables are followed by name, not by scope. Data the file does not show (a function parameter) counts as personal when the file holds evidence.

## References
- [Opacus](https://opacus.ai/)
- [MITRE ATLAS AML.T0024: Exfiltration via AI Inference API](https://atlas.mitre.org/techniques/AML.T0024)
- NIST AI RMF, Measure 2.10 (privacy risk)
`,
  create(ctx) {
    const names = piiNames(ctx.options['pii-names']);
    const datasets = new Set((Array.isArray(ctx.options['personal-datasets']) ? ctx.options['personal-datasets'] : []).map(String));
    const span = (n: SyntaxNode) => ({ start: n.startIndex, end: n.endIndex });
    const vars = (list: Iterable<string>) => dataNames(ctx, list);
    const roots = readAll;
    const into = () => flowsInto(ctx);
    const flow = flowBatcher(ctx);
    const evidence = (node: SyntaxNode, name: string, extra: Iterable<string> = []) => ctx.note(span(node), { kind: 'pii', name, vars: [into(), vars(extra)].filter(Boolean).join(','), fn: topFunction(ctx) });
    return {
      string(node) {
        const v = ctx.evaluate(node);
        if (!v.known || typeof v.value !== 'string' || v.value.length > 40) return;
        if (names.has(normalize(v.value))) evidence(node, v.value);
        else if (datasets.has(v.value)) evidence(node, `dataset ${v.value}`);
      },
      comment(node) {
        if (/#\s*mlsec\s*:\s*personal-data\b/i.test(node.text)) ctx.note(span(node), { kind: 'marker', name: 'the `# mlsec: personal-data` marker' });
      },
      import_statement: (node) => noteImport(ctx, node, evidence),
      import_from_statement: (node) => noteImport(ctx, node, evidence),
      return_statement(node) {
        const fn = topFunction(ctx);
        const from = vars(roots(node.namedChildren));
        if (fn && from) flow(node, { to: `@return:${fn}`, from, origin: 'derived', fn });
      },
      for_statement(node) {
        const to = vars(targetNames(node.childForFieldName('left')));
        const from = vars(roots([node.childForFieldName('right')]));
        if (to && from) flow(node, { to, from, origin: 'derived', fn: topFunction(ctx) });
      },
      assignment(node) {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!right) return;
        const to = vars(targetNames(left));
        if (to) {
          const from = vars(roots([right]));
          flow(node, { to, from, origin: originOf(ctx.callee.bind(ctx), right, from), fn: topFunction(ctx) });
        }
        noteFixTargets(ctx, node);
      },
      call(node) {
        const name = ctx.callee(node) ?? '';
        const method = ctx.method(node) ?? '';
        if (DP_LIBRARIES.test(name) || DP_METHODS.has(method)) {
          ctx.note(span(node), { kind: 'dp' });
          return;
        }
        const args = ctx.args(node);
        const dataset = personalDataset(ctx, name, args) ?? importedPersonal(ctx, name);
        if (dataset) evidence(node, dataset);
        for (const kw of SENSITIVE_KEYWORDS) {
          const given = args.keywords.get(kw);
          if (given) evidence(given.arg, `\`${kw}=\``, [...roots([given.value, ...args.positional])]);
        }
        const fn = node.childForFieldName('function') ?? node;
        const receiver = fn.type === 'attribute' ? fn.childForFieldName('object') : null;
        const bare = name.split('.').pop() ?? '';
        // PyCaret: setup(data=...) names the data every later create_model / compare_models trains on.
        if ((bare === 'setup' || method === 'setup') && (name.startsWith('pycaret.') || !name.includes('.') || receiver)) {
          const data = argument(args, 'data', 0);
          // The experiment `setup` returns (`s = setup(...)`, then `s.compare_models()`) trains on the same data.
          if (data && args.keywords.has('target')) flow(node, { to: [PYCARET, into()].filter(Boolean).join(','), from: vars(roots([data])), origin: 'derived', fn: topFunction(ctx) });
          return;
        }
        let kind: 'fit' | 'loop' | 'pycaret' | undefined;
        if (PYCARET_TRAINING.has(method || bare) && (name.startsWith('pycaret.') || !name.includes('.') || receiver)) kind = 'pycaret';
        else if (method === 'fit' || method === 'partial_fit' || method === 'fit_generator') kind = preprocessing(ctx, receiver) ? undefined : 'fit';
        else if (method === 'backward') kind = 'loop';
        else if (method === 'step') kind = scheduler(ctx, receiver) ? undefined : 'loop';
        else if (method === 'train') kind = args.list?.namedChildCount || trainerLike(ctx, receiver) ? 'fit' : undefined;
        if (!kind) return;
        const call = `${fn.text.replace(/\s+/g, '')}()`;
        if (kind === 'pycaret') {
          const own = receiver && rootName(receiver);
          ctx.note(span(fn), { kind: 'train', call, vars: [PYCARET, own && vars([own])].filter(Boolean).join(','), data: PYCARET });
          return;
        }
        const own = rootName(receiver);
        const data = vars(roots(args.positional));
        const all = vars([...roots([...args.positional, ...[...args.keywords.values()].map((k) => k.value)]), ...(own ? [own] : [])]);
        ctx.note(span(fn), { kind: 'train', call, vars: all, data: kind === 'loop' || !data ? vars(own ? [own] : []) : data, ...(kind === 'loop' ? { loop: true, fn: topFunction(ctx) } : {}) });
      },
      end() {
        const notes = ctx.notes();
        ctx.exportFacts(fileExports(notes));
        if (notes.some((n) => n.data.kind === 'dp')) return;
        const evidence = notes.filter((n) => n.data.kind === 'pii' || n.data.kind === 'marker');
        if (!evidence.length || !notes.some((n) => n.data.kind === 'train')) return;
        const trainings = personalTrainings(notes, evidence);
        const shown = [...new Set(evidence.map((n) => String(n.data.name)))].slice(0, 4), marker = evidence.some((n) => n.data.kind === 'marker');
        const related = evidence.slice(0, 5).map((n) => ({ range: { start: ctx.lines.position(n.span.start), end: ctx.lines.position(n.span.end) }, message: `personal data: ${n.data.name}` }));
        const looks = shown.map((s) => (/^(the |data|OpenML|`)/.test(s) ? s : `\`${s}\``)).join(', ');
        trainings.forEach((train, i) => {
          ctx.report({
            span: train.span,
            message: `Training (\`${train.data.call}\`) on data that looks personal (${looks}) with no differential privacy: models memorize training records; use Opacus \`make_private_with_epsilon\` (or TensorFlow Privacy), or drop the personal columns`,
            confidence: marker ? 'high' : evidence.length > 1 ? 'medium' : 'low',
            related,
            // The fix wraps the file's one optimizer and loader: offered once.
            ...(i === 0 ? { fixes: wrapFix(notes, train.span.start, ctx.text) } : {}),
          });
        });
      },
    };
  },
});
