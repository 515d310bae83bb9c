// What the reference material (data/tools.json, data/privacy-techniques.json) says about a rule:
// the tools that do what the rule cannot, and the privacy techniques behind it. Kept as data keyed
// by rule code or category, so rule files need no edit; the docs pages, the hover and the
// extension's rule pages read it from here.
import privacyData from '../data/privacy-techniques.json';
import toolData from '../data/tools.json';

export interface Tool {
  id: string;
  name: string;
  url: string;
  does: string;
  when: string;
}

export interface ToolCategory {
  id: string;
  name: string;
  description: string;
  tools: Tool[];
}

export interface PrivacyTechnique {
  id: string;
  name: string;
  summary: string;
  when: string[];
  limits: string;
  libraries: string[];
  rules: string[];
  checklist: string[];
  snippets?: string[];
}

export const TOOL_CATEGORIES: ToolCategory[] = toolData.categories;
export const PRIVACY_TECHNIQUES: PrivacyTechnique[] = privacyData.techniques;
const COMPLEMENTS: Record<string, string[]> = toolData.complements;
const TOOLS = new Map(TOOL_CATEGORIES.flatMap((c) => c.tools.map((t) => [t.id, t] as const)));

export function toolById(id: string): Tool | undefined {
  return TOOLS.get(id);
}

/** The rule codes and categories a tool is listed for, as data/tools.json keys them. */
export function complementKeys(toolId: string): string[] {
  return Object.entries(COMPLEMENTS)
    .filter(([, ids]) => ids.includes(toolId))
    .map(([key]) => key);
}

/** The tools that complement a rule: those listed for its code first, then for its category. */
export function toolsForRule(code: string, category: string): Tool[] {
  const ids = [...(COMPLEMENTS[code] ?? []), ...(COMPLEMENTS[category] ?? [])];
  return [...new Set(ids)].flatMap((id) => TOOLS.get(id) ?? []);
}

/** The privacy techniques whose page names the rule (by code or prefix). */
export function techniquesForRule(code: string): PrivacyTechnique[] {
  return PRIVACY_TECHNIQUES.filter((t) => t.rules.some((p) => code === p || (p.length < 6 && code.startsWith(p))));
}

/** The Markdown part a rule's documentation gains: the tools beside it and the privacy techniques behind it. */
export function complementaryMarkdown(code: string, category: string): string {
  const tools = toolsForRule(code, category);
  const techniques = techniquesForRule(code);
  if (!tools.length && !techniques.length) return '';
  const lines = ['## Complementary tools', ''];
  if (tools.length) lines.push('What a linter cannot check, these tools do:', '', ...tools.map((t) => `- [${t.name}](${t.url}): ${t.does} *When:* ${t.when}`), '');
  if (techniques.length) lines.push(`Privacy techniques (pages in the extension's Threat Reference): ${techniques.map((t) => t.name).join(', ')}.`, '');
  return lines.join('\n');
}

/** One line for the hover: the tools by name. */
export function complementaryLine(code: string, category: string): string {
  const tools = toolsForRule(code, category);
  return tools.length ? `Complementary tools: ${tools.map((t) => `[${t.name}](${t.url})`).join(', ')}` : '';
}
