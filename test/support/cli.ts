import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const BIN = path.join(__dirname, '..', '..', 'bin', 'mlsec.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Where the tests' scans (the CLI's, and the language server's) keep their cache (not the user's cache folder): one folder per test process. */
let cacheDir: string | undefined;
export function testCacheDir(): string {
  if (!cacheDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-test-cache-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    cacheDir = dir;
  }
  return cacheDir;
}

/** Runs the built CLI as a user would, in `cwd` (its scan cache in a folder of the test run's own), with `input` piped in if given. */
export function mlsec(args: string[], cwd: string, env: Record<string, string> = {}, input?: string | Buffer): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MLSEC_CACHE_DIR: testCacheDir(), ...env }, timeout: 60000, ...(input !== undefined ? { input } : {}) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * For a `describe` block: makes temporary projects (as `tempProject`) and removes them, and whatever
 * else `alsoRemove` names for each, after the block's tests.
 */
export function tempProjects(alsoRemove: (dir: string) => string[] = () => []): (files: Record<string, string | Buffer>) => string {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => [d, ...alsoRemove(d)].forEach(removeTemp)));
  return (files) => {
    const d = tempProject(files);
    dirs.push(d);
    return d;
  };
}

/** A temporary folder holding the given files; removed by the returned cleanup. */
export function tempProject(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-test-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export function removeTemp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
