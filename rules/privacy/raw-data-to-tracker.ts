import { argument } from '../../engine/evaluate';
import { defineRule } from '../../engine/rule';
import { calleeNode, written } from '../helpers';
import { piiNames, PRIVACY } from './personal-data';
import { rawData } from './tracked-data';

/** Tracker calls that upload data, and the argument that carries it. */
const UPLOADS: Record<string, [string, number]> = {
  'wandb.Table': ['dataframe', -1],
  'wandb.log': ['data', 0],
  'mlflow.log_table': ['data', 0],
  'mlflow.log_text': ['text', 0],
  'mlflow.log_dict': ['dictionary', 0],
  'mlflow.log_input': ['dataset', 0],
  'torch.utils.tensorboard.SummaryWriter.add_text': ['text_string', 1],
  'torch.utils.tensorboard.SummaryWriter.add_embedding': ['metadata', 1],
  'tensorboardX.SummaryWriter.add_text': ['text_string', 1],
  'tensorboardX.SummaryWriter.add_embedding': ['metadata', 1],
};

export default defineRule({
  meta: {
    code: 'MLS405',
    name: 'raw-data-to-tracker',
    title: 'Raw records sent to an experiment tracker',
    category: 'privacy',
    severity: 'warning',
    confidence: 'medium',
    fix: 'display-only',
    // Every upload is a call of these modules (`torch.utils.tensorboard`, `tensorboardX`).
    requires: ['wandb', 'mlflow', 'tensorboard'],
    references: { ...PRIVACY, cwe: ['CWE-359', 'CWE-532'] },
  },
  docs: `
## What it does
Flags uploads of raw data to experiment trackers (tables of aggregate metrics, feature importances and model comparisons are not raw data: a frame built in the code with \`pd.DataFrame({...})\` counts only when it is built from a frame that was read or has personal-looking columns, and \`df.describe()\`, \`groupby(...).mean()\` and the like are summaries): \`wandb.Table(dataframe=...)\` and \`wandb.log\` of a DataFrame or a dict with personal-looking keys, \`mlflow.log_table\` / \`log_text\` / \`log_dict\` / \`log_input\`, \`mlflow.autolog(log_datasets=True)\`, and TensorBoard \`add_text\` / \`add_embedding(metadata=...)\` when the value is a DataFrame (read with pandas or polars, or returned by a loader named after a data set about people, \`load_patients()\`) or carries personal column names. Frames read from well-known data sets that are not about people (\`iris.csv\`, the wine-quality CSV, \`penguins\`, MNIST) are not reported.

## Why is this bad?
W&B, MLflow and TensorBoard servers are shared, often hosted by a vendor, and kept for years: rows logged for debugging become a copy of the dataset outside its access controls and retention rules (MITRE ATLAS AML.T0057, OWASP LLM02).

## Example
\`\`\`python
df = pd.read_csv("patients.csv")
wandb.log({"samples": wandb.Table(dataframe=df.head(100))})
\`\`\`

## Use instead
\`\`\`python
wandb.log({"rows": len(df), "positive_rate": df["label"].mean()})
\`\`\`
Log aggregates; if examples are needed, drop or hash the personal columns first.

## Fix safety
Display-only.

## Known limitations
Data whose origin the rule cannot see (a function parameter) is only reported when personal column names are visible.

## References
- [MITRE ATLAS AML.T0057: LLM Data Leakage](https://atlas.mitre.org/techniques/AML.T0057)
`,
  create(ctx) {
    const names = piiNames(ctx.options['pii-names']);
    return {
      call(node) {
        const name = ctx.callee(node);
        if (!name) return;
        if (name === 'mlflow.autolog') {
          const v = ctx.evaluate(argument(ctx.args(node), 'log_datasets'));
          if (v.known && v.value === true) ctx.report({ node: calleeNode(node), message: '`mlflow.autolog(log_datasets=True)` uploads the training data to the tracking server: log dataset metadata only' });
          return;
        }
        const spec = UPLOADS[name];
        if (!spec) return;
        const value = argument(ctx.args(node), spec[0], spec[1] >= 0 ? spec[1] : undefined);
        const why = value && rawData(ctx, value, names);
        if (why) ctx.report({ node: calleeNode(node), message: `${written(node, name)} uploads ${why} to the tracker, outside the data's access controls: log aggregates, or drop the personal columns first` });
      },
    };
  },
});
