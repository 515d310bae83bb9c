import { strict as assert } from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ProjectIndex } from '../project/project-index';
import { getEngine } from './support/engine';
import { mlsec, removeTemp, tempProject, tempProjects } from './support/cli';
import { LspClient } from './support/lsp-client';
import type { LlmSink } from '../engine';

/** `app/llm.py`: a wrapper that returns the model's text, and a method that does. */
const LLM = [
  'from openai import OpenAI',
  '',
  'client = OpenAI()',
  '',
  '',
  'def ask_model(prompt):',
  '    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])',
  '    return reply.choices[0].message.content.strip()',
  '',
  '',
  'def model_name():',
  '    return "gpt-4o"',
  '',
  '',
  'class Assistant:',
  '    def answer(self, question):',
  '        return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}]).choices[0].message.content',
  '',
].join('\n');

/** `app/tools.py`: agent tools, one of which runs the SQL it is given. */
const TOOLS = [
  'import sqlite3',
  'from langchain_core.tools import tool',
  '',
  '',
  'def run_sql(statement, limit=100):',
  '    con = sqlite3.connect("shop.db")',
  '    return con.execute(statement).fetchmany(limit)',
  '',
  '',
  'def row_count(table):',
  '    return sqlite3.connect("shop.db").execute("SELECT count(*) FROM orders").fetchone()',
  '',
].join('\n');

/** `app/main.py`: imports both, relative and absolute, and passes the model's text on. */
const MAIN = [
  'import subprocess',
  'from .llm import ask_model, model_name',
  'from app.tools import run_sql',
  'from app import llm as helpers',
  '',
  '',
  'def main(question):',
  '    command = ask_model(f"One shell command for: {question}")',
  '    # ruleid: MLS502',
  '    subprocess.run(command, shell=True)',
  '    # ok: MLS502',
  '    subprocess.run(model_name(), shell=True)',
  '    # ruleid: MLS503',
  '    rows = run_sql(ask_model(f"SQL for: {question}"))',
  '    # ok: MLS503',
  '    run_sql("SELECT 1", limit=ask_model("a number"))',
  '    # ruleid: MLS501',
  '    eval(helpers.Assistant().answer(question))',
  '    return rows',
  '',
].join('\n');

const lines = (findings: { code: string; range: { start: { line: number } } }[], codes: RegExp) =>
  findings.filter((f) => codes.test(f.code)).map((f) => `${f.code}:${f.range.start.line + 1}`).sort();

describe('LLM output handling across the files of a project', () => {
  it('exports the functions that return model text and the parameters that reach a sink, from the file alone', async () => {
    const engine = await getEngine();
    assert.deepEqual(engine.lint({ text: LLM, kind: 'python' }).exports?.llmText?.sort(), ['Assistant.answer', 'ask_model']);
    const sinks = (engine.lint({ text: TOOLS, kind: 'python' }).exports?.llmSinks ?? []).map((s) => JSON.parse(s) as LlmSink);
    assert.deepEqual(sinks.map((s) => [s.name, s.param, s.index, s.code, s.line]), [['run_sql', 'statement', 0, 'MLS503', 7]]);
    assert.match(sinks[0].message, /^`con\.execute` runs SQL/);
    // A module of helpers naming no LLM client, model or agent word still exports its sinks (the pre-filter's words name them too)...
    const plain = (engine.lint({ text: TOOLS.replace('from langchain_core.tools import tool\n', ''), kind: 'python' }).exports?.llmSinks ?? []).map((s) => JSON.parse(s) as LlmSink);
    assert.deepEqual(plain.map((s) => [s.name, s.param, s.code]), [['run_sql', 'statement', 'MLS503']]);
    // ...and one holding neither a model call nor a sink word is not linted by these rules at all.
    assert.equal(engine.lint({ text: 'def add(a, b):\n    return a + b\n', kind: 'python' }).exports?.llmSinks, undefined);
  });

  it('reports at the call, in the importing file, with the other files\' facts, and nothing without them', async () => {
    const engine = await getEngine();
    const index = new ProjectIndex();
    index.update('app/llm.py', engine.lint({ text: LLM, kind: 'python' }).exports);
    index.update('app/tools.py', engine.lint({ text: TOOLS, kind: 'python' }).exports);
    const main = engine.lint({ text: MAIN, kind: 'python' });
    index.update('app/main.py', main.exports);
    assert.deepEqual(index.dependents(), ['app/main.py']);
    assert.deepEqual(lines(main.findings, /^MLS50[1-4]$/), []);
    const { findings } = engine.lint({ text: MAIN, kind: 'python', project: index.facts() });
    assert.deepEqual(lines(findings, /^MLS50[1-4]$/), ['MLS501:18', 'MLS502:10', 'MLS503:14']);
    const sql = findings.find((f) => f.code === 'MLS503')!;
    assert.match(sql.message, /`ask_model` of `llm`, which returns text written by a model, passed to `run_sql\(\)` of `app\.tools`, whose parameter `statement` reaches it on line 7 there/);
  });

  it('lints an importer that names no LLM word when a module it imports has facts (the pre-filter lets it through)', async () => {
    const engine = await getEngine();
    const core = ['import subprocess', 'import google.generativeai as genai', '', 'model = genai.GenerativeModel("gemini-2.5-flash")', '', '', 'def get_command(text):', '    return model.generate_content(text).text', '', '', 'def run_command(cmd):', '    return subprocess.getoutput(cmd)', ''].join('\n');
    const main = ['import sys', 'from myterminal.core import get_command, run_command', '', '', 'def main():', '    command = get_command(" ".join(sys.argv[1:]))', '    # ruleid: MLS502', '    print(run_command(command))', ''].join('\n');
    const index = new ProjectIndex();
    index.update('myterminal/core.py', engine.lint({ text: core, kind: 'python' }).exports);
    index.update('myterminal/__main__.py', engine.lint({ text: main, kind: 'python' }).exports);
    assert.deepEqual(index.dependents(), ['myterminal/__main__.py']);
    assert.deepEqual(lines(engine.lint({ text: main, kind: 'python', project: index.facts() }).findings, /^MLS50[1-4]$/), ['MLS502:8']);
    // Facts about modules the file does not name change nothing.
    const other = { llmText: { 'tools.helpers': ['ask'] } };
    assert.deepEqual(lines(engine.lint({ text: main, kind: 'python', project: other }).findings, /^MLS50[1-4]$/), []);
  });

  it('keeps the facts up to date as files change', () => {
    const index = new ProjectIndex();
    assert.equal(index.update('app/llm.py', { llmText: ['ask_model'], imports: ['openai'] }), true);
    assert.equal(index.update('app/main.py', { imports: ['llm'] }), false);
    assert.equal(index.update('other.py', { imports: ['numpy'] }), false);
    assert.deepEqual(index.facts()?.llmText?.['app.llm'], ['ask_model']);
    assert.deepEqual(index.dependents(), ['app/main.py']);
    // A file that exported no imports (MLS401, which notes them, disabled) may import anything.
    assert.equal(index.update('unknown.py', undefined), false);
    assert.deepEqual(index.dependents(), ['app/main.py', 'unknown.py']);
    index.remove('unknown.py');
    assert.equal(index.update('app/llm.py', { llmText: ['ask_model'], imports: ['openai'] }), false);
    const sink = JSON.stringify({ name: 'run', param: 'cmd', index: 0, code: 'MLS502', message: '{source}', line: 3 });
    assert.equal(index.update('app/llm.py', { llmText: ['ask_model'], llmSinks: [sink, '{"name": 1}'], imports: ['openai'] }), true);
    // An exported summary that is not one (an older cache entry, a hand-edited one) is dropped.
    assert.deepEqual(index.facts()?.llmSinks?.['llm'], [{ name: 'run', param: 'cmd', index: 0, code: 'MLS502', message: '{source}', line: 3 }]);
    // The sink moved down a line: the next lints get the new line, but no other file need be linted again for it.
    assert.equal(index.update('app/llm.py', { llmText: ['ask_model'], llmSinks: [sink.replace('"line":3', '"line":4'), '{"name": 1}'], imports: ['openai'] }), false);
    assert.equal(index.facts()?.llmSinks?.['llm']?.[0].line, 4);
    // `from app import llm` imports the package, and through it the module.
    assert.equal(index.update('pkg.py', { imports: ['app'] }), false);
    assert.deepEqual(index.dependents().sort(), ['app/main.py', 'pkg.py']);
    assert.equal(index.remove('app/llm.py'), true);
    assert.equal(index.facts(), undefined);
    assert.deepEqual(index.dependents(), []);
  });

  it('lints a file again for another module\'s sink summaries only when it names a model itself', () => {
    const index = new ProjectIndex();
    const sink = JSON.stringify({ name: 'run_query', param: 'sql', index: 0, code: 'MLS503', message: '{source}', line: 3 });
    index.update('app/db.py', { llmSinks: [sink], imports: ['sqlite3'] });
    index.update('app/report.py', { imports: ['db'] });
    index.update('app/assistant.py', { imports: ['db', 'openai'], llmWords: ['model'] });
    index.update('app/empty.py', { imports: [] });
    // report.py has no model text to hand `run_query`; a file that imports nothing needs no facts.
    assert.deepEqual(index.dependents(), ['app/assistant.py']);
    // Model text imported from another module makes report.py a dependent again.
    index.update('app/llm.py', { llmText: ['ask'], imports: ['openai'], llmWords: ['model'] });
    index.update('app/report.py', { imports: ['db', 'llm'] });
    assert.deepEqual(index.dependents().sort(), ['app/assistant.py', 'app/report.py']);
  });

  it('mlsec scan reports the importing file, with the cache and without it', () => {
    const project = tempProjects();
    const dir = project({ 'app/__init__.py': '', 'app/llm.py': LLM, 'app/tools.py': TOOLS, 'app/main.py': MAIN });
    for (const args of [['--no-cache'], [], []]) {
      const r = mlsec(['scan', '.', '--select', 'MLS501,MLS502,MLS503,MLS504', '-q', ...args], dir);
      const got = r.stdout.trim().split('\n').map((l) => l.split(':').slice(0, 2).join(':') + ':' + (/MLS\d+/.exec(l)?.[0] ?? ''));
      assert.deepEqual(got.sort(), ['app/main.py:10:MLS502', 'app/main.py:14:MLS503', 'app/main.py:18:MLS501'], r.stdout + r.stderr);
    }
    // Scanned from outside it, with no configuration file: the project is the folder scanned, so its modules are named as from within.
    const elsewhere = project({ 'notes.txt': '' });
    const r = mlsec(['scan', dir, '--no-cache', '--select', 'MLS501,MLS502,MLS503,MLS504', '-q'], elsewhere);
    const got = r.stdout.trim().split('\n').map((l) => path.basename(l.split(':')[0]) + ':' + l.split(':')[1] + ':' + (/MLS\d+/.exec(l)?.[0] ?? ''));
    assert.deepEqual(got.sort(), ['main.py:10:MLS502', 'main.py:14:MLS503', 'main.py:18:MLS501'], r.stdout + r.stderr);
  });
});

describe('LLM output handling through a chain of modules', () => {
  it('mlsec scan follows a wrapper of a wrapper in another module (facts from facts)', () => {
    const project = tempProjects();
    const files = {
      'svc/__init__.py': '',
      'svc/client.py': ['from openai import OpenAI', '', 'client = OpenAI()', '', '', 'def call_model(prompt):', '    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}]).choices[0].message.content', ''].join('\n'),
      'svc/sql_writer.py': ['from svc.client import call_model', '', '', 'def write_sql(question):', '    return call_model(f"SQL for: {question}").strip()', ''].join('\n'),
      'svc/app.py': ['import sqlite3', 'from svc.sql_writer import write_sql', '', '', 'def answer(question):', '    con = sqlite3.connect("shop.db")', '    return con.execute(write_sql(question)).fetchall()', ''].join('\n'),
    };
    const dir = project(files);
    const r = mlsec(['scan', '.', '--no-cache', '--select', 'MLS503', '-q'], dir);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(':').slice(0, 2).join(':')), ['svc/app.py:7'], r.stdout + r.stderr);
  });
});

describe('LLM output handling through objects and helper modules', () => {
  it('mlsec scan follows a client class made by a factory in another module, and a module of SQL helpers imported as `from . import db`', () => {
    const project = tempProjects();
    const files = {
      'bot/__init__.py': '',
      'bot/llm.py': [
        'from functools import lru_cache',
        'from openai import OpenAI',
        '',
        '',
        'class FaqBot:',
        '    def __init__(self):',
        '        self.client = OpenAI()',
        '',
        '    def answer(self, question):',
        '        resp = self.client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])',
        '        return resp.choices[0].message.content.strip()',
        '',
        '',
        '@lru_cache',
        'def get_bot():',
        '    return FaqBot()',
        '',
        '',
        'def ask(question):',
        '    return get_bot().answer(question)',
        '',
      ].join('\n'),
      'bot/db.py': ['import sqlite3', '', '', 'def run_query(sql, limit=100):', '    with sqlite3.connect("shop.db") as conn:', '        return conn.execute(sql).fetchmany(limit)', ''].join('\n'),
      'bot/app.py': [
        'import os',
        'from . import db',
        'from .llm import ask, get_bot',
        '',
        '',
        'def by_factory(question):',
        '    bot = get_bot()',
        '    os.system(bot.answer(question))',
        '',
        '',
        'def by_helper(question):',
        '    return db.run_query(ask(question))',
        '',
        '',
        'def fixed(question):',
        '    return db.run_query("SELECT 1")',
        '',
      ].join('\n'),
    };
    const dir = project(files);
    const r = mlsec(['scan', '.', '--no-cache', '--select', 'MLS502,MLS503', '-q'], dir);
    const got = r.stdout.trim().split('\n').map((l) => l.split(':').slice(0, 2).join(':') + ':' + (/MLS\d+/.exec(l)?.[0] ?? ''));
    assert.deepEqual(got.sort(), ['bot/app.py:12:MLS503', 'bot/app.py:8:MLS502'], r.stdout + r.stderr);
    assert.match(r.stdout, /`get_bot\.answer` of `llm`/);
  });
});

describe('LLM output handling across open files in the language server', function () {
  this.timeout(30000);
  it('lints an open file again when a module it imports, open beside it, starts or stops returning model text', async () => {
    const dir = tempProject({ 'mlsec.toml': '', 'app/__init__.py': '' });
    const client = new LspClient();
    const uri = (f: string) => pathToFileURL(path.join(dir, f)).href;
    const [llm, main] = [uri('app/llm.py'), uri('app/main.py')];
    const has502 = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.some((d) => d.code === 'MLS502');
    try {
      await client.initialize(pathToFileURL(dir).href);
      const reported = client.next(main, has502);
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: llm, languageId: 'python', version: 1, text: LLM } });
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: main, languageId: 'python', version: 1, text: MAIN } });
      assert.match((await reported).find((d) => d.code === 'MLS502')!.message, /`ask_model` of `llm`/);
      // The wrapper edited to return a fixed string, nothing saved: main.py, untouched, loses its finding.
      const cleared = client.next(main, (p) => !has502(p));
      const fixed = LLM.replace('    return reply.choices[0].message.content.strip()', '    return "ls"');
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: llm, version: 2 }, contentChanges: [{ text: fixed }] });
      await cleared;
      const back = client.next(main, has502);
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: llm, version: 3 }, contentChanges: [{ text: LLM }] });
      await back;
    } finally {
      await client.stop();
      removeTemp(dir);
    }
  });
});
