import { defineRule } from '../../engine/rule';
import { LINTER } from './references';

/** Reported by the engine's suppression pass. */
export default defineRule({
  meta: {
    code: 'MLS001',
    name: 'unused-suppression',
    title: 'Suppression that silences nothing',
    category: 'linter',
    severity: 'warning',
    confidence: 'high',
    fix: 'safe',
    references: LINTER,
    sources: ['ruff:RUF100'],
  },
  docs: `
## What it does
Flags a code in \`# mlsec: ignore[...]\` or \`# mlsec: file-ignore[...]\` when that rule reports nothing on the lines the directive covers.

## Why is this bad?
A stale suppression outlives the code it was written for, and silently hides the next real problem on that line.

## Example
\`\`\`python
model = torch.load(path, weights_only=True)  # mlsec: ignore[MLS102] -- legacy checkpoint
\`\`\`

## Use instead
\`\`\`python
model = torch.load(path, weights_only=True)
\`\`\`

## Fix safety
Safe: removes the code, or the whole comment when it was the only code.

## Known limitations
Only codes of enabled rules are checked.

## References
- The suppression section of the README.
`,
  create: () => ({}),
});
