import type { LintConfig } from './types';

/**
 * Rule selection, as Ruff does it: `select` and `ignore` hold codes or prefixes (`MLS1`, `MLS101`);
 * the most specific match wins, and `select` wins a tie. Nothing selected means every rule.
 */
export function isEnabled(code: string, config: LintConfig | undefined): boolean {
  const select = config?.select?.length ? config.select : ['MLS'];
  const sel = longestPrefix(code, select);
  const ign = longestPrefix(code, config?.ignore ?? []);
  return sel > 0 && sel >= ign;
}

const enabledBySelection = new Map<string, Map<string, boolean>>();

/**
 * `isEnabled` for one configuration, as a lookup kept per selection (`select` and `ignore` as
 * written): a whole-file lint asks it of every rule, and each answer built its prefixes anew.
 */
export function enabledCodes(config: LintConfig | undefined): (code: string) => boolean {
  const key = `${(config?.select ?? []).join('\u0000')}\u0001${(config?.ignore ?? []).join('\u0000')}`;
  let known = enabledBySelection.get(key);
  if (!known) {
    if (enabledBySelection.size > 64) enabledBySelection.clear();
    enabledBySelection.set(key, (known = new Map()));
  }
  const answers = known;
  return (code) => {
    let on = answers.get(code);
    if (on === undefined) answers.set(code, (on = isEnabled(code, config)));
    return on;
  };
}

function longestPrefix(code: string, prefixes: string[]): number {
  let best = 0;
  for (const p of prefixes) {
    const up = p.trim().toUpperCase();
    if (up === 'ALL') best = Math.max(best, 1);
    else if (code.startsWith(up)) best = Math.max(best, up.length);
  }
  return best;
}

/** Compares dotted versions numerically: `2.10.0` > `2.6`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => parseInt(x, 10));
  const pb = b.split(/[.+-]/).map((x) => parseInt(x, 10));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number.isNaN(pa[i] ?? 0) ? 0 : (pa[i] ?? 0);
    const y = Number.isNaN(pb[i] ?? 0) ? 0 : (pb[i] ?? 0);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
