import type { SyntaxNode } from '../../engine/syntax';
import { argument } from '../../engine/evaluate';
import type { Note, RuleContext } from '../../engine/rule';
import { parameterDefault } from '../helpers';

/**
 * DP settings are often not literals at the call: `noise_multiplier=args.sigma` with
 * `parser.add_argument("--sigma", default=1.0)`, `FLAGS.noise_multiplier` with
 * `flags.DEFINE_float("noise_multiplier", 1.1, ...)`, `config["max_grad_norm"]` with a dict literal.
 * The rules that judge settings note each default they see and each setting that refers to one,
 * and resolve them at the end of the file (they are file-scope rules: the default and the call are
 * usually in different statements). Settings are matched by name: the option's destination, the
 * flag's name, the dict key.
 */

const ABSL = /(^|\.)flags\.DEFINE_(float|integer|bool|boolean|string|enum)$/;

/** Notes the default an argparse option, absl flag or dict entry gives a setting, if this node defines one. */
export function noteDefault(ctx: RuleContext, node: SyntaxNode): void {
  if (node.type === 'pair') {
    const key = ctx.evaluate(node.childForFieldName('key'));
    const value = ctx.evaluate(node.childForFieldName('value'));
    if (key.known && typeof key.value === 'string' && value.known && typeof value.value === 'number') ctx.note({ start: node.startIndex, end: node.endIndex }, { kind: 'default', key: `key:${key.value}`, value: value.value });
    return;
  }
  const name = ctx.callee(node) ?? '';
  const args = ctx.args(node);
  let key: string | undefined;
  let given: SyntaxNode | undefined;
  if (ctx.method(node) === 'add_argument') {
    const dest = ctx.evaluate(argument(args, 'dest'));
    const options = args.positional.map((a) => ctx.evaluate(a)).flatMap((v) => (v.known && typeof v.value === 'string' ? [v.value] : []));
    const long = options.find((o) => o.startsWith('--')) ?? options.find((o) => !o.startsWith('-'));
    const dest_ = dest.known && typeof dest.value === 'string' ? dest.value : long?.replace(/^-+/, '').replace(/-/g, '_');
    key = dest_ && `arg:${dest_}`;
    given = argument(args, 'default');
  } else if (ABSL.test(name) || /^DEFINE_(float|integer|bool|boolean|string)$/.test(name)) {
    const v = ctx.evaluate(argument(args, 'name', 0));
    key = v.known && typeof v.value === 'string' ? `flag:${v.value}` : undefined;
    given = argument(args, 'default', 1);
  }
  if (!key || !given) return;
  const v = ctx.evaluate(given);
  if (v.known && typeof v.value === 'number') ctx.note({ start: node.startIndex, end: node.endIndex }, { kind: 'default', key, value: v.value });
}

/** A setting written as a reference to an option, flag or config entry: `args.sigma`, `FLAGS.noise_multiplier`, `cfg["max_grad_norm"]`. */
export function settingRef(ctx: RuleContext, node: SyntaxNode): string | undefined {
  if (node.type === 'attribute') {
    const object = node.childForFieldName('object');
    const q = object?.type === 'identifier' || object?.type === 'attribute' ? ctx.qualifiedName(object) : undefined;
    const binding = object?.type === 'identifier' ? ctx.lookup(object.text) : undefined;
    // `torch.float32` is a module attribute, `FLAGS.x` a flag.
    const flag = /(^|\.)FLAGS$/.test(q ?? '');
    if (binding?.kind === 'import' && !flag) return undefined;
    const name = node.childForFieldName('attribute')?.text;
    return name && `${flag ? 'flag' : 'arg'}:${name}`;
  }
  if (node.type === 'subscript') {
    const key = ctx.evaluate(node.childForFieldName('subscript'));
    return key.known && typeof key.value === 'string' ? `key:${key.value}` : undefined;
  }
  return undefined;
}

/** The number a setting is: a literal or constant, else the noted default it refers to. */
export function settingValue(ctx: RuleContext, node: SyntaxNode): { value: number; param?: string } | { ref: string } | undefined {
  const v = ctx.evaluate(node);
  if (v.known) return typeof v.value === 'number' ? { value: v.value } : undefined;
  const given = parameterDefault(ctx, node);
  if (given) return given.value.known && typeof given.value.value === 'number' ? { value: given.value.value, param: given.name } : undefined;
  const ref = settingRef(ctx, node);
  return ref ? { ref } : undefined;
}

/**
 * The defaults noted in the file, by kind and name (`arg:sigma`, `flag:noise_multiplier`,
 * `key:max_grad_norm`) and by name alone for a reference of another kind (`cfg.max_grad_norm` on a
 * config loaded from a dict); the first one wins.
 */
export function defaults(notes: readonly Note[]): { get(ref: string): number | undefined } {
  const out = new Map<string, number>();
  for (const n of notes) {
    if (n.data.kind !== 'default') continue;
    const key = String(n.data.key);
    for (const k of [key, key.slice(key.indexOf(':') + 1)]) if (!out.has(k)) out.set(k, Number(n.data.value));
  }
  return { get: (ref) => out.get(ref) ?? out.get(ref.slice(ref.indexOf(':') + 1)) };
}

/** `1 / len(loader)`, `1.0 / len(dataset)`: a delta of one over the number of batches or records. */
export function oneOverLen(ctx: RuleContext, node: SyntaxNode): string | undefined {
  if (node.type !== 'binary_operator' || node.childForFieldName('operator')?.text !== '/') return undefined;
  const one = ctx.evaluate(node.childForFieldName('left'));
  const right = node.childForFieldName('right');
  if (!one.known || one.value !== 1 || !right) return undefined;
  if (right.type === 'call' && right.childForFieldName('function')?.text === 'len') return right.text.replace(/\s+/g, '');
  // `1 / num_train_examples`, `1.0 / n_samples`, `1 / dataset_size`: one over a count of records.
  if ((right.type === 'identifier' || right.type === 'attribute') && RECORD_COUNT.test(right.type === 'attribute' ? right.childForFieldName('attribute')?.text ?? '' : right.text)) return right.text.replace(/\s+/g, '');
  return undefined;
}

/** Names of a number of records (or batches): `n`, `N`, `num_examples`, `n_train`, `dataset_size`, `len_data`. */
const RECORD_COUNT = /^(n|N|num_\w*(examples|samples|records|rows|train\w*|data\w*)|n_(examples|samples|records|rows|train\w*|data\w*)|(train_|data_|dataset_|sample_)size|len_\w+|number_of_\w*(examples|samples|records|rows))$/i;

/** A variable bound to one over a count where it is used (`target_delta = 1.0 / num_train_examples`): that count. */
export function oneOverLenVariable(ctx: RuleContext, node: SyntaxNode): string | undefined {
  if (node.type !== 'identifier') return undefined;
  const b = ctx.lookup(node.text);
  return b?.kind === 'unknown' && b.node ? oneOverLen(ctx, b.node) : undefined;
}
