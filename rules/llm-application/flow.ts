import { LLM_OUTPUT_WORDS } from '../helpers';
import type { SyntaxNode } from '../../engine/syntax';
import type { Note, NoteData, NodeType, RuleContext, Visitors } from '../../engine/rule';
import type { LlmSink } from '../../engine/types';

/**
 * Taint within one function (or the module's top level): which names and `self.x` attributes hold a
 * value that came from a source, through assignments, attributes, subscripts, f-strings, `%`,
 * `.format`, `+`, `json.loads` and the other calls listed in `PROPAGATORS`, method calls on a tainted
 * object, comprehensions, `with ... as`, and calls of functions defined in the same file. A label is
 * `kind:description` (`llm:`client.chat.completions.create(...)``).
 *
 * What the file's own functions (and `self.method`s) return is followed: each `return` is noted under the
 * function's name and calls carry a `call:` label, replaced in `end` by what was returned. With
 * `summaries`, what they do with their parameters is followed too: each parameter of a top-level
 * function or method starts with a `param:` label; a sink it reaches is noted as `psink`, a parameter
 * passed on as written to another function of the file as `parg` (that function's sinks become its
 * own in `end`, up to four functions deep), and a call passing tainted values to that function as
 * `arg`; `end` reports the call. The parameters of a function a decorator registers as an LLM tool
 * start with the model's label instead, and a registration further down (`Tool(func=f)`, a `tool`
 * note) makes `end` report `f`'s parameter sinks. Streamlit's `session_state` keys are noted as a
 * function's returns are (`@state.<key>`), so a read anywhere in the file sees what any statement
 * stored. With `code`, what crosses files: the file exports its functions returning model text and
 * its parameter sinks (`FileExports.llmText`, `llmSinks`), and a call of another file's function
 * given as `ProjectFacts.llmSinks` is noted as `xarg` and reported in `end`.
 * What it does not follow: a parameter copied to another name before it is passed on, what another
 * file's function does with its argument unless it reaches a sink there, names of the module read
 * inside a function, closures, and anything stored in a global or another object's attribute;
 * containers and files filled by `append` / `write` only in functions that hold model output (not
 * for parameters' summaries).
 *
 * The rules using it are file-scope: a top-level statement served from the language server's cache
 * is not walked again, so the top level's flows are kept as notes (cached with their statement) and
 * resolved in `end`; inside a function, where the whole flow lies in one statement, the decision is
 * made at the sink and kept as a note too. Everything that crosses statements (returns, summaries,
 * arguments, tool registrations) is a note decided in `end`, so findings do not depend on which
 * statements were walked.
 */
export interface Sink {
  /** Where the finding goes. */
  at: SyntaxNode;
  /** The expressions whose taint counts. */
  args: SyntaxNode[];
  /** Label kinds that must all reach the sink (`['llm']`, or `['llm', 'secret']` for a log line). */
  requires: string[];
  /** The message; `{source}` becomes the description of the first label of the first required kind. */
  message: string;
}

export interface FlowOptions {
  /** A label when the node itself produces tainted data (a call to an LLM, `request.form`). */
  source(node: SyntaxNode): string | undefined;
  /** Node types that may be sinks, and the sinks they are. */
  sinkTypes: NodeType[];
  sinks(node: SyntaxNode): Sink[];
  /** Labels of a function's parameters when it is entered (request handlers' arguments). */
  parameters?(fn: SyntaxNode): Map<string, string>;
  /**
   * Follow values into the file's own functions: each top-level function's and method's parameters
   * that reach a sink are noted (a summary), and calls passing tainted values to them are reported at
   * the call in `end`. With `tools`, the parameters of functions registered as LLM tools are sources.
   */
  summaries?: {
    /** A label for the parameters of a function a decorator registers as a tool (`@tool`), or undefined. */
    tool(fn: SyntaxNode): ((parameter: string) => string | undefined) | undefined;
    /** The parameters that label applies to. */
    parameters(fn: SyntaxNode): string[];
    /** Functions a call registers as tools (`Tool(func=f)`), and how. */
    registered(call: SyntaxNode): { node: SyntaxNode; how: string }[];
  };
  /**
   * The rule's code, for the facts that cross files: the file exports what its top-level functions
   * return from a model (`llmText`) and which of their parameters reach this rule's sinks
   * (`llmSinks`), and a call of another file's function with such a parameter is reported here.
   */
  code?: string;
  /**
   * The rule's pre-filter words (`RuleMeta.requires`): sink summaries are exported only from a file
   * that holds one, so that a file's exports are the same whether the pre-filter ran the rule on it
   * or not (the words name the rule's sinks as well as model calls: a file holding none has neither).
   */
  words?: readonly string[];
}

/** Calls whose result carries the taint of their arguments. */
const PROPAGATORS = new Set([
  'json.loads', 'asyncio.run', 'yaml.safe_load', 'yaml.load', 'yaml.full_load', 'yaml.unsafe_load', 'tomllib.loads', 'toml.loads', 'builtins.str', 'str', 'textwrap.dedent', 're.search', 're.match', 're.fullmatch', 're.findall', 're.sub', 're.split', 're.finditer',
  'ast.parse', 'builtins.compile', 'base64.b64decode', 'base64.urlsafe_b64decode', 'shlex.split', 'codecs.decode', 'bytes.fromhex',
  // Markdown to HTML: raw HTML in the text passes through.
  'mistune.html', 'mistune.markdown', 'markdown.markdown', 'markdown2.markdown',
]);
/** Thread and process classes that call `target` with `args`. */
const SPAWNERS = /^(multiprocessing(\.context)?\.(Process|\w*Process)|threading\.Thread|torch\.multiprocessing\.Process)$/;
/** Methods of executors and pools that call the function they are given with the arguments after it. */
const HAND_OFF_METHODS = new Set(['submit', 'apply_async', 'run_in_executor']);
/** Builtins whose result carries the taint of their arguments (`str(reply)`, `zip(problems, outputs)`). */
const TEXT_BUILTINS = new Set(['str', 'repr', 'format', 'bytes', 'bytearray', 'zip', 'enumerate', 'list', 'tuple', 'sorted', 'reversed', 'iter', 'next', 'dict', 'set', 'frozenset']);
/** Methods of a clean object whose result carries the taint of their arguments (`"{}".format(x)`). */
const ARGUMENT_METHODS = new Set(['format', 'format_map', 'join', 'replace', 'search', 'match', 'fullmatch', 'findall', 'finditer', 'sub', 'split', 'decode', 'batch_decode']);
/** Calls that return clean data whatever their argument. */
const SANITIZERS = new Set(['html.escape', 'markupsafe.escape', 'flask.escape', 'bleach.clean', 'shlex.quote', 'builtins.int', 'builtins.float', 'builtins.bool', 'builtins.len', 'ast.literal_eval']);
const PLAIN = new Set(['identifier', 'integer', 'float', 'true', 'false', 'none', 'keyword_argument', 'comment']);

/** True when every argument is a name or a literal number (`self.conv(x)`, `run(code, k=v)`). */
function plainArguments(call: SyntaxNode): boolean {
  const list = call.childForFieldName('arguments');
  if (list?.type !== 'argument_list') return false;
  for (const a of list.namedChildren) {
    if (!a || !PLAIN.has(a.type)) return false;
    if (a.type === 'keyword_argument' && !PLAIN.has(a.childForFieldName('value')?.type ?? 'x')) return false;
  }
  return true;
}

/** Builtins called most: never a function of this file when the file binds no such name. */
const BUILTINS = new Set(['print', 'len', 'range', 'str', 'int', 'float', 'bool', 'list', 'dict', 'set', 'tuple', 'isinstance', 'issubclass', 'getattr', 'setattr', 'hasattr', 'enumerate', 'zip', 'map', 'filter', 'sorted', 'reversed', 'sum', 'min', 'max', 'abs', 'round', 'open', 'super', 'type', 'iter', 'next', 'any', 'all', 'repr', 'format', 'id', 'hash', 'vars', 'dir', 'callable', 'bytes', 'divmod', 'pow', 'ord', 'chr', 'input', 'exit', 'eval', 'exec', 'compile', 'frozenset', 'object', 'slice', 'property', 'staticmethod', 'classmethod']);
/** Methods that store their argument in their object. */
const MUTATORS = new Set(['write', 'writelines', 'append', 'extend', 'insert', 'add', 'update', 'appendleft']);
const CONDITIONAL = new Set(['if_statement', 'for_statement', 'while_statement', 'try_statement']);
const SEP = '\u0001';
/** The label kind of a call of a function of this file: `call:answer`, `call:.ask` for `self.ask(...)`. */
const CALL = 'call:';
/** The label kind of a parameter of a function of this file: `param:<key>\u0002<index>\u0002<name>`. */
const PARAM = 'param:';
const PSEP = '\u0002';
/** The key Streamlit's session state is noted under, as a function's returns are: `@state.chat_history`. */
const STATE = '@state.';
/** The key an attribute of `self` is noted under, as a function's returns are: `@self.Agent.plan`. */
const SELF = '@self.';

interface Flow {
  labels: string[];
  names: string[];
}

const EMPTY: Flow = { labels: [], names: [] };
const NONE: string[] = [];

export function flowTracker(ctx: RuleContext, options: FlowOptions): Visitors {
  const summaries = options.summaries;
  // A file naming no model, linted with no other file's model text (the CLI's first pass over a module of helpers,
  // there only for its sink summaries), has no source: the source check, asked of every expression followed, is skipped.
  const sourceless = options.code !== undefined && !ctx.project.llmText && !namesModel(ctx.text);
  const source = sourceless ? () => undefined : options.source;
  /** Taint of each function being walked, by the function node's id. */
  const scopes = new Map<number, Map<string, string[]>>();
  /** Functions whose names hold taint other than their own parameters'. */
  const hot = new Set<number>();
  /** Functions with a summary (top-level functions and methods with parameters), by id, and their key. */
  const tracked = new Map<number, string>();
  const seeded = new Set<number>();
  /** Their assignments so far (target, up to two values, weak: four slots each), how many were replayed, and the parameters' scope. */
  const steps = new Map<number, { list: (SyntaxNode | null | boolean)[]; done: number; scope: Map<string, string[]> | undefined }>();
  const span = (n: SyntaxNode) => ({ start: n.startIndex, end: n.endIndex });
  /** `ownObject`'s callee names, by call node. */
  const calleeNames = new Map<number, string>();

  /** The innermost function around the node, and whether an `if`, loop or `try` lies between. */
  // The answer for the last node's parent: visitors of one node and of its siblings ask it several times.
  let whereParent: number | undefined;
  let whereDepth = -1;
  let whereAnswer: { fn: SyntaxNode | undefined; weak: boolean } = { fn: undefined, weak: false };
  function where(): { fn: SyntaxNode | undefined; weak: boolean } {
    const anc = ctx.ancestors();
    const parent = anc.length ? anc[anc.length - 1].id : undefined;
    if (parent === whereParent && anc.length === whereDepth) return whereAnswer;
    let weak = false;
    let fn: SyntaxNode | undefined;
    for (let i = anc.length - 1; i >= 0; i--) {
      const t = anc[i].type;
      // A lambda reads the names of the function around it (`lambda: subprocess.run(command)`).
      if (t === 'function_definition') {
        fn = anc[i];
        break;
      }
      if (CONDITIONAL.has(t)) weak = true;
    }
    whereParent = parent;
    whereDepth = anc.length;
    return (whereAnswer = { fn, weak });
  }

  /** Names matter at the top level (resolved in `end`) and in a function that holds taint already. */
  function needNames(): boolean {
    const { fn } = where();
    return !fn || (scopes.get(fn.id)?.size ?? 0) > 0;
  }

  function scopeOf(fn: SyntaxNode): Map<string, string[]> {
    let s = scopes.get(fn.id);
    if (!s) {
      scopes.set(fn.id, (s = new Map(options.parameters ? [...options.parameters(fn)].map(([k, v]) => [k, [v]]) : [])));
      if (summaries) seed(fn, s);
    }
    return s;
  }

  /** A tool's parameters carry the model's label; another function's carry their own, for its summary. */
  function seed(fn: SyntaxNode, scope: Map<string, string[]> | undefined): void {
    if (seeded.has(fn.id)) return;
    seeded.add(fn.id);
    const key = returnKey(fn);
    const tool = summaries!.tool(fn);
    if (tool) {
      const s = scope ?? scopeOf(fn);
      for (const p of summaries!.parameters(fn)) {
        const label = s.has(p) ? undefined : tool(p);
        if (label) s.set(p, [label]);
      }
      hot.add(fn.id);
      return;
    }
    if (!key) return;
    // Parameters' own labels live apart, in a scope built only when a sink in the function needs it.
    if ((fn.childForFieldName('parameters')?.namedChildCount ?? 0) > (key.startsWith('.') ? 1 : 0)) tracked.set(fn.id, key);
  }

  /** Notes an assignment of a function with a summary, to replay if a sink in it needs its parameters' flow. */
  function record(target: SyntaxNode | null, first: SyntaxNode | null | undefined, second: SyntaxNode | null | undefined, weakAlways: boolean): void {
    const { fn, weak } = where();
    if (!fn || !tracked.has(fn.id)) return;
    let s = steps.get(fn.id);
    if (!s) steps.set(fn.id, (s = { list: [], done: 0, scope: undefined }));
    s.list.push(target, first ?? null, second ?? null, weak || weakAlways);
  }

  /** Where the function's parameters have flowed so far: its assignments replayed with their labels. */
  function parameterScope(fn: SyntaxNode): Map<string, string[]> {
    let s = steps.get(fn.id);
    if (!s) steps.set(fn.id, (s = { list: [], done: 0, scope: undefined }));
    if (!s.scope) {
      const key = tracked.get(fn.id)!;
      const own = (s.scope = new Map<string, string[]>());
      parameterNames(fn, key.startsWith('.')).forEach((p, i) => {
        if (p) own.set(p, [`${PARAM}${key}${PSEP}${i}${PSEP}${p}`]);
      });
    }
    const scope = s.scope;
    for (; s.done < s.list.length; s.done += 4) {
      const flow = merge(flowOf(s.list[s.done + 1] as SyntaxNode | null, 0, true), flowOf(s.list[s.done + 2] as SyntaxNode | null, 0, true));
      const labels = resolve(flow, scope).filter((l) => l.startsWith(PARAM));
      for (const t of targets(s.list[s.done] as SyntaxNode | null)) {
        const kept = s.list[s.done + 3] || t.weak ? scope.get(t.key) : undefined;
        const all = kept?.length ? [...new Set([...kept, ...labels])] : labels;
        if (all.length) scope.set(t.key, all);
        else scope.delete(t.key);
      }
    }
    return scope;
  }

  function merge(a: Flow, b: Flow): Flow {
    if (!b.labels.length && !b.names.length) return a;
    if (!a.labels.length && !a.names.length) return b;
    return { labels: [...new Set([...a.labels, ...b.labels])], names: [...new Set([...a.names, ...b.names])] };
  }

  /**
   * The labels an expression carries, and the names whose taint it would carry. With `names` false
   * (a function whose scope holds no taint yet, the common case) only sources are looked for.
   */
  function flowOf(node: SyntaxNode | null | undefined, depth = 0, names = true): Flow {
    if (!node || depth > 30) return EMPTY;
    const label = source(node);
    if (label) return { labels: [label], names: [] };
    const d = depth + 1;
    switch (node.type) {
      case 'identifier':
        return names ? { labels: [], names: [node.text] } : EMPTY;
      case 'attribute': {
        // `st.session_state.history`: what any statement of the file stored there (resolved in `end`, as a call's returns).
        const state = stateKey(node);
        if (state) return { labels: [`${CALL}${STATE}${state}`], names: [] };
        const obj = node.childForFieldName('object');
        const key = names && obj?.type === 'identifier' ? node.text.replace(/\s+/g, '') : undefined;
        const inner = flowOf(obj, d, names);
        return key ? merge(inner, { labels: [], names: [key] }) : inner;
      }
      case 'subscript': {
        const state = stateKey(node);
        if (state) return { labels: [`${CALL}${STATE}${state}`], names: [] };
        return flowOf(node.childForFieldName('value'), d, names);
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        const callee = ctx.callee(node);
        if (callee && SANITIZERS.has(callee)) return EMPTY;
        if (callee && PROPAGATORS.has(callee)) return argsFlow(node, d, names);
        // `str(path)`, `format(x)`: builtins the semantic model leaves unresolved, unless the file binds the name.
        if (callee === undefined && fn?.type === 'identifier' && TEXT_BUILTINS.has(fn.text) && !ctx.lookup(fn.text)) return argsFlow(node, d, names);
        if (fn?.type === 'attribute') {
          const obj = fn.childForFieldName('object');
          const method = fn.childForFieldName('attribute')?.text ?? '';
          // `self.ask(q)`: what the class's `ask` returns (its `return` notes, resolved in `end`).
          if (obj?.type === 'identifier' && (obj.text === 'self' || obj.text === 'cls')) return merge(argsFlow(node, d, names), { labels: [`${CALL}.${method}`], names: [] });
          // `Bot().answer(q)`, `bot = get_bot()` then `bot.answer(q)`: an object of this file's classes, or one its functions return.
          if (obj && ownObject(obj)) return merge(merge(flowOf(obj, d, names), argsFlow(node, d, names)), { labels: [`${CALL}.${method}`], names: [] });
          // `st.session_state.get("history", [])`.
          if ((method === 'get' || method === 'setdefault') && obj?.type === 'attribute' && obj.childForFieldName('attribute')?.text === 'session_state' && ctx.qualifiedName(obj) === 'streamlit.session_state') {
            const key = ctx.evaluate(ctx.args(node).positional[0]);
            if (key.known && typeof key.value === 'string') return { labels: [`${CALL}${STATE}${key.value}`], names: [] };
          }
          const receiver = flowOf(obj, d, names);
          return ARGUMENT_METHODS.has(method) ? merge(receiver, argsFlow(node, d, names)) : receiver;
        }
        if (fn?.type === 'identifier') {
          const b = ctx.lookup(fn.text);
          // A helper of this file (`extract_code(reply)`) is taken to pass its argument through, and
          // to return what its `return` statements return (`call:` labels, resolved in `end`).
          if (b?.kind === 'unknown' && b.node?.type === 'function_definition') return merge(argsFlow(node, d, names), { labels: [`${CALL}${fn.text}`], names: [] });
          // An object of this file's classes holds what it was made with (`Suggestion(command=text)`, a dataclass).
          if (b?.kind === 'unknown' && b.node?.type === 'class_definition') return argsFlow(node, d, names);
          // Inside a function, a name nothing binds yet may be a function defined further down the module (not a
          // builtin): taken to pass its arguments through; what it returns of its own is not known here.
          if (names && !b && callee === undefined && !BUILTINS.has(fn.text) && where().fn) return argsFlow(node, d, names);
        }
        return EMPTY;
      }
      case 'await':
      case 'parenthesized_expression':
        return flowOf(node.namedChildren[0], d, names);
      case 'string': {
        let out = EMPTY;
        for (const c of node.namedChildren) if (c?.type === 'interpolation') out = merge(out, flowOf(c.namedChildren[0], d, names));
        return out;
      }
      case 'binary_operator':
        return merge(flowOf(node.childForFieldName('left'), d, names), flowOf(node.childForFieldName('right'), d, names));
      case 'concatenated_string':
      case 'conditional_expression':
      case 'boolean_operator':
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list': {
        let out = EMPTY;
        for (const c of node.namedChildren) out = merge(out, flowOf(c, d, names));
        return out;
      }
      case 'generator_expression':
      case 'list_comprehension':
      case 'set_comprehension': {
        // What is built from a tainted iterable (`", ".join(t for t in tables)`) carries its taint; only
        // followed where names are (a function holding taint, or the top level), as comprehensions are everywhere.
        // Elsewhere only a source written in the body (`[client.chat.completions.create(...) for p in prompts]`).
        if (!names) return flowOf(node.childForFieldName('body'), d, false);
        let out = flowOf(node.childForFieldName('body'), d, names);
        for (const c of node.namedChildren) if (c?.type === 'for_in_clause') out = merge(out, flowOf(c.childForFieldName('right'), d, names));
        return out;
      }
      case 'dictionary': {
        let out = EMPTY;
        for (const p of node.namedChildren) {
          if (p?.type === 'pair') out = merge(out, flowOf(p.childForFieldName('value'), d, names));
          // `{"id": tid, **data}`: what the unpacked dict holds.
          else if (p?.type === 'dictionary_splat') out = merge(out, flowOf(p.namedChildren[0], d, names));
        }
        return out;
      }
      default:
        return EMPTY;
    }
  }

  function argsFlow(call: SyntaxNode, d: number, names: boolean): Flow {
    let out = EMPTY;
    // `", ".join(t for t in tables)`: the generator is the whole argument list.
    const bare = call.childForFieldName('arguments');
    if (bare?.type === 'generator_expression') return flowOf(bare, d, names);
    const args = ctx.args(call);
    for (const a of args.positional) out = merge(out, flowOf(a, d, names));
    for (const { value } of args.keywords.values()) out = merge(out, flowOf(value, d, names));
    // `Snippet(**json.loads(reply))`: what the unpacked dict holds.
    for (const splat of args.opaqueKwargs) out = merge(out, flowOf(splat.type === 'dictionary_splat' ? splat.namedChildren[0] : splat, d, names));
    return out;
  }

  function resolve(flow: Flow, scope: Map<string, string[]>): string[] {
    // The common cases: a source alone, or one name (`x = y.strip()`).
    if (!flow.names.length) return flow.labels;
    if (!flow.labels.length && flow.names.length === 1) return scope.get(flow.names[0]) ?? NONE;
    const out = new Set(flow.labels);
    for (const n of flow.names) for (const l of scope.get(n) ?? []) out.add(l);
    return [...out];
  }

  /** The names an assignment target binds: identifiers, `self.x`, and the base of `d["k"] = ...` (a weak update). */
  function targets(node: SyntaxNode | null, out: { key: string; weak: boolean }[] = []): { key: string; weak: boolean }[] {
    if (!node) return out;
    if (node.type === 'identifier') out.push({ key: node.text, weak: false });
    else if (node.type === 'attribute' && node.childForFieldName('object')?.type === 'identifier') out.push({ key: node.text.replace(/\s+/g, ''), weak: false });
    else if (node.type === 'subscript') {
      const base = node.childForFieldName('value');
      if (base?.type === 'identifier') out.push({ key: base.text, weak: true });
    } else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'parenthesized_expression', 'expression_list', 'tuple', 'list'].includes(node.type)) {
      for (const c of node.namedChildren) targets(c, out);
    }
    return out;
  }

  /**
   * `st.session_state.x` (or `["x"]`): the key, when the node is Streamlit's session state. It lives
   * across reruns of the script, so what any statement stores there reaches every read of it.
   */
  function stateKey(node: SyntaxNode): string | undefined {
    const attribute = node.type === 'attribute';
    const obj = node.childForFieldName(attribute ? 'object' : 'value');
    const last = obj?.type === 'attribute' ? obj.childForFieldName('attribute') : obj?.type === 'identifier' ? obj : undefined;
    // `session_state` is 13 characters: most names are told apart by their length alone.
    if (!obj || !last || last.endIndex - last.startIndex !== 13 || last.text !== 'session_state') return undefined;
    let key: string | undefined;
    if (attribute) key = node.childForFieldName('attribute')?.text;
    else {
      const k = node.childForFieldName('subscript');
      const v = k?.type === 'string' ? ctx.evaluate(k) : undefined;
      key = v?.known && typeof v.value === 'string' ? v.value : undefined;
    }
    return key && ctx.qualifiedName(obj) === 'streamlit.session_state' ? key : undefined;
  }

  /** Stores a value in the session state: in a function, its labels now; at the top level, its names too, resolved in `end`. */
  function store(key: string, target: SyntaxNode, value: Flow, fn: SyntaxNode | undefined): void {
    if (fn) {
      const labels = resolve(value, scopeOf(fn)).filter((l) => !l.startsWith(PARAM));
      if (labels.length) ctx.note(span(target), { k: 'ret', n: `${STATE}${key}`, l: labels.join(SEP) });
    } else if (value.labels.length || value.names.length) {
      ctx.note(span(target), { k: 'state', n: `${STATE}${key}`, l: value.labels.join(SEP), d: value.names.join(SEP) });
    }
  }

  function assign(target: SyntaxNode | null, value: Flow, weakAlways: boolean): void {
    const { fn, weak } = where();
    if (target && (target.type === 'attribute' || target.type === 'subscript')) {
      const state = stateKey(target);
      if (state) return store(state, target, value, fn);
    }
    // `self.plan = reply` in one method, `exec(self.plan)` in another: noted for the class's other methods.
    const own = fn && target?.type === 'attribute' ? selfKey(target, fn) : undefined;
    if (own) {
      const labels = resolve(value, scopeOf(fn!)).filter((l) => !l.startsWith(PARAM));
      if (labels.length) ctx.note(span(target!), { k: 'ret', n: own, l: labels.join(SEP) });
    }
    for (const t of targets(target)) {
      const w = weak || weakAlways || t.weak;
      if (fn) {
        const scope = scopeOf(fn);
        const labels = resolve(value, scope);
        const kept = w ? scope.get(t.key) : undefined;
        const all = kept?.length ? [...new Set([...kept, ...labels])] : labels;
        if (all.length && !hot.has(fn.id) && all.some((l) => !l.startsWith(PARAM))) hot.add(fn.id);
        if (all.length) scope.set(t.key, all);
        else scope.delete(t.key);
      } else if (target) {
        ctx.note(span(target), { k: 'set', n: t.key, l: value.labels.join(SEP), d: value.names.join(SEP), w });
      }
    }
  }

  function report(at: SyntaxNode, message: string, labels: string[], requires: string[]): boolean {
    const kinds = new Set(labels.map((l) => l.slice(0, l.indexOf(':'))));
    if (!requires.every((r) => kinds.has(r))) {
      const rest = kinds.has('param') ? labels.filter((l) => !l.startsWith(PARAM)) : labels;
      // What a helper of this file returns is known in `end`, once every `return` is noted.
      if (kinds.has('call')) ctx.note(span(at), { k: 'sink', l: rest.join(SEP), d: '', r: requires.join(SEP), m: message });
      // A parameter that reaches the sink: the function's summary, applied in `end` where it is called with tainted values.
      if (kinds.has('param')) {
        for (const l of labels) {
          if (!l.startsWith(PARAM)) continue;
          const [n, i, p] = l.slice(PARAM.length).split(PSEP);
          ctx.note(span(at), { k: 'psink', n, i: Number(i), p, l: rest.join(SEP), r: requires.join(SEP), m: message });
        }
      }
      return kinds.has('call') || kinds.has('param');
    }
    const first = labels.find((l) => l.startsWith(`${requires[0]}:`))!;
    ctx.note(span(at), { k: 'hit', m: message.replace('{source}', first.slice(first.indexOf(':') + 1)) });
    return true;
  }

  const visitors: Visitors = {
    function_definition(node) {
      if (options.parameters) scopeOf(node);
      else if (summaries) seed(node, undefined);
    },
    assignment(node) {
      const right = node.childForFieldName('right');
      if (!right) return;
      assign(node.childForFieldName('left'), flowOf(right, 0, needNames()), false);
      if (summaries) record(node.childForFieldName('left'), right, null, false);
      const left = node.childForFieldName('left');
      if (options.code && left?.type === 'identifier' && right.type === 'call' && !where().fn) {
        const made = ownClass(right);
        if (made) ctx.note(span(node), { k: 'fac', n: left.text, c: made });
      }
    },
    augmented_assignment(node) {
      const n = needNames();
      assign(node.childForFieldName('left'), merge(flowOf(node.childForFieldName('left'), 0, n), flowOf(node.childForFieldName('right'), 0, n)), true);
      if (summaries) record(node.childForFieldName('left'), node.childForFieldName('left'), node.childForFieldName('right'), true);
    },
    with_statement(node) {
      // `with client.messages.stream(...) as stream:` binds the stream.
      for (const item of node.namedChildren.find((c) => c?.type === 'with_clause')?.namedChildren ?? []) {
        const value = item?.childForFieldName('value');
        if (value?.type !== 'as_pattern') continue;
        const target = value.childForFieldName('alias')?.namedChildren[0] ?? null;
        assign(target, flowOf(value.namedChildren[0], 0, needNames()), false);
        if (summaries) record(target, value.namedChildren[0], null, false);
      }
    },
    for_statement(node) {
      assign(node.childForFieldName('left'), flowOf(node.childForFieldName('right'), 0, needNames()), true);
      if (summaries) record(node.childForFieldName('left'), node.childForFieldName('right'), null, true);
    },
    return_statement(node) {
      const { fn } = where();
      const key = fn ? returnKey(fn) : undefined;
      const value = node.namedChildren.find((c) => c && c.type !== 'comment');
      if (!fn || !key || !value) return;
      const made = !key.startsWith('.') && options.code ? ownClass(value) : undefined;
      if (made) ctx.note(span(node), { k: 'fac', n: key, c: made });
      const labels = resolve(flowOf(value, 0, needNames()), scopeOf(fn));
      if (!labels.length) return;
      const cls = key.startsWith('.') ? className(fn) : undefined;
      ctx.note(span(node), cls ? { k: 'ret', n: key, l: labels.join(SEP), c: cls } : { k: 'ret', n: key, l: labels.join(SEP) });
    },
    // Visited so that `where` sees them among the ancestors; a guard that leaves unless the value
    // passed an allowlist check clears the names it checked for what follows it.
    if_statement(node) {
      const checked = guardedNames(node);
      if (!checked?.length) return;
      // Only a guard every later statement of the function is behind: none in a branch or a loop (a
      // `try` body runs in order; what a handler does after the guard raised is not followed).
      const anc = ctx.ancestors();
      let fn: SyntaxNode | undefined;
      for (let i = anc.length - 1; i >= 0 && !fn; i--) {
        if (anc[i].type === 'function_definition') fn = anc[i];
        else if (anc[i].type !== 'try_statement' && CONDITIONAL.has(anc[i].type)) return;
      }
      if (!fn) return;
      const scope = scopeOf(fn);
      for (const name of checked) {
        scope.delete(name.text);
        if (summaries && tracked.has(fn.id)) {
          let st = steps.get(fn.id);
          if (!st) steps.set(fn.id, (st = { list: [], done: 0, scope: undefined }));
          st.list.push(name, null, null, false);
        }
      }
    },
    while_statement() {},
    try_statement() {},
    end() {
      const module = new Map<string, string[]>();
      const notes = ctx.notes();
      const returns = new Map<string, string[]>();
      const psinks = new Map<string, Note[]>();
      const tools = new Map<string, string>();
      /** Methods whose returns were noted, by key, with their class (`.ask` → `Agent`). */
      const classes = new Map<string, Set<string>>();
      const pargs: Note[] = [];
      /** Functions returning, and module names holding, an object of one of the file's classes: `[get_bot, FaqBot]`. */
      const factories: [string, string][] = [];
      let stored = false;
      for (const note of notes) {
        const data = note.data;
        if (data.k === 'ret') {
          returns.set(String(data.n), [...(returns.get(String(data.n)) ?? []), ...split(data.l)]);
          if (data.c) classes.set(String(data.n), (classes.get(String(data.n)) ?? new Set()).add(String(data.c)));
        }
        else if (data.k === 'psink') psinks.set(String(data.n), [...(psinks.get(String(data.n)) ?? []), note]);
        else if (data.k === 'tool' && !tools.has(String(data.n))) tools.set(String(data.n), String(data.t));
        else if (data.k === 'parg') pargs.push(note);
        else if (data.k === 'state') stored = true;
        else if (data.k === 'fac') factories.push([String(data.n), String(data.c)]);
      }
      // A parameter passed on to another function of this file takes that function's sinks (helpers of helpers, a few levels).
      for (let round = 0; round < 3 && pargs.length; round++) {
        let added = false;
        for (const a of pargs) {
          const n = String(a.data.n);
          for (const sink of psinks.get(String(a.data.t)) ?? []) {
            if (a.data.tp ? sink.data.p !== a.data.tp : sink.data.i !== a.data.ti) continue;
            const list = psinks.get(n) ?? [];
            if (list.some((x) => x.span.start === sink.span.start && x.data.i === a.data.i && x.data.p === a.data.p && x.data.m === sink.data.m)) continue;
            list.push({ span: sink.span, data: { ...sink.data, n, i: a.data.i, p: a.data.p } });
            psinks.set(n, list);
            added = true;
          }
        }
        if (!added) break;
      }
      // What the top level stores in the session state, resolved where it is stored: every read sees it (the script reruns).
      if (stored) {
        const at = new Map<string, string[]>();
        for (const note of notes) {
          const d = note.data;
          if (d.k === 'set') setName(at, d);
          else if (d.k === 'state') {
            const labels = resolve({ labels: split(d.l), names: split(d.d) }, at);
            if (labels.length) returns.set(String(d.n), [...(returns.get(String(d.n)) ?? []), ...labels]);
          }
        }
      }
      const expand = (labels: string[]) => expandCalls(labels, returns);
      const reported = new Set<string>();
      const emit = (at: { start: number; end: number }, sink: Note, labels: string[], via: (source: string) => string, related?: string) => {
        const requires = split(sink.data.r);
        const kinds = new Set(labels.map((l) => l.slice(0, l.indexOf(':'))));
        if (!requires.every((r) => kinds.has(r))) return;
        const first = labels.find((l) => l.startsWith(`${requires[0]}:`))!;
        // A call passing the value on is reported once, whatever number of the callee's sinks it reaches.
        const key = at.start !== sink.span.start ? `${at.start}:${at.end}:call` : `${at.start}:${sink.span.start}:${sink.data.m}`;
        if (reported.has(key)) return;
        reported.add(key);
        const where = related && sink.span.start !== at.start ? [{ range: { start: ctx.lines.position(sink.span.start), end: ctx.lines.position(sink.span.end) }, message: related }] : undefined;
        ctx.report({ span: at, message: String(sink.data.m).replace('{source}', via(first.slice(first.indexOf(':') + 1))), ...(where ? { related: where } : {}) });
      };
      const lineOf = (offset: number) => ctx.lines.position(offset).line + 1;
      for (const note of notes) {
        const d = note.data;
        if (d.k === 'arg') {
          // A tainted value passed to a function of this file whose parameter reaches a sink: reported at the call.
          const labels = expand(resolve({ labels: split(d.l), names: split(d.d) }, module));
          if (!labels.length) continue;
          for (const sink of psinks.get(String(d.n)) ?? []) {
            if (d.p ? sink.data.p !== d.p : sink.data.i !== d.i) continue;
            const name = String(d.n).startsWith('.') ? `self${d.n}` : String(d.n);
            emit(note.span, sink, [...labels, ...expand(split(sink.data.l))], (source) => `${source}, passed to \`${name}()\`, whose parameter \`${sink.data.p}\` reaches it on line ${lineOf(sink.span.start)}`, `the parameter \`${sink.data.p}\` of \`${name}()\` reaches this sink`);
          }
        } else if (d.k === 'hit') {
          ctx.report({ span: note.span, message: String(d.m) });
        } else if (d.k === 'set') {
          setName(module, d);
        } else if (d.k === 'xarg') {
          // A tainted value passed to another file's function whose parameter reaches this rule's sink (`ProjectFacts.llmSinks`).
          const labels = expand(resolve({ labels: split(d.l), names: split(d.d) }, module));
          if (!labels.some((l) => l.startsWith('llm:'))) continue;
          const first = labels.find((l) => l.startsWith('llm:'))!;
          for (const sink of importedSinks(String(d.m), String(d.n))) {
            if (d.p ? sink.param !== d.p : sink.index !== d.i) continue;
            // One finding a call, however many of the function's sinks the value reaches (`exec(compile(source))`).
            const key = `${note.span.start}:x`;
            if (reported.has(key)) continue;
            reported.add(key);
            ctx.report({ span: note.span, message: sink.message.replace('{source}', `${first.slice(4)}, passed to \`${sink.name}()\` of \`${d.m}\`, whose parameter \`${sink.param}\` reaches it on line ${sink.line} there`) });
          }
        } else if (d.k === 'sink') {
          const labels = expand(resolve({ labels: split(d.l), names: split(d.d) }, module));
          const kinds = new Set(labels.map((l) => l.slice(0, l.indexOf(':'))));
          const requires = split(d.r);
          if (!requires.every((r) => kinds.has(r))) continue;
          const first = labels.find((l) => l.startsWith(`${requires[0]}:`))!;
          ctx.report({ span: note.span, message: String(d.m).replace('{source}', first.slice(first.indexOf(':') + 1)) });
        }
      }
      // Functions registered as tools after their definition (`Tool(func=f)`): their parameters are the model's.
      for (const [n, how] of tools) {
        for (const sink of psinks.get(n) ?? []) {
          emit(sink.span, sink, [`llm:${how}`, ...expand(split(sink.data.l))], () => `the argument \`${sink.data.p}\` of the tool \`${n.startsWith('.') ? n.slice(1) : n}\`, which the model fills in; registered by ${how}`);
        }
      }
      if (options.code && (returns.size || psinks.size || module.size)) exportFacts(returns, classes, psinks, module, expand, factories);
      if (options.code && namesModel(ctx.text)) ctx.exportFacts({ llmWords: ['model'] });
    },
  };
  /** Notes what a call passes to a function of this file (`arg`), and the functions it registers as tools (`tool`). */
  const callVisitor = (node: SyntaxNode) => {
    const callee = node.childForFieldName('function');
    if (!callee) return;
    for (const { node: f, how } of summaries!.registered(node)) {
      const key = f.type === 'identifier' ? f.text : `.${f.childForFieldName('attribute')?.text ?? ''}`;
      // Noted where the registration is (`.bind_tools(shell_tools)`), not at the function it names, which may lie in another
      // statement (`shell_tools = [run_on_shell]`): the statement cache keeps a note with the statement its span lies in.
      ctx.note(span(node), { k: 'tool', n: key, t: how });
    }
    let key: string;
    const fn: SyntaxNode | undefined = where().fn;
    // In a function holding no model output, only a source written in the call's arguments could be passed on.
    const cold = fn !== undefined && !hot.has(fn.id);
    // `Process(target=check, args=(program, q))`, `pool.submit(check, program)`: a call of `check` in another thread or process.
    const handed = !cold || (fn !== undefined && tracked.has(fn.id)) ? handOff(node) : undefined;
    if (handed) {
      // The function's own parameter handed on (`def run_one(program): Process(target=_check, args=(program,))`): its summary takes `_check`'s sinks.
      if (fn && tracked.has(fn.id)) handed.args.forEach((a, i) => passParameter(node, handed.target, fn, a, i, ''));
      if (!cold) {
        const scope = fn ? scopeOf(fn) : undefined;
        handed.args.forEach((a, i) => noteArg(node, handed.target, scope, true, a, i, ''));
      }
    }
    // A function with a summary may pass its parameters on to another function of this file.
    const passes = fn !== undefined && tracked.has(fn.id);
    let plainCold = false;
    if (callee.type === 'attribute') {
      const method = ctx.method(node) ?? '';
      // `f.write(text)`, `parts.append(text)` in a function holding model output, or at the top level (a notebook's cells): the file or container then holds it (a weak update).
      if (MUTATORS.has(method)) {
        const held = callee.childForFieldName('object');
        const state = held && !cold && (held.type === 'attribute' || held.type === 'subscript') ? stateKey(held) : undefined;
        if (state) store(state, held!, argsFlow(node, 0, true), fn);
        // In a function holding no model output yet, only a source written in the argument (`f.write(llm.invoke(q).content)`).
        const obj = held;
        if (obj && (obj.type === 'identifier' || (obj.type === 'attribute' && obj.childForFieldName('object')?.type === 'identifier'))) {
          const flow = argsFlow(node, 0, !cold);
          if (flow.labels.length || flow.names.length) {
            assign(obj, flow, true);
            // `with open(path, "w") as f: f.write(text)`: the path then names a file holding the text (`runpy.run_path(path)`).
            const path = method === 'write' || method === 'writelines' ? openedPath(obj) : undefined;
            if (path) assign(path, flow, true);
          }
        }
      }
      // `Path(p).write_text(text)`, `p.write_text(text)`: the path names a file holding the text.
      if (!cold && (method === 'write_text' || method === 'write_bytes')) {
        const held = callee.childForFieldName('object');
        const path = held?.type === 'call' && ctx.callee(held)?.startsWith('pathlib.') ? ctx.args(held).positional[0] : held;
        const flow = path && (path.type === 'identifier' || path.type === 'attribute') ? argsFlow(node, 0, true) : EMPTY;
        if (flow.labels.length || flow.names.length) assign(path!, flow, true);
      }
      plainCold = cold && plainArguments(node);
      if (plainCold && !passes) return;
      if (crossFile(node, fn)) return;
      // A call the semantic model resolves (`np.zeros`, `llm.invoke`) is no `self.method`.
      if (ctx.callee(node) !== undefined) return;
      const obj = callee.childForFieldName('object');
      if (!obj || (!(obj.type === 'identifier' && (obj.text === 'self' || obj.text === 'cls')) && !ownObject(obj))) return;
      key = `.${method}`;
    } else if (callee.type === 'identifier') {
      plainCold = cold && plainArguments(node);
      // A builtin is no function of this file to pass parameters to.
      if (plainCold && (!passes || BUILTINS.has(callee.text))) return;
      // Python's builtins, unless this file binds the name (then the lookup finds it).
      const b = ctx.lookup(callee.text);
      if (b?.kind === 'import' && crossFile(node, fn)) return;
      if (!b && BUILTINS.has(callee.text)) return;
      if (b && !(b.kind === 'unknown' && b.node?.type === 'function_definition')) return;
      // Inside a function, a name not bound yet may be a function defined further down the module.
      if (!b && !fn) return;
      key = callee.text;
    } else return;
    if (passes) passParameters(node, key, fn!);
    if (plainCold) return;
    // In a function, what its own parameters carry is not passed on (one level): names matter once it holds other taint.
    const names = fn ? hot.has(fn.id) : true;
    const args = ctx.args(node);
    const scope = fn ? scopeOf(fn) : undefined;
    for (let i = 0; i < args.positional.length; i++) noteArg(node, key, scope, names, args.positional[i], i, '');
    for (const [k, { value }] of args.keywords) noteArg(node, key, scope, names, value, -1, k);
  };

  /**
   * The function's own parameters passed on to another function of this file (`parg`), written in
   * the argument (`run(cmd)`, `run(f"sh -c {cmd}")`): its summary takes that function's sinks in `end`.
   * A parameter reassigned before it is passed still counts as itself; one copied to another name first does not.
   */
  function passParameters(call: SyntaxNode, key: string, fn: SyntaxNode): void {
    const list = call.childForFieldName('arguments');
    if (list?.type !== 'argument_list' || !list.namedChildCount) return;
    const args = ctx.args(call);
    for (let i = 0; i < args.positional.length; i++) passParameter(call, key, fn, args.positional[i], i, '');
    for (const [k, { value }] of args.keywords) passParameter(call, key, fn, value, -1, k);
  }

  function passParameter(call: SyntaxNode, key: string, fn: SyntaxNode, a: SyntaxNode, ti: number, tp: string): void {
    if (a.type !== 'identifier' && a.type !== 'string' && a.type !== 'binary_operator') return;
    const own = parameterIndex(fn);
    for (const name of a.type === 'identifier' ? [a.text] : flowOf(a, 0, true).names) {
      const i = own.get(name);
      if (i !== undefined) ctx.note(span(call), { k: 'parg', n: tracked.get(fn.id)!, i, p: name, t: key, ti, tp });
    }
  }

  /** The path a file object was opened for writing with (`open(path, "w")`, `path.open("a")`), when it is a name. */
  function openedPath(file: SyntaxNode): SyntaxNode | undefined {
    if (file.type !== 'identifier') return undefined;
    const call = ctx.lookup(file.text)?.node;
    if (call?.type !== 'call') return undefined;
    const q = ctx.callee(call) ?? '';
    const args = ctx.args(call);
    const method = q === 'builtins.open' || q === 'io.open' || q === 'codecs.open' ? undefined : ctx.method(call);
    if (method !== undefined && method !== 'open') return undefined;
    const path = method === 'open' ? call.childForFieldName('function')?.childForFieldName('object') : (args.positional[0] ?? args.keywords.get('file')?.value);
    const mode = ctx.evaluate((method === 'open' ? args.positional[0] : args.positional[1]) ?? args.keywords.get('mode')?.value ?? null);
    if (!mode.known || typeof mode.value !== 'string' || !/[wax+]/.test(mode.value)) return undefined;
    return path && (path.type === 'identifier' || path.type === 'attribute') ? path : undefined;
  }

  /**
   * True for an object this file makes: a call of one of its classes or functions (`Bot()`,
   * `get_bot()`), or a name bound to one. Its methods are matched by name, as `self.method` is.
   */
  function ownObject(obj: SyntaxNode): boolean {
    return ownMaker(obj) !== undefined;
  }

  /** The class or function of this file whose call an expression is, or a name is bound to (`Bot()`, `bot = get_bot()`). */
  function ownMaker(value: SyntaxNode): { name: string; cls: boolean } | undefined {
    let call: SyntaxNode | null | undefined = value;
    if (value.type === 'identifier') {
      const b = ctx.lookup(value.text);
      call = b?.kind === 'unknown' ? b.node : undefined;
    }
    if (call?.type !== 'call') return undefined;
    // The callee's name, read once per call node (a name bound once is asked at each of its method calls).
    let name = calleeNames.get(call.id);
    if (name === undefined) {
      const f = call.childForFieldName('function');
      calleeNames.set(call.id, (name = f?.type === 'identifier' ? f.text : ''));
    }
    if (!name) return undefined;
    const t = ctx.lookup(name);
    const type = t?.kind === 'unknown' ? t.node?.type : undefined;
    return type === 'class_definition' || type === 'function_definition' ? { name, cls: type === 'class_definition' } : undefined;
  }

  /** What the innermost comprehension around a node that binds `name` iterates over (the walk does not visit comprehensions: read up the tree). */
  function comprehensionSource(node: SyntaxNode, name: string): SyntaxNode | undefined {
    for (let up = node.parent, depth = 0; up && depth < 6; up = up.parent, depth++) {
      const t = up.type;
      if (t === 'function_definition' || t === 'lambda' || t === 'block') return undefined;
      if (t !== 'generator_expression' && t !== 'list_comprehension' && t !== 'set_comprehension' && t !== 'dictionary_comprehension') continue;
      for (const c of up.namedChildren) {
        if (c?.type !== 'for_in_clause') continue;
        const left = c.childForFieldName('left');
        if (left?.type === 'identifier' && left.text === name) return c.childForFieldName('right') ?? undefined;
      }
    }
    return undefined;
  }

  /** A function of this file handed to a thread, a process or an executor with its arguments. */
  function handOff(call: SyntaxNode): { target: string; args: SyntaxNode[] } | undefined {
    // The callee and method are the run's answers for this call, kept: most calls stop here.
    const q = ctx.callee(call) ?? '';
    const method = ctx.method(call) ?? '';
    if (!HAND_OFF_METHODS.has(method) && !SPAWNERS.test(q) && q !== 'asyncio.to_thread') return undefined;
    const args = ctx.args(call);
    let target: SyntaxNode | undefined;
    let given: SyntaxNode[] = [];
    /** The items of an `args=(a, b)` tuple or list written out. */
    const items = (tuple: SyntaxNode | undefined) => (tuple && (tuple.type === 'tuple' || tuple.type === 'list') ? tuple.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') : []);
    if (!HAND_OFF_METHODS.has(method) && q !== 'asyncio.to_thread') {
      target = args.keywords.get('target')?.value;
      given = items(args.keywords.get('args')?.value);
    } else {
      const skip = method === 'run_in_executor' ? 1 : 0;
      target = args.positional[skip];
      given = method === 'apply_async' ? items(args.positional[skip + 1]) : args.positional.slice(skip + 1);
    }
    if (target?.type !== 'identifier' || !given.length) return undefined;
    const b = ctx.lookup(target.text);
    return b?.kind === 'unknown' && b.node?.type === 'function_definition' ? { target: target.text, args: given } : undefined;
  }

  /** The class of this file an expression makes (`FaqBot()`, or a name bound to that in the function). */
  function ownClass(value: SyntaxNode): string | undefined {
    const maker = ownMaker(value);
    return maker?.cls ? maker.name : undefined;
  }

  /** The key `self.plan` is noted under in a method of `Agent` (`@self.Agent.plan`), read by the class's other methods. */
  function selfKey(node: SyntaxNode, fn: SyntaxNode | undefined): string | undefined {
    if (!fn || node.type !== 'attribute' || node.childForFieldName('object')?.text !== 'self') return undefined;
    const cls = className(fn);
    const attr = node.childForFieldName('attribute')?.text;
    return cls && attr ? `${SELF}${cls}.${attr}` : undefined;
  }

  /** The `self.x` read in an expression (not inside a call's callee or a nested function), a few levels deep. */
  function selfReads(node: SyntaxNode | null | undefined, out: SyntaxNode[] = [], depth = 0): SyntaxNode[] {
    if (!node || depth > 6) return out;
    if (node.type === 'attribute') {
      if (node.childForFieldName('object')?.text === 'self') out.push(node);
      else selfReads(node.childForFieldName('object'), out, depth + 1);
      return out;
    }
    if (node.type === 'call') {
      const f = node.childForFieldName('function');
      // `self.plan.strip()`: the method's object is read.
      if (f?.type === 'attribute') selfReads(f.childForFieldName('object'), out, depth + 1);
      for (const a of node.childForFieldName('arguments')?.namedChildren ?? []) selfReads(a?.type === 'keyword_argument' ? a.childForFieldName('value') : a, out, depth + 1);
      return out;
    }
    if (node.type === 'lambda' || node.type === 'identifier') return out;
    for (const c of node.namedChildren) if (c?.type !== 'comment') selfReads(c?.type === 'interpolation' ? c.namedChildren[0] : c, out, depth + 1);
    return out;
  }

  const parameterIndexes = new Map<number, Map<string, number>>();
  function parameterIndex(fn: SyntaxNode): Map<string, number> {
    let m = parameterIndexes.get(fn.id);
    if (!m) {
      m = new Map();
      parameterNames(fn, tracked.get(fn.id)!.startsWith('.')).forEach((p, i) => p && m!.set(p, i));
      parameterIndexes.set(fn.id, m);
    }
    return m;
  }

  /** What a call passes to a function of this file (or, with `module`, of another file), by position (`p` empty) or keyword. */
  function noteArg(call: SyntaxNode, key: string, scope: Map<string, string[]> | undefined, names: boolean, a: SyntaxNode, i: number, p: string, module?: string): void {
    // `run_step(c) for c in plan["steps"]`: a comprehension's variable carries what it iterates over.
    if (a.type === 'identifier' && !scope?.has(a.text)) a = comprehensionSource(call, a.text) ?? a;
    // A name or a literal carries nothing where names are not followed.
    if (!names && (a.type === 'identifier' || a.type === 'integer' || a.type === 'float' || a.type === 'true' || a.type === 'false' || a.type === 'none')) return;
    const flow = flowOf(a, 0, names);
    if (!flow.labels.length && !flow.names.length) return;
    const kind: NoteData = module === undefined ? { k: 'arg' } : { k: 'xarg', m: module };
    if (scope) {
      // One level: a parameter passed on to another function is not followed.
      const labels = resolve(flow, scope).filter((l) => !l.startsWith(PARAM));
      if (labels.length) ctx.note(span(call), { ...kind, n: key, i, p, l: labels.join(SEP), d: '' });
    } else {
      ctx.note(span(call), { ...kind, n: key, i, p, l: flow.labels.join(SEP), d: flow.names.join(SEP) });
    }
  }

  /** A top-level assignment's note applied to the module's names. */
  function setName(module: Map<string, string[]>, d: NoteData): void {
    const labels = resolve({ labels: split(d.l), names: split(d.d) }, module);
    const kept = d.w ? (module.get(String(d.n)) ?? []) : [];
    const all = [...new Set([...kept, ...labels])];
    if (all.length) module.set(String(d.n), all);
    else module.delete(String(d.n));
  }

  /** A call of another file's function whose parameter reaches this rule's sink (`ProjectFacts.llmSinks`): what it is passed. */
  function crossFile(node: SyntaxNode, fn: SyntaxNode | undefined): boolean {
    const facts = options.code ? ctx.project.llmSinks : undefined;
    if (!facts) return false;
    const q = ctx.callee(node);
    const hit = q ? projectName(q, (m, n) => facts[m]?.some((x) => x.name === n && x.code === options.code) ?? false) : undefined;
    if (!hit) return false;
    const names = fn ? hot.has(fn.id) : true;
    const args = ctx.args(node);
    const scope = fn ? scopeOf(fn) : undefined;
    for (let i = 0; i < args.positional.length; i++) noteArg(node, hit.name, scope, names, args.positional[i], i, '', hit.module);
    for (const [k, { value }] of args.keywords) noteArg(node, hit.name, scope, names, value, -1, k, hit.module);
    return true;
  }

  function importedSinks(module: string, name: string): LlmSink[] {
    return ctx.project.llmSinks?.[module]?.filter((x) => x.name === name && x.code === options.code) ?? [];
  }

  /**
   * What the file gives its project: functions returning model text, parameters reaching this rule's
   * sinks. Its imports are MLS401's to export (it notes them in every file); see `ProjectIndex.dependents`.
   */
  function exportFacts(returns: Map<string, string[]>, classes: Map<string, Set<string>>, psinks: Map<string, Note[]>, module: Map<string, string[]>, expand: (labels: string[]) => string[], factories: [string, string][]): void {
    const text: string[] = [];
    const model = (labels: string[]) => expand(labels).some((l) => l.startsWith('llm:'));
    for (const [k, labels] of returns) {
      if (k.startsWith('@') || !model(labels)) continue;
      if (!k.startsWith('.')) text.push(k);
      else {
        const owners = classes.get(k) ?? new Set<string>();
        for (const c of owners) text.push(`${c}${k}`);
        // `get_bot().answer(q)`, `bot.answer(q)` in the importer: `get_bot.answer`, `bot.answer`.
        for (const [n, c] of factories) if (owners.has(c)) text.push(`${n}${k}`);
      }
    }
    for (const [n, labels] of module) if (!n.includes('.') && model(labels)) text.push(n);
    const sinks: string[] = [];
    for (const [n, list] of psinks.size && options.words && !anyWord(options.words).test(ctx.text) ? [] : psinks) {
      if (n.startsWith('.')) continue;
      for (const note of list) {
        if (note.data.r !== 'llm') continue;
        const sink: LlmSink = { name: n, param: String(note.data.p), index: Number(note.data.i), code: options.code!, message: String(note.data.m), line: ctx.lines.position(note.span.start).line + 1 };
        sinks.push(JSON.stringify(sink));
      }
    }
    if (text.length || sinks.length) ctx.exportFacts({ ...(text.length ? { llmText: text } : {}), ...(sinks.length ? { llmSinks: sinks } : {}) });
  }

  const sinkVisitor = (node: SyntaxNode) => {
    for (const sink of options.sinks(node)) {
      let flow = EMPTY;
      const n = needNames();
      for (const a of sink.args) flow = merge(flow, flowOf(a, 0, n));
      const { fn } = where();
      // What the function's parameters carry here, for its summary.
      let params = NONE;
      const own = fn && summaries && tracked.has(fn.id) ? parameterScope(fn) : undefined;
      if (own) {
        let pf = EMPTY;
        for (const a of sink.args) pf = merge(pf, flowOf(a, 0, true));
        if (pf.names.length) params = resolve(pf, own).filter((l) => l.startsWith(PARAM));
      }
      // What other methods of the class stored in the `self.x` read here (resolved in `end`).
      if (fn && className(fn)) {
        const scope = scopeOf(fn);
        for (const a of sink.args) {
          for (const r of selfReads(a)) {
            const key = selfKey(r, fn);
            if (key && !scope.has(r.text.replace(/\s+/g, ''))) flow = merge(flow, { labels: [`${CALL}${key}`], names: [] });
          }
        }
      }
      if (!flow.labels.length && !flow.names.length && !params.length) continue;
      if (fn) {
        const labels = resolve(flow, scopeOf(fn));
        if (report(sink.at, sink.message, params.length ? [...labels, ...params] : labels, sink.requires)) return;
      } else {
        ctx.note(span(sink.at), { k: 'sink', l: flow.labels.join(SEP), d: flow.names.join(SEP), r: sink.requires.join(SEP), m: sink.message });
        return;
      }
    }
  };
  for (const type of options.sinkTypes) {
    const prev = visitors[type];
    visitors[type] = prev ? (n) => (prev(n), sinkVisitor(n)) : sinkVisitor;
  }
  if (summaries) {
    const prev = visitors.call;
    visitors.call = prev ? (n) => (prev(n), callVisitor(n)) : callVisitor;
  }
  return visitors;
}

/**
 * Calls that check a value as a whole: every character or item in an allowlist (`all`), a pattern
 * matched to its end, a string made only of digits or letters. Not `isinstance` (any string is a
 * `str`), nor `any` (a blocklist: `any(bad in cmd for bad in BLOCKED)` misses what it does not list).
 */
const VALIDATING_CALLS = /^(all|re\.fullmatch|[\w.]+\.(fullmatch|isdigit|isdecimal|isnumeric|isalnum|isalpha|isidentifier))$/;
/** `re.match` checks a prefix only, unless its pattern ends the match (`$`, `\Z`). */
const ANCHORED = /(\$|\\Z)['"]$/;
const EXITS = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);

/**
 * The names an allowlist guard checks: `if not all(c in ALLOWED for c in expr): return ...`,
 * `if cmd not in COMMANDS: raise ...`, `if not re.fullmatch(PATTERN, sql): raise ...`, whose branch
 * leaves (return, raise, continue, break) when the check fails, so what follows it runs only on
 * values that passed; parts joined by `or` each may leave (`if not cmd or cmd not in COMMANDS`).
 * A check of emptiness or length, a blocklist (`if "rm" in cmd: return`), or a guard that leaves
 * when the check passes is none.
 */
function guardedNames(node: SyntaxNode): SyntaxNode[] | undefined {
  const condition = node.childForFieldName('condition');
  const body = node.childForFieldName('consequence');
  const statements = body?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
  const last = statements[statements.length - 1];
  if (!condition || !last || !EXITS.has(last.type)) return undefined;
  const parts: SyntaxNode[] = [];
  const split = (n: SyntaxNode) => {
    if (n.type === 'parenthesized_expression' && n.namedChildren[0]) split(n.namedChildren[0]);
    else if (n.type === 'boolean_operator' && n.childForFieldName('operator')?.text === 'or') {
      for (const side of [n.childForFieldName('left'), n.childForFieldName('right')]) if (side) split(side);
    } else parts.push(n);
  };
  split(condition);
  const names: SyntaxNode[] = [];
  for (const part of parts) {
    const checked = failedCheck(part);
    if (checked) names.push(...identifiers(checked));
  }
  return names.length ? names : undefined;
}

/** What a condition true on a failed check checks: the call under `not`, or the value left of `not in`. */
function failedCheck(part: SyntaxNode): SyntaxNode | undefined {
  if (part.type === 'not_operator') {
    let inner = part.childForFieldName('argument');
    while (inner?.type === 'parenthesized_expression') inner = inner.namedChildren[0];
    if (inner?.type !== 'call') return undefined;
    const callee = inner.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
    const args = inner.childForFieldName('arguments');
    if (VALIDATING_CALLS.test(callee)) return args ?? undefined;
    if (callee === 're.match' && ANCHORED.test(args?.namedChildren[0]?.text ?? '')) return args ?? undefined;
    return undefined;
  }
  if (part.type === 'comparison_operator' && part.children.some((c) => c?.type === 'not in')) {
    const left = part.namedChildren[0];
    return left && left.type !== 'string' ? left : undefined;
  }
  return undefined;
}

function identifiers(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier') out.push(n);
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return out;
}

/** The names of a function's parameters by position (a method's without its first); splats count but match no argument. */
function parameterNames(fn: SyntaxNode, method: boolean): string[] {
  const out: string[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p || p.type === 'keyword_separator' || p.type === 'positional_separator' || p.type === 'comment') continue;
    const name = p.type === 'identifier' ? p : p.type === 'typed_parameter' ? p.namedChildren.find((c) => c?.type === 'identifier') : p.childForFieldName('name');
    out.push(name?.type === 'identifier' ? name.text : '');
  }
  return method ? out.slice(1) : out;
}

/** The key a function's `return` notes go under: `answer` at the top level, `.ask` for a method; none for nested functions. */
function returnKey(fn: SyntaxNode): string | undefined {
  if (fn.type !== 'function_definition') return undefined;
  const name = fn.childForFieldName('name')?.text;
  let up = fn.parent;
  if (up?.type === 'decorated_definition') up = up.parent;
  if (!name || !up) return undefined;
  if (up.type === 'module') return name;
  return up.type === 'block' && up.parent?.type === 'class_definition' ? `.${name}` : undefined;
}

/** Labels with each `call:f` replaced by what `f` returns, through helpers of helpers (a few levels). */
function expandCalls(labels: string[], returns: Map<string, string[]>, depth = 0): string[] {
  if (depth > 4 || !labels.some((l) => l.startsWith(CALL))) return labels;
  const out = new Set<string>();
  for (const l of labels) {
    if (!l.startsWith(CALL)) out.add(l);
    else for (const r of expandCalls(returns.get(l.slice(CALL.length)) ?? [], returns, depth + 1)) out.add(r);
  }
  return [...out];
}

function split(v: string | number | boolean | undefined): string[] {
  return typeof v === 'string' && v !== '' ? v.split(SEP) : [];
}

/**
 * The module of the project and the name in it that a qualified name stands for (`.llm.ask` →
 * `llm`, `ask`; `src.search.RAGSearch.run` → `src.search`, `RAGSearch.run`), when `known` says the
 * project exports it.
 */
export function projectName(qualified: string, known: (module: string, name: string) => boolean): { module: string; name: string } | undefined {
  const q = qualified.replace(/^\.+/, '');
  for (let i = q.lastIndexOf('.'); i > 0; i = q.lastIndexOf('.', i - 1)) {
    const module = q.slice(0, i);
    const name = q.slice(i + 1);
    if (known(module, name)) return { module, name };
  }
  return undefined;
}

/** The class a method is defined in. */
function className(fn: SyntaxNode): string | undefined {
  let up = fn.parent;
  if (up?.type === 'decorated_definition') up = up.parent;
  return up?.type === 'block' && up.parent?.type === 'class_definition' ? up.parent.childForFieldName('name')?.text : undefined;
}

let lastText: string | undefined;
let lastNames = false;

/** True where the text holds a word naming a model (`LLM_OUTPUT_WORDS`); the four output-handling rules ask it of the same text. */
function namesModel(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastNames = anyWord(LLM_OUTPUT_WORDS).test(text);
  }
  return lastNames;
}

const wordPatterns = new WeakMap<readonly string[], RegExp>();

/** True where a text holds one of the words, as the engine's pre-filter asks it. */
function anyWord(words: readonly string[]): RegExp {
  let re = wordPatterns.get(words);
  if (!re) wordPatterns.set(words, (re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))));
  return re;
}
