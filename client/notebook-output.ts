import * as vscode from 'vscode';
import { diagnosticCode } from './diagnostics';

/**
 * Secrets and personal data found in a notebook cell's outputs: LSP has no notebook edits, so the
 * quick fix that clears the cell's outputs lives here. It replaces the cell with the same source,
 * metadata and execution summary and no outputs; nothing else in the notebook changes.
 */
export function registerOutputCommand(): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const flagged = context.diagnostics.filter((d) => d.source === 'mlsec' && typeof (d as { data?: { output?: number } }).data?.output === 'number');
      return flagged.map((d) => {
        const action = new vscode.CodeAction(`Clear this cell's outputs (unsafe: removes what ${diagnosticCode(d) || 'MLSec'} found in them)`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.command = { command: 'mlsec.clearNotebookOutput', title: action.title, arguments: [document.uri.toString()] };
        return action;
      });
    },
  };
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ scheme: 'vscode-notebook-cell', language: 'python' }, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand('mlsec.clearNotebookOutput', clearOutputs),
  );
}

async function clearOutputs(cellUri: string): Promise<boolean> {
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document.uri.toString() === cellUri);
    if (!cell) continue;
    const data = new vscode.NotebookCellData(cell.kind, cell.document.getText(), cell.document.languageId);
    data.metadata = cell.metadata;
    data.executionSummary = cell.executionSummary;
    data.outputs = [];
    const edit = new vscode.WorkspaceEdit();
    edit.set(notebook.uri, [vscode.NotebookEdit.replaceCells(new vscode.NotebookRange(cell.index, cell.index + 1), [data])]);
    return vscode.workspace.applyEdit(edit);
  }
  return false;
}
