import { defineRule } from '../../engine/rule';
import { MODEL_FILE } from './references';

/** Reported by the model-file scanner (model-files/), not by a visitor. */
export default defineRule({
  meta: {
    code: 'MLS152',
    name: 'keras-lambda-bytecode',
    title: 'A Keras model file holds a `Lambda` layer or a function stored as bytecode',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'none',
    references: MODEL_FILE,
    sources: ['modelscan:KerasLambdaDetectScan', 'modelscan:H5LambdaDetectScan'],
    input: 'model-file',
  },
  docs: `
## What it does
Reads the \`config.json\` of a Keras \`.keras\` archive, or the \`model_config\` attribute of a legacy Keras \`.h5\` / \`.hdf5\` model (read with the HDF5 library, h5wasm), and reports every \`Lambda\` layer, every serialized Python function (\`__lambda__\`) and every function stored as bytecode (\`function_type: "lambda"\`), wherever it sits in the model A \`Lambda\` layer that names a function instead of holding its bytecode (Keras 2's \`function_type: "function"\`, Keras 3's \`{"class_name": "function", "module": ...}\`) is reported with the function it calls: an error when that function runs commands or code (\`os.system\`, \`builtins.exec\`, as the pickle rules judge globals), a warning otherwise.

## Why is this bad?
A \`Lambda\` layer is saved as the marshalled bytecode of its Python function. Loading the model with \`safe_mode=False\` (or with Keras before 2.13, or with \`keras.config.enable_unsafe_deserialization()\`) runs it, and a legacy \`.h5\` model loaded with Keras 2 (\`tf.keras\`) runs it whatever \`safe_mode\` says: a shared model can carry any code in a layer.

## Example
\`\`\`json
{"class_name": "Lambda", "config": {"name": "lambda", "function": {"class_name": "__lambda__", "config": {"code": "4wEAAAAAAAAA..."}}}}
\`\`\`

## Use instead
Write the computation as a subclassed layer in your own code, registered with \`@keras.saving.register_keras_serializable\`, so the file holds only its name and configuration; keep \`safe_mode=True\` when loading.

## Fix safety
No fix: the model must be saved again without the layer.

## Known limitations
An HDF5 file inside an archive is not opened (the HDF5 library reads files on disk by their path). An \`.h5\` file with no \`model_config\` (weights saved with \`save_weights\`) holds no layers and is no finding.

## References
- [Keras: safe_mode in load_model](https://keras.io/api/models/model_saving_apis/model_saving_and_loading/)
- [Keras: Lambda layer, serialization](https://keras.io/api/layers/core_layers/lambda/)
`,
  create: () => ({}),
});
