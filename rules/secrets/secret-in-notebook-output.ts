import { defineRule } from '../../engine/rule';
import { findSecrets, mask } from '../../engine/secrets';
import { SECRET_REFERENCES } from './scan';

export default defineRule({
  meta: {
    code: 'MLS208',
    name: 'secret-in-notebook-output',
    title: 'A secret saved in a notebook output',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: { ...SECRET_REFERENCES, cwe: ['CWE-798', 'CWE-312'] },
  },
  docs: `
## What it does
Flags any token MLS201 to MLS206 know in the saved outputs of a notebook: stream text (\`print\`), \`text/plain\` results and error tracebacks. Images and other binary payloads are never read, so base64 data cannot raise false alarms.

## Why is this bad?
\`print(os.environ["HF_TOKEN"])\`, a debug \`repr\` of a client or a traceback that echoes a request header puts the key into the \`.ipynb\` file, and committing the notebook publishes it, even when the code itself reads the key from the environment.

## Example
A cell \`print(client.api_key)\` whose saved output shows the key.

## Use instead
Do not print credentials; clear outputs before committing (\`jupyter nbconvert --clear-output\`, or nbstripout as a git filter).

## Fix safety
Unsafe: the fix removes that output from the cell (the rest of the notebook stays as it was). Rotate the key: it is in git history already if the notebook was committed.

## Known limitations
Outputs are read from the notebook as saved; the language server reads them from disk.

## References
- [CWE-312: Cleartext Storage of Sensitive Information](https://cwe.mitre.org/data/definitions/312.html)
- [MITRE ATLAS AML.T0055: Unsecured Credentials](https://atlas.mitre.org/techniques/AML.T0055)
`,
  create(ctx) {
    return {
      end() {
        for (const out of ctx.outputs) {
          if (out.html) continue;
          for (const m of findSecrets(out.text)) {
            ctx.report({
              output: { cell: out.cell, output: out.output },
              message: `${m.detector.provider} \`${mask(m.token, m.detector.prefix)}\` is saved in the output of cell ${out.cell + 1}: rotate it at ${m.detector.rotate} (deleting it does not un-leak it) and clear the output`,
              fixes: [{ title: 'Clear this output', safety: 'unsafe', edits: [], notebook: { removeOutputs: [{ cell: out.cell, output: out.output }] } }],
            });
          }
        }
      },
    };
  },
});
