import { Gunzip, Inflate, Unzlib } from 'fflate';
import type { Codec } from './decompress';
import type { ByteSource } from './types';

/**
 * A compressed file read as its decompressed bytes, by range, inflating as the reads move forward:
 * the compressed input is read in small pieces and only the output from the last read on is held, so
 * a gzip'd pickle of gigabytes (or a small bomb) costs about two megabytes at most (the output of one
 * piece, at deflate's ratio of about 1,000 to 1), not the whole output. The
 * pickle walk reads forward only; a read before the window is refused (`read` throws). The output
 * stops at `limit` bytes (`truncated`); a stream whose data is corrupt ends where it failed
 * (`truncated`, with `error` when it gave nothing at all).
 */
export class InflatingSource implements ByteSource {
  /** Until the stream ends, the largest size it may have: the limit. */
  size: number;
  truncated = false;
  error?: string;
  /** The most output bytes held at once, for tests. */
  maxHeld = 0;
  /** Output chunks not read past yet, in order, with the output offset each starts at. */
  private chunks: { at: number; bytes: Uint8Array }[] = [];
  private held = 0;
  /** Output before this offset is not kept: the reads have moved past it. */
  private keepFrom = 0;
  private produced = 0;
  private readAt = 0;
  private ended = false;
  private readonly stream: Gunzip | Inflate | Unzlib;

  constructor(
    private readonly codec: Codec,
    private readonly src: ByteSource,
    private readonly limit: number,
    /** Compressed bytes fed at a time: deflate inflates at most about 1,000 to 1, so this bounds the output of one push. */
    private readonly chunk = 2 << 10,
  ) {
    this.size = limit;
    const ondata = (data: Uint8Array, final: boolean) => {
      if (this.ended) return;
      const room = this.limit - this.produced;
      const part = data.length > room ? data.subarray(0, room) : data;
      const at = this.produced;
      this.produced += part.length;
      // What lies before the window is dropped as it comes: a payload the walk steps over is never held.
      if (part.length && at + part.length > this.keepFrom) {
        const skip = Math.max(0, this.keepFrom - at);
        this.chunks.push({ at: at + skip, bytes: part.subarray(skip) });
        this.held += part.length - skip;
        this.maxHeld = Math.max(this.maxHeld, this.held);
      }
      if (part.length < data.length) this.finish(true);
      else if (final) this.finish(false);
    };
    this.stream = codec === 'deflate-raw' ? new Inflate(ondata) : codec === 'zlib' ? new Unzlib(ondata) : new Gunzip(ondata);
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset < this.keepFrom) throw new Error(`a ${this.codec} stream is read forward only (asked for byte ${offset}, the window starts at ${this.keepFrom})`);
    this.keepFrom = offset;
    this.drop();
    const want = Math.min(offset + length, this.limit);
    while (this.produced < want && !this.ended) {
      await this.pull();
      this.drop();
    }
    // Asked past the limit with the stream still going: what follows is not read.
    if (!this.ended && offset + length > this.limit && this.produced >= this.limit) this.finish(true);
    const end = Math.min(want, this.produced);
    const out = new Uint8Array(Math.max(0, end - offset));
    for (const c of this.chunks) {
      const from = Math.max(offset, c.at);
      const to = Math.min(end, c.at + c.bytes.length);
      if (from < to) out.set(c.bytes.subarray(from - c.at, to - c.at), from - offset);
    }
    return out;
  }

  /** Drops the chunks that end before the window. */
  private drop(): void {
    let n = 0;
    while (n < this.chunks.length && this.chunks[n].at + this.chunks[n].bytes.length <= this.keepFrom) this.held -= this.chunks[n++].bytes.length;
    if (n) this.chunks = this.chunks.slice(n);
  }

  /** Feeds the next piece of compressed input to the inflater. */
  private async pull(): Promise<void> {
    if (this.readAt >= this.src.size) {
      // The input ran out before the stream said it was complete: cut short.
      this.finish(true);
      return;
    }
    const input = await this.src.read(this.readAt, Math.min(this.chunk, this.src.size - this.readAt));
    this.readAt += input.length;
    const last = this.readAt >= this.src.size || input.length === 0;
    try {
      this.stream.push(input, last);
    } catch (e) {
      if (!this.produced) this.error = `the ${this.codec} data is corrupt (${(e as Error).message})`;
      this.finish(true);
    }
    if (last) this.finish(true);
  }

  private finish(cut: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.size = this.produced;
    if (cut) this.truncated = true;
  }
}
