import { RULES } from '../rules';
import { complementaryMarkdown } from '../rules/reference-links';

/** `mlsec rules`: one line per rule. */
export function listRules(): string {
  const rows = RULES.map((r) => [r.meta.code, r.meta.name, r.meta.category, r.meta.severity, r.meta.fix === 'none' ? '-' : r.meta.fix]);
  const head = ['CODE', 'NAME', 'CATEGORY', 'SEVERITY', 'FIX'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

/** `mlsec rule MLS101`: the rule's documentation page, by code or name, with the tools that complement it. */
export function showRule(id: string): string | undefined {
  const rule = RULES.find((r) => r.meta.code === id.toUpperCase() || r.meta.name === id);
  if (!rule) return undefined;
  const m = rule.meta;
  const refs = [...m.references.cwe, ...m.references.atlas, ...m.references.owaspLlm, ...m.references.owaspMl].join(', ');
  const tools = complementaryMarkdown(m.code, m.category).trimEnd();
  return `# ${m.code} ${m.name}: ${m.title}\n\nCategory: ${m.category} · Severity: ${m.severity} · Confidence: ${m.confidence} · Fix: ${m.fix}${refs ? `\nReferences: ${refs}` : ''}\n${rule.docs.trimEnd()}\n${tools ? `\n${tools}\n` : ''}`;
}
