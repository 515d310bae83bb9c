import { defineRule } from '../../engine/rule';
import { calleeNode, DESERIALIZATION, literalData, written } from '../helpers';

const MARSHAL = new Set(['marshal.load', 'marshal.loads']);
const SHELVE = new Set(['shelve.open', 'shelve.DbfilenameShelf', 'shelve.Shelf', 'shelve.BsdDbShelf']);
const JSONPICKLE = new Set(['jsonpickle.decode', 'jsonpickle.loads', 'jsonpickle.unpickler.decode']);
/** `Unpickler().restore(obj)`: what `decode` does after parsing the JSON. */
const RESTORE = new Set(['jsonpickle.Unpickler.restore', 'jsonpickle.unpickler.Unpickler.restore']);

export default defineRule({
  meta: {
    code: 'MLS107',
    name: 'marshal-shelve-jsonpickle',
    title: 'Other deserializers that run code: marshal, shelve, jsonpickle',
    category: 'unsafe-deserialization',
    severity: 'error',
    confidence: 'high',
    fix: 'none',
    references: DESERIALIZATION,
    sources: ['bandit:B302', 'ruff:S302', 'bandit:B301'],
  },
  docs: `
## What it does
Flags \`marshal.load\` / \`marshal.loads\`, \`shelve.open\` and the \`Shelf\` classes, \`jsonpickle.decode\`, and \`jsonpickle.unpickler.Unpickler().restore(...)\`. A \`loads\` or \`decode\` of a literal string or bytes constant is not reported: nobody else can write data that is in the code.

## Why is this bad?
\`shelve\` stores every value as a pickle, and \`jsonpickle\` rebuilds arbitrary Python objects from JSON: both run code chosen by whoever wrote the data. \`marshal\` is meant for Python's own bytecode files; Python's documentation says it is not secure against malicious data, and code objects it returns are often executed next.

## Example
\`\`\`python
import jsonpickle

experiment = jsonpickle.decode(request_body)
\`\`\`

## Use instead
\`\`\`python
import json

experiment = ExperimentConfig(**json.loads(request_body))
\`\`\`
Parse plain JSON and build your objects explicitly (dataclasses or pydantic models validate the fields too).

## Fix safety
No automatic fix.

## Known limitations
\`shelve\` databases written and read only by the same trusted process are reported all the same.

## References
- [Python docs: marshal](https://docs.python.org/3/library/marshal.html)
- [Python docs: shelve, security](https://docs.python.org/3/library/shelve.html)
- [jsonpickle security note](https://jsonpickle.github.io/#jsonpickle-usage)
`,
  create(ctx) {
    return {
      call(node) {
        const name = ctx.callee(node);
        if (!name) return;
        const call = written(node, name);
        if ((MARSHAL.has(name) || JSONPICKLE.has(name)) && name !== 'marshal.load' && literalData(ctx, node, name.startsWith('marshal') ? 'bytes' : 'string')) return;
        if (RESTORE.has(name)) {
          ctx.report({ node: calleeNode(node), message: `${call} rebuilds arbitrary Python objects from decoded JSON: untrusted input runs code; parse plain JSON instead` });
          return;
        }
        if (MARSHAL.has(name)) {
          ctx.report({ node: calleeNode(node), message: `${call} is not safe on untrusted data and loads code objects: use JSON for data`, severity: 'warning' });
        } else if (SHELVE.has(name)) {
          ctx.report({ node: calleeNode(node), message: `${call} stores values as pickles: reading a shelf someone else wrote runs their code; use JSON or SQLite` });
        } else if (JSONPICKLE.has(name)) {
          ctx.report({ node: calleeNode(node), message: `${call} rebuilds arbitrary Python objects: untrusted input runs code; parse plain JSON instead` });
        }
      },
    };
  },
});
