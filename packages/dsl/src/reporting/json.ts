/**
 * The JSON report (`suan check --format json`). Its shape is documented in docs/report-format.md
 * and versioned by `schemaVersion`; additions are backwards compatible, removals bump the version.
 * Written as a stream: documents appear as they are checked, one per line, the summary comes last.
 * What a rule is (title, severity, where it is written) is said once, in `rules`; each document
 * carries only its outcomes, so the report grows by what the documents say, not by the ruleset.
 */
import type { BundleOrigin } from '../semantics/bundle';
import { formatMessage, type Diagnostic } from '../diagnostics/diagnostic';
import { localisedTitle, ruleInfos, ruleOutcome, type DocumentResult, type Localised, type RuleInfo, type RuleOutcome, type RuleResult } from '../evaluation/results';
import { activeRuleCount, type Program } from '../semantics/program';
import type { Span } from '../syntax/ast';
import type { DocumentEntry, Reporter, RunInfo, RunSummary } from './reporter';
import type { Chunk, Output } from './sink';

export const REPORT_SCHEMA_VERSION = 2;

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

export interface ReportDocument extends Omit<DocumentResult, 'diagnostics' | 'rules'> {
  /** false when the file could not be read (then `diagnostics` says why). */
  loaded: boolean;
  diagnostics: ReportDiagnostic[];
  /** Per rule, in ruleset order: counts and findings (the rule itself is described in {@link Report.rules}). */
  rules: RuleOutcome[];
}

export interface Report {
  schemaVersion: number;
  tool: { name: 'suan'; version: string };
  ruleset: RulesetInfoView;
  /** Problems with the ruleset itself. */
  diagnostics: ReportDiagnostic[];
  /** Every active rule and scorecard, in the order documents list them. */
  rules: RuleInfo[];
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
  /** When checked from a compiled bundle: its file and hash, and whether the sources that `file` and the rules' places name are beside it. */
  compiled?: BundleOrigin;
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

export function rulesetInfo(program: Program, bundle?: BundleOrigin): RulesetInfoView {
  const info = program.info;
  const title = info.title ? localisedTitle(info.title, '') : undefined;
  return { id: info.id, title, version: info.version, issuer: info.issuer?.variants[0]?.value, file: program.entry, rules: activeRuleCount(program), ...(bundle ? { compiled: bundle } : {}) };
}

/**
 * `JSON.stringify(reportDocument(e))`, with the rules that have nothing to explain (most of them,
 * in most documents) written from a template: the same text, a good deal faster (tested equal).
 */
export function documentJson(e: DocumentEntry): string {
  if (!e.result) return JSON.stringify(reportDocument(e));
  const json = JSON.stringify({ ...e.result, rules: [], diagnostics: e.result.diagnostics.map(reportDiagnostic), loaded: true });
  // The first `"rules":[]` is the key: inside a JSON string a quote is always escaped.
  const at = json.indexOf('"rules":[]');
  const rules = e.result.rules.map(ruleJson).join(',');
  return `${json.slice(0, at)}"rules":[${rules}]${json.slice(at + 10)}`;
}

function ruleJson(r: RuleResult): string {
  const c = r.counts;
  if (r.findings.length > 0 || r.kind || r.error) return JSON.stringify(ruleOutcome(r));
  // Most rules end as they did in the document before (pass 1, or nothing to check): that text again.
  const last = lastOutcomes.get(r.id);
  if (last && last.na === r.notApplicable && last.pass === c.pass && last.fail === c.fail && last.coarse === c.coarse && last.n === c.na && last.error === c.error) return last.json;
  const na = r.notApplicable ? `,"notApplicable":${reasonJson(r.notApplicable)}` : '';
  const json = `${ruleOpening(r.id)},"counts":{"pass":${c.pass},"fail":${c.fail},"coarse":${c.coarse},"na":${c.na},"error":${c.error}},"findings":[]${na}}`;
  if (lastOutcomes.size >= 4096) lastOutcomes.clear();
  lastOutcomes.set(r.id, { na: r.notApplicable, pass: c.pass, fail: c.fail, coarse: c.coarse, n: c.na, error: c.error, json });
  return json;
}

// JSON text that document after document repeats, made once (bounded memos of pure functions).
/** A rule's last outcome with nothing to explain, by rule id, and its JSON text. */
const lastOutcomes = new Map<string, { na: Localised | undefined; pass: number; fail: number; coarse: number; n: number; error: number; json: string }>();
const openings = new Map<string, string>();
const reasons = new Map<Localised, string>();

/** `{"id":"JS0101"`: how a rule's entry opens. */
function ruleOpening(id: string): string {
  let t = openings.get(id);
  if (t === undefined) {
    if (openings.size >= 4096) openings.clear();
    openings.set(id, (t = `{"id":${JSON.stringify(id)}`));
  }
  return t;
}

/** A not-applicable reason as JSON; the evaluator shares one frozen object per reason, so each is written once. */
function reasonJson(reason: Localised): string {
  if (!Object.isFrozen(reason)) return JSON.stringify(reason);
  let t = reasons.get(reason);
  if (t === undefined) {
    if (reasons.size >= 4096) reasons.clear();
    reasons.set(reason, (t = JSON.stringify(reason)));
  }
  return t;
}

export function reportDocument(e: DocumentEntry): ReportDocument {
  if (!e.result) return { file: e.file, rules: [], counts: { pass: 0, fail: 0, coarse: 0, na: 0, error: 0 }, ms: 0, diagnostics: e.diagnostics.map(reportDiagnostic), loaded: false };
  return { ...e.result, rules: e.result.rules.map(ruleOutcome), diagnostics: e.result.diagnostics.map(reportDiagnostic), loaded: true };
}

/** The active rules and scorecards of a run, as the report's `rules` lists them. */
export function reportRules(run: RunInfo): RuleInfo[] {
  const infos = ruleInfos(run.program);
  return [...run.program.rules, ...run.program.scorecards].filter((s) => !s.disabled).map((s) => infos.get(s.id)!);
}

/** Streams the JSON report. */
export class JsonReporter implements Reporter {
  private first = true;

  constructor(private readonly out: Output) {}

  begin(run: RunInfo): void {
    const head = {
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: { name: 'suan', version: run.toolVersion },
      ruleset: rulesetInfo(run.program, run.bundle),
      diagnostics: run.program.diagnostics.map(reportDiagnostic),
    };
    const text = JSON.stringify(head, null, 2);
    const rules = reportRules(run).map((r) => `    ${JSON.stringify(r)}`).join(',\n');
    this.out.write(`${text.slice(0, -2)},\n  "rules": [${rules ? `\n${rules}\n  ` : ''}],\n  "documents": [`);
  }

  document(e: DocumentEntry): void {
    this.writeRendered(this.render(e));
  }

  render(e: DocumentEntry): string {
    return documentJson(e);
  }

  writeRendered(text: Chunk): void {
    this.out.write(this.first ? '\n    ' : ',\n    ');
    this.out.write(text);
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
    ruleset: rulesetInfo(run.program, run.bundle),
    diagnostics: run.program.diagnostics.map(reportDiagnostic),
    rules: reportRules(run),
    documents: entries.map(reportDocument),
    summary,
  };
}
