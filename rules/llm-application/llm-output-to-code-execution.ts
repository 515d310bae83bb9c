import type { SyntaxNode } from '../../engine/syntax';
import { defineRule } from '../../engine/rule';
import { LLM_OUTPUT_WORDS } from '../helpers';
import { flowTracker } from './flow';
import { firstArg, llmOutput, OUTPUT_HANDLING, toolSummaries } from './llm';

const SINKS: Record<string, string> = { 'builtins.eval': 'eval', 'builtins.exec': 'exec', 'builtins.compile': 'compile', 'code.InteractiveInterpreter.runsource': 'runsource', 'code.InteractiveConsole.push': 'push',
  // IPython's shell runs a cell's or a statement's source (`get_ipython().run_cell(code)`), `ev` evaluates an expression.
  'IPython.get_ipython.run_cell': 'run_cell', 'IPython.get_ipython.run_cell_async': 'run_cell_async', 'IPython.get_ipython.ex': 'ex', 'IPython.get_ipython.ev': 'ev',
  'IPython.core.getipython.get_ipython.run_cell': 'run_cell', 'IPython.core.getipython.get_ipython.ex': 'ex',
  'runpy.run_path': 'runpy.run_path', 'runpy.run_module': 'runpy.run_module',
};

/** Methods only IPython's shell has, whatever the receiver. */
const RUN_CELL = new Set(['run_cell', 'run_cell_async']);

/** IPython's interactive shell running source: `InteractiveShell.instance().run_cell(code)`, `self.shell.run_cell(code)`. */
const IPYTHON_SHELL = /^IPython\.(?:core\.interactiveshell\.)?InteractiveShell(?:\.instance)?\.(run_cell|run_cell_async|ex|ev)$/;

/**
 * The pre-filter: a file holding a model call, or one of this rule's sinks (written as its module or
 * function name, which no alias hides), so that a module of helpers naming no model still exports
 * which of its functions' parameters reach a sink (`def run_query(sql): cursor.execute(sql)`).
 */
// The builtins as they are called, not as the methods `model.eval()` and `re.compile(...)` that most ML files hold.
const BUILTIN_CALLS = ['eval', 'exec', 'compile'].flatMap((f) => [' ', '\t', '(', '=', ',', '[', ':', '\n', '{', ';', '+'].map((before) => `${before}${f}(`));
const WORDS: readonly string[] = [...LLM_OUTPUT_WORDS, ...BUILTIN_CALLS, 'builtins', 'runsource', 'InteractiveConsole', 'InteractiveInterpreter', 'REPL', 'IPython', 'get_ipython', 'InteractiveShell', 'runpy', 'run_cell'];

export default defineRule({
  meta: {
    code: 'MLS501',
    requires: WORDS,
    facts: ['llmText', 'llmSinks'],
    name: 'llm-output-to-code-execution',
    title: 'Model output executed as Python code',
    category: 'llm-application',
    severity: 'error',
    confidence: 'medium',
    fix: 'none',
    fileScope: true,
    references: OUTPUT_HANDLING(['CWE-94', 'CWE-95']),
  },
  docs: `
## What it does
Reports \`eval\`, \`exec\` and \`compile\`, IPython's \`run_cell\` / \`ex\` / \`ev\` (\`get_ipython()\`, \`InteractiveShell\`) and \`runpy.run_path\` / \`run_module\` (on a file the text was written into with \`open(path, "w")\` or \`Path.write_text\`) given text that came from an LLM call in the same function (or the same notebook): OpenAI and Azure OpenAI \`chat.completions.create(...).choices[0].message.content\` (also streamed, \`chunk.choices[0].delta.content\`, and awaited on the async clients), the Responses API's \`output_text\`, legacy \`Completion.create\`, Anthropic \`messages.create(...).content[0].text\` and \`messages.stream(...)\`'s \`text_stream\`, AWS Bedrock \`invoke_model\` / \`converse\` (and their streaming forms) and SageMaker \`invoke_endpoint\`, recognised by their \`modelId=\` / \`EndpointName=\` on any client, LiteLLM \`completion\` / \`acompletion\`, Ollama \`chat\` / \`generate\`, Gemini \`generate_content(...).text\`, Cohere \`chat\`, Mistral \`chat.complete\`, vLLM and llama.cpp, a Hugging Face model's \`generate\` once \`decode\`d or \`batch_decode\`d, LangChain models and chains (\`invoke\`, \`run\`, \`predict\`, \`.content\`, LCEL pipes such as \`prompt | llm | StrOutputParser()\`), LlamaIndex engines (\`query\`, \`chat\`, \`complete\`) and Hugging Face \`pipeline("text-generation")\` results; Ollama's REST API called with \`requests\`, \`httpx\` or \`aiohttp\` (\`post\` to a URL, written or a constant, holding \`/api/generate\`, \`/api/chat\` or port 11434, then \`.json()["response"]\` or \`["message"]["content"]\`) and \`subprocess.run(["ollama", "run", ...], capture_output=True).stdout\`; a project's own wrapper (\`import llm\` then \`llm.invoke(...)\`, \`llm = get_llm()\` from a module of its own), a model under a longer name (\`chat_llm(prompt)\`), and a chat or chain kept in Streamlit's session state (\`st.session_state.chat.send_message(...)\`).

The parameters of a function registered as an LLM tool are model output too, since the model chooses the arguments: \`@tool\` / \`@tool("name")\` (LangChain, CrewAI), \`Tool(func=f)\`, \`Tool.from_function(f)\`, \`StructuredTool.from_function(f)\`, LlamaIndex \`FunctionTool.from_defaults(fn=f)\`, the OpenAI Agents SDK's \`@function_tool\`, a decorator named for exposing a function to the model (ChatLab's \`@expose_exception_to_llm\`, any \`..._to_llm\`), AutoGen's \`register_function(f, ...)\` and \`@agent.register_for_execution()\`, Semantic Kernel's \`@kernel_function\`, FastMCP's \`@mcp.tool()\`, Pydantic AI's \`@agent.tool\`, functions given in \`tools=[...]\` or \`bind_tools([...])\` to an agent or model of these frameworks, and \`@registry.register\`-style decorators when the registry comes from an LLM module (its module name says so, as \`openai_helper\`). The output a LangChain callback handler is handed (\`on_llm_new_token\`'s token, \`on_llm_end\`'s result, \`on_text\`, \`on_agent_finish\`, in a subclass of a \`...CallbackHandler\`) is model output as well. Parameters the framework fills in itself (\`config\`, \`ctx\`, \`run_manager\`, a \`Context\`-typed one) are not.

The flow is followed through assignments, attributes (\`self.code = ...\`, and \`self.plan\` stored by one method of a class and read by another), objects of the file's own classes (\`Bot().answer(q)\`, \`bot = get_bot()\` then \`bot.answer(q)\`, a dataclass made with the text), clients kept on \`self\` (\`self.client = OpenAI()\` in \`__init__\`, then \`self.client.chat...\` in another method), functions handed to a thread, process or executor with the text (\`Process(target=f, args=(code,))\`, \`pool.submit(f, code)\`), \`str()\`, dict unpacking (\`{**data}\`), subscripts, f-strings, \`%\`, \`.format\`, \`+\`, \`json.loads\`, \`re\` matches, method calls on the text (\`.strip()\`), \`for\` loops over it, \`with ... as\`, comprehensions, files and containers it is written into inside a function or at the top level of a script or notebook (\`f.write(text)\`, \`parts.append(text)\`), Streamlit's session state (\`st.session_state.history.append(...)\` in one function, \`for turn in st.session_state.history\` in another: the state lives across reruns, so every read sees what any statement stored), tuples a helper returns (\`code, usage = generate(...)\`), and through the file's own functions: what they return, and what they do with their parameters, also when a helper passes its parameter on to another helper (a few levels). A function of the file whose parameter reaches \`exec\` (\`def run_code(c): exec(c)\`) is reported **where it is called with model output** (\`run_code(answer)\`), with the line of the \`exec\` in the message: the call is where the model's text enters, and the same helper called with fixed text is not a finding.

Across the files of a project (\`mlsec scan\`, and the language server for the files it has linted): a function of another file that returns model text (\`from .llm import ask_model\`, \`from utils import get_completion\`, a method of a class there) is a source, and one whose parameter reaches \`exec\` is reported where this file calls it with model text. Each file exports what it returns and runs, computed from that file alone; the files importing it are linted again with those facts (one hop).

## Why is this bad?
Whatever reaches the model's context (a user's message, a retrieved web page, a document in the RAG index) can steer what it writes: prompt injection turns "write the pandas code for this question" into \`__import__("os").system(...)\`. Executing the reply gives that text the process's rights: its files, credentials and network (OWASP LLM05 Improper Output Handling; CVE-2023-39662 in LlamaIndex's \`PandasQueryEngine\` and the LangChain \`PALChain\` CVEs are this pattern).

## Example
\`\`\`python
reply = client.chat.completions.create(model="gpt-4o", messages=messages)
code = reply.choices[0].message.content
exec(code)
\`\`\`

## Use instead
Ask for structured output and act on validated data, never on code:
\`\`\`python
from pydantic import BaseModel

class Plot(BaseModel):
    column: str
    kind: Literal["bar", "line"]

plot = Plot.model_validate_json(reply.choices[0].message.content)
if plot.column not in df.columns:
    raise ValueError(plot.column)
df.plot(x=plot.column, kind=plot.kind)
\`\`\`
If the application must run generated code, run it in a sandbox with no credentials and no network (a container or a service such as a code interpreter), never in the application's process.

## Fix safety
No fix: what to do instead depends on the application.

## Known limitations
The file's own functions are followed by summaries: a parameter passed on to another function of the file is followed (written as the argument, up to four functions deep), one copied to another name first or stored in a container is not; a tool's parameters, which are model output themselves, are; methods are matched by name (\`self.run(...)\`, or \`obj.run(...)\` on an object of the file's classes or of what its functions return, to any \`def run\` of a class in the file), nested functions not at all; a function defined further down the file is taken to pass its arguments through, but what it returns of its own is not known where it is called. Across files, one hop: a function of another file that only passes its argument through (\`clean_sql(reply)\` imported from a utility module) ends the flow, and a module loaded by name at run time (\`importlib.import_module\`) is not followed; relative imports (\`from . import db\`) are matched by the module's name. Text stored in a module-level name and read in another function, or kept in another object's attribute (not \`self\`'s), is not followed, nor a file written with model text and run by a path held elsewhere; \`self.x\` is matched by class and attribute name, whatever the order the methods run in, and the client kept on \`self\` is the one the class assigned before (in the order written); session-state keys are told apart, the fields of what is stored there are not. An \`if\` or loop does not end a flow (a reassignment inside one keeps the earlier taint). \`ast.literal_eval\`, \`int\` and the like end it. So does an allowlist guard that leaves the function when the check fails, outside any branch or loop: \`if not all(c in ALLOWED for c in expr): return ...\`, \`if cmd not in COMMANDS: raise ...\`, \`if not re.fullmatch(PATTERN, text): ...\` (or \`re.match\` with a pattern ending in \`$\`); a blocklist (\`if "import" in expr\`), \`isinstance\`, an emptiness or length check, or a prefix match is no guard. A tool registered by a decorator or a call this file cannot resolve to one of the frameworks above is not recognised.

## References
- [OWASP Top 10 for LLM Applications 2025: LLM05 Improper Output Handling](https://genai.owasp.org/llmrisk/llm052025-improper-output-handling/)
- [CVE-2023-39662](https://nvd.nist.gov/vuln/detail/CVE-2023-39662)
- [MITRE ATLAS AML.T0051: LLM Prompt Injection](https://atlas.mitre.org/techniques/AML.T0051)
`,
  create(ctx) {
    /** `get_ipython().run_cell(code)` in a notebook, where IPython provides `get_ipython` unimported. */
    const notebookShell = (call: SyntaxNode): string | undefined => {
      const fn = call.childForFieldName('function');
      const m = fn?.type === 'attribute' ? /^get_ipython\(\s*\)\.(run_cell|run_cell_async|ex|ev)$/.exec(fn.text) : null;
      return m && !ctx.lookup('get_ipython') ? `IPython.get_ipython.${m[1]}` : undefined;
    };
    return flowTracker(ctx, {
      code: 'MLS501',
      words: WORDS,
      source: llmOutput(ctx),
      summaries: toolSummaries(ctx),
      sinkTypes: ['call'],
      sinks(call) {
        // `self.shell.run_cell(code)` in an IPython `Magics` class, `ip = get_ipython()` in a notebook: `run_cell` is IPython's alone.
        const q = ctx.callee(call) ?? notebookShell(call) ?? (RUN_CELL.has(ctx.method(call) ?? '') ? `IPython.get_ipython.${ctx.method(call)}` : undefined);
        // LangChain's Python REPL wrappers run their argument (`PythonREPL().run(code)`); IPython's shell, however it was reached.
        const name = q ? (SINKS[q] ?? (/\.(PythonREPL|PythonAstREPLTool|PythonREPLTool)\.(run|invoke)$/.test(q) ? 'PythonREPL.run' : IPYTHON_SHELL.exec(q)?.[1])) : undefined;
        const arg = name ? firstArg(ctx, call, 'source') : undefined;
        if (!name || !arg) return [];
        const what = name.startsWith('runpy.') ? 'a file a model wrote or chose' : 'text written by a model';
        return [{ at: call.childForFieldName('function')!, args: [arg], requires: ['llm'], message: `\`${name}\` runs ${what} ({source}): a prompt injection in anything the model read becomes code running with this process's rights; parse structured output and validate it instead` }];
      },
    });
  },
});
