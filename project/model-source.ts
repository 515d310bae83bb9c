import * as fs from 'fs';
import { isEnabled, type Finding, type LintConfig } from '../engine';
import { scanModelFile, type ByteSource, type ModelFinding } from '../model-files';
import { NODE_MODEL_CODECS } from './model-codecs';
import { RULES } from '../rules';

/**
 * A file on disk as the model-file scanner reads it: by range, so a multi-gigabyte checkpoint is
 * read only at its zip directory and pickle members. The caller closes it.
 */
export function openModelFile(file: string): ByteSource & { close(): void } {
  const fd = fs.openSync(file, 'r');
  let size: number;
  try {
    size = fs.fstatSync(fd).size;
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
  return {
    size,
    path: file,
    read: async (offset, length) => {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = Buffer.alloc(n);
      let done = 0;
      while (done < n) {
        const got = fs.readSync(fd, buf, done, n - done, offset + done);
        if (got === 0) break;
        done += got;
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, done);
    },
    close: () => fs.closeSync(fd),
  };
}

/** The first bytes of a file, to tell a model file by its signature; empty when it cannot be read. */
export function fileHead(file: string, length = 512): Uint8Array {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(length);
    const n = fs.readSync(fd, buf, 0, length, 0);
    return new Uint8Array(buf.buffer, buf.byteOffset, n);
  } catch {
    return new Uint8Array(0);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A model-file finding as the engine's findings are, at the top of the file, with where it is inside. */
export type ModelFileFinding = Finding & { artifact: { member?: string; offset?: number; global?: string } };

const ORIGIN = { line: 0, column: 0 };

/**
 * Scans a model file on disk under a file's configuration (select, ignore, per-file ignores and
 * severity apply as to any file), for every adapter. Never throws: a file that cannot be opened is
 * `error`.
 */
export async function scanModelFileOnDisk(file: string, config: LintConfig): Promise<{ findings: ModelFileFinding[]; error?: undefined } | { error: string }> {
  let src: ReturnType<typeof openModelFile>;
  try {
    src = openModelFile(file);
  } catch (e) {
    return { error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  try {
    const found = await scanModelFile(file, src, NODE_MODEL_CODECS);
    return { findings: found.filter((f) => isEnabled(f.code, config)).map((f) => asFinding(f, config)) };
  } catch (e) {
    return { error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    src.close();
  }
}

function asFinding(f: ModelFinding, config: LintConfig): ModelFileFinding {
  const rule = RULES.find((r) => r.meta.code === f.code)!;
  return {
    code: f.code,
    rule: rule.meta.name,
    message: f.message,
    severity: config.severity?.[f.code] ?? f.severity,
    confidence: rule.meta.confidence,
    category: rule.meta.category,
    range: { start: ORIGIN, end: ORIGIN },
    fixes: [],
    artifact: { ...(f.member !== undefined ? { member: f.member } : {}), ...(f.offset !== undefined ? { offset: f.offset } : {}), ...(f.global ? { global: f.global } : {}) },
  };
}
