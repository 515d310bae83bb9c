// The benchmark report's part on keystrokes that break the code (bench/lsp-latency.js's
// `measureBroken`): a table beside the valid keystrokes of the same run, and the targets' rows.

const KIND_NAMES = { indentation: 'a letter in indentation', keyword: 'a letter in a keyword', bracket: 'an unclosed `(`', string: 'an unclosed `"`' };

/** The report's lines for `results` (one `measureBroken` result per file size). */
function brokenSection(results, ms) {
  const row = (lines, what, l) => `| ${lines} | ${what} | ${l.edits} | ${ms(l.p50)} | ${ms(l.p90)} | ${ms(l.p99)} |`;
  return [
    'Keystrokes that break the code for a moment (`bench/broken-edits.js`: a letter typed into the indentation of a line or into a keyword, an opening bracket or quote with nothing to close it, which in a parse of the whole file swallows the rest), each followed by its undo, both timed; in the same server, before them, valid keystrokes (a letter, then a space, after each `loss`). Times until the diagnostics arrive, or until the server says it is done when they did not change (it then publishes nothing):',
    '',
    '| lines | keystrokes | edits | p50 (ms) | p90 (ms) | p99 (ms) |',
    '|---|---|---|---|---|---|',
    ...results.flatMap((r) => [
      row(r.lines, 'valid', r.valid),
      row(r.lines, '**breaking, and undo**', r.broken),
      ...Object.entries(r.kinds).map(([k, l]) => row(r.lines, `&nbsp;&nbsp;${KIND_NAMES[k] ?? k}`, l)),
      row(r.lines, 'all of them', r.all),
    ]),
    '',
  ];
}

/** The targets' rows: at 5,000 lines p50 <= 5 ms and p99 <= 25 ms, at 20,000 lines p99 <= 50 ms, breaking keystrokes included. */
function brokenTargets(results, ms, met) {
  const at = (lines) => results.find((r) => r.lines === lines);
  const rows = [];
  const five = at(5000);
  if (five) rows.push(`| keystroke p50 at most 5 ms, p99 at most 25 ms, breaking keystrokes and undos included (5k lines) | p50 ${ms(five.all.p50)} ms, p99 ${ms(five.all.p99)} ms (breaking alone: ${ms(five.broken.p50)}, ${ms(five.broken.p99)}) | ${met(five.all.p50 <= 5 && five.all.p99 <= 25)} |`);
  const twenty = at(20000);
  if (twenty) rows.push(`| keystroke p99 at most 50 ms, breaking keystrokes and undos included (20k lines) | p99 ${ms(twenty.all.p99)} ms (breaking alone: ${ms(twenty.broken.p99)}) | ${met(twenty.all.p99 <= 50)} |`);
  return rows;
}

module.exports = { brokenSection, brokenTargets };
