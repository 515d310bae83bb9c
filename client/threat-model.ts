import { codeMatches, type Framework, type RuleInfo, type ThreatEntry } from './catalog';
import type { FindingRef } from './findings';
import { BOOKS, checklistItem, toolById } from './reference';

const referenced = new WeakMap<RuleInfo, Map<string, Set<string>>>();

/** Which entries a rule's references name, by framework: ATLAS ids, LLMxx, MLxx and NIST names (once per rule: every row asks). */
function referencedIds(rule: RuleInfo): Map<string, Set<string>> {
  const known = referenced.get(rule);
  if (known) return known;
  const norm = (s: string) => s.toUpperCase();
  const ids = new Map([
    ['atlas', new Set(rule.references.atlas.map(norm))],
    ['owasp-llm', new Set(rule.references.owaspLlm.map(norm))],
    ['owasp-ml', new Set(rule.references.owaspMl.map(norm))],
    ['nist-ai-rmf', new Set((rule.references.nist ?? []).map(norm))],
  ]);
  referenced.set(rule, ids);
  return ids;
}

/** The rules that detect an entry: those whose references name it, and those the entry lists. */
export function rulesFor(framework: Framework, entry: ThreatEntry, rules: readonly RuleInfo[]): RuleInfo[] {
  return rules.filter((r) => referencedIds(r).get(framework.id)?.has(entry.id.toUpperCase()) || entry.rules?.some((p) => codeMatches(p, r.code)));
}

/** The entries a rule links to, across frameworks and reference books. */
export function entriesFor(rule: RuleInfo, frameworks: readonly Framework[] = BOOKS): { framework: Framework; entry: ThreatEntry }[] {
  const out: { framework: Framework; entry: ThreatEntry }[] = [];
  for (const framework of frameworks) for (const entry of framework.entries) if (rulesFor(framework, entry, [rule]).length) out.push({ framework, entry });
  return out;
}

/** The workspace's findings for an entry. */
export function findingsFor(framework: Framework, entry: ThreatEntry, rules: readonly RuleInfo[], findings: readonly FindingRef[]): FindingRef[] {
  const codes = new Set(rulesFor(framework, entry, rules).map((r) => r.code));
  return findings.filter((f) => codes.has(f.code));
}

/** Entries matching a filter text (id, name or description, case-insensitive); all when it is empty. */
export function filterEntries(framework: Framework, text: string): ThreatEntry[] {
  const q = text.trim().toLowerCase();
  if (!q) return framework.entries;
  return framework.entries.filter((e) => `${e.id} ${e.name} ${e.description}`.toLowerCase().includes(q));
}

/** Top-level entries of a framework (tactics, functions, risks) and their children, as a tree. */
export function childrenOf(framework: Framework, parent: ThreatEntry | undefined, visible: readonly ThreatEntry[]): ThreatEntry[] {
  const shown = new Set(visible.map((e) => e.id));
  const ids = new Set(framework.entries.map((e) => e.id));
  if (!parent) {
    // ATLAS techniques sit under their first tactic; everything else under its parent.
    return visible.filter((e) => {
      const up = e.parent ?? e.tactics?.[0];
      return !up || !ids.has(up) || !shown.has(up);
    });
  }
  return visible.filter((e) => (e.parent ?? e.tactics?.[0]) === parent.id && e.id !== parent.id);
}

/** Entries that are reading material (a standard, a tool, a group of entries): no rules, no findings. */
const READING = new Set(['threat-model', 'group', 'standard', 'provision', 'tool-category', 'tool', 'layer']);

const RULES_HEADING: Record<string, string> = { threat: 'Precursors MLSec finds in code', 'privacy-technique': 'MLSec rules that point to it' };
const CHECKLIST_HEADING: Record<string, string> = { provision: 'What the checklist shows for it', 'privacy-technique': 'Checklist items that ask for it' };

/** The detail of an entry as Markdown (the detail page renders it). */
export function entryMarkdown(framework: Framework, entry: ThreatEntry, rules: readonly RuleInfo[], findings: readonly FindingRef[], where: (uri: string) => string = shortPath): string {
  const detecting = rulesFor(framework, entry, rules);
  const mine = findingsFor(framework, entry, rules, findings);
  const title = entry.hideId ? entry.name : `${entry.id}: ${entry.name}`;
  // Where the entry sits: a framework's version and kind, or a reference book and the entry above it.
  const parent = entry.hideId && entry.parent ? framework.entries.find((e) => e.id === entry.parent) : undefined;
  const place = entry.hideId ? `${framework.name}${parent ? `: ${parent.name}` : ''}` : `${framework.name}${framework.version ? ` ${framework.version}` : ''}, ${entry.kind.replace(/-/g, ' ')}`;
  const lines = [`# ${title}`, '', place, '', entry.description, ''];
  for (const s of entry.sections ?? []) lines.push(`## ${s.title}`, '', ...s.lines, '');
  if (entry.mitigations.length) lines.push('## Mitigations', '', ...entry.mitigations.map((m) => `- ${m}`), '');
  if (entry.checklist?.length) {
    lines.push(`## ${CHECKLIST_HEADING[entry.kind] ?? 'Checklist items that mitigate it'}`, '');
    lines.push(...entry.checklist.map((id) => `- ${checklistItem(id)?.title ?? id} (\`${id}\`)`), '');
  }
  if (!READING.has(entry.kind)) {
    // Codes named by the data that the running server does not report (a rule still to come, or the server not started).
    const absent = (entry.rules ?? []).filter((p) => !rules.some((r) => codeMatches(p, r.code)));
    lines.push(`## ${RULES_HEADING[entry.kind] ?? 'Detected by MLSec'}`, '');
    const listed = [...detecting.map((r) => `- ${r.code} ${r.title}`), ...absent.map((c) => `- ${c} (not reported by the running MLSec server)`)];
    lines.push(...(listed.length ? listed : [entry.outOfReach ? "- None: this is out of a linter's reach (below)." : '- No MLSec rule checks this; see the checklist for what to do by hand.']), '');
  }
  const tools = (entry.tools ?? []).flatMap((id) => toolById(id) ?? []);
  if (entry.outOfReach) lines.push("## Out of a linter's reach", '', entry.outOfReach, '');
  if (tools.length) {
    if (!entry.outOfReach) lines.push(entry.kind === 'privacy-technique' ? '## Libraries that implement it' : '## Tools that help', '');
    lines.push(...tools.map((t) => `- [${t.name}](${t.url}): ${t.does}`), '');
  }
  if (!READING.has(entry.kind)) {
    lines.push(`## In this workspace`, '', mine.length ? `${mine.length} finding${mine.length === 1 ? '' : 's'}:` : 'No finding.', '');
    // Plain text: the preview does not follow file links; the view's finding rows open the line.
    for (const f of mine.slice(0, 100)) lines.push(`- ${f.code} ${where(f.uri)}:${f.line + 1}: ${f.message}`);
    if (mine.length > 100) lines.push(`- and ${mine.length - 100} more (see the Problems view)`);
    if (mine.length) lines.push('');
  }
  // Links open in the browser only when clicked: the page itself fetches nothing.
  if (entry.url) lines.push(`Official page: ${entry.url}`);
  return lines.join('\n').trimEnd();
}

function shortPath(uri: string): string {
  const path = decodeURIComponent(uri.replace(/^[a-z-]+:\/\/[^/]*/, ''));
  return path.split('/').slice(-2).join('/');
}
