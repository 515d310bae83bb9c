/** Plain data of the model-file scanner: what it reads from and what it reports. */

export type ModelCode = 'MLS150' | 'MLS151' | 'MLS152' | 'MLS153';

/** A file read by byte range: a multi-gigabyte checkpoint is read only where the scanner looks. */
export interface ByteSource {
  readonly size: number;
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
}

/** A ByteSource over bytes already in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(Math.max(0, offset), Math.max(0, Math.min(bytes.length, offset + length))),
  };
}
