import { defineRule } from '../../engine/rule';
import { secretVisitors, SECRET_REFERENCES } from './scan';

export default defineRule({
  meta: {
    code: 'MLS201',
    name: 'hugging-face-token',
    title: 'Hugging Face token in code',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: SECRET_REFERENCES,
    sources: ['gitleaks:huggingface-access-token', 'detect-secrets:HuggingFaceDetector'],
  },
  docs: `
## What it does
Flags Hugging Face user access tokens (\`hf_\` followed by 34 or more letters and digits) and legacy organization tokens (\`api_org_\`).

It looks in string literals (including implicit concatenation, f-string parts, bytes and docstrings), comments, and notebook \`%env\` and \`!\` lines. Placeholders such as \`xxxx\`, \`<YOUR_KEY>\` or low-entropy bodies are ignored, and so are values read from the environment.

## Why is this bad?
A key in code reaches every clone, fork, notebook export and CI log of the repository, and stays in git history after it is deleted. Anyone who finds it acts as you: reads private models and data, runs jobs on your bill. Rotate the key first; removing it from the code does not un-leak it.

## Example
\`\`\`python
from huggingface_hub import login

login(token="hf_...")  # a real token here
\`\`\`

## Use instead
\`\`\`python
import os
from huggingface_hub import login

login(token=os.environ["HF_TOKEN"])
\`\`\`

## Fix safety
Unsafe: the literal is replaced with \`os.environ["HF_TOKEN"]\` (and \`import os\` is added when missing), so the variable must be set wherever the code runs. Secrets inside a larger string or a comment get no automatic fix.

## Known limitations
Every output masks the token: the provider, a short prefix and the last four characters.

## References
- [MITRE ATLAS AML.T0055: Unsecured Credentials](https://atlas.mitre.org/techniques/AML.T0055)
- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
`,
  create: (ctx) => secretVisitors(ctx, 'MLS201'),
});
