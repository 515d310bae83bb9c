import type { SyntaxNode } from '../../engine/syntax';
import { defineRule, type RuleContext } from '../../engine/rule';
import { ROUTE_WORDS } from '../helpers';
import { enclosingFunction, isLlmCall, isModel, isRouteHandler } from './llm';

const LIMITS = new Set(['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'max_new_tokens', 'max_length', 'num_predict', 'max_tokens_to_sample', 'maxTokens', 'generation_config', 'options', 'model_kwargs', 'config']);

/** Whether a call (or the construction of the model it calls) sets an output limit: true, false, or undefined when unknown. */
function limited(ctx: RuleContext, call: SyntaxNode): boolean | undefined {
  const args = ctx.args(call);
  if ([...args.keywords.keys()].some((k) => LIMITS.has(k))) return true;
  if (args.opaqueKwargs.length) return undefined;
  const fn = call.childForFieldName('function');
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : fn;
  // `client.chat.completions.create(...)` sets its limit in the call.
  if (isDirect(ctx, call)) return false;
  if (fn?.type === 'identifier') {
    const b = ctx.lookup(fn.text);
    if (b?.kind === 'instance' && b.of === 'transformers.pipeline' && b.node.type === 'call') return [...ctx.args(b.node).keywords.keys()].some((k) => LIMITS.has(k));
  }
  return constructed(ctx, receiver ?? null, 0);
}

function isDirect(ctx: RuleContext, call: SyntaxNode): boolean {
  const q = ctx.callee(call) ?? call.childForFieldName('function')?.text ?? '';
  return /(completions\.(create|parse)|responses\.(create|parse)|messages\.create|^litellm\.a?completion|^litellm\.text_completion)$/.test(q);
}

/** Follows a model object to the call that built it (`ChatOpenAI(max_tokens=256)`, a pipe, `.bind(max_tokens=...)`). */
function constructed(ctx: RuleContext, node: SyntaxNode | null, depth: number): boolean | undefined {
  if (!node || depth > 6) return undefined;
  if (node.type === 'parenthesized_expression') return constructed(ctx, node.namedChildren[0], depth + 1);
  if (node.type === 'binary_operator') {
    const l = constructed(ctx, node.childForFieldName('left'), depth + 1);
    const r = constructed(ctx, node.childForFieldName('right'), depth + 1);
    return l === true || r === true ? true : l === false || r === false ? false : undefined;
  }
  if (node.type === 'identifier') {
    const b = ctx.lookup(node.text);
    if (!b || b.kind === 'import' || b.kind === 'value' || !b.node) return undefined;
    return constructed(ctx, b.node, depth + 1);
  }
  if (node.type !== 'call' || !isModel(ctx, node)) return undefined;
  const args = ctx.args(node);
  if ([...args.keywords.keys()].some((k) => LIMITS.has(k))) return true;
  if (args.opaqueKwargs.length) return undefined;
  const fn = node.childForFieldName('function');
  // A chain or an agent is as limited as the model it was given.
  const name = (fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text) ?? '';
  const wrapped = args.keywords.get('llm')?.value ?? args.keywords.get('agent')?.value ?? args.keywords.get('model')?.value ?? args.positional[0];
  if (/Chain|Agent|Executor|^create_|^initialize_agent$|^from_(llm|chain_type|math_prompt)$/.test(name) || (fn?.type === 'attribute' && /Chain|Agent|Executor/.test(fn.childForFieldName('object')?.text ?? ''))) return constructed(ctx, wrapped ?? null, depth + 1);
  // `llm.bind(...)`, `llm.with_retry()`: the model it was made from.
  if (fn?.type === 'attribute') {
    const inner = constructed(ctx, fn.childForFieldName('object'), depth + 1);
    if (inner !== undefined) return inner;
  }
  return /^[A-Z]/.test(fn?.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : (fn?.text ?? '')) ? false : undefined;
}

export default defineRule({
  meta: {
    code: 'MLS509',
    requires: ROUTE_WORDS,
    name: 'llm-call-without-token-limit',
    title: 'LLM call in a request handler with no limit on output tokens',
    category: 'llm-application',
    severity: 'info',
    confidence: 'medium',
    fix: 'none',
    references: { cwe: ['CWE-770', 'CWE-400'], atlas: ['AML.T0034'], owaspLlm: ['LLM10'], owaspMl: [], nist: ['Manage'] },
  },
  docs: `
## What it does
Reports an LLM call inside a Flask, Quart or FastAPI route handler that sets no limit on the length of the answer: OpenAI / Azure / Groq \`chat.completions.create\`, \`responses.create\`, Anthropic \`messages.create\`, LiteLLM \`completion\` without \`max_tokens\` (\`max_completion_tokens\`, \`max_output_tokens\`), and LangChain models and chains (\`invoke\`, \`run\`...) whose model was built in this file without \`max_tokens\` (\`max_new_tokens\`, \`num_predict\`, \`max_output_tokens\`), and Hugging Face text-generation pipelines without \`max_new_tokens\`.

## Why is this bad?
Each request to the endpoint spends tokens the application pays for. Without a limit, a user (or a prompt injection) can ask for the longest possible answer on every request: cost, latency and quota exhaustion for everyone else (OWASP LLM10 Unbounded Consumption, "denial of wallet").

## Example
\`\`\`python
@app.post("/summarize")
def summarize(text: str):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
\`\`\`

## Use instead
\`\`\`python
@app.post("/summarize")
def summarize(text: str):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text[:8000]}], max_tokens=512)
\`\`\`
Also limit the input's length and rate-limit the endpoint per user.

## Fix safety
No fix: the right limit depends on the feature.

## Known limitations
Handlers are recognized by their route decorators; a model built in another module, or through \`**kwargs\`, is not checked. Limits set on a provider's dashboard or by a gateway are invisible to the rule.

## References
- [OWASP Top 10 for LLM Applications 2025: LLM10 Unbounded Consumption](https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/)
- [CWE-770: Allocation of Resources Without Limits or Throttling](https://cwe.mitre.org/data/definitions/770.html)
`,
  create(ctx) {
    const handlers = new Map<number, boolean>();
    return {
      call(node) {
        const fn = enclosingFunction(ctx);
        if (!fn) return;
        let handler = handlers.get(fn.id);
        if (handler === undefined) handlers.set(fn.id, (handler = isRouteHandler(ctx, fn)));
        if (!handler || !isLlmCall(ctx, node)) return;
        if (limited(ctx, node) !== false) return;
        const callee = node.childForFieldName('function')!;
        ctx.report({ node: callee, message: `\`${callee.text.replace(/\s+/g, '')}\` in a request handler sets no limit on output tokens: every request can spend the longest answer the model gives; set \`max_tokens\` (or the model's \`max_tokens\` / \`max_output_tokens\`)` });
      },
    };
  },
});
