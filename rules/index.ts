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
import torchLoad from './deserialization/torch-load-without-weights-only';
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
].sort((a, b) => compareText(a.meta.code, b.meta.code));
