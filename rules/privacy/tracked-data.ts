import type { SyntaxNode } from '../../engine/syntax';
import { argument } from '../../engine/evaluate';
import type { RuleContext } from '../../engine/rule';
import { normalize, NOT_PERSONAL_FILES } from './personal-data';
import { rootName } from './data-flow';
import { fileBase, personalDataset } from './training';

/** What MLS405 judges a value given to a tracker by: frames read or built, dataset wrappers, personal keys. */
const FRAMES = /^(pandas|polars)\.|\.(read_csv|read_parquet|read_json|read_excel|read_sql|DataFrame|from_pandas)$/;
/** MLflow's dataset wrappers: the rows of the frame they wrap. */
const DATASETS = /^mlflow\.data\.(from_pandas|from_polars|from_numpy|from_spark|from_huggingface|pandas_dataset\.from_pandas)$/;

/** Why a value is raw data: a DataFrame, or personal-looking keys; undefined when it looks like metrics. */
export function rawData(ctx: RuleContext, value: SyntaxNode, names: ReadonlySet<string>, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  if (value.type === 'dictionary') {
    for (const pair of value.namedChildren) {
      const key = pair?.type === 'pair' ? ctx.evaluate(pair.childForFieldName('key')) : undefined;
      if (key?.known && typeof key.value === 'string' && names.has(normalize(key.value))) return `a field named \`${key.value}\``;
      const inner = pair?.type === 'pair' ? pair.childForFieldName('value') : null;
      const nested = inner && rawData(ctx, inner, names, depth + 1);
      if (nested) return nested;
    }
    return undefined;
  }
  if (value.type === 'call') {
    const callee = ctx.callee(value) ?? '';
    // A table inside `wandb.log` is reported on its own call.
    if (callee === 'wandb.Table') return undefined;
    const fn = value.childForFieldName('function');
    // df.describe(), df.groupby(...).mean(): aggregates, not rows.
    if (fn?.type === 'attribute' && AGGREGATES.test(fn.childForFieldName('attribute')?.text ?? '')) return undefined;
    // A frame the code builds itself (metrics, model comparisons): only its personal-looking keys count.
    if (BUILT.test(callee)) return builtFrame(ctx, value, names, depth);
    // A module's function (`pd.read_csv(...)`, `mlflow.data.from_pandas(df)`) written in the call: judged
    // as the frame it makes, as when it is first bound to a name.
    const root = fn ? rootName(fn) : undefined;
    if (fn?.type === 'attribute' && root && ctx.lookup(root)?.kind === 'import') {
      // A dataset wrapper holds what it wraps: a frame whose origin is not seen (a parameter) is not reported, as elsewhere.
      if (DATASETS.test(callee)) return wrapped(ctx, value, names, depth) ? 'a DataFrame' : undefined;
      return FRAMES.test(callee) && !notAboutPeople(ctx, value) ? 'a DataFrame' : undefined;
    }
    // df.head(), df.sample(...), df[cols]: still the frame.
    if (fn?.type === 'attribute') return rawData(ctx, fn.childForFieldName('object')!, names, depth + 1);
    return FRAMES.test(callee) ? 'a DataFrame' : undefined;
  }
  if (value.type === 'subscript') return rawData(ctx, value.childForFieldName('value')!, names, depth + 1);
  // `census.frame`, `census.data` of a data set about people (`fetch_openml("adult")`, PyCaret's `get_data("insurance")`).
  const root = value.type === 'attribute' || value.type === 'identifier' ? rootName(value) : undefined;
  const loaded = root ? ctx.lookup(root) : undefined;
  // A function of the file that loads it counts by its name too (`df = load_patients(path)`).
  const call = (loaded?.kind === 'instance' || loaded?.kind === 'unknown') && loaded.node?.type === 'call' ? loaded.node : undefined;
  const local = call?.childForFieldName('function');
  const of = loaded?.kind === 'instance' ? loaded.of : local?.type === 'identifier' ? local.text : undefined;
  const dataset = call && of ? personalDataset(ctx, of, ctx.args(call)) : undefined;
  if (dataset) return `the rows of ${dataset}`;
  if (value.type === 'identifier') {
    const b = ctx.lookup(value.text);
    if (b?.kind !== 'instance' || !(FRAMES.test(b.of) || DATASETS.test(b.of))) return undefined;
    if (AGGREGATES.test(b.of.split('.').pop() ?? '') || /feature_importances_|coef_/.test(b.node.text)) return undefined;
    if (b.node.type === 'call' && notAboutPeople(ctx, b.node)) return undefined;
    if (DATASETS.test(b.of) && b.node.type === 'call' && !wrapped(ctx, b.node, names, depth)) return undefined;
    if (BUILT.test(b.of) && b.node.type === 'call') return builtFrame(ctx, b.node, names, depth) && `the DataFrame \`${value.text}\``;
    return `the DataFrame \`${value.text}\``;
  }
  return undefined;
}

/**
 * Whether an MLflow dataset wraps rows: a frame read or built in the call is judged as it is
 * (`from_pandas(pd.DataFrame({"accuracy": ...}))` is not), any other frame counts (a copy of the
 * training data), unless it was read from a data set that is not about people.
 */
function wrapped(ctx: RuleContext, call: SyntaxNode, names: ReadonlySet<string>, depth: number): boolean {
  const first = argument(ctx.args(call), 'df', 0);
  if (!first) return false;
  if (first.type === 'call') return rawData(ctx, first, names, depth + 1) !== undefined;
  return !notAboutPeople(ctx, call);
}

/** Methods that summarize a frame rather than show its rows. */
const AGGREGATES = /^(describe|mean|median|sum|count|std|var|min|max|agg|aggregate|value_counts|nunique|corr|cov|quantile|size|isna|isnull|info|memory_usage)$/;
/** Frames written in the code: `pd.DataFrame({"metric": ...})`, `DataFrame.from_dict(results)`. */
const BUILT = /^(pandas|polars)\.DataFrame(\.from_dict|\.from_records)?$/;

/** A frame built in the code is raw data only when what it is built from is (a read frame, personal keys). */
function builtFrame(ctx: RuleContext, call: SyntaxNode, names: ReadonlySet<string>, depth: number): string | undefined {
  const args = ctx.args(call);
  for (const a of [...args.positional, ...[...args.keywords.values()].map((k) => k.value)]) {
    const inner = a.type === 'identifier' && ctx.lookup(a.text)?.kind === 'value' ? undefined : rawData(ctx, a, names, depth + 1);
    if (inner) return inner;
    if (a.type === 'list') {
      for (const item of a.namedChildren) {
        const v = item?.type === 'string' ? ctx.evaluate(item) : undefined;
        if (v?.known && typeof v.value === 'string' && names.has(normalize(v.value))) return `a column named \`${v.value}\``;
      }
    }
  }
  return undefined;
}

/**
 * A frame read from a well-known data set that is not about people (`iris.csv`, the wine-quality
 * CSV, `penguins`), directly or through `mlflow.data.from_pandas(df)` / `pd.DataFrame(df)`: its rows expose no one.
 */
function notAboutPeople(ctx: RuleContext, call: SyntaxNode, depth = 0): boolean {
  const first = ctx.args(call).positional[0];
  if (!first || depth > 2) return false;
  const v = ctx.evaluate(first);
  if (v.known) return typeof v.value === 'string' && NOT_PERSONAL_FILES.test(fileBase(v.value.split(/[\\/?#]/).filter(Boolean).pop() ?? ''));
  const b = first.type === 'identifier' ? ctx.lookup(first.text) : undefined;
  return b?.kind === 'instance' && b.node.type === 'call' && FRAMES.test(b.of) && notAboutPeople(ctx, b.node, depth + 1);
}
