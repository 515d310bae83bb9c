'use strict';
/**
 * Scanning a PyTorch zip checkpoint whose tensors are 64 MiB, 256 MiB and 1 GiB, a raw pickle of one
 * bytes object and an uncompressed joblib file of one array, of 64 MiB and 1 GiB: the scanner reads
 * the zip's central directory and its pickle members only, and steps over a pickle's payloads
 * unread, so the time must not grow with the data. The checkpoints are written once into bench/.corpus/ (ignored by git), in PyTorch's
 * layout: `archive/data.pkl`, a stored tensor member, `archive/version`. Run alone with
 * `node bench/model-files.js`, or as part of `bench/run.js`.
 */
const { execFileSync } = require('child_process');
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const CORPUS = path.join(__dirname, '.corpus');
const MiB = 1 << 20;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The data.pkl of the benign checkpoint fixture: a state dict of tensors rebuilt from storages. */
function dataPkl() {
  const zip = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'model-files', 'torch-zip-benign.pt'));
  for (let p = 0; zip.readUInt32LE(p) === 0x04034b50; ) {
    const size = zip.readUInt32LE(p + 18);
    const n = zip.readUInt16LE(p + 26);
    const e = zip.readUInt16LE(p + 28);
    if (zip.toString('utf8', p + 30, p + 30 + n).endsWith('/data.pkl')) return zip.subarray(p + 30 + n + e, p + 30 + n + e + size);
    p += 30 + n + e + size;
  }
  throw new Error('no data.pkl in the fixture');
}

/** Writes a stored zip: the tensor member first (so the pickle sits after a gigabyte), streamed in 16 MiB chunks. */
function writeCheckpoint(file, tensorBytes) {
  if (fs.existsSync(file) && fs.statSync(file).size > tensorBytes) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  const central = [];
  let offset = 0;
  const member = (name, size, write) => {
    const n = Buffer.from(name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt32LE(size, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(n.length, 26);
    fs.writeSync(fd, h);
    fs.writeSync(fd, n);
    write();
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt32LE(size, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, n);
    offset += 30 + n.length + size;
  };
  const chunk = Buffer.alloc(16 * MiB, 0x3f);
  member('archive/data/0', tensorBytes, () => {
    for (let left = tensorBytes; left > 0; left -= chunk.length) fs.writeSync(fd, chunk, 0, Math.min(left, chunk.length));
  });
  const pkl = dataPkl();
  member('archive/data.pkl', pkl.length, () => fs.writeSync(fd, pkl));
  member('archive/version', 2, () => fs.writeSync(fd, Buffer.from('3\n')));
  const dir = Buffer.concat(central);
  fs.writeSync(fd, dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeSync(fd, end);
  fs.closeSync(fd);
}

const ascii = (t) => Array.from(t, (c) => c.charCodeAt(0));
const le64 = (n) => Array.from({ length: 8 }, (_, i) => Math.floor(n / 2 ** (8 * i)) % 256);
const str = (t) => [0x8c, t.length, ...ascii(t)];
// `os.system` imported by STACK_GLOBAL after the payload, so the scan must reach the end to find it.
const TAIL = [...str('os'), ...str('system'), 0x93, ...str('id'), 0x85, 0x52];

/** A raw pickle of one bytes object (BINBYTES8) of `payload` bytes, then a dangerous global. */
function rawPickle(payload) {
  return { head: Buffer.from([0x80, 4, 0x8e, ...le64(payload)]), payload, tail: Buffer.from([0x30, ...TAIL, 0x2e]) };
}

/** A joblib file as joblib.dump writes it uncompressed: `{"w": array}` of float64, the array inline after its wrapper, then a dangerous global. */
function joblibPickle(payload) {
  const count = payload / 8;
  const head = Buffer.from([
    0x80, 4, 0x7d, ...str('w'), ...str('joblib.numpy_pickle'), ...str('NumpyArrayWrapper'), 0x93, 0x29, 0x81,
    0x7d, 0x28, ...str('subclass'), ...str('numpy'), ...str('ndarray'), 0x93,
    ...str('shape'), 0x4a, ...le64(count).slice(0, 4), 0x85, ...str('order'), ...str('C'),
    ...str('dtype'), ...str('numpy'), ...str('dtype'), 0x93, ...str('f8'), 0x89, 0x88, 0x87, 0x52,
    0x28, 0x4b, 3, ...str('<'), 0x4e, 0x4e, 0x4e, 0x4a, 0xff, 0xff, 0xff, 0xff, 0x4a, 0xff, 0xff, 0xff, 0xff, 0x4b, 0, 0x74, 0x62,
    ...str('allow_mmap'), 0x88, ...str('numpy_array_alignment_bytes'), 0x4b, 16, 0x75, 0x62, 0,
  ]);
  return { head, payload, tail: Buffer.from([0x73, ...TAIL, 0x2e]) };
}

function writePickle(file, { head, payload, tail }) {
  const size = head.length + payload + tail.length;
  if (fs.existsSync(file) && fs.statSync(file).size === size) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, head);
  const chunk = Buffer.alloc(16 * MiB, 0x3f);
  for (let left = payload; left > 0; left -= chunk.length) fs.writeSync(fd, chunk, 0, Math.min(left, chunk.length));
  fs.writeSync(fd, tail);
  fs.closeSync(fd);
}

/** The scanner bundled for this process, and a file reader that counts what it reads. */
async function scanner() {
  const out = path.join(__dirname, '.build', 'model-files.js');
  await esbuild.build({ stdin: { contents: "module.exports = require('../model-files');", resolveDir: __dirname, loader: 'js' }, outfile: out, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
  return require(out);
}

function countingFile(file) {
  const fd = fs.openSync(file, 'r');
  const size = fs.fstatSync(fd).size;
  const src = {
    size,
    bytesRead: 0,
    read: async (offset, length) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const n = fs.readSync(fd, buf, 0, buf.length, offset);
      src.bytesRead += n;
      return new Uint8Array(buf.buffer, buf.byteOffset, n);
    },
    close: () => fs.closeSync(fd),
  };
  return src;
}

async function measureModelFiles(quick) {
  const { scanModelFile } = await scanner();
  const bin = path.join(ROOT, 'bin', 'mlsec.js');
  const runs = quick ? 3 : 7;
  const rows = [];
  const files = [64, 256, 1024].map((mib) => {
    const file = path.join(CORPUS, `checkpoint-${mib}mib.pt`);
    writeCheckpoint(file, mib * MiB);
    return { kind: 'PyTorch zip checkpoint', mib, file };
  });
  for (const [kind, make, name] of [['raw pickle (one bytes object)', rawPickle, 'raw-bytes'], ['joblib, uncompressed (one array)', joblibPickle, 'joblib-array']]) {
    for (const mib of [64, 1024]) {
      const file = path.join(CORPUS, `${name}-${mib}mib.${name === 'raw-bytes' ? 'pkl' : 'joblib'}`);
      writePickle(file, make(mib * MiB));
      files.push({ kind, mib, file });
    }
  }
  // Opcodes, not payload: a list of 5M ints, each a BININT, as pickle writes one (APPENDS of 1,000).
  const ints = path.join(CORPUS, 'list-of-5m-ints.pkl');
  if (!fs.existsSync(ints)) {
    const batch = Buffer.alloc(2 + 5 * 1000);
    batch[0] = 0x28;
    for (let i = 0; i < 1000; i++) batch[1 + 5 * i] = 0x4a;
    batch[batch.length - 1] = 0x65;
    fs.mkdirSync(CORPUS, { recursive: true });
    fs.writeFileSync(ints, Buffer.concat([Buffer.from([0x80, 4, 0x5d]), ...Array.from({ length: 5000 }, () => batch), Buffer.from([0x2e])]));
  }
  files.push({ kind: 'raw pickle (a list of 5M ints: opcodes, no payload)', mib: Math.round(fs.statSync(ints).size / MiB), file: ints });
  for (const { kind, mib, file } of files) {
    const times = [];
    let bytesRead = 0;
    let findings = 0;
    for (let i = 0; i < runs; i++) {
      const src = countingFile(file);
      const t = performance.now();
      findings = (await scanModelFile(file, src)).length;
      times.push(performance.now() - t);
      bytesRead = src.bytesRead;
      src.close();
    }
    const cli = median(
      Array.from({ length: runs }, () => {
        const t = performance.now();
        execFileSync(process.execPath, [bin, 'scan', file, '--quiet', '--no-cache', '--fail-on', 'never']);
        return performance.now() - t;
      }),
    );
    rows.push({ kind, mib, size: fs.statSync(file).size, scan: median(times), bytesRead, findings, cli });
  }
  return rows;
}

/** The benchmark's section for the results file. */
function modelFilesSection(rows) {
  const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  return [
    '## Model files by size of their data (medians)',
    '',
    'In a zip checkpoint the scanner reads the end record, the central directory and `archive/data.pkl`; the tensor member is never read. In a raw pickle and an uncompressed joblib file it walks the opcodes and steps over the bytes object or the array unread, finding the dangerous global after it (1 finding).',
    '',
    '| file | data | file size | scan in process (ms) | bytes read | findings | `mlsec scan FILE --no-cache`, start-up included (ms) |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.kind} | ${r.mib} MiB | ${r.size} | ${ms(r.scan)} | ${r.bytesRead} | ${r.findings} | ${ms(r.cli)} |`),
    '',
  ];
}

module.exports = { measureModelFiles, modelFilesSection };

if (require.main === module) {
  measureModelFiles(process.argv.includes('--quick')).then((rows) => console.log(modelFilesSection(rows).join('\n')));
}
