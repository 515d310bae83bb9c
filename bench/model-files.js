'use strict';
/**
 * Scanning a PyTorch zip checkpoint whose tensors are 64 MiB, 256 MiB and 1 GiB: the scanner reads
 * the zip's central directory and its pickle members only, so the time must not grow with the
 * tensor data. The checkpoints are written once into bench/.corpus/ (ignored by git), in PyTorch's
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
  for (const mib of [64, 256, 1024]) {
    const file = path.join(CORPUS, `checkpoint-${mib}mib.pt`);
    writeCheckpoint(file, mib * MiB);
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
    rows.push({ mib, size: fs.statSync(file).size, scan: median(times), bytesRead, findings, cli });
  }
  return rows;
}

/** The benchmark's section for the results file. */
function modelFilesSection(rows) {
  const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  return [
    '## Model files: a PyTorch zip checkpoint by tensor size (medians)',
    '',
    'The scanner reads the zip\'s end record, its central directory and `archive/data.pkl`; the tensor member is never read.',
    '',
    '| tensor data | file size | scan in process (ms) | bytes read | findings | `mlsec scan FILE --no-cache`, start-up included (ms) |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.mib} MiB | ${r.size} | ${ms(r.scan)} | ${r.bytesRead} | ${r.findings} | ${ms(r.cli)} |`),
    '',
  ];
}

module.exports = { measureModelFiles, modelFilesSection };

if (require.main === module) {
  measureModelFiles(process.argv.includes('--quick')).then((rows) => console.log(modelFilesSection(rows).join('\n')));
}
