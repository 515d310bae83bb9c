import * as vscode from 'vscode';
import { checklistMarkdown, evaluateChecklist, overallProgress, parseState, serializeState, tick, type ChecklistState, type EvaluatedItem, type EvaluatedSection } from './checklist-model';
import { revealFinding } from './diagnostics';
import type { FindingRef } from './findings';
import { itemReferences, type Linked } from './reference';

type Node =
  | { kind: 'section'; section: EvaluatedSection }
  | { kind: 'item'; item: EvaluatedItem }
  | { kind: 'finding'; finding: FindingRef }
  | { kind: 'reference'; link: Linked & { label: string }; parent: string };

const STATE_FILE = ['.mlsec', 'checklist.json'];

/** The Security Checklist view: items evaluated from the workspace's findings, the others ticked by the team. */
export class ChecklistView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private view?: vscode.TreeView<Node>;
  private state: ChecklistState = { version: 1, items: {} };
  /** False until the server's workspace scan (or any lint) has reported: automatic items are pending. */
  private scanned = false;

  constructor(private readonly findings: () => FindingRef[]) {}

  register(): vscode.Disposable {
    this.view = vscode.window.createTreeView('mlsec.checklist', { treeDataProvider: this, showCollapseAll: true });
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${STATE_FILE.join('/')}`);
    const reload = () => void this.load();
    void this.load();
    return vscode.Disposable.from(
      this.view,
      watcher,
      watcher.onDidChange(reload),
      watcher.onDidCreate(reload),
      watcher.onDidDelete(reload),
      vscode.commands.registerCommand('mlsec.checklist.tick', (n: Node) => this.setDone(n, true)),
      vscode.commands.registerCommand('mlsec.checklist.untick', (n: Node) => this.setDone(n, false)),
      vscode.commands.registerCommand('mlsec.exportChecklist', () => this.export()),
      vscode.commands.registerCommand('mlsec.revealFinding', (f: FindingRef) => revealFinding(f)),
    );
  }

  /** The evaluated checklist, as the view shows it. */
  evaluate(): EvaluatedSection[] {
    return evaluateChecklist(this.scanned || this.findings().length ? this.findings() : undefined, this.state);
  }

  refresh(): void {
    this.scanned = true;
    const all = overallProgress(this.evaluate());
    if (this.view) this.view.description = `${all.passed}/${all.total} (${Math.round((100 * all.passed) / Math.max(1, all.total))}%)`;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.evaluate().map((section) => ({ kind: 'section', section }));
    if (node.kind === 'section') return node.section.items.map((item) => ({ kind: 'item', item }));
    if (node.kind !== 'item') return [];
    const status = node.item.status;
    const findings: Node[] = status.kind === 'fail' || status.kind === 'unverified' ? status.findings.map((finding) => ({ kind: 'finding', finding })) : [];
    return [...findings, ...itemReferences(node.item.item).map((link): Node => ({ kind: 'reference', link, parent: node.item.item.id }))];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'section') {
      const s = node.section;
      const t = new vscode.TreeItem(s.section.title, vscode.TreeItemCollapsibleState.Expanded);
      t.id = `section:${s.section.id}`;
      t.description = `${s.passed}/${s.total}`;
      t.iconPath = new vscode.ThemeIcon(s.passed === s.total ? 'pass-filled' : 'circle-large-outline');
      return t;
    }
    if (node.kind === 'reference') {
      // A page of the Threat Reference: a privacy technique for the item, or a threat it mitigates.
      const { framework, entry, label } = node.link;
      const t = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
      t.id = `ref:${node.parent}:${framework.id}:${entry.id}`;
      t.iconPath = new vscode.ThemeIcon(entry.kind === 'privacy-technique' ? 'lock' : 'book');
      t.command = { command: 'mlsec.showThreat', title: 'Show', arguments: [framework.id, entry.id] };
      return t;
    }
    if (node.kind === 'finding') {
      const f = node.finding;
      const t = new vscode.TreeItem(`${f.code} ${f.message}`, vscode.TreeItemCollapsibleState.None);
      t.description = `${vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri))}:${f.line + 1}`;
      t.command = { command: 'mlsec.revealFinding', title: 'Open', arguments: [f] };
      t.iconPath = new vscode.ThemeIcon('warning');
      return t;
    }
    const { item, status } = node.item;
    const failing = status.kind === 'fail';
    const listed = failing || status.kind === 'unverified' ? status.findings.length : 0;
    const t = new vscode.TreeItem(item.title, listed || itemReferences(item).length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    t.id = `item:${item.id}`;
    t.tooltip = new vscode.MarkdownString(`${item.description}${item.rules ? `\n\nChecked by MLSec rules: ${item.rules.join(', ')}` : '\n\nTicked by hand; stored in `.mlsec/checklist.json`.'}`);
    const look: Record<string, [string, string, string?]> = {
      pass: ['pass', 'no finding', 'testing.iconPassed'],
      fail: ['error', `${failing ? status.findings.length : 0} finding${failing && status.findings.length === 1 ? '' : 's'}`, 'testing.iconFailed'],
      unverified: ['warning', `${listed} file${listed === 1 ? '' : 's'} could not be checked`, 'list.warningForeground'],
      pending: ['loading~spin', 'not scanned yet'],
      done: ['check', status.kind === 'done' ? `done ${status.date}${status.note ? `: ${status.note}` : ''}` : '', 'testing.iconPassed'],
      open: ['circle-large-outline', 'to do'],
    };
    const [icon, description, color] = look[status.kind];
    t.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    t.description = description;
    t.contextValue = item.rules ? 'auto' : status.kind === 'done' ? 'manual-done' : 'manual-open';
    return t;
  }

  private stateUri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.Uri.joinPath(folder.uri, ...STATE_FILE);
  }

  private async load(): Promise<void> {
    const uri = this.stateUri();
    let text: string | undefined;
    if (uri) {
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        text = undefined;
      }
    }
    const { state, error } = parseState(text);
    if (error) void vscode.window.showWarningMessage(`MLSec: .mlsec/checklist.json is not valid (${error}); showing no ticked items.`);
    this.state = state;
    this.changed.fire(undefined);
  }

  /** Ticks an item (asking for a short note) or unticks it, and writes `.mlsec/checklist.json`. */
  async setDone(node: Node | string, done: boolean, note?: string): Promise<void> {
    const id = typeof node === 'string' ? node : node.kind === 'item' ? node.item.item.id : undefined;
    const uri = this.stateUri();
    if (!id || !uri) return;
    if (done && note === undefined && typeof node !== 'string') {
      note = await vscode.window.showInputBox({ title: 'MLSec checklist', prompt: 'A short note for the team (how it is done, where the evidence is)', placeHolder: 'optional' });
      if (note === undefined) return;
    }
    this.state = tick(this.state, id, done, new Date().toISOString().slice(0, 10), note);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeState(this.state)));
    this.refresh();
  }

  /** Opens the checklist as a Markdown document; returns its text. */
  async export(): Promise<string> {
    const name = vscode.workspace.workspaceFolders?.[0]?.name ?? 'workspace';
    const markdown = checklistMarkdown(this.evaluate(), name, new Date().toISOString().slice(0, 10));
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(doc, { preview: false });
    return markdown;
  }
}
