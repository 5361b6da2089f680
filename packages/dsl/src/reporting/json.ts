/**
 * The JSON report (`suan check --format json`). Its shape is documented in docs/report-format.md
 * and versioned by `schemaVersion`; additions are backwards compatible, removals bump the version.
 * Written as a stream: documents appear as they are checked, the summary comes last.
 */
import { formatMessage, type Diagnostic } from '../diagnostics/diagnostic';
import type { DocumentResult } from '../evaluation/results';
import { activeRuleCount, type Program } from '../semantics/program';
import type { Span } from '../syntax/ast';
import type { DocumentEntry, Reporter, RunInfo, RunSummary } from './reporter';
import type { Output } from './sink';

export const REPORT_SCHEMA_VERSION = 1;

export interface ReportLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReportDiagnostic {
  code: string;
  severity: string;
  message: { zh: string; en: string };
  location: ReportLocation;
  suggestions?: string[];
}

export interface ReportDocument extends Omit<DocumentResult, 'diagnostics'> {
  /** false when the file could not be read (then `diagnostics` says why). */
  loaded: boolean;
  diagnostics: ReportDiagnostic[];
}

export interface Report {
  schemaVersion: number;
  tool: { name: 'suan'; version: string };
  ruleset: RulesetInfoView;
  /** Problems with the ruleset itself. */
  diagnostics: ReportDiagnostic[];
  documents: ReportDocument[];
  summary: RunSummary;
}

export interface RulesetInfoView {
  id?: string;
  title?: { zh: string; en: string };
  version?: string;
  issuer?: string;
  file: string;
  rules: number;
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

export function rulesetInfo(program: Program): RulesetInfoView {
  const info = program.info;
  const title = info.title
    ? { zh: info.title.variants.find((v) => v.lang !== 'en')?.value ?? '', en: info.title.variants.find((v) => v.lang === 'en')?.value ?? info.title.variants[0]!.value }
    : undefined;
  return { id: info.id, title, version: info.version, issuer: info.issuer?.variants[0]?.value, file: program.entry, rules: activeRuleCount(program) };
}

export function reportDocument(e: DocumentEntry): ReportDocument {
  if (!e.result) return { file: e.file, rules: [], counts: { pass: 0, fail: 0, coarse: 0, na: 0, error: 0 }, ms: 0, diagnostics: e.diagnostics.map(reportDiagnostic), loaded: false };
  return { ...e.result, diagnostics: e.result.diagnostics.map(reportDiagnostic), loaded: true };
}

/** Streams the JSON report. */
export class JsonReporter implements Reporter {
  private first = true;

  constructor(private readonly out: Output) {}

  begin(run: RunInfo): void {
    const head = {
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: { name: 'suan', version: run.toolVersion },
      ruleset: rulesetInfo(run.program),
      diagnostics: run.program.diagnostics.map(reportDiagnostic),
    };
    const text = JSON.stringify(head, null, 2);
    this.out.write(`${text.slice(0, -2)},\n  "documents": [`);
  }

  document(e: DocumentEntry): void {
    const body = JSON.stringify(reportDocument(e), null, 2).replace(/\n/g, '\n    ');
    this.out.write(`${this.first ? '\n    ' : ',\n    '}${body}`);
    this.first = false;
  }

  end(summary: RunSummary): void {
    const s = JSON.stringify(summary, null, 2).replace(/\n/g, '\n  ');
    this.out.write(`${this.first ? '' : '\n  '}],\n  "summary": ${s}\n}\n`);
  }
}

/** The whole report as an object (for API users and tests). */
export function buildReport(run: RunInfo, entries: readonly DocumentEntry[], summary: RunSummary): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'suan', version: run.toolVersion },
    ruleset: rulesetInfo(run.program),
    diagnostics: run.program.diagnostics.map(reportDiagnostic),
    documents: entries.map(reportDocument),
    summary,
  };
}
