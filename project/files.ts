import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

/** Finds the `.py` and `.ipynb` files under the given paths, honouring `.gitignore` files and `exclude` globs. */

export interface Discovered {
  files: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

/**
 * Folders never walked into (a path given on the command line is still scanned): version control,
 * caches, and installed packages, as Ruff's default excludes. Any folder holding a `pyvenv.cfg` (a
 * virtualenv) or a `conda-meta/` (a conda environment) is an environment, whatever its name (`env/`),
 * and is skipped too: its packages are thousands of files that are not the project's.
 */
const ALWAYS_SKIPPED = new Set([
  '.git', '.hg', '.svn', '.bzr', 'node_modules', '__pycache__', '.ipynb_checkpoints', '.venv', 'venv', '.tox', '.nox', '.eggs',
  '.direnv', '.pyenv', '__pypackages__', 'site-packages', '.mypy_cache', '.ruff_cache', '.pytest_cache', '.pytype',
]);

export function isLintable(file: string): boolean {
  return file.endsWith('.py') || file.endsWith('.pyi') || file.endsWith('.ipynb');
}

/** Whether a path relative to the project root matches one of its `exclude` globs. */
export function excludedBy(exclude: string[]): (rel: string) => boolean {
  return exclude.length ? picomatch(exclude, { dot: true }) : () => false;
}

/** `accept` picks the files a folder walk keeps (by name); a file named in `paths` is always kept. */
export function discover(paths: string[], root: string, exclude: string[], accept: (name: string) => boolean = isLintable): Discovered {
  const excluded = excludedBy(exclude);
  const files = new Set<string>();
  const missing: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    const rel = toPosix(path.relative(root, abs));
    if (stat.isFile()) {
      // A file named on the command line is linted even if ignored, as Ruff does, unless excluded.
      if (!excluded(rel)) files.add(abs);
      continue;
    }
    walkDir(abs, root, gitignoresAbove(abs), excluded, files, accept);
  }
  return { files: [...files].sort(), missing };
}

interface Layer {
  dir: string;
  ig: Ignore;
}

/** The `.gitignore` files between the repository's top (the nearest folder with `.git`) and `dir`. */
function gitignoresAbove(dir: string): Layer[] {
  const chain: string[] = [];
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (fs.existsSync(path.join(d, '.git'))) break;
    if (path.dirname(d) === d) return [];
  }
  if (fs.existsSync(path.join(dir, '.git'))) return [];
  return chain.map(readIgnore).filter((l): l is Layer => !!l);
}

function readIgnore(dir: string): Layer | undefined {
  const file = path.join(dir, '.gitignore');
  try {
    return { dir, ig: ignore().add(fs.readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

function ignoredBy(layers: Layer[], abs: string, isDir: boolean): boolean {
  for (const { dir, ig } of layers) {
    const rel = toPosix(path.relative(dir, abs));
    if (!rel || rel.startsWith('..')) continue;
    if (ig.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

function walkDir(dir: string, root: string, parents: Layer[], excluded: (p: string) => boolean, out: Set<string>, accept: (name: string) => boolean): void {
  // Iterative, so deep trees cannot overflow the stack.
  const stack: { dir: string; layers: Layer[] }[] = [{ dir, layers: parents }];
  while (stack.length) {
    const { dir: current, layers: above } = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    if (current !== dir && entries.some(isEnvironmentMarker)) continue;
    // Read only where the listing shows one: most folders have none, and a failed read costs an exception.
    const own = entries.some((e) => e.name === '.gitignore') ? readIgnore(current) : undefined;
    const layers = own ? [...above, own] : above;
    for (const e of entries) {
      const abs = path.join(current, e.name);
      const rel = toPosix(path.relative(root, abs));
      if (e.isDirectory()) {
        if (ALWAYS_SKIPPED.has(e.name) || ignoredBy(layers, abs, true) || excluded(rel) || excluded(rel + '/')) continue;
        stack.push({ dir: abs, layers });
      } else if (e.isFile() && accept(e.name)) {
        if (ignoredBy(layers, abs, false) || excluded(rel)) continue;
        out.add(abs);
      }
    }
  }
}

/** What marks a folder as a Python environment: a virtualenv's `pyvenv.cfg`, a conda environment's `conda-meta/`. */
function isEnvironmentMarker(e: fs.Dirent): boolean {
  return (e.name === 'pyvenv.cfg' && e.isFile()) || (e.name === 'conda-meta' && e.isDirectory());
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Whether a walk of `root` keeps `file` (an absolute path under it), as `discover` would: not
 * inside a folder that is always skipped, a Python environment, ignored by a `.gitignore` or
 * excluded, and not ignored or excluded itself. For one file that changed, without walking the tree.
 */
export function reachable(file: string, root: string, exclude: string[]): boolean {
  const rel = path.relative(root, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const excluded = excludedBy(exclude);
  const own = readIgnore(root);
  let layers = own ? [...gitignoresAbove(root), own] : gitignoresAbove(root);
  let dir = root;
  for (const name of rel.split(path.sep).slice(0, -1)) {
    const abs = path.join(dir, name);
    const r = toPosix(path.relative(root, abs));
    if (ALWAYS_SKIPPED.has(name) || ignoredBy(layers, abs, true) || excluded(r) || excluded(r + '/')) return false;
    if (fs.existsSync(path.join(abs, 'pyvenv.cfg')) || fs.existsSync(path.join(abs, 'conda-meta'))) return false;
    const inner = readIgnore(abs);
    if (inner) layers = [...layers, inner];
    dir = abs;
  }
  return !ignoredBy(layers, file, false) && !excluded(toPosix(rel));
}
