import type { SyntaxNode } from '../../engine/syntax';
import { argument, type CallArgs } from '../../engine/evaluate';
import type { RuleContext } from '../../engine/rule';
import type { Flow } from './data-flow';
import { normalize, NOT_PERSONAL, PERSONAL_DATASET_PREFIX, PERSONAL_DATASETS, PERSONAL_LOADERS, PERSONAL_OPENML_IDS } from './personal-data';

/** What MLS401 counts as training, and which loaders name data sets about people. */

/** The pseudo-variable PyCaret's `setup(data=...)` stores the data in. */
export const PYCARET = '@pycaret';
export const PYCARET_TRAINING = new Set(['compare_models', 'create_model', 'tune_model', 'ensemble_model', 'blend_models', 'stack_models', 'automl']);
/** Keywords whose value is, by the author's own account, people's protected attributes. */
export const SENSITIVE_KEYWORDS = ['sensitive_features', 'protected_attribute_names', 'protected_attributes', 'privileged_groups', 'unprivileged_groups', 'sensitive_attribute', 'sensitive_attributes'];
const PREPROCESSORS = /^(sklearn\.(preprocessing|impute|feature_extraction|feature_selection|decomposition|compose\.ColumnTransformer|compose\.make_column_transformer)|category_encoders)\b/;
const PREPROCESSOR_NAMES = /(scaler|encoder|imputer|vectori[sz]er|tokenizer|normali[sz]er|binarizer|discreti[sz]er|pca|le|ohe|ct|preprocessor)\d*$/i;

/** `.fit` of a scaler, encoder, imputer or vectorizer learns a transformation of the data, not a model of the people in it. */
export function preprocessing(ctx: RuleContext, receiver: SyntaxNode | null): boolean {
  if (!receiver) return false;
  const q = receiver.type === 'call' ? ctx.callee(receiver) : ctx.qualifiedName(receiver);
  if (q && PREPROCESSORS.test(q)) return true;
  return receiver.type === 'identifier' && PREPROCESSOR_NAMES.test(receiver.text) && !q?.includes('.');
}

/** An LR scheduler's `.step()` changes the learning rate; it is not an optimizer step. */
export function scheduler(ctx: RuleContext, receiver: SyntaxNode | null): boolean {
  if (!receiver) return false;
  const q = ctx.qualifiedName(receiver) ?? '';
  return q.startsWith('torch.optim.lr_scheduler.') || /sched|lr_?step|warmup/i.test(receiver.text) || q.startsWith('transformers.get_') || /(^|\.)get_\w*schedule\w*$/.test(q);
}

/** `trainer.train()` trains; `model.train()` only switches a PyTorch module to training mode. */
export function trainerLike(ctx: RuleContext, receiver: SyntaxNode | null): boolean {
  if (!receiver) return false;
  const q = ctx.qualifiedName(receiver) ?? '';
  return /Trainer$/.test(q) || /trainer|estimator|classifier|regressor/i.test(receiver.text);
}

/** Where an assignment's value comes from, for `cleanness`. */
export function originOf(callee: (n: SyntaxNode) => string | undefined, right: SyntaxNode, from: string): Flow['origin'] {
  let value = right;
  while (value.type === 'parenthesized_expression' && value.namedChildren[0]) value = value.namedChildren[0];
  if (value.type === 'call') {
    const q = callee(value) ?? '';
    if (NOT_PERSONAL.test(q)) return 'synthetic';
    if (!from && /^(numpy\.(array|asarray)|torch\.(tensor|as_tensor))$/.test(q)) return 'synthetic';
    if (/(^|\.)(read_\w+|load\w*|fetch_\w+|get_data|load_dataset|open|DataFrame|from_\w+)$/.test(q)) return from ? 'derived' : 'source';
    return from ? 'derived' : 'neutral';
  }
  if (!from && ['list', 'tuple', 'integer', 'float', 'dictionary', 'unary_operator', 'binary_operator'].includes(value.type)) return 'synthetic';
  return from ? 'derived' : 'source';
}

/**
 * What a callee alone says about the data set a call loads: a loader of personal data sets (the
 * answer), a loader whose argument names the data set (which one), or nothing. It depends on the
 * name only, and every call of every file asks, so it is kept per callee.
 */
type LoaderKind = { readonly answer?: string; readonly argument?: 'openml' | 'dataset' | 'name' | 'file' };
const loaderKinds = new Map<string, LoaderKind>();
const NO_LOADER: LoaderKind = {};

function loaderKind(name: string): LoaderKind {
  let kind = loaderKinds.get(name);
  if (kind) return kind;
  // A copy of the name, never a slice of the document (which the cache would keep alive).
  const callee = (' ' + name).slice(1);
  const bare = callee.split('.').pop() ?? '';
  if (PERSONAL_LOADERS.test(callee)) kind = { answer: `data set \`${bare}\`` };
  else if (callee === 'sklearn.datasets.fetch_openml') kind = { argument: 'openml' };
  else if (callee === 'pycaret.datasets.get_data' || callee === 'seaborn.load_dataset' || (bare === 'get_data' && !callee.includes('.'))) kind = { argument: callee === 'seaborn.load_dataset' ? 'name' : 'dataset' };
  else if (/^(pandas|polars|dask\.dataframe)\.(read_csv|read_parquet|read_excel|read_table|read_json|read_feather|scan_csv|scan_parquet)$/.test(callee) || /^numpy\.(loadtxt|genfromtxt)$/.test(callee)) kind = { argument: 'file' };
  else {
    // A loader named after the data set: `sc.germancredit()`, `load_adult()`, `fetch_compas_data()`.
    const m = /^(?:load|fetch|get|read|download)_(\w+?)(?:_(?:data|dataset|df|frame))?$/i.exec(bare);
    const stem = m ? m[1].toLowerCase() : callee.includes('.') ? bare.toLowerCase() : undefined;
    kind = stem && PERSONAL_DATASETS.test(stem) && !NOT_PERSONAL.test(callee) ? { answer: `data set \`${bare}()\`` } : NO_LOADER;
  }
  if (loaderKinds.size > 10000) loaderKinds.clear();
  loaderKinds.set(callee, kind);
  return kind;
}

/** The data set a loader call names, when it is a well-known data set about people. */
export function personalDataset(ctx: RuleContext, callee: string, args: CallArgs): string | undefined {
  const kind = loaderKind(callee);
  if (!kind.argument) return kind.answer;
  const str = (n: SyntaxNode | undefined) => {
    const v = ctx.evaluate(n);
    return v.known && typeof v.value === 'string' ? v.value : undefined;
  };
  let named: string | undefined;
  if (kind.argument === 'openml') {
    const id = ctx.evaluate(argument(args, 'data_id'));
    if (id.known && typeof id.value === 'number' && PERSONAL_OPENML_IDS.has(id.value)) return `OpenML data set ${id.value}`;
    named = str(argument(args, 'name', 0));
  } else if (kind.argument === 'name' || kind.argument === 'dataset') {
    named = str(argument(args, kind.argument, 0));
  } else {
    named = str(argument(args, 'filepath_or_buffer', 0) ?? argument(args, 'fname', 0) ?? argument(args, 'source', 0) ?? argument(args, 'path', 0));
  }
  if (!named) return undefined;
  const file = named.split(/[\\/]/).pop()!;
  const base = fileBase(file);
  return PERSONAL_DATASETS.test(base) || PERSONAL_DATASET_PREFIX.test(base) ? `data set \`${file}\`` : undefined;
}

/** A data file's name without folders and extensions, normalized: `Heart-wo-NA.csv.gz` is `heart_wo_na`. */
export function fileBase(file: string): string {
  return normalize(file.replace(/\.(csv|tsv|parquet|xlsx?|json|data|feather|txt|gz|zip)$/gi, '').replace(/\.(csv|tsv|parquet|data)$/i, ''));
}

