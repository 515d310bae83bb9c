import type { Node, Parser, Tree } from 'web-tree-sitter';
import { releaseFlatTree, type FlatTree } from './flat-tree';
import { NotebookError, parseNotebook, type Notebook } from './notebook';
import type { Rule } from './rule';
import { LintRun } from './run';
import type { LintInput, LintResult, ProjectFacts } from './types';

/** Reads a parsed tree out of WebAssembly memory, or gives undefined to lint through web-tree-sitter's nodes. */
export type Flatten = (tree: Tree, text: string, from?: Node) => FlatTree | undefined;

/** Lints Python or a notebook with the given rules. The parser must have the Python language set. */
export function lint(parser: Parser, rules: readonly Rule[], input: LintInput, flatten?: Flatten): LintResult {
  let text = input.text;
  let notebook: Notebook | undefined;
  if (input.kind === 'notebook') {
    try {
      notebook = parseNotebook(text);
    } catch (e) {
      if (e instanceof NotebookError) return { findings: [], error: e.message, text: '', syntaxErrors: false };
      throw e;
    }
    text = notebook.virtualText;
  }
  const tree = parser.parse(text);
  if (!tree) return { findings: [], error: 'the parser gave up on this file', text, syntaxErrors: true };
  try {
    return lintTree(tree, text, rules, input, notebook, flatten);
  } finally {
    tree.delete();
  }
}

/** Lints an already parsed tree of `text` in one walk. */
export function lintTree(tree: Tree, text: string, rules: readonly Rule[], input: LintInput, notebook?: Notebook, flatten?: Flatten): LintResult {
  const run = new LintRun(text, rules, input, notebook, input.prefilter === false ? undefined : unneeded(rules, text, input.project));
  const flat = flatten?.(tree, text);
  run.walk(flat?.node(0) ?? tree.rootNode);
  const result = run.finish(tree);
  // The run is over and its result is plain data: the next file's tree may take these arrays.
  if (flat) releaseFlatTree(flat);
  return result;
}

/**
 * The rules whose `meta.requires` words all miss the text: none of them can report on it. Only a
 * whole-file lint skips them; the statement cache keeps every rule's notes for every statement.
 */
function unneeded(rules: readonly Rule[], text: string, project: ProjectFacts | undefined): ReadonlySet<Rule> | undefined {
  const scan = wordScan(rules);
  if (!scan) return undefined;
  const present = scan.present(text);
  let skip: Set<Rule> | undefined;
  for (const rule of rules) {
    const words = rule.meta.requires;
    if (words && !words.some((w) => present.has(w)) && !namesModuleWithFacts(rule, text, project)) (skip ??= new Set()).add(rule);
  }
  return skip;
}

/** Whether the text names (by its last part, as any import of it must) a module with facts the rule reports from. */
function namesModuleWithFacts(rule: Rule, text: string, project: ProjectFacts | undefined): boolean {
  if (!rule.meta.facts || !project) return false;
  return rule.meta.facts.some((kind) => Object.keys(project[kind] ?? {}).some((m) => text.includes(m.slice(m.lastIndexOf('.') + 1))));
}

const wordScans = new WeakMap<readonly Rule[], WordScan | null>();

function wordScan(rules: readonly Rule[]): WordScan | undefined {
  let scan = wordScans.get(rules);
  if (scan === undefined) {
    const words = new Set(rules.flatMap((r) => r.meta.requires ?? []));
    wordScans.set(rules, (scan = words.size ? new WordScan([...words]) : null));
  }
  return scan ?? undefined;
}

/**
 * Which of a set of words occur in a text, in one pass of one pattern for the words of every rule
 * (one pattern per rule's list cost a pass each: 0.06 s of a scan of 880 files). The alternatives go
 * longest first, so a match at a position is the longest word there; the scan steps one character
 * past each match's start, so a word starting inside another is still found; and a word that is a
 * prefix of the longest one at its position occurs there too.
 */
export class WordScan {
  private readonly pattern: RegExp;
  /** For each word, the words that are its prefixes (itself included). */
  private readonly prefixes = new Map<string, string[]>();

  constructor(words: readonly string[]) {
    const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    for (const w of sorted) this.prefixes.set(w, sorted.filter((p) => w.startsWith(p)));
  }

  present(text: string): Set<string> {
    const found = new Set<string>();
    const re = this.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (!found.has(m[0])) for (const p of this.prefixes.get(m[0])!) found.add(p);
      re.lastIndex = m.index + 1;
    }
    return found;
  }
}
