import * as fs from 'fs';
import * as path from 'path';
import { isEnabled, type Severity } from '../engine';
import { configFor, findConfigFile, loadConfig, type FailOn } from '../project/config';
import { discover, excludedBy, isLintable } from '../project/files';
import { hasModelExtension, isModelFile } from '../model-files';
import { fileHead } from '../project/model-source';
import { scanModelFiles } from './model-scan';
import { changedSince, GitError } from '../project/git';
import { projectFactsFor } from '../project/requirements';
import { ScanCache } from '../project/scan-cache';
import { DEFAULT_MAX_FILE_SIZE } from '../project/size-limit';
import { RULES } from '../rules';
import { baselineText, fingerprints, readBaseline } from './baseline';
import { formatGithub } from './format/github';
import { formatGitlab } from './format/gitlab';
import { formatJson } from './format/json';
import { formatJunit } from './format/junit';
import { formatSarif } from './format/sarif';
import { formatStatistics } from './format/statistics';
import { formatText } from './format/text';
import { readCached } from './cached';
import { cacheable, type FileResult, type FileTask } from './lint-file';
import { runTasks } from './pool';
import { projectPass } from './project-pass';
import { SEVERITY_ORDER, type ScanReport } from './report';

export interface ScanOptions {
  format: 'text' | 'json' | 'sarif' | 'github' | 'gitlab' | 'junit';
  changedSince?: string;
  output?: string;
  select?: string[];
  ignore?: string[];
  fix: boolean;
  /** `--diff`: the fixes `fix` would apply, printed as a diff instead; no file is written. */
  diff?: boolean;
  /** `--statistics`: how many findings each rule made, instead of the findings. */
  statistics?: boolean;
  /** `--stdin-filename`: lint standard input as this file; with `fix`, the fixed source goes to stdout and the report to stderr. */
  stdinFilename?: string;
  unsafeFixes: boolean;
  baseline?: string;
  writeBaseline?: string;
  failOn?: FailOn;
  color: boolean;
  quiet: boolean;
  config?: string;
  jobs?: number;
  /** False for `--no-cache`. */
  cache: boolean;
  cacheDir?: string;
  version: string;
}

export class UsageError extends Error {}


/**
 * The project root when no configuration file names one: the working folder, unless the paths
 * scanned lie outside it (\`mlsec scan ../other-project\`), where it is the folder that holds them
 * all. Paths relative to the root name the modules (which file imports which) and key the cache.
 */
function defaultRoot(cwd: string, targets: string[]): string {
  const abs = targets.map((t) => path.resolve(cwd, t));
  const inside = (dir: string, p: string) => {
    const rel = path.relative(dir, p);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  if (abs.every((p) => inside(cwd, p))) return cwd;
  const dirs = abs.map((p) => (fs.existsSync(p) && fs.statSync(p).isDirectory() ? p : path.dirname(p)));
  let root = dirs[0];
  while (!dirs.every((d) => inside(root, d)) && path.dirname(root) !== root) root = path.dirname(root);
  return root;
}

/** Runs a scan and returns the exit code: 0 clean, 1 findings at or above fail-on, 2 usage errors. */
export async function scan(paths: string[], opts: ScanOptions): Promise<number> {
  const cwd = process.cwd();
  checkOptions(paths, opts);
  const targets = opts.stdinFilename ? [opts.stdinFilename] : paths.length ? paths : ['.'];
  const configFile = opts.config ? path.resolve(opts.config) : findConfigFile(targets[0]);
  if (opts.config && !fs.existsSync(configFile!)) throw new UsageError(`config file not found: ${opts.config}`);
  const project = loadConfig(configFile, defaultRoot(cwd, targets));
  // Standard input is linted as the file it names, whether or not that file exists, unless it is
  // excluded (as a file named on the command line is).
  const models = !opts.stdinFilename && project.modelFiles !== false;
  let { files, missing } = opts.stdinFilename ? { files: stdinTarget(opts.stdinFilename, project.root, project.exclude), missing: [] } : discover(targets, project.root, project.exclude, models ? withModelFiles : isLintable);
  for (const m of missing) throw new UsageError(`no such file or directory: ${m}`);
  const stdin = opts.stdinFilename ? readStdin() : undefined;
  if (opts.changedSince) {
    let changed: Set<string>;
    try {
      changed = new Set(changedSince(opts.changedSince, cwd));
    } catch (e) {
      if (e instanceof GitError) throw new UsageError(e.message);
      throw e;
    }
    files = files.filter((f) => changed.has(f));
  }
  const baseline = opts.baseline ? readBaseline(opts.baseline) : undefined;
  const modelTasks = models ? takeModelFiles(files).map((file) => ({ path: file, rel: toPosix(path.relative(project.root, file)), config: configFor(project, toPosix(path.relative(project.root, file)), { select: opts.select, ignore: opts.ignore }) })) : [];
  const modelPaths = new Set(modelTasks.map((t) => t.path));
  if (modelPaths.size) files = files.filter((f) => !modelPaths.has(f));

  const factsCache = new Map();
  const tasks: FileTask[] = files.map((file) => {
    const rel = toPosix(path.relative(project.root, file));
    return {
      path: file,
      rel,
      config: configFor(project, rel, { select: opts.select, ignore: opts.ignore }),
      project: projectFactsFor(path.dirname(file), project.torchVersion, factsCache),
      fix: opts.fix || opts.diff ? (opts.unsafeFixes ? 'unsafe' : 'safe') : 'none',
      diff: opts.diff,
      ...(stdin ? { stdin } : {}),
      maxFileSize: project.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    };
  });
  // A fix rewrites files: those scans lint everything and keep nothing (nor do their dry runs).
  const cache = opts.cache && !opts.fix && !opts.diff && !stdin ? openCache(opts, project.root) : undefined;
  const keys = tasks.map((t) => (cache ? ScanCache.keyOf([t.rel, t.config, t.project, t.maxFileSize]) : ''));
  const results: FileResult[] = new Array(tasks.length);
  const misses: number[] = [];
  tasks.forEach((t, i) => {
    const hit = cache && readCached(cache, t, keys[i]);
    if (hit) results[i] = hit;
    else misses.push(i);
  });
  const progress = process.stderr.isTTY && !opts.quiet && misses.length > 20;
  const linted = await runTasks(
    misses.map((i) => tasks[i]),
    (done) => {
      if (progress && (done % 10 === 0 || done === misses.length)) process.stderr.write(`\rScanning ${done}/${misses.length} files`);
    },
    opts.jobs,
  );
  if (progress) process.stderr.write('\r\x1b[K');
  misses.forEach((i, k) => {
    results[i] = linted[k];
    const lint = cache && cacheable(linted[k]);
    if (lint) cache.set(tasks[i].rel, linted[k].hash!, keys[i], lint, linted[k].stat, linted[k].readAt);
  });
  await projectPass(tasks, results, (again) => runTasks(again, () => {}, opts.jobs));

  // Model files have nothing to fix: --diff shows none of them.
  if (opts.diff) return printDiff(results, opts);
  results.push(...(await scanModelFiles(modelTasks)));

  const report: ScanReport = { root: project.root, files: results, findings: [], fixed: 0, toolVersion: opts.version, unsafeFixes: opts.unsafeFixes };
  const remaining = new Map(baseline);
  const allEntries: { fingerprint: string; code: string; path: string }[] = [];
  let hidden = 0;
  for (const file of results) {
    report.fixed += file.fixed;
    const prints = fingerprints(file);
    file.findings.forEach((finding, i) => {
      const fingerprint = prints[i];
      allEntries.push({ fingerprint, code: finding.code, path: file.rel });
      const left = remaining.get(fingerprint) ?? 0;
      if (baseline && left > 0) {
        remaining.set(fingerprint, left - 1);
        hidden++;
        return;
      }
      report.findings.push({ file, finding, fingerprint });
    });
  }
  if (baseline) report.baseline = { hidden, fixed: [...remaining.values()].reduce((a, b) => a + b, 0) };
  if (opts.writeBaseline) fs.writeFileSync(opts.writeBaseline, baselineText(allEntries));

  const sarifRules = () => RULES.filter((r) => isEnabled(r.meta.code, { select: opts.select ?? project.select, ignore: [...(project.ignore ?? []), ...(opts.ignore ?? [])] }) || report.findings.some((f) => f.finding.code === r.meta.code));
  const formats: Record<ScanOptions['format'], () => string> = {
    text: () => formatText(report, { color: opts.color, quiet: opts.quiet, cwd }),
    json: () => formatJson(report),
    sarif: () => formatSarif(report, sarifRules()),
    github: () => formatGithub(report),
    gitlab: () => formatGitlab(report),
    junit: () => formatJunit(report),
  };
  const rendered = opts.statistics ? formatStatistics(report, opts.format === 'json') : formats[opts.format]();
  // Fixing standard input, as a formatter does: the source goes back on stdout, the report elsewhere.
  const fixedSource = stdin && opts.fix ? (results[0]?.fixedBytes ?? stdin) : undefined;
  if (fixedSource) process.stdout.write(fixedSource);
  if (opts.output) fs.writeFileSync(opts.output, rendered);
  else (fixedSource ? process.stderr : process.stdout).write(rendered);
  try {
    cache?.save();
  } catch (e) {
    const rel = path.relative(cwd, cache!.dir);
    const where = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? cache!.dir : rel;
    if (!opts.quiet) process.stderr.write(`mlsec: warning: cannot write the scan cache in ${where} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): the next scan lints every file again; --no-cache skips the cache\n`);
  }

  const failOn = opts.failOn ?? project.failOn ?? 'warning';
  if (opts.writeBaseline || failOn === 'never') return 0;
  const threshold = SEVERITY_ORDER[failOn as Severity];
  return report.findings.some((f) => SEVERITY_ORDER[f.finding.severity] >= threshold) ? 1 : 0;
}

/** Refuses options that contradict each other, and codes that name no rule. */
function checkOptions(paths: string[], opts: ScanOptions): void {
  if (opts.stdinFilename && paths.length) throw new UsageError('--stdin-filename lints standard input: it takes no paths');
  if (opts.stdinFilename && opts.changedSince) throw new UsageError('--stdin-filename and --changed-since do not go together');
  if (opts.diff && opts.format !== 'text') throw new UsageError('--diff prints a diff: it takes no --format');
  if (opts.diff && opts.writeBaseline) throw new UsageError('--diff and --write-baseline do not go together');
  if (opts.statistics && opts.format !== 'text' && opts.format !== 'json') throw new UsageError('--statistics prints a table, or JSON with --format json');
  if (opts.statistics && opts.diff) throw new UsageError('--statistics and --diff do not go together');
  for (const code of [...(opts.select ?? []), ...(opts.ignore ?? [])]) {
    if (!/^(ALL|MLS\d{0,3})$/i.test(code)) throw new UsageError(`not a rule code or prefix: \`${code}\` (expected e.g. MLS101, MLS1 or ALL)`);
    if (/^MLS\d{3}$/i.test(code) && !RULES.some((r) => r.meta.code === code.toUpperCase())) throw new UsageError(`unknown rule code: \`${code}\` (see \`mlsec rules\`)`);
  }
}

/** The file `--stdin-filename` names, or none when the project excludes it. */
function stdinTarget(name: string, root: string, exclude: string[]): string[] {
  const abs = path.resolve(name);
  return excludedBy(exclude)(toPosix(path.relative(root, abs))) ? [] : [abs];
}

/** The bytes piped in for `--stdin-filename`. */
function readStdin(): Buffer {
  if (process.stdin.isTTY) throw new UsageError('--stdin-filename reads the source from standard input, and nothing is piped in');
  return fs.readFileSync(0);
}

/**
 * `--diff`: each file's diff in scan order, on stdout or in `--output`; on stderr, what would be
 * fixed, the files that could not be read and the warnings (a file that cannot be fixed says why).
 * Exit 1 when a fix would change something, as a check in CI that the fixes were applied.
 */
function printDiff(results: FileResult[], opts: ScanOptions): number {
  const changed = results.filter((r) => r.diff);
  const text = changed.map((r) => r.diff).join('');
  if (opts.output) fs.writeFileSync(opts.output, text);
  else process.stdout.write(text);
  if (!opts.quiet) {
    for (const r of results) {
      if (r.error) process.stderr.write(`mlsec: ${r.rel}: ${r.error}\n`);
      // As the text output shows them: a file left unfixed says why here.
      for (const w of r.warnings) process.stderr.write(`warning: ${r.rel}: ${w}\n`);
    }
    const fixed = changed.reduce((n, r) => n + r.fixed, 0);
    const flag = opts.unsafeFixes ? '--fix --unsafe-fixes' : '--fix';
    process.stderr.write(fixed ? `Would fix ${fixed} problem${fixed === 1 ? '' : 's'} in ${changed.length} file${changed.length === 1 ? '' : 's'} (apply with \`${flag}\`).\n` : `No fixes to apply${opts.unsafeFixes ? '' : ' (`--unsafe-fixes` shows the ones that may change behaviour)'}.\n`);
  }
  return changed.length ? 1 : 0;
}

/** The cache of this project for this build, or none when the build's files or a cache folder cannot be found. */
function openCache(opts: ScanOptions, root: string): ScanCache | undefined {
  // The bundles that lint (this one for small scans, the workers' for large ones) and the grammar.
  const files = [__filename, path.join(__dirname, 'worker.js'), path.join(__dirname, 'tree-sitter.wasm'), path.join(__dirname, 'tree-sitter-python.wasm')];
  try {
    const tool = ScanCache.toolKey(opts.version, files);
    // The user's cache folder comes from the home folder, which a service account may lack.
    const dir = opts.cacheDir ?? (process.env.MLSEC_CACHE_DIR || ScanCache.defaultDir());
    return ScanCache.open(path.resolve(dir), root, tool);
  } catch {
    return undefined;
  }
}

/** A folder walk keeps model files by extension as well as Python files and notebooks. */
function withModelFiles(name: string): boolean {
  return isLintable(name) || hasModelExtension(name);
}

/** The model files among the files to scan: by extension, or (a file named on the command line) by its first bytes. */
function takeModelFiles(files: string[]): string[] {
  return files.filter((f) => !isLintable(f) && (hasModelExtension(f) || isModelFile(f, fileHead(f))));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
