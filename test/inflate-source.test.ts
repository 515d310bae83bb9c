import { strict as assert } from 'assert';
import * as zlib from 'zlib';
import fc from 'fast-check';
import { bytesSource, scanModelFile, walkPickleSource } from '../model-files';
import { decompress } from '../model-files/decompress';
import { InflatingSource } from '../model-files/inflate-source';

/**
 * A compressed pickle is walked as it inflates: only a window of its output is held, it says when
 * its output was cut, and it reads what `decompress` would give, range by range.
 */
const MiB = 1 << 20;

/** A protocol-3 pickle: `n` bytes of payload (BINBYTES), then `os.system` (GLOBAL), then STOP. */
function pickleWithPayload(n: number): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32LE(n);
  return Buffer.concat([Buffer.from([0x80, 0x03, 0x42]), len, Buffer.alloc(n), Buffer.from('cos\nsystem\n0.', 'latin1')]);
}

describe('inflating source', () => {
  it('walks a gzip\'d pickle with a 64 MiB payload holding at most a few megabytes', async () => {
    const gz = zlib.gzipSync(pickleWithPayload(64 * MiB));
    const stream = new InflatingSource('gzip', bytesSource(gz), 256 * MiB);
    const walk = await walkPickleSource(stream, 0);
    assert.deepEqual(walk.globals.map((g) => `${g.module}.${g.name}`), ['os.system']);
    assert.equal(walk.error, undefined);
    assert.ok(stream.maxHeld < 3 * MiB, `held ${stream.maxHeld} bytes at once`);
    assert.equal(stream.truncated, false);
  });

  it('scans a compressed pickle file whole through it, and says when the output passes the limit', async () => {
    const gz = zlib.gzipSync(pickleWithPayload(8 * MiB));
    const found = await scanModelFile('model.pkl.gz', bytesSource(gz));
    assert.deepEqual(found.map((f) => f.code), ['MLS150']);
    assert.match(found[0].message, /os\.system/);
    const cut = await scanModelFile('model.pkl.gz', bytesSource(gz), { maxPickleBytes: MiB });
    assert.deepEqual(cut.map((f) => f.code), ['MLS153']);
    assert.match(cut[0].message, /decompresses to more than the 1 MiB the scanner reads/);
    const short = await scanModelFile('model.pkl.gz', bytesSource(gz.subarray(0, gz.length - 200)));
    assert.equal(short.filter((f) => f.code === 'MLS153').length, 1, JSON.stringify(short));
  });

  it('refuses to read back before its window, and reports corrupt data', async () => {
    const stream = new InflatingSource('zlib', bytesSource(zlib.deflateSync(pickleWithPayload(4 * MiB))), 256 * MiB);
    await stream.read(3 * MiB, 16);
    await assert.rejects(stream.read(0, 16), /read forward only/);
    const bad = new InflatingSource('gzip', bytesSource(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff])), MiB);
    assert.equal((await bad.read(0, 16)).length, 0);
    assert.match(bad.error ?? '', /corrupt/);
  });

  it('reads what decompress gives, for forward reads of any size (property)', async () => {
    const data = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
    const codecs = { gzip: zlib.gzipSync(data), zlib: zlib.deflateSync(data), 'deflate-raw': zlib.deflateRawSync(data) } as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('gzip', 'zlib', 'deflate-raw'), fc.array(fc.record({ skip: fc.nat(40_000), length: fc.integer({ min: 1, max: 70_000 }) }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 50_000, max: 400_000 }), async (codec, reads, limit) => {
        const whole = decompress(codec, codecs[codec], limit);
        assert.ok('bytes' in whole);
        const stream = new InflatingSource(codec, bytesSource(codecs[codec]), limit, 4096);
        let at = 0;
        for (const { skip, length } of reads) {
          at += skip;
          const got = await stream.read(at, length);
          assert.deepEqual(Buffer.from(got), Buffer.from(whole.bytes.subarray(at, at + length)), `${codec} read ${at}+${length}`);
        }
        if (stream.size !== limit || limit < data.length) {
          await stream.read(at, limit);
          assert.equal(stream.truncated, !!whole.truncated, 'cut as decompress says');
        }
      }),
      { numRuns: 60 },
    );
  });
});
