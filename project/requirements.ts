import * as fs from 'fs';
import * as path from 'path';
import { parse as parseToml } from 'smol-toml';
import type { ProjectFacts } from '../engine';

/**
 * The lowest torch version a project's requirements allow, from `requirements*.txt` and
 * `pyproject.toml` (PEP 621 and Poetry) in its root folder. Rules use it to tell torch >= 2.6,
 * where `torch.load` defaults to `weights_only=True`, from older releases.
 */
export function projectFacts(root: string, torchOverride?: string): ProjectFacts {
  if (torchOverride) return { torch: { version: torchOverride, exact: true, source: '[tool.mlsec] torch-version' } };
  return factsIn(root);
}

/**
 * Facts for one file: from the nearest folder at or above it that has requirement files or a
 * pyproject.toml, not going above the repository top. Cached per folder.
 */
export function projectFactsFor(dir: string, torchOverride?: string, cache = new Map<string, ProjectFacts>()): ProjectFacts {
  if (torchOverride) return projectFacts(dir, torchOverride);
  const seen: string[] = [];
  let found: ProjectFacts = {};
  for (let d = dir; ; d = path.dirname(d)) {
    const cached = cache.get(d);
    if (cached) {
      found = cached;
      break;
    }
    seen.push(d);
    if (hasManifest(d)) {
      found = factsIn(d);
      break;
    }
    if (fs.existsSync(path.join(d, '.git')) || path.dirname(d) === d) break;
  }
  for (const d of seen) cache.set(d, found);
  return found;
}

function hasManifest(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((n) => n === 'pyproject.toml' || /^requirements.*\.(txt|in)$/.test(n));
  } catch {
    return false;
  }
}

function factsIn(root: string): ProjectFacts {
  let names: string[] = [];
  try {
    names = fs.readdirSync(root).filter((n) => /^requirements.*\.(txt|in)$/.test(n)).sort();
  } catch {
    return {};
  }
  for (const name of names) {
    const found = fromRequirements(readText(path.join(root, name)));
    if (found) return { torch: { ...found, source: name } };
  }
  const pyproject = path.join(root, 'pyproject.toml');
  if (fs.existsSync(pyproject)) {
    const found = fromPyproject(readText(pyproject));
    if (found) return { torch: { ...found, source: 'pyproject.toml' } };
  }
  return {};
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export function fromRequirements(text: string): { version: string; exact: boolean } | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    const found = fromSpecifier(line);
    if (found) return found;
  }
  return undefined;
}

/** `torch==2.6.0`, `torch>=2.6,<3`, `torch[cuda]~=2.6`; undefined for other packages or no lower bound. */
export function fromSpecifier(requirement: string): { version: string; exact: boolean } | undefined {
  const m = /^torch(?:\[[^\]]*\])?\s*(\(?[^;]*)/i.exec(requirement.trim());
  if (!m) return undefined;
  const specs = m[1].replace(/[()]/g, '').split(',').map((s) => s.trim());
  for (const spec of specs) {
    const v = /^(==|===|>=|~=|>)\s*v?([0-9]+(?:\.[0-9]+)*)/.exec(spec);
    if (v) return { version: v[2], exact: v[1] === '==' || v[1] === '===' };
  }
  return undefined;
}

export function fromPyproject(text: string): { version: string; exact: boolean } | undefined {
  let doc: any;
  try {
    doc = parseToml(text);
  } catch {
    return undefined;
  }
  const deps: unknown[] = [
    ...(doc?.project?.dependencies ?? []),
    ...Object.values(doc?.project?.['optional-dependencies'] ?? {}).flat(),
  ];
  for (const d of deps) {
    const found = typeof d === 'string' ? fromSpecifier(d) : undefined;
    if (found) return found;
  }
  const poetry = doc?.tool?.poetry?.dependencies?.torch;
  const spec = typeof poetry === 'string' ? poetry : poetry?.version;
  if (typeof spec === 'string') {
    const v = /^([\^~]|==|>=)?\s*([0-9]+(?:\.[0-9]+)*)/.exec(spec.trim());
    if (v) return { version: v[2], exact: !v[1] || v[1] === '==' };
  }
  return undefined;
}
