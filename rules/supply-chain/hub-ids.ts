// What names a Hugging Face Hub repository and what names a folder on disk, for MLS301.
import type { SyntaxNode } from '../../engine/syntax';
import type { RuleContext } from '../../engine/rule';

/** `load_dataset` builders that read local files, not a Hub repository. */
const LOCAL_BUILDERS = new Set(['csv', 'json', 'parquet', 'text', 'arrow', 'pandas', 'imagefolder', 'audiofolder', 'videofolder', 'webdataset', 'sql', 'xml']);
/** Paths, not Hub ids: `./x`, `/abs`, `~`, Windows paths, more than one slash, local `load_dataset` builders. */
export function isLocal(value: string, callee: string | undefined): boolean {
  if (callee?.startsWith('datasets.') && LOCAL_BUILDERS.has(value)) return true;
  if (/^(\.|\/|~|[A-Za-z]:[\\/])/.test(value) || value.includes('\\')) return true;
  if (value.startsWith('hf://')) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return true;
  return value.split('/').length > 2 || !/^[\w.-]+(\/[\w.-]+)?$/.test(value);
}

/** Calls that make a file-system path: what they return names a folder on disk, not a Hub repository. */
const PATH_MAKERS = /^(os\.path\.(join|abspath|expanduser|realpath|normpath|dirname)|pathlib\.(Path|PurePath|PosixPath|WindowsPath))$/;

/**
 * A checkpoint folder built as a path (`os.path.join(out_dir, "final")`, `Path(out) / "best"`), or a
 * name bound to one: fine-tuning code loads back what it saved. `os.path.join` of literals only is
 * judged by the string it makes.
 */
export function builtAsPath(ctx: RuleContext, node: SyntaxNode, callee: string | undefined, depth = 0): boolean {
  if (depth > 3) return false;
  if (node.type === 'identifier') {
    const b = ctx.lookup(node.text);
    const value = b && b.kind !== 'import' ? b.node : null;
    return !!value && value.id !== node.id && builtAsPath(ctx, value, callee, depth + 1);
  }
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '/') {
    const left = node.childForFieldName('left');
    return !!left && (left.type === 'call' || left.type === 'binary_operator' || left.type === 'identifier') && builtAsPath(ctx, left, callee, depth + 1);
  }
  if (node.type !== 'call') return false;
  const made = ctx.callee(node);
  if (!made || !PATH_MAKERS.test(made)) return false;
  if (made === 'os.path.join') {
    const parts = ctx.args(node).positional.map((a) => ctx.evaluate(a));
    if (parts.length && parts.every((p) => p.known && typeof p.value === 'string')) return isLocal(parts.map((p) => (p.known ? String(p.value) : '')).join('/'), callee);
  }
  return true;
}
