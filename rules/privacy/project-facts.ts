import type { SyntaxNode } from '../../engine/syntax';
import type { Note, RuleContext } from '../../engine/rule';
import type { FileExports } from '../../engine/types';
import { flowsOf, personalClosure } from './data-flow';

/**
 * Personal data across the files of a project: a `data/` module that downloads or prepares a data
 * set names its columns; the file that trains imports it. Each lint exports the file's facts (the
 * top-level names holding personal data, the modules it imports), and the adapters' project model
 * gives the other files' exports back as `ProjectFacts.personalData` on their next lint.
 */

/** The top-level function the walk is in, or '' at module level. */
export function topFunction(ctx: RuleContext): string {
  for (const a of ctx.ancestors()) if (a.type === 'function_definition') return a.childForFieldName('name')?.text ?? '';
  return '';
}

/** `pkg.mod` for `from pkg.mod import x`, `from .mod import x`, `import pkg.mod as m`: leading dots dropped. */
const moduleKey = (text: string) => text.replace(/^\.+/, '').replace(/\s+/g, '');

/** Notes an import (for `imports`), and the personal data it brings in from another file of the project. */
export function noteImport(ctx: RuleContext, node: SyntaxNode, evidence: (node: SyntaxNode, name: string, into: string[]) => void): void {
  const facts = ctx.project.personalData;
  if (node.type === 'import_from_statement') {
    const module = moduleKey(node.childForFieldName('module_name')?.text ?? '');
    if (!module) return;
    ctx.note({ start: node.startIndex, end: node.endIndex }, { kind: 'import', module });
    const exported = facts?.[module];
    if (!exported) return;
    for (const n of node.childrenForFieldName('name')) {
      const name = n?.type === 'aliased_import' ? n.childForFieldName('name')?.text : n?.text;
      const alias = n?.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n?.text;
      if (n && name && alias && exported.includes(name)) evidence(n, `\`${name}\` from \`${module}\``, [alias]);
    }
  } else {
    for (const n of node.namedChildren) {
      const name = n?.type === 'aliased_import' ? n.childForFieldName('name')?.text : n?.type === 'dotted_name' ? n.text : undefined;
      if (n && name) ctx.note({ start: n.startIndex, end: n.endIndex }, { kind: 'import', module: moduleKey(name) });
    }
  }
}

/** `prepare.load_adult()` or `load_adult()` imported from a module of the project that exports it as personal data. */
export function importedPersonal(ctx: RuleContext, callee: string): string | undefined {
  const facts = ctx.project.personalData;
  const dot = callee.lastIndexOf('.');
  if (!facts || dot < 0) return undefined;
  const module = moduleKey(callee.slice(0, dot));
  const name = callee.slice(dot + 1);
  return facts[module]?.includes(name) ? `\`${name}\` from \`${module}\`` : undefined;
}

/** What the file exports: top-level functions holding evidence, module-level variables holding personal data, and its imports. */
export function fileExports(notes: readonly Note[]): FileExports {
  const split = (v: unknown) => (typeof v === 'string' && v ? v.split(',') : []);
  const evidence = notes.filter((n) => n.data.kind === 'pii');
  const imports = [...new Set(notes.filter((n) => n.data.kind === 'import').map((n) => String(n.data.module)))];
  // An empty list says the file imports nothing (it needs no other file's facts); no list says its imports are unknown.
  if (!evidence.length) return { imports };
  const flows = flowsOf(notes);
  const personal = personalClosure(evidence.flatMap((n) => split(n.data.vars)), flows);
  const topLevel = new Set(flows.filter((f) => !f.fn).flatMap((f) => f.to));
  const names = new Set<string>();
  for (const n of evidence) if (n.data.fn) names.add(String(n.data.fn));
  // A function whose body computes from personal data (a module-level column list) returns it.
  for (const f of flows) if (f.fn && f.to.some((v) => personal.has(v))) names.add(f.fn);
  for (const v of personal) if (topLevel.has(v)) names.add(v);
  return { ...(names.size ? { personalData: [...names].sort() } : {}), imports };
}
