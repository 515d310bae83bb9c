import * as path from 'path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '../project/config';
import { ScanCache } from '../project/scan-cache';
import { listRules, showRule } from './rules-command';
import { scan, UsageError } from './scan';

declare const MLSEC_VERSION: string;
const version = typeof MLSEC_VERSION === 'string' ? MLSEC_VERSION : '0.0.0-dev';

const codes = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
};

export async function main(argv: string[]): Promise<number> {
  let exit = 0;
  const program = new Command('mlsec')
    .description('Security linter for Python machine-learning code and notebooks')
    .version(version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('scan')
    .description('scan .py and .ipynb files (default: the current folder)')
    .argument('[paths...]', 'files or folders to scan')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif', 'github', 'gitlab', 'junit']).default('text'))
    .option('--changed-since <ref>', 'only files changed since this git ref, and untracked ones')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--select <codes>', 'enable only these codes or prefixes (comma-separated)', codes)
    .option('--ignore <codes>', 'disable these codes or prefixes (comma-separated)', codes)
    .option('--fix', 'apply safe fixes')
    .option('--diff', 'print the fixes --fix would apply as a diff, and change no file (exit 1 if there are any)')
    .option('--unsafe-fixes', 'with --fix or --diff, also fixes that may change behaviour')
    .option('--baseline <file>', 'hide findings recorded in this baseline file')
    .option('--write-baseline <file>', 'record all current findings in a baseline file (exits 0)')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1 (default: warning)').choices(['error', 'warning', 'info', 'never']))
    .option('--config <file>', 'configuration file: a pyproject.toml ([tool.mlsec]) or an mlsec.toml (default: the nearest .mlsec.toml, mlsec.toml or pyproject.toml with [tool.mlsec])')
    .option('--stdin-filename <path>', 'lint standard input as this file (its configuration, per-file ignores and kind); with --fix, print the fixed source on stdout and the report on stderr')
    .option('-j, --jobs <n>', 'threads that lint, this one and N-1 workers (default: one per core from 4096 files on 2 cores, 1024 on more; one thread below)', positive)
    .option('--no-cache', 'lint every file, reading and writing no scan cache')
    .option('--cache-dir <dir>', 'where the scan cache lives (default: $MLSEC_CACHE_DIR, or mlsec/scan in the user cache folder)')
    .option('--no-color', 'plain text output')
    .option('-q, --quiet', 'print findings only, one line each')
    .option('--statistics', 'print how many findings each rule made, instead of the findings (a table, or JSON with --format json)')
    .action(async (paths: string[], o) => {
      exit = await scan(paths, {
        format: o.format,
        changedSince: o.changedSince,
        output: o.output,
        select: o.select,
        ignore: o.ignore,
        fix: o.fix === true,
        diff: o.diff === true,
        statistics: o.statistics === true,
        stdinFilename: o.stdinFilename,
        unsafeFixes: o.unsafeFixes === true,
        baseline: o.baseline,
        writeBaseline: o.writeBaseline,
        failOn: o.failOn,
        color: o.color && !o.output && process.stdout.isTTY === true && !process.env.NO_COLOR,
        quiet: o.quiet === true,
        config: o.config,
        jobs: o.jobs,
        cache: o.cache,
        cacheDir: o.cacheDir,
        version,
      });
    });

  program
    .command('server')
    .description('run the language server (LSP over stdio) for any editor')
    .option('--stdio', 'talk LSP over stdin/stdout (the default)')
    .action(() => {
      // The server is its own bundle beside this one, loaded for this command only: a scan need not
      // compile the protocol and server code (two fifths of this bundle as it was).
      const server: typeof import('../server/main') = require(path.join(__dirname, 'server.js'));
      server.startStdioServer();
      exit = -1;
    });

  program
    .command('clean')
    .description("remove the scan cache (every project's)")
    .option('--cache-dir <dir>', 'the cache folder to empty (default: $MLSEC_CACHE_DIR, or mlsec/scan in the user cache folder)')
    .action((o: { cacheDir?: string }) => {
      const dir = path.resolve(o.cacheDir ?? (process.env.MLSEC_CACHE_DIR || ScanCache.defaultDir()));
      const n = ScanCache.clean(dir);
      process.stdout.write(n ? `Removed ${n} cache file${n === 1 ? '' : 's'} from ${dir}.\n` : `No scan cache in ${dir}.\n`);
    });

  program
    .command('rules')
    .description('list every rule with its category, severity and fix')
    .action(() => {
      process.stdout.write(listRules());
    });

  program
    .command('rule')
    .description('print the documentation of one rule')
    .argument('<code>', 'rule code (MLS101) or name (pickle-load)')
    .action((code: string) => {
      const doc = showRule(code);
      if (!doc) throw new UsageError(`unknown rule: ${code} (see \`mlsec rules\`)`);
      process.stdout.write(doc);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    if (err.code?.startsWith('commander.')) return 2;
    if (e instanceof UsageError || e instanceof ConfigError || (e instanceof Error && /baseline/.test(e.message))) {
      process.stderr.write(`mlsec: error: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

/** Runs the CLI as a process: sets the exit code, reports crashes on stderr. */
export function run(argv: string[]): void {
  main(argv).then(
    (code) => {
      // A negative code means a long-running command (the server) that exits on its own.
      if (code >= 0) process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`mlsec: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) run(process.argv.slice(2));
