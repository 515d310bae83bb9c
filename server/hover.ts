import type { Diagnostic, Hover, Position } from 'vscode-languageserver/node';
import type { Rule } from '../engine';
import { LineIndex } from '../engine';
import { complementaryLine } from '../rules/reference-links';
import { adviceOf } from './diagnostics';

/** Rule documentation for a diagnostic under the cursor, or for a code inside a suppression comment. */
export function hoverAt(pos: Position, diagnostics: readonly Diagnostic[], text: string | undefined, rules: readonly Rule[]): Hover | undefined {
  const byCode = new Map(rules.map((r) => [r.meta.code, r]));
  const onDirective = text === undefined ? undefined : directiveHover(pos, text, byCode);
  if (onDirective) return onDirective;
  const hit = diagnostics.find((d) => contains(d.range, pos) && byCode.has(String(d.code)));
  if (hit) {
    // Advice no code action can carry (the value has to come from the user) leads the hover.
    const todo = adviceOf(hit).map((title) => `**To do by hand:** ${title}`);
    const docs = ruleMarkdown(byCode.get(String(hit.code))!);
    return { contents: { kind: 'markdown', value: todo.length ? [...todo, '', '---', '', docs].join('\n') : docs }, range: hit.range };
  }
  return undefined;
}

/** The docs of the code under the cursor in `# mlsec: ignore[...]`. */
function directiveHover(pos: Position, text: string, byCode: Map<string, Rule>): Hover | undefined {
  const line = new LineIndex(text).line(pos.line);
  const directive = /#\s*mlsec\s*:\s*(?:file-)?ignore\[([^\]]*)\]/i.exec(line);
  if (!directive) return undefined;
  const listStart = directive.index + directive[0].indexOf('[') + 1;
  for (const m of directive[1].matchAll(/[A-Za-z0-9]+/g)) {
    const start = listStart + m.index!;
    const end = start + m[0].length;
    if (pos.character < start || pos.character > end) continue;
    const rule = byCode.get(m[0].toUpperCase());
    if (!rule) return undefined;
    return { contents: { kind: 'markdown', value: ruleMarkdown(rule) }, range: { start: { line: pos.line, character: start }, end: { line: pos.line, character: end } } };
  }
  return undefined;
}

export function ruleMarkdown(rule: Rule): string {
  const m = rule.meta;
  const r = m.references;
  const refs = [
    r.cwe.length ? `CWE: ${r.cwe.join(', ')}` : '',
    r.atlas.length ? `MITRE ATLAS: ${r.atlas.join(', ')}` : '',
    r.owaspLlm.length ? `OWASP LLM Top 10: ${r.owaspLlm.join(', ')}` : '',
    r.owaspMl.length ? `OWASP ML Top 10: ${r.owaspMl.join(', ')}` : '',
  ].filter(Boolean);
  const tools = complementaryLine(m.code, m.category);
  return [`**${m.code} ${m.name}**: ${m.title}`, '', `Severity ${m.severity} · confidence ${m.confidence} · fix ${m.fix}`, ...(refs.length ? ['', refs.join(' · ')] : []), ...(tools ? ['', tools] : []), '', rule.docs.trim()].join('\n');
}

function contains(range: Diagnostic['range'], p: Position): boolean {
  const after = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const before = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return after && before;
}
