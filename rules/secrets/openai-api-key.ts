import { defineRule } from '../../engine/rule';
import { secretVisitors, SECRET_REFERENCES } from './scan';

export default defineRule({
  meta: {
    code: 'MLS202',
    name: 'openai-api-key',
    title: 'OpenAI API key in code',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: SECRET_REFERENCES,
    sources: ['gitleaks:openai-api-key'],
  },
  docs: `
## What it does
Flags OpenAI API keys: \`sk-\`, \`sk-proj-\`, \`sk-svcacct-\` or \`sk-admin-\` keys that carry the \`T3BlbkFJ\` marker OpenAI embeds in them.

It looks in string literals (including implicit concatenation, f-string parts, bytes and docstrings), comments, and notebook \`%env\` and \`!\` lines. Placeholders such as \`xxxx\`, \`<YOUR_KEY>\` or low-entropy bodies are ignored, and so are values read from the environment.

## Why is this bad?
A key in code reaches every clone, fork, notebook export and CI log of the repository, and stays in git history after it is deleted. Anyone who finds it acts as you: reads private models and data, runs jobs on your bill. Rotate the key first; removing it from the code does not un-leak it.

## Example
\`\`\`python
from openai import OpenAI

client = OpenAI(api_key="sk-proj-...")  # a real key here
\`\`\`

## Use instead
\`\`\`python
from openai import OpenAI

client = OpenAI()  # reads OPENAI_API_KEY
\`\`\`

## Fix safety
Unsafe: the literal is replaced with \`os.environ["OPENAI_API_KEY"]\` (and \`import os\` is added when missing), so the variable must be set wherever the code runs. Secrets inside a larger string or a comment get no automatic fix.

## Known limitations
Every output masks the token: the provider, a short prefix and the last four characters.

## References
- [MITRE ATLAS AML.T0055: Unsecured Credentials](https://atlas.mitre.org/techniques/AML.T0055)
- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
`,
  create: (ctx) => secretVisitors(ctx, 'MLS202'),
});
