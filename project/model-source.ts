import * as fs from 'fs';
import type { ByteSource } from '../model-files';

/**
 * A file on disk as the model-file scanner reads it: by range, so a multi-gigabyte checkpoint is
 * read only at its zip directory and pickle members. The caller closes it.
 */
export function openModelFile(file: string): ByteSource & { close(): void } {
  const fd = fs.openSync(file, 'r');
  let size: number;
  try {
    size = fs.fstatSync(fd).size;
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
  return {
    size,
    read: async (offset, length) => {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = Buffer.alloc(n);
      let done = 0;
      while (done < n) {
        const got = fs.readSync(fd, buf, done, n - done, offset + done);
        if (got === 0) break;
        done += got;
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, done);
    },
    close: () => fs.closeSync(fd),
  };
}

/** The first bytes of a file, to tell a model file by its signature; empty when it cannot be read. */
export function fileHead(file: string, length = 512): Uint8Array {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(length);
    const n = fs.readSync(fd, buf, 0, length, 0);
    return new Uint8Array(buf.buffer, buf.byteOffset, n);
  } catch {
    return new Uint8Array(0);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
