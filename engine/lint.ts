import type { Node, Parser, Tree } from 'web-tree-sitter';
import { isEnabled } from './config';
import { callArgs, evaluate } from './evaluate';
import type { ShellLine } from './ipython';
import { LineIndex } from './lines';
import { cellAt, NotebookError, parseNotebook, type Notebook } from './notebook';
import type { Report, Rule, RuleContext, Visitor } from './rule';
import { Semantic, type ConstValue } from './semantic';
import { parseDirective, removeCode, silences, type Malformed, type Suppression } from './suppressions';
import type { Finding, LintInput, LintResult } from './types';
import { walk } from './walk';

const SIMPLE_STATEMENTS = new Set([
  'expression_statement', 'return_statement', 'import_statement', 'import_from_statement', 'future_import_statement',
  'assert_statement', 'raise_statement', 'pass_statement', 'delete_statement', 'global_statement', 'nonlocal_statement',
  'print_statement', 'exec_statement', 'type_alias_statement', 'break_statement', 'continue_statement',
]);
const COMPOUND_STATEMENTS = new Set([
  'if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement', 'try_statement', 'except_clause',
  'finally_clause', 'with_statement', 'function_definition', 'class_definition', 'match_statement', 'case_clause',
  'decorated_definition',
]);
const SEMANTIC_ENTER = new Set(['import_statement', 'import_from_statement', 'function_definition', 'lambda', 'class_definition', 'for_statement', 'except_clause', 'comment']);
const SEMANTIC_EXIT = new Set(['assignment', 'augmented_assignment', 'named_expression', 'with_item']);
const SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);

export const INTERNAL_ERROR = 'MLS000';
export const UNUSED_SUPPRESSION = 'MLS001';
export const UNKNOWN_CODE = 'MLS002';
export const MALFORMED_SUPPRESSION = 'MLS003';

/** Lints Python or a notebook with the given rules. The parser must have the Python language set. */
export function lint(parser: Parser, rules: readonly Rule[], input: LintInput): LintResult {
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
    return lintTree(tree, text, rules, input, notebook);
  } finally {
    tree.delete();
  }
}

/** Lints an already parsed tree of `text` (the language server keeps trees for incremental parsing). */
export function lintTree(tree: Tree, text: string, rules: readonly Rule[], input: LintInput, notebook?: Notebook): LintResult {
  const lines = new LineIndex(text);
  const semantic = new Semantic();
  const findings: Finding[] = [];
  const byCode = new Map(rules.map((r) => [r.meta.code, r]));
  const shellLines: readonly ShellLine[] = notebook?.shellLines ?? [];
  // Every rule asks the same questions about the same call: answer each once per lint.
  const callees = new Map<number, string | undefined>();
  const argLists = new Map<number, ReturnType<typeof callArgs>>();
  const calleeOf = (call: Node) => {
    if (callees.has(call.id)) return callees.get(call.id);
    const q = semantic.qualifiedName(call.childForFieldName('function'));
    callees.set(call.id, q);
    return q;
  };
  const argsOf = (call: Node) => {
    let a = argLists.get(call.id);
    if (!a) {
      a = callArgs(call);
      argLists.set(call.id, a);
    }
    return a;
  };
  const evalConst = (n: Node) => {
    const v = evaluate(n, semantic);
    return v.known ? v.value : undefined;
  };

  const toFinding = (rule: Rule, r: Report): Finding => {
    const start = r.node ? { line: r.node.startPosition.row, column: r.node.startPosition.column } : lines.position(r.span?.start ?? 0);
    const end = r.node ? { line: r.node.endPosition.row, column: r.node.endPosition.column } : lines.position(r.span?.end ?? 0);
    return {
      code: rule.meta.code,
      rule: rule.meta.name,
      message: r.message,
      severity: input.config?.severity?.[rule.meta.code] ?? r.severity ?? rule.meta.severity,
      confidence: r.confidence ?? rule.meta.confidence,
      category: rule.meta.category,
      range: { start, end },
      fixes: r.fixes ?? [],
      ...(r.related?.length ? { related: r.related } : {}),
    };
  };

  // Instantiate the enabled rules and merge their visitors by node type.
  const visitors = new Map<string, { rule: Rule; fn: Visitor }[]>();
  const shells: { rule: Rule; fn: (l: ShellLine) => void }[] = [];
  const ends: { rule: Rule; fn: () => void }[] = [];
  const dead = new Set<Rule>();
  const crash = (rule: Rule, error: unknown, node?: Node) => {
    dead.add(rule);
    const internal = byCode.get(INTERNAL_ERROR);
    const message = `Internal error in ${rule.meta.code} (${rule.meta.name}): ${error instanceof Error ? error.message : String(error)}. The other rules still ran; please report this.`;
    findings.push({
      ...toFinding(internal ?? rule, { node, span: node ? undefined : { start: 0, end: 0 }, message, severity: 'warning' }),
      code: INTERNAL_ERROR,
      rule: 'internal-error',
      category: 'linter',
    });
  };
  for (const rule of rules) {
    if (!isEnabled(rule.meta.code, input.config)) continue;
    const ctx: RuleContext = {
      text,
      lines,
      notebook: !!notebook,
      project: input.project ?? {},
      options: defaults(rule, input.config?.options?.[rule.meta.code]),
      shellLines,
      qualifiedName: (n) => semantic.qualifiedName(n),
      callee: calleeOf,
      lookup: (name) => semantic.lookup(name),
      evaluate: (n) => evaluate(n ?? null, semantic),
      args: argsOf,
      report: (r) => {
        if (!dead.has(rule)) findings.push(toFinding(rule, r));
      },
    };
    let created;
    try {
      created = rule.create(ctx);
    } catch (e) {
      crash(rule, e);
      continue;
    }
    for (const [type, fn] of Object.entries(created)) {
      if (!fn) continue;
      if (type === 'shell') shells.push({ rule, fn: fn as (l: ShellLine) => void });
      else if (type === 'end') ends.push({ rule, fn: fn as () => void });
      else {
        const list = visitors.get(type) ?? [];
        list.push({ rule, fn: fn as Visitor });
        visitors.set(type, list);
      }
    }
  }

  const comments: Node[] = [];
  const types = new Set<string>([...SEMANTIC_ENTER, ...SEMANTIC_EXIT, ...SCOPES, ...visitors.keys()]);

  walk(
    tree,
    types,
    (node) => {
      enterSemantic(node, semantic, comments, evalConst);
      const list = visitors.get(node.type);
      if (list) {
        for (const { rule, fn } of list) {
          if (dead.has(rule)) continue;
          try {
            fn(node);
          } catch (e) {
            crash(rule, e, node);
          }
        }
      }
    },
    (node) => exitSemantic(node, semantic, evalConst),
  );
  for (const line of shellLines) {
    for (const { rule, fn } of shells) {
      if (dead.has(rule)) continue;
      try {
        fn(line);
      } catch (e) {
        crash(rule, e);
      }
    }
  }
  for (const { rule, fn } of ends) {
    if (dead.has(rule)) continue;
    try {
      fn();
    } catch (e) {
      crash(rule, e);
    }
  }

  const kept = applySuppressions(findings, comments, tree, lines, rules, input, toFinding);
  kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || a.code.localeCompare(b.code));
  if (notebook) for (const f of kept) locateInCell(f, notebook);
  return { findings: kept, text, syntaxErrors: tree.rootNode.hasError, ...(notebook?.warnings.length ? { warnings: notebook.warnings } : {}) };
}

function defaults(rule: Rule, given: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(rule.meta.options ?? {})) out[key] = spec.default;
  return { ...out, ...(given ?? {}) };
}

/**
 * The lines a directive on `line` covers: the statement holding that line for a trailing comment,
 * the next statement for a comment on its own line; only the header of a compound statement.
 */
function coverage(tree: Tree, lines: LineIndex, line: number, trailing: boolean): [number, number] {
  let target = line;
  if (!trailing) {
    target = line + 1;
    while (target < lines.lineCount && /^\s*(#.*)?$/.test(lines.line(target))) target++;
    if (target >= lines.lineCount) return [line, line];
  }
  const text = lines.line(target);
  const column = text.length - text.trimStart().length;
  for (let n: Node | null = tree.rootNode.descendantForPosition({ row: target, column }); n; n = n.parent) {
    if (SIMPLE_STATEMENTS.has(n.type)) return [n.startPosition.row, n.endPosition.row];
    if (COMPOUND_STATEMENTS.has(n.type)) return [n.startPosition.row, headerEnd(n)];
  }
  return [target, target];
}

function headerEnd(node: Node): number {
  const start = node.startPosition.row;
  const target = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  const block = target?.namedChildren.find((c) => c?.type === 'block');
  if (!block) return start;
  return Math.max(start, block.startPosition.row === start ? start : block.startPosition.row - 1);
}

function enterSemantic(node: Node, s: Semantic, comments: Node[], evalConst: (n: Node) => ConstValue | undefined): void {
  switch (node.type) {
    case 'import_statement':
      s.bindImport(node);
      break;
    case 'import_from_statement':
      s.bindImportFrom(node);
      break;
    case 'function_definition': {
      const name = node.childForFieldName('name');
      if (name) s.bind(name.text, { kind: 'unknown', node });
      s.push('function');
      s.bindParameters(node.childForFieldName('parameters'));
      break;
    }
    case 'lambda':
      s.push('function');
      s.bindParameters(node.childForFieldName('parameters'));
      break;
    case 'class_definition': {
      const name = node.childForFieldName('name');
      if (name) s.bind(name.text, { kind: 'unknown', node });
      s.push('class');
      break;
    }
    case 'for_statement':
      s.bindTarget(node.childForFieldName('left'), null, evalConst);
      break;
    case 'except_clause': {
      const alias = node.namedChildren.find((c) => c?.type === 'as_pattern')?.childForFieldName('alias');
      const name = alias?.namedChildren[0];
      if (name?.type === 'identifier') s.bind(name.text, { kind: 'unknown', node });
      break;
    }
    case 'comment':
      comments.push(node);
      break;
  }
}

function exitSemantic(node: Node, s: Semantic, evalConst: (n: Node) => ConstValue | undefined): void {
  switch (node.type) {
    case 'assignment':
      s.bindTarget(node.childForFieldName('left'), node.childForFieldName('right'), evalConst);
      break;
    case 'augmented_assignment':
      s.bindTarget(node.childForFieldName('left'), null, evalConst);
      break;
    case 'named_expression':
      s.bindTarget(node.childForFieldName('name'), node.childForFieldName('value'), evalConst);
      break;
    case 'with_item': {
      const value = node.childForFieldName('value');
      if (value?.type === 'as_pattern') {
        const target = value.childForFieldName('alias')?.namedChildren[0] ?? null;
        s.bindTarget(target, value.namedChildren[0], evalConst);
      }
      break;
    }
    case 'function_definition':
    case 'lambda':
    case 'class_definition':
      s.pop();
      break;
  }
}

function applySuppressions(
  findings: Finding[],
  comments: Node[],
  tree: Tree,
  lines: LineIndex,
  rules: readonly Rule[],
  input: LintInput,
  toFinding: (rule: Rule, r: Report) => Finding,
): Finding[] {
  const known = new Set(rules.map((r) => r.meta.code));
  const byCode = new Map(rules.map((r) => [r.meta.code, r]));
  const suppressions: Suppression[] = [];
  const malformed: Malformed[] = [];
  for (const c of comments) {
    const d = parseDirective(c.text, c.startIndex);
    if (!d) continue;
    if ('message' in d) {
      malformed.push(d);
      continue;
    }
    const line = c.startPosition.row;
    const before = lines.line(line).slice(0, c.startPosition.column);
    const trailing = before.trim() !== '';
    suppressions.push({
      file: d.kind === 'file-ignore',
      codes: d.codes,
      start: c.startIndex,
      end: c.endIndex,
      line,
      trailing,
      covers: [coverage(tree, lines, line, trailing)],
    });
  }
  const kept = suppressions.length ? findings.filter((f) => !suppressions.some((s) => silences(s, f))) : findings;

  const meta = (code: string, r: Report) => {
    const rule = byCode.get(code);
    if (rule && isEnabled(code, input.config)) kept.push(toFinding(rule, r));
  };
  for (const m of malformed) meta(MALFORMED_SUPPRESSION, { span: m, message: m.message });
  for (const s of suppressions) {
    for (const c of s.codes) {
      if (!known.has(c.code)) {
        meta(UNKNOWN_CODE, { span: c, message: `Unknown rule code \`${c.code}\` in suppression (run \`mlsec rules\` for the list)` });
      } else if (!c.used && isEnabled(c.code, input.config)) {
        meta(UNUSED_SUPPRESSION, {
          span: c,
          message: `Unused suppression of ${c.code}: nothing here triggers it`,
          fixes: [{ title: `Remove unused suppression of ${c.code}`, safety: 'safe', edits: [removeCode(s, c, lines.text)] }],
        });
      }
    }
  }
  return kept;
}

function locateInCell(f: Finding, nb: Notebook): void {
  const at = cellAt(nb, f.range.start.line);
  if (!at) return;
  const endLine = Math.min(f.range.end.line - at.cell.startLine, at.cell.lineCount - 1);
  f.cell = {
    cell: at.cell.index,
    line: at.line,
    column: f.range.start.column,
    endLine,
    endColumn: endLine === f.range.end.line - at.cell.startLine ? f.range.end.column : 0,
    rawLine: at.cell.rawLines[at.line] ?? 0,
  };
}
