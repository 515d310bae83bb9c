import * as vscode from 'vscode';
import type { FindingRef } from './findings';

/** MLSec's findings in the workspace, as the editor holds them (open files and the workspace scan). */
export function workspaceFindings(): FindingRef[] {
  const out: FindingRef[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== 'mlsec') continue;
      const code = diagnosticCode(d);
      out.push({ code, message: d.message, uri: uri.toString(), line: d.range.start.line, character: d.range.start.character });
    }
  }
  return out;
}

/** A diagnostic's rule code, whether VS Code holds it as a string or with its link. */
export function diagnosticCode(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

/** Opens a finding's file (or notebook cell) at its line. */
export async function revealFinding(f: FindingRef): Promise<void> {
  const uri = vscode.Uri.parse(f.uri);
  const position = new vscode.Position(f.line, f.character);
  if (uri.scheme === 'vscode-notebook-cell') {
    const cell = vscode.workspace.notebookDocuments.flatMap((n) => n.getCells()).find((c) => c.document.uri.toString() === f.uri);
    if (cell) {
      await vscode.window.showNotebookDocument(cell.notebook, { selections: [new vscode.NotebookRange(cell.index, cell.index + 1)] });
      return;
    }
  }
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
}
