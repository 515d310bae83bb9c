import type { SyntaxNode } from './syntax';

/**
 * Name resolution built during the single walk: scopes, imports, aliases, instances and literal
 * constants. Lookups answer for the point of the walk where they are asked, so a name is what the
 * code bound it to before that line (flow order), as a reader of the file would take it.
 */

export type ConstValue = string | number | boolean | null;

export type Binding =
  /** `import torch`, `from pickle import loads as l`, `load = pickle.loads`. */
  | { kind: 'import'; qualified: string; node: SyntaxNode }
  /** `api = HfApi()`, `with open(p) as f`: an object made by a call. */
  | { kind: 'instance'; of: string; node: SyntaxNode }
  /** `REV = "main"`: a literal constant. */
  | { kind: 'value'; value: ConstValue; node: SyntaxNode }
  /** A parameter, loop variable, function, class or any value the model cannot know. */
  | { kind: 'unknown'; node: SyntaxNode | null };

type ScopeKind = 'module' | 'function' | 'class';

class Scope {
  readonly bindings = new Map<string, Binding>();
  readonly stars: string[] = [];
  /** A class's `self.x = Client()` made in its methods so far: what `self.x` stands for in the methods after. */
  attributes?: Map<string, Binding>;
  constructor(readonly kind: ScopeKind) {}
}

const TYPING = /^(typing|typing_extensions|collections\.abc)\./;
const ANNOTATION = /^[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*$/;
const SELF_ATTRIBUTE = /^self\s*\.\s*[A-Za-z_][A-Za-z0-9_]*$/;
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)+$/;
const BUILTINS = new Set(['open', 'eval', 'exec', 'compile', '__import__', 'getattr', 'input', 'print']);
/**
 * Names of well-known modules, and their conventional aliases, read as those modules where nothing
 * in the file binds them: a snippet pasted from elsewhere, a notebook whose import cell is missing.
 * Findings on such a name say it is not imported here (`LintRun.toFinding`).
 */
export const IMPLICIT_MODULES: ReadonlyMap<string, string> = new Map([
  ['pickle', 'pickle'], ['cPickle', 'cPickle'], ['_pickle', '_pickle'], ['dill', 'dill'], ['cloudpickle', 'cloudpickle'],
  ['marshal', 'marshal'], ['shelve', 'shelve'], ['jsonpickle', 'jsonpickle'], ['yaml', 'yaml'], ['joblib', 'joblib'],
  ['torch', 'torch'], ['numpy', 'numpy'], ['np', 'numpy'], ['pandas', 'pandas'], ['pd', 'pandas'],
]);

export class Semantic {
  private readonly scopes: Scope[] = [new Scope('module')];

  get depth(): number {
    return this.scopes.length;
  }

  /** True inside a function or lambda body. */
  get inFunction(): boolean {
    return this.scopes.some((s) => s.kind === 'function');
  }

  push(kind: ScopeKind): void {
    this.scopes.push(new Scope(kind));
  }

  pop(): void {
    if (this.scopes.length > 1) this.scopes.pop();
  }

  /** How many bindings have been made at module level: the statement cache skips replaying statements that made none. */
  moduleWrites = 0;

  /**
   * Module-level `def` and `class` bindings kept outside this model (the statement cache's, for the
   * statements it serves): the binding of the last such definition of a name made so far, and where
   * its statement starts. A name bound both ways resolves to whichever statement came later.
   */
  moduleDefs?: (name: string) => { binding: Binding; start: number } | undefined;
  /** Where the statement being walked starts, while `moduleDefs` is set: the order of module bindings. */
  position = 0;
  private readonly origin = new Map<string, number>();

  bind(name: string, binding: Binding): void {
    if (this.scopes.length === 1) {
      this.moduleWrites++;
      if (this.moduleDefs) this.origin.set(name, this.position);
    }
    this.scopes[this.scopes.length - 1].bindings.set(name, binding);
  }

  star(module: string): void {
    if (this.scopes.length === 1) this.moduleWrites++;
    this.scopes[this.scopes.length - 1].stars.push(module);
  }

  /** The binding a name refers to here; class scopes are seen only from their own body, as in Python. */
  lookup(name: string): Binding | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const scope = this.scopes[i];
      if (scope.kind === 'class' && i !== this.scopes.length - 1) continue;
      const found = scope.bindings.get(name);
      if (i === 0 && this.moduleDefs) {
        const def = this.moduleDefs(name);
        if (def && (!found || def.start > (this.origin.get(name) ?? -1))) return def.binding;
      }
      if (found) return found;
    }
    return undefined;
  }

  /** Modules imported with `*` that may define an unbound name, innermost first. */
  private starModule(): string | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const stars = this.scopes[i].stars;
      if (stars.length) return stars[stars.length - 1];
    }
    return undefined;
  }

  /**
   * The fully-qualified name an expression stands for: `t.load` after `import torch as t` is
   * `torch.load`; a call stands for what it returns, named by its callee (`HfApi().x` is
   * `huggingface_hub.HfApi.x`). Undefined for locals, parameters and anything else unknown.
   */
  qualifiedName(node: SyntaxNode | null): string | undefined {
    if (!node) return undefined;
    switch (node.type) {
      case 'attribute': {
        // Fast path for a plain dotted chain: resolve its head and keep the rest as written. It saves
        // materializing a node per segment, the costly part of web-tree-sitter.
        const text = node.text;
        if (DOTTED.test(text)) return this.qualifiedDotted(text.replace(/\s+/g, ''));
        const base = this.qualifiedName(node.childForFieldName('object'));
        const attr = node.childForFieldName('attribute');
        return base && attr ? `${base}.${attr.text}` : undefined;
      }
      case 'identifier':
        return this.resolveName(node.text);
      case 'call':
        return this.qualifiedName(node.childForFieldName('function'));
      case 'parenthesized_expression':
        return this.qualifiedName(node.namedChildren[0]);
      default:
        return undefined;
    }
  }

  /** The qualified name of a dotted name as written (`np.load`), its head resolved in the current scope. */
  qualifiedDotted(dotted: string): string | undefined {
    const dot = dotted.indexOf('.');
    if (dot < 0) return this.resolveName(dotted);
    const first = dotted.slice(0, dot);
    const head = this.resolveName(first);
    if (head) return head + dotted.slice(dot);
    // `self.client.chat(...)`, `self.client` bound in `__init__`.
    if (first === 'self') {
      const end = dotted.indexOf('.', dot + 1);
      const attr = this.selfAttribute(end < 0 ? dotted.slice(dot + 1) : dotted.slice(dot + 1, end));
      if (attr) return end < 0 ? attr : attr + dotted.slice(end);
    }
    return undefined;
  }

  private resolveName(name: string): string | undefined {
    const b = this.lookup(name);
    if (b) return b.kind === 'import' ? b.qualified : b.kind === 'instance' ? b.of : b.kind === 'unknown' && b.node ? this.annotated(b.node) : undefined;
    const star = this.starModule();
    if (star) return `${star}.${name}`;
    return BUILTINS.has(name) ? `builtins.${name}` : IMPLICIT_MODULES.get(name);
  }

  /** True when `name` resolves here only as one of `IMPLICIT_MODULES`: nothing in the file binds it. */
  implicit(name: string): boolean {
    return IMPLICIT_MODULES.has(name) && !this.lookup(name) && !this.starModule();
  }

  // --- Binding statements, called by the walk ---

  bindImport(node: SyntaxNode): void {
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      if (child.type === 'dotted_name') {
        // `import a.b.c` binds `a` to the package `a`.
        const head = child.namedChildren[0]?.text;
        if (head) this.bind(head, { kind: 'import', qualified: head, node: child });
      } else if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (name && alias) this.bind(alias, { kind: 'import', qualified: name, node: child });
      }
    }
  }

  bindImportFrom(node: SyntaxNode): void {
    const moduleNode = node.childForFieldName('module_name');
    const module = moduleNode ? moduleNode.text.replace(/\s+/g, '') : '';
    if (node.namedChildren.some((c) => c?.type === 'wildcard_import')) {
      this.star(module);
      return;
    }
    const join = (name: string) => (module.endsWith('.') ? `${module}${name}` : `${module}.${name}`);
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      if (child.type === 'dotted_name') {
        this.bind(child.text, { kind: 'import', qualified: join(child.text), node: child });
      } else if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (name && alias) this.bind(alias, { kind: 'import', qualified: join(name), node: child });
      }
    }
  }

  bindParameters(params: SyntaxNode | null): void {
    if (!params) return;
    for (const p of params.namedChildren) {
      if (!p) continue;
      const name =
        p.type === 'identifier'
          ? p
          : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier') ?? null);
      if (name?.type === 'identifier') this.bind(name.text, { kind: 'unknown', node: p });
    }
  }

  /** Binds the names of an assignment target to what the value expression resolves to. */
  bindTarget(target: SyntaxNode | null, value: SyntaxNode | null, evaluate: (n: SyntaxNode) => ConstValue | undefined): void {
    if (!target) return;
    if (target.type === 'identifier') {
      this.bind(target.text, this.bindingFor(value, evaluate));
      return;
    }
    if (target.type === 'attribute') {
      this.bindAttribute(target, value, evaluate);
      return;
    }
    if (['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'parenthesized_expression', 'expression_list', 'tuple', 'list'].includes(target.type)) {
      for (const child of target.namedChildren) this.bindTarget(child, null, evaluate);
    }
  }

  /**
   * `self.client = OpenAI()` in a method: later methods of the class read `self.client` as an
   * `openai.OpenAI` instance (the order the class is written in; `__init__` usually comes first).
   * Only objects and imports are kept, and a later assignment of anything else forgets the attribute.
   */
  private bindAttribute(target: SyntaxNode, value: SyntaxNode | null, evaluate: (n: SyntaxNode) => ConstValue | undefined): void {
    const n = this.scopes.length;
    if (n < 3 || this.scopes[n - 1].kind !== 'function' || this.scopes[n - 2].kind !== 'class') return;
    const text = target.text;
    if (!text.startsWith('self.') || !SELF_ATTRIBUTE.test(text)) return;
    const cls = this.scopes[n - 2];
    const b = value ? this.bindingFor(value, evaluate) : undefined;
    const name = text.slice(5);
    if (b && (b.kind === 'instance' || b.kind === 'import')) (cls.attributes ??= new Map()).set(name, b);
    else cls.attributes?.delete(name);
  }

  /**
   * A parameter annotated with a class the file imports (`solver: ClaudeSolver`, `con: duckdb.DuckDBPyConnection`)
   * stands for an instance of it. Only a plain or dotted name: not `Optional[...]`, a string or a union.
   */
  private annotated(p: SyntaxNode): string | undefined {
    if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      // `def __init__(self, sandbox=repl)`: a default that is an object or an import of the module stands for what it is.
      const value = p.childForFieldName('value');
      if (value && (value.type === 'identifier' || value.type === 'attribute')) {
        const name = p.childForFieldName('name')?.text;
        const q = value.type === 'identifier' && value.text === name ? undefined : this.qualifiedName(value);
        if (q) return q;
      }
    }
    if (p.type !== 'typed_parameter' && p.type !== 'typed_default_parameter') return undefined;
    return this.annotationType(p.childForFieldName('type'));
  }

  /** The class an annotation names (`GeminiSQL`, `duckdb.DuckDBPyConnection`) when the file imports it. */
  annotationType(annotation: SyntaxNode | null | undefined): string | undefined {
    const type = annotation?.namedChildren[0];
    if (!type || (type.type !== 'identifier' && type.type !== 'attribute')) return undefined;
    const text = type.text;
    if (!ANNOTATION.test(text)) return undefined;
    const dot = text.indexOf('.');
    const head = this.lookup(dot < 0 ? text : text.slice(0, dot));
    // Only what an import names: a class of this file, or a builtin (`str`), is not resolved here.
    if (head?.kind !== 'import') return undefined;
    const q = dot < 0 ? head.qualified : head.qualified + text.slice(dot).replace(/\s+/g, '');
    // `Final`, `Any`, `ClassVar`: typing's words say nothing of the class, and `MODEL: Final = "..."` keeps its value.
    return TYPING.test(q) ? undefined : q;
  }

  /** What `self.<name>` stands for in a method, from the class's earlier `self.<name> = ...`. */
  private selfAttribute(name: string): string | undefined {
    const n = this.scopes.length;
    for (let i = n - 1; i >= 1; i--) {
      if (this.scopes[i].kind !== 'function') return undefined;
      if (this.scopes[i - 1].kind === 'class') {
        // Only a method's own `self`: a nested function's `self` is not looked up.
        if (i !== n - 1) return undefined;
        const b = this.scopes[i - 1].attributes?.get(name);
        return b ? (b.kind === 'import' ? b.qualified : b.kind === 'instance' ? b.of : undefined) : undefined;
      }
    }
    return undefined;
  }

  private bindingFor(value: SyntaxNode | null, evaluate: (n: SyntaxNode) => ConstValue | undefined): Binding {
    if (!value) return { kind: 'unknown', node: null };
    if (value.type === 'assignment') return this.bindingFor(value.childForFieldName('right'), evaluate);
    if (value.type === 'identifier' || value.type === 'attribute') {
      const q = this.qualifiedName(value);
      if (q) {
        const b = value.type === 'identifier' ? this.lookup(value.text) : undefined;
        return b?.kind === 'instance' ? b : { kind: 'import', qualified: q, node: value };
      }
    }
    if (value.type === 'call') {
      const q = this.qualifiedName(value.childForFieldName('function'));
      return q ? { kind: 'instance', of: q, node: value } : { kind: 'unknown', node: value };
    }
    const constant = evaluate(value);
    if (constant !== undefined) return { kind: 'value', value: constant, node: value };
    return { kind: 'unknown', node: value };
  }
}
