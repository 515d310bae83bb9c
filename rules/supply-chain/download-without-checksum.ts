import type { SyntaxNode } from '../../engine/syntax';
import { argument } from '../../engine/evaluate';
import { defineRule } from '../../engine/rule';
import { calleeNode, written } from '../helpers';
import { SUPPLY_CHAIN } from './pins';

const ARTIFACT = /\.(pt|pth|bin|ckpt|pkl|pickle|h5|hdf5|keras|safetensors|onnx|gguf|ggml|npz|npy|joblib|parquet|csv|jsonl|zip|tar|tar\.gz|tgz|gz|pb|tflite|mlmodel)(\?.*)?$/i;
/**
 * Downloaders: where the URL and the target are, the keyword that verifies, if any, and whether
 * everything they fetch is an artifact (PyTorch's and Keras's checkpoint downloaders), so that the
 * URL need not show a file extension.
 */
const DOWNLOADERS: Record<string, { url: [string, number]; target?: [string, number]; verify?: [string, 'truthy' | 'set']; artifacts?: true }> = {
  'urllib.request.urlretrieve': { url: ['url', 0], target: ['filename', 1] },
  'wget.download': { url: ['url', 0], target: ['out', 1] },
  'requests.get': { url: ['url', 0] },
  'httpx.get': { url: ['url', 0] },
  'torch.hub.download_url_to_file': { url: ['url', 0], target: ['dst', 1], verify: ['hash_prefix', 'set'], artifacts: true },
  'torch.hub.load_state_dict_from_url': { url: ['url', 0], verify: ['check_hash', 'truthy'], artifacts: true },
  'torch.utils.model_zoo.load_url': { url: ['url', 0], verify: ['check_hash', 'truthy'], artifacts: true },
  'tensorflow.keras.utils.get_file': { url: ['origin', 1], target: ['fname', 0], verify: ['file_hash', 'set'], artifacts: true },
  'keras.utils.get_file': { url: ['origin', 1], target: ['fname', 0], verify: ['file_hash', 'set'], artifacts: true },
  'gdown.download': { url: ['url', 0], target: ['output', 1] },
  'google_drive_downloader.GoogleDriveDownloader.download_file_from_google_drive': { url: ['file_id', 0], target: ['dest_path', 1] },
};
const SHELL_DOWNLOAD = /^\s*(wget|curl)\s+(.*)$/;
const ADVICE = [{ title: 'Check a sha256 digest recorded from a trusted source', safety: 'display-only' as const, edits: [] }];
const SHELL_CHECK = /\b(sha256sum|sha512sum|shasum|md5sum|b2sum)\b/;

/** The file names of the artifacts a `wget` / `curl` command line names (URL or output path), without folders or query. */
function artifactNames(args: string): string[] {
  return args
    .split(/\s+/)
    .map((t) => t.replace(/^['"]|['"]$/g, ''))
    .filter((t) => ARTIFACT.test(t))
    .map((t) => t.replace(/\?.*$/, '').split('/').pop()!)
    .filter(Boolean);
}

/** A digest check that covers one of these files: it names one of them, or names no artifact at all (`sha256sum -c SHA256SUMS`). */
function checks(command: string, files: string[]): boolean {
  if (!SHELL_CHECK.test(command)) return false;
  const named = artifactNames(command);
  return named.length === 0 || files.some((f) => command.includes(f));
}

export default defineRule({
  meta: {
    code: 'MLS303',
    name: 'download-without-checksum',
    title: 'Weights or data downloaded with no integrity check',
    category: 'unpinned-artifact',
    severity: 'warning',
    confidence: 'medium',
    fix: 'display-only',
    references: SUPPLY_CHAIN,
  },
  docs: `
## What it does
Flags downloads of model weights and data files (\`.pt .pth .bin .ckpt .pkl .h5 .keras .safetensors .onnx .gguf .npz .parquet .csv .zip .tar.gz\`...) that are never checked against a known digest: \`urllib.request.urlretrieve\`, \`wget.download\`, \`requests.get\` / \`httpx.get\`, \`gdown.download\`, \`GoogleDriveDownloader.download_file_from_google_drive\`, \`torch.hub.download_url_to_file\` without \`hash_prefix\`, \`load_state_dict_from_url\` without \`check_hash=True\`, \`keras.utils.get_file\` without \`file_hash\`, and \`!wget\` / \`!curl\` in notebooks. PyTorch's and Keras's downloaders (\`download_url_to_file\`, \`load_state_dict_from_url\`, \`model_zoo.load_url\`, \`get_file\`) fetch checkpoints and data whatever their URL looks like, so they are judged even when the URL is a parameter; the others when the URL or target resolves to a name with one of those extensions (string constants and \`+\` are followed). A \`hashlib\` digest in the same function (or \`hashlib\` imported before a module-level download), or a \`sha256sum\` (\`shasum\`, \`md5sum\`...) line in the notebook that names the downloaded file (or names no file, as \`sha256sum -c SHA256SUMS\` does), counts as a check.

## Why is this bad?
Whoever controls the server, the DNS or the network path decides what lands on disk, and these files are usually unpickled or executed next. A recorded digest turns a swapped file into an error instead of a compromise.

## Example
\`\`\`python
import urllib.request

urllib.request.urlretrieve("https://example.com/resnet50.pth", "resnet50.pth")
\`\`\`

## Use instead
\`\`\`python
import hashlib
import urllib.request

EXPECTED = "0676ba61b6795bbe1773cffd859882e5e297624d384b6993f7c9e683e722fb8a"
urllib.request.urlretrieve("https://example.com/resnet50.pth", "resnet50.pth")
with open("resnet50.pth", "rb") as fh:
    if hashlib.sha256(fh.read()).hexdigest() != EXPECTED:
        raise RuntimeError("resnet50.pth does not match its recorded sha256")
\`\`\`
With torch: \`torch.hub.download_url_to_file(url, dst, hash_prefix="0676ba61")\` or \`load_state_dict_from_url(url, check_hash=True)\`.

## Fix safety
Display-only: the digest has to come from a trusted source.

## Known limitations
A digest check in another function than the download is not seen. For the generic downloaders (\`requests\`, \`urlretrieve\`, \`wget\`, \`gdown\`), URLs and paths built at run time (f-strings, \`os.path.join\`, parameters) are judged only when they resolve to a literal.

## References
- [PyTorch docs: download_url_to_file](https://pytorch.org/docs/stable/hub.html#torch.hub.download_url_to_file)
- [MITRE ATLAS AML.M0014: Verify AI Artifacts](https://atlas.mitre.org/mitigations/AML.M0014)
`,
  create(ctx) {
    const pending: { node: SyntaxNode; scope: number; message: string }[] = [];
    const hashed = new Set<number>();
    const scopeOf = (node: SyntaxNode) => {
      for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return p.id;
      return -1;
    };
    const moduleHasHashlib = () => ctx.lookup('hashlib')?.kind === 'import';
    return {
      call(node) {
        const name = ctx.callee(node);
        if (!name) return;
        if (name.startsWith('hashlib.')) {
          hashed.add(scopeOf(node));
          return;
        }
        const spec = DOWNLOADERS[name];
        if (!spec) return;
        const args = ctx.args(node);
        const url = ctx.evaluate(argument(args, ...spec.url));
        const target = spec.target ? ctx.evaluate(argument(args, ...spec.target)) : undefined;
        const isArtifact = (v: typeof url | undefined) => !!v && v.known && typeof v.value === 'string' && ARTIFACT.test(v.value);
        if (!spec.artifacts && !isArtifact(url) && !isArtifact(target)) return;
        if (spec.verify) {
          const v = ctx.evaluate(argument(args, spec.verify[0]));
          if (v.known && (spec.verify[1] === 'set' ? v.value !== null && v.value !== '' && v.value !== false : v.value === true)) return;
          if (!v.known && argument(args, spec.verify[0])) return;
        }
        const scope = scopeOf(node);
        const how = spec.verify ? ` (pass \`${spec.verify[0]}${spec.verify[1] === 'truthy' ? '=True' : '=...'}\`)` : '';
        const message = `${written(node, name)} downloads an artifact that is never checked against a known digest${how}: a swapped file is loaded as if it were the real one`;
        // At module level only what came before counts (hashlib imported), so the finding depends on
        // nothing after it; in a function, any digest in that function does.
        if (scope === -1) {
          if (!moduleHasHashlib()) ctx.report({ node: calleeNode(node), message, fixes: ADVICE });
        } else {
          pending.push({ node: calleeNode(node), scope, message });
        }
      },
      shell(line) {
        const m = SHELL_DOWNLOAD.exec(line.command);
        if (!m) return;
        const files = artifactNames(m[2]);
        if (!files.length) return;
        if (ctx.shellLines.some((l) => checks(l.command, files)) || moduleHasHashlib()) return;
        const start = ctx.lines.lineStart(line.line) + line.column;
        ctx.report({ span: { start, end: start + line.text.length - line.column }, message: `\`!${m[1]}\` downloads an artifact that is never checked against a known digest: compare its \`sha256sum\` with a recorded value` });
      },
      end() {
        for (const p of pending) if (!hashed.has(p.scope)) ctx.report({ node: p.node, message: p.message, fixes: ADVICE });
      },
    };
  },
});
