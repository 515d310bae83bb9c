import { strict as assert } from 'assert';
import picomatch from 'picomatch';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../engine';
import { removeTemp, tempProject } from './support/cli';
import { notebook } from './support/notebooks';
import { LspClient } from './support/lsp-client';

const SOURCE = 'import torch\nimport yaml\n\nstate = torch.load(path)\ncfg = yaml.load(s, Loader=yaml.Loader)\n';

/** Applies LSP text edits to a text, as an editor does. */
function apply(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offset({ line: e.range.start.line, column: e.range.start.character }), end: lines.offset({ line: e.range.end.line, column: e.range.end.character }), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

describe('language server over stdio', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  let uri: string;

  beforeEach(async () => {
    dir = tempProject({ 'requirements.txt': 'torch==2.4.1\n' });
    uri = pathToFileURL(path.join(dir, 'train.py')).href;
    client = new LspClient();
    await client.initialize(null);
  });

  afterEach(async () => {
    await client.stop();
    removeTemp(dir);
  });

  const open = async (text: string, u = uri, version = 1) => {
    const next = client.next(u);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'python', version, text } });
    return next;
  };

  it('publishes diagnostics with source, code, docs link, severity, range and fixes in data', async () => {
    const diags = await open(SOURCE);
    assert.deepEqual(diags.map((d) => d.code), ['MLS102', 'MLS104']);
    const torch = diags[0];
    assert.equal(torch.source, 'mlsec');
    assert.equal(torch.severity, 1, 'error: torch 2.4.1 is pinned beside the file');
    assert.match(torch.codeDescription!.href, /MLS102\.md$/);
    assert.deepEqual(torch.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 18 } });
    assert.equal((torch.data as { fixes: { title: string }[] }).fixes[0].title, 'Add `weights_only=True`');
  });

  it('sends no data for a finding whose only fix is advice with no edit (it makes no code action)', async () => {
    const u = 'file:///work/hub.py';
    const diags = await open('from transformers import AutoModel\nm = AutoModel.from_pretrained(name)\n', u);
    const hub = diags.find((d) => d.code === 'MLS301');
    assert.ok(hub, 'MLS301 is reported');
    assert.equal(hub.data, undefined);
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: hub.range, context: { diagnostics: [hub] } })) as { title: string }[];
    assert.deepEqual(actions.map((a) => a.title), ['Ignore MLS301 for this line', 'Show documentation for MLS301']);
  });

  it('re-lints after incremental changes, and clears diagnostics on close', async () => {
    await open(SOURCE);
    const next = client.next(uri, (p) => p.version === 2);
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 3, character: 23 }, end: { line: 3, character: 23 } }, text: ', weights_only=True' },
        { range: { start: { line: 4, character: 10 }, end: { line: 4, character: 14 } }, text: 'safe_load' },
      ],
    });
    // Line 5 is now `cfg = yaml.safe_load(s, Loader=yaml.Loader)`: no longer a finding. What stays is
    // the warning that weights_only=True is weak on the torch 2.4.1 pinned beside the file.
    const after = await next;
    assert.deepEqual(after.map((d) => [d.code, d.severity, d.range.start.line]), [['MLS102', 2, 3]]);
    assert.match(after[0].message, /CVE-2025-32434/);
    const cleared = client.next(uri);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual(await cleared, []);
  });

  it('keeps up with many small edits and reports on the latest text', async () => {
    await open('import pickle\n');
    let text = 'import pickle\n';
    const typed = 'x = pickle.loads(b)\n';
    for (let i = 0; i < typed.length; i++) {
      const lines = new LineIndex(text);
      const end = lines.position(text.length);
      await client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: i + 2 },
        contentChanges: [{ range: { start: { line: end.line, character: end.column }, end: { line: end.line, character: end.column } }, text: typed[i] }],
      });
      text += typed[i];
    }
    // The server publishes only when the diagnostics change: the trailing newline changes nothing, so
    // the last publication may be of an earlier version. Once it is settled, what it last sent is the
    // latest text's diagnostics.
    const settled = (await client.conn.sendRequest('mlsec/settled', {})) as { versions: Record<string, number> };
    assert.equal(settled.versions[uri], typed.length + 1);
    const last = client.published.filter((p) => p.uri === uri).pop()!;
    assert.ok(last.version === undefined || last.version <= typed.length + 1);
    assert.deepEqual(last.diagnostics.map((d) => [d.code, d.range.start.line]), [['MLS101', 1]]);
  });

  it('lints a burst of changes on its latest version, and sends nothing when the diagnostics did not change', async () => {
    // Long enough that a lint takes a while: the burst arrives while the first change is linted.
    const text = 'import torch\nimport pickle\n\n\n' + Array.from({ length: 400 }, (_, i) => `def f${i}(p):\n    return torch.load(p)\n\n\n`).join('');
    const opened = await open(text);
    assert.equal(opened.length, 400);
    const before = client.published.length;
    const { lints } = (await client.conn.sendRequest('mlsec/settled', {})) as { lints: number };
    // The last character completes the call: the diagnostics of the latest version are new.
    const typed = 'x = pickle.loads(b)';
    const end = new LineIndex(text).position(text.length);
    // All sent at once, as a fast typist's editor (or a paste in pieces) does.
    await Promise.all(
      [...typed].map((ch, i) =>
        client.conn.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: i + 2 },
          contentChanges: [{ range: { start: { line: end.line, character: end.column + i }, end: { line: end.line, character: end.column + i } }, text: ch }],
        }),
      ),
    );
    const latest = typed.length + 1;
    const settled = (await client.conn.sendRequest('mlsec/settled', {})) as { versions: Record<string, number>; lints: number };
    assert.equal(settled.versions[uri], latest);
    assert.ok(settled.lints - lints < typed.length / 2, `${settled.lints - lints} lints for ${typed.length} changes`);
    const sent = client.published.slice(before).filter((p) => p.uri === uri);
    const versions = sent.map((p) => p.version!);
    // Never an older version after a newer one, the last one sent is the latest, and a burst is not
    // linted change by change.
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `versions ${versions}`);
    assert.equal(versions[versions.length - 1], latest, `versions ${versions}`);
    assert.deepEqual(sent[sent.length - 1].diagnostics.filter((d) => d.code === 'MLS101').map((d) => d.range.start.line), [end.line]);
    // A comment on the first line changes no diagnostic: nothing is sent, though the version moved.
    const count = client.published.length;
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: latest + 1 }, contentChanges: [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } }, text: '  # c' }] });
    const after = (await client.conn.sendRequest('mlsec/settled', {})) as { versions: Record<string, number> };
    assert.equal(after.versions[uri], latest + 1);
    assert.equal(client.published.length, count, 'nothing sent');
  });

  it('offers the fix, an ignore-line action and a docs action; applying the fix clears the finding', async () => {
    const diags = await open(SOURCE);
    const yamlDiag = diags.find((d) => d.code === 'MLS104')!;
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: yamlDiag.range, context: { diagnostics: [yamlDiag] } })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Use `yaml.safe_load`', 'Ignore MLS104 for this line', 'Show documentation for MLS104']);
    assert.equal(actions[0].isPreferred, true);
    const fixed = apply(SOURCE, actions[0].edit!.changes![uri]);
    assert.equal(fixed, SOURCE.replace('yaml.load(s, Loader=yaml.Loader)', 'yaml.safe_load(s)'));
    const ignored = apply(SOURCE, actions[1].edit!.changes![uri]);
    assert.equal(ignored.split('\n')[4], 'cfg = yaml.load(s, Loader=yaml.Loader)  # mlsec: ignore[MLS104]');
    const next = client.next(uri, (p) => p.version === 2);
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    assert.deepEqual((await next).map((d) => d.code), ['MLS102']);
    await client.conn.sendRequest('workspace/executeCommand', { command: actions[2].command!.command, arguments: actions[2].command!.arguments });
    assert.match(client.shownDocuments[0], /MLS104\.md$/);
  });

  it('titles unsafe fixes as such and never makes them preferred', async () => {
    const diags = await open(SOURCE);
    const torch = diags.find((d) => d.code === 'MLS102')!;
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: torch.range, context: { diagnostics: [torch] } })) as CodeAction[];
    assert.equal(actions[0].title, 'Add `weights_only=True` (unsafe fix: may change behaviour)');
    assert.equal(actions[0].isPreferred, false);
  });

  it('merges "ignore for this line" into an existing suppression', async () => {
    const text = 'import pickle, yaml\nyaml.load(pickle.loads(b))  # mlsec: ignore[MLS101]\n';
    const diags = await open(text);
    const d = diags.find((x) => x.code === 'MLS104')!;
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const ignore = actions.find((a) => a.title === 'Ignore MLS104 for this line')!;
    assert.equal(apply(text, ignore.edit!.changes![uri]).split('\n')[1], 'yaml.load(pickle.loads(b))  # mlsec: ignore[MLS101, MLS104]');
  });

  it('puts the ignore comment above a statement whose line ends inside a multi-line string', async () => {
    const text = 'import pickle\nx = pickle.loads(b"""\n""" + blob)\n';
    const d = (await open(text)).find((x) => x.code === 'MLS101')!;
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const ignore = actions.find((a) => a.title === 'Ignore MLS101 for this line')!;
    assert.equal(apply(text, ignore.edit!.changes![uri]), 'import pickle\n# mlsec: ignore[MLS101]\nx = pickle.loads(b"""\n""" + blob)\n');
  });

  it('offers source.fixAll.mlsec with the safe fixes only', async () => {
    await open(SOURCE);
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.mlsec');
    assert.equal(apply(SOURCE, actions[0].edit!.changes![uri]), SOURCE.replace('yaml.load(s, Loader=yaml.Loader)', 'yaml.safe_load(s)'));
  });

  it('shows rule docs with references on hover, over a finding and over a code in a suppression', async () => {
    const text = 'import pickle\nx = pickle.loads(b)\ny = 1  # mlsec: ignore[MLS105]\n';
    await open(text);
    const onFinding = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 8 } })) as Hover;
    const value = (onFinding.contents as { value: string }).value;
    assert.match(value, /\*\*MLS101 pickle-load\*\*/);
    assert.match(value, /CWE: CWE-502/);
    assert.match(value, /MITRE ATLAS: AML\.T0011\.000/);
    const onCode = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 26 } })) as Hover;
    assert.match((onCode.contents as { value: string }).value, /\*\*MLS105 joblib-load\*\*/);
    const nothing = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.equal(nothing, null);
  });

  it('shows advice that makes no code action (a pin only the user can choose) on hover', async () => {
    const text = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/model")\nimport pickle\nx = pickle.loads(b)\n';
    await open(text);
    const onPin = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 6 } })) as Hover;
    const value = (onPin.contents as { value: string }).value;
    assert.match(value, /^\*\*To do by hand:\*\* Pin revision="<40-hex commit sha>"/);
    assert.match(value, /\*\*MLS301 /);
    const onPickle = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 8 } })) as Hover;
    assert.doesNotMatch((onPickle.contents as { value: string }).value, /To do by hand/);
  });

  it('follows configuration changes', async () => {
    await open('import pickle\nx = pickle.loads(b)\n');
    client.settings = { ignore: ['MLS101'] };
    const next = client.next(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual(await next, []);
  });

  it('reads [tool.mlsec] from pyproject.toml next to the file', async () => {
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.mlsec]\nignore = ["MLS104"]\n');
    assert.deepEqual((await open(SOURCE)).map((d) => d.code), ['MLS102']);
  });

  it('reads mlsec.toml next to the file, and again when the client reports it changed', async () => {
    const config = path.join(dir, 'mlsec.toml');
    fs.writeFileSync(config, 'ignore = ["MLS104"]\n');
    try {
      assert.deepEqual((await open(SOURCE)).map((d) => d.code), ['MLS102']);
      const globs = client.registrations
        .filter((r) => r.method === 'workspace/didChangeWatchedFiles')
        .flatMap((r) => (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern));
      for (const name of ['mlsec.toml', '.mlsec.toml', 'pyproject.toml', 'sub/mlsec.toml']) assert.ok(globs.some((g) => picomatch(g, { dot: true })(name)), `${name} is watched (${globs.join(', ')})`);
      fs.writeFileSync(config, 'ignore = ["MLS102"]\n');
      const next = client.next(uri);
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
      assert.deepEqual((await next).map((d) => d.code), ['MLS104']);
    } finally {
      fs.rmSync(config);
    }
  });

  it('lints notebook cells as one module and puts diagnostics on the right cell', async () => {
    const nbUri = pathToFileURL(path.join(dir, 'explore.ipynb')).href;
    const cell = (i: number) => `vscode-notebook-cell:${nbUri.slice(5)}#cell${i}`;
    const cells = ['import yaml', '# Notes', 'x = 1\ncfg = yaml.unsafe_load(s)'];
    const second = client.next(cell(2));
    await client.conn.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: nbUri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((_, i) => ({ kind: i === 1 ? 1 : 2, document: cell(i) })) },
      cellTextDocuments: cells.map((text, i) => ({ uri: cell(i), languageId: i === 1 ? 'markdown' : 'python', version: 1, text })),
    });
    const diags = await second;
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['MLS104', 1, 6]]);
    assert.deepEqual(client.diagnostics.get(cell(0))?.diagnostics, []);
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: cell(2) }, range: diags[0].range, context: { diagnostics: diags } })) as CodeAction[];
    const changes = actions[0].edit!.changes!;
    assert.deepEqual(Object.keys(changes), [cell(2)], 'the fix touches only its cell');
    assert.equal(apply(cells[2], changes[cell(2)]), 'x = 1\ncfg = yaml.safe_load(s)');

    // Typing in the first cell changes what the third one means: `yaml` is no longer the module.
    const relinted = client.next(cell(2), (p) => p.diagnostics.length === 0);
    await client.conn.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: nbUri, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cell(0), version: 2 }, changes: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 11 } }, text: 'yaml = None' }] }] } },
    });
    assert.deepEqual(await relinted, []);
  });

  it('resends a notebook cell only when it was edited or its diagnostics changed', async () => {
    const nbUri = pathToFileURL(path.join(dir, 'resend.ipynb')).href;
    const cell = (i: number) => `vscode-notebook-cell:${nbUri.slice(5)}#r${i}`;
    const texts = ['import pickle', 'x = pickle.loads(b)', 'y = 1'];
    const versions = [1, 1, 1];
    // Cells are published in order: the last one's diagnostics come last.
    const opened = client.next(cell(2));
    await client.conn.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: nbUri, notebookType: 'jupyter-notebook', version: 1, cells: texts.map((_, i) => ({ kind: 2, document: cell(i) })) },
      cellTextDocuments: texts.map((text, i) => ({ uri: cell(i), languageId: 'python', version: 1, text })),
    });
    await opened;
    assert.equal(client.diagnostics.get(cell(1))?.diagnostics.length, 1);
    let nbVersion = 1;
    const type = async (i: number, text: string, until: (d: Diagnostic[]) => boolean = () => true, wait = i) => {
      const from = texts[i];
      texts[i] = text;
      const done = client.next(cell(wait), (p) => until(p.diagnostics));
      await client.conn.sendNotification('notebookDocument/didChange', {
        notebookDocument: { uri: nbUri, version: ++nbVersion },
        change: { cells: { textContent: [{ document: { uri: cell(i), version: ++versions[i] }, changes: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: from.length } }, text }] }] } },
      });
      return done;
    };
    // The first lint after opening may resend every cell once (the statement cache's own copies of
    // the findings replace those of the lint that made them); from then on, a resend of cells 0 and
    // 1 would arrive before cell 2's.
    await type(2, 'y = 12');
    const before = client.publishedUris.length;
    await type(2, 'y = 123');
    assert.deepEqual(client.publishedUris.slice(before), [cell(2)]);
    // Cell 0 no longer imports pickle: cell 1's finding goes, cell 2 stays as it was.
    const next = client.publishedUris.length;
    assert.deepEqual(await type(0, 'pickle = None', (d) => d.length === 0, 1), []);
    await type(0, 'pickle = Nonee');
    assert.deepEqual(client.publishedUris.slice(next), [cell(0), cell(1), cell(0)]);
    await client.conn.sendNotification('notebookDocument/didClose', { notebookDocument: { uri: nbUri }, cellTextDocuments: texts.map((_, i) => ({ uri: cell(i) })) });
  });

  it('flags a secret in a saved output on its cell, whether or not the client syncs Markdown cells', async () => {
    const file = path.join(dir, 'outputs.ipynb');
    const token = 'hf_Qx7Lm2Vb9Tr4Kp8Zs1Wd6Yc3Hn5Jf0GqRt';
    const saved = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Login'] },
        { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [], source: ['x = 1'] },
        { cell_type: 'code', metadata: {}, execution_count: 2, outputs: [{ output_type: 'stream', name: 'stdout', text: [`token ${token}\n`] }], source: ['print(whoami())'] },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    fs.writeFileSync(file, JSON.stringify(saved));
    const nbUri = pathToFileURL(file).href;
    for (const withMarkdown of [true, false]) {
      const cells = saved.cells.map((c, i) => ({ ...c, uri: `vscode-notebook-cell:${nbUri.slice(5)}#w${withMarkdown}c${i}` })).filter((c) => withMarkdown || c.cell_type === 'code');
      const last = cells[cells.length - 1].uri;
      const flagged = client.next(last, (p) => p.diagnostics.some((d) => d.code === 'MLS208'));
      await client.conn.sendNotification('notebookDocument/didOpen', {
        notebookDocument: { uri: nbUri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c) => ({ kind: c.cell_type === 'code' ? 2 : 1, document: c.uri })) },
        cellTextDocuments: cells.map((c) => ({ uri: c.uri, languageId: c.cell_type === 'code' ? 'python' : 'markdown', version: 1, text: c.source.join('') })),
      });
      const diags = await flagged;
      const output = diags.find((d) => d.code === 'MLS208')!;
      assert.equal((output.data as { output?: number }).output, 0, withMarkdown ? 'with Markdown cells' : 'code cells only');
      assert.ok(!output.message.includes(token), 'masked');
      await client.conn.sendNotification('notebookDocument/didClose', { notebookDocument: { uri: nbUri }, cellTextDocuments: cells.map((c) => ({ uri: c.uri })) });
    }
  });

  it('keeps serving after bad input', async () => {
    const junk = '\u0000\u0001' + 'def ('.repeat(2000) + '\uD800' + 'x'.repeat(100000);
    const diags = await open(junk);
    assert.ok(Array.isArray(diags));
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///not/open.py', version: 2 }, contentChanges: [{ text: 'x' }] });
    const ok = client.next(uri, (p) => p.version === 3);
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'import pickle\npickle.loads(b)\n' }] });
    assert.deepEqual((await ok).map((d: Diagnostic) => d.code), ['MLS101']);
  });
});

/**
 * Starts a server on a temporary workspace holding `files`, and stops it and removes the workspace
 * after `check`; `uri` names a file in it. `check` initializes the client (after asking for what it waits on).
 */
async function inWorkspace(files: Record<string, string>, check: (client: LspClient, uri: (file: string) => string, root: string) => Promise<void>): Promise<void> {
  const dir = tempProject(files);
  const client = new LspClient();
  try {
    await check(client, (file) => pathToFileURL(path.join(dir, file)).href, pathToFileURL(dir).href);
  } finally {
    await client.stop();
    removeTemp(dir);
  }
}

describe('workspace scan', function () {
  this.timeout(30000);
  it('lints files that are not open and reports progress to the client', async () => {
    await inWorkspace({ 'a.py': 'import pickle\npickle.loads(b)\n', 'sub/b.py': 'import yaml\nyaml.load(s)\n', 'clean.py': 'x = 1\n' }, async (client, uri, root) => {
      const [a, b] = ['a.py', 'sub/b.py'].map((f) => client.next(uri(f)));
      await client.initialize(root);
      assert.deepEqual((await a).map((d) => d.code), ['MLS101']);
      assert.deepEqual((await b).map((d) => d.code), ['MLS104']);
      // clean.py, scanned between them, has nothing to show or clear: nothing is sent for it.
      assert.ok(!client.publishedUris.includes(uri('clean.py')));
      // The progress ends once the scan is done: a request after it is answered after that.
      await client.conn.sendRequest('mlsec/memory');
      assert.equal(client.progress[0], 'begin');
      assert.equal(client.progress.at(-1), 'end');
    });
  });

  it('waits while the user types, and goes on once typing pauses', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`m${String(i).padStart(2, '0')}.py`] = 'import pickle\npickle.loads(b)\n';
    await inWorkspace(files, async (client, uri, root) => {
      const last = client.next(uri('m29.py'));
      await client.initialize(root);
      const open = uri('open.py');
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: open, languageId: 'python', version: 1, text: 'x = 1\n' } });
      const scanned = () => client.publishedUris.filter((u) => /\/m\d\d\.py$/.test(u)).length;
      const before = scanned();
      // A keystroke every 50 ms for a second: without the pause, the 30 files take well under that.
      for (let v = 2; v <= 21; v++) {
        await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: open, version: v }, contentChanges: [{ text: `x = ${v}\n` }] });
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(scanned() - before <= 2, `${scanned() - before} files scanned while typing`);
      assert.deepEqual((await last).map((d) => d.code), ['MLS101'], 'the scan finishes once typing stops');
      assert.equal(scanned(), 30);
    });
  });

  it("skips files over the project's limit, and counts a notebook's code, not its outputs", async () => {
    const image = { output_type: 'display_data', metadata: {}, data: { 'image/png': 'iVBORw0KGgo'.padEnd(50000, 'A') } };
    const files = {
      'pyproject.toml': '[tool.mlsec]\nmax-file-size = 2000\n',
      'big.py': `import pickle\npickle.loads(b)\n${'# padding\n'.repeat(300)}`,
      'plots.ipynb': notebook([{ source: 'import torch\nstate = torch.load("w.pt", weights_only=False)', outputs: [image] }]),
      'small.py': 'import pickle\npickle.loads(b)\n',
    };
    await inWorkspace(files, async (client, uri, root) => {
      const [plots, small] = ['plots.ipynb', 'small.py'].map((f) => client.next(uri(f)));
      await client.initialize(root);
      assert.deepEqual((await plots).map((d) => d.code), ['MLS102']);
      assert.deepEqual((await small).map((d) => d.code), ['MLS101']);
      // Scanned before small.py, in path order: skipped, so nothing was published for it.
      assert.ok(!client.publishedUris.includes(uri('big.py')));
    });
  });
});

describe('workspace scan: the scan cache', function () {
  this.timeout(30000);
  it('reports unchanged files from the cache after a restart, and lints the ones that changed', async () => {
    const dir = tempProject({ 'a.py': 'import pickle\npickle.loads(b)\n', 'b.py': 'import yaml\nyaml.load(s)\n', 'c.py': 'import pickle\npickle.dumps(b)\n', 'd.py': 'import pickle\npickle.loads(d)\n' });
    const hourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(path.join(dir, 'c.py'), hourAgo, hourAgo);
    const cacheDir = `${dir}.cache`;
    const scan = async () => {
      const client = new LspClient({ MLSEC_CACHE_DIR: cacheDir });
      try {
        const [a, b, d] = ['a.py', 'b.py', 'd.py'].map((f) => client.next(pathToFileURL(path.join(dir, f)).href));
        await client.initialize(pathToFileURL(dir).href);
        const messages = [(await a).map((x) => x.message), (await b).map((x) => x.message)];
        await d;
        // c.py, scanned before d.py, is clean: nothing to show or clear, so nothing is sent for it.
        assert.ok(!client.publishedUris.includes(pathToFileURL(path.join(dir, 'c.py')).href));
        // The cache is written once the scan is done: a request after it is answered after that.
        await client.conn.sendRequest('mlsec/memory');
        return messages;
      } finally {
        await client.stop();
      }
    };
    // Another build's cache files: the server's own kind goes, the CLI's stays.
    fs.mkdirSync(cacheDir);
    fs.writeFileSync(path.join(cacheDir, 'server-0123456789abcdef-0123456789abcdef.json'), '{}\n{}');
    fs.writeFileSync(path.join(cacheDir, '0123456789abcdef-0123456789abcdef.json'), '{}\n{}');
    try {
      const first = await scan();
      assert.match(first[0][0], /pickle\.loads/);
      assert.equal(fs.existsSync(path.join(cacheDir, 'server-0123456789abcdef-0123456789abcdef.json')), false);
      assert.ok(fs.existsSync(path.join(cacheDir, '0123456789abcdef-0123456789abcdef.json')), "the CLI's");
      fs.rmSync(path.join(cacheDir, '0123456789abcdef-0123456789abcdef.json'));
      const files = fs.readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
      assert.equal(files.length, 1);
      assert.match(files[0], /^server-/, 'apart from the CLI builds it would otherwise prune');
      // Every cached message rewritten, the checksum kept valid: what the next scan reports of a file
      // it did not parse comes from here.
      const file = path.join(cacheDir, files[0]);
      const raw = fs.readFileSync(file, 'utf8');
      const nl = raw.indexOf('\n');
      const entries = JSON.parse(raw.slice(nl + 1)) as Record<string, { lint: { findings: { message: string }[] } }>;
      for (const e of Object.values(entries)) for (const f of e.lint.findings) f.message = 'from the cache';
      const body = JSON.stringify(entries);
      fs.writeFileSync(file, `${JSON.stringify({ ...JSON.parse(raw.slice(0, nl)), sum: createHash('sha256').update(body).digest('hex') })}\n${body}`);
      fs.appendFileSync(path.join(dir, 'b.py'), 'x = 1\n');
      // A clean file with its size and time unchanged is not even read (its bytes now hold a finding).
      fs.writeFileSync(path.join(dir, 'c.py'), 'import pickle\npickle.loads(b)\n');
      fs.utimesSync(path.join(dir, 'c.py'), hourAgo, hourAgo);
      const second = await scan();
      assert.deepEqual(second[0], ['from the cache']);
      assert.match(second[1][0], /yaml\.load/, 'an edited file is linted again');
    } finally {
      removeTemp(dir);
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

describe('server commands', function () {
  this.timeout(30000);
  it('announces its commands, except those the client says it registers itself, and runs them all', async () => {
    const dir = tempProject({ 'a.py': 'import pickle\npickle.loads(b)\n' });
    const announced = async (options: unknown) => {
      const client = new LspClient();
      try {
        const result = (await client.initialize(null, options)) as { capabilities: { executeCommandProvider: { commands: string[] } } };
        return result.capabilities.executeCommandProvider.commands;
      } finally {
        await client.stop();
      }
    };
    assert.deepEqual(await announced({}), ['mlsec.showRuleDocumentation', 'mlsec.scanWorkspace']);
    assert.deepEqual(await announced({ clientCommands: ['mlsec.scanWorkspace', 'mlsec.showRuleDocumentation'] }), []);
    assert.deepEqual(await announced({ clientCommands: 'mlsec.scanWorkspace' }), ['mlsec.showRuleDocumentation', 'mlsec.scanWorkspace'], 'not a list: ignored');
    const client = new LspClient();
    client.settings = { scanWorkspace: false };
    try {
      await client.initialize(pathToFileURL(dir).href, { clientCommands: ['mlsec.scanWorkspace'] });
      const a = client.next(pathToFileURL(path.join(dir, 'a.py')).href);
      await client.conn.sendRequest('workspace/executeCommand', { command: 'mlsec.scanWorkspace', arguments: [] });
      assert.deepEqual((await a).map((d) => d.code), ['MLS101']);
    } finally {
      await client.stop();
      removeTemp(dir);
    }
  });
});

describe('server process', () => {
  it('exits when the editor closes its stdin without a shutdown', async function () {
    this.timeout(15_000);
    const { spawn } = await import('child_process');
    const proc = spawn(process.execPath, [path.join(__dirname, '..', 'bin', 'mlsec.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    // Started: it answers a request, then loses its editor.
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    const answered = new Promise<void>((resolve) => proc.stdout!.once('data', () => resolve()));
    proc.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await answered;
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.stdin!.end();
    const code = await Promise.race([exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 10_000))]);
    if (code === 'running') proc.kill();
    assert.equal(code, 1, 'exits with 1: no shutdown came first');
  });
});
