/**
 * What evaluating a ruleset on a disclosure produces. These types are the contract with the
 * CLI reports (the JSON report is these objects) and the language server; keep them stable.
 * Numbers are exact decimal strings, never JS numbers.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Severity, Span } from '../syntax/ast';
import type { Program } from '../semantics/program';

export type Outcome = 'pass' | 'fail' | 'coarse' | 'na' | 'error';

export interface Localised {
  zh: string;
  en: string;
}

/** A value as shown to people, with its exact form. */
export interface ValueView {
  /** Formatted for people: "2,330.12 万元", "83.59%", "（空白）". */
  text: Localised;
  /** Exact decimal string of the point value ("2330.12"; a percentage as a ratio "0.8359"); absent for non-numbers. */
  exact?: string;
  kind?: 'money' | 'percent' | 'count' | 'number' | 'text' | 'bool' | 'blank' | 'missing' | 'row' | 'other';
  unit?: string;
  /** The interval the number stands for, when it is not exact: [lower, upper] as exact decimals. */
  interval?: [string, string];
  /** The same interval for people: "[83.585%, 83.595%]", "[2,308.545, 2,308.555] 万元". */
  intervalText?: string;
}

/** A cell or fact a finding read, with where it is written. */
export interface DataRef {
  kind: 'cell' | 'fact';
  table?: string;
  row?: string;
  column?: string;
  fact?: string;
  /** The text as written in the data ("2,308.55"), null for a blank. */
  written: string | null;
  value: ValueView;
  span: Span;
}

export interface ComparisonView {
  op: string;
  actual: ValueView;
  expected: ValueView;
  /** actual − expected (point values). */
  difference?: ValueView;
  /** Smallest distance between the two intervals (rounding-aware comparisons). */
  distance?: ValueView;
  tolerance?: ValueView;
  /** The failure disappears when one side is multiplied by 10,000 (元 written where 万元 is meant, or vice versa). */
  unitSlip?: { side: 'actual' | 'expected'; factor: string; note: Localised };
  /** For `coarse` outcomes: which written value would have to be read as coarsely rounded, and from what. */
  coarse?: { ref: DataRef; written: string; needed: [string, string]; note: Localised };
}

export interface Binding {
  /** The variable name in the rule (`r`), or `row` for roll-ups. */
  name: string;
  table: string;
  key: string;
  /** Where the row is written (its key cell). */
  span?: Span;
  column?: string;
}

export interface Finding {
  rule: string;
  outcome: Outcome;
  /** Effective severity of this finding (a `coarse` finding is one step below the rule's). */
  severity: Severity;
  bindings: Binding[];
  message: Localised;
  comparison?: ComparisonView;
  /** `let` values and other named values along the way, for the explanation trail. */
  values: { name: string; value: ValueView }[];
  /** Every cell and fact that went into the result. */
  reads: DataRef[];
  /** For `na` and `error`: why. */
  reason?: Localised;
  /** Diagnostic code for `error` outcomes. */
  code?: string;
  /** For scorecard findings: the explanation trail, step by step (how the score was computed). */
  trail?: Localised[];
}

export interface RuleResult {
  id: string;
  /** `scorecard` for the result of a scorecard (its findings are the disputed indicators, total and grade). */
  kind?: 'rule' | 'scorecard';
  title: Localised;
  severity: Severity;
  /** Where the rule is written. */
  span: Span;
  file: string;
  counts: Record<Outcome, number>;
  /** Non-passing bindings (and passing ones when all details were asked for). */
  findings: Finding[];
  /** Why the first not-applicable binding was not applicable (when those are not listed as findings). */
  notApplicable?: Localised;
  /** Rule-level error (e.g. the evaluation budget was exceeded). */
  error?: { code: string; message: Localised };
  /**
   * Failing findings past the first {@link MAX_FINDINGS_PER_RULE} (a document where every row of
   * a large table fails): counted here by severity, and in `counts`, not kept.
   */
  omitted?: Record<Severity, number>;
}

/** Findings a rule keeps per document; past that, they are counted (`omitted`), so that a report stays writable. */
export const MAX_FINDINGS_PER_RULE = 1000;

/** What a rule's result says whatever the document: its id, kind, title, severity and where it is written. */
export type RuleInfo = Pick<RuleResult, 'id' | 'kind' | 'title' | 'severity' | 'span' | 'file'>;

/** A rule's result on one document without its {@link RuleInfo}: what crosses threads and what the JSON report lists per document. */
export type RuleOutcome = Omit<RuleResult, 'title' | 'severity' | 'span' | 'file'>;

/** Drops the document-independent parts of a rule result. (Fields listed, not spread: this runs per rule per document, and V8 spreads slowly.) */
export function ruleOutcome(r: RuleResult): RuleOutcome {
  const o: RuleOutcome = { id: r.id, counts: r.counts, findings: r.findings };
  if (r.kind) o.kind = r.kind;
  if (r.notApplicable) o.notApplicable = r.notApplicable;
  if (r.error) o.error = r.error;
  if (r.omitted) o.omitted = r.omitted;
  return o;
}

/** A rule result with no outcomes yet. */
export function emptyRuleResult(info: RuleInfo): RuleResult {
  const r: RuleResult = { id: info.id, title: info.title, severity: info.severity, span: info.span, file: info.file, counts: emptyCounts(), findings: [] };
  if (info.kind) r.kind = info.kind;
  return r;
}

/** Id, title, severity and place of every rule and scorecard of a program (disabled ones too), rules first. */
export function ruleInfos(program: Program): Map<string, RuleInfo> {
  const infos = new Map<string, RuleInfo>();
  for (const s of program.rules) infos.set(s.id, { id: s.id, title: localisedTitle(s.decl.title, s.id), severity: s.severity, span: s.decl.span, file: s.file });
  for (const s of program.scorecards) {
    infos.set(s.id, { id: s.id, kind: 'scorecard', title: localisedTitle(s.decl.title, s.id), severity: s.severity, span: s.decl.span, file: s.file });
  }
  return infos;
}

/** The title of a rule or scorecard in both languages (the id when it has none). */
export function localisedTitle(title: { variants: readonly { lang?: string; value: string }[] } | undefined, id: string): Localised {
  return {
    zh: title?.variants.find((v) => v.lang !== 'en')?.value ?? id,
    en: title?.variants.find((v) => v.lang === 'en')?.value ?? title?.variants[0]?.value ?? id,
  };
}

export interface DocumentResult {
  file: string;
  title?: string;
  unit?: string;
  year?: number;
  kind?: string;
  rules: RuleResult[];
  /** Problems with the data (file, line, column). */
  diagnostics: Diagnostic[];
  counts: Record<Outcome, number>;
  /** Scorecards, indicator by indicator (each also appears in `rules` as a rule result of kind `scorecard`). */
  scorecards?: ScorecardResult[];
  /** Wall time of the evaluation in milliseconds. */
  ms: number;
}

// ── Scorecards ────────────────────────────────────────────────────────────────────────────

/** A target or actual value as written, and as parsed (`scorecard/targets.ts`). */
export interface WrittenValueView {
  written: string | null;
  parsed: {
    kind: 'numeric' | 'range' | 'deadline' | 'qualitative' | 'none' | 'invalid';
    op?: string;
    /** The operator as written (`≧`, `不低于`, `以上`). */
    opWritten?: string;
    /** The number as written, exact decimal (a percentage as its ratio). */
    value?: string;
    /** A range's upper bound. */
    high?: string;
    unit?: string;
    /** Magnitude word (`万` in `46万`). */
    magnitude?: string;
    /** The value compared: magnitude applied, money in 元, a percentage as a ratio. */
    normalized?: string;
    date?: { year?: number; month?: number; day?: number };
    /** Why an invalid value is invalid. */
    reason?: Localised;
    /** For people: `≥ 95%`, `≤ 180 万元`, `2025年11月30日前`, `“明显提高”`. */
    text: Localised;
  };
}

export interface IndicatorResult {
  /** The indicator's name (its cell in the indicator column, or the name of an `extra`). */
  name: string;
  /** An `extra` indicator (not a row of the table). */
  extra?: boolean;
  /** Level names (一级, 二级 …) of its row. */
  levels: string[];
  /** Row number in the table (1-based), for table rows. */
  row?: number;
  weight: { written: string | null; exact?: string };
  target?: WrittenValueView;
  actual?: WrittenValueView;
  method: {
    kind: 'full' | 'proportional' | 'threshold' | 'execution' | 'deduct' | 'bands' | 'qualitative' | 'auto' | 'parts' | 'custom' | 'none';
    /** The method as written in the ruleset. */
    text: string;
    /** For `auto`: the method it chose. */
    chosen?: string;
    span?: Span;
  };
  /** The computed score, rounded as declared (exact decimal); the lower end when the method allows a range. Absent when not computable. */
  computed?: string;
  /** The upper end of a range of acceptable scores (a band of `80% to 100%` of the weight). */
  computedHigh?: string;
  /** Without a printed weight: the fraction of the target attained (the method's score with weight 1), as a ratio. */
  attainment?: string;
  reported?: { written: string | null; exact?: string };
  /** reported − computed (0 when the reported score lies in a computed range; else the distance to its nearer end). */
  difference?: string;
  /** pass: agrees (or nothing reported to compare); fail: disputed beyond the tolerance; na: not computable; error: unreadable data. */
  outcome: 'pass' | 'fail' | 'na' | 'error';
  /** Why not computable, or what could not be read. */
  reason?: Localised;
  code?: string;
  /** The explanation trail. */
  trail: Localised[];
  /** The cells (and facts) the score was computed from. */
  reads: DataRef[];
  /** Where the indicator is written (its cell). */
  span?: Span;
}

/** Σ weights, Σ computed, Σ reported over the indicators under one level name (一级, or 一级/二级, …). */
export interface LevelSubtotal {
  /** 1 = first level column, 2 = second, … */
  depth: number;
  path: string[];
  indicators: number;
  weight: string;
  computed?: string;
  computedHigh?: string;
  reported?: string;
}

export interface ScorecardResult {
  id: string;
  title: Localised;
  severity: Severity;
  span: Span;
  file: string;
  table: string;
  /** Where scores are rounded unless a method says otherwise. */
  round: { places: number; mode: string };
  /** Slack allowed between a computed and a reported score. */
  tolerance: string;
  indicators: IndicatorResult[];
  levels: LevelSubtotal[];
  /** Σ weights against the declared total (`total 100`). */
  weights: { sum?: string; declared?: string; outcome: Outcome; reason?: Localised };
  total: {
    /** Σ computed scores (exact decimal); an indicator that is not computable contributes its reported score (counted in `notComputable`). */
    computed?: string;
    /** Upper end when some scores are ranges. */
    computedHigh?: string;
    /** The reported total (`reported total …`). */
    reported?: { written: string | null; exact?: string };
    /** Σ reported scores. */
    reportedSum?: string;
    difference?: string;
    notComputable: number;
    outcome: Outcome;
    reason?: Localised;
    trail: Localised[];
  };
  grade?: {
    /** Grade(s) of the computed total (two when a range of totals spans two grades). */
    computed: string[];
    reported?: string;
    outcome: Outcome;
    reason?: Localised;
  };
  counts: Record<Outcome, number>;
  /** Notes for the reviewer (e.g. a `score` for an indicator the table does not have). */
  notes: Localised[];
}

export function emptyCounts(): Record<Outcome, number> {
  return { pass: 0, fail: 0, coarse: 0, na: 0, error: 0 };
}

/** One step down: error → warning → info. */
export function lowerSeverity(s: Severity): Severity {
  return s === 'error' ? 'warning' : 'info';
}

/** The keys of a scorecard's findings about the whole card, not one indicator: its Σ weights, its total and its grade. */
export const WHOLE_CARD = { weights: '分值合计', total: '总分', grade: '等级' } as const;
/** {@link WHOLE_CARD}'s keys, for telling those findings from an indicator's. */
export const WHOLE_CARD_KEYS: ReadonlySet<string> = new Set(Object.values(WHOLE_CARD));
