import type { RuleContext } from '../../engine/rule';
import type { SyntaxNode } from '../../engine/syntax';

/**
 * The literal (a list, a dictionary...) an argument stands for: written in the call, bound to a
 * name by an assignment the semantic model sees (`TOOLS = ["terminal"]`), or, with `calls`, returned
 * by a function of the file called with no arguments whose body returns only that literal
 * (`def get_tools(): return ["terminal", "human"]`). Undefined when it is anything else.
 */
export function literalValue(ctx: RuleContext, given: SyntaxNode | null | undefined, types: ReadonlySet<string>, calls = true): SyntaxNode | undefined {
  const literal = (n: SyntaxNode | null | undefined) => (n && types.has(n.type) ? n : undefined);
  if (!given) return undefined;
  if (given.type === 'identifier') {
    const node = ctx.lookup(given.text)?.node;
    const assignment = node?.type === 'assignment' ? node : node?.parent?.type === 'assignment' ? node.parent : undefined;
    return literal(node) ?? literal(assignment?.childForFieldName('right'));
  }
  const fn = given.type === 'call' ? given.childForFieldName('function') : null;
  if (!calls || fn?.type !== 'identifier') return literal(given);
  const args = ctx.args(given);
  if (args.positional.length || args.keywords.size) return undefined;
  const def = ctx.lookup(fn.text)?.node;
  if (def?.type !== 'function_definition') return undefined;
  const returns = (def.childForFieldName('body')?.namedChildren ?? []).filter((c) => c?.type === 'return_statement');
  return returns.length === 1 ? literal(returns[0]!.namedChildren[0]) : undefined;
}
