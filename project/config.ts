import * as fs from 'fs';
import * as path from 'path';
import type { ErrorObject } from 'ajv';
import picomatch from 'picomatch';
import { parse as parseToml } from 'smol-toml';
import type { LintConfig, Severity } from '../engine';
import { configValidator } from './config-validator';

/** `[tool.mlsec]` from pyproject.toml, validated, with its location. */
export interface ProjectConfig {
  /** Folder of the pyproject.toml (or the scan root when there is none): globs are relative to it. */
  root: string;
  file?: string;
  select?: string[];
  ignore?: string[];
  exclude: string[];
  perFileIgnores: Record<string, string[]>;
  severity: Record<string, Severity>;
  failOn?: FailOn;
  maxFileSize?: number;
  torchVersion?: string;
  /** False: model files (pickles, checkpoints, joblib, NumPy, Keras, safetensors) are not scanned. */
  modelFiles?: boolean;
  rules: Record<string, Record<string, unknown>>;
}

export type FailOn = Severity | 'never';

export class ConfigError extends Error {}

/**
 * Files that hold nothing but MLSec's configuration (its keys at the top level), looked for before
 * pyproject.toml in each folder, as Ruff looks for `.ruff.toml` and `ruff.toml`: a project of
 * notebooks often has no pyproject.toml.
 */
export const OWN_CONFIG_FILES = ['.mlsec.toml', 'mlsec.toml'];

/**
 * Whether a configuration file is MLSec's own (its keys at the top level): any file but a
 * pyproject.toml (`[tool.mlsec]`), so that `--config ci.toml` reads like `mlsec.toml`, as with Ruff.
 */
function isOwn(file: string): boolean {
  return path.basename(file) !== 'pyproject.toml';
}

/** The nearest `.mlsec.toml`, `mlsec.toml`, or pyproject.toml with a `[tool.mlsec]` table, at or above `start`; in one folder, in that order. */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (fs.statSync(dir).isFile()) dir = path.dirname(dir);
  } catch {
    /* a path that does not exist is reported by discovery */
  }
  for (;;) {
    for (const name of OWN_CONFIG_FILES) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
    const file = path.join(dir, 'pyproject.toml');
    if (fs.existsSync(file) && /\btool\.mlsec\b/.test(readText(file))) return file;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export function loadConfig(file: string | undefined, fallbackRoot: string): ProjectConfig {
  const empty: ProjectConfig = { root: fallbackRoot, exclude: [], perFileIgnores: {}, severity: {}, rules: {} };
  if (!file) return empty;
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(`${file}: invalid TOML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (isOwn(file)) return fromTable(doc, file, '');
  const table = (doc.tool as Record<string, unknown> | undefined)?.mlsec;
  if (table === undefined) return { ...empty, root: path.dirname(file), file };
  return fromTable(table, file);
}

/** A configuration table; `prefix` is where it sits in its file, for messages (`tool.mlsec` in pyproject.toml, nothing in mlsec.toml). */
export function fromTable(table: unknown, file: string, prefix = 'tool.mlsec'): ProjectConfig {
  const validate = configValidator();
  if (!validate(table)) throw new ConfigError(`${file}: ${describe(validate.errors ?? [], prefix)}`);
  const t = table as Record<string, any>;
  return {
    root: path.dirname(file),
    file,
    select: t.select || t['extend-select'] ? [...(t.select ?? ['MLS']), ...(t['extend-select'] ?? [])] : undefined,
    ignore: t.ignore,
    exclude: t.exclude ?? [],
    perFileIgnores: t['per-file-ignores'] ?? {},
    severity: t.severity ?? {},
    failOn: t['fail-on'],
    maxFileSize: t['max-file-size'],
    torchVersion: t['torch-version'],
    modelFiles: t['model-files'],
    rules: t.rules ?? {},
  };
}

/** One sentence naming the bad key, as `[tool.mlsec] select[0]: must match ...`. */
function describe(errors: ErrorObject[], prefix: string): string {
  const e = errors.find((x) => x.keyword === 'additionalProperties') ?? errors[0];
  if (!e) return prefix ? `invalid [${prefix}] table` : 'invalid configuration';
  const dotted = (parts: string[]) =>
    parts
      .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`))
      .join('');
  const parts = [...(prefix ? [prefix] : []), ...e.instancePath.split('/').filter(Boolean)];
  const key = dotted(parts);
  if (e.keyword === 'additionalProperties') return `unknown key \`${dotted([...parts, (e.params as { additionalProperty: string }).additionalProperty])}\``;
  if (e.keyword === 'enum') return `\`${key}\` must be one of ${(e.params as { allowedValues: string[] }).allowedValues.map((v) => `"${v}"`).join(', ')}`;
  if (e.keyword === 'pattern' && e.schemaPath.includes('selector')) return `\`${key}\`: not a rule code or prefix (expected e.g. "MLS101", "MLS1" or "ALL")`;
  if (e.keyword === 'propertyNames') return `\`${key}\` has a key that is not a rule code (expected e.g. "MLS101")`;
  return `\`${key}\` ${e.message ?? 'is invalid'}`;
}

/** The engine configuration for one file: CLI selections over the project's, per-file ignores applied. */
export function configFor(project: ProjectConfig, relPath: string, overrides: { select?: string[]; ignore?: string[] }): LintConfig {
  const ignore = [...(project.ignore ?? []), ...(overrides.ignore ?? [])];
  for (const [glob, codes] of Object.entries(project.perFileIgnores)) {
    if (matcher(glob)(relPath)) ignore.push(...codes);
  }
  return {
    select: overrides.select ?? project.select,
    ignore,
    severity: project.severity,
    options: project.rules,
  };
}

const matchers = new Map<string, (p: string) => boolean>();
function matcher(glob: string): (p: string) => boolean {
  let m = matchers.get(glob);
  if (!m) {
    const compiled = picomatch(glob, { dot: true });
    // A glob without a slash matches at any depth, as in .gitignore and Ruff.
    const base = glob.includes('/') ? undefined : picomatch(glob, { dot: true, basename: true });
    m = (p) => compiled(p) || !!base?.(p);
    matchers.set(glob, m);
  }
  return m;
}
