// The bundled checklist and threat reference, and the rule metadata the server reports: plain data
// with no VS Code import, so the views' logic is unit-tested in Node.
import checklistData from '../data/checklist.json';
import threatData from '../data/threats.json';

export interface RuleInfo {
  code: string;
  name: string;
  title: string;
  severity: string;
  category: string;
  docsUrl: string;
  references: { cwe: string[]; atlas: string[]; owaspLlm: string[]; owaspMl: string[]; nist?: string[] };
}

export interface ChecklistItem {
  id: string;
  title: string;
  description: string;
  /** Codes or code prefixes whose findings decide the item; absent for items ticked by hand. */
  rules?: string[];
  /**
   * Codes among `rules` whose findings say a file could not be checked (MLS153: a model file that
   * could not be scanned): they leave the item unverified, not failed.
   */
  unverified?: string[];
  threats?: string[];
}

export interface ChecklistSection {
  id: string;
  title: string;
  items: ChecklistItem[];
}

export interface ThreatEntry {
  id: string;
  name: string;
  kind: string;
  description: string;
  mitigations: string[];
  url?: string;
  parent?: string;
  tactics?: string[];
  /** Codes or prefixes that detect it, for frameworks the rules' own references do not name. */
  rules?: string[];
  /** Reference material (client/reference.ts): shown by name, the id being only a key. */
  hideId?: boolean;
  /** Parts of the page that do not depend on the workspace: mappings, stages, when to use it. */
  sections?: { title: string; lines: string[] }[];
  /** Checklist items that mitigate the threat, or that a standard's provision asks for. */
  checklist?: string[];
  /** Tools that help with it; with outOfReach, what covers what a linter cannot see. */
  tools?: string[];
  outOfReach?: string;
}

export interface Framework {
  id: string;
  name: string;
  version: string;
  url?: string;
  entries: ThreatEntry[];
}

export const CHECKLIST: ChecklistSection[] = checklistData.sections;
export const FRAMEWORKS: Framework[] = threatData.frameworks;

/** `MLS1` covers MLS101 to MLS199; a full code covers itself. */
export function codeMatches(pattern: string, code: string): boolean {
  return code === pattern || (pattern.length < 6 && code.startsWith(pattern));
}
