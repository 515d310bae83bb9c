import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { ruleDocsUrl, type Finding, type Severity } from '../engine';

/** A fix as carried in a diagnostic's `data`, already in the document's coordinates. */
export interface DiagnosticFix {
  title: string;
  safety: 'safe' | 'unsafe' | 'display-only';
  edits: { range: Range; newText: string }[];
}

export interface DiagnosticData {
  fixes: DiagnosticFix[];
  /** For a finding in a notebook cell's output: which output (LSP cannot edit outputs; the VS Code client can). */
  output?: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Fix titles with no edit (display-only advice) of each diagnostic, for hover: they make no code action. */
const advice = new WeakMap<Diagnostic, string[]>();

/** What a diagnostic advises doing by hand ("Pin revision=<sha>"), if anything. */
export function adviceOf(d: Diagnostic): readonly string[] {
  return advice.get(d) ?? [];
}

/**
 * A finding as an LSP diagnostic. The fixes travel in `data`, so code actions are rebuilt from the
 * diagnostic the client sends back and no server-side cache can go stale.
 */
export function toDiagnostic(f: Finding, range: Range, allFixes: DiagnosticFix[], related: Diagnostic['relatedInformation']): Diagnostic {
  // A fix with no edit (display-only advice: "pin revision=<sha>") makes no code action; it is shown
  // on hover (`adviceOf`) and in the CLI's output. No fix and no output: no `data` (it is sent on
  // every keystroke for every finding).
  const fixes = allFixes.filter((x) => x.edits.length > 0);
  const data: DiagnosticData | undefined = fixes.length || f.cell?.output !== undefined ? { fixes, ...(f.cell?.output !== undefined ? { output: f.cell.output } : {}) } : undefined;
  const d: Diagnostic = {
    range,
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: ruleDocsUrl(f.code) },
    source: 'mlsec',
    message: f.message,
    ...(f.code === 'MLS001' ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(related?.length ? { relatedInformation: related } : {}),
    ...(data ? { data } : {}),
  };
  const hints = allFixes.filter((x) => x.edits.length === 0).map((x) => x.title);
  if (hints.length) advice.set(d, hints);
  return d;
}
