import type { SyntaxNode } from '../engine/syntax';
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
  | { state: 'true' | 'false'; node: SyntaxNode; arg?: SyntaxNode; indirect?: true; parameter?: string }
  | { state: 'unknown'; node: SyntaxNode; arg?: SyntaxNode; reason: string; indirect?: true };

/**
 * A boolean-like argument. `**kwargs` naming a dict literal or `dict(...)` call bound in this file is
 * opened: then the flag is `indirect`, `node` is the value in that dict, and `arg` the `**kwargs` in
 * the call, where findings go (an edit of `node` would change another statement: rules offer no fix).
 */
export function flag(ctx: RuleContext, args: CallArgs, name: string, index?: number): Flag {
  const node = argument(args, name, index);
  if (!node) {
    const hidden = index !== undefined && args.starArgs;
    let opaque = false;
    for (const splat of args.opaqueKwargs) {
      const dict = boundDict(ctx, splat);
      if (!dict) {
        opaque = true;
        continue;
      }
      const value = dict.get(name);
      if (value) return { ...valueFlag(ctx, value, splat), indirect: true };
    }
    return { state: 'absent', hidden: opaque || hidden };
  }
  const arg = args.keywords.get(name)?.arg;
  return valueFlag(ctx, node, arg);
}

function valueFlag(ctx: RuleContext, node: SyntaxNode, arg: SyntaxNode | undefined): Exclude<Flag, { state: 'absent' }> {
  const container = containerTruth(node);
  if (container !== undefined) return { state: container ? 'true' : 'false', node, arg };
  const v = ctx.evaluate(node);
  if (!v.known) {
    // `def load(path, weights_only=True): torch.load(path, weights_only=weights_only)`: what a call
    // that leaves the parameter out gets. Indirect: an edit here would change the wrapper's contract.
    const given = parameterDefault(ctx, node);
    if (given?.value.known) return { state: truthy(given.value.value) ? 'true' : 'false', node, arg, indirect: true, parameter: given.name };
    return { state: 'unknown', node, arg, reason: v.reason };
  }
  return { state: truthy(v.value) ? 'true' : 'false', node, arg };
}

/** Where a flag's value came from, for messages: ` (the default of parameter `x`)`, or nothing. */
export function throughParameter(f: Flag): string {
  return f.state !== 'absent' && f.state !== 'unknown' && f.parameter ? ` (the default of parameter \`${f.parameter}\`)` : '';
}

/**
 * The default of the function parameter a value is passed through, as the semantic model binds the
 * name where it is used: `def make_private(..., poisson_sampling: bool = False)` then
 * `poisson_sampling=poisson_sampling`. Callers may pass another value; the default is what a call
 * that leaves it out gets.
 */
export function parameterDefault(ctx: RuleContext, node: SyntaxNode | undefined): { name: string; value: ReturnType<RuleContext['evaluate']> } | undefined {
  if (node?.type !== 'identifier') return undefined;
  const b = ctx.lookup(node.text);
  const p = b?.kind === 'unknown' ? b.node : null;
  if (p?.type !== 'default_parameter' && p?.type !== 'typed_default_parameter') return undefined;
  return { name: node.text, value: ctx.evaluate(p.childForFieldName('value')) };
}

/** The keys of the dict a `**name` splat names, when `name` is bound to a dict literal with string keys or a `dict(k=v)` call. */
function boundDict(ctx: RuleContext, splat: SyntaxNode): Map<string, SyntaxNode> | undefined {
  const ref = splat.namedChildren[0];
  if (ref?.type !== 'identifier') return undefined;
  const b = ctx.lookup(ref.text);
  const value = b && b.kind !== 'import' ? b.node : null;
  if (!value) return undefined;
  const out = new Map<string, SyntaxNode>();
  if (value.type === 'dictionary') {
    for (const pair of value.namedChildren) {
      if (!pair || pair.type === 'comment') continue;
      const key = pair.type === 'pair' ? ctx.evaluate(pair.childForFieldName('key')) : undefined;
      const v = pair.childForFieldName('value');
      if (!key?.known || typeof key.value !== 'string' || !v) return undefined;
      out.set(key.value, v);
    }
    return out;
  }
  if (value.type === 'call' && value.childForFieldName('function')?.text === 'dict' && !ctx.lookup('dict')) {
    const args = ctx.args(value);
    if (args.positional.length || args.starArgs || args.opaqueKwargs.length) return undefined;
    for (const [k, { value: v }] of args.keywords) out.set(k, v);
    return out;
  }
  return undefined;
}

const CONTAINERS = new Set(['list', 'tuple', 'dictionary', 'set']);

/** A list, tuple, dict or set display is true when it has an element, whatever the elements are (`[]` is false, `[x]` true). */
function containerTruth(node: SyntaxNode): boolean | undefined {
  if (!CONTAINERS.has(node.type)) return undefined;
  return node.namedChildren.some((c) => c && c.type !== 'comment');
}

/**
 * The data a loader reads is a literal string or bytes constant in the code (`pickle.loads(b"...")`,
 * or a name bound to one): no attacker can have written it.
 */
export function literalData(ctx: RuleContext, call: SyntaxNode, name = 'data'): boolean {
  const args = ctx.args(call);
  const data = argument(args, name, 0);
  if (!data) return false;
  const v = ctx.evaluate(data);
  return v.known && typeof v.value === 'string';
}

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** True for a string literal (or constant) naming a local file, or `open(<that>)`, or a name bound to it. */
export function isLocalLiteralPath(ctx: RuleContext, node: SyntaxNode | undefined): boolean {
  if (!node) return false;
  const v = ctx.evaluate(node);
  if (v.known) return typeof v.value === 'string' && !URL.test(v.value);
  let call: SyntaxNode | null = node.type === 'call' ? node : null;
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
export function written(call: SyntaxNode, qualified?: string): string {
  const text = call.childForFieldName('function')?.text.replace(/\s+/g, '') ?? 'call';
  // `AutoModel.from_pretrained` says enough; `pd.read_pickle` is worth spelling out.
  return qualified && qualified !== text && !qualified.endsWith(`.${text}`) ? `\`${text}\` (${qualified})` : `\`${text}\``;
}

/** The callee expression (`t.load`), the narrowest range that names the call. */
export function calleeNode(call: SyntaxNode): SyntaxNode {
  return call.childForFieldName('function') ?? call;
}

/** A write to the process environment: `os.environ["K"] = v`, `os.environ.setdefault("K", v)`, `os.putenv`, `%env K=v`. */
export interface EnvWrite {
  name: string;
  /** The value when it is a literal or constant; undefined when unknown. */
  value: string | undefined;
  node?: SyntaxNode;
  span?: { start: number; end: number };
}

const ENV_CALLS = new Set(['os.environ.setdefault', 'os.putenv', 'os.environ.__setitem__']);

export function envWriteOf(ctx: RuleContext, node: SyntaxNode): EnvWrite[] {
  if (node.type === 'assignment') {
    const left = node.childForFieldName('left');
    if (left?.type !== 'subscript' || ctx.qualifiedName(left.childForFieldName('value')) !== 'os.environ') return [];
    const name = envText(ctx, left.childForFieldName('subscript'));
    return name ? [{ name, value: envText(ctx, node.childForFieldName('right')), node }] : [];
  }
  if (node.type !== 'call') return [];
  const callee = ctx.callee(node);
  if (callee && ENV_CALLS.has(callee)) {
    const args = ctx.args(node);
    const name = envText(ctx, args.positional[0]);
    return name ? [{ name, value: envText(ctx, args.positional[1]), node }] : [];
  }
  if (callee !== 'os.environ.update') return [];
  const args = ctx.args(node);
  const out: EnvWrite[] = [];
  for (const [name, kw] of args.keywords) out.push({ name, value: envText(ctx, kw.value), node: kw.arg });
  const dict = args.positional[0];
  if (dict?.type === 'dictionary') {
    for (const pair of dict.namedChildren) {
      const name = pair?.type === 'pair' ? envText(ctx, pair.childForFieldName('key')) : undefined;
      if (name && pair) out.push({ name, value: envText(ctx, pair.childForFieldName('value')), node: pair });
    }
  }
  return out;
}

function envText(ctx: RuleContext, n: SyntaxNode | null | undefined): string | undefined {
  const v = n ? ctx.evaluate(n) : undefined;
  return v?.known && v.value !== null ? String(v.value) : undefined;
}

/** `%env NAME=value`, `%env NAME value` and `%set_env NAME=value` in a notebook. */
export function envMagic(ctx: RuleContext, line: { kind: string; command: string; line: number; column: number; text: string }): EnvWrite | undefined {
  if (line.kind !== 'line-magic') return undefined;
  const m = /^(?:env|set_env)\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s*=\s*|\s+)(.*)$/.exec(line.command.trim());
  if (!m) return undefined;
  const start = ctx.lines.lineStart(line.line) + line.column;
  return { name: m[1], value: m[2].trim().replace(/^(['"])(.*)\1$/, '$2'), span: { start, end: start + line.text.length - line.column } };
}

export function truthyEnv(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/**
 * The common shape of "this loader is always unsafe" rules: report a call to one of `names`, at
 * lower severity when its first argument is a literal local path.
 */
export function reportUnsafeLoader(
  ctx: RuleContext,
  node: SyntaxNode,
  names: ReadonlySet<string>,
  advice: string,
  options: { lowerForLocalPath: boolean; severity?: 'error' | 'warning' } = { lowerForLocalPath: true },
): void {
  const name = ctx.callee(node);
  if (!name || !names.has(name)) return;
  const local = options.lowerForLocalPath && isLocalLiteralPath(ctx, ctx.args(node).positional[0]);
  ctx.report({
    node: calleeNode(node),
    message: `${written(node, name)} can execute arbitrary code while loading${local ? ' (a local file: safe only if nobody else can write it)' : ''}: ${advice}`,
    severity: local ? 'warning' : (options.severity ?? 'error'),
  });
}

/**
 * `RuleMeta.requires` of the rules whose findings start from model output (`llmOutput` and
 * `isLlmCall` in llm-application/llm.ts): a call through a client module (`LLM_CALLS`, LangChain's
 * and LlamaIndex's roots, `transformers.pipeline`), an OpenAI- or Anthropic-shaped call on an
 * unresolved client (`.chat.completions.create`, `.responses.create`, `.messages.create`), a receiver
 * named like a model (`llm`, `chat_model`, `chain`, `qa`, `agent`, `query_engine`), or a read shaped like a
 * response (`choices[0].message.content`, `output_text`, `content[0].text`, `function.arguments`).
 * Each of these spells one of the words in the file. Kept in step with llm.ts by the pre-filter test.
 */
export const LLM_OUTPUT_WORDS: readonly string[] = [
  'openai', 'anthropic', 'groq', 'together', 'huggingface_hub', 'litellm', 'ollama', 'google', 'cohere', 'mistralai',
  'langchain', 'langgraph', 'llama_index', 'transformers',
  'completions', 'responses', 'messages',
  'llm', 'chat_model', 'chain', 'qa', 'agent', 'engine',
  'choices', 'output_text', 'output_parsed', 'content', 'arguments',
  // Agent frameworks whose tools' parameters the model fills in, and registries from LLM modules.
  'mcp', 'autogen', 'crewai', 'smolagents', 'semantic_kernel', 'pydantic_ai', 'strands', 'register_for', 'gpt', 'claude', 'gemini', 'agno',
  // `from liteagent import tool`: a `tool` decorator of any agent package.
  'import tool',
  // AWS runtime calls, Hugging Face `generate` outside `transformers`, local runtimes.
  'invoke_model', 'converse', 'invoke_endpoint', 'peft', 'optimum', 'unsloth', 'auto_gptq', 'vllm', 'llama_cpp',
  // Snowflake Cortex's completion function.
  'cortex',
  // Ollama's REST API called with an HTTP client (`/api/generate`, `/api/chat`, port 11434).
  '/api/', '11434',
];

/** `RuleMeta.requires` of rules about request handlers (`isRouteHandler`: Flask, Quart, FastAPI and Starlette routes). */
export const ROUTE_WORDS: readonly string[] = ['fastapi', 'flask', 'quart', 'starlette'];

const OPENING_QUOTE = /^[rRbBuUfF]{0,2}('''|"""|'|")/;

/**
 * The characters between a string literal's quotes, as offsets (a concatenation's, from the first
 * part's opening quote to the last part's closing one): what a finding about the value covers, so
 * that masking hides the value and leaves the quotes.
 */
export function literalBody(node: SyntaxNode): { start: number; end: number } {
  const parts = node.type === 'concatenated_string' ? node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'string') : [node];
  const first = parts[0] ?? node;
  const last = parts[parts.length - 1] ?? node;
  const open = OPENING_QUOTE.exec(first.text);
  const close = OPENING_QUOTE.exec(last.text);
  const start = first.startIndex + (open ? open[0].length : 0);
  const end = last.endIndex - (close && last.text.length >= close[0].length + close[1].length ? close[1].length : 0);
  return end > start ? { start, end } : { start: node.startIndex, end: node.endIndex };
}
