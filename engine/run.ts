import type { Tree } from 'web-tree-sitter';
import type { StatementPatch } from './statement-reparse';
import type { SyntaxNode } from './syntax';
import { enabledCodes } from './config';
import { callArgs, evaluate, type CallArgs } from './evaluate';
import type { ShellLine } from './ipython';
import { LineIndex } from './lines';
import { cellLocation, type Notebook } from './notebook';
import type { Note, Report, Rule, Visitor } from './rule';
import { enterSemantic, exitSemantic, SEMANTIC_TYPES } from './scope-events';
import { redact } from './secrets';
import { IMPLICIT_MODULES, Semantic } from './semantic';
import { applySuppressions } from './suppress-pass';
import type { FileExports, Finding, LintInput, LintResult } from './types';
import { RunContext, ruleOptions } from './run-context';
import { walk, type WalkState } from './walk';
import { compareText } from './order';

export const INTERNAL_ERROR = 'MLS000';

/** A dotted name followed by the opening parenthesis of the arguments, on one line. */
const CALL_HEAD = /([A-Za-z_][A-Za-z0-9_]*(?:[ \t]*\.[ \t]*[A-Za-z_][A-Za-z0-9_]*)*)[ \t]*\(/y;

/**
 * One lint of one text: the enabled rules instantiated with their visitors merged by node type, the
 * semantic model, and the findings. A run walks the whole tree, or (for the language server's
 * cache) only some top-level statements while replaying the bindings of the others.
 */
export class LintRun {
  private lineIndex?: LineIndex;
  readonly semantic = new Semantic();
  readonly findings: Finding[] = [];
  /**
   * Findings on a notebook's shell lines and outputs: every lint makes them again from the shell
   * lines and outputs, so they are never cached with the statement they may lie in.
   */
  readonly fresh = new Set<Finding>();
  /** True once a rule has thrown: such a run's findings are not cached. */
  crashed = false;
  /** Notes of file-scope rules, by rule code. */
  readonly notes = new Map<string, Note[]>();
  /** What the file exports to its project (`ctx.exportFacts`). */
  readonly exports: FileExports = {};
  private readonly visitors = new Map<string, { rule: Rule; fn: Visitor }[]>();
  private readonly shells: { rule: Rule; fn: (l: ShellLine) => void }[] = [];
  private readonly ends: { rule: Rule; fn: () => void }[] = [];
  /**
   * Sensitive rules the configuration disables, run anyway so that what they would have found is
   * still masked wherever source lines are shown (`LintResult.masks`); they report no finding.
   */
  private readonly maskOnly = new Set<Rule>();
  /** @internal Rules that threw: they report nothing more. */
  readonly dead = new Set<Rule>();
  private readonly callees = new Map<number, string | undefined>();
  /** Calls whose callee resolved through a module name nothing in the file binds (`IMPLICIT_MODULES`). */
  private readonly implicitCalls: { start: number; end: number; name: string }[] = [];
  private lastCall: SyntaxNode | undefined;
  private lastCallee: string | undefined;
  private lastArgsOf: SyntaxNode | undefined;
  private lastHeadOf: SyntaxNode | undefined;
  private lastHead: string | null = null;
  private lastMethodOf: SyntaxNode | undefined;
  private lastMethod: string | undefined;
  private lastArgs: CallArgs | undefined;
  private readonly argLists = new Map<number, CallArgs>();
  private readonly heads = new Map<number, string | null>();
  private readonly masked = new Map<string, string>();
  /** Calls of every walk of this run whose callee only starts like a dotted name; `end` visitors may ask too. */
  private readonly complexCallees = new Set<number>();
  /** @internal The walk's state, for RunContext. */
  state: WalkState = { ancestors: [], complexCallees: this.complexCallees };
  readonly types: ReadonlySet<string>;
  private readonly evalConst = (n: SyntaxNode) => {
    const v = evaluate(n, this.semantic);
    return v.known ? v.value : undefined;
  };

  constructor(
    readonly text: string,
    private readonly rules: readonly Rule[],
    /** @internal */ readonly input: LintInput,
    /** @internal */ readonly notebook?: Notebook,
    /** Rules that cannot report on this text (`RuleMeta.requires`): not run. */
    skip?: ReadonlySet<Rule>,
  ) {
    const enabled = enabledCodes(input.config);
    for (const rule of rules) {
      if (skip?.has(rule)) continue;
      if (enabled(rule.meta.code)) this.instantiate(rule);
      else if (rule.meta.sensitive && input.masks !== false) {
        this.maskOnly.add(rule);
        this.instantiate(rule);
      }
    }
    // Calls are always walked: the walk tells a call whose callee merely starts like a dotted name
    // (`f(a).load()`) from one that is that name, which `ctx.callee` relies on from any visitor.
    this.types = walkedTypes([...this.visitors.keys()]);
  }

  /** Built on first use: most lints never need to turn an offset into a position. */
  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  /** Walks a subtree (the whole tree's root, or one top-level statement), running the rules. */
  walk(root: SyntaxNode): void {
    walk(root, this.types, (n, type, state) => this.enter(n, type, state), (n, type) => exitSemantic(n, this.semantic, this.evalConst, type), this.complexCallees);
  }

  /** Replays the bindings a statement makes, running no rule: for statements whose findings are cached. */
  replay(statement: SyntaxNode): void {
    walk(statement, SEMANTIC_TYPES, (n) => enterSemantic(n, this.semantic, this.evalConst), (n) => exitSemantic(n, this.semantic, this.evalConst));
  }

  /**
   * Replays the bindings of one top-level statement. An import binds with no walk (nothing inside it
   * is a semantic event), which spares a `descendantsOfType` call per import on every keystroke.
   */
  replayStatement(statement: SyntaxNode): void {
    const type = statement.type;
    if (type === 'import_statement' || type === 'import_from_statement') enterSemantic(statement, this.semantic, this.evalConst);
    else this.replay(statement);
  }

  addNote(code: string, note: Note): void {
    const list = this.notes.get(code) ?? [];
    list.push(note);
    this.notes.set(code, list);
  }

  /** Notes of a statement served from the cache, already placed. */
  addNotes(code: string, notes: readonly Note[]): void {
    const list = this.notes.get(code);
    if (list) for (const n of notes) list.push(n);
    else this.notes.set(code, [...notes]);
  }

  /**
   * Shell lines, end-of-file visitors, suppressions, order and notebook positions (`locate`; the
   * statement cache's findings are frozen and shared between lints, so its caller locates them).
   */
  finish(tree: Tree, cached: Finding[] = [], patches: readonly StatementPatch[] = [], locate = true): LintResult {
    const beforeShells = this.findings.length;
    for (const line of this.notebook?.shellLines ?? []) for (const { rule, fn } of this.shells) this.guard(rule, () => fn(line));
    for (let i = beforeShells; i < this.findings.length; i++) this.fresh.add(this.findings[i]);
    for (const { rule, fn } of this.ends) this.guard(rule, fn);
    let all = cached.length ? [...cached, ...this.findings] : this.findings;
    const masks = this.maskOnly.size ? all.filter((f) => f.maskOnly) : [];
    if (masks.length) all = all.filter((f) => !f.maskOnly);
    // A patched statement's comments and statements are its own tree's (statement-reparse.ts).
    const rootAt = patches.length ? (at: number) => (patches.find((p) => at >= p.start && at < p.end)?.tree ?? tree).rootNode : () => tree.rootNode;
    const kept = applySuppressions(all, rootAt, this.text, () => this.lines, this.rules, this.input.config, (rule, r) => this.toFinding(rule, r));
    // Suppressions applied (a new list, which may also hold findings about them): the secrets they hid.
    if (kept !== all && this.input.masks !== false && all.some((f) => f.sensitive)) {
      const shown = new Set(kept);
      for (const f of all) if (f.sensitive && !shown.has(f)) masks.push(f);
    }
    kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || compareText(a.code, b.code));
    if (this.notebook && locate) {
      for (const f of kept) {
        const cell = f.cell ? undefined : cellLocation(this.notebook, f.range);
        if (cell) f.cell = cell;
      }
    }
    const warnings = this.notebook?.warnings.length ? { warnings: this.notebook.warnings } : {};
    // Findings in saved outputs have no range in the source to mask (outputs are never shown).
    const ranges = masks
      .filter((f) => f.cell?.output === undefined)
      .map((f) => f.range)
      .sort((a, b) => a.start.line - b.start.line || a.start.column - b.start.column);
    const exports = Object.keys(this.exports).length ? { exports: this.exports } : {};
    return { findings: kept, text: this.text, syntaxErrors: tree.rootNode.hasError || patches.some((p) => p.broken), ...warnings, ...(ranges.length ? { masks: ranges } : {}), ...exports };
  }

  private enter(node: SyntaxNode, type: string, state: WalkState): void {
    this.state = state;
    enterSemantic(node, this.semantic, this.evalConst, type);
    const list = this.visitors.get(type);
    if (!list) return;
    // The guard written out: no closure per visitor per node on the hottest loop.
    const anyDead = this.dead.size > 0;
    for (const { rule, fn } of list) {
      if (anyDead && this.dead.has(rule)) continue;
      try {
        fn(node);
      } catch (error) {
        this.crash(rule, error, node);
      }
    }
  }

  private guard(rule: Rule, run: () => void, node?: SyntaxNode): void {
    if (this.dead.has(rule)) return;
    try {
      run();
    } catch (error) {
      this.crash(rule, error, node);
    }
  }

  private instantiate(rule: Rule): void {
    const ctx = new RunContext(this, rule, ruleOptions(rule, this.input.config?.options?.[rule.meta.code]));
    let created;
    try {
      created = rule.create(ctx);
    } catch (e) {
      this.crash(rule, e);
      return;
    }
    for (const type in created) {
      const fn = created[type as keyof typeof created];
      if (!fn) continue;
      if (type === 'shell') this.shells.push({ rule, fn: fn as (l: ShellLine) => void });
      else if (type === 'end') this.ends.push({ rule, fn: fn as () => void });
      else {
        const list = this.visitors.get(type) ?? [];
        list.push({ rule, fn: fn as Visitor });
        this.visitors.set(type, list);
      }
    }
  }

  // Every rule asks the same questions about the same call: answer each once per run.
  /** @internal For RunContext. */
  calleeOf(call: SyntaxNode): string | undefined {
    // The visitors of one node run one after another, and most ask about that node: a one-entry
    // cache answers them with a comparison before the map.
    if (call === this.lastCall) return this.lastCallee;
    const q = this.calleeOfId(call);
    this.lastCall = call;
    this.lastCallee = q;
    return q;
  }

  private calleeOfId(call: SyntaxNode): string | undefined {
    if (this.callees.has(call.id)) return this.callees.get(call.id);
    const head = this.headOf(call);
    let q = head !== null ? this.semantic.qualifiedDotted(head) : this.semantic.qualifiedName(call.childForFieldName('function'));
    if (q === 'functools.partial') q = this.partialOf(call) ?? q;
    this.callees.set(call.id, q);
    if (q !== undefined && head !== null) {
      const dot = head.indexOf('.');
      const first = dot < 0 ? head : head.slice(0, dot);
      if (IMPLICIT_MODULES.has(first) && this.semantic.implicit(first)) this.implicitCalls.push({ start: call.startIndex, end: call.endIndex, name: first });
    }
    return q;
  }

  /**
   * `functools.partial(torch.load, map_location="cpu")` is linted as the call it prepares,
   * `torch.load(map_location="cpu")`: its callee is the wrapped function's and its arguments are the
   * rest (`argsOf`), so a rule reports, and fixes, the partial where it binds the arguments.
   */
  private partialOf(call: SyntaxNode): string | undefined {
    const args = callArgs(call);
    const wrapped = args.positional[0];
    if (!wrapped || (wrapped.type !== 'identifier' && wrapped.type !== 'attribute')) return undefined;
    const q = this.semantic.qualifiedName(wrapped);
    if (q === undefined || q === 'functools.partial') return undefined;
    this.argLists.set(call.id, { ...args, positional: args.positional.slice(1) });
    return q;
  }

  /** The attribute a call's callee ends with (`load` in `torch.load(...)`), if the callee is an attribute. */
  /** @internal For RunContext. */
  methodOf(call: SyntaxNode): string | undefined {
    // Several rules ask it of every call, one after another: the last answer is kept (a new slice each time before).
    if (call === this.lastMethodOf) return this.lastMethod;
    const head = this.headOf(call);
    let method: string | undefined;
    if (head !== null) {
      const dot = head.lastIndexOf('.');
      method = dot < 0 ? undefined : head.slice(dot + 1);
    } else {
      const fn = call.childForFieldName('function');
      method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    }
    this.lastMethodOf = call;
    this.lastMethod = method;
    return method;
  }

  /**
   * The callee of a call as written, when it is a plain dotted name read straight from the source
   * (`torch . load (` gives `torch.load`); null when it is anything else. Reading the text ahead of
   * the call saves asking tree-sitter for the callee node, for every call, for every rule.
   */
  private headOf(call: SyntaxNode): string | null {
    if (call === this.lastHeadOf) return this.lastHead;
    let head = this.heads.get(call.id);
    if (head === undefined) {
      head = null;
      if (!this.complexCallees.has(call.id)) {
        CALL_HEAD.lastIndex = call.startIndex;
        const m = CALL_HEAD.exec(this.text);
        if (m) head = m[1].replace(/[ \t]+/g, '');
      }
      this.heads.set(call.id, head);
    }
    this.lastHeadOf = call;
    this.lastHead = head;
    return head;
  }

  /** @internal For RunContext. */
  argsOf(call: SyntaxNode): CallArgs {
    if (call === this.lastArgsOf) return this.lastArgs!;
    let a = this.argLists.get(call.id);
    // A partial's arguments are known once its callee is (`partialOf`).
    if (!a && !this.callees.has(call.id)) {
      this.calleeOfId(call);
      a = this.argLists.get(call.id);
    }
    if (!a) {
      a = callArgs(call);
      this.argLists.set(call.id, a);
    }
    this.lastArgsOf = call;
    this.lastArgs = a;
    return a;
  }

  toFinding(rule: Rule, r: Report): Finding {
    if (this.implicitCalls.length && !rule.meta.sensitive && !rule.meta.fileScope) r = this.implicitNoted(rule, r);
    const cell = r.output ? this.notebook?.cells[r.output.cell] : undefined;
    const outputLine = cell ? { line: cell.startLine, column: 0 } : undefined;
    const start = outputLine ?? (r.node ? { line: r.node.startPosition.row, column: r.node.startPosition.column } : this.lines.position(r.span?.start ?? 0));
    const end = outputLine ?? (r.node ? { line: r.node.endPosition.row, column: r.node.endPosition.column } : this.lines.position(r.span?.end ?? 0));
    const at = r.output && cell ? this.notebook!.outputs.find((o) => o.cell === r.output!.cell && o.output === r.output!.output) : undefined;
    const finding: Finding = {
      ...(r.output && cell ? { cell: { cell: cell.index, line: 0, column: 0, endLine: 0, endColumn: 0, rawLine: at?.rawLine ?? cell.rawLines[0] ?? 0, output: r.output.output } } : {}),
      code: rule.meta.code,
      rule: rule.meta.name,
      // A last guard: no message, whatever rule wrote it, carries a token in full.
      message: this.redacted(r.message),
      severity: this.input.config?.severity?.[rule.meta.code] ?? r.severity ?? rule.meta.severity,
      confidence: r.confidence ?? rule.meta.confidence,
      category: rule.meta.category,
      range: { start, end },
      fixes: r.fixes ?? [],
      ...(r.related?.length ? { related: r.related } : {}),
      ...(rule.meta.sensitive ? { sensitive: true } : {}),
      ...(this.maskOnly.has(rule) ? { maskOnly: true as const } : {}),
    };
    if (r.output) this.fresh.add(finding);
    return finding;
  }

  /**
   * A report inside a call whose callee is a module name nothing in the file binds: the finding says
   * so, one step less confident (the name may stand for something defined elsewhere). Not for the
   * rules that report values (secrets, personal data), whose findings do not rest on the callee, nor
   * for file-scope rules: they report from `end`, where the calls of statements served from the
   * statement cache were not walked in this lint, so the note would differ between a cached and a fresh lint.
   */
  private implicitNoted(rule: Rule, r: Report): Report {
    const start = r.node?.startIndex ?? r.span?.start;
    const end = r.node?.endIndex ?? r.span?.end;
    if (start === undefined || end === undefined || r.output) return r;
    let best: { start: number; end: number; name: string } | undefined;
    for (const c of this.implicitCalls) {
      if (c.start <= start && end <= c.end && (!best || c.end - c.start < best.end - best.start)) best = c;
    }
    if (!best) return r;
    const confidence = r.confidence ?? rule.meta.confidence;
    const module = IMPLICIT_MODULES.get(best.name);
    return {
      ...r,
      message: `${r.message} (\`${best.name}\` is not imported in this file${module === best.name ? '' : `: read as \`${module}\``})`,
      confidence: confidence === 'high' ? 'medium' : 'low',
    };
  }

  /** A message with any secret in it masked; a file's findings repeat a few messages many times. */
  private redacted(message: string): string {
    let out = this.masked.get(message);
    if (out === undefined) this.masked.set(message, (out = redact(message)));
    return out;
  }

  private crash(rule: Rule, error: unknown, node?: SyntaxNode): void {
    this.dead.add(rule);
    this.crashed = true;
    const internal = this.rules.find((r) => r.meta.code === INTERNAL_ERROR) ?? rule;
    const message = `Internal error in ${rule.meta.code} (${rule.meta.name}): ${error instanceof Error ? error.message : String(error)}. The other rules still ran; please report this.`;
    this.findings.push({
      ...this.toFinding(internal, { node, span: node ? undefined : { start: 0, end: 0 }, message, severity: 'warning' }),
      code: INTERNAL_ERROR,
      rule: 'internal-error',
      category: 'linter',
    });
  }
}


const typeSets = new Map<string, ReadonlySet<string>>();

/** The node types a run walks, one Set per combination, so the lists made from a Set are made once. */
function walkedTypes(visited: string[]): ReadonlySet<string> {
  const key = visited.join(' ');
  let set = typeSets.get(key);
  if (!set) typeSets.set(key, (set = new Set([...SEMANTIC_TYPES, 'call', ...visited])));
  return set;
}

