import { defineRule } from '../../engine/rule';
import { LINTER } from './references';

/** Reported by the engine when a rule throws; the other rules still run. */
export default defineRule({
  meta: {
    code: 'MLS000',
    name: 'internal-error',
    title: 'A rule failed on this file',
    category: 'linter',
    severity: 'warning',
    confidence: 'high',
    fix: 'none',
    references: LINTER,
  },
  docs: `
## What it does
Reports that one rule raised an error on this file. The engine catches it, so every other rule still reports; only the failing rule is missing.

## Why is this bad?
A rule that stops on a file can no longer tell you about a real problem there. The message names the rule and the error.

## Example
Any file that triggers a bug in a rule.

## Use instead
Report the message and, if you can, the smallest file that triggers it.

## Fix safety
No fix.

## Known limitations
None.

## References
- \`mlsec rules\` lists every rule.
`,
  create: () => ({}),
});
