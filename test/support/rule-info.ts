import type { RuleInfo } from '../../client/catalog';
import { RULES } from '../../rules';

/** The rule metadata as the server's `mlsec/rules` request gives it to the extension. */
export const RULE_INFO: RuleInfo[] = RULES.map((r) => ({ code: r.meta.code, name: r.meta.name, title: r.meta.title, severity: r.meta.severity, category: r.meta.category, docsUrl: '', references: r.meta.references }));
