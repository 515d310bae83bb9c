/**
 * `npm run eval [-- DIR...] [--format json] [--details] [--min-recall N | CAT=N,...]`
 *
 * Measures MLSec, Bandit and Ruff's S rules on labelled code (test/corpus/ by default): every
 * `# ruleid: MLSxxx` line must be reported, every `# ok: MLSxxx` line must not (the fixture
 * annotations of test/support/fixtures.ts). Notebooks carry their annotations in the cell sources;
 * findings in outputs are labelled in the notebook's metadata, `mlsec_expect` / `mlsec_ok`, as
 * `{ "code", "cell", "output" }` (as the rule fixtures do). Prints, per category, the labelled
 * positives and recall, and the ok lines and how many of them were reported.
 *
 * MLSec runs through its CLI's JSON output (one scan per directory, so the project's requirements and
 * configuration count as they would for a user). Bandit (the `bandit` command) and Ruff (its
 * WebAssembly build, `--select S`) see the same `.py` files and, since neither reads `.ipynb`, each
 * notebook's code cells extracted to one `.py` (each IPython magic or shell escape replaced by `pass`
 * with the escape in a comment, cells of `%%bash` and other non-Python cell magics commented out,
 * which keeps the line numbers and the blocks); they never see outputs, so output labels are misses for them.
 *
 * Exit code: 0, or 1 when --min-recall is not met, 2 when a tool fails to run.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { annotations } from '../test/support/fixtures';

export const CATEGORIES = ['deserialization', 'secrets', 'supply-chain', 'privacy', 'llm-application'] as const;
export type EvalCategory = (typeof CATEGORIES)[number];
export const TOOLS = ['mlsec', 'bandit', 'ruff'] as const;
export type Tool = (typeof TOOLS)[number];

/** MLSec's category of a code, from its hundreds digit (model files, 15x, are deserialization). */
export function categoryOfCode(code: string): EvalCategory | undefined {
  const m = /^MLS([1-5])\d\d$/.exec(code);
  return m ? CATEGORIES[Number(m[1]) - 1] : undefined;
}

/**
 * Peers' codes by the MLSec category they compare with. A peer with no code for a category has no
 * rule there. Bandit's and Ruff's generic sinks (eval, shell, SQL strings, unescaped markup, pickle
 * and yaml) are counted for the LLM-application category: they fire on the sink whatever flows in.
 */
export const PEER_MAP: Record<Exclude<Tool, 'mlsec'>, Record<string, EvalCategory[]>> = {
  bandit: {
    B301: ['deserialization', 'llm-application'], // pickle, cPickle, dill, shelve, jsonpickle
    B302: ['deserialization'], // marshal
    B403: ['deserialization'], // import pickle / dill / shelve (on the import line)
    B506: ['deserialization', 'llm-application'], // yaml.load
    B614: ['deserialization'], // torch.load (Bandit 1.8.1 and later)
    B105: ['secrets'],
    B106: ['secrets'],
    B107: ['secrets'],
    B615: ['supply-chain'], // Hugging Face download without a revision (Bandit 1.8.3 and later)
    B102: ['llm-application'], // exec
    B307: ['llm-application'], // eval
    B602: ['llm-application'], // subprocess with shell=True
    B604: ['llm-application'], // any function with shell=True
    B605: ['llm-application'], // os.system, os.popen
    B608: ['llm-application'], // SQL built from strings
    B308: ['llm-application'], // mark_safe
    B701: ['llm-application'], // jinja2 autoescape=False
    B702: ['llm-application'], // mako templates
    B703: ['llm-application'], // django mark_safe
  },
  ruff: {
    S301: ['deserialization', 'llm-application'],
    S302: ['deserialization'],
    S403: ['deserialization'],
    S506: ['deserialization', 'llm-application'],
    S105: ['secrets'],
    S106: ['secrets'],
    S107: ['secrets'],
    S102: ['llm-application'],
    S307: ['llm-application'],
    S602: ['llm-application'],
    S604: ['llm-application'],
    S605: ['llm-application'],
    S608: ['llm-application'],
    S308: ['llm-application'],
    S701: ['llm-application'],
    S704: ['llm-application'],
  },
};

/** Ruff's S rules at the pinned version: every code in PEER_MAP.ruff exists there. */
const RUFF_CODES = Object.keys(PEER_MAP.ruff);

export interface Label {
  file: string;
  kind: 'ruleid' | 'ok';
  code: string;
  category: EvalCategory;
  /** 1-based line in the file, or in the cell for notebooks. */
  line?: number;
  /**
   * The last line of the statement that starts on `line` (a compound statement's header: `def`,
   * `with`, `if` up to their colon): a finding anywhere in it is on the labelled code, as reviewers
   * label a multi-line call on its first line while a rule may report on its `revision=` argument.
   */
  lastLine?: number;
  cell?: number;
  /** A notebook output label: that output of the cell, or any output of it when the label names none. */
  output?: number | 'any';
}

export interface Found {
  file: string;
  code: string;
  line?: number;
  cell?: number;
  output?: number;
}

interface Source {
  file: string;
  notebook: boolean;
  /** The Python peers read: the file itself, or a notebook's code cells one after the other. */
  python: string;
  /** For notebooks: the cell of each line of `python` (1-based), and that line in the cell. */
  cellOf?: { cell: number; line: number }[];
}

const ROOT = path.join(__dirname, '..');

/** Runs a command to its end, without blocking: the tools run side by side. */
function run(cmd: string, args: string[], cwd?: string): Promise<{ status: number | null; stdout: string; stderr: string; error?: Error }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (error) => resolve({ status: null, stdout: '', stderr: '', error }));
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

function walk(dir: string, out: string[] = [], base = dir): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.') || e.name === 'node_modules' || e.name === '__pycache__') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out, base);
    else if (e.name.endsWith('.py') || e.name.endsWith('.ipynb')) out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out;
}

function cellText(source: unknown): string {
  return Array.isArray(source) ? source.join('') : typeof source === 'string' ? source : '';
}

/** Reads one labelled file: its labels, and what the peers get to read. */
export function readLabelled(dir: string, file: string): { labels: Label[]; source: Source; warnings: string[] } {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const labels: Label[] = [];
  const warnings: string[] = [];
  const push = (l: Omit<Label, 'category'>) => {
    const category = categoryOfCode(l.code);
    if (category) labels.push({ ...l, category });
    else warnings.push(`${file}: ${l.code} is not a code of any measured category`);
  };
  const fromLines = (lines: string[], cell?: number) => {
    for (const a of annotations(lines)) {
      if (a.kind !== 'ruleid' && a.kind !== 'ok') continue;
      if (a.line >= lines.length) warnings.push(`${file}${cell !== undefined ? ` cell ${cell}` : ''}:${a.at + 1}: annotation with no line after it`);
      else push({ file, kind: a.kind, code: a.code, line: a.line + 1, ...(cell !== undefined ? { cell } : {}) });
    }
  };
  if (!file.endsWith('.ipynb')) {
    fromLines(text.split('\n'));
    return { labels, source: { file, notebook: false, python: text }, warnings };
  }
  let nb: { cells?: { cell_type?: string; source?: unknown }[]; metadata?: Record<string, unknown> };
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not a notebook (${(e as Error).message})`);
  }
  const py: string[] = [];
  const cellOf: { cell: number; line: number }[] = [];
  (nb.cells ?? []).forEach((c, i) => {
    if (c.cell_type !== 'code') return;
    const lines = cellText(c.source).replace(/\n$/, '').split('\n');
    fromLines(lines, i);
    // A cell magic that runs its body as Python (`%%time`) keeps the body; any other (`%%bash`) is not Python.
    const cellMagic = /^\s*%%/.test(lines[0] ?? '') && !PYTHON_CELL_MAGIC.test(lines[0]);
    lines.forEach((l, j) => {
      py.push(cellMagic ? `# ${l}` : pythonLine(l));
      cellOf.push({ cell: i, line: j + 1 });
    });
    py.push('');
    cellOf.push({ cell: i, line: lines.length + 1 });
  });
  for (const kind of ['ruleid', 'ok'] as const) {
    const list = nb.metadata?.[kind === 'ruleid' ? 'mlsec_expect' : 'mlsec_ok'];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      warnings.push(`${file}: metadata.${kind === 'ruleid' ? 'mlsec_expect' : 'mlsec_ok'} is not a list`);
      continue;
    }
    for (const w of list as { code?: unknown; cell?: unknown; output?: unknown }[]) {
      if (typeof w.code !== 'string' || typeof w.cell !== 'number') warnings.push(`${file}: output label without a code and a cell: ${JSON.stringify(w)}`);
      else push({ file, kind, code: w.code, cell: w.cell, output: typeof w.output === 'number' ? w.output : 'any' });
    }
  }
  return { labels, source: { file, notebook: true, python: py.join('\n') + '\n', cellOf }, warnings };
}

/** Runs `mlsec scan` on a directory and returns its findings, paths relative to the directory. */
export async function runMlsec(dir: string): Promise<Found[]> {
  const bin = path.join(ROOT, 'bin', 'mlsec.js');
  const r = await run(process.execPath, [bin, 'scan', '.', '--format', 'json', '--no-cache', '--fail-on', 'never', '--quiet'], dir);
  if (r.status !== 0) throw new Error(`mlsec scan ${dir} failed (exit ${r.status}): ${r.stderr || r.error?.message}`);
  const doc = JSON.parse(r.stdout) as { findings: { code: string; path: string; line: number; cell?: number; output?: number }[] };
  return doc.findings.map((f) => ({
    file: f.path.split(path.sep).join('/'),
    code: f.code,
    ...(f.cell !== undefined ? { cell: f.cell } : {}),
    ...(f.output !== undefined ? { output: f.output } : { line: f.line }),
  }));
}

/** Maps a line of the Python the peers read back to the labelled file. */
function place(source: Source, line: number): Pick<Found, 'line' | 'cell'> {
  if (!source.cellOf) return { line };
  const at = source.cellOf[line - 1];
  return at ? { cell: at.cell, line: at.line } : { line: -1 };
}

export function banditVersion(): string | undefined {
  const r = spawnSync('bandit', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0 || r.error) return undefined;
  return /bandit\s+([\d.]+)/.exec(r.stdout)?.[1] ?? 'unknown';
}

/** The Bandit tests installed (their ids), read from `bandit -h`. */
async function banditTests(): Promise<Set<string>> {
  const r = await run('bandit', ['-h']);
  return new Set([...(r.stdout ?? '').matchAll(/^\s+(B\d{3})\s/gm)].map((m) => m[1]));
}

/** Bandit over the sources written to a temporary folder (notebooks as their extracted code). */
export async function runBandit(sources: Source[]): Promise<{ found: Found[]; errors: string[] }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-eval-'));
  try {
    const src = path.join(tmp, 'src');
    fs.mkdirSync(src);
    const byTemp = new Map<string, Source>();
    sources.forEach((s, i) => {
      const name = `f${i}.py`;
      fs.writeFileSync(path.join(src, name), s.python);
      byTemp.set(name, s);
    });
    const out = path.join(tmp, 'report.json');
    const r = await run('bandit', ['-r', '-q', '-f', 'json', '-o', out, src]);
    if (!fs.existsSync(out)) throw new Error(`bandit failed (exit ${r.status}): ${r.stderr}`);
    const doc = JSON.parse(fs.readFileSync(out, 'utf8')) as { results: { filename: string; test_id: string; line_number: number }[]; errors: { filename: string; reason: string }[] };
    const found: Found[] = [];
    for (const res of doc.results) {
      const s = byTemp.get(path.basename(res.filename));
      if (s) found.push({ file: s.file, code: res.test_id, ...place(s, res.line_number) });
    }
    const errors = doc.errors.map((e) => `${byTemp.get(path.basename(e.filename))?.file ?? e.filename}: ${e.reason}`);
    return { found, errors };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Ruff's S rules, in process through its WebAssembly build. */
export function runRuff(sources: Source[]): { found: Found[]; errors: string[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');
  const ws = new Workspace({ lint: { select: ['S'] } }, PositionEncoding.Utf16);
  const found: Found[] = [];
  const errors: string[] = [];
  for (const s of sources) {
    for (const d of ws.check(s.python) as { code: string | null; start_location: { row: number } }[]) {
      if (!d.code || !/^S\d+$/.test(d.code)) {
        if (d.code === 'invalid-syntax' && !errors.some((e) => e.startsWith(`${s.file}:`))) errors.push(`${s.file}: syntax error at line ${d.start_location.row}`);
        continue;
      }
      found.push({ file: s.file, code: d.code, ...place(s, d.start_location.row) });
    }
  }
  return { found, errors };
}

export interface Score {
  /** Labelled positives and how many were reported with the labelled code (MLSec) or a code of the category (peers). */
  positives: number;
  hits: number;
  /** MLSec only: positives reported by some code of the same category. */
  categoryHits?: number;
  okLines: number;
  falsePositives: number;
  /** Findings of the category on no labelled line of it (neither ruleid nor ok). */
  unlabelled: number;
  /** False when the tool has no rule for this category. */
  hasRule: boolean;
}

export interface Miss {
  tool: Tool;
  kind: 'missed' | 'false positive';
  label: Label;
}

export interface Evaluation {
  dirs: string[];
  files: number;
  notebooks: number;
  labelledLines: number;
  tools: Record<Tool, { available: boolean; version?: string; note?: string }>;
  scores: Record<Tool, Record<EvalCategory, Score>>;
  misses: Miss[];
  /** MLSec's findings on lines with no label of their category. */
  unlabelled: Found[];
  /** MLSec by labelled code: positives and those found with that code, ok lines and those reported with it. */
  byCode: Record<string, CodeScore>;
  warnings: string[];
}

export interface CodeScore {
  positives: number;
  hits: number;
  okLines: number;
  falsePositives: number;
}

/** MLSec's figures for each labelled code: a label counts for its own code only. */
export function scoreByCode(labels: Label[], found: Found[]): Record<string, CodeScore> {
  const out: Record<string, CodeScore> = {};
  for (const l of labels) {
    const s = (out[l.code] ??= { positives: 0, hits: 0, okLines: 0, falsePositives: 0 });
    const hit = found.some((f) => f.code === l.code && sameSpot(l, f));
    if (l.kind === 'ruleid') {
      s.positives++;
      if (hit) s.hits++;
    } else {
      s.okLines++;
      if (hit) s.falsePositives++;
    }
  }
  return out;
}

/**
 * Groups of codes whose figures are judged together: the LLM rules' bar is set for output handling
 * (MLS501-MLS504) and for dangerous switches (MLS505-MLS506) apart.
 */
export const CODE_GROUPS: Record<string, string[]> = {
  'LLM output handling': ['MLS501', 'MLS502', 'MLS503', 'MLS504'],
  'LLM dangerous switches': ['MLS505', 'MLS506'],
};

/** MLSec by labelled code, and by group, as a Markdown table. */
export function formatCodeTable(byCode: Record<string, CodeScore>): string {
  const rows = [['Code', 'Labelled', 'MLSec recall', 'ok lines', 'MLSec false positives'], ['---', '---', '---', '---', '---']];
  const row = (name: string, s: CodeScore) => [name, String(s.positives), `${s.hits} (${ratio(s.hits, s.positives)})`, String(s.okLines), `${s.falsePositives} (${percent(s.falsePositives, s.okLines)})`];
  for (const code of Object.keys(byCode).sort()) rows.push(row(code, byCode[code]));
  for (const [name, codes] of Object.entries(CODE_GROUPS)) {
    const in_ = codes.filter((c) => byCode[c]);
    if (!in_.length) continue;
    const sum = (k: keyof CodeScore) => in_.reduce((n, c) => n + byCode[c][k], 0);
    rows.push(row(`**${name}** (${codes[0]}-${codes[codes.length - 1]})`, { positives: sum('positives'), hits: sum('hits'), okLines: sum('okLines'), falsePositives: sum('falsePositives') }));
  }
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function where(x: { file: string; cell?: number; line?: number; output?: number | 'any' }): string {
  return `${x.file}${x.cell !== undefined ? `#${x.cell}` : ''}${x.output !== undefined ? `!${x.output}` : `:${x.line}`}`;
}

function sameSpot(l: Label, f: Found): boolean {
  if (l.file !== f.file || l.cell !== f.cell) return false;
  if (l.output !== undefined) return f.output !== undefined && (l.output === 'any' || l.output === f.output);
  return f.output === undefined && f.line !== undefined && l.line !== undefined && f.line >= l.line && f.line <= (l.lastLine ?? l.line);
}

/** Cell magics whose body is Python, run as it is (timed, captured, profiled). */
const PYTHON_CELL_MAGIC = /^\s*%%(time|timeit|capture|prun)\b/;

/**
 * A notebook line as the peers read it: an IPython escape (`!pip install x`, `%matplotlib inline`,
 * `%%time`) becomes `pass` with the escape in a comment, at its indentation, so that the block it
 * stands in (an `if` holding only a `!pip install`) still parses and the line numbers stay.
 */
export function pythonLine(l: string): string {
  const m = /^(\s*)([!%].*)$/.exec(l);
  return m ? `${m[1]}pass  # ${m[2]}` : l;
}

const COMPOUND_BODY = new Set(['block', 'comment']);

/**
 * For each 1-based line of `python` on which a statement starts, the 1-based line where it ends;
 * for a compound statement, where its header ends (the line before its body, or its own line for
 * `if x: y`). From tree-sitter's parse, which recovers around syntax errors.
 */
export async function statementEnds(python: string): Promise<Map<number, number>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Parser, Language } = require('web-tree-sitter') as typeof import('web-tree-sitter');
  if (!statementParser) {
    await Parser.init();
    const parser = new Parser();
    parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
    statementParser = parser;
  }
  const tree = statementParser.parse(python);
  const ends = new Map<number, number>();
  if (!tree) return ends;
  const visit = (node: import('web-tree-sitter').Node) => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (node.type === 'module' || node.type === 'block' || node.type === 'decorated_definition') {
        const start = child.startPosition.row + 1;
        ends.set(start, Math.max(ends.get(start) ?? start, headerEnd(child)));
      }
      visit(child);
    }
  };
  visit(tree.rootNode);
  tree.delete();
  return ends;
}
let statementParser: import('web-tree-sitter').Parser | undefined;

/** The 1-based last line of a simple statement, or of a compound statement's header. */
function headerEnd(node: import('web-tree-sitter').Node): number {
  const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : null;
  if (definition) return headerEnd(definition);
  const body = node.childForFieldName('body') ?? node.namedChildren.find((c) => c?.type === 'block') ?? null;
  if (body && COMPOUND_BODY.has(body.type)) return body.startPosition.row > node.startPosition.row ? body.startPosition.row : node.startPosition.row + 1;
  return node.endPosition.column === 0 && node.endPosition.row > node.startPosition.row ? node.endPosition.row : node.endPosition.row + 1;
}

/** Sets each line label's `lastLine` from the statement that starts on its line. */
async function spanLabels(labels: Label[], sources: Source[]): Promise<void> {
  for (const source of sources) {
    const mine = labels.filter((l) => l.file === source.file && l.line !== undefined && l.output === undefined);
    if (!mine.length) continue;
    const ends = await statementEnds(source.python);
    if (!source.cellOf) {
      for (const l of mine) l.lastLine = ends.get(l.line!) ?? l.line;
      continue;
    }
    // A notebook: its code cells one after the other, mapped back to (cell, line).
    const index = new Map(source.cellOf.map((c, i) => [`${c.cell}:${c.line}`, i + 1]));
    for (const l of mine) {
      const at = index.get(`${l.cell}:${l.line}`);
      const end = at === undefined ? undefined : ends.get(at);
      const to = end === undefined ? undefined : source.cellOf[end - 1];
      l.lastLine = to && to.cell === l.cell ? to.line : l.line;
    }
  }
}

/** Scores one tool's findings against the labels. `categoriesOf` maps a finding's code to the categories it counts for. */
export function score(tool: Tool, labels: Label[], found: Found[], categoriesOf: (code: string) => EvalCategory[], hasRule: (c: EvalCategory) => boolean, misses: Miss[], unlabelled: Found[] = []): Record<EvalCategory, Score> {
  const out = {} as Record<EvalCategory, Score>;
  for (const c of CATEGORIES) out[c] = { positives: 0, hits: 0, ...(tool === 'mlsec' ? { categoryHits: 0 } : {}), okLines: 0, falsePositives: 0, unlabelled: 0, hasRule: hasRule(c) };
  const inCategory = (f: Found, c: EvalCategory) => categoriesOf(f.code).includes(c);
  for (const l of labels) {
    const s = out[l.category];
    const here = found.filter((f) => sameSpot(l, f));
    const exact = tool === 'mlsec' ? here.some((f) => f.code === l.code) : here.some((f) => inCategory(f, l.category));
    const category = here.some((f) => inCategory(f, l.category));
    if (l.kind === 'ruleid') {
      s.positives++;
      if (exact) s.hits++;
      if (tool === 'mlsec' && category) s.categoryHits!++;
      if (!exact && s.hasRule) misses.push({ tool, kind: 'missed', label: l });
    } else {
      s.okLines++;
      if (exact) {
        s.falsePositives++;
        misses.push({ tool, kind: 'false positive', label: l });
      }
    }
  }
  for (const f of found) {
    for (const c of categoriesOf(f.code)) {
      if (!labels.some((l) => l.category === c && sameSpot(l, f))) {
        out[c].unlabelled++;
        unlabelled.push(f);
      }
    }
  }
  return out;
}

export interface EvalOptions {
  /** Skip a peer (the unit test checks one tool at a time). */
  peers?: boolean;
}

export async function evaluate(dirs: string[], opts: EvalOptions = {}): Promise<Evaluation> {
  const labels: Label[] = [];
  const warnings: string[] = [];
  const found: Record<Tool, Found[]> = { mlsec: [], bandit: [], ruff: [] };
  const sources: Source[] = [];
  let files = 0;
  let notebooks = 0;
  const multi = dirs.length > 1;
  const scans: Promise<Found[]>[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`not a directory: ${dir}`);
    const prefix = multi ? `${path.basename(path.resolve(dir))}/` : '';
    for (const file of walk(dir)) {
      let read;
      try {
        read = readLabelled(dir, file);
      } catch (e) {
        warnings.push((e as Error).message);
        continue;
      }
      files++;
      if (read.source.notebook) notebooks++;
      labels.push(...read.labels.map((l) => ({ ...l, file: prefix + l.file })));
      sources.push({ ...read.source, file: prefix + read.source.file });
      warnings.push(...read.warnings);
    }
    scans.push(runMlsec(dir).then((list) => list.map((f) => ({ ...f, file: prefix + f.file }))));
  }
  await spanLabels(labels, sources);
  const tools: Evaluation['tools'] = { mlsec: { available: true }, bandit: { available: false }, ruff: { available: false } };
  const bandit = opts.peers === false ? undefined : banditVersion();
  // Bandit and the MLSec scans run in other processes while Ruff runs in this one.
  const banditRun = bandit ? Promise.all([banditTests(), runBandit(sources)]) : undefined;
  if (opts.peers !== false) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    tools.ruff = { available: true, version: require('@astral-sh/ruff-wasm-nodejs/package.json').version };
    const r = runRuff(sources);
    found.ruff = r.found;
    if (r.errors.length) tools.ruff.note = `syntax errors in ${r.errors.length} file(s): ${r.errors.join('; ')}`;
  }
  found.mlsec = (await Promise.all(scans)).flat();
  let banditCodes = new Set<string>();
  if (bandit && banditRun) {
    const [codes, r] = await banditRun;
    banditCodes = codes;
    tools.bandit = { available: true, version: bandit };
    found.bandit = r.found;
    if (r.errors.length) tools.bandit.note = `could not parse ${r.errors.length} file(s): ${r.errors.join('; ')}`;
  } else if (opts.peers !== false) {
    tools.bandit.note = 'bandit is not installed (apt-get install python3-bandit): its columns are skipped';
  }
  const misses: Miss[] = [];
  const unlabelled: Found[] = [];
  const mlsecOf = (code: string) => {
    const c = categoryOfCode(code);
    return c ? [c] : [];
  };
  const peerOf = (tool: 'bandit' | 'ruff') => (code: string) => PEER_MAP[tool][code] ?? [];
  const peerHas = (tool: 'bandit' | 'ruff', available: (code: string) => boolean) => (c: EvalCategory) => Object.entries(PEER_MAP[tool]).some(([code, cats]) => cats.includes(c) && available(code));
  const scores = {
    mlsec: score('mlsec', labels, found.mlsec, mlsecOf, () => true, misses, unlabelled),
    bandit: score('bandit', labels, found.bandit, peerOf('bandit'), peerHas('bandit', (code) => banditCodes.has(code)), misses),
    ruff: score('ruff', labels, found.ruff, peerOf('ruff'), peerHas('ruff', (code) => RUFF_CODES.includes(code)), misses),
  };
  const lines = new Set(labels.map((l) => where(l)));
  return { dirs, files, notebooks, labelledLines: lines.size, tools, scores, misses, unlabelled, byCode: scoreByCode(labels, found.mlsec), warnings };
}

const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : '-');
const percent = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');

/** The report as a Markdown table (the README's Evaluation section shows it). */
export function formatTable(e: Evaluation): string {
  const peers = (['bandit', 'ruff'] as const).filter((t) => e.tools[t].available);
  const head = ['Category', 'Labelled', 'MLSec recall', 'MLSec, any code of the category', 'ok lines', 'MLSec false positives', ...peers.flatMap((t) => [`${t === 'bandit' ? 'Bandit' : 'Ruff S'} recall`, `${t === 'bandit' ? 'Bandit' : 'Ruff S'} false positives`])];
  const rows = [head, head.map(() => '---')];
  const total = (t: Tool, k: keyof Score) => CATEGORIES.reduce((n, c) => n + (e.scores[t][c].hasRule ? Number(e.scores[t][c][k] ?? 0) : 0), 0);
  for (const c of [...CATEGORIES, 'all' as const]) {
    const m = c === 'all' ? undefined : e.scores.mlsec[c];
    const pos = m ? m.positives : total('mlsec', 'positives');
    const ok = m ? m.okLines : total('mlsec', 'okLines');
    const hits = m ? m.hits : total('mlsec', 'hits');
    const cat = m ? m.categoryHits! : total('mlsec', 'categoryHits');
    const fp = m ? m.falsePositives : total('mlsec', 'falsePositives');
    const row = [c, String(pos), `${hits} (${ratio(hits, pos)})`, `${cat} (${ratio(cat, pos)})`, String(ok), `${fp} (${percent(fp, ok)})`];
    for (const t of peers) {
      if (c === 'all') {
        const withRule = CATEGORIES.filter((k) => e.scores[t][k].hasRule);
        const p = withRule.reduce((n, k) => n + e.scores[t][k].positives, 0);
        const h = withRule.reduce((n, k) => n + e.scores[t][k].hits, 0);
        const o = withRule.reduce((n, k) => n + e.scores[t][k].okLines, 0);
        const f = withRule.reduce((n, k) => n + e.scores[t][k].falsePositives, 0);
        row.push(`${h}/${p} (${ratio(h, p)})`, `${f}/${o} (${percent(f, o)})`);
      } else {
        const s = e.scores[t][c];
        if (!s.hasRule) row.push('no rule', 'no rule');
        else row.push(`${s.hits} (${ratio(s.hits, s.positives)})`, `${s.falsePositives} (${percent(s.falsePositives, s.okLines)})`);
      }
    }
    rows.push(c === 'all' ? row.map((x) => `**${x}**`) : row);
  }
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export function formatText(e: Evaluation, details: boolean): string {
  const out: string[] = [];
  out.push(`Labelled code in ${e.dirs.join(', ')}: ${e.files} files (${e.notebooks} notebooks), ${e.labelledLines} labelled lines.`);
  out.push('');
  out.push(formatTable(e));
  out.push('');
  out.push('By labelled code (MLSec):', '', formatCodeTable(e.byCode));
  out.push('');
  out.push('MLSec recall: the labelled code on the labelled statement (a simple statement whole, a compound one up to its colon); "any code of the category": some MLSec code of that category there.');
  out.push('Peers: any finding of a code mapped to the category on the statement (scripts/eval.ts, PEER_MAP); notebooks as their code cells extracted to .py, outputs unseen.');
  out.push('"all" sums the categories where the tool has a rule.');
  for (const t of TOOLS) {
    const info = e.tools[t];
    const name = t === 'mlsec' ? 'MLSec' : t === 'bandit' ? 'Bandit' : 'Ruff';
    if (info.version) out.push(`${name} ${info.version}.`);
    if (info.note) out.push(`${name}: ${info.note}`);
  }
  const unl = CATEGORIES.map((c) => `${c} ${e.scores.mlsec[c].unlabelled}`).join(', ');
  out.push(`MLSec findings on lines labelled for no code of their category: ${unl}.`);
  if (e.warnings.length) out.push('', 'Warnings:', ...e.warnings.map((w) => `  ${w}`));
  if (details) {
    out.push('', 'Misses and false positives:');
    for (const m of e.misses) out.push(`  ${m.tool.padEnd(6)} ${m.kind.padEnd(14)} ${m.label.code} ${where(m.label)}`);
    out.push('', 'MLSec findings on lines labelled for no code of their category:');
    for (const f of e.unlabelled) out.push(`  ${f.code} ${where(f)}`);
  }
  return out.join('\n') + '\n';
}

/** `--min-recall 0.9` (every category with labels) or `--min-recall secrets=0.9,privacy=0.8`: the categories below it. */
export function belowMinimum(e: Evaluation, spec: string): string[] {
  const wanted = new Map<EvalCategory, number>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [a, b] = part.includes('=') ? part.split('=') : [undefined, part];
    const value = Number(b);
    if (!(value >= 0 && value <= 1)) throw new Error(`--min-recall: ${part} is not a number between 0 and 1`);
    if (a === undefined) CATEGORIES.forEach((c) => wanted.set(c, value));
    else if ((CATEGORIES as readonly string[]).includes(a)) wanted.set(a as EvalCategory, value);
    else throw new Error(`--min-recall: unknown category ${a} (one of ${CATEGORIES.join(', ')})`);
  }
  const below: string[] = [];
  for (const [c, min] of wanted) {
    const s = e.scores.mlsec[c];
    if (s.positives && s.hits / s.positives < min) below.push(`${c}: recall ${ratio(s.hits, s.positives)} < ${min}`);
  }
  return below;
}

async function main(argv: string[]): Promise<number> {
  const dirs: string[] = [];
  let format = 'text';
  let details = false;
  let minRecall: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format') format = argv[++i];
    else if (a.startsWith('--format=')) format = a.slice(9);
    else if (a === '--details') details = true;
    else if (a === '--min-recall') minRecall = argv[++i];
    else if (a.startsWith('--min-recall=')) minRecall = a.slice(13);
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: npm run eval -- [DIR...] [--format text|json] [--details] [--min-recall N | CATEGORY=N,...]\n');
      return 0;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else dirs.push(a);
  }
  if (format !== 'text' && format !== 'json') throw new Error(`--format: text or json, not ${format}`);
  const e = await evaluate(dirs.length ? dirs : [path.join(ROOT, 'test', 'corpus')]);
  if (!dirs.length) e.dirs = ['test/corpus'];
  process.stdout.write(format === 'json' ? JSON.stringify(e, null, 2) + '\n' : formatText(e, details));
  if (minRecall) {
    const below = belowMinimum(e, minRecall);
    if (below.length) {
      process.stderr.write(`below --min-recall: ${below.join('; ')}\n`);
      return 1;
    }
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: Error) => {
      process.stderr.write(`eval: ${e.message}\n`);
      process.exitCode = 2;
    },
  );
}
