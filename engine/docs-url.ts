/** Where each rule's documentation page lives; the one place that knows it. */
export const RULE_DOCS_BASE = 'https://github.com/mlsec-dev/mlsec/blob/main/docs/rules/';

export function ruleDocsUrl(code: string): string {
  return `${RULE_DOCS_BASE}${code}.md`;
}
