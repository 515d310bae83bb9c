/** What counts as a pin on the Hugging Face Hub and in git, and how to explain what does not. */

export const SUPPLY_CHAIN = {
  cwe: ['CWE-494', 'CWE-829', 'CWE-1357'],
  atlas: ['AML.T0010.003', 'AML.T0010.002', 'AML.T0109', 'AML.M0014', 'AML.M0023'],
  owaspLlm: ['LLM03', 'LLM04'],
  owaspMl: ['ML06'],
  nist: ['Map', 'Manage'],
};

export const FULL_SHA = /^[0-9a-f]{40}$/;

export type RefKind = 'sha' | 'uppercase-sha' | 'short-sha' | 'pr' | 'branch' | 'tag';

export function refKind(ref: string): RefKind {
  if (FULL_SHA.test(ref)) return 'sha';
  if (/^[0-9a-fA-F]{40}$/.test(ref)) return 'uppercase-sha';
  if (/^[0-9a-f]{7,39}$/.test(ref) && /[0-9]/.test(ref)) return 'short-sha';
  if (/^refs\/pr\/\d+$/.test(ref)) return 'pr';
  if (/^v?\d+(\.\d+)*([-.+][\w.]+)?$/.test(ref)) return 'tag';
  return 'branch';
}

/** Why a ref is not a pin, in one clause. */
export function whyNotPinned(ref: string): string {
  switch (refKind(ref)) {
    case 'uppercase-sha':
      return `\`${ref.slice(0, 12)}…\` is upper-case, and the Hub resolves only lower-case commit ids`;
    case 'short-sha':
      return `\`${ref}\` is a short sha: the Hub resolves only full 40-character commit ids, so it is not a pin`;
    case 'pr':
      return `\`${ref}\` is a pull-request ref, which moves with every push to the pull request`;
    case 'tag':
      return `\`${ref}\` is a tag, which its owner can move to another commit at any time`;
    case 'branch':
      return `\`${ref}\` is a branch, which moves with every commit`;
    default:
      return '';
  }
}

export const PIN_ADVICE = 'only a full 40-character commit sha (the Hub\'s "Files and versions > History") pins what is downloaded';
