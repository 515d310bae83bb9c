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
  constructor(readonly kind: ScopeKind) {}
}

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
        if (DOTTED.test(text)) {
          const dot = text.indexOf('.');
          const head = this.resolveName(text.slice(0, dot).trim());
          return head ? head + '.' + text.slice(dot + 1).replace(/\s+/g, '') : undefined;
        }
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
    const head = this.resolveName(dotted.slice(0, dot));
    return head ? head + dotted.slice(dot) : undefined;
  }

  private resolveName(name: string): string | undefined {
    const b = this.lookup(name);
    if (b) return b.kind === 'import' ? b.qualified : b.kind === 'instance' ? b.of : undefined;
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
    if (['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'parenthesized_expression', 'expression_list', 'tuple', 'list'].includes(target.type)) {
      for (const child of target.namedChildren) this.bindTarget(child, null, evaluate);
    }
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
