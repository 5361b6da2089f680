/**
 * Reports are written as documents are checked, in input order, so memory stays flat however
 * many documents a run has. Every format implements `Reporter`.
 */
import type { BundleOrigin } from '../semantics/bundle';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic';
import { MAX_FINDINGS_PER_RULE, WHOLE_CARD_KEYS, type DocumentResult, type Finding, type Outcome, type RuleResult } from '../evaluation/results';
import type { Program } from '../semantics/program';
import type { Span } from '../syntax/ast';
import type { Chunk } from './sink';

export interface DocumentEntry {
  file: string;
  result?: DocumentResult;
  /** Diagnostics of the data (all of them when the file could not be loaded). */
  diagnostics: Diagnostic[];
}

export interface RunInfo {
  program: Program;
  lang: Lang;
  /** Paths in reports are shown relative to this directory. */
  cwd: string;
  toolVersion: string;
  /** The compiled bundle the ruleset was checked from, if it was. */
  bundle?: BundleOrigin;
}

export interface RunSummary {
  documents: number;
  /** Documents that could not be read, or whose data has errors. */
  documentsWithErrors: number;
  /**
   * Documents read without a data error but with a warning about their data (a table without
   * any of its columns, a misspelt column or table name, a key written twice): rules may have
   * had nothing to check.
   */
  documentsWithWarnings: number;
  rules: number;
  counts: Record<Outcome, number>;
  /**
   * The findings every report lists, by severity ({@link isReported}): failing findings (fail,
   * coarse, error; a coarse one one step below its rule) and rule-level errors, and the notes a
   * scorecard makes about indicators it cannot compute (info).
   */
  findings: { error: number; warning: number; info: number };
  ms: number;
  /** The run stopped before its end (a signal, a report that could not be written): how far it got. */
  incomplete?: { checked: number; documents: number };
}

export interface Reporter {
  begin(run: RunInfo): void;
  document(entry: DocumentEntry): void;
  end(summary: RunSummary): void;
  /**
   * For formats whose text for a document depends on that document and the run alone: the
   * text, so that a worker thread can render it (`document(e)` is `writeRendered(render(e))`).
   */
  render?(entry: DocumentEntry): string;
  /** Writes what `render` produced, possibly on another thread (then as UTF-8 bytes). */
  writeRendered?(text: Chunk): void;
}

/** What a document adds to a run's summary (all the main thread needs when the reports were written on a worker). */
export interface DocumentTally {
  loaded: boolean;
  /** The document has a data error (a diagnostic of severity error), or could not be loaded. */
  dataError: boolean;
  /** The document has no data error but a warning about its data. */
  dataWarning: boolean;
  counts: Record<Outcome, number>;
  findings: { error: number; warning: number; info: number };
}

/** A document's tally. */
export function tallyOf(e: DocumentEntry): DocumentTally {
  const t: DocumentTally = {
    loaded: !!e.result,
    dataError: !e.result || e.diagnostics.some((d) => d.severity === 'error'),
    dataWarning: false,
    counts: { pass: 0, fail: 0, coarse: 0, na: 0, error: 0 },
    findings: { error: 0, warning: 0, info: 0 },
  };
  if (!e.result) return t;
  t.dataWarning = !t.dataError && e.diagnostics.some((d) => d.severity === 'warning');
  t.counts = { ...e.result.counts };
  for (const r of e.result.rules) {
    for (const f of r.findings) if (isReported(r, f)) t.findings[f.severity]++;
    if (r.omitted) for (const sev of ['error', 'warning', 'info'] as const) t.findings[sev] += r.omitted[sev];
    if (r.error) t.findings.error++;
  }
  return t;
}

/** Accumulates the summary of a run from its documents' tallies. */
export class SummaryCounter {
  private readonly s: RunSummary;

  constructor(rules: number) {
    this.s = { documents: 0, documentsWithErrors: 0, documentsWithWarnings: 0, rules, counts: { pass: 0, fail: 0, coarse: 0, na: 0, error: 0 }, findings: { error: 0, warning: 0, info: 0 }, ms: 0 };
  }

  add(t: DocumentTally): void {
    this.s.documents++;
    if (t.dataError) this.s.documentsWithErrors++;
    if (t.dataWarning) this.s.documentsWithWarnings++;
    if (!t.loaded) return;
    for (const k of Object.keys(this.s.counts) as Outcome[]) this.s.counts[k] += t.counts[k];
    for (const k of Object.keys(this.s.findings) as (keyof DocumentTally['findings'])[]) this.s.findings[k] += t.findings[k];
  }

  summary(ms: number, incomplete?: RunSummary['incomplete']): RunSummary {
    return { ...this.s, counts: { ...this.s.counts }, findings: { ...this.s.findings }, ms: Math.round(ms), ...(incomplete ? { incomplete } : {}) };
  }
}

/** Whether a finding is a problem (not a pass, not "not applicable"). */
export function isProblem(outcome: Outcome): boolean {
  return outcome === 'fail' || outcome === 'coarse' || outcome === 'error';
}

/**
 * Whether a finding is a scorecard's note that an indicator's score cannot be computed (outcome
 * `na`, severity `info`; the total then counts its reported score). A scorecard lists these
 * whatever `--detail`, so that a reviewer sees which scores were taken on trust; they are not
 * problems (a rule's not-applicable bindings, listed only with `--detail all`, are not notes).
 */
export function isNote(rule: Pick<RuleResult, 'kind'>, f: Pick<Finding, 'outcome' | 'bindings'>): boolean {
  return rule.kind === 'scorecard' && f.outcome === 'na' && !WHOLE_CARD_KEYS.has(f.bindings[0]?.key ?? '');
}

/**
 * Whether every report lists a finding and the summary counts it by its severity: a problem, or a
 * scorecard's note ({@link isNote}).
 */
export function isReported(rule: Pick<RuleResult, 'kind'>, f: Pick<Finding, 'outcome' | 'bindings'>): boolean {
  return isProblem(f.outcome) || isNote(rule, f);
}

/**
 * The place of the data a finding is about (in `file`, when given): the cell or fact read that
 * is the comparison's actual side when one matches (a narrative's figure, not the label cell the
 * rule looked its row up by), else the first one read, else its binding's row. Every report and
 * the editor place a finding there.
 */
export function findingPlace(f: Pick<Finding, 'reads' | 'bindings' | 'comparison'>, file?: string): Span | undefined {
  const here = file === undefined ? f.reads : f.reads.filter((r) => r.span.file === file);
  const actual = f.comparison?.actual.exact;
  const match = actual !== undefined ? here.find((r) => r.value.exact === actual) : undefined;
  return match?.span ?? here[0]?.span ?? f.bindings.find((b) => b.span !== undefined && (file === undefined || b.span.file === file))?.span;
}

/**
 * Where a finding is, for people and for golden files: its bindings as `table[key]` (plus the
 * roll-up column): `收入决算表[210] 本年收入合计`; for a rule without bindings, the facts it read
 * (else the tables it read).
 */
export function findingWhere(f: Pick<Finding, 'bindings' | 'reads'>): string {
  if (f.bindings.length) return f.bindings.map((b) => `${b.table}[${b.key}]${b.column ? ` ${b.column}` : ''}`).join(' ');
  const facts = [...new Set(f.reads.filter((r) => r.kind === 'fact').map((r) => r.fact!))];
  if (facts.length) return facts.join('、');
  return [...new Set(f.reads.map((r) => r.table!).filter(Boolean))].join('、');
}

/** Data problems of one code that people's reports (text, HTML) list per document; the rest are counted. */
export const PROBLEMS_LISTED_PER_CODE = 10;

/**
 * The first `limit` diagnostics of each code, in order, and how many of each code were left out:
 * one problem repeated over a table of 20,000 rows is not 20,000 lines of the same line.
 */
export function firstOfEachCode<D extends { code: string }>(diagnostics: readonly D[], limit = PROBLEMS_LISTED_PER_CODE): { listed: D[]; left: Map<string, number> } {
  const seen = new Map<string, number>();
  const listed: D[] = [];
  for (const d of diagnostics) {
    const n = (seen.get(d.code) ?? 0) + 1;
    seen.set(d.code, n);
    if (n <= limit) listed.push(d);
  }
  const left = new Map<string, number>();
  for (const [code, n] of seen) if (n > limit) left.set(code, n - limit);
  return { listed, left };
}

/**
 * A rule's failing findings past the first MAX_FINDINGS_PER_RULE of a document: counted (in the
 * rule's counts and the summary), not kept. Every format that lists findings says so with this:
 * how many, their worst severity, and the sentence.
 */
export function omittedNote(rule: RuleResult, lang: Lang): { count: number; severity: 'error' | 'warning' | 'info'; text: string } | undefined {
  const o = rule.omitted;
  const count = o ? o.error + o.warning + o.info : 0;
  if (!o || count === 0) return undefined;
  const kept = MAX_FINDINGS_PER_RULE.toLocaleString('en');
  const n = count.toLocaleString('en');
  return {
    count,
    severity: o.error ? 'error' : o.warning ? 'warning' : 'info',
    text: lang === 'en' ? `… and ${n} more past the first ${kept}, counted but not kept (in no report)` : `……前 ${kept} 条之后另有 ${n} 条，只计数，不列出（任何报告中都没有）`,
  };
}

/** What a report of a run that stopped early says of it (CSV's last row, JUnit's error). */
export function incompleteText({ checked, documents }: NonNullable<RunSummary['incomplete']>, lang: Lang): string {
  return lang === 'en'
    ? `the run stopped after ${checked} of ${documents} documents; this report is incomplete`
    : `检查了 ${documents} 个文件中的 ${checked} 个后停止；本报告不完整`;
}

/** `text` on one line: the line breaks the data put in it (a cell's text in a message), and the spaces around them, as one space. */
export function oneLineText(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
}
