import type { Rule } from '../engine/rule';
import pickleLoad from './deserialization/pickle-load';
import internalError from './linter/internal-error';
import malformedSuppression from './linter/malformed-suppression';
import unknownCode from './linter/unknown-code';
import unusedSuppression from './linter/unused-suppression';

/** Every rule, in code order. A test checks that each rule file is listed here. */
export const RULES: readonly Rule[] = [
  internalError,
  unusedSuppression,
  unknownCode,
  malformedSuppression,
  pickleLoad,
].sort((a, b) => a.meta.code.localeCompare(b.meta.code));
