import * as path from 'path';
import { fileURLToPath } from 'url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type MessageReader,
  type TextEdit,
} from 'vscode-languageserver/node';
import { applyEdits, createEngine, LineIndex, ruleDocsUrl, type Engine } from '../engine';
import { loadAssets } from '../project/assets';
import { RULES } from '../rules';
import { actionsFor, FIX_ALL_KIND, SHOW_DOCS_COMMAND } from './code-actions';
import type { DiagnosticData } from './diagnostics';
import { Documents, type OpenDocument } from './documents';
import { hoverAt } from './hover';
import { lintText } from './lint-document';
import { createLogger, type Logger } from './log';
import type { NotebookLint } from './notebook-lint';
import { Notebooks } from './notebooks';
import { DEFAULT_SETTINGS, normalize, ProjectSettings, type EditorSettings } from './settings';
import { StdioMessageWriter } from './stdio-writer';
import { hasModelExtension } from '../model-files';
import { isLintable } from '../project/files';
import { clearWorkspaceScan, LINTABLE_FILE_GLOB, MODEL_FILE_GLOB, rescanFile, scanWorkspace, SCAN_COMMAND, type ScanHooks } from './workspace-scan';

/**
 * The MLSec language server. It speaks LSP over stdio (`mlsec server`) or Node IPC (the VS Code
 * client); only this layer knows the protocol. Documents are linted on every change, with the
 * tree re-parsed incrementally; diagnostics carry their fixes in `data`.
 */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  let engine: Engine | undefined;
  let docs: Documents | undefined;
  const notebooks = new Notebooks();
  const published = new Map<string, Diagnostic[]>();
  /** For notebook cells: the cell document's version when its diagnostics were last sent. */
  const publishedCell = new Map<string, number | undefined>();
  const settingsCache = new Map<string, EditorSettings>();
  let log: Logger = createLogger(connection, 'info');
  let configPull = false;
  let folders: string[] = [];
  const project = new ProjectSettings((m) => void connection.window.showWarningMessage(m));
  const pending = new Set<string>();
  /** When a document last changed: the workspace scan waits until typing pauses. */
  let lastEdit = -Infinity;
  let flushScheduled = false;
  /** A burst's lints are running. */
  let flushing = false;
  /** Changes handled so far (`schedule` calls), and lints of a document or notebook run. */
  let changes = 0;
  let lints = 0;
  /** `mlsec/settled` requests waiting for the lints of the changes before them. */
  let settledWaiters: (() => void)[] = [];
  let ready: Promise<void> = Promise.resolve();

  const settingsFor = async (uri: string): Promise<EditorSettings> => {
    if (!configPull) return DEFAULT_SETTINGS;
    const cached = settingsCache.get(uri);
    if (cached) return cached;
    const raw = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'mlsec' }).catch(() => undefined);
    const s = normalize(raw);
    settingsCache.set(uri, s);
    return s;
  };

  const filePath = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

  const publish = (uri: string, diagnostics: Diagnostic[], version?: number) => {
    published.set(uri, diagnostics);
    publishedCell.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics, version });
  };

  /**
   * A notebook cell's diagnostics, sent when they changed or the cell was edited since they were
   * last sent: a keystroke in one cell of a long notebook does not resend every other cell's.
   */
  const publishCell = (uri: string, diagnostics: Diagnostic[]) => {
    const version = docs?.get(uri)?.version;
    const last = published.get(uri);
    if (last && publishedCell.get(uri) === version && last.length === diagnostics.length && last.every((d, i) => d === diagnostics[i])) return;
    publish(uri, diagnostics);
    publishedCell.set(uri, version);
  };

  const lintUri = async (uri: string) => {
    if (!engine || !docs) return;
    const nb = notebooks.get(uri);
    if (nb) {
      const s = await settingsFor(uri);
      if (!s.enable) return nb.cells.forEach((c) => publish(c.uri, []));
      const started = performance.now();
      const resolved = project.resolve(s, filePath(uri));
      const lint = notebooks.lintOf(uri);
      if (!lint || notebooks.get(uri) !== nb) return; // closed while settings were read
      const cells = nb.cells.map((c) => ({ kind: c.kind, text: docs!.get(c.uri)?.text ?? '' }));
      const perCell = lint.lint(engine, cells, notebooks.outputsFromDisk(uri, filePath(uri)), resolved);
      nb.cells.forEach((c, i) => publishCell(c.uri, perCell[i]));
      // As for a file: statement patches left the module's tree unparsed until the diagnostics are out.
      if (lint.wantsParse()) setImmediate(() => notebooks.lintOf(uri) === lint && catchUpNotebook(uri, lint));
      // Findings from a scan of the saved file give way to the live cells.
      if (published.has(uri)) publish(uri, []);
      log.debug(`linted notebook ${uri} (${nb.cells.length} cells) in ${(performance.now() - started).toFixed(1)} ms`);
      return;
    }
    const doc = docs.get(uri);
    if (!doc) return;
    const s = await settingsFor(uri);
    if (!s.enable) return publish(uri, []);
    const version = doc.version;
    const started = performance.now();
    const resolved = project.resolve(s, filePath(uri));
    if (docs.get(uri)?.version !== version) return; // superseded while settings were read
    const { diagnostics, exports } = lintText(engine, docs, doc, resolved);
    // The open text is what the project model holds for this file: when what it exports as personal
    // data changed (a column list edited in a data module), the other open files are linted again,
    // since the ones importing it, before or after the change, may gain or lose findings.
    const rel = relativeToFolder(uri);
    if (rel && project.personal.update(rel, exports)) relintOthers(uri);
    // Nothing is sent when the diagnostics are the ones last sent: most keystrokes away from a
    // finding's line. Each finding's diagnostic is kept while the statement cache serves the finding,
    // so most are the same objects; a re-linted statement's are compared by content.
    if (!sameDiagnostics(published.get(uri), diagnostics)) publish(uri, diagnostics, version);
    log.debug(`linted ${uri} v${version} in ${(performance.now() - started).toFixed(1)} ms`);
    // A lint from statement patches left the tree unparsed: parse it once the diagnostics are out,
    // so that the next lints patch few statements (every lint patches each statement edited since
    // the last parse). Edits in several statements that arrive together are patched each.
    if (docs.wantsParse(doc)) setImmediate(() => catchUp(uri, doc));
  };

  // A parse to catch up waits no lint: when a change has come meanwhile, its lint patches again and
  // asks for the parse after it.
  const catchUpNotebook = (uri: string, lint: NotebookLint) => {
    if (pending.has(uri)) return;
    try {
      lint.catchUp();
    } catch (e) {
      log.error(`parse failed for ${uri}: ${(e as Error).message}`);
    }
  };

  const catchUp = (uri: string, doc: OpenDocument) => {
    if (pending.has(uri)) return;
    try {
      if (docs?.get(uri) === doc) docs.tree(doc);
    } catch (e) {
      log.error(`parse failed for ${uri}: ${(e as Error).message}`);
    }
  };

  /** Lints what changed, once per document however many changes arrived since the last time. */
  const schedule = (uri: string) => {
    pending.add(uri);
    lastEdit = performance.now();
    changes++;
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(async () => {
      // vscode-jsonrpc handles the messages it has received one per turn of the event loop: the
      // changes that arrived together are all handled before the lint, so a burst is linted once, on
      // its latest version, and no lint of an older version runs while newer changes wait behind it.
      // A turn in which no change was handled ends the burst (one turn more for a lone keystroke).
      for (let seen = -1; seen !== changes; ) {
        seen = changes;
        await new Promise((r) => setImmediate(r));
      }
      flushScheduled = false;
      flushing = true;
      try {
        await ready;
        const uris = [...pending];
        pending.clear();
        for (const u of uris) {
          lints++;
          await lintUri(u).catch((e) => log.error(`lint failed for ${u}: ${(e as Error).message}`));
        }
      } finally {
        flushing = false;
        if (!flushScheduled && pending.size === 0) {
          const waiters = settledWaiters;
          settledWaiters = [];
          for (const w of waiters) w();
        }
      }
    });
  };

  /** Once every change received so far is linted (and its diagnostics sent, if they changed). */
  const settled = (): Promise<void> => (flushScheduled || flushing || pending.size > 0 ? new Promise((r) => settledWaiters.push(r)) : Promise.resolve());

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    configPull = !!caps.workspace?.configuration;
    const init = (params.initializationOptions ?? {}) as { logLevel?: string; pullDiagnostics?: boolean; clientCommands?: unknown };
    // Commands the client registers itself (the VS Code extension does, so that they exist while the
    // server is down) are still executed, but not announced.
    const clientCommands = Array.isArray(init.clientCommands) ? init.clientCommands : [];
    log = createLogger(connection, init.logLevel ?? (params.trace === 'verbose' ? 'debug' : 'info'));
    folders = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.rootUri && !params.workspaceFolders ? [params.rootUri] : []);
    ready = createEngine(loadAssets(), RULES).then((e) => {
      engine = e;
      docs = new Documents(e);
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        notebookDocumentSync: { notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: [SHOW_DOCS_COMMAND, SCAN_COMMAND].filter((c) => !clientCommands.includes(c)) },
        ...(init.pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'mlsec', version: typeof MLSEC_VERSION === 'string' ? MLSEC_VERSION : '0.0.0-dev' },
    };
  });

  connection.onInitialized(async () => {
    if (configPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mlsec' }).catch(() => undefined);
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/pyproject.toml' }, { globPattern: '**/{.mlsec,mlsec}.toml' }, { globPattern: '**/requirements*.txt' }, { globPattern: MODEL_FILE_GLOB }, { globPattern: LINTABLE_FILE_GLOB }] })
      .catch(() => undefined);
    await ready;
    const first = folders[0];
    if (first && (await settingsFor(first)).scanWorkspace) void runScan();
  });

  const scanHooks = (): ScanHooks => ({
    isOpen: (uri) => !!docs?.get(uri) || !!notebooks.get(uri),
    settingsFor,
    project,
    // A clean file that never had findings has nothing to clear: most files of a large workspace.
    publish: (uri, diagnostics) => (diagnostics.length || published.get(uri)?.length ? publish(uri, diagnostics) : undefined),
    busy: () => pending.size > 0 || performance.now() - lastEdit < TYPING_PAUSE_MS,
    log,
  });

  const runScan = async () => {
    await ready;
    if (!engine) return;
    await scanWorkspace(connection, engine, folders, scanHooks());
  };

  /** A file's path relative to the workspace folder holding it, with `/` (the project model's key). */
  const relativeToFolder = (uri: string): string | undefined => {
    const file = filePath(uri);
    if (!file) return undefined;
    for (const folder of folders) {
      const root = filePath(folder);
      if (!root) continue;
      const rel = path.relative(root, file);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
    }
    return undefined;
  };

  const relintOthers = (uri: string) => {
    for (const d of docs?.all() ?? []) if (d.uri !== uri && !notebooks.ownsCell(d.uri)) schedule(d.uri);
    for (const nb of notebooks.uris()) schedule(nb);
  };

  const relintAll = () => {
    for (const d of docs?.all() ?? []) if (!notebooks.ownsCell(d.uri)) schedule(d.uri);
    for (const uri of notebooks.uris()) schedule(uri);
  };

  /** After a change of settings or configuration files: the workspace scan runs again (from its cache where nothing changed), or its findings go when it is off. */
  const rescanWorkspace = async () => {
    await ready;
    const first = folders[0];
    if (!first || !engine) return;
    if ((await settingsFor(first)).scanWorkspace) await runScan();
    else await clearWorkspaceScan(scanHooks());
  };

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    relintAll();
    void rescanWorkspace();
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    // A Python file, notebook or model file changed on disk is linted or scanned again alone;
    // anything else watched is configuration or requirements, which every file's findings rest on.
    const files = changes.filter((c) => hasModelExtension(c.uri) || isLintable(c.uri));
    if (files.length < changes.length) {
      project.clear();
      relintAll();
      await rescanWorkspace();
      return;
    }
    await ready;
    for (const c of files) {
      try {
        await rescanFile(c.uri, folders, engine, scanHooks());
      } catch (e) {
        log.error(`${c.uri} could not be scanned again: ${(e as Error).message}`);
      }
    }
  });

  connection.onDidOpenTextDocument(async ({ textDocument: t }) => {
    await ready;
    docs!.open(t.uri, t.languageId, t.version, t.text);
    schedule(t.uri);
  });

  connection.onDidChangeTextDocument(({ textDocument: t, contentChanges }) => {
    if (!docs) return;
    docs.change(t.uri, t.version, contentChanges);
    schedule(notebooks.notebookOfCell(t.uri) ?? t.uri);
  });

  connection.onDidCloseTextDocument(async ({ textDocument: t }) => {
    docs?.close(t.uri);
    pending.delete(t.uri);
    publish(t.uri, []);
    // Closed, the file is the workspace scan's again: its findings on disk stay in the Problems view.
    await rescanFile(t.uri, folders, engine, scanHooks()).catch((e) => log.error(`${t.uri} could not be scanned again: ${(e as Error).message}`));
  });

  connection.notebooks.synchronization.onDidOpenNotebookDocument(async ({ notebookDocument: nb, cellTextDocuments }) => {
    await ready;
    for (const c of cellTextDocuments) docs!.open(c.uri, c.languageId, c.version, c.text);
    notebooks.open(nb);
    schedule(nb.uri);
  });

  connection.notebooks.synchronization.onDidChangeNotebookDocument(async ({ notebookDocument: nb, change }) => {
    await ready;
    const structure = change.cells?.structure;
    for (const c of structure?.didOpen ?? []) docs!.open(c.uri, c.languageId, c.version, c.text);
    for (const c of structure?.didClose ?? []) {
      docs!.close(c.uri);
      publish(c.uri, []);
    }
    for (const t of change.cells?.textContent ?? []) docs!.change(t.document.uri, t.document.version, t.changes);
    notebooks.change(nb.uri, change);
    schedule(nb.uri);
  });

  connection.notebooks.synchronization.onDidSaveNotebookDocument(({ notebookDocument: nb }) => {
    notebooks.forgetDisk(nb.uri);
    schedule(nb.uri);
  });

  connection.notebooks.synchronization.onDidCloseNotebookDocument(async ({ notebookDocument: nb, cellTextDocuments }) => {
    for (const c of cellTextDocuments) {
      docs?.close(c.uri);
      publish(c.uri, []);
    }
    notebooks.close(nb.uri);
    await rescanFile(nb.uri, folders, engine, scanHooks()).catch((e) => log.error(`${nb.uri} could not be scanned again: ${(e as Error).message}`));
  });

  connection.onCodeAction(async ({ textDocument, range, context }) => {
    await ready;
    const doc = docs?.get(textDocument.uri);
    if (!doc || !engine) return [];
    const only = context.only;
    const actions: CodeAction[] = [];
    const wantsFixAll = only?.some((k) => FIX_ALL_KIND.startsWith(k) && k.startsWith(CodeActionKind.SourceFixAll));
    const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k));
    // Editors ask on every move of the cursor: no parse unless one of ours is there.
    if (wantsQuickFix && context.diagnostics.some((d) => d.source === 'mlsec')) {
      const cell = notebooks.ownsCell(doc.uri);
      const { tree, own } = cell ? { tree: engine.parse(doc.text), own: true } : docs!.treeForActions(doc);
      try {
        for (const d of context.diagnostics) {
          if (d.source !== 'mlsec') continue;
          actions.push(...actionsFor(doc.uri, d, doc.text, tree));
        }
      } finally {
        if (own) tree.delete();
      }
    }
    if (wantsFixAll) {
      const edits = safeEdits(published.get(doc.uri) ?? [], doc.text);
      if (edits.length) actions.push({ title: 'MLSec: apply all safe fixes', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: edits } } });
    }
    void range;
    return actions;
  });

  connection.onHover(async ({ textDocument, position }) => {
    await ready;
    return hoverAt(position, published.get(textDocument.uri) ?? [], docs?.get(textDocument.uri)?.text, RULES) ?? null;
  });

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command === SHOW_DOCS_COMMAND && typeof args?.[0] === 'string') {
      await connection.window.showDocument({ uri: ruleDocsUrl(args[0]), external: true }).catch(() => undefined);
    } else if (command === SCAN_COMMAND) {
      await runScan();
    }
  });

  connection.languages.diagnostics.on(async ({ textDocument }) => {
    await ready;
    await lintUri(textDocument.uri);
    return { kind: 'full', items: published.get(textDocument.uri) ?? [] };
  });

  // For clients with views of their own (the VS Code extension's checklist and threat reference):
  // the rules' metadata and documentation, so nothing about rules is duplicated in the client.
  connection.onRequest('mlsec/rules', () =>
    RULES.map((r) => ({ code: r.meta.code, name: r.meta.name, title: r.meta.title, severity: r.meta.severity, category: r.meta.category, references: r.meta.references, docsUrl: ruleDocsUrl(r.meta.code), docs: r.docs })),
  );

  // For benchmarks and tests: answered once every change received before it has been linted and its
  // diagnostics, if they changed, sent (the server sends none when they did not), with the versions
  // of the open documents then and the number of lints run so far.
  connection.onRequest('mlsec/settled', async () => {
    await ready;
    await settled();
    return { versions: Object.fromEntries((docs?.all() ?? []).map((d) => [d.uri, d.version])), lints };
  });

  // For the benchmark's memory check: the server's own footprint, nothing about documents.
  // With --expose-gc (the benchmark starts it so) garbage is collected first, so RSS shows what is kept.
  connection.onRequest('mlsec/memory', () => {
    (globalThis as { gc?: () => void }).gc?.();
    return { ...process.memoryUsage(), documents: docs?.all().length ?? 0 };
  });

  connection.onShutdown(() => {
    docs?.dispose();
  });

  connection.listen();
}

function sameDiagnostics(last: Diagnostic[] | undefined, next: Diagnostic[]): boolean {
  return !!last && last.length === next.length && last.every((d, i) => d === next[i] || JSON.stringify(d) === JSON.stringify(next[i]));
}

/** One round of non-overlapping safe fixes, for `source.fixAll.mlsec`. */
function safeEdits(diagnostics: Diagnostic[], text: string): TextEdit[] {
  const lines = new LineIndex(text);
  const taken: { start: number; end: number }[] = [];
  const out: TextEdit[] = [];
  for (const d of diagnostics) {
    const fix = (d.data as DiagnosticData | undefined)?.fixes.find((f) => f.safety === 'safe' && f.edits.length > 0);
    if (!fix) continue;
    const spans = fix.edits.map((e) => ({ start: lines.offset({ line: e.range.start.line, column: e.range.start.character }), end: lines.offset({ line: e.range.end.line, column: e.range.end.character }) }));
    if (spans.some((s) => taken.some((t) => s.start < t.end && t.start < s.end))) continue;
    taken.push(...spans);
    out.push(...fix.edits);
  }
  // Check the edits apply cleanly before offering them.
  applyEdits(text, taken.map((t, i) => ({ ...t, text: out[i]?.newText ?? '' })));
  return out;
}

/**
 * The workspace scan lints a file only once no document has changed for this long: a keystroke that
 * arrives while it lints a file waits for that file (tens of milliseconds for a long one), so the
 * scan keeps out of the way of typing, not only of edits already waiting.
 */
const TYPING_PAUSE_MS = 500;

declare const MLSEC_VERSION: string;

/** `mlsec server`: LSP over stdin and stdout. */
export function startStdioServer(): void {
  // stdin goes in as a stream (the typings want a reader with a writer): the connection then exits
  // when the editor closes it, as with two streams.
  const input = process.stdin as unknown as MessageReader;
  startServer(createConnection(ProposedFeatures.all, input, new StdioMessageWriter(process.stdout)));
}

if (require.main === module) startServer();
