import * as fs from 'fs';
import { fileURLToPath, pathToFileURL } from 'url';
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { LineIndex, type Engine } from '../engine';
import { decode } from '../project/decode';
import { discover } from '../project/files';
import { toDiagnostic } from './diagnostics';
import type { Logger } from './log';
import type { EditorSettings, ProjectSettings } from './settings';

export const SCAN_COMMAND = 'mlsec.scanWorkspace';
const MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface ScanHooks {
  isOpen(uri: string): boolean;
  settingsFor(uri: string): Promise<EditorSettings>;
  project: ProjectSettings;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** True while edits wait to be linted: the scan steps aside for them. */
  busy(): boolean;
  log: Logger;
}

let running: Promise<void> | undefined;

/**
 * Lints every `.py` and `.ipynb` file of the workspace folders that is not open, publishing their
 * diagnostics, with `$/progress`. It yields to the event loop between files, and waits while edits
 * are pending, so typing is never queued behind it. Notebook findings land on the line of the
 * `.ipynb` file as stored.
 */
export function scanWorkspace(connection: Connection, engine: Engine, folders: string[], hooks: ScanHooks): Promise<void> {
  running ??= run(connection, engine, folders, hooks).finally(() => {
    running = undefined;
  });
  return running;
}

async function run(connection: Connection, engine: Engine, folders: string[], hooks: ScanHooks): Promise<void> {
  const roots = folders.filter((f) => f.startsWith('file:')).map((f) => fileURLToPath(f));
  if (!roots.length) return;
  const files = roots.flatMap((root) => discover([root], root, hooks.project.project(root)?.exclude ?? []).files);
  const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
  progress?.begin('MLSec: scanning the workspace', 0, `${files.length} files`, false);
  const started = performance.now();
  let found = 0;
  for (let i = 0; i < files.length; i++) {
    while (hooks.busy()) await tick();
    await tick();
    const uri = pathToFileURL(files[i]).href;
    if (hooks.isOpen(uri)) continue;
    const diagnostics = await lintFromDisk(engine, files[i], uri, hooks);
    found += diagnostics.length;
    hooks.publish(uri, diagnostics);
    if (i % 20 === 0) progress?.report(Math.round((100 * i) / files.length), `${i}/${files.length} files`);
  }
  progress?.done();
  hooks.log.info(`workspace scan: ${files.length} files, ${found} findings in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function lintFromDisk(engine: Engine, file: string, uri: string, hooks: ScanHooks): Promise<Diagnostic[]> {
  let bytes: Buffer;
  try {
    if (fs.statSync(file).size > MAX_FILE_SIZE) return [];
    bytes = fs.readFileSync(file);
  } catch {
    return [];
  }
  const kind = file.endsWith('.ipynb') ? 'notebook' : 'python';
  const decoded = decode(bytes, kind);
  if (!decoded.ok) return [];
  const settings = await hooks.settingsFor(uri);
  if (!settings.enable) return [];
  const { config, project } = hooks.project.resolve(settings, file);
  const result = engine.lint({ text: decoded.text, kind, config, project });
  const raw = new LineIndex(decoded.text);
  return result.findings.map((f) => {
    const range = f.cell
      ? { start: { line: f.cell.rawLine, character: 0 }, end: { line: f.cell.rawLine, character: raw.line(f.cell.rawLine).length } }
      : { start: { line: f.range.start.line, character: f.range.start.column }, end: { line: f.range.end.line, character: f.range.end.column } };
    const message = f.cell ? `${f.message} (cell ${f.cell.cell + 1}, line ${f.cell.line + 1})` : f.message;
    // Fixes are offered once the file is open, where they can be applied to live text.
    return toDiagnostic({ ...f, message }, range, [], undefined);
  });
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
