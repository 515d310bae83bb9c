import { TextDecoder } from 'util';

/**
 * Turns a file's bytes into text the way Python would read it: UTF-8 by default, a BOM stripped,
 * a PEP 263 coding cookie honoured, invalid bytes replaced with a warning. Binary files are refused.
 */

export type Decoded =
  | { ok: true; text: string; warnings: string[]; /** UTF-8 read without replacement: safe to write back. */ writable: boolean }
  | { ok: false; reason: string };

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

export function decode(bytes: Uint8Array, kind: 'python' | 'notebook'): Decoded {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  const warnings: string[] = [];
  let start = 0;
  let encoding = 'utf-8';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (kind === 'python') {
    // The cookie must be on line 1 or 2 (PEP 263); those lines are ASCII by definition.
    const firstLines = Buffer.from(bytes.subarray(0, 512)).toString('latin1').split(/\r?\n/, 2);
    for (const line of firstLines) {
      const m = COOKIE.exec(line);
      if (m) {
        encoding = normalize(m[1]);
        break;
      }
    }
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    warnings.push(`unknown encoding \`${encoding}\` in the coding cookie; read as UTF-8`);
    encoding = 'utf-8';
    decoder = new TextDecoder('utf-8', { fatal: true });
  }
  const body = bytes.subarray(start);
  try {
    return { ok: true, text: decoder.decode(body), warnings, writable: encoding === 'utf-8' };
  } catch {
    warnings.push(`invalid ${encoding} bytes were replaced with U+FFFD; positions after them may be off`);
    return { ok: true, text: new TextDecoder(encoding).decode(body), warnings, writable: false };
  }
}

function normalize(name: string): string {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (n === 'utf8' || n.startsWith('utf-8')) return 'utf-8';
  if (n === 'latin-1' || n === 'iso-latin-1' || n === 'l1') return 'latin1';
  return n;
}

/** What a file is read and linted as, by its name. */
export function kindOf(file: string): 'python' | 'notebook' {
  return file.endsWith('.ipynb') ? 'notebook' : 'python';
}
