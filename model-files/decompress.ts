import { Gunzip, Inflate, Unzlib } from 'fflate';
import type { Inflated } from './types';

/**
 * Decompression for the scanner, with fflate (plain JavaScript, no Node built-in), so the scanner
 * stays pure and gives the same answer in the CLI, the language server and a browser. Output is
 * capped: a small file that inflates to gigabytes is cut at the limit, never held whole.
 */
export type Codec = 'deflate-raw' | 'zlib' | 'gzip';

const CHUNK = 1 << 16;

export function decompress(codec: Codec, input: Uint8Array, limit: number): Inflated {
  const parts: Uint8Array[] = [];
  let total = 0;
  let full = false;
  let done = false;
  const ondata = (data: Uint8Array, final: boolean) => {
    if (final) done = true;
    if (full) return;
    const room = limit - total;
    if (data.length > room) {
      parts.push(data.subarray(0, room));
      total = limit;
      full = true;
      return;
    }
    parts.push(data);
    total += data.length;
  };
  const stream = codec === 'deflate-raw' ? new Inflate(ondata) : codec === 'zlib' ? new Unzlib(ondata) : new Gunzip(ondata);
  try {
    for (let i = 0; i < input.length && !full; i += CHUNK) stream.push(input.subarray(i, i + CHUNK), i + CHUNK >= input.length);
    if (!input.length) stream.push(input, true);
  } catch (e) {
    if (!total) return { error: `the ${codec} data is corrupt (${(e as Error).message})` };
    return { bytes: joinChunks(parts, total), truncated: true };
  }
  return { bytes: joinChunks(parts, total), truncated: full || !done };
}

/** Chunks of output joined into one array of `total` bytes (the one chunk itself when there is one). */
export function joinChunks(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
