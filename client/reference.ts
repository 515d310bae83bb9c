// The reference material beyond the published frameworks (threat models, agentic AI threats,
// standards, complementary tools, privacy techniques), read from data/ and shaped as books of the
// Threat Reference: the same tree, filter, pages and findings as the frameworks. Plain data and
// functions with no VS Code import.
import agenticData from '../data/agentic-threats.json';
import standardsData from '../data/standards.json';
import modelData from '../data/threat-models.json';
import { complementKeys, PRIVACY_TECHNIQUES, TOOL_CATEGORIES, toolById } from '../rules/reference-links';
import { CHECKLIST, FRAMEWORKS, type ChecklistItem, type Framework, type ThreatEntry } from './catalog';

export const STAGES: Record<string, string> = {
  'data-collection': 'data collection',
  preparation: 'preparation',
  training: 'training',
  evaluation: 'evaluation',
  deployment: 'deployment',
  serving: 'serving',
  monitoring: 'monitoring',
};

/** The frameworks the threat models and agentic threats map to, by the keys the data uses. */
const MAPPED: Record<string, string> = { atlas: 'atlas', 'owasp-llm': 'owasp-llm', 'owasp-ml': 'owasp-ml', 'nist-ai-100-2': 'nist-ai-100-2' };

function frameworkEntry(frameworkId: string, id: string): ThreatEntry | undefined {
  return FRAMEWORKS.find((f) => f.id === frameworkId)?.entries.find((e) => e.id === id);
}

function mappingLines(refs: Partial<Record<string, string[]>>): string[] {
  return Object.entries(refs).flatMap(([key, ids = []]) => {
    const framework = FRAMEWORKS.find((f) => f.id === MAPPED[key]);
    // Slug ids (NIST AI 100-2's attack classes) read better as their names alone.
    return ids.map((id) => `- ${framework?.name ?? key}: ${/^[a-z-]+$/.test(id) ? (frameworkEntry(MAPPED[key], id)?.name ?? id) : `${id} ${frameworkEntry(MAPPED[key], id)?.name ?? ''}`.trimEnd()}`);
  });
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// Threat models: one entry per model, its threats beneath it.
const threatModels: Framework = {
  id: 'threat-models',
  name: 'Threat models',
  version: '',
  entries: modelData.models.flatMap((model): ThreatEntry[] => [
    { id: model.id, name: model.name, kind: 'threat-model', description: model.description, mitigations: [], hideId: true },
    ...model.threats.map(
      (t): ThreatEntry => ({
        id: t.id,
        name: t.name,
        kind: 'threat',
        description: t.description,
        mitigations: [],
        parent: model.id,
        hideId: true,
        rules: t.rules,
        checklist: t.checklist,
        tools: t.outOfReach?.tools ?? t.tools,
        outOfReach: t.outOfReach?.note,
        sections: [
          { title: 'Lifecycle stage', lines: [capital(t.stages.map((s) => STAGES[s]).join(', '))] },
          { title: 'Mappings', lines: mappingLines(t.refs) },
        ],
      }),
    ),
  ]),
};

// Agentic AI threats: OWASP's threats, and the Cloud Security Alliance's red-teaming categories and
// MAESTRO layers, each page naming its counterparts on the other side.
const { owasp, csa } = agenticData;
const csaCategory = (id: string) => csa.categories.find((c) => c.id === id);
const maestroLayer = (id: string) => csa.maestro.find((l) => l.id === id);
const llmName = (id: string) => `${id} ${frameworkEntry('owasp-llm', id)?.name ?? ''}`.trimEnd();
const asiName = (id: string) => `${id} ${owasp.top10.find((a) => a.id === id)?.name ?? ''}`.trimEnd();

const agentic: Framework = {
  id: 'agentic',
  name: 'Agentic AI threats',
  version: '',
  url: owasp.url,
  entries: [
    {
      id: 'owasp-agentic',
      name: owasp.name,
      kind: 'group',
      description: `OWASP's threats to AI agents (version ${owasp.version}), each beside the Cloud Security Alliance's red-teaming category and MAESTRO layer for it.`,
      mitigations: [],
      url: owasp.url,
      hideId: true,
      sections: [
        {
          title: 'Side by side',
          lines: [
            '| OWASP | Cloud Security Alliance red-teaming category | MAESTRO layer | OWASP Top 10 (2026 agentic, LLM) |',
            '|---|---|---|---|',
            ...owasp.threats.map((t) => `| ${t.id} ${t.name} | ${t.csa.map((c) => csaCategory(c)?.name).join('; ')} | ${t.maestro.map((l) => maestroLayer(l)?.name).join('; ')} | ${[...t.top10, ...t.owaspLlm].join(', ') || '-'} |`),
          ],
        },
      ],
    },
    ...owasp.threats.map(
      (t): ThreatEntry => ({
        id: t.id,
        name: t.name,
        kind: 'threat',
        description: t.description,
        mitigations: [],
        url: owasp.url,
        parent: 'owasp-agentic',
        rules: t.rules,
        checklist: t.checklist,
        tools: t.outOfReach?.tools ?? t.tools,
        outOfReach: t.outOfReach?.note,
        sections: [
          {
            title: "The Cloud Security Alliance's view",
            lines: [...t.csa.map((c) => `- Red-teaming category: ${csaCategory(c)?.name} (${csaCategory(c)?.description})`), ...t.maestro.map((l) => `- MAESTRO ${maestroLayer(l)?.name}`)],
          },
          {
            title: 'OWASP mappings',
            lines: [...t.top10.map((a) => `- Top 10 for Agentic Applications (2026): ${asiName(a)}`), ...t.owaspLlm.map((l) => `- Top 10 for LLM Applications: ${llmName(l)}`)].concat(t.top10.length || t.owaspLlm.length ? [] : ['- none beyond this list']),
          },
        ],
      }),
    ),
    {
      id: 'csa-red-teaming',
      name: 'Cloud Security Alliance: agentic AI red-teaming categories',
      kind: 'group',
      description: 'The threat categories the Cloud Security Alliance asks red teams to test an agent for, with the OWASP threats each covers.',
      mitigations: [],
      url: csa.redTeamingUrl,
      hideId: true,
    },
    ...csa.categories.map(
      (c): ThreatEntry => ({
        id: c.id,
        name: c.name,
        kind: 'red-teaming-category',
        description: c.description,
        mitigations: [],
        url: csa.redTeamingUrl,
        parent: 'csa-red-teaming',
        hideId: true,
        rules: [...new Set([...(c.rules ?? []), ...owasp.threats.filter((t) => t.csa.includes(c.id)).flatMap((t) => t.rules)])],
        sections: [{ title: 'OWASP threats in this category', lines: owasp.threats.filter((t) => t.csa.includes(c.id)).map((t) => `- ${t.id} ${t.name}`).concat(owasp.threats.some((t) => t.csa.includes(c.id)) ? [] : [`- none in the OWASP list; see ${asiName('ASI04')} in the Top 10 for Agentic Applications and ${llmName('LLM03')} in the Top 10 for LLM Applications`]) }],
      }),
    ),
    {
      id: 'csa-maestro',
      name: 'Cloud Security Alliance: MAESTRO layers',
      kind: 'group',
      description: "MAESTRO, the Cloud Security Alliance's threat-modelling framework for agentic AI, looks at an agent system layer by layer.",
      mitigations: [],
      url: csa.maestroUrl,
      hideId: true,
    },
    ...csa.maestro.map(
      (l): ThreatEntry => ({
        id: l.id,
        name: l.name,
        kind: 'layer',
        description: l.description,
        mitigations: [],
        url: csa.maestroUrl,
        parent: 'csa-maestro',
        hideId: true,
        sections: [{ title: 'OWASP threats at this layer', lines: owasp.threats.filter((t) => t.maestro.includes(l.id)).map((t) => `- ${t.id} ${t.name}`) }],
      }),
    ),
  ],
};

// Standards and regulation: each standard, its provisions beneath it, with the checklist items that answer them.
const standards: Framework = {
  id: 'standards',
  name: 'Standards and regulation',
  version: '',
  entries: standardsData.standards.flatMap((s): ThreatEntry[] => [
    {
      id: s.id,
      name: s.name,
      kind: 'standard',
      description: s.summary,
      mitigations: [],
      url: s.url,
      hideId: true,
      sections: [
        { title: 'Published by', lines: [s.publisher] },
        { title: 'Parts', lines: s.provisions.map((p) => `- ${p.name}`) },
        ...('framework' in s && s.framework ? [{ title: 'In the Threat Reference', lines: [`Its taxonomy is the framework "${FRAMEWORKS.find((f) => f.id === s.framework)?.name}", with the MLSec rules and findings for each class.`] }] : []),
      ],
    },
    ...s.provisions.map((p): ThreatEntry => ({ id: `${s.id}.${p.id}`, name: p.name, kind: 'provision', description: p.summary, mitigations: [], url: s.url, parent: s.id, hideId: true, checklist: p.checklist, sections: [{ title: 'Part of', lines: [s.name] }] })),
  ]),
};

// Complementary tools: categories, tools beneath them, each naming the rules it complements and the threats it covers.
function toolUses(toolId: string): string[] {
  const out: string[] = [];
  for (const m of modelData.models) for (const t of m.threats) if ([...(t.tools ?? []), ...(t.outOfReach?.tools ?? [])].includes(toolId)) out.push(`- ${m.name}: ${t.name}`);
  for (const t of owasp.threats) if ([...(t.tools ?? []), ...(t.outOfReach?.tools ?? [])].includes(toolId)) out.push(`- Agentic AI threats: ${t.id} ${t.name}`);
  for (const t of PRIVACY_TECHNIQUES) if (t.libraries.includes(toolId)) out.push(`- Privacy techniques: ${t.name}`);
  return out;
}

const tools: Framework = {
  id: 'tools',
  name: 'Complementary tools',
  version: '',
  entries: TOOL_CATEGORIES.flatMap((c): ThreatEntry[] => [
    { id: c.id, name: c.name, kind: 'tool-category', description: c.description, mitigations: [], hideId: true, sections: [{ title: 'Tools', lines: c.tools.map((t) => `- ${t.name}: ${t.does}`) }] },
    ...c.tools.map((t): ThreatEntry => {
      const keys = complementKeys(t.id);
      const uses = toolUses(t.id);
      return {
        id: t.id,
        name: t.name,
        kind: 'tool',
        description: t.does,
        mitigations: [],
        url: t.url,
        parent: c.id,
        hideId: true,
        sections: [
          { title: 'When to reach for it', lines: [t.when] },
          ...(keys.length ? [{ title: 'Beside these MLSec rules', lines: keys.map((k) => (/^MLS\d{3}$/.test(k) ? `- ${k}` : `- the ${k} rules`)) }] : []),
          ...(uses.length ? [{ title: 'Covers, in the Threat Reference', lines: uses }] : []),
        ],
      };
    }),
  ]),
};

// Privacy techniques: one page each, linked from the checklist's privacy items and from the privacy rules.
const privacy: Framework = {
  id: 'privacy',
  name: 'Privacy techniques',
  version: '',
  entries: PRIVACY_TECHNIQUES.map(
    (t): ThreatEntry => ({
      id: t.id,
      name: t.name,
      kind: 'privacy-technique',
      description: t.summary,
      mitigations: [],
      hideId: true,
      rules: t.rules,
      checklist: t.checklist,
      tools: t.libraries,
      sections: [
        { title: 'When it applies', lines: t.when.map((w) => `- ${w}`) },
        { title: 'Limits', lines: [t.limits] },
        ...(t.snippets?.length ? [{ title: 'Snippets', lines: [`Type ${t.snippets.map((s) => `\`${s}\``).join(' or ')} in a Python file for the idiom.`] }] : []),
      ],
    }),
  ),
};

/** The reference books, after the five frameworks in the Threat Reference. */
export const REFERENCE: Framework[] = [threatModels, agentic, standards, tools, privacy];

/** Frameworks and reference books: everything the Threat Reference shows. */
export const BOOKS: Framework[] = [...FRAMEWORKS, ...REFERENCE];

/** How an entry is named outside its own page: `AML.T0020 Poison Training Data (MITRE ATLAS)`, `Data poisoning (ML pipeline threat model)`. */
export function entryLabel(framework: Framework, entry: ThreatEntry): string {
  const parent = entry.parent ? framework.entries.find((e) => e.id === entry.parent) : undefined;
  return entry.hideId ? `${entry.name} (${parent && parent.kind !== 'group' ? parent.name : framework.name})` : `${entry.id} ${entry.name} (${framework.name})`;
}

export interface Linked {
  framework: Framework;
  entry: ThreatEntry;
}

/** The threats a checklist item mitigates: the framework entries it names, and the threats that name it. */
export function threatsForItem(item: ChecklistItem, books: readonly Framework[] = BOOKS): Linked[] {
  const out: Linked[] = [];
  // The checklist's own threat ids name framework entries (ATLAS, OWASP, NIST), never reference pages.
  for (const id of item.threats ?? []) {
    const framework = books.find((f) => FRAMEWORKS.includes(f) && f.entries.some((e) => e.id === id));
    if (framework) out.push({ framework, entry: framework.entries.find((e) => e.id === id)! });
  }
  for (const framework of books) for (const entry of framework.entries) if (entry.kind === 'threat' && entry.checklist?.includes(item.id)) out.push({ framework, entry });
  return out;
}

/** The other reference pages that point at a checklist item: privacy techniques and the provisions of standards. */
export function pagesForItem(item: ChecklistItem, books: readonly Framework[] = BOOKS): Linked[] {
  const out: Linked[] = [];
  for (const framework of books) for (const entry of framework.entries) if ((entry.kind === 'privacy-technique' || entry.kind === 'provision') && entry.checklist?.includes(item.id)) out.push({ framework, entry });
  return out;
}

/** The rows a checklist item shows under it: the privacy techniques and the reference threats that point at it. */
export function itemReferences(item: ChecklistItem): (Linked & { label: string })[] {
  const techniques = pagesForItem(item).filter((l) => l.entry.kind === 'privacy-technique');
  const threats = threatsForItem(item).filter((l) => REFERENCE.includes(l.framework));
  return [...techniques.map((l) => ({ ...l, label: `Privacy technique: ${l.entry.name}` })), ...threats.map((l) => ({ ...l, label: `Mitigates: ${entryLabel(l.framework, l.entry)}` }))];
}

/** The checklist item with an id, wherever its section is. */
export function checklistItem(id: string): ChecklistItem | undefined {
  return CHECKLIST.flatMap((s) => s.items).find((i) => i.id === id);
}

export { toolById };
