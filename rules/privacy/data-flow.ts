import type { SyntaxNode } from '../../engine/syntax';
import type { Note, RuleContext } from '../../engine/rule';

/**
 * Which variables a statement's values come from, by name: enough to tell, at the end of a file,
 * whether what a model is trained on descends from personal data, from synthetic data only, or from
 * somewhere the file does not show. Names only (no scopes): `X` in a function and `X` at the top
 * level are one variable, which errs toward reporting.
 */

/** The variables an assignment target binds: `a`, `a, b`, `(a, b), c`; `df.columns` and `df["x"]` bind into `df`. */
export function targetNames(target: SyntaxNode | null, out: string[] = []): string[] {
  if (!target) return out;
  switch (target.type) {
    case 'identifier':
      out.push(target.text);
      break;
    case 'attribute':
    case 'subscript': {
      const root = rootName(target);
      if (root) out.push(root);
      break;
    }
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'expression_list':
    case 'tuple':
    case 'list':
    case 'parenthesized_expression':
    case 'list_splat_pattern':
      for (const c of target.namedChildren) targetNames(c, out);
      break;
  }
  return out;
}

/** The variable an expression like `df`, `df.x.y`, `df["a"]`, `df.drop(...)` or `df[cols].values` is read from. */
export function rootName(node: SyntaxNode | null): string | undefined {
  for (let n = node, i = 0; n && i < 30; i++) {
    if (n.type === 'identifier') return n.text;
    if (n.type === 'attribute') n = n.childForFieldName('object');
    else if (n.type === 'subscript') n = n.childForFieldName('value');
    else if (n.type === 'call') n = n.childForFieldName('function')?.type === 'attribute' ? n.childForFieldName('function') : null;
    else if (n.type === 'parenthesized_expression') n = n.namedChildren[0];
    else return undefined;
  }
  return undefined;
}

/**
 * The variables an expression reads: identifiers, and the objects of attributes and method calls;
 * not the names of the functions it calls (`f` in `f(x)`), attribute names or keyword names.
 */
export function readNames(node: SyntaxNode | null, out: Set<string> = new Set(), budget = { left: 400 }): Set<string> {
  if (!node || budget.left-- <= 0) return out;
  switch (node.type) {
    case 'identifier':
      out.add(node.text);
      return out;
    case 'attribute': {
      const root = rootName(node);
      if (root) out.add(root);
      else readNames(node.childForFieldName('object'), out, budget);
      return out;
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      if (fn?.type === 'attribute') readNames(fn.childForFieldName('object'), out, budget);
      else if (fn && fn.type !== 'identifier') readNames(fn, out, budget);
      readNames(node.childForFieldName('arguments'), out, budget);
      return out;
    }
    case 'keyword_argument':
      readNames(node.childForFieldName('value'), out, budget);
      return out;
    case 'lambda':
    case 'string':
    case 'comment':
      return out;
    case 'list_comprehension':
    case 'generator_expression':
    case 'set_comprehension':
    case 'dictionary_comprehension': {
      // What is iterated over, not the loop variable.
      for (const c of node.namedChildren) if (c?.type === 'for_in_clause') readNames(c.childForFieldName('right'), out, budget);
      return out;
    }
    default:
      for (const c of node.namedChildren) readNames(c, out, budget);
      return out;
  }
}

/** Per-variable facts gathered from notes: where each variable's values come from. */
export interface Flow {
  to: string[];
  from: string[];
  /** `synthetic`: generated or written-out numbers; `source`: read from somewhere the file names; `neutral`: a model or an object, no data. */
  origin: 'synthetic' | 'source' | 'neutral' | 'derived';
}

/** Variables holding personal data: those with evidence, and everything computed from them (one pass over a worklist). */
export function personalClosure(seeds: Iterable<string>, flows: readonly Flow[]): Set<string> {
  const readers = new Map<string, Flow[]>();
  for (const f of flows) for (const v of f.from) (readers.get(v) ?? readers.set(v, []).get(v)!).push(f);
  const personal = new Set<string>();
  const queue = [...seeds];
  while (queue.length) {
    const v = queue.pop()!;
    if (personal.has(v)) continue;
    personal.add(v);
    for (const f of readers.get(v) ?? []) for (const t of f.to) if (!personal.has(t)) queue.push(t);
  }
  return personal;
}

/**
 * Whether a variable's every value is synthetic (or a model with no data), computed from nothing
 * else: asked only for the few variables a model is trained on, memoized, cycles not clean.
 */
export function cleanness(flows: readonly Flow[]): { clean(v: string): boolean; neutral(v: string): boolean } {
  const byVar = new Map<string, Flow[]>();
  for (const f of flows) for (const t of f.to) (byVar.get(t) ?? byVar.set(t, []).get(t)!).push(f);
  const neutral = (v: string) => !!byVar.get(v)?.every((f) => f.origin === 'neutral');
  const memo = new Map<string, boolean>();
  const clean = (v: string): boolean => {
    const known = memo.get(v);
    if (known !== undefined) return known;
    memo.set(v, false);
    const fs = byVar.get(v) ?? [];
    const ok = fs.some((f) => f.origin !== 'neutral') && fs.every((f) => f.origin === 'synthetic' || f.origin === 'neutral' || (f.origin === 'derived' && f.from.length > 0 && f.from.every((x) => x === v || neutral(x) || clean(x))));
    memo.set(v, ok);
    return ok;
  };
  return { clean, neutral };
}

/**
 * The training calls whose data descends from the evidence, or whose data the file does not show (a
 * function parameter) while it holds evidence; not those trained only on synthetic data.
 */
export function personalTrainings(notes: readonly Note[], evidence: readonly Note[]): Note[] {
  const split = (v: unknown) => (typeof v === 'string' && v ? v.split(',') : []);
  const flows = flowsOf(notes);
  const personal = personalClosure(evidence.flatMap((n) => split(n.data.vars)), flows);
  const { clean, neutral } = cleanness(flows);
  const loops = new Set<string>();
  return notes.filter((n) => {
    if (n.data.kind !== 'train') return false;
    const hit = split(n.data.vars).some((v) => personal.has(v)) || (() => {
      // Trained only on synthetic data (make_classification, arrays written out): not personal, whatever else the file loads.
      const data = split(n.data.data).filter((v) => !neutral(v));
      return !(data.length > 0 && data.every((v) => clean(v)));
    })();
    if (!hit) return false;
    // One training loop is one training: its `loss.backward()` and `optimizer.step()` are reported once per function.
    if (n.data.loop) {
      const fn = String(n.data.fn ?? '');
      if (loops.has(fn)) return false;
      loops.add(fn);
    }
    return true;
  }).slice(0, 20); // the first twenty say what the rest would
}

/** Names that hold data, comma-joined for a note: names bound to modules are not (`pd` in `pd.read_csv(...)`). */
export function dataNames(ctx: RuleContext, list: Iterable<string>): string {
  // Each name once, in the order first seen; written out as a loop, since every assignment and call
  // asks this several times and most lists are empty or hold one name.
  let out = '';
  let count = 0;
  let seen: Set<string> | undefined;
  let first: string | undefined;
  for (const v of list) {
    if (count === 0 && first === undefined) first = v;
    else {
      seen ??= new Set([first!]);
      if (seen.has(v)) continue;
      seen.add(v);
    }
    if (ctx.lookup(v)?.kind === 'import') continue;
    out = count++ ? `${out},${v}` : v;
  }
  return out;
}

/** The variables any of these expressions reads. */
export function readAll(nodes: readonly (SyntaxNode | null | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes) if (n) readNames(n, out);
  return out;
}

/** The variables the value being visited flows into: the enclosing assignment's targets, and the frame a subscript or method call reads. */
export function flowsInto(ctx: RuleContext): string {
  const out: string[] = [];
  const anc = ctx.ancestors();
  for (let i = anc.length - 1; i >= 0; i--) {
    const a = anc[i];
    if (a.type === 'assignment') {
      targetNames(a.childForFieldName('left'), out);
      break;
    }
    if (a.type === 'subscript' || (a.type === 'call' && a.childForFieldName('function')?.type === 'attribute')) {
      const r = rootName(a.type === 'call' ? a.childForFieldName('function') : a);
      if (r) out.push(r);
    }
    if (a.type === 'expression_statement' || a.type === 'function_definition') break;
  }
  return dataNames(ctx, out);
}

/**
 * Records flows with one note per top-level statement (its flows joined in one string): a file has
 * thousands of assignments, and every note is replayed on every keystroke. The note is extended
 * while its statement is walked, before the statement cache copies it.
 */
export function flowBatcher(ctx: RuleContext): (node: SyntaxNode, f: { to: string; from: string; origin: Flow['origin']; fn: string }) => void {
  let batch: { start: number; data: { kind: string; flows: string } } | undefined;
  return (node, f) => {
    let top = node;
    while (top.parent && top.parent.type !== 'module') top = top.parent;
    const entry = `${f.to}|${f.from}|${f.origin}|${f.fn}`;
    if (batch && batch.start === top.startIndex) {
      batch.data.flows += `;${entry}`;
      return;
    }
    batch = { start: top.startIndex, data: { kind: 'flows', flows: entry } };
    ctx.note({ start: top.startIndex, end: top.endIndex }, batch.data);
  };
}

/** The flows the batched notes hold, with the top-level function each is in ('' at module level). */
export function flowsOf(notes: readonly Note[]): (Flow & { fn: string })[] {
  const out: (Flow & { fn: string })[] = [];
  const split = (v: string) => (v ? v.split(',') : []);
  for (const n of notes) {
    if (n.data.kind !== 'flows') continue;
    for (const e of String(n.data.flows).split(';')) {
      const [to, from, origin, fn] = e.split('|');
      out.push({ to: split(to), from: split(from), origin: origin as Flow['origin'], fn });
    }
  }
  return out;
}
