import { createEngine, type Engine } from '../../engine';
import { defineRule, type Rule } from '../../engine/rule';
import { loadAssets } from '../../project/assets';
import { RULES } from '../../rules';

/**
 * A rule that reports what the semantic model says at each call: the callee's qualified name and
 * the value of every keyword argument. Tests read the semantic model through it, as rules do.
 */
export function probeRule(code = 'MLS900'): Rule {
  return defineRule({
    meta: {
      code,
      name: 'probe',
      title: 'probe',
      category: 'linter',
      severity: 'info',
      confidence: 'high',
      fix: 'none',
      references: { cwe: [], atlas: [], owaspLlm: [], owaspMl: [] },
    },
    docs: '',
    create: (ctx) => ({
      call(node) {
        const args = ctx.args(node);
        const values = [...args.keywords].map(([k, v]) => {
          const e = ctx.evaluate(v.value);
          return `${k}=${e.known ? JSON.stringify(e.value) : '?'}`;
        });
        ctx.report({ node, message: [ctx.callee(node) ?? '?', ...values].join(' ') });
      },
    }),
  });
}

export async function probeEngine(extra: Rule[] = []): Promise<Engine> {
  return createEngine(loadAssets(), [...RULES, probeRule(), ...extra]);
}

/** The probe's message for each call, in source order. */
export async function callees(source: string): Promise<string[]> {
  const engine = await probeEngine();
  return engine.lint({ text: source, config: { select: ['MLS900'] } }).findings.map((f) => f.message);
}
