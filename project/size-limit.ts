import { NotebookError, parseNotebook } from '../engine';
import { notebookCells } from './notebook-json';

/** `max-file-size` unless the configuration says otherwise. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
/**
 * Notebooks up to this size are read whatever `max-file-size` is: their outputs (plots are base64
 * images) make most of their bytes, and the limit is on the code they hold.
 */
export const NOTEBOOK_READ_LIMIT = 256 * 1024 * 1024;

/** The most bytes of such a file that are read. */
export function readLimit(kind: 'python' | 'notebook', maxFileSize: number): number {
  return kind === 'notebook' ? Math.max(maxFileSize, NOTEBOOK_READ_LIMIT) : maxFileSize;
}

/** Why a file of this size is not even read, if it is not. */
export function tooLargeToRead(kind: 'python' | 'notebook', size: number, maxFileSize: number): string | undefined {
  const limit = readLimit(kind, maxFileSize);
  if (size <= limit) return undefined;
  return kind === 'python' ? `${size} bytes is over the ${limit}-byte limit (max-file-size)` : `${size} bytes is over the ${limit}-byte limit for notebooks`;
}

/**
 * Why a notebook read whole is still too large to lint, if it is: the sources of its code cells
 * over the limit. Only a file over the limit can hold that much code, so only such a file is read here.
 */
export function codeTooLarge(kind: 'python' | 'notebook', text: string, size: number, maxFileSize: number): string | undefined {
  if (kind !== 'notebook' || size <= maxFileSize) return undefined;
  let cells: { source: string }[];
  try {
    cells = notebookCells(text)?.filter((c) => c.type === 'code') ?? parseNotebook(text).codeCells;
  } catch (e) {
    // The lint reports a notebook it cannot read.
    if (e instanceof NotebookError) return undefined;
    throw e;
  }
  const code = cells.reduce((sum, c) => sum + Buffer.byteLength(c.source), 0);
  return code > maxFileSize ? `its code cells hold ${code} bytes, over the ${maxFileSize}-byte limit (max-file-size)` : undefined;
}
