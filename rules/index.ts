import type { Rule } from '../engine/rule';
import pickleLoad from './deserialization/pickle-load';
import numpyLoad from './deserialization/numpy-load-allow-pickle';
import yamlLoad from './deserialization/yaml-unsafe-load';
import joblibLoad from './deserialization/joblib-load';
import readPickle from './deserialization/pandas-read-pickle';
import marshalShelve from './deserialization/marshal-shelve-jsonpickle';
import trustRemoteCode from './deserialization/trust-remote-code';
import kerasUnsafe from './deserialization/keras-unsafe-deserialization';
import stateDictFromUrl from './deserialization/load-state-dict-from-url';
import disabledGlobally from './deserialization/weights-only-disabled-globally';
import hubTrust from './deserialization/hub-trust-and-safetensors-off';
import modelRegistry from './deserialization/model-registry-load';
import huggingFaceToken from './secrets/hugging-face-token';
import openaiKey from './secrets/openai-api-key';
import anthropicKey from './secrets/anthropic-api-key';
import wandbKey from './secrets/wandb-api-key';
import cloudCredentials from './secrets/cloud-credentials';
import developerTokens from './secrets/developer-tokens';
import credentialLiteral from './secrets/credential-literal';
import credentialInUrl from './secrets/credential-in-url';
import secretInOutput from './secrets/secret-in-notebook-output';
import hubRevision from './supply-chain/hub-revision-not-pinned';
import torchHub from './supply-chain/torch-hub-unpinned';
import downloadChecksum from './supply-chain/download-without-checksum';
import pipUnpinned from './supply-chain/pip-install-unpinned';
import trainingWithoutDp from './privacy/training-on-personal-data-without-dp';
import weakBudget from './privacy/weak-dp-budget';
import weakNoise from './privacy/weak-dp-noise';
import dpVoided from './privacy/dp-guarantee-voided';
import rawToTracker from './privacy/raw-data-to-tracker';
import personalData from './privacy/personal-data-in-literals-and-outputs';
import llmCodeExecution from './llm-application/llm-output-to-code-execution';
import llmShell from './llm-application/llm-output-to-shell';
import llmSql from './llm-application/llm-output-to-sql';
import llmUnsafeSink from './llm-application/llm-output-to-unsafe-sink';
import dangerousDeserialization from './llm-application/allow-dangerous-deserialization';
import dangerousAgentTools from './llm-application/dangerous-agent-tools';
import untrustedSystemPrompt from './llm-application/untrusted-input-in-system-prompt';
import secretInPrompt from './llm-application/secret-or-personal-data-in-prompt';
import noTokenLimit from './llm-application/llm-call-without-token-limit';
import torchLoad from './deserialization/torch-load-without-weights-only';
import pickleDangerousGlobal from './model-files/pickle-imports-dangerous-global';
import pickleUnknownGlobal from './model-files/pickle-imports-unknown-global';
import kerasLambda from './model-files/keras-lambda-bytecode';
import modelNotScannable from './model-files/model-file-not-scannable';
import internalError from './linter/internal-error';
import malformedSuppression from './linter/malformed-suppression';
import unknownCode from './linter/unknown-suppression-code';
import unusedSuppression from './linter/unused-suppression';
import { compareText } from '../engine/order';

/** Every rule, in code order. A test checks that each rule file is listed here. */
export const RULES: readonly Rule[] = [
  internalError,
  unusedSuppression,
  unknownCode,
  malformedSuppression,
  pickleLoad,
  torchLoad,
  numpyLoad,
  yamlLoad,
  joblibLoad,
  readPickle,
  marshalShelve,
  trustRemoteCode,
  kerasUnsafe,
  stateDictFromUrl,
  disabledGlobally,
  hubTrust,
  modelRegistry,
  huggingFaceToken,
  openaiKey,
  anthropicKey,
  wandbKey,
  cloudCredentials,
  developerTokens,
  credentialLiteral,
  credentialInUrl,
  secretInOutput,
  hubRevision,
  torchHub,
  downloadChecksum,
  pipUnpinned,
  trainingWithoutDp,
  weakBudget,
  weakNoise,
  dpVoided,
  rawToTracker,
  personalData,
  llmCodeExecution,
  llmShell,
  llmSql,
  llmUnsafeSink,
  dangerousDeserialization,
  dangerousAgentTools,
  untrustedSystemPrompt,
  secretInPrompt,
  noTokenLimit,
  pickleDangerousGlobal,
  pickleUnknownGlobal,
  kerasLambda,
  modelNotScannable,
].sort((a, b) => compareText(a.meta.code, b.meta.code));
