import * as vscode from 'vscode';

/** The finding count in the status bar; a click opens the Problems view. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mlsec.status', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'MLSec';
    this.item.command = 'workbench.actions.view.problems';
    this.update(0);
    this.item.show();
  }

  update(count: number): void {
    this.item.text = count ? `$(shield) MLSec: ${count}` : '$(shield) MLSec';
    this.item.tooltip = count ? `${count} MLSec finding${count === 1 ? '' : 's'} in the workspace: click to open Problems` : 'MLSec: no finding';
  }

  dispose(): void {
    this.item.dispose();
  }
}
