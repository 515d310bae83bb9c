import { classify, type Verdict } from './globals';
import { decompress, type Codec } from './decompress';
import { py3Global, walkPickle, walkPickleSource, type PickleWalk } from './pickle';
import { checkSafetensors } from './safetensors';
import { kerasConfigFindings } from './keras';
import { decodeLzmaAlone } from './lzma';
import { InflatingSource } from './inflate-source';
import { bytesSource, type ByteSource, type Inflated, type ModelFinding, type ScanOptions } from './types';
import { readZipDirectory, readZipMember } from './zip';
import { readTarDirectory } from './tar';

/**
 * The extensions of model files. `.tar` and `.zip` too: `torch.save` output is often named
 * `model_best.pth.tar`, and checkpoints are shared as zips; and joblib's compressed files by the
 * extension that chose their compression. Other files are scanned when named on the command line
 * and their first bytes are those of a format the scanner reads.
 */
export const MODEL_EXTENSIONS = ['.pkl', '.pickle', '.pt', '.pth', '.bin', '.ckpt', '.joblib', '.dill', '.npy', '.npz', '.keras', '.h5', '.hdf5', '.safetensors', '.tar', '.zip',
  ...['.pkl', '.pickle', '.joblib'].flatMap((e) => ['.gz', '.z', '.bz2', '.xz', '.lzma'].map((c) => e + c))];

const PICKLE_EXTENSIONS = ['.pkl', '.pickle', '.pt', '.pth', '.ckpt', '.joblib', '.dill', '.bin'];
const MiB = 1 << 20;

export function hasModelExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return MODEL_EXTENSIONS.some((e) => lower.endsWith(e));
}

type Kind = 'zip' | 'pickle' | 'tar' | 'npy' | 'hdf5' | 'safetensors' | Codec | 'bz2' | 'xz' | 'lzma' | 'empty-zip';

/** What the first bytes say a file is (undefined: no model format this scanner knows). */
export function sniff(head: Uint8Array): Kind | undefined {
  const at = (i: number, ...b: number[]) => b.every((x, k) => head[i + k] === x);
  if (at(0, 0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (at(0, 0x50, 0x4b, 0x05, 0x06)) return 'empty-zip';
  if (at(0, 0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59)) return 'npy';
  if (at(0, 0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a)) return 'hdf5';
  if (at(0, 0x1f, 0x8b)) return 'gzip';
  if (at(0, 0x42, 0x5a, 0x68)) return 'bz2';
  if (at(0, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz';
  if (head[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(head[1])) return 'zlib';
  if (at(257, 0x75, 0x73, 0x74, 0x61, 0x72)) return 'tar';
  if (head[0] === 0x80 && head[1] >= 2 && head[1] <= 5) return 'pickle';
  if (head.length >= 9 && head[8] === 0x7b && head[7] === 0 && head[6] === 0 && head[5] === 0 && head[4] === 0) return 'safetensors';
  return undefined;
}

/** True when the scanner should look at this file: a model extension, or the first bytes of a format it reads. */
export function isModelFile(name: string, head: Uint8Array): boolean {
  return hasModelExtension(name) || sniff(head) !== undefined;
}

interface Job {
  options: Required<Pick<ScanOptions, 'maxPickleBytes' | 'maxDepth'>> & Pick<ScanOptions, 'decompressors' | 'hdf5'>;
  findings: ModelFinding[];
}

/** Scans one file. Never throws: what cannot be read is an MLS153 finding. */
export async function scanModelFile(name: string, src: ByteSource, options: ScanOptions = {}): Promise<ModelFinding[]> {
  const job: Job = { options: { ...options, maxPickleBytes: options.maxPickleBytes ?? 256 * MiB, maxDepth: options.maxDepth ?? 3 }, findings: [] };
  try {
    await scanSource(job, name, src, undefined, 0);
  } catch (e) {
    job.findings.push(info(undefined, `the file could not be scanned: ${(e as Error).message}`));
  }
  return job.findings;
}

function info(member: string | undefined, message: string, offset?: number): ModelFinding {
  return { code: 'MLS153', severity: 'info', message, ...(member !== undefined ? { member } : {}), ...(offset !== undefined ? { offset } : {}) };
}

const inMember = (member: string | undefined) => (member !== undefined ? { member } : {});
const where = (member: string | undefined) => (member ? ` of \`${member}\`` : '');

async function scanSource(job: Job, name: string, src: ByteSource, member: string | undefined, depth: number): Promise<void> {
  if (src.size === 0) return void job.findings.push(info(member, 'the file is empty'));
  const head = await src.read(0, 512);
  const kind = sniff(head);
  const lower = name.toLowerCase();
  const ext = MODEL_EXTENSIONS.find((e) => lower.endsWith(e));
  switch (kind) {
    case 'zip':
      return scanZip(job, lower, src, member, depth);
    case 'empty-zip':
      return;
    case 'tar':
      return scanTar(job, src, member, depth);
    case 'npy':
      return scanNpy(job, src, member);
    case 'hdf5':
      return scanHdf5(job, src, member);
    case 'gzip':
    case 'zlib':
    case 'bz2':
    case 'xz':
      return scanCompressed(job, kind, name, src, member, depth);
    case 'pickle':
      return scanPickleFile(job, src, member);
    case 'safetensors':
      if (ext === '.safetensors' || !ext) return void job.findings.push(...(await checkSafetensors(src, member)));
      break;
  }
  if (ext === '.safetensors') return void job.findings.push(...(await checkSafetensors(src, member)));
  if (ext === '.keras' || ext === '.npz') return void job.findings.push(info(member, `the file is not a zip archive, as a ${ext} file is (corrupt or mislabelled)`));
  if (ext === '.h5' || ext === '.hdf5') return void job.findings.push(info(member, 'the file does not start with the HDF5 signature (corrupt or mislabelled)'));
  if (ext === '.npy') return void job.findings.push(info(member, 'the file does not start with the NumPy signature (corrupt or mislabelled)'));
  // joblib's lzma files have no signature of their own beyond the LZMA header.
  if (head[0] === 0x5d && head[1] === 0 && head[2] === 0 && (ext === '.joblib' || lower.endsWith('.lzma'))) return scanCompressed(job, 'lzma', name, src, member, depth);
  // `.bin` is every kind of binary; only a pickle or a checkpoint is ours.
  if (ext === '.bin' || !ext) return;
  if (PICKLE_EXTENSIONS.includes(ext)) return scanPickleFile(job, src, member);
}

/**
 * A pickle file: one stream, or several in a row (the legacy PyTorch format writes five). Read by
 * range: the walk reads opcodes and steps over payloads, so the size limit is on the bytes walked.
 */
async function scanPickleFile(job: Job, src: ByteSource, member: string | undefined, from = 0): Promise<void> {
  const legacy = isLegacyTorch(await src.read(from, LEGACY_MAGIC.length));
  let start = from;
  for (let n = 0; start < src.size; n++) {
    const walk = await walkPickleSource(src, start, { limit: job.options.maxPickleBytes });
    report(job, walk, member, false, n > 0);
    if (walk.error) return;
    start = walk.end;
    // After the legacy format's fifth pickle (the storage keys) come raw tensor bytes.
    if (legacy && n === 4) return;
    const next = await src.read(start, 2);
    if (!(next[0] === 0x80 && next[1] >= 2 && next[1] <= 5)) return;
  }
}

const LEGACY_MAGIC = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e];

function isLegacyTorch(b: Uint8Array): boolean {
  return LEGACY_MAGIC.every((x, i) => b[i] === x);
}

function judge(module: string, name: string): Verdict {
  const a = classify(module, name);
  const b = classify(...py3Global(module, name));
  if (a === 'dangerous' || b === 'dangerous') return 'dangerous';
  return a === 'safe' || b === 'safe' ? 'safe' : 'unknown';
}

/** Turns one walk into findings: one per global and place, the first offset named and the others counted. */
function report(job: Job, walk: PickleWalk, member: string | undefined, cut: boolean, trailing: boolean): void {
  const seen = new Map<string, { first: number; count: number; verdict: Verdict; opcode: string; module: string; name: string }>();
  for (const g of walk.globals) {
    const key = `${g.module}.${g.name}`;
    const s = seen.get(key);
    if (s) s.count++;
    else seen.set(key, { first: g.offset, count: 1, verdict: judge(g.module, g.name), opcode: g.opcode, module: g.module, name: g.name });
  }
  for (const [global, s] of seen) {
    if (s.verdict === 'safe') continue;
    const more = s.count > 1 ? ` (and ${s.count - 1} more time${s.count > 2 ? 's' : ''})` : '';
    const py3 = py3Global(s.module, s.name).join('.');
    const at = `${py3 !== global ? `(\`${py3}\` in Python 3) ` : ''}at byte ${s.first}${where(member)}${more}`;
    job.findings.push(
      s.verdict === 'dangerous'
        ? { code: 'MLS150', severity: 'error', message: `the pickle imports \`${global}\` ${at} (${s.opcode}): loading the file can run code through it`, ...inMember(member), offset: s.first, global }
        : { code: 'MLS151', severity: 'warning', message: `the pickle imports \`${global}\` ${at} (${s.opcode}), which is not on the safe list: cannot verify what loading it runs`, ...inMember(member), offset: s.first, global },
    );
  }
  for (const u of walk.unresolved) {
    job.findings.push({ code: 'MLS151', severity: 'warning', message: `${u.opcode} at byte ${u.offset}${where(member)} imports a global the scanner cannot name: ${u.why}`, ...inMember(member), offset: u.offset });
  }
  if (walk.error) {
    const mib = Math.round(job.options.maxPickleBytes / MiB);
    const message = walk.error.limit
      ? `the pickle has more than the ${mib} MiB of opcodes the scanner walks (max pickle size; the bytes, long strings and arrays it steps over do not count): only the part before byte ${walk.error.offset} was checked`
      : cut && /truncated|ends/.test(walk.error.message)
        ? `the pickle is larger than the ${mib} MiB the scanner reads (max pickle size): only its first ${mib} MiB were checked`
        : trailing
          ? `the data after the first pickle could not be read as pickles at byte ${walk.error.offset}: ${walk.error.message}`
          : `the pickle cannot be read past byte ${walk.error.offset}: ${walk.error.message}`;
    job.findings.push(info(member, message, walk.error.offset));
  }
}

const join = (member: string | undefined, name: string) => (member ? `${member}/${name}` : name);

async function scanZip(job: Job, name: string, src: ByteSource, member: string | undefined, depth: number): Promise<void> {
  const dir = await readZipDirectory(src);
  if ('error' in dir) return void job.findings.push(info(member, dir.error));
  const names = dir.entries.map((e) => e.name);
  const keras = names.includes('config.json') && (names.includes('metadata.json') || names.includes('model.weights.h5') || name.endsWith('.keras'));
  for (const entry of dir.entries) {
    const lower = entry.name.toLowerCase();
    const inner = join(member, entry.name);
    const isPickle = lower.endsWith('.pkl') || lower.endsWith('.pickle');
    const isNpy = lower.endsWith('.npy');
    const isConfig = keras && entry.name === 'config.json';
    const isArchive = !isPickle && !isNpy && hasModelExtension(lower) && !lower.endsWith('.safetensors') && !lower.endsWith('.h5');
    if (!isPickle && !isNpy && !isConfig && !isArchive) continue;
    if (isArchive && depth >= job.options.maxDepth) {
      job.findings.push(info(inner, `an archive nested more than ${job.options.maxDepth} deep is not opened`));
      continue;
    }
    const limit = isNpy || isArchive ? job.options.maxPickleBytes : job.options.maxPickleBytes;
    // A stored member is read by range, like the file itself; a compressed one is inflated up to the limit.
    if (entry.method === 0 && (isArchive || isNpy || isPickle)) {
      const sub = await storedRange(src, entry.localHeader, entry.compressedSize);
      if ('error' in sub) job.findings.push(info(inner, `the member cannot be read: ${sub.error}`));
      else if (isPickle) report(job, await walkPickleSource(sub, 0, { limit: job.options.maxPickleBytes }), inner, false, false);
      else await scanSource(job, entry.name, sub, inner, depth + 1);
      continue;
    }
    const data = await readZipMember(src, entry, limit);
    if ('error' in data) {
      job.findings.push(info(inner, `the member cannot be read: ${data.error}`));
      continue;
    }
    if (data.truncated && entry.size > limit) {
      job.findings.push(info(inner, `the member is larger than the ${Math.round(limit / MiB)} MiB the scanner reads (max pickle size): only its first part was checked`));
    }
    if (isConfig) job.findings.push(...kerasConfigFindings(data.bytes, inner));
    else if (isPickle) {
      const walk = walkPickle(data.bytes);
      report(job, walk, inner, data.truncated, false);
    } else await scanSource(job, entry.name, bytesSource(data.bytes), inner, depth + 1);
  }
}

async function storedRange(src: ByteSource, localHeader: number, length: number): Promise<ByteSource | { error: string }> {
  const header = await src.read(localHeader, 30);
  if (header.length < 30 || header[0] !== 0x50 || header[1] !== 0x4b) return { error: 'its local header is missing (corrupt zip)' };
  const start = localHeader + 30 + (header[26] | (header[27] << 8)) + (header[28] | (header[29] << 8));
  if (start + length > src.size) return { error: 'its data runs past the end of the file (truncated)' };
  return subSource(src, start, length);
}

function subSource(src: ByteSource, start: number, length: number): ByteSource {
  return { size: length, read: (offset, n) => src.read(start + Math.max(0, offset), Math.max(0, Math.min(n, length - offset))) };
}

async function scanTar(job: Job, src: ByteSource, member: string | undefined, depth: number): Promise<void> {
  const dir = await readTarDirectory(src);
  if ('error' in dir) job.findings.push(info(member, dir.error));
  for (const entry of 'error' in dir ? dir.partial : dir.entries) {
    const inner = join(member, entry.name);
    const sub = subSource(src, entry.offset, entry.size);
    const head = await sub.read(0, 512);
    const lower = entry.name.toLowerCase();
    // The legacy PyTorch tar holds pickles named `pickle`, `sys_info`, `storages`, `tensors`.
    if (sniff(head) === 'pickle' || lower.endsWith('.pkl') || lower.endsWith('.pickle')) await scanPickleFile(job, sub, inner);
    else if (hasModelExtension(lower)) {
      if (depth >= job.options.maxDepth) job.findings.push(info(inner, `an archive nested more than ${job.options.maxDepth} deep is not opened`));
      else await scanSource(job, entry.name, sub, inner, depth + 1);
    }
  }
}

type Compression = Codec | 'bz2' | 'xz' | 'lzma';

/** Decompresses up to `limit` bytes: fflate and the LZMA decoder here, bz2 and xz through the adapter's decompressors. */
async function inflate(job: Job, codec: Compression, raw: Uint8Array, limit: number): Promise<Inflated | undefined> {
  if (codec === 'lzma') return decodeLzmaAlone(raw, limit);
  if (codec === 'bz2' || codec === 'xz') {
    const d = job.options.decompressors?.[codec];
    if (!d) return undefined;
    try {
      return await d(raw, limit);
    } catch (e) {
      return { error: `the ${codec} data cannot be decompressed (${(e as Error).message})` };
    }
  }
  return decompress(codec, raw, limit);
}

async function scanCompressed(job: Job, codec: Compression, name: string, src: ByteSource, member: string | undefined, depth: number): Promise<void> {
  const limit = job.options.maxPickleBytes;
  // A pickle inside gzip, zlib or deflate (most compressed joblib files) is walked as it inflates,
  // holding a window of it, not the whole output; any other content is inflated whole, as below.
  if ((codec === 'gzip' || codec === 'zlib' || codec === 'deflate-raw') && depth < job.options.maxDepth) {
    const stream = new InflatingSource(codec, src, limit);
    const head = await stream.read(0, 512);
    if (stream.error) return void job.findings.push(info(member, stream.error));
    if (sniff(head) === 'pickle') return scanInflated(job, codec, name, member, stream, () => scanPickleFile(job, stream, inflatedLabel(codec, name, member)));
  }
  // Compressed data is read up to a generous ratio of the limit; what it inflates to is capped at the limit.
  const raw = await src.read(0, Math.min(src.size, limit * 4 + 1024));
  const out = await inflate(job, codec, raw, limit);
  if (!out) return void job.findings.push(info(member, `the file is ${codec}-compressed, and this scanner was given no ${codec} decompressor, so the pickle inside was not checked`));
  if ('error' in out) return void job.findings.push(info(member, out.error));
  if (depth >= job.options.maxDepth) {
    if (out.truncated) job.findings.push(cutShort(codec, member, out.bytes.length >= limit, limit));
    return;
  }
  const inner = name.replace(/\.(gz|z|zlib|bz2|xz|lzma)$/i, '');
  const bytes = bytesSource(out.bytes);
  await scanInflated(job, codec, name, member, { truncated: !!out.truncated, size: out.bytes.length }, () => scanSource(job, inner, bytes, inflatedLabel(codec, name, member), depth + 1));
}

/** The member is named by the file's base name: a path would make baselines and SARIF depend on where the scan ran. */
function inflatedLabel(codec: Compression, name: string, member: string | undefined): string {
  return `${member ?? name.split(/[\\/]/).pop()} (${codec}-decompressed)`;
}

function cutShort(codec: Compression, member: string | undefined, full: boolean, limit: number): ModelFinding {
  return info(member, full ? `the file decompresses to more than the ${Math.round(limit / MiB)} MiB the scanner reads (max pickle size): only the first part was checked` : `the ${codec} stream is cut short (truncated): only what it held was checked`);
}

/**
 * Scans what a compressed file holds, then says whether its output was cut (at the limit, or a
 * stream cut short), before the inner findings: a pickle cut where the decompression was cut is
 * what that finding already says, so the pickle's own "truncated" finding is dropped.
 */
async function scanInflated(job: Job, codec: Compression, name: string, member: string | undefined, out: { truncated: boolean; size: number }, scan: () => Promise<void>): Promise<void> {
  const label = inflatedLabel(codec, name, member);
  const before = job.findings.length;
  await scan();
  if (!out.truncated) return;
  const inner = job.findings.slice(before).filter((f) => !(f.code === 'MLS153' && f.member === label && /\(truncated\)$/.test(f.message)));
  job.findings = [...job.findings.slice(0, before), cutShort(codec, member, out.size >= job.options.maxPickleBytes, job.options.maxPickleBytes), ...inner];
}

async function scanNpy(job: Job, src: ByteSource, member: string | undefined): Promise<void> {
  const head = await src.read(0, 12);
  const major = head[6];
  const wide = major >= 2;
  const headerStart = wide ? 12 : 10;
  if (head.length < headerStart || major < 1 || major > 3) return void job.findings.push(info(member, `the .npy header is corrupt (format version ${major ?? '?'})`));
  const headerLength = wide ? head[8] | (head[9] << 8) | (head[10] << 16) | (head[11] * 0x1000000) : head[8] | (head[9] << 8);
  if (headerLength > 1 << 20 || headerStart + headerLength > src.size) return void job.findings.push(info(member, 'the .npy header runs past the end of the file (truncated or corrupt)'));
  const header = new TextDecoder('latin1').decode(await src.read(headerStart, headerLength));
  const descr = /['"]descr['"]\s*:\s*(.*?)\s*,\s*['"](fortran_order|shape)['"]/s.exec(header);
  if (!descr) return void job.findings.push(info(member, 'the .npy header has no dtype the scanner can read (corrupt)'));
  // An object dtype (`|O`, alone or as a field of a structured dtype) stores the array as a pickle after the header.
  if (!/['"][|<>=]?O\d*['"]/.test(descr[1])) return;
  await scanPickleFile(job, src, member, headerStart + headerLength);
}

/**
 * A legacy Keras `.h5` file: its `model_config` root attribute, the same JSON a `.keras` archive
 * holds in config.json, read with the adapter's HDF5 reader and judged the same way. A file of
 * weights alone (no `model_config`) is no finding.
 */
async function scanHdf5(job: Job, src: ByteSource, member: string | undefined): Promise<void> {
  const reader = job.options.hdf5;
  if (!reader) return void job.findings.push(info(member, 'this scanner was given no HDF5 reader, so a legacy Keras `.h5` model\'s Lambda layers were not checked: save the model as `.keras` or convert its weights to safetensors'));
  const attr = await reader.rootAttribute(src, 'model_config');
  if ('missing' in attr) return;
  if ('error' in attr) return void job.findings.push(info(member, `the HDF5 file cannot be read (${attr.error}), so its model config was not checked`));
  const label = member ? `${member}:model_config` : 'model_config';
  const runs = 'Keras 2 (tf.keras) runs its bytecode when this legacy model is loaded, whatever safe_mode says';
  job.findings.push(...kerasConfigFindings(new TextEncoder().encode(attr.value), label, runs).map((f) => (member === undefined && f.member === label ? withoutMember(f) : f)));
}

function withoutMember(f: ModelFinding): ModelFinding {
  const { member: _, ...rest } = f;
  return rest;
}
