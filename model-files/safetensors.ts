import type { ByteSource, ModelFinding } from './types';

/**
 * A safetensors file is an 8-byte little-endian header length, a JSON header, then raw tensor
 * bytes: nothing in it runs on load. A well-formed header gives no finding; one that does not
 * match the format (or the file's size) is reported as not scannable, since a loader may reject
 * it or read it differently.
 */
const DTYPE_SIZES: Record<string, number> = {
  BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1, F8_E8M0: 1, I16: 2, U16: 2, F16: 2, BF16: 2,
  I32: 4, U32: 4, F32: 4, F64: 8, I64: 8, U64: 8, C64: 8, F4: 0.5, F6_E2M3: 0.75, F6_E3M2: 0.75,
};
const MAX_HEADER = 100_000_000;

export async function checkSafetensors(src: ByteSource, member: string | undefined): Promise<ModelFinding[]> {
  const bad = (why: string): ModelFinding[] => [{ code: 'MLS153', severity: 'info', message: `the safetensors header is malformed: ${why}`, ...(member !== undefined ? { member } : {}) }];
  if (src.size < 8) return bad('the file is shorter than its 8-byte header length');
  const lengthBytes = await src.read(0, 8);
  const length = lengthBytes.reduce((n, b, i) => n + b * 2 ** (8 * i), 0);
  if (length > MAX_HEADER) return bad(`the header claims ${length} bytes, more than the format allows`);
  if (8 + length > src.size) return bad('the header runs past the end of the file (truncated)');
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await src.read(8, length)));
  } catch {
    return bad('the header is not valid UTF-8 JSON');
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) return bad('the header is not a JSON object');
  const dataLength = src.size - 8 - length;
  const spans: [number, number, string][] = [];
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (!value || typeof value !== 'object' || Object.values(value).some((v) => typeof v !== 'string')) return bad('`__metadata__` is not a map of strings');
      continue;
    }
    const t = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (!t || typeof t !== 'object') return bad(`tensor \`${name}\` is not an object`);
    const size = typeof t.dtype === 'string' ? DTYPE_SIZES[t.dtype] : undefined;
    if (size === undefined) return bad(`tensor \`${name}\` has an unknown dtype`);
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return bad(`tensor \`${name}\` has a malformed shape`);
    const o = t.data_offsets;
    if (!Array.isArray(o) || o.length !== 2 || !o.every((d) => Number.isSafeInteger(d) && d >= 0) || o[0] > o[1]) return bad(`tensor \`${name}\` has malformed data_offsets`);
    if (o[1] > dataLength) return bad(`tensor \`${name}\` lies past the end of the file (truncated)`);
    const expected = (t.shape as number[]).reduce((n, d) => n * d, 1) * size;
    if (Math.ceil(expected) !== o[1] - o[0]) return bad(`tensor \`${name}\` holds ${o[1] - o[0]} bytes where its shape and dtype need ${Math.ceil(expected)}`);
    spans.push([o[0], o[1], name]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) return bad(`tensors \`${spans[i - 1][2]}\` and \`${spans[i][2]}\` overlap`);
  return [];
}
