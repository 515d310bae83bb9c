import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Worker } from 'worker_threads';
import type { Decompressors, Hdf5Reader, Inflated, ScanOptions } from '../model-files';
import { joinChunks } from '../model-files/decompress';

/**
 * What the model-file scanner needs from Node, for every adapter: bz2 (seek-bzip, plain
 * JavaScript on Node's Buffer), xz (xz-decompress, xz-embedded compiled to WebAssembly, on web
 * streams) and HDF5 (h5wasm, the HDF5 library compiled to WebAssembly). Each is loaded the first
 * time a file needs it, never when the CLI or the server starts, and each stops at the limit it
 * is given: a small file that decompresses to gigabytes is cut there, never held whole.
 */

class Full extends Error {}
class Eof extends Error {}

/** bz2, with seek-bzip writing into an output that refuses a byte past the limit. */
export async function bunzip2(input: Uint8Array, limit: number): Promise<Inflated> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Bunzip = require('seek-bzip') as { decode(input: unknown, output: unknown, multistream?: boolean): unknown };
  let out = new Uint8Array(Math.min(limit, Math.max(1 << 16, input.length * 4)));
  let pos = 0;
  let at = 0;
  const source = {
    readByte: () => {
      if (at >= input.length) throw new Eof();
      return input[at++];
    },
    read: (buffer: Uint8Array, offset: number, length: number) => {
      const n = Math.min(length, input.length - at);
      if (n <= 0) return -1;
      buffer.set(input.subarray(at, at + n), offset);
      at += n;
      return n;
    },
    seek: (p: number) => void (at = p),
    eof: () => at >= input.length,
  };
  const sink = {
    writeByte: (b: number) => {
      if (pos >= limit) throw new Full();
      if (pos >= out.length) {
        const grown = new Uint8Array(Math.min(limit, out.length * 2));
        grown.set(out);
        out = grown;
      }
      out[pos++] = b;
    },
    flush: () => {},
  };
  try {
    Bunzip.decode(source, sink, true);
    return { bytes: out.subarray(0, pos), truncated: false };
  } catch (e) {
    if (e instanceof Full) return { bytes: out.subarray(0, pos), truncated: true };
    if (!pos) return { error: e instanceof Eof ? 'the bz2 data is cut short (truncated)' : `the bz2 data is corrupt (${(e as Error).message})` };
    return { bytes: out.subarray(0, pos), truncated: true };
  }
}

/** xz, with xz-decompress's stream read until the limit and then cancelled. */
export async function unxz(input: Uint8Array, limit: number): Promise<Inflated> {
  const { XzReadableStream } = require('xz-decompress') as typeof import('xz-decompress');
  const parts: Uint8Array[] = [];
  let total = 0;
  const compressed = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(input);
      controller.close();
    },
  });
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    reader = new XzReadableStream(compressed).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: joinChunks(parts, total), truncated: false };
      if (total + value.length >= limit) {
        parts.push(value.subarray(0, limit - total));
        total = limit;
        await reader.cancel().catch(() => {});
        return { bytes: joinChunks(parts, total), truncated: true };
      }
      parts.push(value.slice());
      total += value.length;
    }
  } catch (e) {
    const why = /premature|end of input|truncat/i.test((e as Error).message) ? 'cut short (truncated)' : `corrupt (${(e as Error).message})`;
    if (!total) return { error: `the xz data is ${why}` };
    return { bytes: joinChunks(parts, total), truncated: true };
  }
}


declare const MLSEC_H5WASM: string | undefined;

/**
 * h5wasm is ESM and 4 MB: the bundles do not carry it. esbuild.js copies its Node build into
 * dist/h5wasm/ and names that folder through MLSEC_H5WASM; from source it is the package's.
 */
function h5wasmFile(): string {
  if (typeof MLSEC_H5WASM === 'string') return path.join(__dirname, MLSEC_H5WASM, 'hdf5_hl.js');
  // Its exports map hides the Node build from require.resolve: found where require would find the package.
  for (const dir of require.resolve.paths('h5wasm') ?? []) {
    const file = path.join(dir, 'h5wasm', 'dist', 'node', 'hdf5_hl.js');
    if (fs.existsSync(file)) return file;
  }
  throw new Error('the h5wasm package is not installed');
}

/**
 * The HDF5 reading runs on a worker thread, since the HDF5 library can loop on a malformed file
 * (a mutated legacy Keras model did, in the property tests): a read that takes longer than the
 * timeout has its worker terminated, and the next file starts a new one. The worker is the code
 * below, evaluated, so the bundles need no file of their own for it; it imports h5wasm (ESM) by
 * its file URL, and makes HDF5's errors exceptions, since by default the library prints its
 * error stack to the process's standard error. h5wasm's Node build reads the file system itself,
 * by range through Node's fs: the file is opened by its path, read-only, and never copied.
 */
const WORKER = `
const { parentPort, workerData } = require('worker_threads');
// The library's own messages (warnings on malformed strings, \`Aborted(...)\`) would reach the process's output.
console.log = console.warn = console.error = () => {};
let aborted = false;
const ready = import(workerData.url).then(async (m) => {
  (await m.default.ready).activate_throwing_error_handler();
  return m.default;
});
function reason(e) {
  const text = String((e && e.message) || e);
  // After abort() the module is unusable: this worker answers and is replaced.
  if (/Aborted\\(/.test(text)) aborted = true;
  const frames = text.split('\\n').filter((l) => /^\\s*#\\d+:/.test(l));
  const m = frames.length ? /in (\\w+\\(\\)): (.*)$/.exec(frames[frames.length - 1]) : null;
  return m ? m[1] + ': ' + m[2] : text.split('\\n')[0];
}
function read(lib, file, name) {
  let f;
  try {
    f = new lib.File(file, 'r');
  } catch (e) {
    return { error: reason(e) };
  }
  try {
    const attr = f.attrs[name];
    if (!attr) return { missing: true };
    const v = attr.value;
    const text = typeof v === 'string' ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
    return text === undefined ? { error: 'its \`' + name + '\` attribute is not text' } : { value: text };
  } catch (e) {
    return { error: reason(e) };
  } finally {
    try { f.close(); } catch {}
  }
}
parentPort.on('message', async ({ file, name }) => {
  let lib;
  try {
    lib = await ready;
  } catch (e) {
    return parentPort.postMessage({ error: 'the HDF5 library could not be loaded: ' + reason(e) });
  }
  const answer = read(lib, file, name);
  parentPort.postMessage(aborted ? { ...answer, restart: true } : answer);
});
`;

type Attribute = Awaited<ReturnType<Hdf5Reader['rootAttribute']>>;

/** An HDF5 reader whose each read (the library's first load included) is given `timeoutMs`. */
export function createHdf5Reader({ timeoutMs }: { timeoutMs: number }): Hdf5Reader {
  let worker: Worker | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const ask = (file: string, name: string) =>
    new Promise<Attribute>((resolve) => {
      let w: Worker;
      try {
        w = worker ??= new Worker(WORKER, { eval: true, workerData: { url: pathToFileURL(h5wasmFile()).href } });
      } catch (e) {
        return resolve({ error: `the HDF5 library could not be loaded: ${(e as Error).message}` });
      }
      w.unref();
      const done = (r: Attribute) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        resolve(r);
      };
      const stop = () => {
        if (worker === w) worker = undefined;
        void w.terminate();
      };
      const onMessage = (r: Attribute & { restart?: boolean }) => {
        const { restart, ...answer } = r;
        if (restart) stop();
        done(answer as Attribute);
      };
      const onError = (e: Error) => {
        stop();
        done({ error: `the HDF5 library failed on it (${e.message})` });
      };
      const timer = setTimeout(() => {
        stop();
        done({ error: `the HDF5 library did not finish reading it in ${timeoutMs / 1000} s (a malformed file can make it loop)` });
      }, timeoutMs);
      w.on('message', onMessage);
      w.on('error', onError);
      w.postMessage({ file, name });
    });
  return {
    rootAttribute(src, name) {
      if (src.path === undefined) return Promise.resolve({ error: 'an HDF5 file inside an archive is not read' });
      const file = path.resolve(src.path);
      const answer = queue.then(() => ask(file, name));
      queue = answer;
      return answer;
    },
  };
}

/** The root-group attribute of an HDF5 file on disk (an HDF5 file inside an archive has no path and is not read). */
export const hdf5Reader: Hdf5Reader = createHdf5Reader({ timeoutMs: 10_000 });

/** The scan options every adapter passes: the Node decompressors and the HDF5 reader. */
export const NODE_MODEL_CODECS: Pick<ScanOptions, 'decompressors' | 'hdf5'> = {
  decompressors: { bz2: bunzip2, xz: unxz } satisfies Decompressors,
  hdf5: hdf5Reader,
};
