import { createHash } from 'crypto';
import * as fs from 'fs';
import envPaths from 'env-paths';
import * as path from 'path';
import type { FileExports, Finding, Range } from '../engine';

/** What a scan keeps of one file's lint: enough to report it again without parsing it. */
export interface CachedLint {
  kind: 'python' | 'notebook';
  /** As the engine gave them: messages already masked, and no source line (see `lint-file.ts`). */
  findings: Finding[];
  warnings: string[];
  /** Where a secret lies that no finding reports (`LintResult.masks`), to mask it in snippets. */
  masks?: Range[];
  /** What the file exports to its project (`LintResult.exports`): read by the whole-project pass. */
  exports?: FileExports;
}

interface Entry {
  /** sha256 of the file's bytes. */
  hash: string;
  /** sha256 of everything else the lint depended on: the file's configuration and project facts. */
  key: string;
  lint: CachedLint;
  /** The file's size and modification time when it was read, kept only when the time can be trusted (`FileStat`). */
  stat?: FileStat;
}

/** A file's size and modification time (ms), as `fs.stat` gives them. */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

/**
 * How long before it was read a file must have last changed for its modification time to stand for
 * its bytes. File times tick coarsely (a few ms on Linux, 2 s on FAT): a file written again within
 * the same tick after it was read keeps its time. Git calls such files racily clean and checks their
 * bytes; so does this cache.
 */
const RACY_MS = 3000;

const FORMAT = 2;
/**
 * A cache file's name: who wrote it (none for `mlsec scan`, `server-` for the language server's
 * workspace scan), and the build's and the project root's digests.
 */
const CACHE_FILE = /^(?:([a-z]+)-)?[0-9a-f]{16}-[0-9a-f]{16}\.json$/;
/** The files that mark a cache folder, with what `save` writes in them. */
const MARKERS: Record<string, string> = {
  '.gitignore': '# Created by mlsec: the scan cache, safe to delete.\n*\n',
  'CACHEDIR.TAG': 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by mlsec.\n',
};
/** Cache files of projects not scanned for this long are removed. */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** A file read through the scan cache (`readThrough`). */
export type FileRead =
  /** Served by the cache: `bytes` are absent when its size and modification time answered. */
  | { found: 'cached'; lint: CachedLint; bytes?: Buffer }
  /** Not in the cache as it is now: lint these bytes, then `set` them with their hash and stat. */
  | { found: 'bytes'; bytes: Buffer; hash: string; stat: FileStat; readAt: number }
  /** Missing, unreadable, or over `maxSize`. */
  | { found: 'none' };

/**
 * Reads a file through the cache, doing as little as the cache allows: its size and modification
 * time first (`byStat`), then its bytes and their hash (`get`). With no cache, it reads the bytes.
 */
export function readThrough(cache: ScanCache | undefined, rel: string, key: string, file: string, maxSize: number): FileRead {
  const readAt = Date.now();
  let st: fs.Stats;
  let bytes: Buffer;
  try {
    st = fs.statSync(file);
    if (st.size > maxSize) return { found: 'none' };
    const clean = cache?.byStat(rel, key, st);
    if (clean) return { found: 'cached', lint: clean };
    bytes = fs.readFileSync(file);
  } catch {
    return { found: 'none' };
  }
  const stat = { size: st.size, mtimeMs: st.mtimeMs };
  const hash = cache ? sha256(bytes) : '';
  const lint = cache?.get(rel, hash, key, stat, readAt);
  return lint ? { found: 'cached', lint, bytes } : { found: 'bytes', bytes, hash, stat, readAt };
}

/** sha256 in hex, of text or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Lint results of earlier scans, by file: a file whose bytes, configuration and project facts are
 * the same as when it was last linted, by the same build of MLSec, is reported from here and never
 * parsed. One JSON file per project root and build (of the CLI, or of the language server),
 * written whole through a rename, in the user's cache folder (or `--cache-dir`). Not in the
 * project: a repository could then ship a cache that reports its own files clean. A file that
 * cannot be read, from another build, or whose checksum does not match is ignored: the scan then
 * lints everything, as with no cache.
 */
export class ScanCache {
  private changed = false;
  /** Files this scan asked about: the others are kept only while they exist. */
  private readonly seen = new Set<string>();

  private constructor(
    readonly dir: string,
    private readonly root: string,
    private readonly file: string,
    private readonly tool: string,
    private readonly flavour: string,
    private readonly entries: Map<string, Entry>,
  ) {}

  /** The default folder: `mlsec/scan` in the user's cache folder (`~/.cache`, `$XDG_CACHE_HOME`, `~/Library/Caches`, `%LOCALAPPDATA%`). */
  static defaultDir(): string {
    return path.join(envPaths('mlsec', { suffix: '' }).cache, 'scan');
  }

  /**
   * Removes every project's cache files from `dir` (and the two files that mark the folder, if they
   * are MLSec's), and nothing else: `dir` may be a folder the user named. Returns how many cache
   * files it removed.
   */
  static clean(dir: string): number {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return 0;
    }
    const files = names.filter((n) => CACHE_FILE.test(n));
    // The folder's markers only when they are the ones `save` wrote: `dir` may be a project's root.
    const markers = Object.entries(MARKERS).filter(([n, text]) => names.includes(n) && fs.readFileSync(path.join(dir, n), 'utf8') === text);
    for (const n of [...files, ...markers.map(([m]) => m)]) fs.rmSync(path.join(dir, n), { force: true });
    if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
    return files.length;
  }

  /**
   * Opens the cache of this project root for this build (`tool` identifies the build: see
   * `toolKey`). `flavour` names the program keeping it (`server` for the language server), whose
   * builds differ from the CLI's: each prunes only its own other builds' files.
   */
  static open(dir: string, root: string, tool: string, flavour = ''): ScanCache {
    const file = path.join(dir, `${flavour ? `${flavour}-` : ''}${tool.slice(0, 16)}-${sha256(path.resolve(root)).slice(0, 16)}.json`);
    return new ScanCache(dir, path.resolve(root), file, tool, flavour, read(file, tool));
  }

  /** The identity of a build: its version and the bytes of the code and grammar that lint. */
  static toolKey(version: string, files: string[]): string {
    const h = createHash('sha256').update(`mlsec ${version} cache ${FORMAT}\0`);
    for (const f of files) h.update(fs.readFileSync(f)).update('\0');
    return h.digest('hex');
  }

  /** A stable digest of what else a file's findings depend on (its configuration, project facts...). */
  static keyOf(inputs: unknown): string {
    return sha256(JSON.stringify(inputs));
  }

  /** Whether a lint of this file under this key is kept, whatever the bytes it was of: if not, do not read the file. */
  has(rel: string, key: string): boolean {
    this.seen.add(rel);
    return this.entries.get(rel)?.key === key;
  }

  /**
   * The kept lint of these bytes under this key. With the file's `stat` (taken before the bytes were
   * read, at `readAt`), a hit also keeps that, once it can be trusted, for `byStat`.
   */
  get(rel: string, hash: string, key: string, stat?: FileStat, readAt = Date.now()): CachedLint | undefined {
    this.seen.add(rel);
    const e = this.entries.get(rel);
    if (!e || e.hash !== hash || e.key !== key) return undefined;
    const trusted = trust(stat, readAt);
    if (trusted && (e.stat?.size !== trusted.size || e.stat.mtimeMs !== trusted.mtimeMs)) {
      e.stat = trusted;
      this.changed = true;
    }
    return e.lint;
  }

  /**
   * A kept lint that found nothing, for a file whose size and modification time are the ones it had
   * when it was read (and that time was long enough before the read to be trusted): reported with
   * no read at all, as Ruff and ESLint's caches do. A file with findings is read anyway, for the
   * lines they are on, and goes through `get`.
   */
  byStat(rel: string, key: string, stat: FileStat): CachedLint | undefined {
    this.seen.add(rel);
    const e = this.entries.get(rel);
    return e?.stat && e.key === key && e.lint.findings.length === 0 && e.stat.size === stat.size && e.stat.mtimeMs === stat.mtimeMs ? e.lint : undefined;
  }

  /** Keeps a lint of these bytes; `stat` (taken before they were read, at `readAt`) lets `byStat` answer next time. */
  set(rel: string, hash: string, key: string, lint: CachedLint, stat?: FileStat, readAt = Date.now()): void {
    this.seen.add(rel);
    const trusted = trust(stat, readAt);
    this.entries.set(rel, { hash, key, lint, ...(trusted ? { stat: trusted } : {}) });
    this.changed = true;
  }

  /**
   * Writes the cache if anything changed, dropping files that no longer exist, and removes caches of
   * other builds from its folder. Throws when the folder cannot be written; the caller reports that
   * and goes on.
   */
  save(): void {
    for (const rel of this.entries.keys()) {
      if (this.seen.has(rel) || fs.existsSync(path.join(this.root, rel))) continue;
      this.entries.delete(rel);
      this.changed = true;
    }
    if (!this.changed) return;
    const made = !fs.existsSync(this.dir);
    fs.mkdirSync(this.dir, { recursive: true });
    // As Ruff's and pytest's caches do, a folder made for the cache ignores itself and says what it
    // is to backup tools; not a folder that was there (`--cache-dir .` must not ignore a project).
    if (made) for (const [name, text] of Object.entries(MARKERS)) fs.writeFileSync(path.join(this.dir, name), text);
    const body = JSON.stringify(Object.fromEntries(this.entries));
    const header = JSON.stringify({ format: FORMAT, tool: this.tool, sum: sha256(body) });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${header}\n${body}`);
    fs.renameSync(tmp, this.file);
    this.changed = false;
    const mine = `${this.flavour ? `${this.flavour}-` : ''}${this.tool.slice(0, 16)}-`;
    const now = Date.now();
    for (const name of fs.readdirSync(this.dir)) {
      const m = CACHE_FILE.exec(name);
      if (!m) continue;
      const file = path.join(this.dir, name);
      const otherBuild = (m[1] ?? '') === this.flavour && !name.startsWith(mine);
      if (otherBuild || now - fs.statSync(file).mtimeMs > MAX_AGE_MS) fs.rmSync(file, { force: true });
    }
  }
}

/** The file's size and time, when the time is old enough at `readAt` to stand for the bytes read then. */
function trust(stat: FileStat | undefined, readAt: number): FileStat | undefined {
  return stat && stat.mtimeMs < readAt - RACY_MS ? { size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
}

function read(file: string, tool: string): Map<string, Entry> {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    return new Map();
  }
  try {
    const nl = raw.indexOf('\n');
    const header = JSON.parse(raw.slice(0, nl)) as { format?: unknown; tool?: unknown; sum?: unknown };
    const body = raw.slice(nl + 1);
    if (nl < 0 || header.format !== FORMAT || header.tool !== tool || header.sum !== sha256(body)) return new Map();
    const entries = JSON.parse(body) as Record<string, Entry>;
    return new Map(Object.entries(entries).filter(([, e]) => isEntry(e)));
  } catch {
    return new Map();
  }
}

function isEntry(e: unknown): e is Entry {
  const x = e as Entry;
  const stat = x?.stat;
  if (stat !== undefined && !(typeof stat === 'object' && stat !== null && typeof stat.size === 'number' && typeof stat.mtimeMs === 'number')) return false;
  return typeof x === 'object' && x !== null && typeof x.hash === 'string' && typeof x.key === 'string' && typeof x.lint === 'object' && x.lint !== null && Array.isArray(x.lint.findings) && Array.isArray(x.lint.warnings) && (x.lint.masks === undefined || Array.isArray(x.lint.masks));
}
