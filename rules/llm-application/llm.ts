import type { SyntaxNode } from '../../engine/syntax';
import type { References, RuleContext } from '../../engine/rule';
import { projectName } from './flow';
import { literalValue } from './literal-values';

const LISTS = new Set(['list', 'tuple']);

/** What the LLM-application rules know about LLM clients: which calls return model output. */

export const OUTPUT_HANDLING = (cwe: string[]): References => ({ cwe, atlas: ['AML.T0051', 'AML.T0053'], owaspLlm: ['LLM05'], owaspMl: [], nist: ['Manage'] });

/** Client classes (and modules with a default client) of OpenAI-compatible APIs. */
const OPENAI_CLIENTS = ['openai', 'openai.OpenAI', 'openai.AsyncOpenAI', 'openai.AzureOpenAI', 'openai.AsyncAzureOpenAI', 'groq.Groq', 'groq.AsyncGroq', 'together.Together', 'huggingface_hub.InferenceClient', 'huggingface_hub.AsyncInferenceClient'];
const OPENAI_TAILS = ['chat.completions.create', 'chat.completions.parse', 'beta.chat.completions.parse', 'completions.create', 'responses.create', 'responses.parse'];
const ANTHROPIC_CLIENTS = ['anthropic.Anthropic', 'anthropic.AsyncAnthropic', 'anthropic.AnthropicBedrock', 'anthropic.AnthropicVertex', 'anthropic.AsyncAnthropicBedrock', 'anthropic.AsyncAnthropicVertex'];
const ANTHROPIC_TAILS = ['messages.create', 'beta.messages.create', 'completions.create', 'messages.stream', 'beta.messages.stream'];

/** Fully-qualified calls that return model output. */
export const LLM_CALLS: ReadonlySet<string> = new Set([
  ...OPENAI_CLIENTS.flatMap((c) => OPENAI_TAILS.map((t) => `${c}.${t}`)),
  ...ANTHROPIC_CLIENTS.flatMap((c) => ANTHROPIC_TAILS.map((t) => `${c}.${t}`)),
  'openai.ChatCompletion.create', 'openai.ChatCompletion.acreate', 'openai.Completion.create', 'openai.Completion.acreate',
  'litellm.completion', 'litellm.acompletion', 'litellm.text_completion',
  'ollama.chat', 'ollama.generate', 'ollama.Client.chat', 'ollama.Client.generate', 'ollama.AsyncClient.chat', 'ollama.AsyncClient.generate',
  'google.generativeai.GenerativeModel.generate_content', 'google.genai.Client.models.generate_content',
  'google.generativeai.GenerativeModel.generate_content_async', 'google.generativeai.GenerativeModel.start_chat.send_message',
  'google.genai.Client.models.generate_content_stream', 'google.genai.Client.aio.models.generate_content', 'google.genai.Client.chats.create.send_message',
  'cohere.Client.chat', 'cohere.ClientV2.chat', 'cohere.AsyncClient.chat', 'cohere.AsyncClientV2.chat', 'cohere.Client.chat_stream', 'cohere.ClientV2.chat_stream', 'cohere.Client.generate',
  'mistralai.Mistral.chat.complete', 'mistralai.Mistral.chat.complete_async', 'mistralai.Mistral.chat.stream', 'mistralai.Mistral.chat.stream_async', 'mistralai.Mistral.fim.complete',
  'litellm.Router.completion', 'litellm.Router.acompletion', 'litellm.atext_completion',
  'vllm.LLM.generate', 'vllm.LLM.chat', 'llama_cpp.Llama.create_chat_completion', 'llama_cpp.Llama.create_completion',
  'huggingface_hub.InferenceClient.chat_completion', 'huggingface_hub.InferenceClient.text_generation',
  'snowflake.cortex.complete', 'snowflake.cortex.Complete',
]);

/** Methods of AWS runtime clients that return model output, and the keyword their calls carry. */
const AWS_METHODS = new Map([
  ['invoke_model', 'modelId'], ['invoke_model_with_response_stream', 'modelId'], ['converse', 'modelId'], ['converse_stream', 'modelId'],
  ['invoke_endpoint', 'EndpointName'], ['invoke_endpoint_with_response_stream', 'EndpointName'],
]);

/** Tails that name an OpenAI-compatible call whatever the receiver (`self.client.chat.completions.create`). */
const UNRESOLVED_TAILS = ['chat.completions.create', 'chat.completions.parse', 'responses.create'];

const LANGCHAIN_ROOT = /^(langchain|langchain_[a-z_]+|langgraph|llama_index)$/;
/** Classes of LangChain and LlamaIndex whose methods return model output: models, chains, agents, engines. */
const MODEL_CLASS = /(^Chat[A-Z]|LLM|Chain$|QA$|Agent|Executor$|^(OpenAI|AzureOpenAI|Anthropic|Ollama|Bedrock\w*|VertexAI|Cohere|Groq|Mistral\w*|Gemini|HuggingFace(Hub|Pipeline|Endpoint)|Replicate|Together|Fireworks)$|QueryEngine|ChatEngine)/;
const NOT_MODEL = /Prompt|Template|Parser|Embedding|Retriever|Loader|Splitter|Memory|Tool|Message|Store|Callback/;
const FACTORY = /^(create_\w*(agent|chain)|initialize_agent|load_\w*chain|create_react_agent|as_query_engine|as_chat_engine)$/;
export const MODEL_METHODS = new Set(['invoke', 'ainvoke', 'run', 'arun', 'predict', 'apredict', 'predict_messages', 'batch', 'abatch', 'stream', 'astream', 'call', 'acall', 'query', 'aquery', 'chat', 'achat', 'complete', 'acomplete', 'stream_chat', 'stream_complete', 'generate', 'agenerate']);

/** True for the qualified name of a LangChain / LlamaIndex model, chain, agent or query engine (or what its factory returns). */
export function isModelName(q: string): boolean {
  const parts = q.split('.');
  if (!LANGCHAIN_ROOT.test(parts[0])) return false;
  if (parts.includes('with_structured_output')) return false;
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i];
    if (FACTORY.test(p)) return true;
    if (/^[A-Z]/.test(p)) return MODEL_CLASS.test(p) && !NOT_MODEL.test(p);
  }
  return false;
}

/** Keywords of Hugging Face's `generate`, which name no other library's method of that name. */
const HF_GENERATION = new Set(['max_new_tokens', 'do_sample', 'num_beams', 'input_ids', 'generation_config', 'num_return_sequences', 'pad_token_id', 'eos_token_id']);

/** LlamaIndex methods that make a query or chat engine out of an index. */
const ENGINE_FACTORIES = new Set(['as_query_engine', 'as_chat_engine']);

const TEXT_TASKS = new Set(['text-generation', 'text2text-generation', 'summarization', 'translation', 'conversational', 'image-text-to-text', 'document-question-answering']);

/** True when the expression is a LangChain / LlamaIndex model, chain or engine, or an LCEL pipe with one. */
export function isModel(ctx: RuleContext, node: SyntaxNode | null, depth = 0): boolean {
  if (!node || depth > 8) return false;
  if (node.type === 'parenthesized_expression') return isModel(ctx, node.namedChildren[0], depth + 1);
  if (node.type === 'binary_operator') return isModel(ctx, node.childForFieldName('left'), depth + 1) || isModel(ctx, node.childForFieldName('right'), depth + 1);
  const q = ctx.qualifiedName(node);
  if (q && isModelName(q)) return true;
  if (node.type === 'identifier') {
    const b = ctx.lookup(node.text);
    if (b?.kind === 'unknown' && b.node && (b.node.type === 'binary_operator' || b.node.type === 'parenthesized_expression')) return isModel(ctx, b.node, depth + 1);
    // `engine = index.as_query_engine()` on an index the file's own function built.
    if (b?.kind === 'unknown' && b.node?.type === 'call' && b.node !== node) return isModel(ctx, b.node, depth + 1);
  }
  if (node.type === 'call') {
    // `(prompt | llm).invoke`, `llm.bind_tools(tools).invoke`.
    const fn = node.childForFieldName('function');
    // `get_engine().query(q)`: a function of this file that returns a model, chain or engine.
    if (fn?.type === 'identifier') {
      const b = ctx.lookup(fn.text);
      if (b?.kind === 'unknown' && b.node?.type === 'function_definition') return returnsModel(ctx, b.node, depth + 1);
    }
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    // LlamaIndex's engines, whatever made the index: the names are LlamaIndex's alone.
    if (method && ENGINE_FACTORIES.has(method)) return true;
    if (method && method !== 'with_structured_output' && fn) return isModel(ctx, fn.childForFieldName('object'), depth + 1);
  }
  return false;
}

const returning = new WeakMap<RuleContext, Map<number, boolean>>();

/** True when a `return` of the function gives a model, chain or engine (names resolved as the module sees them). */
function returnsModel(ctx: RuleContext, fn: SyntaxNode, depth: number): boolean {
  let memo = returning.get(ctx);
  if (!memo) returning.set(ctx, (memo = new Map()));
  const known = memo.get(fn.id);
  if (known !== undefined) return known;
  memo.set(fn.id, false);
  const body = fn.childForFieldName('body');
  const answer = !!body && body.descendantsOfType('return_statement').some((r) => {
    const value = r?.namedChildren.find((c) => c && c.type !== 'comment');
    return !!value && isModel(ctx, value, depth);
  });
  memo.set(fn.id, answer);
  return answer;
}

/** A short description of the call, for messages: `client.chat.completions.create(...)`. */
export function describe(call: SyntaxNode): string {
  const fn = call.childForFieldName('function')?.text.replace(/\s+/g, '') ?? 'call';
  return `\`${fn.length > 60 ? `…${fn.slice(-57)}` : fn}(...)\``;
}

/** Names that, on an object this file cannot resolve (a parameter, `self.llm`), stand for a model or chain. */
/** `chat_llm`, `local_llm`, `base_llm`: a model under a longer name. */
const SUFFIXED = /^[a-z][a-z0-9]*_llm$/;
const MODEL_NAMES = /^(llm|llms|chat_model|chain|llm_chain|qa_chain|rag_chain|retrieval_chain|conversation_chain|qa|agent|agent_executor|query_engine|chat_engine)$/;

const STATE_MODEL = /^(chat|chat_session|conversation|model|llm|chain|llm_chain|qa_chain|rag_chain|conversation_chain|agent|agent_executor|query_engine|chat_engine)$/;

/** `st.session_state.chat` (a Gemini chat session, a chain, an agent kept between reruns of a Streamlit script). */
function inSessionState(ctx: RuleContext, node: SyntaxNode | null): boolean {
  if (node?.type !== 'attribute' || !STATE_MODEL.test(node.childForFieldName('attribute')?.text ?? '')) return false;
  const obj = node.childForFieldName('object');
  return obj?.type === 'attribute' && obj.childForFieldName('attribute')?.text === 'session_state' && ctx.qualifiedName(obj) === 'streamlit.session_state';
}

/** A project's own wrapper, by its qualified name: `src.tools.llm.get_llm`, a module `llm` (`import llm`). */
const WRAPPER = /(^|\.)(llm|llms|llm_client|llm_utils|get_llm|load_llm)(\.|$)/;

function namedLikeModel(ctx: RuleContext, node: SyntaxNode | null): boolean {
  if (node?.type === 'identifier') {
    const b = ctx.lookup(node.text);
    const exact = MODEL_NAMES.test(node.text);
    if (!exact && !SUFFIXED.test(node.text)) return false;
    if (!b) return true;
    // `chat_llm(prompt)`: a parameter or variable named for a model; under a longer name, not a function or class of this file.
    if (b.kind === 'unknown') return exact || (b.node?.type !== 'function_definition' && b.node?.type !== 'class_definition');
    // `llm = get_llm()` from the project's own module, `import llm` (the project's wrapper module): not a library's.
    if (b.kind === 'instance') return WRAPPER.test(b.of) && !LANGCHAIN_ROOT.test(b.of.split('.')[0]);
    return b.kind === 'import' && !b.qualified.includes('.') && WRAPPER.test(b.qualified);
  }
  if (node?.type === 'attribute' && node.childForFieldName('object')?.type === 'identifier' && node.childForFieldName('object')!.text === 'self') {
    const name = node.childForFieldName('attribute')?.text ?? '';
    return MODEL_NAMES.test(name) || SUFFIXED.test(name);
  }
  return false;
}

const SHAPES = [/(^|\.)choices\.#\.(message\.(content|parsed|tool_calls)|text|delta\.content)(\.|$)/, /(^|\.)(output_text|output_parsed)(\.|$)/, /(^|\.)content\.#\.text$/, /(^|\.)function\.arguments$/];

/**
 * The access path of `resp.choices[0].message.content` as segments (`choices.#.message.content`),
 * for reads whose shape is a model API's response wherever the response came from.
 */
const SHAPE_ENDS = new Set(['content', 'text', 'parsed', 'tool_calls', 'output_text', 'output_parsed', 'arguments']);

export function responseShape(node: SyntaxNode): boolean {
  // Most reads end with another name: look at the last two before walking the chain.
  if (node.type === 'attribute' && !SHAPE_ENDS.has(node.childForFieldName('attribute')?.text ?? '')) {
    const obj = node.childForFieldName('object');
    if (obj?.type !== 'subscript') {
      const before = obj?.type === 'attribute' ? (obj.childForFieldName('attribute')?.text ?? '') : '';
      if (!SHAPE_ENDS.has(before) && before !== 'message' && before !== 'delta' && before !== 'function') return false;
    }
  }
  const parts: string[] = [];
  let n: SyntaxNode | null = node;
  while (n && (n.type === 'attribute' || n.type === 'subscript')) {
    if (n.type === 'attribute') {
      parts.push(n.childForFieldName('attribute')?.text ?? '?');
      n = n.childForFieldName('object');
    } else {
      const key = n.childForFieldName('subscript');
      parts.push(key?.type === 'integer' ? '#' : key?.type === 'string' ? key.text.replace(/^['"]|['"]$/g, '') : '?');
      n = n.childForFieldName('value');
    }
  }
  if (parts.length < 1) return false;
  const path = parts.reverse().join('.');
  return SHAPES.some((r) => r.test(path));
}

/** True for a call that returns text written by a model. */
export function isLlmCall(ctx: RuleContext, call: SyntaxNode): boolean {
  const q = ctx.callee(call);
  if (q && LLM_CALLS.has(q)) return true;
  const fn = call.childForFieldName('function');
  if (!fn) return false;
  if (fn.type === 'attribute') {
    const method = ctx.method(call) ?? '';
    // AWS Bedrock and SageMaker runtime clients, by the shape of their calls (`modelId=`, `EndpointName=`),
    // whatever the client (`boto3.client("bedrock-runtime")`, `self.bedrock`, a parameter).
    const aws = AWS_METHODS.get(method);
    if (aws && (ctx.args(call).keywords.has(aws) || /^(boto3|aioboto3|botocore)\./.test(q ?? ''))) return true;
    // A Hugging Face model's `generate` (token ids, text once `decode`d): `AutoModelForCausalLM.from_pretrained(...).generate(...)`.
    if (method === 'generate' && q && /^(transformers|peft|optimum|auto_gptq|unsloth)\..*\.generate$/.test(q)) return true;
    // The same on a model passed in (`def complete(model, tok, prompt)`), known by Hugging Face's generation keywords.
    if (method === 'generate' && !q && [...ctx.args(call).keywords.keys()].some((k) => HF_GENERATION.has(k))) return true;
    if (!q && (method === 'create' || method === 'parse')) {
      const text = fn.text.replace(/\s+/g, '');
      if (UNRESOLVED_TAILS.some((t) => text.endsWith(`.${t}`)) && !text.startsWith('self.assert')) return true;
      // Anthropic's `messages.create(model=..., messages=...)` on a client this file cannot resolve.
      if (text.endsWith('.messages.create') && ctx.args(call).keywords.has('model') && ctx.args(call).keywords.has('messages')) return true;
    }
    // Google's `genai` client (`client.models.generate_content(model=..., contents=...)`), wherever it was made (another module of the project, a parameter).
    if ((method === 'generate_content' || method === 'generate_content_stream') && fn.childForFieldName('object')?.type === 'attribute' && fn.childForFieldName('object')!.childForFieldName('attribute')?.text === 'models' && ctx.args(call).keywords.has('contents')) return true;
    if (MODEL_METHODS.has(method) && (isModel(ctx, fn.childForFieldName('object')) || namedLikeModel(ctx, fn.childForFieldName('object')))) return true;
    // A chat or chain kept in Streamlit's session state: `st.session_state.chat.send_message(prompt)`.
    if ((MODEL_METHODS.has(method) || method === 'send_message') && inSessionState(ctx, fn.childForFieldName('object'))) return true;
    // `self.pipe = pipeline("text-generation", ...)` in `__init__`, then `self.pipe(prompt)`: the task is not seen here, so any counts.
    if (q === 'transformers.pipeline') return true;
    if (method === 'post' && q && HTTP_POST.test(q)) return modelServer(ctx, ctx.args(call).positional[0] ?? ctx.args(call).keywords.get('url')?.value);
    if ((method === 'run' || method === 'check_output') && (q === 'subprocess.run' || q === 'subprocess.check_output')) return ollamaRun(ctx, ctx.args(call).positional[0] ?? ctx.args(call).keywords.get('args')?.value);
    return false;
  }
  if (fn.type === 'identifier') {
    const b = ctx.lookup(fn.text);
    if (namedLikeModel(ctx, fn)) return true;
    if (b?.kind !== 'instance') return false;
    // `generator = pipeline("text-generation", ...)`, then `generator(prompt)`.
    if (b.of === 'transformers.pipeline') {
      const task = b.node.type === 'call' ? (ctx.args(b.node).keywords.get('task')?.value ?? ctx.args(b.node).positional[0]) : undefined;
      const v = ctx.evaluate(task);
      return !v.known || (typeof v.value === 'string' && TEXT_TASKS.has(v.value));
    }
    // A legacy LangChain model or chain called directly: `llm(prompt)`; llama.cpp's `Llama(...)(prompt)`.
    return isModelName(b.of) || b.of === 'llama_cpp.Llama';
  }
  return false;
}

/** HTTP clients' `post`: a model server's REST API when the URL is one (`requests.post("http://localhost:11434/api/generate", ...)`). */
const HTTP_POST = /^(requests|httpx|aiohttp)(\.\w+)*\.post$/;
/** Ollama's REST endpoints and port; an OpenAI-compatible endpoint is known by the shape of its response instead. */
const MODEL_SERVER = /\/api\/(generate|chat)\b|:11434\b/;

/** The text of a URL argument, written or bound to a name (a literal, an f-string, a constant built with `+`). */
function urlText(ctx: RuleContext, node: SyntaxNode | undefined, depth = 0): string {
  if (!node || depth > 3) return '';
  const v = ctx.evaluate(node);
  if (v.known && typeof v.value === 'string') return v.value;
  if (node.type === 'string' || node.type === 'concatenated_string' || node.type === 'binary_operator') return node.text;
  if (node.type === 'identifier') {
    const b = ctx.lookup(node.text);
    return b?.kind === 'unknown' && b.node && b.node.type !== 'identifier' ? urlText(ctx, b.node, depth + 1) : '';
  }
  return '';
}

function modelServer(ctx: RuleContext, url: SyntaxNode | undefined): boolean {
  return MODEL_SERVER.test(urlText(ctx, url));
}

/** `subprocess.run(["ollama", "run", model, prompt], capture_output=True)`: the model's answer is the output. */
function ollamaRun(ctx: RuleContext, argv: SyntaxNode | undefined): boolean {
  let list = argv;
  if (list?.type === 'identifier') {
    const b = ctx.lookup(list.text);
    list = b?.kind === 'unknown' && b.node ? b.node : undefined;
  }
  if (list?.type !== 'list' && list?.type !== 'tuple') return false;
  const [program, verb] = list.namedChildren.map((c) => (c ? ctx.evaluate(c) : undefined));
  return !!program?.known && typeof program.value === 'string' && /(^|\/)ollama$/.test(program.value) && !!verb?.known && verb.value === 'run';
}

/** The source predicate of the output-handling rules: a node that is a call returning model output. */
export function llmOutput(ctx: RuleContext): (node: SyntaxNode) => string | undefined {
  // What other files of the project return from a model (`ProjectFacts.llmText`): `from .llm import ask`, then `ask(q)`.
  const text = ctx.project.llmText;
  const imported = (q: string | undefined) => {
    const hit = q && text ? projectName(q, (m, n) => text[m]?.includes(n) ?? false) : undefined;
    return hit ? `llm:\`${hit.name}\` of \`${hit.module}\`, which returns text written by a model` : undefined;
  };
  return (node) => {
    if (node.type === 'call') return isLlmCall(ctx, node) ? `llm:${describe(node)}` : text ? imported(ctx.callee(node)) : undefined;
    if (text && node.type === 'identifier' && ctx.lookup(node.text)?.kind === 'import') return imported(ctx.qualifiedName(node));
    if ((node.type === 'attribute' || node.type === 'subscript') && responseShape(node)) return `llm:the model response \`${node.text.replace(/\s+/g, '').slice(0, 60)}\``;
    return undefined;
  };
}

/** The first positional argument, or the keyword one. */
export function firstArg(ctx: RuleContext, call: SyntaxNode, keyword?: string): SyntaxNode | undefined {
  const args = ctx.args(call);
  return args.positional[0] ?? (keyword ? args.keywords.get(keyword)?.value : undefined);
}

const ROUTE = /^(fastapi\.(FastAPI|APIRouter)|flask\.(Flask|Blueprint)|quart\.(Quart|Blueprint)|starlette\.routing\.Router)\.(get|post|put|patch|delete|route|api_route|websocket)$/;

/** The route decorators of a function (`@app.post("/chat")`): the route's qualified name, and the decorator's call when it is one. */
export function routeDecorators(ctx: RuleContext, fn: SyntaxNode): { route: string; call?: SyntaxNode }[] {
  const decorated = fn.parent;
  if (decorated?.type !== 'decorated_definition') return [];
  const out: { route: string; call?: SyntaxNode }[] = [];
  for (const d of decorated.namedChildren) {
    if (d?.type !== 'decorator') continue;
    const e = d.namedChildren[0];
    const q = e?.type === 'call' ? ctx.callee(e) : ctx.qualifiedName(e ?? null);
    if (q && ROUTE.test(q)) out.push({ route: q, ...(e?.type === 'call' ? { call: e } : {}) });
  }
  return out;
}

/** True for a function decorated as a Flask, Quart or FastAPI route. */
export function isRouteHandler(ctx: RuleContext, fn: SyntaxNode): boolean {
  return routeDecorators(ctx, fn).length > 0;
}

/** The classes a class derives from, by qualified name (`class Calc(BaseTool)`), with each as written. */
export function baseClasses(ctx: RuleContext, cls: SyntaxNode): { name: string; written: string }[] {
  const out: { name: string; written: string }[] = [];
  for (const base of cls.childForFieldName('superclasses')?.namedChildren ?? []) {
    const q = base && (base.type === 'identifier' || base.type === 'attribute') ? ctx.qualifiedName(base) : undefined;
    if (q) out.push({ name: q, written: base!.text });
  }
  return out;
}

/** The innermost function around the node being visited. */
export function enclosingFunction(ctx: RuleContext): SyntaxNode | undefined {
  const anc = ctx.ancestors();
  for (let i = anc.length - 1; i >= 0; i--) if (anc[i].type === 'function_definition') return anc[i];
  return undefined;
}

/** Decorators that register a function as a tool an LLM calls with arguments it chooses. */
const TOOL_DECORATORS = new Set([
  'langchain_core.tools.tool', 'langchain_core.tools.convert.tool', 'langchain.tools.tool', 'langchain.agents.tool', 'langchain.tools.base.tool', 'langchain.agents.tools.tool', 'langchain_community.tools.tool',
  'agents.function_tool', 'crewai.tools.tool', 'crewai_tools.tool', 'crewai.tool', 'smolagents.tool', 'strands.tool',
  'semantic_kernel.functions.kernel_function', 'semantic_kernel.functions.kernel_function_decorator.kernel_function',
]);
/** Methods of an agent or server object that register a tool: FastMCP's `@mcp.tool()`, AutoGen's `@user_proxy.register_for_execution()`, Pydantic AI's `@agent.tool`. */
const TOOL_METHODS = /(\.(FastMCP|MCPServer)\.tool|\.(register_for_execution|register_for_llm)|^pydantic_ai\.(\w+\.)*Agent\.(tool|tool_plain))$/;
/** Methods of a registry object that register a function, counted when the registry comes from an LLM module (`functions = OpenAIFunctionCall()`, `@functions.register`). */
const REGISTRY_METHODS = /\.(register|register_function|register_tool|tool|function|add_tool)$/;
/** Module names (as imported, so the pre-filter's words) of LLM clients and agent frameworks. */
const LLM_ORIGIN = /(^|[._])(openai|anthropic|llm|llms|langchain\w*|langgraph|llama_index|autogen\w*|ollama|gemini|gpt|chatgpt|claude|crewai|smolagents|semantic_kernel|pydantic_ai|mcp|fastmcp|agno)([._]|$)/;
/** Parameters a framework fills in itself, not the model. */
const FRAMEWORK_PARAMETER = /^(self|cls|ctx|context|config|run_manager|callbacks|kernel|tool_call_id|state|runtime)$/;
const FRAMEWORK_TYPE = /Context|Config|Callback|Kernel|Runtime|InjectedState|InjectedToolArg/;

/** A `tool` decorator imported from any package (`from liteagent import tool`, `from agentix import tool`): agent frameworks all name it so. */
const IMPORTED_TOOL = /^[A-Za-z_]\w*(\.\w+)*\.(tool|function_tool)$/;
/** A decorator that exposes a function to the model, by its name (ChatLab's `@expose_exception_to_llm`). */
const EXPOSED = /^[A-Za-z_]\w*(\.\w+)*\.(\w+_)?(to|for)_llm$/;
/** Base classes of LLM tools whose method the agent calls with the model's arguments (`class Search(BaseTool): def _run(self, query)`). */
const TOOL_BASES = /^(langchain\w*|smolagents|crewai\w*|llama_index)(\.\w+)*\.(BaseTool|Tool|StructuredTool|PythonAstREPLTool|PythonREPLTool)$/;
const TOOL_RUN_METHODS = new Set(['_run', '_arun', 'run', 'arun', 'forward', 'invoke']);

/** `class X(BaseTool)` when `fn` is the method such a class runs for the agent. */
function toolClass(ctx: RuleContext, fn: SyntaxNode): string | undefined {
  if (!TOOL_RUN_METHODS.has(fn.childForFieldName('name')?.text ?? '')) return undefined;
  const holder = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  const cls = holder?.type === 'block' ? holder.parent : null;
  if (cls?.type !== 'class_definition') return undefined;
  const base = baseClasses(ctx, cls).find((b) => TOOL_BASES.test(b.name));
  return base ? `class ${cls.childForFieldName('name')?.text ?? ''}(${base.written})` : undefined;
}

/** LangChain callback methods and the parameter that carries the model's output: a streamed token, the whole result, an agent's text. */
const CALLBACK_METHODS: Record<string, number> = { on_llm_new_token: 0, on_llm_end: 0, on_text: 0, on_agent_finish: 0 };
const CALLBACK_BASES = /^(langchain\w*|llama_index)(\.\w+)*\.\w*CallbackHandler$/;

/** A method of a LangChain callback handler (a subclass of `BaseCallbackHandler`) that is handed model output, and which parameter. */
function callbackParameter(ctx: RuleContext, fn: SyntaxNode): { parameter: string; how: string } | undefined {
  const method = fn.childForFieldName('name')?.text ?? '';
  if (!(method in CALLBACK_METHODS)) return undefined;
  const holder = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  const cls = holder?.type === 'block' ? holder.parent : null;
  if (cls?.type !== 'class_definition' || !baseClasses(ctx, cls).some((b) => CALLBACK_BASES.test(b.name))) return undefined;
  const parameter = modelParameters(fn)[CALLBACK_METHODS[method]];
  return parameter ? { parameter, how: `${cls.childForFieldName('name')?.text ?? ''}.${method}` } : undefined;
}

/** `@tool` or `@mcp.tool()` and the like, written as in the source, when the function is registered as an LLM tool by a decorator. */
export function toolDecorator(ctx: RuleContext, fn: SyntaxNode): string | undefined {
  const subclass = toolClass(ctx, fn);
  if (subclass) return subclass;
  const decorated = fn.parent;
  if (decorated?.type !== 'decorated_definition') return undefined;
  for (const d of decorated.namedChildren) {
    if (d?.type !== 'decorator') continue;
    const e = d.namedChildren[0];
    if (!e) continue;
    const q = e.type === 'call' ? ctx.callee(e) : ctx.qualifiedName(e);
    if (!q) continue;
    if (TOOL_DECORATORS.has(q) || TOOL_METHODS.test(q) || IMPORTED_TOOL.test(q) || EXPOSED.test(q) || (REGISTRY_METHODS.test(q) && q.includes('.', q.indexOf('.') + 1) && LLM_ORIGIN.test(q.slice(0, q.lastIndexOf('.'))))) {
      return `@${(e.type === 'call' ? e.childForFieldName('function') : e)?.text.replace(/\s+/g, '')}`;
    }
  }
  return undefined;
}

/** The parameters of a function the model fills in when it is a tool, by name. */
export function modelParameters(fn: SyntaxNode): string[] {
  const out: string[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    const name = p.type === 'identifier' ? p : p.type === 'typed_parameter' || p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' ? p.namedChildren.find((c) => c?.type === 'identifier') : p.childForFieldName('name');
    const type = p.childForFieldName('type')?.text ?? '';
    if (name?.type === 'identifier' && !FRAMEWORK_PARAMETER.test(name.text) && !FRAMEWORK_TYPE.test(type)) out.push(name.text);
  }
  return out;
}

const TOOL_TAILS = new Set(['Tool', 'from_function', 'StructuredTool', 'FunctionTool', 'from_defaults', 'register_function', 'function_tool', 'tool', 'ToolNode', 'add_tool', 'Agent', 'AssistantAgent', 'ConversableAgent', 'create_react_agent', 'create_tool_calling_agent', 'initialize_agent', 'create_agent', 'AgentExecutor', 'bind_tools', 'CodeAgent', 'ToolCallingAgent', 'ReActAgent', 'from_tools', 'FunctionAgent']);
const TOOL_FACTORIES = /^(langchain\w*|llama_index|autogen\w*|agents|crewai\w*|smolagents|langgraph|mcp|fastmcp)(\.\w+)*\.(Tool|Tool\.from_function|StructuredTool|StructuredTool\.from_function|FunctionTool|FunctionTool\.from_defaults|register_function|function_tool|tool|ToolNode|FastMCP\.add_tool|Agent|AssistantAgent|ConversableAgent|create_react_agent|create_tool_calling_agent|initialize_agent|create_agent|AgentExecutor|bind_tools|CodeAgent|ToolCallingAgent|ReActAgent|ReActAgent\.from_tools|OpenAIAgent\.from_tools|FunctionAgent|FunctionCallingAgent\.from_tools)$/;

/**
 * The functions a call registers as LLM tools: `Tool(func=f)`, `StructuredTool.from_function(f)`,
 * `FunctionTool.from_defaults(fn=f)`, `register_function(f, ...)`, and `tools=[f, g]` / `bind_tools([f])`
 * given to an agent or model of an LLM framework. Identifiers and `self.method`s, with how they were registered.
 */
export function registeredTools(ctx: RuleContext, call: SyntaxNode): { node: SyntaxNode; how: string }[] {
  // A method call is one only under its own name (`Tool.from_function`, `llm.bind_tools`); a plain name may be an alias.
  const written = ctx.method(call);
  if (written !== undefined && !TOOL_TAILS.has(written)) return [];
  const q = ctx.callee(call);
  if (q ? !TOOL_TAILS.has(q.slice(q.lastIndexOf('.') + 1)) || !TOOL_FACTORIES.test(q) : written !== 'bind_tools') return [];
  const method = q ? undefined : 'bind_tools';
  const args = ctx.args(call);
  const how = describe(call);
  const out: { node: SyntaxNode; how: string }[] = [];
  const add = (n: SyntaxNode | undefined, depth = 0) => {
    if (!n) return;
    if (n.type === 'list' || n.type === 'tuple') for (const c of n.namedChildren) add(c ?? undefined, depth);
    // `tools = [execute, search]` then `bind_tools(tools)`: the list the name was assigned.
    else if (n.type === 'identifier' && depth < 2 && literalValue(ctx, n, LISTS, false)) add(literalValue(ctx, n, LISTS, false), depth + 1);
    else if (n.type === 'identifier' || (n.type === 'attribute' && /^(self|cls)$/.test(n.childForFieldName('object')?.text ?? ''))) out.push({ node: n, how });
  };
  for (const k of ['func', 'fn', 'coroutine', 'function', 'tools']) add(args.keywords.get(k)?.value);
  const last = q?.slice(q.lastIndexOf('.') + 1) ?? method;
  // `Tool(name, func, description)`: the function is the second positional argument.
  if (q && /\.Tool$/.test(q)) add(args.positional[1]);
  else if (last === 'create_react_agent' || last === 'create_tool_calling_agent') add(args.positional[1]);
  else if (last === 'initialize_agent') add(args.positional[0]);
  else if (last === 'bind_tools' || last === 'ToolNode' || last === 'from_tools' || /(^|\.)(register_function|function_tool|tool|from_function|from_defaults|FunctionTool|add_tool)$/.test(q ?? '')) add(args.positional[0]);
  return out;
}

/** The `summaries` option of the output-handling rules: tools' parameters are model output, and the file's own functions are followed one level. */
export function toolSummaries(ctx: RuleContext) {
  return {
    tool(fn: SyntaxNode): ((parameter: string) => string | undefined) | undefined {
      const streamed = callbackParameter(ctx, fn);
      if (streamed) return (p: string) => (p === streamed.parameter ? `llm:the \`${p}\` a model streams to \`${streamed.how}\`` : undefined);
      const how = toolDecorator(ctx, fn);
      const name = fn.childForFieldName('name')?.text ?? 'tool';
      return how ? (p: string) => `llm:the argument \`${p}\` of the tool \`${name}\`, which the model fills in; registered by \`${how}\`` : undefined;
    },
    parameters: modelParameters,
    registered: (call: SyntaxNode) => registeredTools(ctx, call),
  };
}
