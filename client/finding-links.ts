import * as vscode from 'vscode';
import type { RuleInfo } from './catalog';
import { diagnosticCode } from './diagnostics';
import { entryLabel } from './reference';
import { entriesFor } from './threat-model';

/**
 * From a finding to the threat reference: a code action on every MLSec diagnostic lists the ATLAS,
 * OWASP and NIST entries its rule maps to, and opens the one picked.
 */
export function registerFindingLinks(rules: () => readonly RuleInfo[]): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(_document, _range, context) {
      const codes = [...new Set(context.diagnostics.filter((d) => d.source === 'mlsec').map(diagnosticCode))];
      return codes
        .filter((code) => rules().some((r) => r.code === code))
        .map((code) => {
          const action = new vscode.CodeAction(`Show the threats ${code} guards against`, vscode.CodeActionKind.Empty);
          action.command = { command: 'mlsec.showThreatsForRule', title: action.title, arguments: [code] };
          return action;
        });
    },
  };
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider([{ language: 'python' }, { scheme: 'vscode-notebook-cell', language: 'python' }], provider),
    vscode.commands.registerCommand('mlsec.showThreatsForRule', async (code: string) => {
      const rule = rules().find((r) => r.code === code);
      if (!rule) return;
      const links = entriesFor(rule);
      const picked = await vscode.window.showQuickPick(
        links.map((l) => ({ label: l.entry.hideId ? entryLabel(l.framework, l.entry) : `${l.entry.id} ${l.entry.name}`, description: l.framework.name, link: l })),
        { title: `${code}: threat reference entries`, matchOnDescription: true },
      );
      if (picked) await vscode.commands.executeCommand('mlsec.showThreat', picked.link.framework.id, picked.link.entry.id);
    }),
  );
}
