import * as vscode from 'vscode';
import type { Framework, RuleInfo, ThreatEntry } from './catalog';
import type { FindingRef } from './findings';
import { BOOKS } from './reference';
import { childrenOf, entryMarkdown, filterEntries, findingsFor, rulesFor } from './threat-model';

type Node =
  | { kind: 'framework'; framework: Framework }
  | { kind: 'entry'; framework: Framework; entry: ThreatEntry }
  | { kind: 'finding'; finding: FindingRef };

export const THREAT_SCHEME = 'mlsec-threat';

/** Icons of the reference material no rule checks. */
const READING_ICONS: Record<string, string> = { standard: 'law', provision: 'law', tool: 'tools', 'tool-category': 'tools', 'privacy-technique': 'lock' };

/**
 * The Threat Reference view: ATLAS, OWASP and NIST entries, then the threat models, agentic AI threats,
 * standards, tools and privacy techniques, with the rules and findings linked to each.
 */
export class ThreatView implements vscode.TreeDataProvider<Node>, vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly pages = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.pages.event;
  private view?: vscode.TreeView<Node>;
  private filter = '';

  private current?: FindingRef[];

  constructor(
    private readonly rules: () => readonly RuleInfo[],
    private readonly allFindings: () => FindingRef[],
  ) {}

  /** The workspace's findings, read once per refresh (every tree item asks). */
  private findings(): FindingRef[] {
    this.current ??= this.allFindings();
    return this.current;
  }

  register(): vscode.Disposable {
    this.view = vscode.window.createTreeView('mlsec.threats', { treeDataProvider: this, showCollapseAll: true });
    return vscode.Disposable.from(
      this.view,
      vscode.workspace.registerTextDocumentContentProvider(THREAT_SCHEME, this),
      vscode.commands.registerCommand('mlsec.filterThreats', async (text?: string) => {
        const value = text ?? (await vscode.window.showInputBox({ title: 'Filter the threat reference', value: this.filter, placeHolder: 'id, name or word (empty: show all)' }));
        if (value !== undefined) this.setFilter(value);
      }),
      vscode.commands.registerCommand('mlsec.showThreat', (frameworkId: string, entryId: string) => this.show(frameworkId, entryId)),
    );
  }

  setFilter(text: string): void {
    this.filter = text;
    if (this.view) this.view.message = text ? `Filtered by "${text}"` : undefined;
    this.changed.fire(undefined);
  }

  refresh(): void {
    this.current = undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return BOOKS.filter((f) => filterEntries(f, this.filter).length).map((framework) => ({ kind: 'framework', framework }));
    if (node.kind === 'finding') return [];
    const framework = node.framework;
    const visible = filterEntries(framework, this.filter);
    const entries: Node[] = childrenOf(framework, node.kind === 'entry' ? node.entry : undefined, visible).map((entry) => ({ kind: 'entry', framework, entry }));
    if (node.kind === 'entry') entries.push(...findingsFor(framework, node.entry, this.rules(), this.findings()).map((finding): Node => ({ kind: 'finding', finding })));
    return entries;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'framework') {
      const t = new vscode.TreeItem(node.framework.name, this.filter ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      t.id = `fw:${node.framework.id}`;
      const found = new Set(node.framework.entries.flatMap((e) => findingsFor(node.framework, e, this.rules(), this.findings())));
      t.description = [node.framework.version, found.size ? `${found.size} finding${found.size === 1 ? '' : 's'}` : ''].filter(Boolean).join(': ');
      return t;
    }
    if (node.kind === 'finding') {
      const f = node.finding;
      const t = new vscode.TreeItem(`${f.code} ${f.message}`);
      t.description = `${vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri))}:${f.line + 1}`;
      t.iconPath = new vscode.ThemeIcon('warning');
      t.command = { command: 'mlsec.revealFinding', title: 'Open', arguments: [f] };
      return t;
    }
    const { framework, entry } = node;
    const found = findingsFor(framework, entry, this.rules(), this.findings()).length;
    const detected = rulesFor(framework, entry, this.rules());
    const hasChildren = found > 0 || framework.entries.some((e) => (e.parent ?? e.tactics?.[0]) === entry.id);
    const t = new vscode.TreeItem(entry.hideId ? entry.name : `${entry.id} ${entry.name}`, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    t.id = `entry:${framework.id}:${entry.id}`;
    t.description = found ? `${found} finding${found === 1 ? '' : 's'}` : detected.length ? `checked by ${detected.length} rule${detected.length === 1 ? '' : 's'}` : '';
    t.tooltip = entry.description;
    t.iconPath = new vscode.ThemeIcon(found ? 'warning' : detected.length ? 'shield' : (READING_ICONS[entry.kind] ?? 'book'));
    t.command = { command: 'mlsec.showThreat', title: 'Show', arguments: [framework.id, entry.id] };
    return t;
  }

  /** The detail page of an entry, rendered by the Markdown preview (links open only on click). */
  provideTextDocumentContent(uri: vscode.Uri): string {
    const [frameworkId, entryId] = decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, '')).split('/');
    const framework = BOOKS.find((f) => f.id === frameworkId);
    const entry = framework?.entries.find((e) => e.id === entryId);
    const where = (u: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(u));
    return framework && entry ? entryMarkdown(framework, entry, this.rules(), this.findings(), where) : `No entry ${entryId} in ${frameworkId}.`;
  }

  async show(frameworkId: string, entryId: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: THREAT_SCHEME, path: `/${frameworkId}/${encodeURIComponent(entryId)}.md` });
    this.pages.fire(uri);
    await showMarkdown(uri);
  }
}

/** The Markdown preview when the built-in Markdown extension is there, the plain document otherwise. */
export async function showMarkdown(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }
}
