import { strict as assert } from 'assert';
import { createEngine } from '../engine';
import { defineRule } from '../engine/rule';
import { loadAssets } from '../project/assets';
import { callees } from './support/probe';

describe('semantic model', () => {
  it('resolves import aliases at every level', async () => {
    const got = await callees(`
import torch as t
import os.path
import a.b.c as abc
from pickle import loads as l
from torch.serialization import load
t.load(x)
os.path.join(a)
abc.f()
l(b)
load(c)
`);
    assert.deepEqual(got, ['torch.load', 'os.path.join', 'a.b.c.f', 'pickle.loads', 'torch.serialization.load']);
  });

  it('reads the callee of a chained call as the whole chain, not the call it starts with', async () => {
    const got = await callees(`
import pickle
import torch as t
pickle.Unpickler(f).load()
t.hub.load(a)(b)
t . load (c)
t.\\
    load(d)
`);
    // Document order: an outer call comes before the call its callee starts with. A call of a
    // call's result is named after the inner callee, as the semantic model names calls.
    assert.deepEqual(got, ['pickle.Unpickler.load', 'pickle.Unpickler', 'torch.hub.load', 'torch.hub.load', 'torch.load', 'torch.load']);
  });

  it('answers callee and method the same when no rule visits calls (asked from an assignment)', async () => {
    const rule = defineRule({
      meta: { code: 'MLS901', name: 'assign-probe', title: 'probe', category: 'linter', severity: 'info', confidence: 'high', fix: 'none', references: { cwe: [], atlas: [], owaspLlm: [], owaspMl: [] } },
      docs: '',
      create: (ctx) => ({
        assignment(node) {
          const right = node.childForFieldName('right');
          if (right?.type === 'call') ctx.report({ node, message: `${ctx.callee(right) ?? '?'} ${ctx.method(right) ?? '-'}` });
        },
      }),
    });
    const engine = await createEngine(loadAssets(), [rule]);
    const text = 'import pickle\nx = pickle.Unpickler(f).load()\ny = pickle.loads(b)\nz = open(p)\n';
    assert.deepEqual(engine.lint({ text }).findings.map((f) => f.message), ['pickle.Unpickler.load load', 'pickle.loads loads', 'builtins.open -']);
  });

  it('keeps relative imports relative, so they never match a library', async () => {
    const got = await callees(`
from . import pickle
from .models import torch
from ..utils import load as l
pickle.loads(x)
torch.load(y)
l(z)
`);
    assert.deepEqual(got, ['.pickle.loads', '.models.torch.load', '..utils.load']);
  });

  it('records star imports as a possible source of unbound names only', async () => {
    const got = await callees(`
from pickle import *
loads(x)
def f(loads):
    loads(y)
`);
    assert.deepEqual(got, ['pickle.loads', '?']);
  });

  it('lets parameters, locals and loop variables shadow modules', async () => {
    const got = await callees(`
import torch
def f(torch):
    torch.load(a)
def g():
    torch = Loader()
    torch.load(b)
for torch in things:
    torch.load(c)
`);
    // `Loader` is unknown, so the local `torch` is unknown too.
    assert.deepEqual(got, ['?', '?', '?', '?']);
  });

  it('restores the module binding after a function scope ends', async () => {
    const got = await callees(`
import torch
def f(torch):
    pass
torch.load(a)
`);
    assert.deepEqual(got, ['torch.load']);
  });

  it('does not let class attributes leak into methods', async () => {
    const got = await callees(`
import pickle
class A:
    pickle = None
    def m(self):
        pickle.loads(x)
`);
    assert.deepEqual(got, ['pickle.loads']);
  });

  it('follows assignments of imported names and instances made by calls', async () => {
    const got = await callees(`
import pickle
from huggingface_hub import HfApi
loader = pickle.loads
api = HfApi()
loader(x)
api.hf_hub_download(repo_id="r")
HfApi().snapshot_download("r")
with open("f.pkl", "rb") as fh:
    fh.read()
`);
    assert.deepEqual(got, ['huggingface_hub.HfApi', 'pickle.loads', 'huggingface_hub.HfApi.hf_hub_download repo_id="r"', 'huggingface_hub.HfApi.snapshot_download', 'huggingface_hub.HfApi', 'builtins.open', 'builtins.open.read']);
  });

  it('reads `self.x` in a method as what an earlier method of the class assigned it, and nothing elsewhere', async () => {
    const got = await callees(`
import duckdb
from openai import OpenAI
class Analyst:
    def __init__(self):
        self.con = duckdb.connect()
        self.client = OpenAI()
        self.name = "x"
    def ask(self, q):
        self.con.sql(q)
        self.client.chat.completions.create(model=q)
        self.name.upper()
    def forget(self):
        self.con = None
        self.con.sql(a)
    def nested(self):
        def inner(self):
            self.client.chat(b)
class Other:
    def m(self):
        self.client.chat(c)
`);
    // The calls in \`__init__\` first; \`self.name\` holds a string, no object: unknown, as is \`self.con\` once set to None, a nested
    // function's \`self\`, and another class's.
    assert.deepEqual(got, ['duckdb.connect', 'openai.OpenAI', 'duckdb.connect.sql', 'openai.OpenAI.chat.completions.create model=?', '?', '?', '?', '?']);
  });

  it('reads annotated names and parameters as the class they name, and keeps what a resolved call or a constant says', async () => {
    const got = await callees(`
from typing import Final
import pandas as pd
import streamlit as st
from anthropic import Anthropic
from langchain_experimental.utilities import PythonREPL
REV: Final = "main"
repl = PythonREPL()
bot: Anthropic = st.session_state.bot
df: pd.DataFrame = pd.read_csv(p)
def f(client: Anthropic, sandbox=repl, n: int = 3, rev=REV):
    client.messages.create(a=REV)
    sandbox.run(code)
    n.bit_length()
    rev.upper()
bot.messages.create(b=1)
df.head()
`);
    // \`REV: Final\` keeps its value; \`bot\` is what its annotation names (the session state says nothing of the class);
    // \`df\` stays what \`read_csv\` made; \`int\` is no import, and a parameter defaulting to a constant is no object.
    assert.deepEqual(got, [
      'langchain_experimental.utilities.PythonREPL',
      'pandas.read_csv',
      'anthropic.Anthropic.messages.create a="main"',
      'langchain_experimental.utilities.PythonREPL.run',
      '?',
      '?',
      'anthropic.Anthropic.messages.create b=1',
      'pandas.read_csv.head',
    ]);
  });

  it('propagates literal constants from the module and the enclosing function', async () => {
    const got = await callees(`
FLAG = False
REV = "main"
N = -3
NAME = "org/" "model"
def f():
    LOCAL = True
    g(a=FLAG, b=REV, c=LOCAL, d=N, e=NAME, f=not FLAG, g=(REV))
`);
    assert.deepEqual(got, ['? a=false b="main" c=true d=-3 e="org/model" f=true g="main"']);
  });

  it('uses the latest assignment before the use, and treats other values as unknown', async () => {
    const got = await callees(`
REV = "main"
REV = "v1.0"
f(a=REV)
REV = compute()
f(b=REV)
f(c=undefined_name, d=f"{REV}", e=x + 1)
`);
    assert.deepEqual(got, ['? a="v1.0"', '?', '? b=?', '? c=? d=? e=?']);
  });

  it('decodes string escapes and keeps raw strings raw', async () => {
    const got = await callees(String.raw`
f(a="x\ty", b=r"x\ty", c='\x41\u00e9', d=b"bytes")
`);
    assert.deepEqual(got, ['? a="x\\ty" b="x\\\\ty" c="Aé" d="bytes"']);
  });
});
