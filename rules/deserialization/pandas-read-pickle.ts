import { defineRule } from '../../engine/rule';
import { DESERIALIZATION, reportUnsafeLoader } from '../helpers';

const LOADS = new Set(['pandas.read_pickle', 'pandas.io.pickle.read_pickle', 'pandas.io.api.read_pickle']);

export default defineRule({
  meta: {
    code: 'MLS106',
    name: 'pandas-read-pickle',
    title: '`pandas.read_pickle` unpickles the data file',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'none',
    references: DESERIALIZATION,
    sources: ['bandit:B301', 'ruff:S301'],
  },
  docs: `
## What it does
Flags \`pandas.read_pickle\`, often used to cache feature tables between pipeline steps.

## Why is this bad?
It is \`pickle.load\` under another name: the file decides what code runs when it is read. It also accepts URLs, so a remote cache is a remote code path. A literal local path is reported at lower severity.

## Example
\`\`\`python
import pandas as pd

df = pd.read_pickle("s3://team-bucket/features.pkl")
\`\`\`

## Use instead
\`\`\`python
import pandas as pd

df = pd.read_parquet("s3://team-bucket/features.parquet")
\`\`\`
Parquet keeps dtypes and is fast; CSV or Feather also carry no code.

## Fix safety
No automatic fix: the data must be written again in the new format.

## Known limitations
None known.

## References
- [pandas docs: read_pickle warning](https://pandas.pydata.org/docs/reference/api/pandas.read_pickle.html)
`,
  create: (ctx) => ({
    call: (node) => reportUnsafeLoader(ctx, node, LOADS, 'store the table as Parquet, Feather or CSV'),
  }),
});
