import type { SyntaxNode } from './syntax';
import { evaluate, type CallArgs, type Value } from './evaluate';
import type { Note, NoteData, Report, Rule, RuleContext } from './rule';
import type { LintRun } from './run';
import type { Binding } from './semantic';
import type { ShellLine } from './ipython';
import type { LineIndex } from './lines';
import type { NotebookOutput } from './notebook';
import type { FileExports, ProjectFacts } from './types';

const NO_SHELL_LINES: readonly ShellLine[] = Object.freeze([]);
const NO_OUTPUTS: readonly NotebookOutput[] = Object.freeze([]);
const NO_PROJECT: ProjectFacts = Object.freeze({});

/**
 * What a rule sees of the run it is part of. One object per rule per lint, with its methods on the
 * prototype: the language server instantiates every rule on every keystroke, and an object literal
 * with a getter and a closure per method cost more than the lint of the edited statement.
 */
export class RunContext implements RuleContext {
  constructor(
    private readonly run: LintRun,
    private readonly rule: Rule,
    readonly options: Record<string, unknown>,
  ) {}

  get text(): string {
    return this.run.text;
  }

  get lines(): LineIndex {
    return this.run.lines;
  }

  get notebook(): boolean {
    return !!this.run.notebook;
  }

  get project(): ProjectFacts {
    return this.run.input.project ?? NO_PROJECT;
  }

  get shellLines(): readonly ShellLine[] {
    return this.run.notebook?.shellLines ?? NO_SHELL_LINES;
  }

  get outputs(): readonly NotebookOutput[] {
    return this.run.notebook?.outputs ?? NO_OUTPUTS;
  }

  qualifiedName(node: SyntaxNode | null): string | undefined {
    return this.run.semantic.qualifiedName(node);
  }

  callee(call: SyntaxNode): string | undefined {
    return this.run.calleeOf(call);
  }

  method(call: SyntaxNode): string | undefined {
    return this.run.methodOf(call);
  }

  ancestors(): readonly SyntaxNode[] {
    return this.run.state.ancestors;
  }

  lookup(name: string): Binding | undefined {
    return this.run.semantic.lookup(name);
  }

  evaluate(node: SyntaxNode | null | undefined): Value {
    return evaluate(node ?? null, this.run.semantic);
  }

  args(call: SyntaxNode): CallArgs {
    return this.run.argsOf(call);
  }

  report(report: Report): void {
    if (!this.run.dead.has(this.rule)) this.run.findings.push(this.run.toFinding(this.rule, report));
  }

  note(span: { start: number; end: number }, data: NoteData): void {
    this.run.addNote(this.rule.meta.code, { span, data });
  }

  exportFacts(facts: FileExports): void {
    // An empty list is kept: `imports: []` says the file imports nothing, which no list leaves unknown.
    for (const [key, values] of Object.entries(facts) as [keyof FileExports, string[]][]) if (values) this.run.exports[key] = [...new Set([...(this.run.exports[key] ?? []), ...values])];
  }

  notes(): readonly Note[] {
    return [...(this.run.notes.get(this.rule.meta.code) ?? [])].sort((a, b) => a.span.start - b.span.start);
  }
}

const optionCache = new WeakMap<Rule, { none?: Record<string, unknown>; given: WeakMap<object, Record<string, unknown>> }>();

/**
 * A rule's options: its declared defaults under what the configuration gives. Kept per rule and
 * per configuration object (the server lints with the same one on every keystroke), frozen because
 * runs share it.
 */
export function ruleOptions(rule: Rule, given: Record<string, unknown> | undefined): Record<string, unknown> {
  let cached = optionCache.get(rule);
  if (!cached) optionCache.set(rule, (cached = { given: new WeakMap() }));
  const hit = given ? cached.given.get(given) : cached.none;
  if (hit) return hit;
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(rule.meta.options ?? {})) out[key] = spec.default;
  const options = Object.freeze({ ...out, ...(given ?? {}) });
  if (given) cached.given.set(given, options);
  else cached.none = options;
  return options;
}
