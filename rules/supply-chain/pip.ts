/** Reading `pip install` arguments: which requirements are pinned to one exact version or commit. */

/** Options whose value is the next argument. */
const WITH_VALUE = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--python-version', '--platform', '--implementation', '--abi', '--trusted-host', '--proxy', '--cache-dir', '--src', '--progress-bar', '--timeout', '--retries']);

export interface Unpinned {
  requirement: string;
  /** Why it is not a pin. */
  why: string;
}

/** The install arguments after `pip install` in a command's words; undefined when it is no pip install. */
export function pipInstallArgs(words: string[]): { args: string[]; upgrade: boolean } | undefined {
  let i = 0;
  const w = (k: number) => (words[k] ?? '').replace(/^.*\//, '');
  if (/^python[\d.]*$/.test(w(i)) && words[i + 1] === '-m') i += 2;
  else if (w(i) === 'uv') i += 1;
  if (!/^pip[\d.]*$/.test(w(i)) || words[i + 1] !== 'install') return undefined;
  const rest = words.slice(i + 2);
  return { args: rest, upgrade: rest.some((a) => a === '-U' || a === '--upgrade') };
}

export function unpinned(args: string[]): Unpinned[] {
  const out: Unpinned[] = [];
  for (let i = 0; i < args.length; i++) {
    const raw = args[i].replace(/^['"]|['"]$/g, '');
    if (raw.startsWith('-')) {
      if (WITH_VALUE.has(raw)) i++;
      continue;
    }
    if (raw === '' || raw.startsWith('$') || raw.startsWith('{')) continue;
    // Local paths, archives and wheels are what they are.
    if (/^(\.|\/|~)/.test(raw) || /\.(whl|tar\.gz|zip)$/.test(raw) || raw === '.') continue;
    const vcs = /^(?:[\w.-]+\s*@\s*)?(git\+|hg\+|svn\+|bzr\+)?(https?:\/\/\S+|git@\S+)$/.exec(raw);
    if (vcs) {
      const ref = /@([^@/]+?)(#.*)?$/.exec(vcs[2].replace(/^git@[^:]+:/, ''))?.[1];
      if (ref && /^[0-9a-f]{40}$/.test(ref)) continue;
      out.push({ requirement: raw, why: ref ? `\`@${ref}\` is not a full commit sha` : 'a repository URL without `@<commit sha>` installs whatever its default branch holds' });
      continue;
    }
    if (/===?\s*[\w.*+!-]+$/.test(raw) && !raw.includes('*')) continue;
    const spec = /[<>~!=]=?|\^/.exec(raw);
    out.push({ requirement: raw, why: spec ? `\`${raw}\` allows more than one version` : `\`${raw}\` has no version: every install may get a different release` });
  }
  return out;
}
