import type { SyntaxNode } from '../../engine/syntax';
import { defineRule } from '../../engine/rule';
import { envWriteOf } from '../helpers';
import { entropy, findSecrets, isPlaceholder, mask } from '../../engine/secrets';
import { SECRET_REFERENCES, statementText } from './scan';

/** Keyword arguments that take a credential, and the variable their value usually lives in. */
const KEYWORDS: Record<string, string | undefined> = { api_key: undefined, token: undefined, access_token: undefined, auth_token: undefined, use_auth_token: 'HF_TOKEN', hf_token: 'HF_TOKEN', password: undefined, passwd: undefined, secret: undefined, client_secret: undefined, api_token: undefined };
/** Callees whose credential keyword has a well-known variable. */
const PROVIDER_VARS: [RegExp, string][] = [
  [/^openai\./, 'OPENAI_API_KEY'],
  [/^anthropic\./, 'ANTHROPIC_API_KEY'],
  [/^(huggingface_hub|transformers|datasets|diffusers)\./, 'HF_TOKEN'],
  [/^wandb\./, 'WANDB_API_KEY'],
  [/^cohere\./, 'COHERE_API_KEY'],
  [/^replicate\./, 'REPLICATE_API_TOKEN'],
];
/** A name that says it holds a credential: `API_KEY`, `db_password`, with a number after it too (`api_key_2`, `PASSWORD2`). */
const CREDENTIAL_NAME = /(^|_)(api_?key|token|secret|password|passwd|credentials?)(_?\d+)?$/i;

export default defineRule({
  meta: {
    code: 'MLS207',
    name: 'credential-literal',
    title: 'A literal passed where a credential goes',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'medium',
    fix: 'unsafe',
    references: SECRET_REFERENCES,
    sources: ['bandit:B105', 'bandit:B106', 'ruff:S105', 'ruff:S106'],
  },
  docs: `
## What it does
Flags a string literal given as a credential, whatever its shape: \`OpenAI(api_key="...")\`, \`Anthropic(api_key=...)\`, \`huggingface_hub.login(token=...)\`, \`wandb.login(key=...)\`, \`from_pretrained(..., token=...)\`, \`password=\` keywords, \`os.environ["..._KEY"] = "..."\` and names like \`API_KEY = "..."\` (numbered too: \`api_key_2\`, \`DB_PASSWORD2\`). Values that look like placeholders or have low entropy are ignored; tokens with a known provider format are reported by MLS201 to MLS206 instead.

## Why is this bad?
Keys of providers without a recognizable format (self-hosted endpoints, database passwords, internal services) leak the same way: through git history, notebooks and logs. Rotate the credential; removing it from the code does not un-leak it.

## Example
\`\`\`python
from openai import OpenAI

client = OpenAI(base_url="https://llm.internal.example/v1", api_key="9f8e7d6c5b4a39281706")
\`\`\`

## Use instead
\`\`\`python
import os
from openai import OpenAI

client = OpenAI(base_url="https://llm.internal.example/v1", api_key=os.environ["OPENAI_API_KEY"])
\`\`\`

## Fix safety
Unsafe, and offered only where the usual variable is known (the provider's client): the literal becomes \`os.environ["VAR"]\`, which must then be set.

## Known limitations
Short or low-entropy passwords are not reported, to keep test fixtures and placeholders quiet.

## References
- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
- [MITRE ATLAS AML.T0055: Unsecured Credentials](https://atlas.mitre.org/techniques/AML.T0055)
`,
  create(ctx) {
    const check = (valueNode: SyntaxNode | null | undefined, what: string, envVar?: string) => {
      if (!valueNode || (valueNode.type !== 'string' && valueNode.type !== 'concatenated_string')) return;
      const v = ctx.evaluate(valueNode);
      if (!v.known || typeof v.value !== 'string') return;
      const value = v.value;
      if (value.length < 8 || /\s/.test(value) || isPlaceholder(value) || entropy(value) < 3 || findSecrets(value, () => statementText(ctx.text, valueNode)).length) return;
      const os = ctx.lookup('os');
      const hasOs = os?.kind === 'import' && os.qualified === 'os';
      ctx.report({
        node: valueNode,
        message: `Credential \`${mask(value, 0)}\` is hardcoded as ${what}: rotate it (deleting it does not un-leak it) and read it from the environment`,
        fixes: envVar && hasOs ? [{ title: `Read it from os.environ["${envVar}"]`, safety: 'unsafe', edits: [{ start: valueNode.startIndex, end: valueNode.endIndex, text: `os.environ["${envVar}"]` }] }] : [],
      });
    };
    return {
      call(node) {
        for (const w of envWriteOf(ctx, node)) if (CREDENTIAL_NAME.test(w.name) && w.node) check(lastArgument(w.node), `\`${w.name}\``);
        if (!/token|key|passw|secret/i.test(node.text)) return;
        const callee = ctx.callee(node) ?? '';
        const providerVar = PROVIDER_VARS.find(([re]) => re.test(callee))?.[1];
        for (const [name, { value }] of ctx.args(node).keywords) {
          const isWandbKey = name === 'key' && callee.startsWith('wandb.');
          if (!(name in KEYWORDS) && !isWandbKey) continue;
          check(value, `\`${name}=\``, KEYWORDS[name] ?? providerVar);
        }
      },
      assignment(node) {
        for (const w of envWriteOf(ctx, node)) if (CREDENTIAL_NAME.test(w.name)) check(node.childForFieldName('right'), `\`os.environ["${w.name}"]\``);
        const left = node.childForFieldName('left');
        if (left?.type === 'identifier' && CREDENTIAL_NAME.test(left.text)) check(node.childForFieldName('right'), `\`${left.text}\``);
      },
      pair(node) {
        const key = ctx.evaluate(node.childForFieldName('key'));
        if (key.known && typeof key.value === 'string' && CREDENTIAL_NAME.test(key.value)) check(node.childForFieldName('value'), `\`"${key.value}"\``);
      },
    };
  },
});

function lastArgument(call: SyntaxNode): SyntaxNode | null {
  const list = call.childForFieldName('arguments');
  const args = list?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
  return args.length >= 2 ? args[1] : null;
}
