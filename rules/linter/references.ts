import type { References } from '../../engine/rule';

export const LINTER: References = { cwe: [], atlas: [], owaspLlm: [], owaspMl: [] };
