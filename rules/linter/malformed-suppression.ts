import { defineRule } from '../../engine/rule';
import { LINTER } from './references';

/** Reported by the engine's suppression pass. */
export default defineRule({
  meta: {
    code: 'MLS003',
    name: 'malformed-suppression',
    title: 'Malformed or blanket suppression',
    category: 'linter',
    severity: 'warning',
    confidence: 'high',
    fix: 'none',
    references: LINTER,
    sources: ['ruff:PGH004'],
  },
  docs: `
## What it does
Flags \`# mlsec:\` comments that are not \`ignore[CODES]\` or \`file-ignore[CODES]\`, including a blanket \`# mlsec: ignore\` with no code.

## Why is this bad?
A blanket ignore silences every rule on the line, including ones added later for problems nobody has seen yet. A malformed directive silences nothing.

## Example
\`\`\`python
model = joblib.load(path)  # mlsec: ignore
\`\`\`

## Use instead
\`\`\`python
model = joblib.load(path)  # mlsec: ignore[MLS105] -- file is built and hashed by our CI
\`\`\`

## Fix safety
No fix.

## Known limitations
None.

## References
- The suppression section of the README.
`,
  create: () => ({}),
});
