import type { FileExports, LlmSink, ProjectFacts } from '../engine';

/** The project facts that come from other files' exports. */
export type ExportedFacts = Pick<ProjectFacts, 'personalData' | 'llmText' | 'llmSinks'>;

interface Entry {
  modules: string[];
  /** Names holding personal data, names returning model text, and sink summaries as exported (sorted). */
  names: string[];
  llmText: string[];
  llmSinks: string[];
  /** Undefined when the file's lint exported none: MLS401, which notes every file's imports, did not run. */
  imports: string[] | undefined;
  /** The file names a model (`FileExports.llmWords`): other files' sink summaries can matter to it. */
  model: boolean;
}

/**
 * The project model shared by the CLI's whole-project pass and the language server's workspace
 * index: each file's exports as the engine gave them on its last lint (`LintResult.exports`), and
 * from them the project facts other files are linted with (`ProjectFacts.personalData`, and for the
 * LLM output-handling rules `llmText` and `llmSinks`). It is incremental: a file's entry is replaced
 * when that file is linted again, and `update` says whether the project's facts changed, so an
 * adapter re-lints the files that import a changed module and nothing else. Plain data in, plain
 * data out: no file system.
 */
export class ProjectIndex {
  private readonly files = new Map<string, Entry>();
  private memo: ExportedFacts | undefined | null = null;

  /**
   * Records what a file (path relative to the project root, with `/`) exports; true when the facts
   * changed. A sink that only moved to another line (a line typed above it) changes the facts the
   * next lints get, not the findings of the files that import it: that is no change here, so an
   * editor does not lint every other open file again on each line typed in such a module.
   */
  update(rel: string, exports: FileExports | undefined): boolean {
    const before = this.files.get(rel);
    const entry: Entry = {
      modules: moduleNames(rel),
      names: [...(exports?.personalData ?? [])].sort(),
      llmText: [...(exports?.llmText ?? [])].sort(),
      llmSinks: [...(exports?.llmSinks ?? [])].sort(),
      imports: exports?.imports,
      model: !!exports?.llmWords?.length,
    };
    this.files.set(rel, entry);
    const changed = !before ? hasFacts(entry) : key(before) !== key(entry);
    if (changed || before?.llmSinks.join('\u0002') !== entry.llmSinks.join('\u0002')) this.memo = null;
    return changed;
  }

  /** Forgets a deleted file; true when the facts changed. */
  remove(rel: string): boolean {
    const before = this.files.get(rel);
    this.files.delete(rel);
    const changed = !!before && hasFacts(before);
    if (changed) this.memo = null;
    return changed;
  }

  /** The facts other files' exports give, by module; undefined when none. */
  facts(): ExportedFacts | undefined {
    if (this.memo !== null) return this.memo;
    const personal: Record<string, string[]> = {};
    const text: Record<string, string[]> = {};
    const sinks: Record<string, LlmSink[]> = {};
    const add = (into: Record<string, string[]>, m: string, names: string[]) => (into[m] = [...new Set([...(into[m] ?? []), ...names])].sort());
    for (const { modules, names, llmText, llmSinks } of this.files.values()) {
      const parsed = llmSinks.map(parseSink).filter((s): s is LlmSink => !!s);
      for (const m of modules) {
        if (names.length) add(personal, m, names);
        if (llmText.length) add(text, m, llmText);
        if (parsed.length) sinks[m] = [...(sinks[m] ?? []), ...parsed];
      }
    }
    const out: ExportedFacts = {
      ...(Object.keys(personal).length ? { personalData: personal } : {}),
      ...(Object.keys(text).length ? { llmText: text } : {}),
      ...(Object.keys(sinks).length ? { llmSinks: sinks } : {}),
    };
    this.memo = Object.keys(out).length ? out : undefined;
    return this.memo;
  }

  /** Files that import a module with exports (or the package holding it): the ones whose lint the facts can change. */
  dependents(): string[] {
    const facts = this.facts();
    if (!facts) return [];
    // A module with facts, or a package holding one: `from core import gemini_client` imports `core`, and through it `core.gemini_client`.
    const withPackages = (modules: string[]) => {
      const known = new Set<string>();
      for (const m of modules) {
        for (let i = m.indexOf('.'); i > 0; i = m.indexOf('.', i + 1)) known.add(m.slice(0, i));
        known.add(m);
      }
      return known;
    };
    const known = withPackages([...Object.keys(facts.personalData ?? {}), ...Object.keys(facts.llmText ?? {})]);
    // Sink summaries matter only to a file with model text of its own to hand them (one naming a model); a module of
    // helpers that only imports another module's sinks is not linted again for them.
    const sinks = withPackages(Object.keys(facts.llmSinks ?? {}));
    // A file whose imports are unknown (none exported: MLS401, which notes them, disabled) may use the LLM facts; one importing nothing uses none.
    const llm = !!(facts.llmText || facts.llmSinks);
    return [...this.files]
      .filter(([, f]) => (f.imports ? f.imports.some((m) => known.has(m) || (f.model && sinks.has(m))) : llm))
      .map(([rel]) => rel);
  }
}

function hasFacts(e: Entry): boolean {
  return e.names.length > 0 || e.llmText.length > 0 || e.llmSinks.length > 0;
}

function key(e: Entry): string {
  const sinks = e.llmSinks.map((s) => s.replace(/"line":\d+/, '')).sort();
  return `${e.names.join(',')}\u0001${e.llmText.join(',')}\u0001${sinks.join('\u0002')}`;
}

/** One exported sink summary (`FileExports.llmSinks`), or undefined when it is not one. */
function parseSink(json: string): LlmSink | undefined {
  try {
    const s = JSON.parse(json) as Partial<LlmSink>;
    if (typeof s.name !== 'string' || typeof s.param !== 'string' || typeof s.index !== 'number' || typeof s.code !== 'string' || typeof s.message !== 'string' || typeof s.line !== 'number') return undefined;
    return { name: s.name, param: s.param, index: s.index, code: s.code, message: s.message, line: s.line };
  } catch {
    return undefined;
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
