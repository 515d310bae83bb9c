import { execFileSync } from 'child_process';
import * as path from 'path';

export class GitError extends Error {}

/** Files changed since `ref` (committed, staged or not) plus untracked ones, as absolute paths. */
export function changedSince(ref: string, cwd: string): string[] {
  const git = (args: string[], where = cwd) => {
    try {
      return execFileSync('git', args, { cwd: where, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const stderr = String((e as { stderr?: unknown }).stderr ?? '').trim();
      if (/not a git repository/i.test(stderr)) throw new GitError('--changed-since needs a git repository, and this folder is not in one');
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new GitError('--changed-since needs git, which is not installed');
      throw new GitError(`git ${args.join(' ')} failed: ${stderr.split('\n')[0]}`);
    }
  };
  const top = git(['rev-parse', '--show-toplevel']).trim();
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top);
  } catch {
    throw new GitError(`--changed-since: \`${ref}\` is not a commit, branch or tag in this repository`);
  }
  // Both listings relative to the top of the work tree.
  const changed = git(['diff', '--name-only', '--diff-filter=d', '-z', ref], top).split('\0');
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], top).split('\0');
  return [...new Set([...changed, ...untracked].filter(Boolean).map((f) => path.join(top, f)))];
}
