import * as fs from 'fs';
import * as path from 'path';
import type { LintConfig, ProjectFacts, Severity } from '../engine';
import { ConfigError, configFor, findConfigFile, loadConfig, type ProjectConfig } from '../project/config';
import { projectFactsFor } from '../project/requirements';
import { ProjectIndex } from '../project/project-index';

/** The `mlsec.*` settings (package.json `contributes.configuration` is their source). */
export interface EditorSettings {
  enable: boolean;
  select?: string[];
  ignore?: string[];
  severity?: Record<string, Severity>;
  rules?: Record<string, Record<string, unknown>>;
  /** Like Ruff's: which wins when both the editor and pyproject.toml set something. */
  configurationPreference: 'editorFirst' | 'filesystemFirst' | 'editorOnly';
  scanWorkspace: boolean;
}

export const DEFAULT_SETTINGS: EditorSettings = { enable: true, configurationPreference: 'editorFirst', scanWorkspace: true };

export function normalize(raw: unknown): EditorSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) && v.length ? v.map(String) : undefined);
  // An empty object, the contributed default, sets nothing.
  const object = <T>(v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length ? (v as T) : undefined);
  const pref = r.configurationPreference;
  return {
    enable: r.enable !== false,
    select: list(r.select),
    ignore: list(r.ignore),
    severity: object<Record<string, Severity>>(r.severity),
    rules: object<Record<string, Record<string, unknown>>>(r.rules),
    configurationPreference: pref === 'filesystemFirst' || pref === 'editorOnly' ? pref : 'editorFirst',
    scanWorkspace: r.scanWorkspace !== false,
  };
}

/** Reads configuration files (mlsec.toml, pyproject.toml) and requirement facts, cached by path and modification time. */
export class ProjectSettings {
  private configs = new Map<string, { mtime: number; config: ProjectConfig | ConfigError }>();
  private facts = new Map<string, ProjectFacts>();
  /** The workspace's project model: each file's exports from its last lint (see project/project-index.ts). */
  readonly personal = new ProjectIndex();
  /** The configuration file found for each folder; cleared when watched files change. */
  private found = new Map<string, string | undefined>();

  constructor(private readonly onConfigError: (message: string) => void) {}

  clear(): void {
    this.configs.clear();
    this.facts.clear();
    this.found.clear();
  }

  /** The engine configuration and project facts for a file, merged with the editor settings. */
  resolve(editor: EditorSettings, file: string | undefined): { config: LintConfig; project: ProjectFacts } {
    const editorConfig: LintConfig = { select: editor.select, ignore: editor.ignore, severity: editor.severity, options: editor.rules };
    if (!file || editor.configurationPreference === 'editorOnly') return { config: editorConfig, project: {} };
    const dir = path.dirname(file);
    const project = this.project(dir);
    if (!project) return { config: editorConfig, project: this.withPersonal(projectFactsFor(dir, undefined, this.facts)) };
    const rel = path.relative(project.root, file).split(path.sep).join('/');
    const editorFirst = editor.configurationPreference === 'editorFirst';
    const select = editorFirst ? (editor.select ?? project.select) : (project.select ?? editor.select);
    const base = configFor({ ...project, ignore: editorFirst ? (editor.ignore ?? project.ignore) : (project.ignore ?? editor.ignore) }, rel, { select });
    const severity = editorFirst ? { ...project.severity, ...editor.severity } : { ...editor.severity, ...project.severity };
    const options = editorFirst ? { ...project.rules, ...editor.rules } : { ...editor.rules, ...project.rules };
    return { config: { ...base, severity, options }, project: this.withPersonal(projectFactsFor(dir, project.torchVersion, this.facts)) };
  }

  /** The facts with the other files' exports (personal data, model text, sink summaries), when the workspace has any. */
  private withPersonal(facts: ProjectFacts): ProjectFacts {
    const exported = this.personal.facts();
    return exported ? { ...facts, ...exported } : facts;
  }

  /** The configuration (mlsec.toml, or `[tool.mlsec]` in pyproject.toml) that governs a folder, if any. */
  project(dir: string): ProjectConfig | undefined {
    if (!this.found.has(dir)) this.found.set(dir, findConfigFile(dir));
    const file = this.found.get(dir);
    if (!file) return undefined;
    let mtime = 0;
    try {
      mtime = fs.statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
    let entry = this.configs.get(file);
    if (!entry || entry.mtime !== mtime) {
      try {
        entry = { mtime, config: loadConfig(file, dir) };
      } catch (e) {
        const error = e instanceof ConfigError ? e : new ConfigError(String(e));
        entry = { mtime, config: error };
        this.onConfigError(`MLSec: ${error.message}. Using the editor settings only.`);
      }
      this.configs.set(file, entry);
    }
    return entry.config instanceof ConfigError ? undefined : entry.config;
  }
}
