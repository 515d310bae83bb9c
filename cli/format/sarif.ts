import { pathToFileURL } from 'url';
import type { Fix, Log, Region, ReportingDescriptor, Result } from 'sarif';
import { ruleDocsUrl, type Rule, type Severity } from '../../engine';
import type { ReportedFinding } from '../lint-file';
import type { ScanReport } from '../report';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning ranks security alerts by this score (0-10). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '2.0' };

/** A Python finding's fixes that edit, as SARIF fixes (regions 1-based, columns in UTF-16 code units, SARIF's default). */
function fixesOf(rel: string, f: ReportedFinding): { fixes?: Fix[] } {
  const fixes = f.fixes.flatMap((x, i): Fix[] => {
    const edits = f.fixEdits?.[i];
    if (!edits?.length || x.safety === 'display-only') return [];
    const replacements = edits.map((e) => ({
      deletedRegion: { startLine: e.range.start.line + 1, startColumn: e.range.start.column + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.column + 1 },
      insertedContent: { text: e.text },
    }));
    return [{ description: { text: x.title }, artifactChanges: [{ artifactLocation: { uri: encodeURI(rel), uriBaseId: '%SRCROOT%' }, replacements }], properties: { safety: x.safety } }];
  });
  return fixes.length ? { fixes } : {};
}

/**
 * Where a finding is in its file: lines and columns, a notebook's line of the stored file, or for
 * a model file (no lines) the byte offset when it is one of the file itself; a finding inside an
 * archive member has only the file, its member and offset in the properties.
 */
function regionOf(f: ReportedFinding): { region?: Region } {
  if (f.artifact) return f.artifact.member === undefined && f.artifact.offset !== undefined ? { region: { byteOffset: f.artifact.offset } } : {};
  if (f.cell) return { region: { startLine: f.cell.rawLine + 1 } };
  return { region: { startLine: f.range.start.line + 1, startColumn: f.range.start.column + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.column + 1 } };
}

/** SARIF 2.1.0 with every rule's metadata, relative URIs under %SRCROOT%, and notebook cell positions. */
export function formatSarif(report: ScanReport, rules: readonly Rule[]): string {
  const index = new Map(rules.map((r, i) => [r.meta.code, i]));
  const descriptors: ReportingDescriptor[] = rules.map((r) => ({
    id: r.meta.code,
    name: pascal(r.meta.name),
    shortDescription: { text: r.meta.title },
    fullDescription: { text: firstParagraph(r.docs) },
    help: { text: r.meta.title, markdown: r.docs.trim() },
    helpUri: ruleDocsUrl(r.meta.code),
    defaultConfiguration: { level: LEVEL[r.meta.severity] },
    properties: {
      category: r.meta.category,
      tags: ['security', r.meta.category, ...r.meta.references.cwe, ...r.meta.references.atlas, ...r.meta.references.owaspLlm],
      precision: r.meta.confidence === 'high' ? 'high' : r.meta.confidence === 'medium' ? 'medium' : 'low',
      'security-severity': SECURITY_SEVERITY[r.meta.severity],
    },
  }));
  const results: Result[] = report.findings.map(({ file, finding: f, fingerprint }) => ({
    ruleId: f.code,
    ruleIndex: index.get(f.code),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(file.rel), uriBaseId: '%SRCROOT%' },
          ...regionOf(f),
        },
      },
    ],
    ...(f.related?.length && !f.cell && !f.artifact
      ? {
          relatedLocations: f.related.map((r, id) => ({
            id,
            message: { text: r.message },
            physicalLocation: {
              artifactLocation: { uri: encodeURI(file.rel), uriBaseId: '%SRCROOT%' },
              region: { startLine: r.range.start.line + 1, startColumn: r.range.start.column + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.column + 1 },
            },
          })),
        }
      : {}),
    ...fixesOf(file.rel, f),
    partialFingerprints: { 'mlsec/v1': fingerprint },
    properties: {
      confidence: f.confidence,
      ...(f.cell ? { cell: f.cell.cell, cellLine: f.cell.line + 1, cellColumn: f.cell.column + 1 } : {}),
      ...(f.cell?.output !== undefined ? { output: f.cell.output } : {}),
      ...(f.artifact ?? {}),
    },
  }));
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'MLSec', semanticVersion: report.toolVersion, informationUri: ruleDocsUrl('README').replace(/README\.md$/, ''), rules: descriptors } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(report.root).href.replace(/\/?$/, '/') } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.files
              .filter((f) => f.error)
              .map((f) => ({
                level: 'warning' as const,
                message: { text: f.error! },
                locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.rel), uriBaseId: '%SRCROOT%' } } }],
              })),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function pascal(slug: string): string {
  return slug.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function firstParagraph(docs: string): string {
  const body = docs.split('## What it does')[1] ?? docs;
  return body.trim().split(/\n\s*\n/)[0].replace(/`/g, '').trim();
}
