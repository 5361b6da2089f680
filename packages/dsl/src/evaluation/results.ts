/**
 * What evaluating a ruleset on a disclosure produces. These types are the contract with the
 * CLI reports (the JSON report is these objects) and the language server; keep them stable.
 * Numbers are exact decimal strings, never JS numbers.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Severity, Span } from '../syntax/ast';

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
}

export interface RuleResult {
  id: string;
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
  /** Wall time of the evaluation in milliseconds. */
  ms: number;
}

export function emptyCounts(): Record<Outcome, number> {
  return { pass: 0, fail: 0, coarse: 0, na: 0, error: 0 };
}

/** One step down: error → warning → info. */
export function lowerSeverity(s: Severity): Severity {
  return s === 'error' ? 'warning' : 'info';
}
