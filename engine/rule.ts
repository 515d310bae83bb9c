import type { SyntaxNode } from './syntax';
import type { CallArgs, Value } from './evaluate';
import type { ShellLine } from './ipython';
import type { LineIndex } from './lines';
import type { NotebookOutput } from './notebook';
import type { Binding } from './semantic';
import type { Category, Confidence, FileExports, Fix, ProjectFacts, RelatedInfo, Severity } from './types';

export interface References {
  cwe: string[];
  atlas: string[];
  owaspLlm: string[];
  owaspMl: string[];
  nist?: string[];
}

export interface RuleMeta {
  code: string;
  /** Kebab-case name of the pattern, not the remedy. */
  name: string;
  title: string;
  category: Category;
  severity: Severity;
  confidence: Confidence;
  /** The strongest fix the rule can offer. */
  fix: 'none' | 'safe' | 'unsafe' | 'display-only';
  references: References;
  /** The finding's range is itself a secret or a personal datum: outputs that print source mask it. */
  sensitive?: boolean;
  /** Peer rules this one covers, e.g. `bandit:B301`, `ruff:S301`. */
  sources?: string[];
  /**
   * True for rules whose findings depend on more than the statement they are in (a training loop
   * flagged because of columns read elsewhere in the file). Such a rule records what it sees with
   * `ctx.note` and reports from `end`, where `ctx.notes()` holds the notes of every statement,
   * cached ones included; its findings are never cached.
   */
  fileScope?: boolean;
  /**
   * Words of which at least one occurs in the text of every file where the rule can report: the
   * names its findings rest on as they must be written (module names, which no alias can hide, since
   * an import spells the module out). A whole-file lint skips the rule on a file whose text holds
   * none (`LintInput.prefilter`), as Semgrep skips rules whose literal strings a file lacks. Only for
   * rules whose every finding needs such a name: not for rules that judge values (secrets, personal
   * data) or names the semantic model supplies without their being written (`IMPLICIT_MODULES`).
   */
  requires?: readonly string[];
  /**
   * Project facts the rule also reports from (`ProjectFacts.llmText`...): a file that names a module
   * with such facts is linted by the rule even when it holds none of the rule's `requires` words
   * (`run_command(get_command(x))`, both imported from the project's own LLM module).
   */
  facts?: readonly ('llmText' | 'llmSinks')[];
  /** `model-file`: reported by the model-file scanner on a model artifact (no source line, no Python fixture). */
  input?: 'model-file';
  /** JSON Schema of the rule's options, with defaults. */
  options?: Record<string, { type: string; default: unknown; description: string }>;
}

export interface Report {
  node?: SyntaxNode;
  /** UTF-16 offsets into the linted text, when there is no node. */
  span?: { start: number; end: number };
  /** A finding in a notebook output (cell index and output index) rather than in code. */
  output?: { cell: number; output: number };
  message: string;
  severity?: Severity;
  confidence?: Confidence;
  fixes?: Fix[];
  related?: RelatedInfo[];
}

/** What a rule sees: the text, the semantic model at the walk's current point, and a way to report. */
export interface RuleContext {
  readonly text: string;
  readonly lines: LineIndex;
  readonly notebook: boolean;
  readonly project: ProjectFacts;
  readonly options: Record<string, unknown>;
  /** IPython escapes of a notebook (empty for `.py` files). */
  readonly shellLines: readonly ShellLine[];
  /** Decoded text outputs of a notebook's code cells (empty for `.py` files). */
  readonly outputs: readonly NotebookOutput[];
  qualifiedName(node: SyntaxNode | null): string | undefined;
  /** Fully-qualified name of a call's callee. */
  callee(call: SyntaxNode): string | undefined;
  /** The attribute name a call's callee ends with (`load` in `pickle.load(f)`), undefined when the callee is not an attribute. */
  method(call: SyntaxNode): string | undefined;
  /** The visited nodes containing the node being visited, outermost first (during the walk only). */
  ancestors(): readonly SyntaxNode[];
  lookup(name: string): Binding | undefined;
  evaluate(node: SyntaxNode | null | undefined): Value;
  args(call: SyntaxNode): CallArgs;
  report(report: Report): void;
  /** Records a fact at a place, for `end` (file-scope rules). */
  note(span: { start: number; end: number }, data: NoteData): void;
  /** Every note this rule recorded in this file, in source order. */
  notes(): readonly Note[];
  /** Adds to what the file exports to its project (file-scope rules, from `end`). */
  exportFacts(facts: FileExports): void;
}

export type NoteData = Record<string, string | number | boolean>;

export interface Note {
  span: { start: number; end: number };
  data: NoteData;
}

export type Visitor = (node: SyntaxNode) => void;

/** The tree-sitter-python node types rules visit. */
export type NodeType =
  | 'call' | 'attribute' | 'identifier' | 'string' | 'concatenated_string' | 'comment'
  | 'assignment' | 'augmented_assignment' | 'expression_statement' | 'keyword_argument'
  | 'import_statement' | 'import_from_statement' | 'function_definition' | 'class_definition'
  | 'decorated_definition' | 'decorator' | 'try_statement' | 'except_clause' | 'with_statement'
  | 'for_statement' | 'while_statement' | 'if_statement' | 'return_statement' | 'subscript'
  | 'dictionary' | 'pair' | 'list' | 'tuple' | 'lambda' | 'module';

export type Visitors = { [K in NodeType]?: Visitor } & {
  /** Each IPython escape line of a notebook. */
  shell?: (line: ShellLine) => void;
  /** After the walk. */
  end?: () => void;
};

export interface Rule {
  meta: RuleMeta;
  /** Markdown with the headings: What it does, Why is this bad?, Example, Use instead, Fix safety, Known limitations, References. */
  docs: string;
  create(ctx: RuleContext): Visitors;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
