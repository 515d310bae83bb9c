import { defineRule } from '../../engine/rule';
import { secretVisitors, SECRET_REFERENCES } from './scan';

export default defineRule({
  meta: {
    code: 'MLS205',
    name: 'cloud-credentials',
    title: 'Cloud credentials in code: AWS, Google, Azure OpenAI, private keys',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: SECRET_REFERENCES,
    sources: ['gitleaks:aws-access-token', 'gitleaks:gcp-api-key', 'gitleaks:private-key'],
  },
  docs: `
## What it does
Flags AWS access key ids (\`AKIA\`, \`ASIA\`, \`ABIA\`, \`ACCA\`) and secret access keys next to them, Google API keys (\`AIza\`), Azure OpenAI keys next to an \`openai.azure.com\` endpoint, and PEM private keys (also the \`private_key\` of a GCP service-account JSON).

It looks in string literals (including implicit concatenation, f-string parts, bytes and docstrings), comments, and notebook \`%env\` and \`!\` lines. Placeholders such as \`xxxx\`, \`<YOUR_KEY>\` or low-entropy bodies are ignored, and so are values read from the environment.

## Why is this bad?
A key in code reaches every clone, fork, notebook export and CI log of the repository, and stays in git history after it is deleted. Anyone who finds it acts as you: reads private models and data, runs jobs on your bill. Rotate the key first; removing it from the code does not un-leak it.

## Example
\`\`\`python
import boto3

s3 = boto3.client("s3", aws_access_key_id="AKIA...", aws_secret_access_key="...")
\`\`\`

## Use instead
\`\`\`python
import boto3

s3 = boto3.client("s3")  # credentials from the environment, a profile or an instance role
\`\`\`

## Fix safety
Unsafe: the literal is replaced with \`os.environ["AWS_ACCESS_KEY_ID"]\` (and \`import os\` is added when missing), so the variable must be set wherever the code runs. Secrets inside a larger string or a comment get no automatic fix.

## Known limitations
Every output masks the token: the provider, a short prefix and the last four characters.

## References
- [MITRE ATLAS AML.T0055: Unsecured Credentials](https://atlas.mitre.org/techniques/AML.T0055)
- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
`,
  create: (ctx) => secretVisitors(ctx, 'MLS205'),
});
