/** The model-file scanner: bytes in (read by range), findings out. Pure, like the engine. */
export { scanModelFile, isModelFile, hasModelExtension, sniff, MODEL_EXTENSIONS } from './scan';
export { walkPickle, walkPickleSource, type PickleWalk, type PickleGlobal, type WalkOptions } from './pickle';
export { classify, type Verdict } from './globals';
export { bytesSource, type ByteSource, type ModelFinding, type ModelCode, type ScanOptions, type Decompressors, type Hdf5Reader, type Inflated } from './types';
export { decodeLzmaAlone } from './lzma';
