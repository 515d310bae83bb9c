import { strict as assert } from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** The one cache file in a cache folder, as written by a scan. */
export function cacheFile(cacheDir: string): string {
  const files = fs.readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
  assert.equal(files.length, 1, `one cache file in ${files.join(', ')}`);
  return path.join(cacheDir, files[0]);
}

/**
 * Rewrites every cached message, keeping the file valid (its checksum recomputed): a scan that then
 * reports that message read the cache and linted nothing.
 */
export function tamper(file: string, message: string): void {
  const raw = fs.readFileSync(file, 'utf8');
  const nl = raw.indexOf('\n');
  const entries = JSON.parse(raw.slice(nl + 1)) as Record<string, { lint: { findings: { message: string }[] } }>;
  for (const e of Object.values(entries)) for (const f of e.lint.findings) f.message = message;
  const body = JSON.stringify(entries);
  const sum = createHash('sha256').update(body).digest('hex');
  fs.writeFileSync(file, `${JSON.stringify({ ...JSON.parse(raw.slice(0, nl)), sum })}\n${body}`);
}
