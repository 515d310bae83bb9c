import { defineRule } from '../../engine/rule';
import { LINTER } from './references';

/** Reported by the engine's suppression pass. */
export default defineRule({
  meta: {
    code: 'MLS002',
    name: 'unknown-suppression-code',
    title: 'Suppression names a code that does not exist',
    category: 'linter',
    severity: 'warning',
    confidence: 'high',
    fix: 'none',
    references: LINTER,
  },
  docs: `
## What it does
Flags a code in a suppression that is no MLSec rule, such as a typo (\`MLS10\`) or another tool's code.

## Why is this bad?
The suppression does nothing, and whoever reads it believes something is silenced.

## Example
\`\`\`python
data = pickle.loads(blob)  # mlsec: ignore[MLS1001]
\`\`\`

## Use instead
\`\`\`python
data = pickle.loads(blob)  # mlsec: ignore[MLS101] -- blob is produced by our own signed pipeline
\`\`\`

## Fix safety
No fix: only you know which code was meant.

## Known limitations
None.

## References
- \`mlsec rules\` lists every code.
`,
  create: () => ({}),
});
