/**
 * The interpreter: runs compiled rules over one bound disclosure. Every binding (row, or
 * parent × column for roll-ups) gets an outcome — pass, fail, coarse, not applicable, error —
 * and every non-passing one an explained finding. A runaway rule is stopped by the step
 * budget; a slow document by the time budget. Nothing here throws to the caller.
 */
import type { Disclosure } from '../data/load';
import { formatMessage } from '../diagnostics/diagnostic';
import { bind, type BoundDoc, type BoundTable, type CellValue } from './bind';
import {
  BudgetExceeded, EvalFailure, FailedLet, compareValues, countOf, pointDifference, readCell, sumCells, tick, toleranceFor,
  type CompareRecord, type CompiledProgram, type CompiledRule, type EvalContext, type ReadRecord,
} from './compile';
import { BLANK, exact, distance as intervalDistance, isAbsent, isMissing, isNum, missing, reported, comparable, type Num, type Value } from './values';
import { findingWhere } from '../reporting/reporter';
import { formatNum, formatValue, places, viewOf } from './format';
import { dataRefs, readKey, viewIn } from './data-refs';
import {
  MAX_FINDINGS_PER_RULE, emptyCounts, emptyRuleResult, lowerSeverity, type Binding, type ComparisonView, type DocumentResult, type Finding, type Localised,
  type Outcome, type RuleResult,
} from './results';
import { SCALE, pow10, toPlainString } from './decimal';
import { runScorecards } from '../scorecard/evaluate';

export interface EvaluateOptions {
  /** `failures` (default): findings for non-passing bindings; `all`: for every binding. */
  detail?: 'failures' | 'all';
  /** Work allowed per rule (loop iterations and aggregated rows). */
  maxSteps?: number;
  /** Time allowed per document, in milliseconds. */
  timeoutMs?: number;
  /** Only these rule ids. */
  rules?: ReadonlySet<string>;
}

export const DEFAULT_BUDGET = { maxSteps: 5_000_000, timeoutMs: 10_000 };

/** Evaluates a compiled ruleset on one disclosure. */
export function evaluateDocument(cp: CompiledProgram, disclosure: Disclosure, options: EvaluateOptions = {}): DocumentResult {
  const started = performance.now();
  const doc = bind(cp.program, disclosure, cp.bindPlan);
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_BUDGET.timeoutMs);
  const rules: RuleResult[] = [];
  const counts = emptyCounts();
  let timedOut = false;
  // One context for the document's rules: each rule starts with its slots empty and its step budget whole.
  const c: EvalContext = {
    doc, slots: new Array(cp.maxSlots).fill(undefined), steps: 0, maxSteps: options.maxSteps ?? DEFAULT_BUDGET.maxSteps, deadline,
    slow: false, reads: [], compares: [], lenient: false,
  };
  for (const rule of cp.rules) {
    if (rule.sym.disabled || (options.rules && !options.rules.has(rule.sym.id))) continue;
    const result = timedOut ? skippedRule(cp, rule, options.timeoutMs ?? DEFAULT_BUDGET.timeoutMs) : runRule(cp, rule, c, options);
    if (result.error?.code === 'SUAN4002') timedOut = true;
    rules.push(result);
    addCounts(counts, result.counts);
  }
  let scorecards: DocumentResult['scorecards'];
  if (cp.scorecards.length > 0) {
    const run = runScorecards(cp.scorecards, doc, {
      maxSteps: options.maxSteps ?? DEFAULT_BUDGET.maxSteps, deadline, all: options.detail === 'all', only: options.rules,
    });
    scorecards = run.results;
    for (const r of run.rules) {
      rules.push(r);
      addCounts(counts, r.counts);
    }
  }
  doc.closeNotes();
  return {
    file: disclosure.file,
    title: disclosure.meta.title,
    unit: disclosure.meta.unit,
    year: disclosure.meta.year,
    kind: disclosure.meta.kind,
    rules,
    diagnostics: doc.diagnostics,
    counts,
    ...(scorecards ? { scorecards } : {}),
    ms: Math.round((performance.now() - started) * 1000) / 1000, // to the microsecond: 11.615, not 11.614672000000041
  };
}

function addCounts(into: Record<Outcome, number>, from: Record<Outcome, number>): void {
  into.pass += from.pass;
  into.fail += from.fail;
  into.coarse += from.coarse;
  into.na += from.na;
  into.error += from.error;
}

function ruleShell(rule: CompiledRule): RuleResult {
  return emptyRuleResult(rule.info);
}

function skippedRule(cp: CompiledProgram, rule: CompiledRule, timeoutMs: number): RuleResult {
  const r = ruleShell(rule);
  r.error = { code: 'SUAN4002', message: messageOf('SUAN4002', { limit: timeoutMs }) };
  r.counts.error = 1;
  return r;
}

function messageOf(code: Parameters<typeof formatMessage>[0]['code'], args: Record<string, string | number>): Localised {
  return { zh: formatMessage({ code, args }, 'zh-CN'), en: formatMessage({ code, args }, 'en') };
}

/** One binding's check: returns the assert's value. `slow` re-runs the `let` steps first (to record their reads). */
type Check = (slow: boolean) => Value;

/** What a finding adds about its binding (roll-ups: the column, the number of children, the parent row). */
interface BindingExtra {
  column?: string;
  children?: number;
  row?: Value;
}
const NO_EXTRA: BindingExtra = {};

/** Counts or explains one binding whose first evaluation gave `value` (or threw `failure`). */
type Recorder = (value: Value | undefined, failure: EvalFailure | undefined, check: Check, bindings: () => Binding[], extra: BindingExtra) => void;

function runRule(cp: CompiledProgram, rule: CompiledRule, c: EvalContext, options: EvaluateOptions): RuleResult {
  const result = ruleShell(rule);
  for (let k = 0; k < rule.sym.slots; k++) c.slots[k] = undefined as never; // a loop: `fill` is a runtime call
  c.steps = 0;
  const all = options.detail === 'all';
  // Passing and not-applicable bindings are only counted (the first not-applicable one gives the
  // reason); the others are explained, which re-runs them in slow mode.
  const record: Recorder = (value, failure, check, bindings, extra) => {
    const outcome: Outcome = failure ? 'error' : value === true ? 'pass' : value === false ? 'fail' : 'na';
    if (!all) {
      if (outcome === 'pass') {
        result.counts.pass++;
        return;
      }
      if (outcome === 'na') {
        result.counts.na++;
        result.notApplicable ??= naReason(value);
        return;
      }
    }
    const finding = explain(rule, c, check, outcome, value, failure, bindings(), extra);
    result.counts[finding.outcome]++;
    if (result.findings.length < MAX_FINDINGS_PER_RULE) result.findings.push(finding);
    else if (finding.outcome === 'fail' || finding.outcome === 'coarse' || finding.outcome === 'error') {
      (result.omitted ??= { error: 0, warning: 0, info: 0 })[finding.severity]++;
    }
  };

  try {
    if (rule.rollup) runRollup(rule, c, record, all ? undefined : result);
    else walk(rule, c, 0, record, leafOf(rule, c));
  } catch (e) {
    if (e instanceof BudgetExceeded) {
      // A rule stopped part way has checked nothing to the end: what it passed or found so far is
      // not its result (millions of passes before the stop were counted as the rule's).
      result.counts = emptyCounts();
      result.findings = [];
      delete result.omitted;
      delete result.notApplicable;
      const code = e.kind === 'steps' ? 'SUAN4001' : 'SUAN4002';
      result.error = { code, message: messageOf(code, { id: rule.sym.id, limit: e.kind === 'steps' ? c.maxSteps : (options.timeoutMs ?? DEFAULT_BUDGET.timeoutMs) }) };
      result.counts.error++;
    } else {
      result.error = { code: 'SUAN4005', message: messageOf('SUAN4005', { reason: e instanceof Error ? e.message : String(e) }) };
      result.counts.error++;
    }
  }
  return result;
}

/** Runs a binding's check and records its outcome (a passing binding allocates nothing on the way). */
function settle(record: Recorder, check: Check, bindings: () => Binding[], extra: BindingExtra): void {
  let value: Value;
  try {
    value = check(false);
  } catch (e) {
    if (!(e instanceof EvalFailure)) throw e;
    record(undefined, e, check, bindings, extra);
    return;
  }
  record(value, undefined, check, bindings, extra);
}

/** An assert rule's check and bindings for the current slots: the same closures for every binding. */
interface Leaf {
  check: Check;
  bindings: () => Binding[];
}

function leafOf(rule: CompiledRule, c: EvalContext): Leaf {
  const check: Check = (slow) => {
    if (slow) for (const s of rule.steps) if (s.kind === 'let') c.slots[s.slot] = letValue(s.value, c);
    if (rule.when) {
      const w = rule.when(c);
      if (w !== true) return w === false ? whenFalse : w;
    }
    return rule.assert ? rule.assert(c) : true;
  };
  return { check, bindings: () => bindingsOf(rule, c) };
}

/** Enumerates the bindings of an assert rule: nested `for` loops and `let`s, then the check. */
function walk(rule: CompiledRule, c: EvalContext, k: number, record: Recorder, leaf: Leaf): void {
  if (k === rule.steps.length) {
    settle(record, leaf.check, leaf.bindings, NO_EXTRA);
    return;
  }
  const step = rule.steps[k]!;
  if (step.kind === 'let') {
    c.slots[step.slot] = letValue(step.value, c);
    walk(rule, c, k + 1, record, leaf);
    return;
  }
  tick(c);
  let src: Value;
  try {
    src = step.source(c); // `for y in children(x)`, with x from a `let` that failed
  } catch (e) {
    if (!(e instanceof EvalFailure)) throw e;
    record(undefined, e, () => { throw e; }, leaf.bindings, NO_EXTRA);
    return;
  }
  if (typeof src !== 'object' || src.t !== 'rows') {
    const value = isAbsent(src) ? src : whenFalse;
    record(value, undefined, () => value, leaf.bindings, NO_EXTRA);
    return;
  }
  const t = src.table as BoundTable;
  // `where x.column = "text" …` over a whole table: only the rows the filter can keep (text index).
  const cand = step.candidates;
  const rows = cand && src === t.all ? t.rowsWithText(cand.column, cand.texts, cand.blank) : src.idx;
  for (const i of rows) {
    tick(c);
    c.slots[step.slot] = t.rowVals[i]!;
    if (step.filter) {
      let keep: Value;
      try {
        keep = step.filter(c);
      } catch (e) {
        if (!(e instanceof EvalFailure)) throw e;
        record(undefined, e, () => { throw e; }, leaf.bindings, NO_EXTRA);
        continue;
      }
      if (keep !== true) continue;
    }
    walk(rule, c, k + 1, record, leaf);
  }
}

/** A `let`'s value, or its failure, which is raised only where the value is used. */
function letValue(value: (c: EvalContext) => Value, c: EvalContext): Value | FailedLet {
  try {
    return value(c);
  } catch (e) {
    if (!(e instanceof EvalFailure)) throw e;
    return new FailedLet(e);
  }
}

/** Marks "the `when` condition is false" (not applicable). */
const whenFalse = { t: 'missing', why: 'value', what: 'when' } as const;

function bindingsOf(rule: CompiledRule, c: EvalContext): Binding[] {
  const out: Binding[] = [];
  for (const s of rule.steps) {
    if (s.kind !== 'for') continue;
    const v = c.slots[s.slot];
    if (typeof v !== 'object' || v instanceof FailedLet || v.t !== 'row') continue;
    const t = v.table as BoundTable;
    const keyCol = t.sym.key?.name;
    out.push({ name: s.name, table: t.name, key: t.rowKey(v.i), span: t.data ? c.doc.disclosure.cellSpan(t.name, v.i, keyCol ?? t.data.columns[0] ?? '') : undefined });
  }
  return out;
}

/**
 * parent = Σ children for each column of a roll-up: one binding per parent row × column.
 * `shortCut`: the rule's result, when passing and not-applicable bindings are only counted.
 */
function runRollup(rule: CompiledRule, c: EvalContext, record: Recorder, shortCut: RuleResult | undefined): void {
  const r = rule.rollup!;
  const t = c.doc.tables[r.table]!;
  if (!t.data) return;
  const op = r.exact ? '=' : '≈';
  const node = rule.sym.decl.rollup!;
  const keyCol = t.sym.key?.name ?? t.data.columns[0] ?? '';
  const compareCells = (parent: number, col: number, kids: readonly number[]): Value => {
    let a: Value = readCell(c, t, col, parent);
    let b: Value = sumCells(c, t, col, kids);
    let res: Value;
    if (isMissing(a)) res = a;
    else if (isMissing(b)) res = b;
    else if (isAbsent(a) && isAbsent(b)) res = a;
    else {
      if (isAbsent(a) && isNum(b)) a = exact(0n, b.kind, b.unit, b.dec);
      if (isAbsent(b) && isNum(a)) b = exact(0n, a.kind, a.unit, a.dec);
      res = compareValues(op, a, b, r.tolerance);
    }
    if (c.slow) c.compares.push({ node: node as never, op, left: a, right: b, tolerance: r.tolerance, result: res });
    return res;
  };
  // Most parents balance: when there is no tolerance and every cell is a number (or blank) of the
  // parent's kind and unit, overlapping Σ bounds settle the binding without building values.
  // Children written with the same decimals all have the same half-width h (`halfWidth`), so
  // their Σ bounds are Σv ∓ n·h: one addition per child instead of two.
  // A blank parent whose children are all blank is not applicable, as the full check finds.
  const quick = !r.exact && !r.tolerance;
  const allBlank = (col: number, kids: readonly number[]): boolean => {
    for (let k = 0; k < kids.length; k++) if (t.get(col, kids[k]!) !== BLANK) return false;
    return true;
  };
  const balances = (a: CellValue, col: number, kids: readonly number[]): boolean => {
    if (typeof a !== 'object' || a.t !== 'num') return false;
    let v = 0n;
    let n = 0;
    let dec = -2; // the children's common decimals; -2 = none seen yet, -3 = they differ
    for (let k = 0; k < kids.length; k++) {
      const x = t.get(col, kids[k]!);
      if (x === BLANK) continue;
      if (typeof x !== 'object' || x.t !== 'num' || x.kind !== a.kind || x.unit !== a.unit) return false;
      v = n === 0 ? x.v : v + x.v;
      n++;
      if (dec !== x.dec) dec = dec === -2 ? x.dec : -3;
    }
    if (n === 0) return a.lo <= 0n && 0n <= a.hi;
    const h = dec >= 0 ? t.halfWidth(col, dec) : undefined;
    if (h === undefined) {
      // Mixed decimals or an exact kind: add the bounds themselves.
      let lo = 0n;
      let hi = 0n;
      for (let k = 0; k < kids.length; k++) {
        const x = t.get(col, kids[k]!);
        if (x === BLANK) continue;
        lo += (x as Num).lo;
        hi += (x as Num).hi;
      }
      return a.lo <= hi && lo <= a.hi;
    }
    const spread = n === 1 ? h : h * BigInt(n);
    return a.lo <= v + spread && v - spread <= a.hi;
  };
  const one = (parent: number, kids: readonly number[]) => {
    for (let ci = 0; ci < r.columns.length; ci++) {
      const col = r.columns[ci]!;
      tick(c);
      if (quick && shortCut) {
        const parentCell = t.get(col.index, parent);
        if (parentCell === BLANK ? allBlank(col.index, kids) : balances(parentCell, col.index, kids)) {
          if (parentCell === BLANK) {
            shortCut.counts.na++;
            shortCut.notApplicable ??= naReason(BLANK);
          } else shortCut.counts.pass++;
          continue;
        }
      }
      let value: Value;
      try {
        value = compareCells(parent, col.index, kids);
      } catch (e) {
        if (!(e instanceof EvalFailure)) throw e;
        value = false; // explained below, where the check runs again and fails the same way
      }
      if (value === true && shortCut) {
        shortCut.counts.pass++;
        continue;
      }
      const check: Check = () => compareCells(parent, col.index, kids);
      const bindings = () => [{ name: 'row', table: t.name, key: t.rowKey(parent), column: col.name, span: c.doc.disclosure.cellSpan(t.name, parent, keyCol) }];
      settle(record, check, bindings, { column: col.name, children: kids.length, row: t.rowVals[parent]! });
    }
  };
  for (let i = 0; i < t.rowCount; i++) {
    const kids = t.children(i);
    if (kids.length > 0) one(i, kids);
  }
  if (r.total !== undefined) {
    const total = t.byKey(r.total);
    if (typeof total === 'object' && total.t === 'row') one(total.i, t.topLevel());
    else t.totalMissing(r.total);
  }
}


// ── explanations ─────────────────────────────────────────────────────────────────────────

function explain(
  rule: CompiledRule, c: EvalContext, check: Check, outcome: Outcome, value: Value | undefined, failure: EvalFailure | undefined,
  bindings: Binding[], extra: { column?: string; children?: number; row?: Value },
): Finding {
  const d = c.doc.disclosure;
  const finding: Finding = { rule: rule.sym.id, outcome, severity: rule.sym.severity, bindings, message: { zh: '', en: '' }, values: [], reads: [] };
  // Re-run the binding in slow mode to collect reads and comparisons.
  const rerun = (): { value: Value | undefined; reads: ReadRecord[]; compares: CompareRecord[] } => {
    c.slow = true;
    c.reads = [];
    c.compares = [];
    let v: Value | undefined;
    try {
      v = check(true);
    } catch (e) {
      if (!(e instanceof EvalFailure)) throw e;
      v = undefined;
    }
    const out = { value: v, reads: c.reads, compares: c.compares };
    c.reads = [];
    c.compares = [];
    return out;
  };
  try {
    const strict = rerun();
    const cmp = pickComparison(strict.compares, outcome);
    finding.reads = dataRefs(c.doc, strict.reads);
    for (const s of rule.steps) if (s.kind === 'let') finding.values.push({ name: s.name, value: letView(c, c.slots[s.slot]) });
    if (cmp && isNum(cmp.left) && isNum(cmp.right)) finding.comparison = comparisonView(c.doc, cmp);
    else if (cmp) finding.comparison = { op: cmp.op, actual: viewIn(c.doc, cmp.left), expected: viewIn(c.doc, cmp.right) };

    if (outcome === 'fail' && cmp && isNum(cmp.left) && isNum(cmp.right)) {
      const coarse = coarseReading(c, check, strict.reads);
      // The coarse-reading search re-ran the check with other readings and values in place of the
      // data, which left its `let` values behind: the message is rendered from the data as read.
      rerun();
      if (coarse) {
        finding.outcome = 'coarse';
        finding.severity = lowerSeverity(rule.sym.severity);
        finding.comparison!.coarse = coarse;
      } else {
        const slip = unitSlip(cmp);
        if (slip) finding.comparison!.unitSlip = slip;
      }
    }
    if (outcome === 'na') finding.reason = naReason(value);
    if (outcome === 'error' && failure) {
      finding.code = failure.code;
      finding.reason = { zh: formatMessage({ code: failure.code, args: failure.args }, 'zh-CN'), en: formatMessage({ code: failure.code, args: failure.args }, 'en') };
    }
    finding.message = renderMessage(rule, c, cmp, extra, finding);
  } finally {
    c.slow = false;
    c.lenient = false;
    c.lenientKeys = undefined;
    c.overrides = undefined;
  }
  void d;
  return finding;
}

/**
 * A `let` value as a finding shows it; one that failed shows its error (a division by zero
 * without the advice to add a `when`: the binding may be not applicable by one already).
 */
function letView(c: EvalContext, v: Value | FailedLet | undefined): ReturnType<typeof viewIn> {
  if (!(v instanceof FailedLet)) return viewIn(c.doc, v ?? BLANK);
  const { code, args } = v.failure;
  if (code === 'SUAN4003') return { text: { zh: `除数为 0：${args.expr}`, en: `division by zero: ${args.expr}` }, kind: 'other' };
  return { text: { zh: formatMessage({ code, args }, 'zh-CN'), en: formatMessage({ code, args }, 'en') }, kind: 'other' };
}

/** The comparison a finding is about: the first one that failed (or was not applicable). */
function pickComparison(compares: CompareRecord[], outcome: Outcome): CompareRecord | undefined {
  if (outcome === 'fail') return compares.find((x) => x.result === false) ?? compares[compares.length - 1];
  if (outcome === 'na') return compares.find((x) => isAbsent(x.result)) ?? compares[compares.length - 1];
  return compares.find((x) => x.result === true) ?? compares[compares.length - 1];
}

/**
 * a − b as a number to show, with the decimals of the side that shows more: a stated 100% against
 * a computed 3.44% differs by 96.56%, not 97%.
 */
function differenceNum(a: Num, b: Num): Num {
  const diff = pointDifference(a, b);
  const dec = (places(a) ?? 4) >= (places(b) ?? 4) ? a.dec : b.dec;
  return { ...a, v: diff, lo: diff, hi: diff, dec };
}

/**
 * The smallest distance between two intervals, as a number to show. Interval bounds carry one
 * decimal more than the written values (2,308.55 → 2,308.545), and so does their distance; a
 * distance that would still show as 0 (computed bounds) gets the decimals it needs to show what
 * it is. In the unit and kind of `a`: a ratio's distance reads in percentage points.
 */
function distanceNum(a: Num, b: Num): Num {
  const dist = intervalDistance(a, b);
  const d = Math.max(a.dec, b.dec);
  let dec = d >= 0 ? d + 1 : -1;
  const num = (): Num => ({ ...a, v: dist, lo: dist, hi: dist, dec });
  if (dist !== 0n) while (dec < 18 && !/[1-9]/.test(formatNum(num()))) dec = Math.max(dec + 1, a.kind === 'percent' ? 3 : 1);
  return num();
}

/**
 * A plain ratio beside a percentage is shown as a percentage (0.8359 beside 83.70% reads 83.59%);
 * the value is the same, only its display kind changes.
 */
function shownLike(n: Value, other: Value): Value {
  return isNum(n) && isNum(other) && n.kind === 'number' && other.kind === 'percent' ? { ...n, kind: 'percent' } : n;
}

function comparisonView(doc: BoundDoc, cmp: CompareRecord): ComparisonView {
  const left = shownLike(cmp.left, cmp.right) as Num;
  const right = shownLike(cmp.right, cmp.left) as Num;
  const [a, b] = comparable(left, right);
  const view: ComparisonView = {
    op: cmp.op,
    actual: viewIn(doc, left),
    expected: viewIn(doc, right),
    difference: viewOf(differenceNum(a, b)),
  };
  if (cmp.op === '≈') view.distance = viewOf(distanceNum(a, b));
  if (cmp.tolerance) view.tolerance = viewIn(doc, cmp.tolerance);
  return view;
}

/** n × 10,000, interval included (exact: the factor is a whole number). */
function timesTenThousand(n: Num): Num {
  return { ...n, v: n.v * 10000n, lo: n.lo * 10000n, hi: n.hi * 10000n, dec: -1 };
}

/** Whether the comparison would hold if one side were scaled by 10,000 (元 ↔ 万元 slip). */
function unitSlip(cmp: CompareRecord): ComparisonView['unitSlip'] {
  const a = cmp.left as Num;
  const b = cmp.right as Num;
  if (a.kind !== 'money' && b.kind !== 'money') return undefined;
  const tol = cmp.tolerance ? toleranceFor(cmp.tolerance, a) * 10000n : 0n;
  const holds = (x: Num, y: Num) => (cmp.op === '≈' ? intervalDistance(x, y) <= tol : absBig(pointDifference(x, y)) <= tol);
  if (b.v !== 0n && holds(a, timesTenThousand(b))) {
    return { side: 'actual', factor: '10000', note: { zh: `实际值是期望值的 10,000 倍：可能把“元”当成了“万元”。`, en: 'The actual value is 10,000 times the expected one: 元 probably written where 万元 is meant.' } };
  }
  if (a.v !== 0n && holds(timesTenThousand(a), b)) {
    return { side: 'expected', factor: '10000', note: { zh: `期望值是实际值的 10,000 倍：可能把“万元”当成了“元”。`, en: 'The expected value is 10,000 times the actual one: 万元 probably written where 元 is meant.' } };
  }
  return undefined;
}

function absBig(x: bigint): bigint {
  return x < 0n ? -x : x;
}

/**
 * A failure that disappears when every number is read at its written precision only (not the
 * declared one) is a "coarse reading": find which written value has to be read that coarsely,
 * and what value it would have to stand for.
 */
function coarseReading(c: EvalContext, check: Check, strictReads: ReadRecord[]): ComparisonView['coarse'] {
  const run = (): Value => {
    c.slow = true;
    c.reads = [];
    c.compares = [];
    try {
      return check(true);
    } catch (e) {
      if (!(e instanceof EvalFailure)) throw e;
      return false;
    }
  };
  // Only a declared precision makes the strict reading differ from the written one.
  const narrowed = strictReads.some((r) => (r.kind === 'cell' ? r.table!.hasDeclaredPrecision(r.column!) : c.doc.facts[r.fact!]!.hasDeclaredPrecision));
  if (!narrowed) return undefined;
  c.lenient = true;
  const lenientHolds = run() === true;
  c.lenient = false;
  if (!lenientHolds) return undefined;
  const seen = new Set<string>();
  for (const r of strictReads) {
    const key = readKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    const strictV = r.value;
    if (!isNum(strictV)) continue;
    const lenientV = readLenient(c, r);
    if (!lenientV || !isNum(lenientV) || lenientV.hi - lenientV.lo <= strictV.hi - strictV.lo) continue;
    c.lenientKeys = new Set([key]);
    const alone = run() === true;
    c.lenientKeys = undefined;
    if (!alone) continue;
    const half = (strictV.hi - strictV.lo) / 2n;
    const holdsAt = (x: bigint): boolean => {
      c.overrides = new Map([[key, reported(x, strictV.kind, strictV.unit, -1, half)]]);
      const ok = run() === true;
      c.overrides = undefined;
      return ok;
    };
    const solved = solveRange(lenientV.lo, lenientV.hi, holdsAt);
    if (!solved) continue;
    // The search finds the edges to within about 10⁻¹⁴: they are shown, and given in `needed`,
    // with two decimals more than written, or more until the range spans two steps, not with the
    // search's last digits.
    let places = Math.max(0, strictV.dec) + 2;
    let range = inward(solved, places);
    while (places < SCALE && range[1] - range[0] < pow10(SCALE - places) * 2n) range = inward(solved, ++places);
    const ref = dataRefs(c.doc, [r])[0]!;
    const shown = (x: bigint) => formatNum({ ...strictV, dec: places }, x);
    const written = ref.written ?? '';
    return {
      ref,
      written,
      needed: [toPlainString(range[0]), toPlainString(range[1])],
      note: {
        zh: `只有把“${written}”看作从 ${shown(range[0])}～${shown(range[1])} 粗略取整而来，两边才一致。`,
        en: `Consistent only if "${written}" is read as coarsely rounded from ${shown(range[0])} to ${shown(range[1])}.`,
      },
    };
  }
  return undefined;
}

/**
 * A range found by `solveRange` at `places` decimals: each edge rounded inwards (every value shown
 * holds), except that an edge within 10⁻¹² of a step is that step (the search stops just inside it).
 */
function inward([lo, hi]: [bigint, bigint], places: number): [bigint, bigint] {
  const step = pow10(SCALE - places);
  const floor = (x: bigint) => x - (((x % step) + step) % step);
  const near = (x: bigint, r: bigint) => absBig(x - r) <= 1_000_000n;
  const edge = (x: bigint, up: boolean) => {
    const f = floor(x);
    if (near(x, f)) return f;
    if (near(x, f + step)) return f + step;
    return up ? f + step : f;
  };
  return [edge(lo, true), edge(hi, false)];
}

/** The sub-range of [lo, hi] where `holds` is true (found by scanning, then bisecting the edges). */
function solveRange(lo: bigint, hi: bigint, holds: (x: bigint) => boolean): [bigint, bigint] | undefined {
  const n = 64n;
  const at = (k: bigint) => lo + ((hi - lo) * k) / n;
  let first = -1n;
  let last = -1n;
  for (let k = 0n; k <= n; k++) {
    if (holds(at(k))) {
      if (first < 0n) first = k;
      last = k;
    }
  }
  if (first < 0n) return undefined;
  const edge = (inside: bigint, outside: bigint): bigint => {
    let a = inside;
    let b = outside;
    for (let i = 0; i < 40 && absBig(b - a) > 1n; i++) {
      const m = (a + b) / 2n;
      if (holds(m)) a = m;
      else b = m;
    }
    return a;
  };
  const low = first === 0n ? lo : edge(at(first), at(first - 1n));
  const high = last === n ? hi : edge(at(last), at(last + 1n));
  return [low, high];
}

function readLenient(c: EvalContext, r: ReadRecord): Value | undefined {
  const v = r.kind === 'cell' ? r.table!.getLenient(r.column!, r.row!) : c.doc.facts[r.fact!]!.getLenient();
  return typeof v === 'object' && v.t === 'invalid' ? undefined : (v as Value);
}

function naReason(v: Value | undefined): Localised {
  if (!v || typeof v !== 'object' || v.t !== 'missing') return BLANK_REASON;
  if (v.what === 'when') return WHEN_REASON;
  // One object per reason, shared by the rules and documents that give it (reports write it once per text).
  let byWhat = naReasons.get(v.why);
  if (!byWhat) naReasons.set(v.why, (byWhat = new Map()));
  let reason = byWhat.get(v.what);
  if (!reason) {
    const zh: Record<string, string> = { fact: '文中未说明', row: '表中没有这一行', column: '数据中没有这一列', table: '数据中没有这张表', parent: '没有上级行', value: '缺少数值' };
    const en: Record<string, string> = { fact: 'not stated in the document', row: 'no such row in the table', column: 'the data has no such column', table: 'the data has no such table', parent: 'no parent row', value: 'a value is missing' };
    reason = Object.freeze({ zh: `${v.what}：${zh[v.why] ?? ''}`, en: `${v.what}: ${en[v.why] ?? ''}` });
    if (byWhat.size >= 1024) byWhat.clear(); // bounded, whatever the rulesets
    byWhat.set(v.what, reason);
  }
  return reason;
}

const BLANK_REASON: Localised = Object.freeze({ zh: '涉及的单元格为空白', en: 'the cells involved are blank' });
const WHEN_REASON: Localised = Object.freeze({ zh: 'when 条件不成立', en: 'the `when` condition does not hold' });
const naReasons = new Map<string, Map<string, Localised>>();

/** The finding's message: the rule's template, or a default built from the comparison. */
function renderMessage(rule: CompiledRule, c: EvalContext, cmp: CompareRecord | undefined, extra: { column?: string; children?: number; row?: Value }, f: Finding): Localised {
  if (f.outcome === 'error') {
    const where = findingWhere(f);
    const reason = f.reason ?? { zh: '计算出错', en: 'evaluation error' };
    return { zh: where ? `${where}：${reason.zh}` : reason.zh, en: where ? `${where}: ${reason.en}` : reason.en };
  }
  // Without a template there is nothing to fill in: the message is made from the comparison.
  if (rule.message.length === 0) return defaultMessage(f, extra);
  const sp = rule.sym.specials;
  const set = (name: string, v: Value) => { if (sp[name] !== undefined) c.slots[sp[name]!] = v; };
  // Nothing from an earlier binding may show through: every special starts out missing.
  for (const name of Object.keys(sp)) set(name, missing('value', name));
  if (cmp) {
    const left = shownLike(cmp.left, cmp.right);
    const right = shownLike(cmp.right, cmp.left);
    set('actual', left);
    set('expected', right);
    if (isNum(left) && isNum(right) && (sp.difference !== undefined || sp.distance !== undefined)) {
      const [a, b] = comparable(left, right);
      set('difference', differenceNum(a, b));
      set('distance', distanceNum(a, b));
    }
    if (cmp.tolerance) set('tolerance', cmp.tolerance);
  }
  if (extra.column !== undefined) set('column', extra.column);
  if (extra.row !== undefined) set('row', extra.row);
  if (extra.children !== undefined) set('children', countOf(extra.children));
  const render = (lang: 'zh-CN' | 'en'): string | undefined => {
    const variant = lang === 'en' ? rule.message.find((m) => m.lang === 'en') ?? rule.message.find((m) => m.lang === 'default') : rule.message.find((m) => m.lang !== 'en');
    if (!variant) return undefined;
    return variant.parts.map((p) => {
      if (typeof p === 'string') return p;
      try {
        c.slow = false;
        return formatValue(p(c), lang);
      } catch {
        return '?';
      }
    }).join('').trim(); // a part that renders as nothing, or a list of items each with its space, leaves no edge
  };
  const zh = render('zh-CN');
  const en = render('en');
  if (zh !== undefined && en !== undefined) return { zh, en };
  return defaultMessage(f, extra);
}

const OP_WORDS: Record<string, [string, string]> = {
  '=': ['等于', 'equal to'], '≈': ['等于', 'equal to'], '!=': ['不等于', 'different from'],
  '<': ['小于', 'less than'], '<=': ['不大于', 'at most'], '>': ['大于', 'greater than'], '>=': ['不小于', 'at least'],
};

function defaultMessage(f: Finding, extra: { column?: string }): Localised {
  const cmp = f.comparison;
  const where = f.bindings.map((b) => `${b.table}[${b.key}]`).join(' ');
  const col = extra.column ? ` ${extra.column}` : '';
  if (f.outcome === 'error') return f.reason ?? { zh: '计算出错', en: 'evaluation error' };
  if (f.outcome === 'na') return { zh: `不适用：${f.reason?.zh ?? ''}`, en: `Not applicable: ${f.reason?.en ?? ''}` };
  const prefix = where ? `${where}${col}：` : '';
  const prefixEn = where ? `${where}${col}: ` : '';
  if (!cmp) {
    return f.outcome === 'pass'
      ? { zh: `${prefix}满足规则`, en: `${prefixEn}satisfies the rule` }
      : { zh: `${prefix}不满足规则`, en: `${prefixEn}does not satisfy the rule` };
  }
  const [wordZh, wordEn] = OP_WORDS[cmp.op] ?? ['等于', 'equal to'];
  const a = cmp.actual.text;
  const e = cmp.expected.text;
  if (f.outcome === 'pass') {
    return { zh: `${prefix}${a.zh} ${wordZh} ${e.zh}，通过`, en: `${prefixEn}${a.en} is ${wordEn} ${e.en}: passes` };
  }
  if (cmp.op === '=' || cmp.op === '≈') {
    const diffZh = cmp.difference ? `，差额 ${cmp.difference.text.zh}` : '';
    const diffEn = cmp.difference ? `, difference ${cmp.difference.text.en}` : '';
    return { zh: `${prefix}${a.zh} 与 ${e.zh} 不符${diffZh}`, en: `${prefixEn}${a.en} does not match ${e.en}${diffEn}` };
  }
  return { zh: `${prefix}${a.zh} 应${wordZh} ${e.zh}`, en: `${prefixEn}${a.en} should be ${wordEn} ${e.en}` };
}
