import type { SyntaxNode } from '../../engine/syntax';
import { fix, removeArgument, replaceNode } from '../../engine/edits';
import { argument } from '../../engine/evaluate';
import { defineRule, type RuleContext } from '../../engine/rule';
import type { TextEdit } from '../../engine/types';
import { calleeNode, DESERIALIZATION, written } from '../helpers';
import { RUAMEL_LOADERS, RUAMEL_UNSAFE, RUAMEL_YAML, ruamelLoad, ruamelYaml } from './ruamel-yaml';

const LOADERS: Record<string, string> = { 'yaml.load': 'safe_load', 'yaml.load_all': 'safe_load_all' };
const UNSAFE_FUNCTIONS: Record<string, string> = { 'yaml.unsafe_load': 'safe_load', 'yaml.unsafe_load_all': 'safe_load_all' };
const FULL_FUNCTIONS: Record<string, string> = { 'yaml.full_load': 'safe_load', 'yaml.full_load_all': 'safe_load_all' };
const prefixed = (names: string[]) => new Set(names.flatMap((n) => [`yaml.${n}`, `yaml.loader.${n}`, `yaml.cyaml.${n}`]));
const SAFE = prefixed(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);
const FULL = prefixed(['FullLoader', 'CFullLoader']);
export default defineRule({
  meta: {
    code: 'MLS104',
    name: 'yaml-unsafe-load',
    title: 'YAML loaded with a loader that builds arbitrary Python objects',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'safe',
    references: DESERIALIZATION,
    sources: ['bandit:B506', 'ruff:S506'],
  },
  docs: `
## What it does
Flags \`yaml.load\` and \`yaml.load_all\` without a safe \`Loader\` (missing, \`Loader\`, \`UnsafeLoader\`, \`CLoader\`), \`yaml.unsafe_load\`, and at lower severity \`FullLoader\` and \`yaml.full_load\`. \`SafeLoader\`, \`CSafeLoader\`, \`BaseLoader\` and \`CBaseLoader\` (from \`yaml\`, \`yaml.loader\` or \`yaml.cyaml\`), and project loaders that subclass them, are fine.

For ruamel.yaml: \`YAML(typ="unsafe")\` (a \`typ\` it cannot resolve is reported as unverifiable), and the module-level \`ruamel.yaml.load\` / \`load_all\` of versions before 0.18 without a safe \`Loader\`, and \`ruamel.yaml.unsafe_load\`. \`YAML()\` (round-trip), \`typ="safe"\` and \`typ="base"\` build no Python objects: \`base\` loads every scalar as a string.

A loader given a literal string (\`yaml.load("a: 1", Loader=yaml.Loader)\`) is not reported: the document is in the code, not in a file someone else can write.

## Why is this bad?
Training configs and experiment files are YAML, and they travel: from a hub, a shared bucket, a pull request. The unsafe loaders honour tags like \`!!python/object/apply:os.system\`, so reading the config runs a command. \`yaml.load\` without a loader was unsafe before PyYAML 5.1 and is a \`TypeError\` since 6.0; \`FullLoader\` had code-execution CVEs until 5.4.

## Example
\`\`\`python
import yaml

config = yaml.load(open("config.yaml"), Loader=yaml.Loader)
\`\`\`

## Use instead
\`\`\`python
import yaml

config = yaml.safe_load(open("config.yaml"))
\`\`\`

## Fix safety
Safe: only the loader changes, to \`yaml.safe_load\` / \`yaml.safe_load_all\`. Files that rely on Python tags stop loading, which is the point. No fix is offered when the function was imported by name (\`from yaml import load\`).

## Known limitations
A loader passed through a variable from another module is reported as unverifiable.

## References
- [PyYAML: yaml.load deprecation](https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation)
- [CVE-2020-14343](https://nvd.nist.gov/vuln/detail/CVE-2020-14343)
`,
  create(ctx) {
    return {
      call(node) {
        const name = ctx.callee(node);
        if (!name) return;
        if (RUAMEL_YAML.has(name)) return ruamelYaml(ctx, node, name);
        if (!(LOADERS[name] || UNSAFE_FUNCTIONS[name] || FULL_FUNCTIONS[name] || RUAMEL_LOADERS[name] || RUAMEL_UNSAFE[name])) return;
        if (literalDocument(ctx, node)) return;
        if (RUAMEL_LOADERS[name] || RUAMEL_UNSAFE[name]) return ruamelLoad(ctx, node, name);
        const call = written(node, name);
        const toSafe = (loaderArg?: SyntaxNode) => safeFix(node, LOADERS[name] ?? UNSAFE_FUNCTIONS[name] ?? FULL_FUNCTIONS[name], ctx.text, loaderArg);
        if (UNSAFE_FUNCTIONS[name] || FULL_FUNCTIONS[name]) {
          const full = !!FULL_FUNCTIONS[name];
          ctx.report({
            node: calleeNode(node),
            message: full
              ? `${call} uses FullLoader, which had code-execution bugs before PyYAML 5.4 and builds Python objects: use \`yaml.safe_load\``
              : `${call} builds arbitrary Python objects: a crafted YAML file runs code when loaded; use \`yaml.safe_load\``,
            severity: full ? 'warning' : 'error',
            confidence: full ? 'medium' : 'high',
            fixes: toSafe(),
          });
          return;
        }
        if (!LOADERS[name]) return;
        const args = ctx.args(node);
        const loader = argument(args, 'Loader', 1);
        const loaderArg = args.keywords.get('Loader')?.arg ?? loader;
        if (!loader) {
          if (args.opaqueKwargs.length) {
            ctx.report({ node: calleeNode(node), message: `Cannot verify the loader of ${call}: it may be set in \`**kwargs\``, severity: 'warning', confidence: 'medium' });
            return;
          }
          ctx.report({ node: calleeNode(node), message: `${call} without a safe \`Loader\` is unsafe on PyYAML < 5.1 and a TypeError since 6.0: use \`yaml.safe_load\``, fixes: toSafe() });
          return;
        }
        const kind = loaderKind(ctx, loader);
        if (kind === 'safe') return;
        if (kind === 'unknown') {
          ctx.report({ node: loaderArg, message: `Cannot verify that \`${loader.text}\` is a safe YAML loader: use \`yaml.safe_load\``, severity: 'warning', confidence: 'medium' });
          return;
        }
        ctx.report({
          node: loaderArg,
          message:
            kind === 'full'
              ? `${call} with FullLoader builds Python objects and had code-execution bugs before PyYAML 5.4: use \`yaml.safe_load\``
              : `${call} with \`${loader.text}\` builds arbitrary Python objects: a crafted YAML file runs code when loaded; use \`yaml.safe_load\``,
          severity: kind === 'full' ? 'warning' : 'error',
          confidence: kind === 'full' ? 'medium' : 'high',
          fixes: toSafe(loaderArg),
        });
      },
    };
  },
});

/** The document is a literal string in the code (or a constant bound to one): nobody else can write it. */
function literalDocument(ctx: RuleContext, call: SyntaxNode): boolean {
  const doc = argument(ctx.args(call), 'stream', 0);
  if (!doc) return false;
  const v = ctx.evaluate(doc);
  return v.known && typeof v.value === 'string';
}

function loaderKind(ctx: RuleContext, loader: SyntaxNode): 'safe' | 'full' | 'unsafe' | 'unknown' {
  const q = ctx.qualifiedName(loader);
  if (q) return SAFE.has(q) ? 'safe' : FULL.has(q) ? 'full' : q.startsWith('yaml.') ? 'unsafe' : 'unknown';
  // A project loader: safe when it subclasses a safe loader.
  const b = loader.type === 'identifier' ? ctx.lookup(loader.text) : undefined;
  if (b?.kind === 'unknown' && b.node?.type === 'class_definition') {
    const bases = b.node.childForFieldName('superclasses')?.namedChildren ?? [];
    if (bases.some((base) => base && SAFE.has(ctx.qualifiedName(base) ?? ''))) return 'safe';
  }
  return 'unknown';
}

/** `yaml.load(x, Loader=L)` to `yaml.safe_load(x)`, only when the callee is an attribute of the yaml module. */
function safeFix(call: SyntaxNode, safeName: string | undefined, text: string, loaderArg?: SyntaxNode) {
  const fn = call.childForFieldName('function');
  const attr = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
  if (!safeName || !attr) return [];
  const edits: TextEdit[] = [replaceNode(attr, safeName)];
  if (loaderArg) edits.push(removeArgument(loaderArg, text));
  return [fix(`Use \`yaml.${safeName}\``, 'safe', edits)];
}
