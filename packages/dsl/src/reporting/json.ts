/**
 * The JSON report (`suan check --format json`). Its shape is documented in docs/report-format.md
 * and versioned by `schemaVersion`; additions are backwards compatible, removals bump the version.
 */
import { formatMessage, type Diagnostic } from '../diagnostics/diagnostic';
import type { DocumentResult, Outcome } from '../evaluation/results';
import type { Program } from '../semantics/program';
import type { Span } from '../syntax/ast';

export const REPORT_SCHEMA_VERSION = 1;

export interface ReportDiagnostic {
  code: string;
  severity: string;
  message: { zh: string; en: string };
  location: ReportLocation;
  suggestions?: string[];
}

export interface ReportLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Report {
  schemaVersion: number;
  tool: { name: 'suan'; version: string };
  ruleset: { id?: string; title?: { zh: string; en: string }; version?: string; issuer?: string; file: string; rules: number };
  summary: {
    documents: number;
    documentsWithErrors: number;
    rules: number;
    counts: Record<Outcome, number>;
    findings: { error: number; warning: number; info: number };
    ms: number;
  };
  /** Problems with the ruleset itself. */
  diagnostics: ReportDiagnostic[];
  documents: (Omit<DocumentResult, 'diagnostics'> & { diagnostics: ReportDiagnostic[]; loaded: boolean })[];
}

export function location(span: Span): ReportLocation {
  return { file: span.file, line: span.line, column: span.col, endLine: span.endLine, endColumn: span.endCol };
}

export function reportDiagnostic(d: Diagnostic): ReportDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: { zh: formatMessage(d, 'zh-CN'), en: formatMessage(d, 'en') },
    location: location(d.span),
    ...(d.suggestions?.length ? { suggestions: d.suggestions } : {}),
  };
}

/** Counts findings by effective severity. */
export function severityCounts(docs: readonly DocumentResult[]): { error: number; warning: number; info: number } {
  const out = { error: 0, warning: 0, info: 0 };
  for (const d of docs) {
    for (const r of d.rules) {
      for (const f of r.findings) if (f.outcome === 'fail' || f.outcome === 'coarse' || f.outcome === 'error') out[f.severity]++;
      if (r.error) out.error++;
    }
  }
  return out;
}

export interface DocumentEntry {
  file: string;
  result?: DocumentResult;
  /** Diagnostics of a file that could not be loaded (or of its data). */
  diagnostics: Diagnostic[];
}

/** Builds the report object. */
export function buildReport(program: Program, entries: readonly DocumentEntry[], ms: number, toolVersion: string): Report {
  const results = entries.map((e) => e.result).filter((r): r is DocumentResult => !!r);
  const counts: Record<Outcome, number> = { pass: 0, fail: 0, coarse: 0, na: 0, error: 0 };
  for (const r of results) for (const k of Object.keys(counts) as Outcome[]) counts[k] += r.counts[k];
  const info = program.info;
  const title = info.title ? { zh: info.title.variants.find((v) => v.lang !== 'en')?.value ?? '', en: info.title.variants.find((v) => v.lang === 'en')?.value ?? info.title.variants[0]!.value } : undefined;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'suan', version: toolVersion },
    ruleset: { id: info.id, title, version: info.version, issuer: info.issuer?.variants[0]?.value, file: program.entry, rules: program.rules.filter((r) => !r.disabled).length },
    summary: {
      documents: entries.length,
      documentsWithErrors: entries.filter((e) => !e.result || e.diagnostics.some((d) => d.severity === 'error')).length,
      rules: program.rules.filter((r) => !r.disabled).length,
      counts,
      findings: severityCounts(results),
      ms: Math.round(ms),
    },
    diagnostics: program.diagnostics.map(reportDiagnostic),
    documents: entries.map((e) => {
      if (!e.result) return { file: e.file, rules: [], counts: { pass: 0, fail: 0, coarse: 0, na: 0, error: 0 }, ms: 0, diagnostics: e.diagnostics.map(reportDiagnostic), loaded: false };
      return { ...e.result, diagnostics: e.result.diagnostics.map(reportDiagnostic), loaded: true };
    }),
  };
}
