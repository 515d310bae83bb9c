import type { References } from '../../engine/rule';

/** What a model file that runs code on load maps to: supply-chain compromise of a model, a backdoored model, unsafe artifacts. */
export const MODEL_FILE: References = {
  cwe: ['CWE-502'],
  atlas: ['AML.T0010.003', 'AML.T0018', 'AML.T0011.000'],
  owaspLlm: ['LLM03'],
  owaspMl: ['ML06'],
  nist: ['Manage'],
};
