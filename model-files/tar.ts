import type { ByteSource } from './types';

/** A tar archive's members (ustar and GNU long names), read header by header: the data is never read. */
export interface TarEntry {
  name: string;
  offset: number;
  size: number;
}

const MAX_MEMBERS = 10_000;

export async function readTarDirectory(src: ByteSource): Promise<{ entries: TarEntry[] } | { error: string; partial: TarEntry[] }> {
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  for (let at = 0; at + 512 <= src.size; ) {
    if (entries.length >= MAX_MEMBERS) return { error: `the tar holds more than ${MAX_MEMBERS} members: the rest were not read`, partial: entries };
    const h = await src.read(at, 512);
    if (h.every((b) => b === 0)) return { entries };
    const size = octal(h.subarray(124, 136));
    if (size === undefined) return { error: `the tar header at byte ${at} is corrupt`, partial: entries };
    const type = String.fromCharCode(h[156]);
    const dataStart = at + 512;
    if (dataStart + size > src.size) return { error: `the tar member at byte ${at} runs past the end of the file (truncated)`, partial: entries };
    if (type === 'L') longName = text((await src.read(dataStart, Math.min(size, 4096))));
    else if (type === '0' || type === '\0' || type === '7') {
      const prefix = text(h.subarray(345, 500));
      const name = longName ?? (prefix ? `${prefix}/${text(h.subarray(0, 100))}` : text(h.subarray(0, 100)));
      entries.push({ name, offset: dataStart, size });
      longName = undefined;
    } else longName = undefined;
    at = dataStart + Math.ceil(size / 512) * 512;
  }
  return { entries };
}

function text(b: Uint8Array): string {
  const end = b.indexOf(0);
  return new TextDecoder('utf-8').decode(end < 0 ? b : b.subarray(0, end));
}

function octal(b: Uint8Array): number | undefined {
  const s = text(b).trim();
  if (!/^[0-7]+$/.test(s)) return undefined;
  return parseInt(s, 8);
}
