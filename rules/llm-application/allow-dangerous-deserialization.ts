import { fix, replaceNode } from '../../engine/edits';
import { defineRule } from '../../engine/rule';
import { flag, throughParameter, written } from '../helpers';

const LOADS = new Set(['langchain_core.load.loads', 'langchain_core.load.load', 'langchain_core.load.load.loads', 'langchain_core.load.load.load', 'langchain.load.loads', 'langchain.load.load', 'langchain.load.load.loads', 'langchain.load.load.load']);

/** Calls that may take the switch through `**kwargs`: vector stores' `load_local`, LangChain's `load` / `loads`. */
const LOAD_LOCAL = /\b(load_local|loads?|from_persist_dir|deserialize\w*)\s*\(/;

export default defineRule({
  meta: {
    code: 'MLS505',
    name: 'allow-dangerous-deserialization',
    title: 'LangChain told to unpickle a saved index or revive any object',
    category: 'llm-application',
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    // The switch is written as a keyword or a dictionary key; LangChain's `loads` names its module.
    requires: ['allow_dangerous_deserialization', 'langchain'],
    references: { cwe: ['CWE-502'], atlas: ['AML.T0011.000', 'AML.T0010.003'], owaspLlm: ['LLM03'], owaspMl: ['ML06'], nist: ['Manage'] },
  },
  docs: `
## What it does
Reports \`allow_dangerous_deserialization=True\` on any call (LangChain's \`FAISS.load_local\`, \`Annoy\`, \`ScaNN\`, \`SKLearnVectorStore\`, \`TileDB\`, the BM25 and TF-IDF retrievers' \`load_local\`, \`LocalFileStore\`-backed caches), and \`langchain_core.load.loads\` / \`load\` with \`allowed_objects="all"\`.

## Why is this bad?
\`load_local\` reads the index's docstore with \`pickle\`: whoever can write the folder (a shared bucket, a downloaded "pre-built index", a zip from a colleague) runs code when the application starts. LangChain refuses unless the flag is set, so the flag is the moment someone decided the file is trusted; the rule makes that decision visible. \`loads(..., allowed_objects="all")\` instantiates any class a serialized object names (OWASP LLM03 Supply Chain).

## Example
\`\`\`python
db = FAISS.load_local("index/", embeddings, allow_dangerous_deserialization=True)
\`\`\`

## Use instead
Rebuild the index from the source documents where the application runs, or keep it in a vector database; if the folder is yours alone, keep the flag with a suppression that says why:
\`\`\`python
db = FAISS.from_documents(documents, embeddings)
\`\`\`

## Fix safety
Unsafe: setting the flag to \`False\` makes \`load_local\` raise, which is safe but breaks the loading until the index is rebuilt another way.

## Known limitations
A flag passed through a \`**kwargs\` dict of this file (\`**LOAD_KWARGS\`) is seen; one built in another file, or returned by a function, is not.

## References
- [LangChain: FAISS.load_local](https://python.langchain.com/api_reference/community/vectorstores/langchain_community.vectorstores.faiss.FAISS.html)
- [CWE-502: Deserialization of Untrusted Data](https://cwe.mitre.org/data/definitions/502.html)
`,
  create(ctx) {
    return {
      call(node) {
        // Most calls have no such switch: look at the call's text before building its argument list.
        // `**LOAD_KWARGS`: a dict of this file's that holds the switch.
        const text = node.text;
        if (text.includes('allow_dangerous_deserialization') || (text.includes('**') && LOAD_LOCAL.test(text))) {
          const args = ctx.args(node);
          const kw = args.keywords.get('allow_dangerous_deserialization');
          const f = flag(ctx, args, 'allow_dangerous_deserialization');
          const at = kw?.arg ?? (f.state === 'true' && f.indirect ? f.arg : undefined);
          if (at && f.state === 'true') {
            ctx.report({
              node: at,
              message: `${written(node, ctx.callee(node))} with \`allow_dangerous_deserialization=True\`${throughParameter(f)} unpickles the saved files: anyone who can write them runs code here; rebuild the index where it runs, or keep the flag only for files no one else can write`,
              fixes: f.indirect ? [] : [fix('Set `allow_dangerous_deserialization=False` (loading then fails)', 'unsafe', [replaceNode(f.node, 'False')])],
            });
          }
        }
        const q = ctx.callee(node);
        if (!q || !LOADS.has(q)) return;
        const all = ctx.args(node).keywords.get('allowed_objects');
        const v = ctx.evaluate(all?.value);
        if (!all || !v.known || v.value !== 'all') return;
        ctx.report({
          node: all.arg,
          message: `${written(node, q)} with \`allowed_objects="all"\` instantiates any class the serialized data names: load only data you wrote, with the default \`"core"\` or a list of classes`,
          fixes: [fix('Use `allowed_objects="core"`', 'unsafe', [replaceNode(all.value, '"core"')])],
        });
      },
    };
  },
});
