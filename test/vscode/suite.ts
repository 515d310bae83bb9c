// The checks run inside a real VS Code's extension host, with a copy of examples/ as the workspace.
// The same `run` serves @vscode/test-electron (as extensionTestsPath's `run`) and the code-server
// harness (through the probe extension, which writes the outcome to a file).
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import type { MlsecApi } from '../../client/extension';

export interface Outcome {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeout = 60_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(200);
  }
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const mlsec = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'mlsec');

function file(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}

const checks: [string, (api: MlsecApi) => Promise<void>][] = [
  [
    'the workspace scan reports files that were never opened',
    async () => {
      const serve = file('sentiment/serve.py');
      const found = await until('diagnostics for serve.py', () => mlsec(serve).length > 0 && mlsec(serve));
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === serve.toString()), 'serve.py was not opened');
      assert.ok(found.some((d) => codeOf(d) === 'MLS109'), `MLS109 in ${found.map(codeOf)}`);
    },
  ],
  [
    'a Python file gets its diagnostics with code, link and range',
    async () => {
      const uri = file('sentiment/data.py');
      await vscode.window.showTextDocument(uri);
      const found = await until('MLS104 in data.py', () => mlsec(uri).find((d) => codeOf(d) === 'MLS104'));
      assert.equal(found.range.start.line, 15);
      assert.equal(found.severity, vscode.DiagnosticSeverity.Error);
      const href = typeof found.code === 'object' ? found.code.target.toString() : '';
      assert.match(href, /MLS104/);
      const codes = new Set(mlsec(uri).map(codeOf));
      for (const c of ['MLS101', 'MLS103', 'MLS105', 'MLS106']) assert.ok(codes.has(c), `${c} in data.py`);
    },
  ],
  [
    'a safe quick fix applied to the file rewrites only the call',
    async () => {
      const uri = file('sentiment/data.py');
      const doc = await vscode.workspace.openTextDocument(uri);
      const before = doc.getText();
      const d = await until('MLS104', () => mlsec(uri).find((x) => codeOf(x) === 'MLS104'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.isPreferred && a.edit && a.title.includes('safe_load'));
      assert.ok(fix, `a preferred safe_load fix among ${actions.map((a) => a.title)}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      assert.ok(await doc.save());
      const after = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.equal(after, before.replace('yaml.load(fh, Loader=yaml.Loader)', 'yaml.safe_load(fh)'));
      await until('MLS104 gone after the fix', () => !mlsec(uri).some((x) => codeOf(x) === 'MLS104'));
      assert.ok(mlsec(uri).some((x) => codeOf(x) === 'MLS101'), 'the other findings stay');
    },
  ],
  [
    'a finding links to the threat entries of its rule',
    async () => {
      const uri = file('sentiment/data.py');
      const d = await until('MLS101 in data.py', () => mlsec(uri).find((x) => codeOf(x) === 'MLS101'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
      const link = actions.find((a) => a.command?.command === 'mlsec.showThreatsForRule');
      assert.ok(link, `a threat link among ${actions.map((a) => a.title)}`);
      assert.deepEqual(link.command!.arguments, ['MLS101']);
      assert.ok(actions.some((a) => a.title === 'Ignore MLS101 for this line'), 'the server\'s actions are there too');
    },
  ],
  [
    'notebook cells get diagnostics on the right cell and line',
    async () => {
      const nb = await vscode.workspace.openNotebookDocument(file('explore.ipynb'));
      await vscode.window.showNotebookDocument(nb);
      const cell2 = nb.cellAt(2).document.uri;
      const token = await until('MLS201 in cell 2', () => mlsec(cell2).find((d) => codeOf(d) === 'MLS201'));
      assert.equal(token.range.start.line, 2, 'the login(token=...) line of the cell');
      assert.ok(!token.message.includes('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'), 'the token is masked');
      const cell4 = nb.cellAt(4).document.uri;
      const trust = await until('MLS112 in cell 4', () => mlsec(cell4).find((d) => codeOf(d) === 'MLS112'));
      assert.equal(trust.range.start.line, 0);
      assert.ok(mlsec(nb.cellAt(3).document.uri).some((d) => codeOf(d) === 'MLS101'), 'MLS101 in cell 3');
    },
  ],
  [
    'a quick fix in a notebook cell changes only that cell',
    async () => {
      const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.path.endsWith('explore.ipynb'));
      assert.ok(nb);
      const cells = nb.getCells().map((c) => c.document.getText());
      const uri = nb.cellAt(4).document.uri;
      const d = await until('MLS112', () => mlsec(uri).find((x) => codeOf(x) === 'MLS112'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.edit && a.title.includes('trust_repo'));
      assert.ok(fix, `a trust_repo fix among ${actions.map((a) => a.title)}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      const now = nb.getCells().map((c) => c.document.getText());
      now.forEach((text, i) => (i === 4 ? assert.equal(text, cells[4].replace('trust_repo=True', 'trust_repo="check"')) : assert.equal(text, cells[i], `cell ${i} unchanged`)));
      await until('MLS112 gone', () => !mlsec(uri).some((x) => codeOf(x) === 'MLS112'));
    },
  ],
  [
    'a secret in a cell output is cleared by its quick fix, and nothing else changes',
    async () => {
      const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.path.endsWith('explore.ipynb'));
      assert.ok(nb);
      const uri = nb.cellAt(2).document.uri;
      const d = await until('MLS208 on cell 2', () => mlsec(uri).find((x) => codeOf(x) === 'MLS208'));
      assert.ok(nb.cellAt(2).outputs.length > 0, 'cell 2 has its saved output');
      const before = nb.getCells().map((c) => ({ text: c.document.getText(), outputs: c.outputs.length }));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const clear = actions.find((a) => a.command?.command === 'mlsec.clearNotebookOutput');
      assert.ok(clear, `a clear-outputs fix among ${actions.map((a) => a.title)}`);
      assert.match(clear.title, /unsafe/);
      assert.equal(await vscode.commands.executeCommand(clear.command!.command, ...(clear.command!.arguments ?? [])), true);
      const after = nb.getCells().map((c) => ({ text: c.document.getText(), outputs: c.outputs.length }));
      after.forEach((c, i) => assert.deepEqual(c, i === 2 ? { text: before[2].text, outputs: 0 } : before[i], `cell ${i}`));
    },
  ],
  [
    'a model file in the workspace gets a finding, and the safe-format checklist item fails from it',
    async (api) => {
      // A pickle that calls os.system("echo pwned") when loaded, as a downloaded model could.
      const pickle = Uint8Array.from('\x80\x02cos\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.', (c) => c.charCodeAt(0));
      const uri = file('models/downloaded.pkl');
      await vscode.workspace.fs.writeFile(uri, pickle);
      await vscode.commands.executeCommand('mlsec.scanWorkspace');
      const found = await until('MLS150 on models/downloaded.pkl', () => mlsec(uri).find((d) => codeOf(d) === 'MLS150'));
      assert.match(found.message, /`os\.system` at byte 2\b/);
      assert.equal(found.severity, vscode.DiagnosticSeverity.Error);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the model file was never opened');
      const item = await until('the safe-format item failing with the model file', () => {
        const status = api.checklist.evaluate().flatMap((s) => s.items).find((i) => i.item.id === 'models.safe-format')!.status;
        return status.kind === 'fail' && status.findings.some((f) => f.uri === uri.toString() && f.code === 'MLS150') && status;
      });
      assert.equal(item.kind, 'fail');
    },
  ],
  [
    'the checklist is evaluated from the workspace findings',
    async (api) => {
      const sections = await until('an evaluated checklist', () => {
        const s = api.checklist.evaluate();
        return s.some((x) => x.items.some((i) => i.status.kind === 'fail')) && s;
      });
      const status = (id: string) => sections.flatMap((s) => s.items).find((i) => i.item.id === id)!.status;
      const models = status('models.safe-format');
      assert.equal(models.kind, 'fail');
      assert.ok(models.kind === 'fail' && models.findings.length >= 5, 'the deserialization findings of the examples');
      assert.equal(status('pipeline.no-hardcoded-secrets').kind, 'fail');
      assert.equal(status('data.provenance').kind, 'open', 'a manual item starts open');
      await api.checklist.setDone('data.provenance', true, 'datasheet in docs/data.md');
      const ticked = api.checklist.evaluate().flatMap((s) => s.items).find((i) => i.item.id === 'data.provenance')!.status;
      assert.equal(ticked.kind, 'done');
      const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file('.mlsec/checklist.json'))));
      assert.equal(saved.items['data.provenance'].note, 'datasheet in docs/data.md');
      const markdown = await api.checklist.export();
      assert.match(markdown, /- \[x\] \*\*Data provenance is recorded\*\* \(ticked \d{4}-\d\d-\d\d: datasheet in docs\/data.md\)/);
      assert.match(markdown, /\*\*Models are stored and loaded in a safe format\*\* .*\n  - Mitigates: .*Supply-chain compromise of pretrained models \(ML pipeline threat model\)/);
    },
  ],
  [
    'the threat reference links entries to rules and findings',
    async (api) => {
      await until('rule metadata from the server', () => api.rules().length > 30);
      const frameworks = api.threats.getChildren();
      assert.deepEqual(frameworks.map((f) => (f.kind === 'framework' ? f.framework.id : '')), ['atlas', 'owasp-llm', 'owasp-ml', 'nist-ai-rmf', 'nist-ai-100-2', 'threat-models', 'agentic', 'standards', 'tools', 'privacy']);
      const atlas = frameworks[0];
      const tactics = api.threats.getChildren(atlas);
      const execution = tactics.find((n) => n.kind === 'entry' && n.entry.id === 'AML.TA0005')!;
      const userExecution = api.threats.getChildren(execution).find((n) => n.kind === 'entry' && n.entry.id === 'AML.T0011')!;
      const unsafe = api.threats.getChildren(userExecution).find((n) => n.kind === 'entry' && n.entry.id === 'AML.T0011.000')!;
      const findings = api.threats.getChildren(unsafe).filter((n) => n.kind === 'finding');
      assert.ok(findings.length >= 5, `findings under AML.T0011.000: ${findings.length}`);
      api.threats.setFilter('LLM02');
      const filtered = api.threats.getChildren();
      assert.deepEqual(filtered.map((f) => (f.kind === 'framework' ? f.framework.id : '')), ['owasp-llm']);
      api.threats.setFilter('');
      await api.threats.show('atlas', 'AML.T0011.000');
      const page = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'mlsec-threat', path: '/atlas/AML.T0011.000.md' }));
      assert.match(page.getText(), /MLS102 /);
    },
  ],
  [
    'a threat-model entry and a standards entry open in the Threat Reference',
    async (api) => {
      await until('rule metadata from the server', () => api.rules().length > 30);
      const isEntry = (id: string) => (n: ReturnType<typeof api.threats.getChildren>[number]) => n.kind === 'entry' && n.entry.id === id;
      const models = api.threats.getChildren().find((n) => n.kind === 'framework' && n.framework.id === 'threat-models')!;
      const pipeline = api.threats.getChildren(models).find(isEntry('ml-pipeline'))!;
      const threats = api.threats.getChildren(pipeline);
      assert.equal(threats.length, 9, 'the ML pipeline threats');
      const supply = threats.find(isEntry('supply-chain-models'))!;
      const row = api.threats.getTreeItem(supply);
      assert.equal(row.label, 'Supply-chain compromise of pretrained models');
      assert.match(String(row.description), /^\d+ findings$/);
      const findings = api.threats.getChildren(supply).filter((n) => n.kind === 'finding');
      assert.ok(findings.length >= 5, `the examples' deserialization findings under the threat: ${findings.length}`);
      await vscode.commands.executeCommand(row.command!.command, ...(row.command!.arguments ?? []));
      const entry = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'mlsec-threat', path: '/threat-models/supply-chain-models.md' }));
      assert.match(entry.getText(), /^# Supply-chain compromise of pretrained models\n/);
      assert.match(entry.getText(), /## Precursors MLSec finds in code\n\n- MLS101 /);
      assert.match(entry.getText(), /## In this workspace\n\n\d+ findings:\n\n- MLS1\d\d \S+:\d+: /);
      const previews = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
      await until('the entry in the Markdown preview', () => previews().some((t) => /Supply-chain compromise/.test(t.label) || /supply-chain-models/.test(t.label)));
      const standards = api.threats.getChildren().find((n) => n.kind === 'framework' && n.framework.id === 'standards')!;
      const act = api.threats.getChildren(standards).find(isEntry('eu-ai-act'))!;
      const art15 = api.threats.getChildren(act).find(isEntry('eu-ai-act.art-15'))!;
      await vscode.commands.executeCommand(api.threats.getTreeItem(art15).command!.command, ...(api.threats.getTreeItem(art15).command!.arguments ?? []));
      const standard = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'mlsec-threat', path: '/standards/eu-ai-act.art-15.md' }));
      assert.match(standard.getText(), /^# Article 15: accuracy, robustness and cybersecurity\n\nStandards and regulation: EU AI Act\n/);
      assert.match(standard.getText(), /Official page: https:\/\/eur-lex\.europa\.eu\//);
      await until('the standard in the Markdown preview', () => previews().some((t) => /Article 15|art-15/.test(t.label)));
    },
  ],
  [
    'rule documentation opens offline from the bundled metadata',
    async () => {
      await vscode.commands.executeCommand('mlsec.showRuleDocumentation', 'MLS102');
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'mlsec-docs', path: '/MLS102.md' }));
      assert.match(doc.getText(), /weights_only/);
      assert.match(doc.getText(), /## Threat reference entries\n\n- MITRE ATLAS: AML\.T0010\.003/);
    },
  ],
  [
    'Scan Workspace and rule documentation are there while the server is stopped',
    async (api) => {
      await api.stopServer();
      try {
        const commands = await vscode.commands.getCommands(true);
        assert.ok(commands.includes('mlsec.scanWorkspace'), 'mlsec.scanWorkspace is registered');
        assert.ok(commands.includes('mlsec.showRuleDocumentation'), 'mlsec.showRuleDocumentation is registered');
        // Says the server is not running (a message with a Restart button) instead of failing.
        await vscode.commands.executeCommand('mlsec.scanWorkspace');
        await vscode.commands.executeCommand('mlsec.showRuleDocumentation', 'MLS104');
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'mlsec-docs', path: '/MLS104.md' }));
        assert.match(doc.getText(), /yaml/);
      } finally {
        await vscode.commands.executeCommand('mlsec.restartServer');
        await api.ready();
      }
    },
  ],
  [
    'Scan Workspace and Restart Server work from the command palette',
    async (api) => {
      await vscode.commands.executeCommand('mlsec.scanWorkspace');
      await vscode.commands.executeCommand('mlsec.restartServer');
      await api.ready();
      const uri = file('sentiment/train.py');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(doc.lineCount, 0), '\nimport pickle\nstate = pickle.loads(blob)\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const line = doc.lineCount - 2;
      await until('a finding on the typed line from the restarted server', () => mlsec(uri).some((d) => codeOf(d) === 'MLS101' && d.range.start.line === line));
    },
  ],
];

/** Runs every check; resolves with the outcomes (the test-electron entry throws if one failed). */
export async function runChecks(): Promise<Outcome[]> {
  const ext = vscode.extensions.getExtension<MlsecApi>('mlsec.mlsec');
  assert.ok(ext, 'the MLSec extension is installed');
  const api = await ext.activate();
  await api.ready();
  const outcomes: Outcome[] = [];
  for (const [name, check] of checks) {
    const t0 = Date.now();
    try {
      await check(api);
      outcomes.push({ name, ok: true, ms: Date.now() - t0 });
    } catch (e) {
      outcomes.push({ name, ok: false, error: (e as Error).stack ?? String(e), ms: Date.now() - t0 });
    }
  }
  // Leave both views on screen for the screenshots.
  await vscode.commands.executeCommand('workbench.view.extension.mlsec');
  return outcomes;
}

/** @vscode/test-electron's entry point. */
export async function run(): Promise<void> {
  const failed = (await runChecks()).filter((o) => !o.ok);
  if (failed.length) throw new Error(failed.map((f) => `${f.name}: ${f.error}`).join('\n'));
}
