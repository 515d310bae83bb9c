import { defineRule } from '../../engine/rule';
import { secretVisitors, SECRET_REFERENCES } from './scan';

export default defineRule({
  meta: {
    code: 'MLS206',
    name: 'developer-tokens',
    title: 'Other ML and developer tokens in code: GitHub, Slack, Replicate, Groq, LangSmith, Perplexity, Cohere',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: SECRET_REFERENCES,
    sources: ['gitleaks:github-pat', 'gitleaks:slack-bot-token'],
  },
  docs: `
## What it does
Flags GitHub tokens (\`ghp_\`, \`gho_\`, \`ghu_\`, \`ghs_\`, \`ghr_\`, \`github_pat_\`), Slack tokens (\`xox?-\`), Replicate (\`r8_\`), Groq (\`gsk_\`), LangSmith (\`lsv2_pt_\` / \`lsv2_sk_\`), Perplexity (\`pplx-\`) and Cohere keys (40 characters next to \`cohere\`).

It looks in string literals (including implicit concatenation, f-string parts, bytes and docstrings), comments, and notebook \`%env\` and \`!\` lines. Placeholders such as \`xxxx\`, \`<YOUR_KEY>\` or low-entropy bodies are ignored, and so are values read from the environment.

## Why is this bad?
A key in code reaches every clone, fork, notebook export and CI log of the repository, and stays in git history after it is deleted. Anyone who finds it acts as you: reads private models and data, runs jobs on your bill. Rotate the key first; removing it from the code does not un-leak it.

## Example
\`\`\`python
import replicate

client = replicate.Client(api_token="r8_...")  # a real token here
\`\`\`

## Use instead
\`\`\`python
import replicate

client = replicate.Client()  # reads REPLICATE_API_TOKEN
\`\`\`

## Fix safety
Unsafe: the literal is replaced with \`os.environ["GITHUB_TOKEN"]\` (and \`import os\` is added when missing), so the variable must be set wherever the code runs. Secrets inside a larger string or a comment get no automatic fix.

## Known limitations
Every output masks the token: the provider, a short prefix and the last four characters.

## References
- [MITRE ATLAS AML.T0055: Unsecured Credentials](https://atlas.mitre.org/techniques/AML.T0055)
- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
`,
  create: (ctx) => secretVisitors(ctx, 'MLS206'),
});
