import { createEngine, type Engine, type LintInput } from '../../engine';
import { loadAssets } from '../../project/assets';
import { RULES } from '../../rules';

let engine: Promise<Engine> | undefined;

/** One engine for the whole test run, over every rule. */
export function getEngine(): Promise<Engine> {
  engine ??= createEngine(loadAssets(), RULES);
  return engine;
}

export async function lintPython(text: string, extra: Partial<LintInput> = {}) {
  return (await getEngine()).lint({ text, kind: 'python', ...extra });
}
