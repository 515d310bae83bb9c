/** Plain data shared by the engine, its rules and every adapter. */

export type Severity = 'error' | 'warning' | 'info';
export type Confidence = 'high' | 'medium' | 'low';
export type Category =
  | 'unsafe-deserialization'
  | 'hardcoded-secret'
  | 'unpinned-artifact'
  | 'privacy'
  | 'llm-application'
  | 'linter';
export type FixSafety = 'safe' | 'unsafe' | 'display-only';

/** A zero-based position; `column` counts UTF-16 code units, as LSP and JavaScript strings do. */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Replaces `[start, end)` (UTF-16 offsets into the linted text) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  safety: FixSafety;
  /** Empty for display-only fixes, which are advice, and for notebook-only fixes. */
  edits: TextEdit[];
  /** Edits to the notebook itself rather than to cell sources: outputs to remove. */
  notebook?: { removeOutputs: { cell: number; output: number }[] };
}

/** Where a finding sits inside a notebook: cell index and position within that cell, all zero-based. */
export interface CellLocation {
  cell: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Zero-based line of the `.ipynb` file as stored. */
  rawLine: number;
  /** Findings in a cell's outputs rather than its source. */
  output?: number;
}

export interface RelatedInfo {
  range: Range;
  message: string;
}

export interface Finding {
  code: string;
  rule: string;
  message: string;
  severity: Severity;
  confidence: Confidence;
  category: Category;
  /** Range in the linted text; for notebooks, in the virtual module built from the code cells. */
  range: Range;
  cell?: CellLocation;
  fixes: Fix[];
  related?: RelatedInfo[];
  /** The range holds a secret or personal data: never print it. */
  sensitive?: boolean;
  /** @internal Made by a sensitive rule the configuration disables, only for `LintResult.masks`. */
  maskOnly?: true;
}

export interface LintConfig {
  /** Codes or code prefixes to enable (default: every rule). The longest matching prefix of select and ignore wins. */
  select?: string[];
  ignore?: string[];
  /** Severity overrides by code. */
  severity?: Record<string, Severity>;
  /** Rule options by code. */
  options?: Record<string, Record<string, unknown>>;
}

/** Facts about the project that rules may use; gathered by an adapter, never read by the engine itself. */
export interface ProjectFacts {
  /** Lowest torch version the project's requirements allow, and whether it is an exact pin. */
  torch?: { version: string; exact: boolean; source: string };
  /**
   * What other files of the project export (`LintResult.exports`), by module: `data.prepare` →
   * the top-level names defined there that hold personal data. Gathered by the adapters' project
   * model (project/project-index.ts).
   */
  personalData?: Record<string, string[]>;
  /**
   * By module, as `personalData`: the top-level functions and names (`Class.method` for a method)
   * that return or hold text written by a model (the LLM output-handling rules' sources).
   */
  llmText?: Record<string, string[]>;
  /** By module, as `personalData`: the top-level functions whose parameter reaches an output-handling rule's sink. */
  llmSinks?: Record<string, LlmSink[]>;
}

/** A function of a file whose parameter reaches a sink of an LLM output-handling rule, for the files that call it. */
export interface LlmSink {
  /** The function (top-level) and its parameter, by name and by position. */
  name: string;
  param: string;
  index: number;
  /** The rule whose sink it is (`MLS503`), its message (with `{source}`), and the sink's line (1-based) in that file. */
  code: string;
  message: string;
  line: number;
}

/** Facts a file gives the rest of its project: computed by rules from the file alone, fed back as `ProjectFacts`. */
export interface FileExports {
  /** Top-level names (variables, functions) that hold or return personal data. */
  personalData?: string[];
  /** Modules the file imports (as written, without leading dots): which exports it can use. */
  imports?: string[];
  /** Top-level functions and names (`Class.method` for a method) that return or hold model text (MLS501-MLS504). */
  llmText?: string[];
  /**
   * Top-level functions whose parameter reaches a sink of MLS501-MLS504: each an `LlmSink` as JSON,
   * so that exports stay lists of strings that merge as sets; the project model parses them.
   */
  llmSinks?: string[];
  /**
   * `['model']` when the file names an LLM client, model or agent (the output-handling rules' words):
   * only such a file, or one importing another's model text, can hand model text to another file's
   * sink, so only such a file is linted again for other files' sink summaries.
   */
  llmWords?: string[];
}

export interface LintInput {
  text: string;
  kind?: 'python' | 'notebook';
  config?: LintConfig;
  project?: ProjectFacts;
  /**
   * False when the caller never shows source lines (the language server: the editor shows the
   * document): `masks` is not needed, so the sensitive rules the configuration disables are not
   * run to find them, and the result has none.
   */
  masks?: boolean;
  /**
   * False to run every enabled rule on the file even when its text lacks all of a rule's
   * `meta.requires` words (for the test that the pre-filter changes no finding).
   */
  prefilter?: boolean;
}

export interface LintResult {
  findings: Finding[];
  /** Set when the input could not be linted at all (a malformed notebook); findings are empty then. */
  error?: string;
  /** The text the rules saw: the source itself, or the notebook's virtual module. */
  text: string;
  /** True when the parser recovered from syntax errors. */
  syntaxErrors: boolean;
  /** Problems with the input that did not stop the lint (a notebook cell without source...). */
  warnings?: string[];
  /**
   * Where the text holds a secret or personal data that no finding reports (its rule is disabled,
   * or the finding is suppressed): whatever shows source lines masks these as it masks sensitive
   * findings. Absent when there are none.
   */
  masks?: Range[];
  /** What the file exports to the rest of the project (see `FileExports`); absent when nothing. */
  exports?: FileExports;
}
