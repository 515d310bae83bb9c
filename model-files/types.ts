/** Plain data of the model-file scanner: what it reads from and what it reports. */

export type ModelCode = 'MLS150' | 'MLS151' | 'MLS152' | 'MLS153';

/** A file read by byte range: a multi-gigabyte checkpoint is read only where the scanner looks. */
export interface ByteSource {
  readonly size: number;
  /** The file on disk, when the source is one: a reader that opens files itself (the HDF5 library) reads it by this path. */
  readonly path?: string;
  /** Up to `length` bytes from `offset`; fewer only at the end of the file. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface ModelFinding {
  code: ModelCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The member inside an archive, nested archives joined by `/` (`model.pt/archive/data.pkl`). */
  member?: string;
  /** Byte offset in the member (or the file), of the decompressed stream for a compressed file. */
  offset?: number;
  /** The pickle global, `module.name`, for MLS150 and MLS151. */
  global?: string;
}

export interface ScanOptions {
  /** Largest pickle stream (or decompressed file) read, in bytes. Default 256 MiB. */
  maxPickleBytes?: number;
  /** How deep archives inside archives are opened. Default 3. */
  maxDepth?: number;
  /** Decompressors the scanner cannot carry itself (they need Node); without one, such a file is MLS153. */
  decompressors?: Decompressors;
  /** The HDF5 reader for legacy Keras `.h5` files; without it, such a file is MLS153. */
  hdf5?: Hdf5Reader;
}

/** What a decompressor gives: the bytes up to the limit, and whether there was more (or the stream was cut short). */
export type Inflated = { bytes: Uint8Array; truncated: boolean } | { error: string };

/**
 * Decompressors passed in by the adapters (the CLI and the language server, through
 * `project/model-codecs.ts`), since their libraries need Node's `Buffer` or web streams. Each
 * returns at most `limit` bytes, never holding more, and never throws.
 */
export interface Decompressors {
  bz2?(input: Uint8Array, limit: number): Promise<Inflated>;
  xz?(input: Uint8Array, limit: number): Promise<Inflated>;
}

/**
 * Reads an HDF5 file's root-group attribute as text, with a real HDF5 library: `value` when it
 * is there, `missing` when the file has no such attribute, `error` when the file cannot be
 * opened or read. Never throws.
 */
export interface Hdf5Reader {
  rootAttribute(src: ByteSource, name: string): Promise<{ value: string } | { missing: true } | { error: string }>;
}

/** A ByteSource over bytes already in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(Math.max(0, offset), Math.max(0, Math.min(bytes.length, offset + length))),
  };
}
