import { fix, replaceNode } from '../../engine/edits';
import type { SyntaxNode } from '../../engine/syntax';
import { defineRule, type RuleContext } from '../../engine/rule';
import { flag, throughParameter, written } from '../helpers';
import { baseClasses } from './llm';
import { literalValue } from './literal-values';

const LIST_TYPES = new Set(['list', 'tuple']);
const DICT_TYPES = new Set(['dictionary']);

const SWITCHES: Record<string, string> = {
  allow_dangerous_code: 'runs Python the model writes in this process',
  allow_dangerous_requests: 'sends HTTP requests the model composes, to any host, from this network',
  allow_dangerous_tools: 'hands the model tools that act on this machine',
};
/** Tools and executors that run model-written commands or code on the host. */
const TOOLS: Record<string, string> = {
  ShellTool: 'shell commands', BashProcess: 'shell commands', PythonREPLTool: 'Python code', PythonAstREPLTool: 'Python code', PythonREPL: 'Python code',
  PandasQueryEngine: 'pandas code it writes (through `eval`)', CodeInterpreterToolSpec: 'Python code', LocalCommandLineCodeExecutor: 'shell commands and Python code', create_python_agent: 'Python code',
};
const TOOL_ROOT = /^(langchain|langchain_[a-z_]+|llama_index|autogen|autogen_ext|autogen_agentchat)$/;
const TOOL_NAMES = new Set(['terminal', 'shell', 'python_repl', 'python']);

export default defineRule({
  meta: {
    code: 'MLS506',
    name: 'dangerous-agent-tools',
    title: 'Agent allowed to run code, shell commands or arbitrary requests',
    category: 'llm-application',
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    // A switch (`allow_dangerous_…`), or a tool, executor or agent of one of `TOOL_ROOT`'s or AutoGen's modules, which its import spells out.
    requires: ['allow_dangerous_', 'langchain', 'llama_index', 'autogen', 'ag2'],
    references: { cwe: ['CWE-94', 'CWE-78', 'CWE-918'], atlas: ['AML.T0053', 'AML.T0051'], owaspLlm: ['LLM06'], owaspMl: [], nist: ['Manage'] },
  },
  docs: `
## What it does
Reports \`allow_dangerous_code=True\` (LangChain's pandas, CSV, Spark and Python agents, \`PALChain\`, \`LLMMathChain\`-style chains), \`allow_dangerous_requests=True\` (\`RequestsToolkit\`, \`OpenAPIToolkit\`, \`create_openapi_agent\`), \`allow_dangerous_tools=True\`, and agents given tools that run commands or code on the host: \`ShellTool\`, \`BashProcess\`, \`PythonREPLTool\`, \`PythonAstREPLTool\`, \`PythonREPL\`, \`load_tools(["terminal", "python_repl"])\`, LlamaIndex \`PandasQueryEngine\` and \`CodeInterpreterToolSpec\`, AutoGen \`LocalCommandLineCodeExecutor\` and agents whose \`code_execution_config\` sets \`"use_docker": False\` (the code the model writes runs on the host), and instances of a class of the file made from one of those tools (\`class LastValueREPL(PythonAstREPLTool)\`). \`PALChain\` as \`langchain.chains\` shipped it, before it moved to \`langchain_experimental\` behind \`allow_dangerous_code\`, is reported without a switch: it ran the model's program unconditionally.

## Why is this bad?
An agent acts on what it reads. A prompt injection in a web page, a CSV cell or an e-mail it summarizes then runs code or commands with the application's rights, or makes requests to internal services and cloud metadata endpoints (OWASP LLM06 Excessive Agency; MITRE ATLAS AML.T0053 AI Agent Tool Invocation). LangChain made these switches opt-in after such CVEs: setting one is the decision to accept that risk.

## Example
\`\`\`python
agent = create_pandas_dataframe_agent(llm, df, allow_dangerous_code=True)
\`\`\`

## Use instead
Give the agent narrow tools you wrote, each with validated arguments; run code only in a sandbox (a container without credentials or network):
\`\`\`python
@tool
def column_mean(column: Literal["price", "quantity"]) -> float:
    """Mean of one column."""
    return float(df[column].mean())

agent = create_react_agent(llm, [column_mean])
\`\`\`

## Fix safety
Unsafe, for the switches: \`False\` makes the agent refuse to start, which is safe but breaks it until it gets other tools. No fix for the tools.

## Known limitations
Tools built in another function are not seen, except a list of \`load_tools\` names bound to a name or returned as a literal by a function of the file.

## References
- [OWASP Top 10 for LLM Applications 2025: LLM06 Excessive Agency](https://genai.owasp.org/llmrisk/llm062025-excessive-agency/)
- [LangChain security policy](https://python.langchain.com/docs/security/)
- [MITRE ATLAS AML.T0053: AI Agent Tool Invocation](https://atlas.mitre.org/techniques/AML.T0053)
`,
  create(ctx) {
    return {
      call(node) {
        // Most calls have no such switch: look at the call's text before building its argument list.
        if (node.text.includes('allow_dangerous_')) {
          const args = ctx.args(node);
          for (const name of Object.keys(SWITCHES)) {
            const kw = args.keywords.get(name);
            if (!kw) continue;
            const f = flag(ctx, args, name);
            if (f.state === 'true') ctx.report({ node: kw.arg, message: `${written(node, ctx.callee(node))} with \`${name}=True\`${throughParameter(f)} ${SWITCHES[name]}: a prompt injection in anything it reads takes over; give it narrow tools, or a sandbox`, fixes: f.indirect ? [] : [fix(`Set \`${name}=False\` (the agent then refuses to start)`, 'unsafe', [replaceNode(f.node, 'False')])] });
          }
        }
        tools(node);
        hostExecution(node);
      },
    };
    /** AutoGen agents told to run the code the model writes here: `code_execution_config={"use_docker": False}`. */
    function hostExecution(node: SyntaxNode): void {
      const q = ctx.callee(node);
      if (!q || !AUTOGEN_ROOT.test(q) || !/Agent$/.test(q)) return;
      const given = ctx.args(node).keywords.get('code_execution_config')?.value;
      const config = literalValue(ctx, given, DICT_TYPES, false);
      if (config?.type !== 'dictionary') return;
      for (const pair of config.namedChildren) {
        if (pair?.type !== 'pair') continue;
        const key = ctx.evaluate(pair.childForFieldName('key'));
        const value = pair.childForFieldName('value');
        const v = ctx.evaluate(value);
        if (!value || !key.known || key.value !== 'use_docker' || !v.known || v.value !== false) continue;
        ctx.report({
          node: pair,
          message: `${written(node, q)} with \`code_execution_config\` \`"use_docker": False\` runs the code the model writes on this machine, with this process's rights: a prompt injection in anything the agents read runs here; keep Docker on, or pass a sandboxed executor`,
          fixes: config === given ? [fix('Set `"use_docker": True` (needs Docker)', 'unsafe', [replaceNode(value, 'True')])] : [],
        });
      }
    }
    function tools(node: SyntaxNode): void {
      const method = ctx.method(node);
      const q = ctx.callee(node) ?? (method && TOOLS[method] ? unimported(ctx, node) : undefined) ?? subclassed(ctx, node);
      if (!q) return;
      if (OLD_PAL.test(q)) {
        ctx.report({ node: node.childForFieldName('function') ?? node, message: `${written(node, q)} runs the Python the model writes: \`langchain\`'s own PALChain, from before it moved to \`langchain_experimental\` behind \`allow_dangerous_code\`, has no switch to refuse; a prompt injection in the question runs here` });
        return;
      }
      const cls = q.slice(q.lastIndexOf('.') + 1);
      if (!TOOLS[cls] && cls !== 'load_tools') return;
      const root = q.slice(0, q.indexOf('.'));
      if (TOOLS[cls] && TOOL_ROOT.test(root)) {
        ctx.report({ node: node.childForFieldName('function') ?? node, message: `${written(node, q)} lets a model run ${TOOLS[cls]} on this machine: a prompt injection in anything it reads runs here; give the agent narrow tools, or run it in a sandbox` });
        return;
      }
      if (cls !== 'load_tools' || !TOOL_ROOT.test(root)) return;
      const given = ctx.args(node).positional[0] ?? ctx.args(node).keywords.get('tool_names')?.value;
      const list = literalValue(ctx, given, LIST_TYPES);
      for (const item of list?.namedChildren ?? []) {
        const v = ctx.evaluate(item);
        if (item && v.known && typeof v.value === 'string' && TOOL_NAMES.has(v.value)) {
          // A list written elsewhere is reported where this call names it.
          const via = list === given ? '' : ` (from \`${given!.text.replace(/\s+/g, '')}\`)`;
          ctx.report({ node: list === given ? item : given!, message: `\`load_tools\` with "${v.value}"${via} gives the agent a ${v.value.startsWith('python') ? 'Python interpreter' : 'shell'} on this machine: a prompt injection in anything it reads runs here; give it narrow tools, or a sandbox` });
        }
      }
    }
  },
});

const AUTOGEN_ROOT = /^(autogen|autogen_agentchat|pyautogen|ag2)\./;

/** `PALChain` as `langchain` itself shipped it, which executed the model's program unconditionally. */
const OLD_PAL = /^langchain\.chains(\.pal(\.base)?)?\.PALChain(\.from_math_prompt|\.from_colored_object_prompt)?$/;

/** A class of this file made from one of the tools (`class LastValueREPL(PythonAstREPLTool)`): the tool's qualified name, for its instances. */
function subclassed(ctx: RuleContext, call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  const cls = fn?.type === 'identifier' ? ctx.lookup(fn.text)?.node : undefined;
  if (cls?.type !== 'class_definition') return undefined;
  return baseClasses(ctx, cls).find((b) => TOOLS[b.name.slice(b.name.lastIndexOf('.') + 1)] && TOOL_ROOT.test(b.name.slice(0, b.name.indexOf('.'))))?.name;
}

/** `langchain_community.tools.ShellTool()` written out with no import: the dotted name as written, when its head is a library's module and no local name. */
function unimported(ctx: RuleContext, call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const text = fn.text.replace(/\s+/g, '');
  const head = text.slice(0, text.indexOf('.'));
  return TOOL_ROOT.test(head) && !ctx.lookup(head) && /^[\w.]+$/.test(text) ? text : undefined;
}
