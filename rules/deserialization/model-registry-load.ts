import type { SyntaxNode } from '../../engine/syntax';
import { argument } from '../../engine/evaluate';
import { defineRule } from '../../engine/rule';
import { calleeNode, DESERIALIZATION, written } from '../helpers';

/** What skops returns as the types a file holds that it does not trust by default. */
const UNTRUSTED_TYPES = 'skops.io.get_untrusted_types';

/** Model loaders that unpickle what they load: MLflow flavors, torch.package, skops with everything trusted. */
const UNPICKLING = /^mlflow\.(pyfunc|sklearn|pytorch|statsmodels|lightgbm|xgboost|catboost|spacy|fastai|prophet|pmdarima|diviner|h2o|langchain|transformers|sentence_transformers)\.load_model$/;
/** fastai's `load_learner`, however it is imported (`from fastai.vision.all import *` is the usual way): it `torch.load`s the exported Learner, a pickle. */
const FASTAI_LEARNER = /^fastai\.(\w+\.)*load_learner$/;
/**
 * Stable-Baselines3 (and sb3-contrib) agents: \`PPO.load(path)\` rebuilds the objects its zip stores
 * with cloudpickle, and \`load_replay_buffer\` unpickles a .pkl.
 */
const SB3 = /^(stable_baselines3|sb3_contrib)\.(\w+\.)*([A-Z][A-Za-z0-9]*\.load|load_replay_buffer)$/;
const ALSO = new Set(['torch.package.PackageImporter', 'torch.package.package_importer.PackageImporter', 'mlflow.models.Model.load', 'mlflow.pyfunc.load_pyfunc']);

export default defineRule({
  meta: {
    code: 'MLS113',
    name: 'model-registry-load',
    title: 'Model registry and packaging loaders that unpickle the model',
    category: 'unsafe-deserialization',
    severity: 'warning',
    confidence: 'medium',
    fix: 'none',
    references: DESERIALIZATION,
  },
  docs: `
## What it does
Flags loaders that unpickle a model while looking like a registry download: \`mlflow.pyfunc.load_model\` and the pickle-based MLflow flavors (\`mlflow.sklearn\`, \`mlflow.pytorch\`, \`mlflow.xgboost\`...), \`torch.package.PackageImporter\`, fastai's \`load_learner\` (an exported Learner is a pickle, loaded with \`torch.load\`), Stable-Baselines3's \`PPO.load\` / \`TD3.load\` and every other algorithm's \`load\` (the objects its zip stores are rebuilt with cloudpickle) and \`load_replay_buffer\` (a pickle), and \`skops.io.load(..., trusted=True)\`, which trusts every type in the file, or \`trusted=\` what \`skops.io.get_untrusted_types\` returned for that same file, which comes to the same.

## Why is this bad?
An MLflow model is a directory whose \`python_model.pkl\` or \`model.pkl\` is loaded with cloudpickle or pickle; \`torch.package\` archives are pickles too. Whoever can write to the registry, the artifact store or the run that logged the model runs code on every machine that loads it. A shared registry makes that a lateral-movement path across teams.

## Example
\`\`\`python
import mlflow

model = mlflow.pyfunc.load_model("models:/churn/Production")
\`\`\`

## Use instead
Restrict who can write to the registry and the artifact store, load only models your pipeline signed, and prefer flavors that store weights without pickles (ONNX, safetensors-backed \`transformers\`). With skops, pass \`trusted=\` the list of types you expect, never \`True\` nor the file's own \`get_untrusted_types\`.

## Fix safety
No automatic fix.

## Known limitations
Flavors that do not use pickle (ONNX, Keras v3) are not flagged; a custom flavor is not known.

## References
- [MLflow: model flavors and their storage formats](https://mlflow.org/docs/latest/models.html)
- [skops: secure persistence](https://skops.readthedocs.io/en/stable/persistence.html)
`,
  create(ctx) {
    /** The function whose call made a value: the call itself, or the one a plain name was assigned from. */
    const madeBy = (n: SyntaxNode | undefined): string | undefined => {
      if (n?.type === 'call') return ctx.callee(n);
      const b = n?.type === 'identifier' ? ctx.lookup(n.text) : undefined;
      return b?.kind === 'instance' ? b.of : undefined;
    };
    return {
      call(node) {
        const name = ctx.callee(node);
        if (!name) return;
        if (name === 'skops.io.load') {
          const arg = argument(ctx.args(node), 'trusted');
          const trusted = ctx.evaluate(arg);
          if (trusted.known && trusted.value === true) ctx.report({ node: calleeNode(node), message: `${written(node, name)} with \`trusted=True\` accepts every type in the file, which is what makes skops safe to begin with: list the types you expect`, severity: 'error' });
          else if (madeBy(arg) === UNTRUSTED_TYPES) {
            ctx.report({ node: calleeNode(node), message: `${written(node, name)} trusts the types \`get_untrusted_types\` found in the file itself, so whatever the file names is accepted, as with \`trusted=True\`: review that list once and pass the types you expect`, severity: 'error' });
          }
          return;
        }
        if (UNPICKLING.test(name) || ALSO.has(name) || FASTAI_LEARNER.test(name) || SB3.test(name)) {
          ctx.report({ node: calleeNode(node), message: `${written(node, name)} unpickles the stored model: anyone who can write to the registry or artifact store runs code here; load only signed or verified models` });
        }
      },
    };
  },
});
