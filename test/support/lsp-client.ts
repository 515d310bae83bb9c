import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { testCacheDir } from './cli';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const BIN = path.join(__dirname, '..', '..', 'bin', 'mlsec.js');

/** A real JSON-RPC client talking to `mlsec server --stdio` started as a process. */
export class LspClient {
  readonly conn: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** The URI of every publishDiagnostics received, in order. */
  readonly publishedUris: string[] = [];
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly shownDocuments: string[] = [];
  /** The kind of every `$/progress` report received, in order (`begin`, `report`, `end`). */
  readonly progress: string[] = [];
  settings: Record<string, unknown> = {};
  /** Every capability the server registered dynamically. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  private readonly proc: ChildProcess;
  private waiters: { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  stderr = '';

  constructor(env: Record<string, string> = {}, nodeArgs: string[] = []) {
    this.proc = spawn(process.execPath, [...nodeArgs, BIN, 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, MLSEC_CACHE_DIR: testCacheDir(), ...env } });
    this.proc.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.publishedUris.push(p.uri);
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.test(p)) return true;
        w.resolve(p.diagnostics);
        return false;
      });
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('window/showDocument', (p: { uri: string }) => {
      this.shownDocuments.push(p.uri);
      return { success: true };
    });
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('$/progress', (p: { value: { kind: string } }) => this.progress.push(p.value.kind));
    this.conn.listen();
  }

  async initialize(rootUri: string | null = null, initializationOptions: unknown = {}): Promise<unknown> {
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true, showDocument: { support: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
        notebookDocument: { synchronization: { dynamicRegistration: false } },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics published for `uri` that pass `test`. */
  next(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, timeout = 15000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeout} ms; stderr: ${this.stderr}`)), timeout);
      this.waiters.push({
        uri,
        test,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.conn.dispose();
    this.proc.kill();
  }
}
