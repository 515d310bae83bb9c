import * as vscode from 'vscode';
import { complementaryMarkdown } from '../rules/reference-links';
import type { RuleInfo } from './catalog';
import { entryLabel } from './reference';
import { entriesFor } from './threat-model';
import { showMarkdown } from './threat-view';

const DOCS_SCHEME = 'mlsec-docs';

/** Rule documentation from the bundled metadata, shown offline in the Markdown preview. */
export function registerDocs(rules: () => readonly (RuleInfo & { docs?: string })[]): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent(uri) {
      const code = uri.path.replace(/^\//, '').replace(/\.md$/, '');
      const rule = rules().find((r) => r.code === code);
      if (!rule) return `No MLSec rule ${code}.`;
      const links = entriesFor(rule).map(({ framework, entry }) => (entry.hideId ? `- ${entryLabel(framework, entry)}` : `- ${framework.name}: ${entry.id} ${entry.name}`));
      const tools = complementaryMarkdown(rule.code, rule.category);
      return `${rule.docs ?? `# ${rule.code} ${rule.title}`}\n\n## Threat reference entries\n\n${links.join('\n') || '- none'}\n${tools ? `\n${tools}` : ''}`;
    },
  };
  const show = async (code?: string) => {
    let pick = code;
    if (!pick) {
      const chosen = await vscode.window.showQuickPick(rules().map((r) => ({ label: r.code, description: r.title, detail: r.category })), { title: 'MLSec rule documentation', matchOnDescription: true });
      pick = chosen?.label;
    }
    if (pick) await showMarkdown(vscode.Uri.from({ scheme: DOCS_SCHEME, path: `/${pick}.md` }));
  };
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(DOCS_SCHEME, provider),
    vscode.commands.registerCommand('mlsec.showRuleDocumentation.local', show),
  );
}
