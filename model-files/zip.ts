import type { ByteSource } from './types';
import { decompress } from './decompress';

/**
 * A zip reader that reads by range: the end-of-central-directory record (ZIP64 too), the central
 * directory, then only the members asked for. No zip library fits here: they read a whole buffer
 * (fflate, JSZip) or a Node file descriptor (yauzl), and a PyTorch checkpoint's tensors, most of
 * its bytes, must never be read.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const LOCATOR64 = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 200_000;
const MAX_DIRECTORY = 64 << 20;

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 0x100000000;
const utf8 = new TextDecoder('utf-8', { fatal: false });

export async function isZip(src: ByteSource): Promise<boolean> {
  const head = await src.read(0, 4);
  return head.length === 4 && u32(head, 0) === LOCAL;
}

export async function readZipDirectory(src: ByteSource): Promise<{ entries: ZipEntry[] } | { error: string }> {
  const tailLength = Math.min(src.size, 22 + 0xffff);
  const tailStart = src.size - tailLength;
  const tail = await src.read(tailStart, tailLength);
  let e = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === EOCD && i + 22 + u16(tail, i + 20) <= tail.length) {
      e = i;
      break;
    }
  }
  if (e < 0) return { error: 'the zip has no end-of-central-directory record (truncated or not a zip)' };
  let count = u16(tail, e + 10);
  let dirSize = u32(tail, e + 12);
  let dirOffset = u32(tail, e + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    if (e < 20 || u32(tail, e - 20) !== LOCATOR64) return { error: 'the zip says ZIP64 but has no ZIP64 locator' };
    const at = u64(tail, e - 12);
    const rec = await src.read(at, 56);
    if (rec.length < 56 || u32(rec, 0) !== EOCD64) return { error: 'the ZIP64 end-of-central-directory record is missing' };
    count = u64(rec, 32);
    dirSize = u64(rec, 40);
    dirOffset = u64(rec, 48);
  }
  if (count > MAX_ENTRIES) return { error: `the zip lists ${count} members, more than the ${MAX_ENTRIES} this scanner reads` };
  if (dirSize > MAX_DIRECTORY || dirOffset + dirSize > src.size) return { error: 'the zip central directory lies outside the file (truncated or corrupt)' };
  const dir = await src.read(dirOffset, dirSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || u32(dir, p) !== CENTRAL) return { error: `the zip central directory is corrupt at member ${n + 1} of ${count}` };
    const nameLength = u16(dir, p + 28);
    const extraLength = u16(dir, p + 30);
    const commentLength = u16(dir, p + 32);
    if (p + 46 + nameLength + extraLength + commentLength > dir.length) return { error: `the zip central directory is cut short at member ${n + 1}` };
    const entry: ZipEntry = {
      flags: u16(dir, p + 8),
      method: u16(dir, p + 10),
      compressedSize: u32(dir, p + 20),
      size: u32(dir, p + 24),
      localHeader: u32(dir, p + 42),
      name: utf8.decode(dir.subarray(p + 46, p + 46 + nameLength)),
    };
    readZip64Extra(dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { entries };
}

/** Sizes and offset of 0xffffffff are in the ZIP64 extra field (id 1), in this order, when present. */
function readZip64Extra(extra: Uint8Array, entry: ZipEntry): void {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = u16(extra, i);
    const length = u16(extra, i + 2);
    if (id === 1) {
      let q = i + 4;
      const end = Math.min(extra.length, q + length);
      if (entry.size === 0xffffffff && q + 8 <= end) (entry.size = u64(extra, q)), (q += 8);
      if (entry.compressedSize === 0xffffffff && q + 8 <= end) (entry.compressedSize = u64(extra, q)), (q += 8);
      if (entry.localHeader === 0xffffffff && q + 8 <= end) entry.localHeader = u64(extra, q);
      return;
    }
    i += 4 + length;
  }
}

/** A member's bytes, at most `limit` of them (decompressed). */
export async function readZipMember(src: ByteSource, entry: ZipEntry, limit: number): Promise<{ bytes: Uint8Array; truncated: boolean } | { error: string }> {
  const header = await src.read(entry.localHeader, 30);
  if (header.length < 30 || u32(header, 0) !== LOCAL) return { error: 'its local header is missing (corrupt zip)' };
  const start = entry.localHeader + 30 + u16(header, 26) + u16(header, 28);
  if (entry.flags & 1) return { error: 'it is encrypted' };
  if (start + entry.compressedSize > src.size) return { error: 'its data runs past the end of the file (truncated)' };
  if (entry.method === 0) {
    const length = Math.min(entry.compressedSize, limit);
    return { bytes: await src.read(start, length), truncated: length < entry.compressedSize };
  }
  if (entry.method === 8) {
    // The compressed bytes of a member over the limit are read only as far as a generous ratio needs.
    const raw = await src.read(start, Math.min(entry.compressedSize, limit * 4 + 1024));
    return decompress('deflate-raw', raw, limit);
  }
  return { error: `it uses zip compression method ${entry.method}, which this scanner does not read` };
}
