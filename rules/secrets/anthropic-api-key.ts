import { defineRule } from '../../engine/rule';
import { secretVisitors, SECRET_REFERENCES } from './scan';

export default defineRule({
  meta: {
    code: 'MLS203',
    name: 'anthropic-api-key',
    title: 'Anthropic API key in code',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: SECRET_REFERENCES,
    sources: ['gitleaks:anthropic-api-key'],
  },
  docs: `
## What it does
Flags Anthropic API and admin keys (\`sk-ant-api03-\` / \`sk-ant-admin01-\`, 93 characters and a final \`AA\`).

It looks in string literals (including implicit concatenation, f-string parts, bytes and docstrings), comments, and notebook \`%env\` and \`!\` lines. Placeholders such as \`xxxx\`, \`<YOUR_KEY>\` or low-entropy bodies are ignored, and so are values read from the environment.

## Why is this bad?
A key in code reaches every clone, fork, notebook export and CI log of the repository, and stays in git history after it is deleted. Anyone who finds it acts as you: reads private models and data, runs jobs on your bill. Rotate the key first; removing it from the code does not un-leak it.

## Example
\`\`\`python
import anthropic

client = anthropic.Anthropic(api_key="sk-ant-api03-...")  # a real key here
\`\`\`

## Use instead
\`\`\`python
import anthropic

client = anthropic.Anthropic()  # reads ANTHROPIC_API_KEY
\`\`\`

## Fix safety
Unsafe: the literal is replaced with \`os.environ["ANTHROPIC_API_KEY"]\` (and \`import os\` is added when missing), so the variable must be set wherever the code runs. Secrets inside a larger string or a comment get no automatic fix.

## Known limitations
Every output masks the token: the provider, a short prefix and the last four characters.

## References
- [MITRE ATLAS AML.T0055: Unsecured Credentials](https://atlas.mitre.org/techniques/AML.T0055)
- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
`,
  create: (ctx) => secretVisitors(ctx, 'MLS203'),
});
