import { CHECKLIST, codeMatches, type ChecklistItem, type ChecklistSection } from './catalog';
import type { FindingRef } from './findings';
import { entryLabel, pagesForItem, threatsForItem } from './reference';

/** What `.mlsec/checklist.json` holds: the items a team ticked by hand, with a note and a date. */
export interface ChecklistState {
  version: 1;
  items: Record<string, { done: boolean; note?: string; date: string }>;
}

export const EMPTY_STATE: ChecklistState = { version: 1, items: {} };

export type ItemStatus =
  | { kind: 'pass' }
  | { kind: 'fail'; findings: FindingRef[] }
  /** Only findings that say a file could not be checked (`ChecklistItem.unverified`): neither met nor failed. */
  | { kind: 'unverified'; findings: FindingRef[] }
  | { kind: 'pending' }
  | { kind: 'done'; note?: string; date: string }
  | { kind: 'open' };

export interface EvaluatedItem {
  item: ChecklistItem;
  status: ItemStatus;
}

export interface EvaluatedSection {
  section: ChecklistSection;
  items: EvaluatedItem[];
  passed: number;
  total: number;
}

/**
 * Evaluates the checklist: items MLSec can check pass when the workspace has no finding of their
 * rules and fail with those findings otherwise (pending until a scan has run); the others are done
 * when the team ticked them.
 */
export function evaluateChecklist(findings: readonly FindingRef[] | undefined, state: ChecklistState, sections: ChecklistSection[] = CHECKLIST): EvaluatedSection[] {
  return sections.map((section) => {
    const items = section.items.map((item): EvaluatedItem => {
      if (item.rules) {
        if (!findings) return { item, status: { kind: 'pending' } };
        const mine = findings.filter((f) => item.rules!.some((p) => codeMatches(p, f.code)));
        if (!mine.length) return { item, status: { kind: 'pass' } };
        const unchecked = (f: FindingRef) => item.unverified?.includes(f.code) ?? false;
        return { item, status: mine.every(unchecked) ? { kind: 'unverified', findings: mine } : { kind: 'fail', findings: mine.filter((f) => !unchecked(f)) } };
      }
      const ticked = state.items[item.id];
      return { item, status: ticked?.done ? { kind: 'done', note: ticked.note, date: ticked.date } : { kind: 'open' } };
    });
    const passed = items.filter((i) => i.status.kind === 'pass' || i.status.kind === 'done').length;
    return { section, items, passed, total: items.length };
  });
}

export function overallProgress(sections: readonly EvaluatedSection[]): { passed: number; total: number } {
  return sections.reduce((a, s) => ({ passed: a.passed + s.passed, total: a.total + s.total }), { passed: 0, total: 0 });
}

/** Ticks or unticks an item, returning the new state (the input is not changed). */
export function tick(state: ChecklistState, id: string, done: boolean, date: string, note?: string): ChecklistState {
  const items = { ...state.items };
  if (done) items[id] = { done: true, date, ...(note ? { note: note.slice(0, 500) } : {}) };
  else delete items[id];
  return { version: 1, items };
}

/** Reads `.mlsec/checklist.json` text; anything unreadable gives an empty state and the reason. */
export function parseState(text: string | undefined): { state: ChecklistState; error?: string } {
  if (text === undefined || text.trim() === '') return { state: EMPTY_STATE };
  try {
    const raw = JSON.parse(text) as Partial<ChecklistState>;
    if (!raw || typeof raw !== 'object' || raw.version !== 1 || typeof raw.items !== 'object' || !raw.items) return { state: EMPTY_STATE, error: 'expected {"version": 1, "items": {...}}' };
    const items: ChecklistState['items'] = {};
    for (const [id, v] of Object.entries(raw.items)) {
      if (v && typeof v === 'object' && typeof v.done === 'boolean' && typeof v.date === 'string') items[id] = { done: v.done, date: v.date, ...(typeof v.note === 'string' ? { note: v.note } : {}) };
    }
    return { state: { version: 1, items } };
  } catch (e) {
    return { state: EMPTY_STATE, error: (e as Error).message };
  }
}

/** The state as written to disk: stable key order, so git diffs show only what changed. */
export function serializeState(state: ChecklistState): string {
  const items: ChecklistState['items'] = {};
  for (const id of Object.keys(state.items).sort()) items[id] = state.items[id];
  return JSON.stringify({ version: 1, items }, null, 2) + '\n';
}

const MARK: Record<ItemStatus['kind'], string> = { pass: '[x]', done: '[x]', fail: '[ ]', unverified: '[ ]', pending: '[ ]', open: '[ ]' };

/** What an exported item lists under it: the threats it mitigates, and the standards and privacy techniques that point at it. */
export function itemLinks(item: ChecklistItem): { threats: string[]; pages: string[] } {
  const label = (l: { framework: Parameters<typeof entryLabel>[0]; entry: Parameters<typeof entryLabel>[1] }) => entryLabel(l.framework, l.entry);
  return { threats: [...new Set(threatsForItem(item).map(label))], pages: [...new Set(pagesForItem(item).map(label))] };
}

/** The checklist as Markdown, for a security review or a pull request, with the threats each item mitigates. */
export function checklistMarkdown(sections: readonly EvaluatedSection[], workspace: string, date: string, links: (item: ChecklistItem) => { threats: string[]; pages: string[] } = itemLinks): string {
  const all = overallProgress(sections);
  const out = [`# MLSec security checklist: ${workspace}`, '', `${date}. ${all.passed} of ${all.total} items met.`, ''];
  for (const s of sections) {
    out.push(`## ${s.section.title} (${s.passed}/${s.total})`, '');
    for (const { item, status } of s.items) {
      const detail =
        status.kind === 'pass'
          ? 'checked by MLSec: no finding'
          : status.kind === 'fail'
            ? `checked by MLSec: ${status.findings.length} finding${status.findings.length === 1 ? '' : 's'} (${[...new Set(status.findings.map((f) => f.code))].join(', ')})`
            : status.kind === 'unverified'
              ? `checked by MLSec: ${status.findings.length} file${status.findings.length === 1 ? '' : 's'} could not be checked (${[...new Set(status.findings.map((f) => f.code))].join(', ')})`
            : status.kind === 'pending'
              ? 'checked by MLSec: not scanned yet'
              : status.kind === 'done'
                ? `ticked ${status.date}${status.note ? `: ${status.note}` : ''}`
                : 'not ticked';
      out.push(`- ${MARK[status.kind]} **${item.title}** (${detail})`);
      const { threats, pages } = links(item);
      if (threats.length) out.push(`  - Mitigates: ${threats.join('; ')}`);
      if (pages.length) out.push(`  - See also: ${pages.join('; ')}`);
    }
    out.push('');
  }
  return out.join('\n');
}
