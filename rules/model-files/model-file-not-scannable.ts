import { defineRule } from '../../engine/rule';
import { MODEL_FILE } from './references';

/** Reported by the model-file scanner (model-files/), not by a visitor. */
export default defineRule({
  meta: {
    code: 'MLS153',
    name: 'model-file-not-scannable',
    title: 'A model file cannot be scanned (truncated, corrupt, over the size limit, or a format not read)',
    category: 'unsafe-deserialization',
    severity: 'info',
    confidence: 'high',
    fix: 'none',
    references: MODEL_FILE,
    sources: ['modelscan:errors', 'picklescan:scan-errors'],
    input: 'model-file',
  },
  docs: `
## What it does
Says why a model file, or a member of one, was not fully checked: a pickle that stops before its end or holds a byte that is no opcode, a zip whose directory is missing, a member over the size limit for pickles (or a compressed file that decompresses past it: bz2, xz, lzma, gzip and zlib are decompressed up to the limit, never further), a corrupt or truncated compressed stream, an HDF5 file the HDF5 library cannot open or whose \`model_config\` is not JSON text, a malformed safetensors header.

## Why is this bad?
Whatever the scanner could not read it could not check. A truncated or corrupt file usually fails to load anyway, but a crafted one may load in Python and still hide its payload from scanners.

## Example
A \`model.pt\` cut short by an interrupted download: the pickle cannot be read past the point where the file ends.

## Use instead
Download the file again and check its hash; prefer \`.safetensors\` for weights.

## Fix safety
No fix.

## Known limitations
The size limit (256 MiB) is a setting of the scanner, on the bytes of opcodes a pickle walk reads: the payloads it steps over unread (bytes objects, long strings, joblib's inline arrays) do not count, so a checkpoint of gigabytes of data is checked whole. A pickle with more opcodes than that is checked only up to the limit, and a compressed one only as far as its first 256 MiB decompressed.

## References
- [safetensors: format](https://github.com/huggingface/safetensors#format)
`,
  create: () => ({}),
});
