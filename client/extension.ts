import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
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
}

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
  );
  await start();
  return { checklist, threats, rules: () => rules, ready: () => started };
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
    initializationOptions: { logLevel },
    middleware: {
      // Rule documentation is bundled: show it here, offline, instead of opening a browser.
      executeCommand: async (command, args, next) => {
        if (command === 'mlsec.showRuleDocumentation') return vscode.commands.executeCommand('mlsec.showRuleDocumentation.local', ...args);
        return next(command, args);
      },
    },
  };
  return new LanguageClient('mlsec', 'MLSec', serverOptions, clientOptions);
}
