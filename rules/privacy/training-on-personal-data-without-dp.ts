import type { SyntaxNode } from '../../engine/syntax';
import { argument, type CallArgs } from '../../engine/evaluate';
import { defineRule, type Note, type RuleContext } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { cleanClosure, personalClosure, readNames, rootName, targetNames, type Flow } from './data-flow';
import { DP_LIBRARIES, DP_METHODS, normalize, NOT_PERSONAL, PERSONAL_DATASETS, PERSONAL_LOADERS, PERSONAL_OPENML_IDS, piiNames, PRIVACY } from './personal-data';

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
    // Names bound to modules are not data (`pd` in `pd.read_csv(...)`).
    const vars = (list: Iterable<string>) => [...new Set(list)].filter((v) => ctx.lookup(v)?.kind !== 'import').join(',');
    const roots = (nodes: readonly (SyntaxNode | null | undefined)[]) => {
      const out = new Set<string>();
      for (const n of nodes) if (n) readNames(n, out);
      return out;
    };
    /** The variables the value being visited flows into: the enclosing assignment's targets, and the frame a subscript or method call reads. */
    const into = () => {
      const out: string[] = [];
      const anc = ctx.ancestors();
      for (let i = anc.length - 1; i >= 0; i--) {
        const a = anc[i];
        if (a.type === 'assignment') {
          targetNames(a.childForFieldName('left'), out);
          break;
        }
        if (a.type === 'subscript' || (a.type === 'call' && a.childForFieldName('function')?.type === 'attribute')) {
          const r = rootName(a.type === 'call' ? a.childForFieldName('function') : a);
          if (r) out.push(r);
        }
        if (a.type === 'expression_statement' || a.type === 'function_definition') break;
      }
      return vars(out);
    };
    const evidence = (node: SyntaxNode, name: string, extra: Iterable<string> = []) => ctx.note(span(node), { kind: 'pii', name, vars: [into(), vars(extra)].filter(Boolean).join(',') });
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
      for_statement(node) {
        const to = vars(targetNames(node.childForFieldName('left')));
        const from = vars(roots([node.childForFieldName('right')]));
        if (to && from) ctx.note(span(node.childForFieldName('left') ?? node), { kind: 'flow', to, from, origin: 'derived' });
      },
      assignment(node) {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!right) return;
        const to = vars(targetNames(left));
        if (to) {
          const from = vars(roots([right]));
          ctx.note(span(left ?? node), { kind: 'flow', to, from, origin: originOf(ctx.callee.bind(ctx), right, from) });
        }
        // What the fix needs: the optimizer (and the model it optimizes) and the data loader.
        if (left?.type !== 'identifier' || right.type !== 'call') return;
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
        const args = ctx.args(node);
        const dataset = personalDataset(ctx, name, args);
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
          if (data && args.keywords.has('target')) ctx.note(span(node), { kind: 'flow', to: PYCARET, from: vars(roots([data])), origin: 'derived' });
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
          ctx.note(span(fn), { kind: 'train', call, vars: PYCARET, data: PYCARET });
          return;
        }
        const own = rootName(receiver);
        const data = vars(roots(args.positional));
        const all = vars([...roots([...args.positional, ...[...args.keywords.values()].map((k) => k.value)]), ...(own ? [own] : [])]);
        ctx.note(span(fn), { kind: 'train', call, vars: all, data: kind === 'loop' || !data ? vars(own ? [own] : []) : data });
      },
      end() {
        const notes = ctx.notes();
        if (notes.some((n) => n.data.kind === 'dp')) return;
        const evidence = notes.filter((n) => n.data.kind === 'pii' || n.data.kind === 'marker');
        if (!evidence.length) return;
        const split = (v: unknown) => (typeof v === 'string' && v ? v.split(',') : []);
        const flows: Flow[] = notes.filter((n) => n.data.kind === 'flow').map((n) => ({ to: split(n.data.to), from: split(n.data.from), origin: n.data.origin as Flow['origin'] }));
        const personal = personalClosure(evidence.flatMap((n) => split(n.data.vars)), flows);
        const { clean, neutral } = cleanClosure(flows);
        const train = notes.find((n) => {
          if (n.data.kind !== 'train') return false;
          if (split(n.data.vars).some((v) => personal.has(v))) return true;
          // Trained only on synthetic data (make_classification, arrays written out): not personal, whatever else the file loads.
          const data = split(n.data.data).filter((v) => !neutral.has(v));
          return !(data.length > 0 && data.every((v) => clean.has(v)));
        });
        if (!train) return;
        const shown = [...new Set(evidence.map((n) => String(n.data.name)))].slice(0, 4);
        const marker = evidence.some((n) => n.data.kind === 'marker');
        const lines = ctx.lines;
        ctx.report({
          span: train.span,
          message: `Training (\`${train.data.call}\`) on data that looks personal (${shown.map((s) => (/^(the |data|OpenML|`)/.test(s) ? s : `\`${s}\``)).join(', ')}) with no differential privacy: models memorize training records; use Opacus \`make_private_with_epsilon\` (or TensorFlow Privacy), or drop the personal columns`,
          confidence: marker ? 'high' : evidence.length > 1 ? 'medium' : 'low',
          related: evidence.slice(0, 5).map((n) => ({ range: { start: lines.position(n.span.start), end: lines.position(n.span.end) }, message: `personal data: ${n.data.name}` })),
          fixes: wrapFix(notes, train.span.start, ctx.text),
        });
      },
    };
  },
});

/** The pseudo-variable PyCaret's `setup(data=...)` stores the data in. */
const PYCARET = '@pycaret';
const PYCARET_TRAINING = new Set(['compare_models', 'create_model', 'tune_model', 'ensemble_model', 'blend_models', 'stack_models', 'automl']);
/** Keywords whose value is, by the author's own account, people's protected attributes. */
const SENSITIVE_KEYWORDS = ['sensitive_features', 'protected_attribute_names', 'protected_attributes', 'privileged_groups', 'unprivileged_groups', 'sensitive_attribute', 'sensitive_attributes'];
const PREPROCESSORS = /^(sklearn\.(preprocessing|impute|feature_extraction|feature_selection|decomposition|compose\.ColumnTransformer|compose\.make_column_transformer)|category_encoders)\b/;
const PREPROCESSOR_NAMES = /(scaler|encoder|imputer|vectori[sz]er|tokenizer|normali[sz]er|binarizer|discreti[sz]er|pca|le|ohe|ct|preprocessor)\d*$/i;

/** `.fit` of a scaler, encoder, imputer or vectorizer learns a transformation of the data, not a model of the people in it. */
function preprocessing(ctx: RuleContext, receiver: SyntaxNode | null): boolean {
  if (!receiver) return false;
  const q = receiver.type === 'call' ? ctx.callee(receiver) : ctx.qualifiedName(receiver);
  if (q && PREPROCESSORS.test(q)) return true;
  return receiver.type === 'identifier' && PREPROCESSOR_NAMES.test(receiver.text) && !q?.includes('.');
}

/** An LR scheduler's `.step()` changes the learning rate; it is not an optimizer step. */
function scheduler(ctx: RuleContext, receiver: SyntaxNode | null): boolean {
  if (!receiver) return false;
  const q = ctx.qualifiedName(receiver) ?? '';
  return q.startsWith('torch.optim.lr_scheduler.') || /sched|lr_?step|warmup/i.test(receiver.text) || q.startsWith('transformers.get_') || /(^|\.)get_\w*schedule\w*$/.test(q);
}

/** `trainer.train()` trains; `model.train()` only switches a PyTorch module to training mode. */
function trainerLike(ctx: RuleContext, receiver: SyntaxNode | null): boolean {
  if (!receiver) return false;
  const q = ctx.qualifiedName(receiver) ?? '';
  return /Trainer$/.test(q) || /trainer|estimator|classifier|regressor/i.test(receiver.text);
}

/** Where an assignment's value comes from, for `cleanClosure`. */
function originOf(callee: (n: SyntaxNode) => string | undefined, right: SyntaxNode, from: string): Flow['origin'] {
  let value = right;
  while (value.type === 'parenthesized_expression' && value.namedChildren[0]) value = value.namedChildren[0];
  if (value.type === 'call') {
    const q = callee(value) ?? '';
    if (NOT_PERSONAL.test(q)) return 'synthetic';
    if (!from && /^(numpy\.(array|asarray)|torch\.(tensor|as_tensor))$/.test(q)) return 'synthetic';
    if (/(^|\.)(read_\w+|load\w*|fetch_\w+|get_data|load_dataset|open|DataFrame|from_\w+)$/.test(q)) return from ? 'derived' : 'source';
    return from ? 'derived' : 'neutral';
  }
  if (!from && ['list', 'tuple', 'integer', 'float', 'dictionary', 'unary_operator', 'binary_operator'].includes(value.type)) return 'synthetic';
  return from ? 'derived' : 'source';
}

/** The data set a loader call names, when it is a well-known data set about people. */
function personalDataset(ctx: RuleContext, callee: string, args: CallArgs): string | undefined {
  if (PERSONAL_LOADERS.test(callee)) return `data set \`${callee.split('.').pop()}\``;
  const str = (n: SyntaxNode | undefined) => {
    const v = ctx.evaluate(n);
    return v.known && typeof v.value === 'string' ? v.value : undefined;
  };
  const bare = callee.split('.').pop() ?? '';
  let named: string | undefined;
  if (callee === 'sklearn.datasets.fetch_openml') {
    const id = ctx.evaluate(argument(args, 'data_id'));
    if (id.known && typeof id.value === 'number' && PERSONAL_OPENML_IDS.has(id.value)) return `OpenML data set ${id.value}`;
    named = str(argument(args, 'name', 0));
  } else if (callee === 'pycaret.datasets.get_data' || callee === 'seaborn.load_dataset' || (bare === 'get_data' && !callee.includes('.'))) {
    named = str(argument(args, callee === 'seaborn.load_dataset' ? 'name' : 'dataset', 0));
  } else if (/^(pandas|polars|dask\.dataframe)\.(read_csv|read_parquet|read_excel|read_table|read_json|read_feather|scan_csv|scan_parquet)$/.test(callee)) {
    named = str(argument(args, 'filepath_or_buffer', 0) ?? argument(args, 'source', 0) ?? argument(args, 'path', 0));
  }
  if (!named) return undefined;
  const base = normalize(named.split(/[\\/]/).pop()!.replace(/\.(csv|tsv|parquet|xlsx?|json|data|feather|txt|gz|zip)$/gi, '').replace(/\.(csv|tsv|parquet|data)$/i, ''));
  return PERSONAL_DATASETS.test(base) ? `data set \`${named.split(/[\\/]/).pop()}\`` : undefined;
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
