import { fix, removeArgument } from '../../engine/edits';
import { argument } from '../../engine/evaluate';
import { defineRule } from '../../engine/rule';
import { calleeNode, DESERIALIZATION, flag, throughParameter, written } from '../helpers';

const LOADERS = new Set(
  ['keras', 'tensorflow.keras', 'tf_keras'].flatMap((m) => [`${m}.models.load_model`, `${m}.saving.load_model`]).concat(['keras.src.saving.saving_api.load_model']),
);
const UNSAFE_SWITCH = new Set(['keras.config.enable_unsafe_deserialization', 'tensorflow.keras.config.enable_unsafe_deserialization', 'keras.src.saving.serialization_lib.enable_unsafe_deserialization']);

export default defineRule({
  meta: {
    code: 'MLS109',
    name: 'keras-unsafe-deserialization',
    title: 'Keras model loading with `safe_mode` turned off',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: DESERIALIZATION,
  },
  docs: `
## What it does
Flags \`load_model(..., safe_mode=False)\` in \`keras\`, \`tf.keras\` and \`tf_keras\`, \`keras.config.enable_unsafe_deserialization()\`, and loading a legacy \`.h5\` file, where \`safe_mode\` does not apply.

## Why is this bad?
A \`.keras\` file can contain \`Lambda\` layers, which are Python bytecode. \`safe_mode=True\` (the default) refuses to deserialize them; turning it off, here or globally, runs that bytecode when the model loads. Legacy HDF5 models deserialize \`Lambda\` layers whatever \`safe_mode\` says.

## Example
\`\`\`python
import keras

model = keras.models.load_model("downloaded.keras", safe_mode=False)
\`\`\`

## Use instead
\`\`\`python
import keras

model = keras.models.load_model("downloaded.keras")
\`\`\`
Replace \`Lambda\` layers with registered custom layers (\`@keras.saving.register_keras_serializable\`), which load without running stored bytecode.

## Fix safety
Unsafe: removing \`safe_mode=False\` makes models with \`Lambda\` layers fail to load.

## Known limitations
The \`.h5\` check needs a literal path.

## References
- [Keras docs: load_model and safe_mode](https://keras.io/api/models/model_saving_apis/model_saving_and_loading/)
`,
  create(ctx) {
    return {
      call(node) {
        const name = ctx.callee(node);
        if (!name) return;
        if (UNSAFE_SWITCH.has(name)) {
          ctx.report({ node: calleeNode(node), message: `${written(node, name)} lets every later \`load_model\` run Lambda-layer bytecode from model files` });
          return;
        }
        if (!LOADERS.has(name)) return;
        const args = ctx.args(node);
        const safeMode = flag(ctx, args, 'safe_mode', 3);
        const call = written(node, name);
        if (safeMode.state === 'false') {
          const arg = safeMode.arg ?? safeMode.node;
          ctx.report({
            node: arg,
            message: `${call} with \`safe_mode=False\`${throughParameter(safeMode)} runs Lambda-layer bytecode stored in the model file`,
            fixes: safeMode.arg && !safeMode.indirect ? [fix('Remove `safe_mode=False`', 'unsafe', [removeArgument(safeMode.arg, ctx.text)])] : [],
          });
        } else if (safeMode.state === 'unknown') {
          ctx.report({ node: safeMode.arg ?? safeMode.node, message: `Cannot verify \`safe_mode\` of ${call}: its value is ${safeMode.reason}`, severity: 'warning', confidence: 'medium' });
        }
        const path = ctx.evaluate(argument(args, 'filepath', 0));
        if (path.known && typeof path.value === 'string' && /\.(h5|hdf5)$/i.test(path.value)) {
          ctx.report({
            node: argument(args, 'filepath', 0),
            message: `${call} on a legacy HDF5 file: \`safe_mode\` does not apply, and Lambda layers in it run when loaded; convert trusted models to \`.keras\``,
            severity: 'warning',
            confidence: 'medium',
          });
        }
      },
    };
  },
});
