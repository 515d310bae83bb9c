import type { FileExports } from '../engine';

/**
 * The project model shared by the CLI's whole-project pass and the language server's workspace
 * index: each file's exports as the engine gave them on its last lint (`LintResult.exports`), and
 * from them the project facts other files are linted with (`ProjectFacts.personalData`). It is
 * incremental: a file's entry is replaced when that file is linted again, and `update` says whether
 * the project's facts changed, so an adapter re-lints the files that import a changed module and
 * nothing else. Plain data in, plain data out: no file system.
 */
export class PersonalDataIndex {
  private readonly files = new Map<string, { modules: string[]; names: string[]; imports: string[] }>();
  private memo: Record<string, string[]> | undefined | null = null;

  /** Records what a file (path relative to the project root, with `/`) exports; true when the facts changed. */
  update(rel: string, exports: FileExports | undefined): boolean {
    const before = this.files.get(rel);
    const names = [...(exports?.personalData ?? [])].sort();
    const entry = { modules: moduleNames(rel), names, imports: exports?.imports ?? [] };
    this.files.set(rel, entry);
    const changed = (before?.names.join(',') ?? '') !== names.join(',');
    if (changed) this.memo = null;
    return changed;
  }

  /** Forgets a deleted file; true when the facts changed. */
  remove(rel: string): boolean {
    const before = this.files.get(rel);
    this.files.delete(rel);
    if (before?.names.length) this.memo = null;
    return !!before?.names.length;
  }

  /** Module name → names holding personal data, for `ProjectFacts.personalData`; undefined when none. */
  facts(): Record<string, string[]> | undefined {
    if (this.memo !== null) return this.memo;
    const out: Record<string, string[]> = {};
    for (const { modules, names } of this.files.values()) {
      if (!names.length) continue;
      for (const m of modules) out[m] = [...new Set([...(out[m] ?? []), ...names])].sort();
    }
    this.memo = Object.keys(out).length ? out : undefined;
    return this.memo;
  }

  /** Files that import a module with personal exports: the ones whose lint the facts can change. */
  dependents(): string[] {
    const facts = this.facts();
    if (!facts) return [];
    return [...this.files].filter(([, f]) => f.imports.some((m) => facts[m])).map(([rel]) => rel);
  }
}

/**
 * The names a module file can be imported by: `src/data/prepare.py` is `src.data.prepare`,
 * `data.prepare` and `prepare` (whichever folder is on the path); a package's `__init__.py` is the
 * package. Notebooks cannot be imported.
 */
export function moduleNames(rel: string): string[] {
  if (!rel.endsWith('.py')) return [];
  const all = rel.slice(0, -3).split('/');
  const up = Math.max(all.lastIndexOf('..'), all.lastIndexOf('.'));
  const parts = all.slice(up + 1).filter(Boolean);
  if (parts[parts.length - 1] === '__init__') parts.pop();
  if (!parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) return [];
  return parts.map((_, i) => parts.slice(i).join('.'));
}
