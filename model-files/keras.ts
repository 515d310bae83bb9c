import type { ModelFinding } from './types';

/**
 * A Keras `.keras` archive's config.json. A `Lambda` layer stores its function as Python
 * bytecode (Keras 3 as a `__lambda__` object, Keras 2 as a base64 `function` with
 * `function_type: "lambda"`); Keras runs it when the model is loaded with `safe_mode=False`, and
 * refuses the file otherwise. Any such object is reported, wherever it sits in the config.
 */
export function kerasConfigFindings(bytes: Uint8Array, member: string, runs = 'Keras runs its bytecode when the model is loaded with safe_mode=False'): ModelFinding[] {
  let config: unknown;
  try {
    config = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return [{ code: 'MLS153', severity: 'info', message: `\`${member}\` is not valid UTF-8 JSON, so the model's layers were not checked`, member }];
  }
  const out: ModelFinding[] = [];
  const seen = new Set<string>();
  const layerConfigs = new Set<string>();
  const visit = (v: unknown, path: string, depth: number) => {
    if (depth > 200 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${path}[${i}]`, depth + 1));
    const o = v as Record<string, unknown>;
    const cfg = (o.config && typeof o.config === 'object' ? o.config : {}) as Record<string, unknown>;
    const label = typeof cfg.name === 'string' ? `\`${cfg.name}\`` : path || 'the model';
    let why: string | undefined;
    if (o.class_name === 'Lambda') {
      why = `a \`Lambda\` layer ${label}`;
      layerConfigs.add(path ? `${path}.config` : 'config');
    } else if (o.class_name === '__lambda__') why = `a serialized Python function (\`__lambda__\`) at ${path || 'the top'}`;
    // Keras 2 (legacy `.h5` and its JSON) stores a Lambda layer's function in the layer's own config: the layer is reported.
    else if (o.function_type === 'lambda' && o.function !== undefined && !layerConfigs.has(path)) why = `a function stored as bytecode at ${path || 'the top'}`;
    if (why && !seen.has(path)) {
      seen.add(path);
      out.push({ code: 'MLS152', severity: 'error', message: `the model's config holds ${why}: ${runs}`, member });
    }
    for (const [k, x] of Object.entries(o)) visit(x, path ? `${path}.${k}` : k, depth + 1);
  };
  visit(config, '', 0);
  // A Lambda layer's own config holds its `__lambda__` function: one finding for the layer is enough.
  return out.filter((f, i) => !(f.message.includes('`__lambda__`') && out.some((g, j) => j !== i && g.message.includes('`Lambda` layer'))));
}
