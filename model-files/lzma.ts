import type { Inflated } from './types';

/**
 * A decoder for the `.lzma` ("LZMA alone") format, which joblib writes for `compress='lzma'`:
 * a 13-byte header (properties, dictionary size, uncompressed size or all ones for unknown) and
 * one LZMA stream, written here from the format's specification. Plain JavaScript, so the scanner
 * stays pure. Output is capped: decoding stops at `limit` bytes, whatever the stream says.
 */
export function decodeLzmaAlone(input: Uint8Array, limit: number): Inflated {
  if (input.length < 13) return { error: 'the lzma header is cut short (truncated)' };
  const props = input[0];
  if (props >= 9 * 5 * 5) return { error: 'the lzma header is corrupt (properties byte out of range)' };
  const lc = props % 9;
  const lp = Math.floor(props / 9) % 5;
  const pb = Math.floor(props / 45);
  const dictSize = Math.max(4096, (input[1] | (input[2] << 8) | (input[3] << 16)) + input[4] * 0x1000000);
  let known = false;
  let unpackSize = 0;
  for (let i = 0; i < 8; i++) if (input[5 + i] !== 0xff) known = true;
  if (known) {
    for (let i = 7; i >= 0; i--) unpackSize = unpackSize * 256 + input[5 + i];
  }
  const dec = new Decoder(input, 13, lc, lp, pb, dictSize, limit);
  return dec.run(known, unpackSize);
}

class Eof extends Error {}
class Corrupt extends Error {}
class Full extends Error {}

const PROB_INIT = 1024;
const probs = (n: number) => new Uint16Array(n).fill(PROB_INIT);

class Decoder {
  private range = 0xffffffff;
  private code = 0;
  private at: number;
  private out: Uint8Array;
  private pos = 0;
  private readonly literal: Uint16Array;
  private readonly isMatch = probs(192);
  private readonly isRep = probs(12);
  private readonly isRepG0 = probs(12);
  private readonly isRepG1 = probs(12);
  private readonly isRepG2 = probs(12);
  private readonly isRep0Long = probs(192);
  private readonly posSlot = probs(4 << 6);
  private readonly posDecoders = probs(1 + 128 - 14);
  private readonly align = probs(16);
  private readonly len = new LenDecoder();
  private readonly repLen = new LenDecoder();

  constructor(
    private readonly input: Uint8Array,
    start: number,
    private readonly lc: number,
    private readonly lp: number,
    private readonly pb: number,
    private readonly dictSize: number,
    private readonly limit: number,
  ) {
    this.at = start;
    this.literal = probs(0x300 << (lc + lp));
    this.out = new Uint8Array(Math.max(0, Math.min(limit, Math.max(1 << 16, input.length * 4))));
  }

  run(known: boolean, unpackSize: number): Inflated {
    try {
      this.init();
      this.decode(known, unpackSize);
      return { bytes: this.out.subarray(0, this.pos), truncated: false };
    } catch (e) {
      if (e instanceof Full) return { bytes: this.out.subarray(0, this.pos), truncated: true };
      const why = e instanceof Eof ? 'cut short (truncated)' : e instanceof Corrupt ? `corrupt (${e.message})` : `unreadable (${(e as Error).message})`;
      if (!this.pos) return { error: `the lzma data is ${why}` };
      return { bytes: this.out.subarray(0, this.pos), truncated: true };
    }
  }

  private byte(): number {
    if (this.at >= this.input.length) throw new Eof();
    return this.input[this.at++];
  }

  private init(): void {
    if (this.byte() !== 0) throw new Corrupt('the range coder does not start with a zero byte');
    for (let i = 0; i < 4; i++) this.code = ((this.code << 8) | this.byte()) >>> 0;
    if (this.code === this.range) throw new Corrupt('the range coder starts at its end');
  }

  private normalize(): void {
    if (this.range < 0x1000000) {
      this.range = (this.range << 8) >>> 0;
      this.code = ((this.code << 8) | this.byte()) >>> 0;
    }
  }

  bit(p: Uint16Array, i: number): number {
    const v = p[i];
    const bound = (this.range >>> 11) * v;
    let sym: number;
    if (this.code < bound) {
      p[i] = v + ((2048 - v) >>> 5);
      this.range = bound;
      sym = 0;
    } else {
      p[i] = v - (v >>> 5);
      this.code -= bound;
      this.range -= bound;
      sym = 1;
    }
    this.normalize();
    return sym;
  }

  private direct(n: number): number {
    let res = 0;
    for (; n > 0; n--) {
      this.range >>>= 1;
      let bit = 1;
      if (this.code >= this.range) this.code -= this.range;
      else bit = 0;
      if (this.code === this.range) throw new Corrupt('a direct bit is out of range');
      this.normalize();
      res = res * 2 + bit;
    }
    return res;
  }

  tree(bits: number, p: Uint16Array, offset: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) + this.bit(p, offset + m);
    return m - (1 << bits);
  }

  private reverse(bits: number, p: Uint16Array, offset: number): number {
    let m = 1;
    let sym = 0;
    for (let i = 0; i < bits; i++) {
      const b = this.bit(p, offset + m);
      m = (m << 1) + b;
      sym |= b << i;
    }
    return sym;
  }

  private put(b: number): void {
    if (this.pos >= this.out.length) this.grow(this.pos + 1);
    this.out[this.pos++] = b;
  }

  /** Room for `end` bytes, doubling; past the limit, Full. */
  private grow(end: number): void {
    if (end > this.limit) throw new Full();
    let size = this.out.length || 1 << 16;
    while (size < end) size *= 2;
    const grown = new Uint8Array(Math.min(this.limit, size));
    grown.set(this.out.subarray(0, this.pos));
    this.out = grown;
  }

  /** A match: `len` bytes from `dist + 1` back, byte by byte since they may overlap; cut at the limit. */
  private copy(dist: number, len: number): void {
    const room = this.limit - this.pos;
    const n = Math.min(len, room);
    if (this.pos + n > this.out.length) this.grow(this.pos + n);
    const out = this.out;
    let p = this.pos;
    let from = p - dist - 1;
    for (let i = 0; i < n; i++) out[p++] = out[from++];
    this.pos = p;
    if (n < len) throw new Full();
  }

  private literalByte(state: number, rep0: number): void {
    const prev = this.pos > 0 ? this.out[this.pos - 1] : 0;
    const litState = ((this.pos & ((1 << this.lp) - 1)) << this.lc) + (prev >>> (8 - this.lc));
    const base = 0x300 * litState;
    let symbol = 1;
    if (state >= 7) {
      let match = this.out[this.pos - rep0 - 1];
      do {
        const matchBit = (match >>> 7) & 1;
        match <<= 1;
        const b = this.bit(this.literal, base + ((1 + matchBit) << 8) + symbol);
        symbol = (symbol << 1) | b;
        if (matchBit !== b) break;
      } while (symbol < 0x100);
    }
    while (symbol < 0x100) symbol = (symbol << 1) | this.bit(this.literal, base + symbol);
    this.put(symbol - 0x100);
  }

  private distance(len: number): number {
    const lenState = Math.min(len, 3);
    const slot = this.tree(6, this.posSlot, lenState << 6);
    if (slot < 4) return slot;
    const directBits = (slot >>> 1) - 1;
    let dist = (2 | (slot & 1)) * 2 ** directBits;
    if (slot < 14) dist += this.reverse(directBits, this.posDecoders, dist - slot);
    else dist += this.direct(directBits - 4) * 16 + this.reverse(4, this.align, 0);
    return dist;
  }

  private decode(known: boolean, unpackSize: number): void {
    const pbMask = (1 << this.pb) - 1;
    let state = 0;
    let rep0 = 0;
    let rep1 = 0;
    let rep2 = 0;
    let rep3 = 0;
    let left = unpackSize;
    for (;;) {
      if (known && left === 0 && this.code === 0) return;
      const posState = this.pos & pbMask;
      if (this.bit(this.isMatch, (state << 4) + posState) === 0) {
        if (known && left === 0) throw new Corrupt('data past the stated size');
        this.literalByte(state, rep0);
        state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        left--;
        continue;
      }
      let len: number;
      if (this.bit(this.isRep, state) !== 0) {
        if (known && left === 0) throw new Corrupt('data past the stated size');
        if (this.pos === 0) throw new Corrupt('a repeated match before any data');
        if (this.bit(this.isRepG0, state) === 0) {
          if (this.bit(this.isRep0Long, (state << 4) + posState) === 0) {
            state = state < 7 ? 9 : 11;
            this.put(this.out[this.pos - rep0 - 1]);
            left--;
            continue;
          }
        } else {
          let dist: number;
          if (this.bit(this.isRepG1, state) === 0) dist = rep1;
          else {
            if (this.bit(this.isRepG2, state) === 0) dist = rep2;
            else {
              dist = rep3;
              rep3 = rep2;
            }
            rep2 = rep1;
          }
          rep1 = rep0;
          rep0 = dist;
        }
        len = this.repLen.decode(this, posState);
        state = state < 7 ? 8 : 11;
      } else {
        rep3 = rep2;
        rep2 = rep1;
        rep1 = rep0;
        len = this.len.decode(this, posState);
        state = state < 7 ? 7 : 10;
        rep0 = this.distance(len);
        if (rep0 === 0xffffffff) {
          if (this.code === 0) return;
          throw new Corrupt('the end marker is not at the end of the range coder');
        }
        if (known && left === 0) throw new Corrupt('data past the stated size');
        if (rep0 >= this.dictSize || rep0 >= this.pos) throw new Corrupt('a match reaches before the start of the data');
      }
      len += 2;
      let over = false;
      if (known && left < len) {
        len = left;
        over = true;
      }
      this.copy(rep0, len);
      left -= len;
      if (over) throw new Corrupt('a match runs past the stated size');
    }
  }
}

class LenDecoder {
  private readonly choice = probs(2);
  private readonly low = probs(16 << 3);
  private readonly mid = probs(16 << 3);
  private readonly high = probs(256);

  decode(d: Decoder, posState: number): number {
    if (d.bit(this.choice, 0) === 0) return d.tree(3, this.low, posState << 3);
    if (d.bit(this.choice, 1) === 0) return 8 + d.tree(3, this.mid, posState << 3);
    return 16 + d.tree(8, this.high, 0);
  }
}
