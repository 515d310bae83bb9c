import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Decompressors, Hdf5Reader, Inflated, ScanOptions } from '../model-files';

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
      if (done) return { bytes: join(parts, total), truncated: false };
      if (total + value.length >= limit) {
        parts.push(value.subarray(0, limit - total));
        total = limit;
        await reader.cancel().catch(() => {});
        return { bytes: join(parts, total), truncated: true };
      }
      parts.push(value.slice());
      total += value.length;
    }
  } catch (e) {
    const why = /premature|end of input|truncat/i.test((e as Error).message) ? 'cut short (truncated)' : `corrupt (${(e as Error).message})`;
    if (!total) return { error: `the xz data is ${why}` };
    return { bytes: join(parts, total), truncated: true };
  }
}

function join(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

interface H5File {
  attrs: Record<string, { value: unknown } | undefined>;
  close(): void;
}
interface H5wasm {
  File: new (name: string, mode: string) => H5File;
  ready: Promise<{ activate_throwing_error_handler(): number }>;
}

declare const MLSEC_H5WASM: string | undefined;
let h5: Promise<H5wasm> | undefined;

/**
 * h5wasm is ESM and 4 MB: the bundles do not carry it. esbuild.js copies its Node build into
 * dist/h5wasm/ and names that folder through MLSEC_H5WASM; from source it is the package's. The
 * import goes through `new Function` since the CommonJS output would otherwise turn it into a
 * `require`, which cannot load ESM. HDF5's errors are made exceptions: by default the library
 * prints its error stack to the process's standard error.
 */
function loadH5wasm(): Promise<H5wasm> {
  h5 ??= (async () => {
    const file = typeof MLSEC_H5WASM === 'string' ? path.join(__dirname, MLSEC_H5WASM, 'hdf5_hl.js') : h5wasmFromSource();
    const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<{ default: H5wasm }>;
    const lib = (await importEsm(pathToFileURL(file).href)).default;
    (await lib.ready).activate_throwing_error_handler();
    return lib;
  })();
  return h5;
}

/** The package's Node build, found where `require` would find the package (its exports map hides the file from require.resolve). */
function h5wasmFromSource(): string {
  for (const dir of require.resolve.paths('h5wasm') ?? []) {
    const file = path.join(dir, 'h5wasm', 'dist', 'node', 'hdf5_hl.js');
    if (fs.existsSync(file)) return file;
  }
  throw new Error('the h5wasm package is not installed');
}

/** The deepest frame of an HDF5 error stack, `H5F__super_read(): unable to load superblock`. */
function hdf5Reason(e: unknown): string {
  const lines = String((e as Error)?.message ?? e).split('\n').filter((l) => /^\s*#\d+:/.test(l));
  const last = lines[lines.length - 1];
  const m = last && /in (\w+\(\)): (.*)$/.exec(last);
  return m ? `${m[1]}: ${m[2]}` : String((e as Error)?.message ?? e).split('\n')[0];
}

/**
 * The root-group attribute of an HDF5 file on disk. h5wasm's Node build reads the file system
 * itself, by range through Node's fs, so the file is opened by its path, read-only, and never
 * copied into memory: a legacy Keras model of gigabytes is read at its root group only. An HDF5
 * file inside an archive has no path and is not read.
 */
export const hdf5Reader: Hdf5Reader = {
  async rootAttribute(src, name) {
    if (src.path === undefined) return { error: 'an HDF5 file inside an archive is not read' };
    let lib: H5wasm;
    try {
      lib = await loadH5wasm();
    } catch (e) {
      return { error: `the HDF5 library could not be loaded: ${(e as Error).message}` };
    }
    let f: H5File;
    try {
      f = new lib.File(path.resolve(src.path), 'r');
    } catch (e) {
      return { error: hdf5Reason(e) };
    }
    try {
      const attr = f.attrs[name];
      if (!attr) return { missing: true };
      const value = attr.value;
      const text = typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
      return text === undefined ? { error: `its \`${name}\` attribute is not text` } : { value: text };
    } catch (e) {
      return { error: hdf5Reason(e) };
    } finally {
      try {
        f.close();
      } catch {
        // already unusable: nothing more to release
      }
    }
  },
};

/** The scan options every adapter passes: the Node decompressors and the HDF5 reader. */
export const NODE_MODEL_CODECS: Pick<ScanOptions, 'decompressors' | 'hdf5'> = {
  decompressors: { bz2: bunzip2, xz: unxz } satisfies Decompressors,
  hdf5: hdf5Reader,
};
