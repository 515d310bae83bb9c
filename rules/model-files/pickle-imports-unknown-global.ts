import { defineRule } from '../../engine/rule';
import { MODEL_FILE } from './references';

/** Reported by the model-file scanner (model-files/), not by a visitor. */
export default defineRule({
  meta: {
    code: 'MLS151',
    name: 'pickle-imports-unknown-global',
    title: 'A model file\'s pickle imports a global outside the safe list: cannot verify',
    category: 'unsafe-deserialization',
    severity: 'warning',
    confidence: 'medium',
    fix: 'none',
    references: MODEL_FILE,
    sources: ['picklescan:unknown-globals', 'modelscan:PickleUnsafeOpScan', 'fickling:NonStandardImports'],
    input: 'model-file',
  },
  docs: `
## What it does
Reports each global a model file's pickle imports that is neither on the dangerous list (MLS150) nor on the safe list: PyTorch's tensor, parameter and storage rebuilders (\`torch._utils._rebuild_tensor_v2\`, \`torch.FloatStorage\`...), \`collections.OrderedDict\`, NumPy's \`_reconstruct\`, \`dtype\` and \`ndarray\`, joblib's array wrapper, pandas' index rebuilders and scikit-learn's tree rebuilder (\`newObj\`), pytz's UTC and zones, and the classes (not the functions; a leading underscore allowed, as in \`_BinMapper\`) of scikit-learn, XGBoost, LightGBM, SciPy's sparse matrices, pandas and \`torch.nn\` modules. Also a STACK_GLOBAL whose module and name are not strings the scanner can read, and globals named by extension code (EXT1, EXT2, EXT4).

## Why is this bad?
Whatever a global does when the stream calls it runs on load. A class or function from your own code or a less common library may be harmless, or may be a wrapper that runs a command; the scanner cannot tell, and neither can a reviewer without reading that code.

## Example
A pickle that imports \`mypackage.training.make_model\`: a function, called with arguments the file chose.

## Use instead
Store the model's weights in \`.safetensors\` and its configuration as JSON, and rebuild the object in code. If the global is yours and known to be harmless, ignore MLS151 for that file with \`per-file-ignores\`.

## Fix safety
No fix.

## Known limitations
The safe list trusts packages' classes by module prefix: their \`__setstate__\` runs with the file's data.

## References
- [Python: pickle, restricting globals](https://docs.python.org/3/library/pickle.html#restricting-globals)
- [PyTorch: weights_only and add_safe_globals](https://pytorch.org/docs/stable/notes/serialization.html#weights-only)
`,
  create: () => ({}),
});
