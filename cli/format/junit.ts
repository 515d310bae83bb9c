import { location, type ScanReport } from '../report';

/** JUnit XML: one test case per scanned file, one failure per finding. */
export function formatJunit(report: ScanReport): string {
  const byFile = new Map(report.files.map((f) => [f, [] as ScanReport['findings']]));
  for (const item of report.findings) byFile.get(item.file)?.push(item);
  const cases = [...byFile].map(([file, items]) => {
    const failures = items.map(
      ({ finding: f }) =>
        `      <failure type="${f.code}" message="${xml(`${f.code} ${f.message}`)}">${xml(`${location(file.rel, f)}: ${f.code} ${f.severity}: ${f.message}`)}</failure>`,
    );
    const skipped = file.error ? [`      <skipped message="${xml(file.error)}"/>`] : [];
    const body = [...failures, ...skipped];
    return `    <testcase classname="mlsec" name="${xml(file.rel)}"${body.length ? `>\n${body.join('\n')}\n    </testcase>` : '/>'}`;
  });
  const failing = [...byFile.values()].filter((i) => i.length).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mlsec" tests="${byFile.size}" failures="${failing}">`,
    `  <testsuite name="mlsec" tests="${byFile.size}" failures="${failing}" skipped="${report.files.filter((f) => f.error).length}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function xml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}
