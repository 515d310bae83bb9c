// Only the benchmark's part on keystrokes that break the code, at 1,000, 5,000 and 20,000 lines,
// printed as the full report prints it: `node bench/broken-latency.js [--quick]` (build first).
const { measureBroken } = require('./lsp-latency');
const { brokenSection, brokenTargets } = require('./broken-report');

const quick = process.argv.includes('--quick');
const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

async function main() {
  const results = [];
  for (const lines of [1000, 5000, 20000]) results.push(await measureBroken(lines, quick ? 40 : lines >= 20000 ? 100 : 200));
  console.log([...brokenSection(results, ms), '| target | measured | |', '|---|---|---|', ...brokenTargets(results, ms, (ok) => (ok ? 'met' : 'not met'))].join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
