import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getEngine, lintPython } from './support/engine';

/** Each snippet is the "use instead" idiom of a rule: expanded with its defaults, it must lint clean. */
const FILE = path.join(__dirname, '..', 'snippets', 'python.json');
const snippets = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Record<string, { prefix: string; body: string[] }>;

/** The imports a snippet's surroundings have, so that its names resolve as in a real file. */
const PREAMBLE = 'import torch\nimport yaml\nfrom transformers import AutoModel\n';

/** `${1:default}` becomes `default`, `$1` becomes nothing, as an editor inserts it untouched. */
export function expand(body: string[]): string {
  return PREAMBLE + body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '') + '\n';
}

async function lintCell(source: string) {
  const notebook = { cells: [{ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source }], metadata: {}, nbformat: 4, nbformat_minor: 5 };
  return (await getEngine()).lint({ text: JSON.stringify(notebook), kind: 'notebook' });
}

describe('snippets', () => {
  it('has snippets', () => assert.ok(Object.keys(snippets).length >= 5));
  for (const [name, s] of Object.entries(snippets)) {
    it(`${s.prefix} (${name}) expands to code with no finding`, async () => {
      // IPython lines (`%pip`) are linted as a notebook cell, where they are written.
      const { findings, syntaxErrors } = /^[%!]/.test(s.body[0]) ? await lintCell(expand(s.body)) : await lintPython(expand(s.body));
      assert.equal(syntaxErrors, false);
      assert.deepEqual(findings.map((f) => `${f.code}: ${f.message}`), []);
    });
  }

  it('the check is real: an unsafe pip line is caught in a cell', async () => {
    const { findings } = await lintCell(expand(['%pip install ${1:transformers}']));
    assert.deepEqual(findings.map((f) => f.code), ['MLS304']);
  });

  it('the check is real: the unsafe LLM idioms the LLM snippets replace are caught', async () => {
    const { findings } = await lintPython(expand([
      'from openai import OpenAI',
      'from langchain_community.vectorstores import FAISS',
      'from langchain_community.tools import ShellTool',
      'reply = OpenAI().chat.completions.create(model="m", messages=[])',
      'exec(reply.choices[0].message.content)',
      'db = FAISS.load_local("index", embeddings, allow_dangerous_deserialization=True)',
      'tools = [ShellTool()]',
    ]));
    assert.deepEqual(findings.map((f) => f.code), ['MLS501', 'MLS505', 'MLS506']);
  });

  it('the check is real: an unsafe body is caught', async () => {
    const { findings } = await lintPython(expand(['state = torch.load(${1:path})', 'cfg = yaml.load(s)', 'm = AutoModel.from_pretrained("org/m")']));
    assert.deepEqual(findings.map((f) => f.code), ['MLS102', 'MLS104', 'MLS301']);
  });
});
