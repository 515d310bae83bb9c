import { defineRule } from '../../engine/rule';
import { DESERIALIZATION, reportUnsafeLoader } from '../helpers';

const LOADS = new Set(['joblib.load', 'sklearn.externals.joblib.load']);

export default defineRule({
  meta: {
    code: 'MLS105',
    name: 'joblib-load',
    title: '`joblib.load` unpickles the model file',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'none',
    references: DESERIALIZATION,
  },
  docs: `
## What it does
Flags \`joblib.load\` (and the old \`sklearn.externals.joblib.load\`), the usual way scikit-learn models are read back.

## Why is this bad?
joblib files are pickles with NumPy arrays stored beside them. Loading one runs whatever code it was built to run, so a model downloaded from a hub or a shared drive can take over the machine. A literal local path is reported at lower severity.

## Example
\`\`\`python
import joblib

clf = joblib.load("models/classifier.joblib")
\`\`\`

## Use instead
\`\`\`python
import skops.io as sio

unknown = sio.get_untrusted_types(file="models/classifier.skops")
clf = sio.load("models/classifier.skops", trusted=["sklearn.linear_model.LogisticRegression"])
\`\`\`
\`skops.io\` refuses types you have not listed. For inference only, export to ONNX.

## Fix safety
No automatic fix: the model must be saved again in the new format.

## Known limitations
None known.

## References
- [scikit-learn: model persistence, security](https://scikit-learn.org/stable/model_persistence.html)
- [skops.io](https://skops.readthedocs.io/en/stable/persistence.html)
`,
  create: (ctx) => ({
    call: (node) => reportUnsafeLoader(ctx, node, LOADS, 'save models with `skops.io` (or ONNX) and load those'),
  }),
});
