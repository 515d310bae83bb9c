import type { SyntaxNode } from '../../engine/syntax';
import { defineRule, type RuleContext } from '../../engine/rule';
import { normalize, piiNames } from '../privacy/personal-data';
import { flowTracker, type Sink } from './flow';
import { isLlmCall, llmOutput } from './llm';
import { LLM_OUTPUT_WORDS } from '../helpers';

/** Names of variables and attributes that hold credentials. */
const CREDENTIAL = /(^|_)(api_?key|apikey|secret|secret_key|client_secret|password|passwd|pwd|access_token|auth_token|bearer_token|refresh_token|session_token|private_key|(hf|github|gh|openai|slack|aws)_token|credentials?)$/i;
const ENV_SECRET = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)$/i;
const PROMPT_KEYWORDS = new Set(['messages', 'prompt', 'input', 'inputs', 'contents', 'system', 'instructions', 'query', 'question', 'text', 'content']);
const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log']);

export default defineRule({
  meta: {
    code: 'MLS508',
    name: 'secret-or-personal-data-in-prompt',
    title: 'A credential or personal data sent in a prompt, or logged with a completion',
    category: 'llm-application',
    severity: 'warning',
    confidence: 'medium',
    fix: 'none',
    fileScope: true,
    // Every sink is an LLM call or a log of model output (both need a word of \`LLM_OUTPUT_WORDS\`),
    // or a chat message: a dictionary with the literal key "role".
    requires: [...LLM_OUTPUT_WORDS, "'role'", '"role"'],
    references: { cwe: ['CWE-200', 'CWE-359', 'CWE-532'], atlas: ['AML.T0057', 'AML.T0055'], owaspLlm: ['LLM02'], owaspMl: [], nist: ['Measure 2.10', 'Manage'] },
    options: {
      'pii-names': { type: 'array', default: [], description: 'More column or field names that hold personal data.' },
    },
  },
  docs: `
## What it does
Reports a credential or a personal-data value that reaches the prompt of an LLM call (its messages, \`prompt\`, \`input\`, \`system\`; a \`{"role": ..., "content": ...}\` message; LangChain \`invoke\` input), or a log call (\`logging\`, a \`logger\`) that writes it together with the model's output. A credential is a variable or attribute named like one (\`api_key\`, \`password\`, \`client_secret\`, \`access_token\`...) or an environment variable whose name ends in \`KEY\`, \`TOKEN\`, \`SECRET\` or \`PASSWORD\`; personal data is a column or field named like the privacy rules' personal-data names (\`row["email"]\`, \`user.ssn\`, \`df["date_of_birth"]\`; more with the \`pii-names\` option).

## Why is this bad?
A prompt leaves the process: it goes to the provider, often into its logs and abuse-monitoring retention, into tracing tools (LangSmith, Langfuse) and, through the conversation history, into later answers a prompt injection can ask for. A key in the prompt can be repeated back to anyone; personal data sent to a third party needs a legal basis and a processing agreement (OWASP LLM02 Sensitive Information Disclosure). Logs of completions are read by many more people than the data's owners.

## Example
\`\`\`python
prompt = f"Summarize the account of {row['email']} (key {api_key})"
reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
\`\`\`

## Use instead
Send the model what the task needs: an opaque identifier, or the data with direct identifiers removed or masked (Presidio); keep keys in the client's configuration, never in text:
\`\`\`python
prompt = f"Summarize the account {customer_ref}"
\`\`\`

## Fix safety
No fix.

## Known limitations
Names are a heuristic: a credential in a variable called \`x\` is not seen, and a field called \`email\` that holds a template is reported. The flow is followed within one function or the top level, as for [MLS501](MLS501.md).

## References
- [OWASP Top 10 for LLM Applications 2025: LLM02 Sensitive Information Disclosure](https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/)
- [Microsoft Presidio](https://microsoft.github.io/presidio/)
`,
  create(ctx) {
    const pii = piiNames(ctx.options['pii-names']);
    const llm = llmOutput(ctx);
    const secret = (node: SyntaxNode): string | undefined => sensitive(ctx, node, pii) ?? llm(node);
    const prompt = (at: SyntaxNode, args: SyntaxNode[], where: string): Sink => ({ at, args, requires: ['secret'], message: `{source} is sent to the model in ${where}: prompts go to the provider, its logs and tracing tools, and can be repeated back by a prompt injection; send an opaque identifier or masked data instead` });
    return flowTracker(ctx, {
      source: secret,
      sinkTypes: ['call', 'dictionary'],
      sinks(node) {
        if (node.type === 'dictionary') {
          // A message added to a history (`messages.append({...})`); literals passed to the call are seen there.
          const call = node.parent?.type === 'argument_list' ? node.parent.parent : null;
          if (!call || call.type !== 'call' || !['append', 'insert', 'extend'].includes(ctx.method(call) ?? '')) return [];
          const keys = node.namedChildren.filter((p) => p?.type === 'pair').map((p) => [ctx.evaluate(p!.childForFieldName('key')), p!.childForFieldName('value')] as const);
          const content = keys.find(([k]) => k.known && k.value === 'content')?.[1];
          return keys.some(([k]) => k.known && k.value === 'role') && content ? [prompt(content, [content], 'a chat message')] : [];
        }
        const fn = node.childForFieldName('function');
        if (!fn) return [];
        const q = ctx.callee(node) ?? '';
        const method = ctx.method(node) ?? '';
        if ((q.startsWith('logging.') || (!q && /^(log|logger|_logger|LOGGER|LOG)$/.test(fn.childForFieldName('object')?.text ?? ''))) && LOG_METHODS.has(method)) {
          const args = [...ctx.args(node).positional, ...[...ctx.args(node).keywords.values()].map((k) => k.value)];
          return [{ at: fn, args, requires: ['secret', 'llm'], message: `{source} is logged together with the model's output: logs of completions are read far more widely than the data they quote; log an identifier, or mask the value` }];
        }
        if (!isLlmCall(ctx, node)) return [];
        const args = ctx.args(node);
        const list = [...args.positional, ...[...args.keywords].filter(([k]) => PROMPT_KEYWORDS.has(k)).map(([, v]) => v.value)];
        return list.length ? [prompt(fn, list, `the prompt of \`${fn.text.replace(/\s+/g, '')}\``)] : [];
      },
    });
  },
});

function sensitive(ctx: RuleContext, node: SyntaxNode, pii: ReadonlySet<string>): string | undefined {
  if (node.type === 'identifier' || node.type === 'attribute') {
    const name = node.type === 'identifier' ? node.text : (node.childForFieldName('attribute')?.text ?? '');
    if (CREDENTIAL.test(name)) return `secret:The credential \`${node.text.replace(/\s+/g, '')}\``;
    if (node.type === 'attribute' && pii.has(normalize(name))) return `secret:Personal data (\`${node.text.replace(/\s+/g, '')}\`)`;
    return undefined;
  }
  if (node.type === 'subscript') {
    const key = ctx.evaluate(node.childForFieldName('subscript'));
    if (!key.known || typeof key.value !== 'string') return undefined;
    if (ctx.qualifiedName(node.childForFieldName('value')) === 'os.environ') return ENV_SECRET.test(key.value) ? `secret:The credential in \`${key.value}\`` : undefined;
    if (pii.has(normalize(key.value))) return `secret:Personal data (\`${node.text.replace(/\s+/g, '')}\`)`;
    return undefined;
  }
  if (node.type === 'call') {
    const q = ctx.callee(node);
    if (q !== 'os.getenv' && q !== 'os.environ.get') return undefined;
    const key = ctx.evaluate(ctx.args(node).positional[0]);
    return key.known && typeof key.value === 'string' && ENV_SECRET.test(key.value) ? `secret:The credential in \`${key.value}\`` : undefined;
  }
  return undefined;
}
