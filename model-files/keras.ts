import { classify } from './globals';
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
    let named: string | undefined;
    if (o.class_name === 'Lambda') {
      named = namedFunction(cfg);
      why = `a \`Lambda\` layer ${label}`;
      layerConfigs.add(path ? `${path}.config` : 'config');
    } else if (o.class_name === '__lambda__') why = `a serialized Python function (\`__lambda__\`) at ${path || 'the top'}`;
    // Keras 2 (legacy `.h5` and its JSON) stores a Lambda layer's function in the layer's own config: the layer is reported.
    else if (o.function_type === 'lambda' && o.function !== undefined && !layerConfigs.has(path)) why = `a function stored as bytecode at ${path || 'the top'}`;
    if (why && !seen.has(path)) {
      seen.add(path);
      if (named) {
        // No bytecode: the layer names a function, which Keras finds by its module and calls on the layer's input.
        const dot = named.lastIndexOf('.');
        const dangerous = dot > 0 && classify(named.slice(0, dot), named.slice(dot + 1)) === 'dangerous';
        out.push({ code: 'MLS152', severity: dangerous ? 'error' : 'warning', message: `the model's config holds ${why} that calls \`${named}\` by name: Keras finds it in that module and calls it when the layer runs${dangerous ? ', and it runs commands or code' : '; check that it is a function you ship'}`, member });
      } else out.push({ code: 'MLS152', severity: 'error', message: `the model's config holds ${why}: ${runs}`, member });
    }
    for (const [k, x] of Object.entries(o)) visit(x, path ? `${path}.${k}` : k, depth + 1);
  };
  visit(config, '', 0);
  // A Lambda layer's own config holds its `__lambda__` function: one finding for the layer is enough.
  return out.filter((f, i) => !(f.message.includes('`__lambda__`') && out.some((g, j) => j !== i && g.message.includes('`Lambda` layer'))));
}

/**
 * The function a `Lambda` layer names instead of holding its bytecode: Keras 2's
 * `function_type: "function"` with `function` and `module`, or Keras 3's
 * `{"module": ..., "class_name": "function", "config": name}`. Undefined for bytecode.
 */
function namedFunction(cfg: Record<string, unknown>): string | undefined {
  const fn = cfg.function;
  if (cfg.function_type === 'function' && typeof fn === 'string') return typeof cfg.module === 'string' && cfg.module ? `${cfg.module}.${fn}` : fn;
  if (fn && typeof fn === 'object' && !Array.isArray(fn)) {
    const f = fn as Record<string, unknown>;
    if (f.class_name === 'function' && typeof f.config === 'string') return typeof f.module === 'string' && f.module ? `${f.module}.${f.config}` : f.config;
  }
  return undefined;
}
