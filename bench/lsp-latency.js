// Keystroke latency through the real protocol: starts the built server over stdio, opens a file of
// N lines, sends one-character edits at realistic places (right after each `loss` in turn, spread
// over the file: a letter extends the name, a space does not) and times each didChange until its
// publishDiagnostics. `node bench/lsp-latency.js [lines] [edits] [character] [--notebook]`; with
// `--broken`, keystrokes that break the code and their undos beside valid ones (`measureBroken`).
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const { pathToFileURL } = require('url');
const path = require('path');
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const { mlCorpusFile, typingEdits } = require('./corpus');
const { brokenEdits, BROKEN_KINDS } = require('./broken-edits');

/**
 * The built server over stdio (MLSEC_BENCH_PROFILE=DIR writes its CPU profile there), initialized,
 * with a client that answers what it asks and hands every publishDiagnostics to `onPublish`.
 */
async function startServer(onPublish, capabilities = {}, { rootUri = null, env = {} } = {}) {
  const profile = process.env.MLSEC_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.MLSEC_BENCH_PROFILE}`] : [];
  const proc = spawn(process.execPath, [...profile, path.join(__dirname, '..', 'bin', 'mlsec.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.onNotification('textDocument/publishDiagnostics', onPublish);
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('$/progress', () => undefined);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, ...capabilities } });
  await conn.sendNotification('initialized', {});
  return { proc, conn };
}

async function stopServer({ proc, conn }) {
  await conn.sendRequest('shutdown');
  const exited = new Promise((r) => proc.once('exit', r));
  await conn.sendNotification('exit');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  conn.dispose();
  proc.kill();
}

function percentiles(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50: q(0.5), p90: q(0.9), p99: q(0.99) };
}

async function measure(lines, edits, ch = 'x') {
  const waiting = new Map();
  const server = await startServer((p) => {
    const w = waiting.get(p.version);
    if (w) {
      waiting.delete(p.version);
      w(performance.now());
    }
  });
  const { conn } = server;
  const text = mlCorpusFile(lines, 7);
  const uri = 'file:///bench/train.py';
  const opened = new Promise((r) => waiting.set(1, r));
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await opened;
  const times = [];
  let version = 1;
  for (const { change } of typingEdits(text, edits, ch)) {
    version++;
    times.push(await timedChange(conn, waiting, uri, version, change));
  }
  await stopServer(server);
  return { lines, edits, typed: ch, ...percentiles(times) };
}

/**
 * Sends one change and times it until the server is done with it: until its diagnostics arrive, or,
 * since the server publishes nothing when they did not change, until it answers `mlsec/settled`
 * (sent right after the change, answered once the change is linted). A server without that request
 * answers it with an error at once, which is ignored: then only the diagnostics count.
 */
async function timedChange(conn, waiting, uri, version, change) {
  let settle;
  const done = new Promise((r) => {
    settle = r;
    waiting.set(version, r);
  });
  const t0 = performance.now();
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  conn.sendRequest('mlsec/settled', { uri }).then(
    () => settle(performance.now()),
    () => undefined,
  );
  const t = (await done) - t0;
  waiting.delete(version);
  return t;
}

/**
 * Keystrokes that break the code (bench/broken-edits.js: a letter in indentation or in a keyword, an
 * unclosed bracket or quote), each followed by its undo, through the protocol on a file of N lines,
 * beside valid keystrokes in the same server (a letter, then a space, after each `loss`, as `measure`
 * types them): the valid ones, the broken ones (a breaking keystroke and its undo each count), both
 * together, and each kind of breaking keystroke.
 */
async function measureBroken(lines, pairs) {
  const waiting = new Map();
  const server = await startServer((p) => {
    const w = waiting.get(p.version);
    if (w) {
      waiting.delete(p.version);
      w(performance.now());
    }
  });
  const { conn } = server;
  const text = mlCorpusFile(lines, 7);
  const uri = 'file:///bench/train.py';
  const opened = new Promise((r) => waiting.set(1, r));
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await opened;
  let version = 1;
  const byKind = Object.fromEntries(BROKEN_KINDS.map((k) => [k, []]));
  const valid = [];
  const broken = [];
  // Valid typing first (half letters, half spaces), then undone, character by character from the
  // last, untimed, so that the breaking keystrokes find the file as generated.
  for (const ch of ['x', ' ']) {
    const undo = [];
    for (const { change } of typingEdits(text, Math.ceil(pairs / 2), ch)) {
      valid.push(await timedChange(conn, waiting, uri, ++version, change));
      const { line, character } = change.range.start;
      undo.unshift({ range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' });
    }
    for (const change of undo) await timedChange(conn, waiting, uri, ++version, change);
  }
  for (const { kind, type, undo } of brokenEdits(text, pairs)) {
    const a = await timedChange(conn, waiting, uri, ++version, type);
    const b = await timedChange(conn, waiting, uri, ++version, undo);
    byKind[kind].push(a, b);
    broken.push(a, b);
  }
  await stopServer(server);
  return {
    lines,
    valid: { edits: valid.length, ...percentiles(valid) },
    broken: { edits: broken.length, ...percentiles(broken) },
    all: { edits: valid.length + broken.length, ...percentiles([...valid, ...broken]) },
    kinds: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { edits: v.length, ...percentiles(v) }])),
  };
}

/**
 * The same for a notebook: the file of N lines split into cells where it has two blank lines (as
 * the CLI corpus's notebooks are), opened through LSP notebook sync, and a letter typed after each
 * `loss` in turn, each time until the edited cell's diagnostics are published.
 */
async function measureNotebook(lines, edits, ch = 'x') {
  let waiting;
  const server = await startServer(
    (p) => {
      if (waiting && p.uri === waiting.uri) {
        const w = waiting;
        waiting = undefined;
        w.resolve(performance.now());
      }
    },
    { notebookDocument: { synchronization: {} } },
  );
  const { conn } = server;
  const uri = 'file:///bench/explore.ipynb';
  const cells = mlCorpusFile(lines, 7)
    .split('\n\n\n')
    .map((text, i) => ({ uri: `vscode-notebook-cell:/bench/explore.ipynb#c${i}`, text, version: 1 }));
  const published = (cell) => new Promise((resolve) => (waiting = { uri: cell.uri, resolve }));
  let done = published(cells[cells.length - 1]);
  await conn.sendNotification('notebookDocument/didOpen', {
    notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c) => ({ kind: 2, document: c.uri })) },
    cellTextDocuments: cells.map((c) => ({ uri: c.uri, languageId: 'python', version: 1, text: c.text })),
  });
  await done;
  // Every `loss` of every cell, in order; each edit moves on through them, so a cell's later anchors
  // have moved by the characters typed before them in it.
  const anchors = cells.flatMap((cell) => [...cell.text.matchAll(/\bloss\b/g)].map((m) => ({ cell, at: m.index + 4 })));
  const typedIn = new Map();
  const times = [];
  for (let i = 0; i < edits; i++) {
    const { cell, at: original } = anchors[Math.floor((anchors.length * i) / edits)];
    const at = original + (typedIn.get(cell) ?? 0);
    typedIn.set(cell, (typedIn.get(cell) ?? 0) + ch.length);
    const before = cell.text.slice(0, at);
    const line = before.split('\n').length - 1;
    const character = at - (before.lastIndexOf('\n') + 1);
    cell.text = before + ch + cell.text.slice(at);
    done = published(cell);
    const t0 = performance.now();
    await conn.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri, version: i + 2 },
      change: { cells: { textContent: [{ document: { uri: cell.uri, version: ++cell.version }, changes: [{ range: { start: { line, character }, end: { line, character } }, text: ch }] }] } },
    });
    times.push((await done) - t0);
  }
  await stopServer(server);
  return { lines, cells: cells.length, edits, typed: ch, ...percentiles(times) };
}

/**
 * Typing while the server scans a workspace: the file of N lines open in a workspace folder of other
 * files (`folder`, or none), with an empty scan cache so the scan lints every file, and a letter typed
 * after each `loss` with `pause` ms between keystrokes, as a person types. Pauses cost something on
 * their own (both processes wake up for each keystroke), so the same run with no workspace is the
 * comparison. Also counts the files the scan published while the typing went on.
 */
async function measureDuringScan(lines, edits, folder, pause = 30) {
  const uri = 'file:///bench/train.py';
  const waiting = new Map();
  let scanned = 0;
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-bench-scan-cache-'));
  const server = await startServer(
    (p) => {
      if (p.uri !== uri) return void scanned++;
      const w = waiting.get(p.version);
      if (w) {
        waiting.delete(p.version);
        w(performance.now());
      }
    },
    {},
    { rootUri: folder ? pathToFileURL(folder).href : null, env: { MLSEC_CACHE_DIR: cache } },
  );
  const { conn } = server;
  const text = mlCorpusFile(lines, 7);
  const opened = new Promise((r) => waiting.set(1, r));
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await opened;
  const times = [];
  let version = 1;
  const scannedBefore = scanned;
  for (const { change } of typingEdits(text, edits, 'x')) {
    version++;
    const done = new Promise((r) => waiting.set(version, r));
    const t0 = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    times.push((await done) - t0);
    await new Promise((r) => setTimeout(r, pause));
  }
  const during = scanned - scannedBefore;
  await stopServer(server);
  fs.rmSync(cache, { recursive: true, force: true });
  return { lines, edits, pause, scanning: !!folder, scannedDuring: during, ...percentiles(times) };
}

/**
 * The same edits applied to a bare web-tree-sitter tree in this process (tree.edit and incremental
 * parse only): the floor under each keystroke on this machine in this run, printed beside the
 * protocol numbers because this VM's speed changes by up to 2x within an hour.
 */
async function reparse(lines, edits, ch = 'x') {
  const { Parser, Language } = require('web-tree-sitter');
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
  let text = mlCorpusFile(lines, 7);
  let tree = parser.parse(text);
  const lineStarts = (t) => [0, ...[...t.matchAll(/\n/g)].map((m) => m.index + 1)];
  const times = [];
  for (const { change, text: next } of typingEdits(text, edits, ch)) {
    const { line, character } = change.range.start;
    const at = lineStarts(text)[line] + character;
    const point = { row: line, column: character };
    tree.edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: point, oldEndPosition: point, newEndPosition: { row: line, column: character + 1 } });
    const t0 = performance.now();
    const parsed = parser.parse(next, tree);
    times.push(performance.now() - t0);
    tree.delete();
    tree = parsed;
    text = next;
  }
  tree.delete();
  parser.delete();
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

module.exports = { measure, measureBroken, measureNotebook, measureDuringScan, reparse };

if (require.main === module) {
  const lines = Number(process.argv[2] ?? 5000);
  const edits = Number(process.argv[3] ?? 200);
  if (process.argv.includes('--broken')) measureBroken(lines, edits).then((r) => console.log(JSON.stringify(r)));
  else (process.argv.includes('--notebook') ? measureNotebook : measure)(lines, edits, process.argv[4] ?? 'x').then((r) => console.log(JSON.stringify(r)));
}
