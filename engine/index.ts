import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { FlatTree, readFlatTree } from './flat-tree';
import { LanguageTables, type WasmMemory } from './language-tables';
import { lint, lintTree, type Flatten } from './lint';
import { installNodeMemo } from './node-memo';
import { StatementCache } from './statement-cache';
import { reparseStatements, TEXT_CHUNK, type StatementPatch, type Touched } from './statement-reparse';
import { keepsTokens, keywordsOf, retext, type EditRange } from './edited-tree';
import type { Rule } from './rule';
import type { Notebook } from './notebook';
import type { LintInput, LintResult } from './types';

export * from './types';
export type { Rule, RuleMeta, RuleContext } from './rule';
export { parseNotebook, notebookFromCells, CellPieces, cellAt, cellLocation, NotebookError, type CellPiece, type Notebook, type NotebookCell, type NotebookOutput } from './notebook';
export { applyEdits, applyFixes } from './apply';
export { editNotebook, fixNotebook } from './notebook-edit';
export { LineIndex } from './lines';
export { isEnabled, compareVersions } from './config';
export { INTERNAL_ERROR } from './run';

/** The WebAssembly the engine runs on, read by the adapter (the engine never touches the file system). */
export interface EngineAssets {
  /** `tree-sitter.wasm` from web-tree-sitter. */
  runtime: Uint8Array;
  /** `tree-sitter-python.wasm` from tree-sitter-python. */
  python: Uint8Array;
}

export interface Engine {
  readonly rules: readonly Rule[];
  lint(input: LintInput): LintResult;
  /** Parses Python, incrementally when the previous tree (already edited) is given. The caller deletes trees. */
  parse(text: string, previous?: Tree): Tree;
  /**
   * Parses each top-level statement that the edits since `tree` was parsed and that did not keep
   * every token (`touched`) lie in, alone, when that gives what a parse of the whole text would
   * (statement-reparse.ts); `tree` has been edited and is left unparsed. Undefined: parse the whole
   * text. The caller disposes of the patches. With `broken`, a statement that alone parses with a
   * syntax error is patched too, the error confined to it (a broken patch, statement-reparse.ts).
   */
  reparseStatements(tree: Tree, text: string, touched: readonly Touched[], broken?: boolean): StatementPatch[] | undefined;
  /**
   * The edit, just applied to `tree` with `Tree.edit`, kept every token of the text (typing inside a
   * name): the edited tree is what parsing `text` would give (edited-tree.ts).
   */
  keepsTokens(tree: Tree, text: string, edit: EditRange): boolean;
  /** Makes an edited tree answer node text from `text`, to lint it with no parse (after `keepsTokens` edits). */
  useEdited(tree: Tree, text: string): void;
  /**
   * Lints a parsed Python tree; with a cache, unchanged top-level statements reuse their findings.
   * With patches (and a cache), `tree` is the edited tree they were made from. With a notebook
   * (`notebookFromCells`), `tree` is its virtual module's; with a cache, findings in the cells'
   * code carry no `cell`: place them with `cellLocation`.
   */
  lintTree(tree: Tree, input: LintInput, cache?: StatementCache, patches?: readonly StatementPatch[], notebook?: Notebook): LintResult;
  /** @internal The tree read out of WebAssembly, or undefined where the engine uses web-tree-sitter's nodes. */
  flatten(tree: Tree, text: string, from?: Node): FlatTree | undefined;
}

let runtime: Promise<void> | undefined;
/** web-tree-sitter makes the options given to `Parser.init` its Emscripten module, which holds the memory views. */
const wasm: WasmMemory = {};
const languages = new WeakMap<Uint8Array, Promise<Language>>();
const tables = new WeakMap<Language, LanguageTables | null>();

export async function createEngine(assets: EngineAssets, rules: readonly Rule[]): Promise<Engine> {
  installNodeMemo();
  runtime ??= Parser.init(Object.assign(wasm, { wasmBinary: assets.runtime }));
  await runtime;
  let language = languages.get(assets.python);
  if (!language) {
    language = Language.load(assets.python);
    languages.set(assets.python, language);
  }
  const parser = new Parser();
  const python = await language;
  parser.setLanguage(python);
  if (!tables.has(python)) tables.set(python, LanguageTables.read(python, wasm) ?? null);
  const grammar = tables.get(python) ?? undefined;
  const flatten: Flatten = (tree, text, from) => (grammar ? readFlatTree(tree, text, grammar, wasm, from) : undefined);
  const keywords = keywordsOf(python);
  return {
    rules,
    flatten,
    lint: (input) => lint(parser, rules, input, flatten),
    parse: (text, previous) => {
      // An incremental parse asks for text where it cannot reuse the old tree; given the string,
      // web-tree-sitter copies all the rest of it into WebAssembly each time (0.2 ms of 1.2 at 5,000 lines).
      const tree = parser.parse(previous ? (index: number) => text.slice(index, index + TEXT_CHUNK) : text, previous ?? null);
      if (!tree) throw new Error('tree-sitter returned no tree');
      return tree;
    },
    keepsTokens: (tree, text, edit) => keepsTokens(tree, text, edit, keywords),
    useEdited: retext,
    reparseStatements: (tree, text, touched, broken) => (grammar ? reparseStatements(parser, tree, text, touched, (statement) => readFlatTree(tree, text, grammar, wasm, statement)?.node(0), broken) : undefined),
    lintTree: (tree, input, cache, patches, notebook) => {
      if (cache) return cache.lint(tree, input.text, rules, input, flatten, patches, notebook);
      if (patches?.length) throw new Error('a statement patch needs the statement cache');
      return lintTree(tree, input.text, rules, input, notebook, flatten);
    },
  };
}
export { ruleDocsUrl } from './docs-url';
export { StatementCache } from './statement-cache';
export type { StatementPatch, Touched } from './statement-reparse';
export type { EditRange } from './edited-tree';
export { redact, mask, maskedTail, findSecrets } from './secrets';
export { compareText } from './order';
