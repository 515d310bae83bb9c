import type { Node } from 'web-tree-sitter';
import { argument, truthy, type CallArgs } from '../engine/evaluate';
import type { References, RuleContext } from '../engine/rule';

export const DESERIALIZATION: References = {
  cwe: ['CWE-502'],
  atlas: ['AML.T0011.000', 'AML.T0010.003'],
  owaspLlm: ['LLM03'],
  owaspMl: ['ML06'],
  nist: ['Manage'],
};

/** What a boolean-like argument is at the call: absent, a known truth value, or unknown. */
export type Flag =
  | { state: 'absent'; hidden: boolean }
  | { state: 'true' | 'false'; node: Node; arg?: Node }
  | { state: 'unknown'; node: Node; arg?: Node; reason: string };

export function flag(ctx: RuleContext, args: CallArgs, name: string, index?: number): Flag {
  const node = argument(args, name, index);
  if (!node) return { state: 'absent', hidden: args.opaqueKwargs.length > 0 || (index !== undefined && args.starArgs) };
  const arg = args.keywords.get(name)?.arg;
  const v = ctx.evaluate(node);
  if (!v.known) return { state: 'unknown', node, arg, reason: v.reason };
  return { state: truthy(v.value) ? 'true' : 'false', node, arg };
}

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** True for a string literal (or constant) naming a local file, or `open(<that>)`, or a name bound to it. */
export function isLocalLiteralPath(ctx: RuleContext, node: Node | undefined): boolean {
  if (!node) return false;
  const v = ctx.evaluate(node);
  if (v.known) return typeof v.value === 'string' && !URL.test(v.value);
  let call: Node | null = node.type === 'call' ? node : null;
  if (node.type === 'identifier') {
    const b = ctx.lookup(node.text);
    if (b?.kind === 'instance' && b.node.type === 'call') call = b.node;
  }
  if (!call) return false;
  const callee = ctx.callee(call);
  if (callee !== 'builtins.open' && callee !== 'io.open' && callee !== 'gzip.open' && callee !== 'bz2.open' && callee !== 'lzma.open') return false;
  return isLocalLiteralPath(ctx, ctx.args(call).positional[0] ?? ctx.args(call).keywords.get('file')?.value);
}

/** The callee as written, with what it resolves to when that differs: "`t.load` (torch.load)". */
export function written(call: Node, qualified?: string): string {
  const text = call.childForFieldName('function')?.text.replace(/\s+/g, '') ?? 'call';
  return qualified && qualified !== text ? `\`${text}\` (${qualified})` : `\`${text}\``;
}

/** The callee expression (`t.load`), the narrowest range that names the call. */
export function calleeNode(call: Node): Node {
  return call.childForFieldName('function') ?? call;
}
