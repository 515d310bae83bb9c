import * as path from 'path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { RuleInfo } from './catalog';
import { ChecklistView } from './checklist-view';
import { workspaceFindings } from './diagnostics';
import { registerDocs } from './docs';
import { registerFindingLinks } from './finding-links';
import { registerOutputCommand } from './notebook-output';
import { StatusItem } from './status';
import { ThreatView } from './threat-view';

/** What `activate` returns: the views' models, for tests and for other extensions. */
export interface MlsecApi {
  checklist: ChecklistView;
  threats: ThreatView;
  rules(): readonly RuleInfo[];
  ready(): Promise<void>;
  /** Stops the language server (tests; `mlsec.restartServer` starts it again). */
  stopServer(): Promise<void>;
}

/**
 * Commands the server also offers (`workspace/executeCommand`), registered here instead so that
 * they exist while the server starts, restarts or is down; the server is told not to announce them,
 * which would make the language client register them a second time.
 */
const CLIENT_COMMANDS = ['mlsec.scanWorkspace', 'mlsec.showRuleDocumentation'];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<MlsecApi> {
  const output = vscode.window.createOutputChannel('MLSec', { log: true });
  let rules: RuleInfo[] = [];
  let started: Promise<void> = Promise.resolve();

  const start = () => {
    client = createClient(context, output);
    started = client.start().then(async () => {
      rules = await client!.sendRequest<RuleInfo[]>('mlsec/rules');
      threats.refresh();
    });
    started.catch((e) => output.error(`MLSec server failed to start: ${(e as Error).message}`));
    return started;
  };

  const checklist = new ChecklistView(() => workspaceFindings());
  const threats = new ThreatView(() => rules, () => workspaceFindings());
  const status = new StatusItem();
  context.subscriptions.push(output, status, checklist.register(), threats.register(), registerDocs(() => rules), registerOutputCommand(), registerFindingLinks(() => rules));

  // Diagnostics change on every keystroke: the views follow a quarter of a second later, once.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    pending = undefined;
    status.update(workspaceFindings().length);
    checklist.refresh();
    threats.refresh();
  };
  context.subscriptions.push(
    vscode.languages.onDidChangeDiagnostics(() => {
      pending ??= setTimeout(update, 250);
    }),
    { dispose: () => pending && clearTimeout(pending) },
    vscode.commands.registerCommand('mlsec.restartServer', async () => {
      await client?.stop().catch(() => undefined);
      await start();
      void vscode.window.setStatusBarMessage('MLSec server restarted', 3000);
    }),
    vscode.commands.registerCommand('mlsec.openThreatReference', () => vscode.commands.executeCommand('mlsec.threats.focus')),
    // Rule documentation is bundled: shown here, offline, whatever the server's state.
    vscode.commands.registerCommand('mlsec.showRuleDocumentation', (...args: unknown[]) => vscode.commands.executeCommand('mlsec.showRuleDocumentation.local', ...args)),
    vscode.commands.registerCommand('mlsec.scanWorkspace', async () => {
      await started.catch(() => undefined);
      if (client?.state !== State.Running) {
        // Not awaited: the command returns while the message waits for the user.
        void vscode.window.showWarningMessage('The MLSec language server is not running, so the workspace cannot be scanned.', 'Restart Server').then((pick) => pick && vscode.commands.executeCommand('mlsec.restartServer'));
        return;
      }
      await client.sendRequest(ExecuteCommandRequest.type, { command: 'mlsec.scanWorkspace', arguments: [] });
    }),
  );
  await start();
  return { checklist, threats, rules: () => rules, ready: () => started, stopServer: async () => client?.stop() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const logLevel = vscode.workspace.getConfiguration('mlsec').get<string>('logLevel', 'info');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
      { notebook: 'jupyter-notebook', language: 'python' },
    ],
    outputChannel: output,
    initializationOptions: { logLevel, clientCommands: CLIENT_COMMANDS },
  };
  return new LanguageClient('mlsec', 'MLSec', serverOptions, clientOptions);
}
