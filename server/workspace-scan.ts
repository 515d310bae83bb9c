import { fileURLToPath, pathToFileURL } from 'url';
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import * as fs from 'fs';
import * as path from 'path';
import { INTERNAL_ERROR, LineIndex, type Engine, type Finding } from '../engine';
import { decode, kindOf } from '../project/decode';
import { discover, isLintable, reachable } from '../project/files';
import { hasModelExtension, MODEL_EXTENSIONS } from '../model-files';
import { scanModelFileOnDisk } from '../project/model-source';
import { readThrough, ScanCache } from '../project/scan-cache';
import { codeTooLarge, DEFAULT_MAX_FILE_SIZE, readLimit } from '../project/size-limit';
import { toDiagnostic } from './diagnostics';
import type { Logger } from './log';
import type { EditorSettings, ProjectSettings } from './settings';

export const SCAN_COMMAND = 'mlsec.scanWorkspace';

export interface ScanHooks {
  isOpen(uri: string): boolean;
  settingsFor(uri: string): Promise<EditorSettings>;
  project: ProjectSettings;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** True while edits wait to be linted or the user is typing: the scan steps aside. */
  busy(): boolean;
  log: Logger;
}

let running: Promise<void> | undefined;
/** A scan was asked for while one ran: the configuration may have changed under it, so it runs again. */
let again = false;
/** URIs the last scan reached: one that a later scan no longer reaches (now excluded, deleted) has its diagnostics cleared. */
let reached = new Set<string>();

/**
 * Lints every `.py` and `.ipynb` file of the workspace folders that is not open, and scans their
 * model files (pickles, checkpoints, joblib, NumPy, Keras, safetensors), publishing their
 * diagnostics, with `$/progress`. It yields to the event loop between files, and waits while edits
 * are pending, so typing is never queued behind it. Notebook findings land on the line of the
 * `.ipynb` file as stored. Files whose bytes and configuration are as at the last scan, by this
 * build, are reported from the scan cache (project/scan-cache.ts) with no parse: a restart of the
 * editor does not lint the workspace again. Asked again while it runs (a configuration file
 * changed), it runs once more when this run ends; the files the last run reached and this one does
 * not have their diagnostics cleared.
 */
export function scanWorkspace(connection: Connection, engine: Engine, folders: string[], hooks: ScanHooks): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await run(connection, engine, folders, hooks);
    } while (again);
  })().finally(() => {
    running = undefined;
  });
  return running;
}

/**
 * Files linted before the facts they depend on were known (a file that imports a wrapper module
 * found later in the scan) are linted again with them, as the CLI's project pass does: the files
 * that import a module with facts, closed ones only, up to three rounds while the facts change.
 */
async function relintDependents(engine: Engine, files: { root: string; file: string }[], caches: Map<string, ScanCache | undefined>, hooks: ScanHooks): Promise<void> {
  const index = hooks.project.personal;
  const byRel = new Map(files.filter(({ file }) => isLintable(file)).map((f) => [path.relative(f.root, f.file).split(path.sep).join('/'), f]));
  for (let round = 0; round < 3; round++) {
    const again = index.dependents().filter((rel) => byRel.has(rel));
    if (!again.length) return;
    const before = JSON.stringify(index.facts() ?? {});
    for (const rel of again) {
      while (hooks.busy()) await new Promise((resolve) => setTimeout(resolve, 20));
      await tick();
      const { root, file } = byRel.get(rel)!;
      const uri = pathToFileURL(file).href;
      if (hooks.isOpen(uri)) continue;
      hooks.publish(uri, (await lintFromDisk(engine, file, uri, hooks, caches.get(root), rel)).diagnostics);
    }
    // Linted with the facts as they are now: another round only if those lints changed them.
    if (JSON.stringify(index.facts() ?? {}) === before) return;
  }
}

/** Clears what the workspace scan published for files that are not open (the scan was turned off). */
export async function clearWorkspaceScan(hooks: ScanHooks): Promise<void> {
  await running;
  for (const uri of reached) if (!hooks.isOpen(uri)) hooks.publish(uri, []);
  reached = new Set();
}

async function run(connection: Connection, engine: Engine, folders: string[], hooks: ScanHooks): Promise<void> {
  const roots = folders.filter((f) => f.startsWith('file:')).map((f) => fileURLToPath(f));
  if (!roots.length) return;
  const files = roots.flatMap((root) => {
    const config = hooks.project.project(root);
    const accept = config?.modelFiles === false ? isLintable : (name: string) => isLintable(name) || hasModelExtension(name);
    return discover([root], root, config?.exclude ?? [], accept).files.map((file) => ({ root, file }));
  });
  const caches = new Map(roots.map((root) => [root, openCache(root)]));
  const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
  progress?.begin('MLSec: scanning the workspace', 0, `${files.length} files`, false);
  const started = performance.now();
  let found = 0;
  let cached = 0;
  const seen = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    // Waiting for typing to pause: a timer, not a spin of the event loop.
    while (hooks.busy()) await new Promise((resolve) => setTimeout(resolve, 20));
    await tick();
    const { root, file } = files[i];
    const uri = pathToFileURL(file).href;
    if (hooks.isOpen(uri)) continue;
    seen.add(uri);
    const lint = isLintable(file) ? await lintFromDisk(engine, file, uri, hooks, caches.get(root), path.relative(root, file).split(path.sep).join('/')) : await scanModelFromDisk(file, uri, hooks);
    found += lint.diagnostics.length;
    if (lint.cached) cached++;
    hooks.publish(uri, lint.diagnostics);
    if (i % 20 === 0) progress?.report(Math.round((100 * i) / files.length), `${i}/${files.length} files`);
  }
  await relintDependents(engine, files, caches, hooks);
  for (const uri of reached) if (!seen.has(uri) && !hooks.isOpen(uri)) hooks.publish(uri, []);
  reached = seen;
  for (const [root, cache] of caches) {
    try {
      cache?.save();
    } catch (e) {
      hooks.log.error(`the scan cache for ${root} could not be written to ${cache!.dir}: ${(e as Error).message}`);
    }
  }
  progress?.done();
  hooks.log.info(`workspace scan: ${files.length} files (${cached} from the scan cache), ${found} findings in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The glob of the files the scan lints, for the client's file watcher. */
export const LINTABLE_FILE_GLOB = '**/*.{py,pyi,ipynb}';

/** The glob patterns of the files the scan reads as model files, for the client's file watcher (compressed names are told apart by `hasModelExtension`). */
export const MODEL_FILE_GLOB = `**/*.{${[...new Set(MODEL_EXTENSIONS.map((e) => e.slice(e.lastIndexOf('.') + 1)))].map(anyCase).join(',')}}`;

/** A glob for a name in any case (`[pP][tT]`): watchers match case-sensitively, and `MODEL.PT` is a model file as `hasModelExtension` says. */
function anyCase(ext: string): string {
  return [...ext].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join('');
}

/**
 * Lints or scans one file again after the client reports it created, changed or deleted on disk
 * (a branch checked out, a model written by a training run), as the workspace scan would, and
 * publishes its diagnostics: none when it was deleted, or the scan would not reach it (excluded,
 * ignored, `model-files = false` for a model file, or the workspace scan turned off). An open file
 * is left to the editor's lint; a file just closed is read from disk again.
 */
export async function rescanFile(uri: string, folders: string[], engine: Engine | undefined, hooks: ScanHooks): Promise<void> {
  if (!uri.startsWith('file:') || hooks.isOpen(uri)) return;
  const model = hasModelExtension(uri);
  if (!model && !isLintable(uri)) return;
  const file = fileURLToPath(uri);
  const root = folders
    .filter((f) => f.startsWith('file:'))
    .map((f) => fileURLToPath(f))
    .filter((r) => {
      const rel = path.relative(r, file);
      return rel && !rel.startsWith('..') && !path.isAbsolute(rel);
    })
    .sort((a, b) => b.length - a.length)[0];
  if (!root) return;
  let isFile = false;
  try {
    isFile = fs.statSync(file).isFile();
  } catch {
    // Deleted: its diagnostics are cleared.
  }
  const config = hooks.project.project(root);
  const scanned = isFile && (!model || config?.modelFiles !== false) && (await hooks.settingsFor(uri)).scanWorkspace && reachable(file, root, config?.exclude ?? []);
  let diagnostics: Diagnostic[] = [];
  if (scanned && model) diagnostics = (await scanModelFromDisk(file, uri, hooks)).diagnostics;
  else if (scanned && engine) diagnostics = (await lintFromDisk(engine, file, uri, hooks, undefined, path.relative(root, file).split(path.sep).join('/'))).diagnostics;
  if (scanned) reached.add(uri);
  else reached.delete(uri);
  // The editor may have opened it while it was read: the open document's diagnostics stand.
  if (!hooks.isOpen(uri)) hooks.publish(uri, diagnostics);
}

/**
 * The language server's own scan cache for a workspace folder, in the folder `mlsec scan` uses
 * (`MLSEC_CACHE_DIR`, or the user's cache folder), under this build: the running bundle and the
 * grammar beside it. None when running from source (there is no bundle to name the build) or with
 * no cache folder.
 */
function openCache(root: string): ScanCache | undefined {
  try {
    const tool = ScanCache.toolKey(typeof MLSEC_VERSION === 'string' ? MLSEC_VERSION : '0.0.0-dev', [__filename, path.join(__dirname, 'tree-sitter.wasm'), path.join(__dirname, 'tree-sitter-python.wasm')]);
    return ScanCache.open(path.resolve(process.env.MLSEC_CACHE_DIR || ScanCache.defaultDir()), root, tool, 'server');
  } catch {
    return undefined;
  }
}

/** A file's diagnostics as the workspace scan publishes them, from the scan cache when its bytes and configuration are as they were. */
async function lintFromDisk(engine: Engine, file: string, uri: string, hooks: ScanHooks, cache: ScanCache | undefined, rel: string): Promise<{ diagnostics: Diagnostic[]; cached: boolean }> {
  const none = { diagnostics: [], cached: false };
  const settings = await hooks.settingsFor(uri);
  if (!settings.enable) return none;
  const { config, project } = hooks.project.resolve(settings, file);
  const kind = kindOf(file);
  const limit = hooks.project.project(path.dirname(file))?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const key = cache ? ScanCache.keyOf([rel, config, project, limit]) : '';
  const read = readThrough(cache, rel, key, file, readLimit(kind, limit));
  if (read.found === 'none') return none;
  // A file that had no findings, with the size and time it had then: nothing was read.
  if (read.found === 'cached' && !read.bytes) hooks.project.personal.update(rel, read.lint.exports);
  if (!read.bytes) return { diagnostics: [], cached: true };
  const decoded = decode(read.bytes, kind);
  if (!decoded.ok) return none;
  const hit = read.found === 'cached' ? read.lint : undefined;
  let findings: Finding[];
  if (hit) {
    // Linted under this key, which holds the limit: a notebook's code was under it then.
    findings = hit.findings;
    hooks.project.personal.update(rel, hit.exports);
  } else {
    if (codeTooLarge(kind, decoded.text, read.bytes.length, limit)) return none;
    const result = engine.lint({ text: decoded.text, kind, config, project, masks: false });
    findings = result.findings;
    hooks.project.personal.update(rel, result.exports);
    // Not a lint that failed: a notebook that does not parse, or a rule that crashed.
    if (cache && read.found === 'bytes' && !result.error && !findings.some((f) => f.code === INTERNAL_ERROR)) cache.set(rel, read.hash, key, { kind, findings, warnings: result.warnings ?? [], ...(result.exports ? { exports: result.exports } : {}) }, read.stat, read.readAt);
  }
  return { diagnostics: toDiagnostics(findings, decoded.text), cached: !!hit };
}

/**
 * A model file's diagnostics (MLS150-MLS153), on the file's first position: it has no lines, and
 * the message says which member and byte. Read by range each scan, never cached: it is a few reads.
 */
async function scanModelFromDisk(file: string, uri: string, hooks: ScanHooks): Promise<{ diagnostics: Diagnostic[]; cached: boolean }> {
  const settings = await hooks.settingsFor(uri);
  if (!settings.enable) return { diagnostics: [], cached: false };
  const { config } = hooks.project.resolve(settings, file);
  const r = await scanModelFileOnDisk(file, config);
  if (r.error !== undefined) {
    hooks.log.info(`${file}: ${r.error}`);
    return { diagnostics: [], cached: false };
  }
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { diagnostics: r.findings.map((f) => toDiagnostic(f, top, [], undefined)), cached: false };
}

function toDiagnostics(findings: Finding[], text: string): Diagnostic[] {
  const raw = new LineIndex(text);
  return findings.map((f) => {
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

declare const MLSEC_VERSION: string;
