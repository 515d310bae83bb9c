import type { SyntaxNode } from '../../engine/syntax';
import { fix, replaceNode } from '../../engine/edits';
import { argument } from '../../engine/evaluate';
import type { RuleContext } from '../../engine/rule';
import { calleeNode, written } from '../helpers';

/** ruamel.yaml's loaders, for MLS104 (yaml-unsafe-load.ts). */

/** ruamel.yaml's module-level API (removed in 0.18): `load` without a `Loader` used the unsafe one. */
export const RUAMEL_LOADERS: Record<string, string> = { 'ruamel.yaml.load': 'safe_load', 'ruamel.yaml.load_all': 'safe_load_all' };
export const RUAMEL_UNSAFE: Record<string, string> = { 'ruamel.yaml.unsafe_load': 'safe_load', 'ruamel.yaml.unsafe_load_all': 'safe_load_all' };
const RUAMEL_SAFE = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader', 'RoundTripLoader'].flatMap((n) => [`ruamel.yaml.${n}`, `ruamel.yaml.loader.${n}`]));
/** `ruamel.yaml.YAML(typ=...)`: only `unsafe` constructs arbitrary Python objects; `rt` (the default), `safe` and `base` do not. */
export const RUAMEL_YAML = new Set(['ruamel.yaml.YAML', 'ruamel.yaml.main.YAML']);

export function ruamelYaml(ctx: RuleContext, node: SyntaxNode, name: string): void {
  const typ = argument(ctx.args(node), 'typ');
  if (!typ) return;
  const typArg = ctx.args(node).keywords.get('typ')?.arg ?? typ;
  const call = written(node, name);
  const kinds = typ.type === 'list' || typ.type === 'tuple' ? typ.namedChildren.filter((c) => c && c.type !== 'comment') : [typ];
  for (const kind of kinds) {
    const v = ctx.evaluate(kind);
    if (!v.known) {
      ctx.report({ node: typArg, message: `Cannot verify the \`typ\` of ${call}: its value is ${v.reason}; only \`typ="unsafe"\` builds arbitrary Python objects`, severity: 'warning', confidence: 'medium' });
      return;
    }
    if (v.value === 'unsafe') {
      ctx.report({
        node: typArg,
        message: `${call} with \`typ="unsafe"\` builds arbitrary Python objects: a crafted YAML file runs code when loaded; use \`typ="safe"\``,
        fixes: kind === typ ? [fix('Use `typ="safe"`', 'unsafe', [replaceNode(kind!, '"safe"')])] : [],
      });
      return;
    }
  }
}

export function ruamelLoad(ctx: RuleContext, node: SyntaxNode, name: string): void {
  const call = written(node, name);
  if (RUAMEL_UNSAFE[name]) {
    ctx.report({ node: calleeNode(node), message: `${call} builds arbitrary Python objects: a crafted YAML file runs code when loaded; use \`YAML(typ="safe").load\`` });
    return;
  }
  const args = ctx.args(node);
  const loader = argument(args, 'Loader', 1);
  if (!loader) {
    if (args.opaqueKwargs.length) ctx.report({ node: calleeNode(node), message: `Cannot verify the loader of ${call}: it may be set in \`**kwargs\``, severity: 'warning', confidence: 'medium' });
    else ctx.report({ node: calleeNode(node), message: `${call} without a \`Loader\` uses ruamel.yaml's unsafe loader (before 0.18, which removed it): use \`YAML(typ="safe").load\`` });
    return;
  }
  const q = ctx.qualifiedName(loader);
  if (q && RUAMEL_SAFE.has(q)) return;
  const loaderArg = args.keywords.get('Loader')?.arg ?? loader;
  if (!q || !q.startsWith('ruamel.yaml.')) {
    ctx.report({ node: loaderArg, message: `Cannot verify that \`${loader.text}\` is a safe YAML loader: use \`YAML(typ="safe").load\``, severity: 'warning', confidence: 'medium' });
    return;
  }
  ctx.report({ node: loaderArg, message: `${call} with \`${loader.text}\` builds arbitrary Python objects: a crafted YAML file runs code when loaded; use \`YAML(typ="safe").load\`` });
}
