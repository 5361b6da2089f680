/**
 * Runs compiled scorecards on a bound document: every indicator (each `extra`, then each row of
 * the table) gets its target and actual parsed, its method run, its score rounded and compared
 * with the self-reported one; then level subtotals, Σ weights, the total and the grade. The
 * result is a `ScorecardResult` (the table a reviewer reads) and a `RuleResult` whose findings
 * are the disputed and not computable indicators, the total and the grade — so every report and
 * the language server handle scorecards like rules.
 */
import { diagnostic, formatMessage } from '../diagnostics/diagnostic';
import type { BoundDoc, BoundTable } from '../evaluation/bind';
import { BudgetExceeded, EvalFailure, tick, unreadableCell, type EvalContext } from '../evaluation/compile';
import { ONE, parseDecimal, toPlainString } from '../evaluation/decimal';
import { isBlankText } from '../data/written-number';
import { viewOf } from '../evaluation/format';
import { cellRef, dataRefs, sameDataRef } from '../evaluation/data-refs';
import {
  WHOLE_CARD,
  emptyCounts, type Binding, type DataRef, type Finding, type IndicatorResult, type LevelSubtotal, type Localised, type Outcome,
  type RuleResult, type ScorecardResult, type ValueView, type WrittenValueView,
  localisedTitle,
} from '../evaluation/results';
import { BLANK, exact, isAbsent, isNum, type Num, type Value } from '../evaluation/values';
import type { Severity } from '../syntax/ast';
import { inBand } from './bands';
import { looseName, printedWeight, strippedName, type CompiledScorecard } from './compile';
import { comparesWithPercent, meets, percentPointsNote, ratioOrPercent, roundScore, runMethod, type CompiledMethod, type MethodResult } from './methods';
import { L, describeParsed, modeName, showNumber, showPercent, showScore } from './show';
import { normalizedNum, parseTarget, type ParsedTarget } from './targets';

export interface ScorecardRunOptions {
  maxSteps: number;
  deadline: number;
  /** List passing indicators as findings too. */
  all: boolean;
  /** Only these ids (as for rules). */
  only?: ReadonlySet<string>;
}

/** Runs every enabled scorecard. */
export function runScorecards(cards: readonly CompiledScorecard[], doc: BoundDoc, o: ScorecardRunOptions): { results: ScorecardResult[]; rules: RuleResult[] } {
  const results: ScorecardResult[] = [];
  const rules: RuleResult[] = [];
  for (const sc of cards) {
    if (sc.sym.disabled || (o.only && !o.only.has(sc.sym.id))) continue;
    const { result, rule } = runScorecard(sc, doc, o);
    results.push(result);
    rules.push(rule);
  }
  return { results, rules };
}

interface Scored {
  r: IndicatorResult;
  lo?: bigint;
  hi?: bigint;
  weight?: bigint;
  reported?: Num;
}

function runScorecard(sc: CompiledScorecard, doc: BoundDoc, o: ScorecardRunOptions): { result: ScorecardResult; rule: RuleResult } {
  const sym = sc.sym;
  const t = doc.tables[sc.table]!;
  const result: ScorecardResult = {
    id: sym.id, title: localisedTitle(sym.decl.title, sym.id), severity: sym.severity, span: sym.decl.span, file: sym.file, table: t.name,
    round: { places: sc.round.places, mode: sc.round.mode }, tolerance: toPlainString(sc.tolerance),
    indicators: [], levels: [], weights: { outcome: 'na' }, total: { notComputable: 0, outcome: 'na', trail: [] }, counts: emptyCounts(), notes: [],
  };
  const rule: RuleResult = {
    id: sym.id, kind: 'scorecard', title: result.title, severity: sym.severity, span: sym.decl.span, file: sym.file, counts: emptyCounts(), findings: [],
  };
  const c: EvalContext = {
    doc, slots: new Array(sym.slots).fill(undefined), steps: 0, maxSteps: o.maxSteps, deadline: o.deadline, slow: true, reads: [], compares: [], lenient: false,
  };
  const scored: Scored[] = [];
  try {
    if (!t.data) {
      result.notes.push(L(`数据中没有表 ${t.name}`, `the data has no table ${t.name}`));
      rule.notApplicable = result.notes[0];
    } else if (t.data.empty) {
      result.notes.push(L(`表 ${t.name} 印为空表，没有可评分的指标`, `table ${t.name} is printed empty: there is nothing to score`));
      rule.notApplicable = result.notes[0];
    } else {
      for (const x of sc.extras) {
        tick(c);
        scored.push(scoreExtra(sc, x, c, doc));
      }
      const seen = new Set<string>();
      let weightsPrinted: boolean | undefined;
      for (let i = 0; i < t.rowCount; i++) {
        tick(c);
        c.slots.fill(undefined as unknown as Value);
        c.slots[sym.specials.row] = t.rowVals[i]!;
        if (sc.where) {
          let keep: Value;
          try {
            keep = sc.where(c);
          } catch (e) {
            if (!(e instanceof EvalFailure)) throw e;
            keep = false;
          }
          c.reads = [];
          if (keep !== true) continue;
        }
        const s = scoreRow(sc, t, i, c, doc, weightsPrinted ??= printsWeights(sc, t));
        seen.add(s.r.name);
        seen.add(looseName(s.r.name));
        scored.push(s);
      }
      // Methods written for indicators the table does not have: a note (other departments' tables differ).
      const names = scored.filter((x) => !x.r.extra).map((x) => x.r.name);
      for (const [name, entry] of sym.scoreIndex) {
        if (seen.has(name) || seen.has(looseName(name))) continue;
        const sug = closest(name, names);
        const d = diagnostic('SUAN5016', entry.indicator?.span ?? sym.nameSpan, {
          id: sym.id, name, table: t.name, hint: sug ? `表中有 “${sug}”，是否是同一指标？` : '', hint_en: sug ? `The table has "${sug}": is it the same indicator?` : '',
        }, { suggestions: sug ? [sug] : [] });
        doc.diagnostics.push(d);
        result.notes.push({ zh: formatMessage(d, 'zh-CN'), en: formatMessage(d, 'en') });
      }
    }
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    const code = e.kind === 'steps' ? 'SUAN4001' : 'SUAN4002';
    const args = { id: sym.id, limit: e.kind === 'steps' ? o.maxSteps : 0 };
    rule.error = { code, message: { zh: formatMessage({ code, args }, 'zh-CN'), en: formatMessage({ code, args }, 'en') } };
    rule.counts.error++;
    // Stopped part way, as a rule is: the result is the error alone (no indicators scored so far,
    // no total of some of them said to be "without weights").
    result.counts.error = 1;
    result.total.reason = L('评分在计算上限处停止，没有计算总分', 'scoring was stopped at its evaluation budget: no total is computed');
    return { result, rule };
  }
  result.indicators = scored.map((x) => x.r);
  for (const x of scored) result.counts[x.r.outcome]++;
  result.levels = subtotals(scored, sc);
  const cited = totals(sc, scored, result, c);
  // The rule result: what reports and editors show.
  const binding = (key: string, span?: IndicatorResult['span']): Binding => ({ name: 'indicator', table: t.name, key, span });
  for (const x of scored) {
    const r = x.r;
    rule.counts[r.outcome]++;
    if (r.outcome === 'pass' && !o.all) continue;
    rule.findings.push(indicatorFinding(sym.id, sym.severity, r, x, sc, binding(r.name, r.span)));
  }
  // The weights, the total and the grade are the data's: their findings are placed at the cell or
  // fact the reported total or grade was read from, else at the table (never at the ruleset).
  const tableSpan = t.data ? doc.disclosure.tableSpan(t.name) : sym.decl.span;
  const where = (key: string, reads: readonly DataRef[] = []) => [binding(key, reads[0]?.span ?? tableSpan)];
  if (result.weights.outcome !== 'na') {
    rule.counts[result.weights.outcome]++;
    if (result.weights.outcome === 'fail' || o.all) {
      const f = plainFinding(sym.id, result.weights.outcome, sym.severity, where(WHOLE_CARD.weights), result.weights.reason ?? L('分值合计', 'Σ weights'));
      const { sum, declared } = result.weights;
      if (sum !== undefined && declared !== undefined) {
        const n = (v: string) => viewOf(exact(parseFixed(v), 'number'));
        f.values = [{ name: '分值合计', value: n(sum) }, { name: '总分', value: n(declared) }];
        f.comparison = { op: '=', actual: n(sum), expected: n(declared), difference: viewOf(exact(parseFixed(sum) - parseFixed(declared), 'number')) };
      }
      rule.findings.push(f);
    }
  }
  if (result.total.outcome !== 'na' || result.total.reported) {
    rule.counts[result.total.outcome]++;
    if (result.total.outcome === 'fail' || o.all) {
      const f = plainFinding(sym.id, result.total.outcome, sym.severity, where(WHOLE_CARD.total, cited.totalReads), result.total.reason ?? L('总分', 'total'));
      f.trail = result.total.trail;
      f.reads = cited.totalReads;
      f.values = cited.totalValues;
      if (cited.totalComparison) f.comparison = cited.totalComparison;
      rule.findings.push(f);
    }
  }
  if (result.grade) {
    rule.counts[result.grade.outcome]++;
    if (result.grade.outcome === 'fail' || o.all) {
      const g = result.grade;
      const f = plainFinding(sym.id, g.outcome, sym.severity, where(WHOLE_CARD.grade, cited.gradeReads), g.reason ?? L('等级', 'grade'));
      f.reads = cited.gradeReads;
      if (g.reported !== undefined && g.computed.length > 0) {
        // Texts, not numbers: the reported grade against the one (or ones) the total gives.
        const expected = { ...viewOf(g.computed.join('或')), text: { zh: g.computed.join('或'), en: g.computed.join(' or ') } };
        f.values = [{ name: '自评等级', value: viewOf(g.reported) }, { name: '应评等级', value: expected }];
        f.comparison = { op: '=', actual: viewOf(g.reported), expected };
      }
      rule.findings.push(f);
    }
  }
  if (!rule.notApplicable) {
    const na = scored.find((x) => x.r.outcome === 'na');
    if (na) rule.notApplicable = na.r.reason;
  }
  return { result, rule };
}

function closest(name: string, names: string[]): string | undefined {
  const n = looseName(name);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of names) {
    const m = looseName(c);
    if (!m) continue;
    // Shared characters, relative to the longer name.
    const shared = [...n].filter((ch) => m.includes(ch)).length;
    const score = 1 - shared / Math.max(n.length, m.length);
    if (score < bestScore && score <= 0.5) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

// ── one indicator ───────────────────────────────────────────────────────────────────────

function writtenView(written: string | null, p: ParsedTarget): WrittenValueView {
  const parsed: WrittenValueView['parsed'] = { kind: p.kind, text: describeParsed(p) };
  if (p.op) parsed.op = p.op;
  if (p.opWritten) parsed.opWritten = p.opWritten;
  if (p.value) parsed.value = toPlainString(p.value.v);
  if (p.high) parsed.high = toPlainString(p.high.v);
  if (p.unit) parsed.unit = p.unit;
  if (p.magnitude) parsed.magnitude = p.magnitude.word;
  if (p.normalized !== undefined) parsed.normalized = toPlainString(p.normalized);
  if (p.date) parsed.date = p.date;
  if (p.reason) parsed.reason = p.reason;
  return { written, parsed };
}

/**
 * Whether a reported grade names `grade`: as written, or in its two-character form (优秀, 良好,
 * 中等, 较差 for 优, 良, 中, 差), as many 汇总表 write it.
 */
function sameGrade(grade: string, reported: string): boolean {
  const r = reported.replace(/\s+/g, '');
  return r === grade || GRADE_WORDS[r] === grade;
}
const GRADE_WORDS: Record<string, string> = { 优秀: '优', 良好: '良', 中等: '中', 较差: '差' };

/** A number written alone, without a unit or a %. */
function isBareNumber(p: ParsedTarget): boolean {
  return p.kind === 'numeric' && p.value?.kind === 'number' && !p.unit && p.normalized !== undefined;
}

/** A bare number above 0 and not above 1: a ratio (0.96 = 96%) as likely as a percentage (0.96%). 0 is 0 either way. */
function isRatioLike(p: ParsedTarget): boolean {
  return isBareNumber(p) && p.normalized! <= ONE && p.normalized! > 0n;
}

/** A bare number read as that many percentage points (75 → 75%). */
function asPercentPoints(p: ParsedTarget): ParsedTarget {
  const v = p.value!;
  const value: Num = { ...v, kind: 'percent', v: v.v / 100n, lo: v.lo / 100n, hi: v.hi / 100n, dec: v.dec + 2 };
  return { ...p, value, unit: '%', baseUnit: '%', knownUnit: true, normalized: p.normalized! / 100n, ...(p.high ? { high: { ...p.high, kind: 'percent', v: p.high.v / 100n, lo: p.high.lo / 100n, hi: p.high.hi / 100n } } : {}), ...(p.normalizedHigh !== undefined ? { normalizedHigh: p.normalizedHigh / 100n } : {}) };
}

/** The value the names `target` and `actual` stand for in expressions: a number when there is one, else the text. */
function parsedValue(p: ParsedTarget): Value {
  if (p.kind === 'numeric') return normalizedNum(p) ?? BLANK;
  if (p.kind === 'qualitative' && p.embedded) return p.embedded.value.kind === 'percent' ? exact(p.embedded.normalized, 'percent', undefined, p.embedded.value.dec) : exact(p.embedded.normalized, 'number');
  if (p.kind === 'none') return BLANK;
  return p.text;
}

/** A weight or reported score: a number cell, or a written text such as `10分`. */
function numberOf(v: Value | undefined, onBad: (text: string) => void): Num | undefined {
  if (v === undefined || isAbsent(v)) return undefined;
  if (isNum(v)) return v;
  if (typeof v === 'string') {
    const p = parseTarget(v);
    if (p.kind === 'numeric' && (!p.unit || p.unit === '分') && p.value) return p.value;
    if (p.kind !== 'none') onBad(v);
  }
  return undefined;
}

function readValue(c: EvalContext, t: BoundTable, col: number | undefined, i: number): { v?: Value; error?: EvalFailure } {
  if (col === undefined) return {};
  const cell = t.get(col, i);
  if (typeof cell === 'object' && cell.t === 'invalid') return { error: unreadableCell(t, col, i, cell) };
  void c;
  return { v: cell as Value };
}

interface IndicatorInput {
  name: string;
  levels: string[];
  extra: boolean;
  row?: number;
  weight: { value?: Value; written: string | null; error?: EvalFailure };
  reported: { value?: Value; written: string | null; error?: EvalFailure };
  target?: { written: string | null; span?: DataRef['span'] };
  actual?: { written: string | null; span?: DataRef['span'] };
  method?: CompiledMethod;
  refs: DataRef[];
  span?: DataRef['span'];
  /** Other rows of the table print a weight (a blank one here is missing, not "no weights printed"). */
  weightsPrinted?: boolean;
}

/** Whether any row of the scorecard's table prints a weight. */
function printsWeights(sc: CompiledScorecard, t: BoundTable): boolean {
  const col = sc.cols.weight;
  if (col === undefined) return false;
  for (let i = 0; i < t.rowCount; i++) {
    const raw = t.raw(col, i);
    if (raw !== null && !isBlankText(raw)) return true;
  }
  return false;
}

function scoreRow(sc: CompiledScorecard, t: BoundTable, i: number, c: EvalContext, doc: BoundDoc, weightsPrinted: boolean): Scored {
  const cols = sc.cols;
  const raw = (col: number | undefined) => (col === undefined ? null : t.raw(col, i));
  const name = (raw(cols.indicator) ?? '').trim();
  const weight = readValue(c, t, cols.weight, i);
  const reported = readValue(c, t, cols.reported, i);
  // A cell that cannot be read shows what is written in it, not "(blank)".
  const shown = (col: number | undefined, read: { v?: Value; error?: EvalFailure }): Value => read.v ?? (read.error ? (raw(col) ?? BLANK) : BLANK);
  const refs: DataRef[] = [cellRef(doc, t, cols.indicator, i, name)];
  refs.push(cellRef(doc, t, cols.weight, i, shown(cols.weight, weight)));
  const span = (col: number) => doc.disclosure.cellSpan(t.name, i, t.columns[col]!.name);
  if (cols.target !== undefined) refs.push(cellRef(doc, t, cols.target, i, raw(cols.target) ?? BLANK));
  if (cols.actual !== undefined) refs.push(cellRef(doc, t, cols.actual, i, raw(cols.actual) ?? BLANK));
  if (cols.reported !== undefined) refs.push(cellRef(doc, t, cols.reported, i, shown(cols.reported, reported)));
  const loose = sc.methods.has(name) ? undefined : sc.loose.get(looseName(name));
  const method = sc.methods.get(name) ?? sc.methods.get(loose ?? '\u0000') ?? sc.elseMethod;
  // Found only once the numbering or the weight the table prints with the name was set aside
  // ("预算完成率 (5分)"): scored, and said, as rules that look the row up by its name miss it.
  if (loose !== undefined && strippedName(name) !== name) {
    doc.sayAboutRow('SUAN5026', t.name, () => diagnostic('SUAN5026', span(cols.indicator), { table: t.name, written: name, name: loose }));
  }
  // A weight printed in the name ("(6分)") that the weight column contradicts: one of them is wrong.
  const printed = printedWeight(name);
  if (printed !== undefined && weight.v !== undefined && isNum(weight.v) && parseDecimal(printed) !== weight.v.v) {
    doc.sayAboutRow('SUAN5028', t.name, () => diagnostic('SUAN5028', span(cols.indicator), { table: t.name, written: name, printed, weight: raw(cols.weight) ?? '' }));
  }
  return scoreIndicator(sc, c, doc, {
    name, levels: cols.levels.map((l) => (raw(l) ?? '').trim()), extra: false, row: i,
    weight: { value: weight.v, written: raw(cols.weight), error: weight.error },
    reported: { value: reported.v, written: raw(cols.reported), error: reported.error },
    target: cols.target !== undefined ? { written: raw(cols.target), span: span(cols.target) } : undefined,
    actual: cols.actual !== undefined ? { written: raw(cols.actual), span: span(cols.actual) } : undefined,
    method, refs, span: span(cols.indicator), weightsPrinted,
  }, t.name);
}

function scoreExtra(sc: CompiledScorecard, x: CompiledScorecard['extras'][number], c: EvalContext, doc: BoundDoc): Scored {
  c.slots.fill(undefined as unknown as Value);
  c.reads = [];
  const ev = (f: (typeof x)['weight']): { value?: Value; written: string | null; error?: EvalFailure } => {
    if (!f) return { written: null };
    try {
      const v = f(c);
      const written = typeof v === 'string' ? v : isNum(v) ? null : null;
      const lastRead = c.reads[c.reads.length - 1];
      let w: string | null = written;
      if (lastRead) w = lastRead.kind === 'cell' ? lastRead.table!.raw(lastRead.column!, lastRead.row!) : doc.facts[lastRead.fact!]!.data?.raw ?? null;
      return { value: v, written: w };
    } catch (e) {
      if (!(e instanceof EvalFailure)) throw e;
      return { written: null, error: e };
    }
  };
  const weight = ev(x.weight);
  const reported = ev(x.reported);
  const text = (f: (typeof x)['target']): string | null => {
    if (!f) return null;
    const v = ev(f).value;
    return v === undefined || isAbsent(v) ? null : typeof v === 'string' ? v : isNum(v) ? toPlainString(v.v) : String(v);
  };
  const target = x.target ? { written: text(x.target) } : undefined;
  const actual = x.actual ? { written: text(x.actual) } : undefined;
  const refs = dataRefs(doc, c.reads);
  c.reads = [];
  return scoreIndicator(sc, c, doc, {
    name: x.name, levels: [], extra: true, weight, reported, target, actual, method: x.method, refs, span: refs[0]?.span,
  }, doc.tables[sc.table]!.name);
}

function scoreIndicator(sc: CompiledScorecard, c: EvalContext, doc: BoundDoc, inp: IndicatorInput, table: string): Scored {
  const sym = sc.sym;
  const sp = sym.specials;
  const target = parseTarget(inp.target?.written ?? null);
  let actual = parseTarget(inp.actual?.written ?? null);
  const bad = (what: string, whatEn: string) => (text: string) => {
    doc.sayAboutRow('SUAN5017', table, () => diagnostic('SUAN5017', inp.span ?? sym.nameSpan, { table, indicator: inp.name, what, what_en: whatEn, text }));
  };
  const weightNum = numberOf(inp.weight.value, bad('分值', 'weight'));
  const reportedNum = numberOf(inp.reported.value, bad('自评得分', 'reported score'));
  const attainment = weightNum === undefined && !inp.weightsPrinted;
  // Keys in the order a reader of the JSON report expects them (undefined ones are left out).
  const r: IndicatorResult = {
    name: inp.name, extra: undefined, levels: inp.levels, row: undefined,
    weight: { written: inp.weight.written, ...(weightNum ? { exact: toPlainString(weightNum.v) } : {}) },
    target: undefined, actual: undefined, method: { kind: 'none', text: '' }, computed: undefined, computedHigh: undefined, attainment: undefined,
    reported: undefined, difference: undefined, outcome: 'na', reason: undefined, code: undefined, trail: [], reads: inp.refs, span: inp.span,
  };
  if (inp.extra) r.extra = true;
  if (inp.row !== undefined) r.row = inp.row + 1;
  if (inp.target) r.target = writtenView(inp.target.written, target);
  if (inp.actual) r.actual = writtenView(inp.actual.written, actual);
  r.reported = { written: inp.reported.written, ...(reportedNum ? { exact: toPlainString(reportedNum.v) } : {}) };
  const out: Scored = { r, weight: weightNum?.v, reported: reportedNum };
  const trail = r.trail;
  const cellError = inp.weight.error ?? inp.reported.error;
  if (cellError) {
    r.outcome = 'error';
    r.code = cellError.code;
    r.reason = { zh: formatMessage({ code: cellError.code, args: cellError.args }, 'zh-CN'), en: formatMessage({ code: cellError.code, args: cellError.args }, 'en') };
    return out;
  }
  if (weightNum === undefined && inp.weightsPrinted) {
    // The other rows print their weights: this one's is missing, and its score cannot be judged.
    r.outcome = 'error';
    r.reason = L('分值空白（表中其他指标印有分值）：得分无法与分值核对，请按原表补上分值', 'the weight is blank (the other indicators print theirs): the score cannot be checked against it; fill in the weight as printed');
    trail.push(r.reason);
    return out;
  }
  // What expressions of the method see.
  c.slots[sp.indicator] = inp.name;
  c.slots[sp.weight] = weightNum ?? (attainment ? exact(10n ** 18n, 'number') : BLANK);
  c.slots[sp.target] = parsedValue(target);
  c.slots[sp.actual] = parsedValue(actual);
  c.slots[sp.reported] = reportedNum ?? BLANK;
  // An actual written without its % ("75" in a table whose unit column says %) that a method
  // compares with percentages of its own (bands, a deduction's threshold) is read as percentage
  // points (language.md §11.2): 75 is 75%, not 7,500%. One of 1 or less ("0.96", "1") may be a
  // ratio as well as a percentage: not guessed, said. (Against a percentage target, `auto`,
  // proportional and threshold methods and `met` read it so themselves; an expression reads the
  // actual as written.)
  let percentNote: Localised | undefined;
  let ambiguous: Localised | undefined;
  if (isBareNumber(actual) && inp.method !== undefined && comparesWithPercent(inp.method, { c, weight: 0n, attainment, target, actual })) {
    if (isRatioLike(actual)) ambiguous = ratioOrPercent(actual.text, actual.normalized!);
    else {
      actual = asPercentPoints(actual);
      c.slots[sp.actual] = parsedValue(actual);
      percentNote = percentPointsNote(actual.text, actual.normalized!);
    }
  }
  const m = meets(actual, target);
  c.slots[sp.met] = m.met === undefined ? BLANK : m.met;
  const written = (w: string | null | undefined, label: string, labelEn: string, p: ParsedTarget) => {
    if (w === null || w === undefined || w.trim() === '') trail.push(L(`${label}：空白`, `${labelEn}: blank`));
    else trail.push(L(`${label}“${w}”：${describeParsed(p).zh}`, `${labelEn} "${w}": ${describeParsed(p).en}`));
  };
  if (inp.target) written(inp.target.written, '目标值', 'target', target);
  if (inp.actual) written(inp.actual.written, '实际完成值', 'actual', actual);
  if (percentNote) trail.push(percentNote);
  if (ambiguous) {
    r.outcome = 'na';
    r.reason = ambiguous;
    trail.push(ambiguous);
    return out;
  }
  if (attainment) trail.push(L('本表未印分值：按分值 1 计算完成程度（不比较得分）', 'no weight printed: attainment is computed with weight 1 (no score is compared)'));
  const method = inp.method;
  if (!method) {
    r.outcome = 'na';
    r.reason = L(`评分表没有为“${inp.name}”写评分方法（也没有 score else）`, `the scorecard has no method for "${inp.name}" (and no score else)`);
    return out;
  }
  r.method = { kind: method.kind, text: method.text, span: method.span };
  c.reads = [];
  const cost = inp.levels.some((l) => l.includes('成本'));
  const res: MethodResult = runMethod(method, { c, weight: attainment ? 10n ** 18n : weightNum!.v, attainment, target, actual, places: (method.round ?? sc.round).places, cost });
  // The method's reads, less the indicator's own cells already listed.
  r.reads = [...inp.refs, ...dataRefs(doc, c.reads).filter((x) => !inp.refs.some((y) => sameDataRef(x, y)))];
  c.reads = [];
  if (res.chosen) r.method.chosen = res.chosen;
  trail.push(...res.trail);
  if (res.error) {
    r.outcome = 'error';
    r.code = res.error.code;
    r.reason = res.error.reason;
    if (res.error.code === 'SUAN5015') {
      const which = res.error.which ?? 'target';
      const p = which === 'target' ? target : actual;
      const at = which === 'target' ? inp.target?.span : inp.actual?.span;
      doc.sayAboutRow('SUAN5015', table, () => diagnostic('SUAN5015', at ?? inp.span ?? sym.nameSpan, {
        table, indicator: inp.name, what: which === 'target' ? '目标值' : '实际完成值', what_en: which === 'target' ? 'target' : 'actual value',
        text: p.text, reason: p.reason?.zh ?? '', reason_en: p.reason?.en ?? '',
      }));
    }
    return out;
  }
  if (res.lo === undefined) {
    r.outcome = 'na';
    r.reason = res.na ?? L('无法计算', 'not computable');
    trail.push(L(`无法计算：${r.reason.zh}`, `not computable: ${r.reason.en}`));
    // Counted at its reported score (`totals`): one above the weight is wrong whatever the method gives.
    if (reportedNum && weightNum && reportedNum.lo > weightNum.hi) {
      r.outcome = 'fail';
      const repText = inp.reported.written ?? showNumber(reportedNum.v);
      r.reason = L(`自评得分 ${repText} 超过分值 ${inp.weight.written ?? showNumber(weightNum.v)}（得分无法按评分方法计算：${r.reason.zh}）`, `the reported score ${repText} is above the weight ${inp.weight.written ?? showNumber(weightNum.v)} (the method cannot compute it: ${r.reason.en})`);
      trail.push(r.reason);
    }
    return out;
  }
  // Attainment (a ratio) keeps the declared decimals of a percentage: round 2 → 96.56%.
  const declared = method.round ?? sc.round;
  const round = attainment ? { ...declared, places: Math.min(18, declared.places + 2) } : declared;
  let lo = roundScore(res.lo, round);
  let hi = roundScore(res.hi ?? res.lo, round);
  if (lo !== res.lo || hi !== (res.hi ?? res.lo)) {
    const mode = modeName(round.mode);
    trail.push(lo === hi
      ? L(`${mode.zh}到 ${round.places} 位小数：${showNumber(res.lo)} → ${showScore(lo, round.places)}`, `rounded ${mode.en} to ${round.places} decimals: ${showNumber(res.lo)} → ${showScore(lo, round.places)}`)
      : L(`${mode.zh}到 ${round.places} 位小数：${showScore(lo, round.places)}–${showScore(hi, round.places)}`, `rounded ${mode.en} to ${round.places} decimals: ${showScore(lo, round.places)}–${showScore(hi, round.places)}`));
  }
  if (hi < lo) [lo, hi] = [hi, lo];
  out.lo = lo;
  out.hi = hi;
  if (attainment) {
    r.attainment = toPlainString(lo);
    r.outcome = 'pass';
    trail.push(L(`完成程度 ${showPercent(lo)}`, `attainment ${showPercent(lo)}`));
    return out;
  }
  r.computed = toPlainString(lo);
  if (hi !== lo) r.computedHigh = toPlainString(hi);
  const places = round.places;
  const shown = hi === lo ? showScore(lo, places) : `${showScore(lo, places)}–${showScore(hi, places)}`;
  if (!reportedNum) {
    r.outcome = 'na';
    r.reason = L(`计算得分 ${shown}，但没有填写自评得分`, `computed ${shown}, but no self-reported score is written`);
    trail.push(r.reason);
    return out;
  }
  const rep = reportedNum.v;
  const diff = rep < lo ? rep - lo : rep > hi ? rep - hi : 0n;
  r.difference = toPlainString(diff);
  const tol = sc.tolerance;
  const ok = (diff < 0n ? -diff : diff) <= tol;
  r.outcome = ok ? 'pass' : 'fail';
  const repText = inp.reported.written ?? showNumber(rep);
  if (ok) {
    trail.push(diff === 0n
      ? L(`自评得分 ${repText} 与计算得分 ${shown} 一致`, `the reported score ${repText} agrees with the computed ${shown}`)
      : L(`自评得分 ${repText} 与计算得分 ${shown} 相差 ${showNumber(diff)}，在容差 ${showNumber(tol)} 内`, `the reported score ${repText} differs from the computed ${shown} by ${showNumber(diff)}, within the tolerance ${showNumber(tol)}`));
  } else {
    r.reason = L(
      `自评得分 ${repText}${diff > 0n ? '高于' : '低于'}计算得分 ${shown}，差额 ${showNumber(diff)}${tol ? `，超过容差 ${showNumber(tol)}` : ''}`,
      `the reported score ${repText} is ${diff > 0n ? 'above' : 'below'} the computed ${shown} by ${showNumber(diff < 0n ? -diff : diff)}${tol ? `, beyond the tolerance ${showNumber(tol)}` : ''}`,
    );
    trail.push(r.reason);
  }
  return out;
}

// ── findings ────────────────────────────────────────────────────────────────────────────

function scoreText(r: IndicatorResult, places: number): string {
  if (r.computed === undefined) return '—';
  const lo = parseFixed(r.computed);
  const s = showScore(lo, places);
  return r.computedHigh !== undefined ? `${s}–${showScore(parseFixed(r.computedHigh), places)}` : s;
}

function parseFixed(s: string): bigint {
  const neg = s.startsWith('-');
  const [i = '0', f = ''] = (neg ? s.slice(1) : s).split('.');
  const v = BigInt(i + f.padEnd(18, '0').slice(0, 18));
  return neg ? -v : v;
}

function indicatorFinding(id: string, severity: Severity, r: IndicatorResult, x: Scored, sc: CompiledScorecard, b: Binding): Finding {
  const places = sc.round.places;
  const computed = scoreText(r, places);
  const rep = r.reported?.written ?? '—';
  let message: Localised;
  if (r.outcome === 'fail') {
    message = L(
      `${r.name}：按“${r.method.text}”计算得分 ${computed}，自评得分 ${rep}，差额 ${showNumber(parseFixed(r.difference ?? '0'))}`,
      `${r.name}: "${r.method.text}" gives ${computed}, reported ${rep}, difference ${showNumber(parseFixed(r.difference ?? '0'))}`,
    );
  } else if (r.outcome === 'na') {
    message = L(`${r.name}：无法计算得分——${r.reason?.zh ?? ''}`, `${r.name}: the score cannot be computed — ${r.reason?.en ?? ''}`);
  } else if (r.outcome === 'error') {
    message = L(`${r.name}：${r.reason?.zh ?? ''}`, `${r.name}: ${r.reason?.en ?? ''}`);
  } else {
    message = L(`${r.name}：计算得分 ${computed}，自评得分 ${rep}，一致`, `${r.name}: computed ${computed}, reported ${rep}: agrees`);
  }
  const f: Finding = {
    rule: id, outcome: r.outcome, severity: r.outcome === 'na' ? 'info' : severity, bindings: [b], message, values: [], reads: r.reads, trail: r.trail,
  };
  if (r.reason && r.outcome !== 'pass') f.reason = r.reason;
  if (r.code) f.code = r.code;
  const num = (v: bigint) => exact(v, 'number', undefined, places);
  if (x.weight !== undefined) f.values.push({ name: '分值', value: viewOf(exact(x.weight, 'number')) });
  if (r.target) f.values.push({ name: '目标值', value: viewOf(r.target.written ?? BLANK) });
  if (r.actual) f.values.push({ name: '实际完成值', value: viewOf(r.actual.written ?? BLANK) });
  if (x.lo !== undefined && r.computed !== undefined) f.values.push({ name: '计算得分', value: { ...viewOf(num(x.lo)), text: { zh: computed, en: computed } } });
  if (x.reported) f.values.push({ name: '自评得分', value: viewOf(x.reported) });
  if (r.outcome === 'fail' && x.lo !== undefined && x.reported) {
    const diff = parseFixed(r.difference ?? '0');
    f.comparison = {
      op: '=',
      actual: viewOf(x.reported),
      expected: { ...viewOf(num(x.lo)), text: { zh: computed, en: computed } },
      difference: viewOf(num(diff)),
      ...(sc.tolerance ? { tolerance: viewOf(exact(sc.tolerance, 'number')) } : {}),
    };
  }
  return f;
}

function plainFinding(id: string, outcome: Outcome, severity: Severity, bindings: Binding[], message: Localised): Finding {
  return { rule: id, outcome, severity: outcome === 'na' ? 'info' : severity, bindings, message, values: [], reads: [] };
}

// ── levels, weights, total, grade ───────────────────────────────────────────────────────

function subtotals(scored: Scored[], sc: CompiledScorecard): LevelSubtotal[] {
  const depth = sc.cols.levels.length;
  const groups = new Map<string, { depth: number; path: string[]; items: Scored[] }>();
  for (const x of scored) {
    if (x.r.extra) continue;
    for (let d = 1; d <= depth; d++) {
      const path = x.r.levels.slice(0, d);
      if (path[d - 1] === '') break;
      const key = `${d}\u0000${path.join('\u0000')}`;
      if (!groups.has(key)) groups.set(key, { depth: d, path, items: [] });
      groups.get(key)!.items.push(x);
    }
  }
  return [...groups.values()].map((g) => {
    const out: LevelSubtotal = { depth: g.depth, path: g.path, indicators: g.items.length, weight: toPlainString(g.items.reduce((s, x) => s + (x.weight ?? 0n), 0n)) };
    if (g.items.every((x) => x.lo !== undefined && !x.r.attainment)) {
      const lo = g.items.reduce((s, x) => s + x.lo!, 0n);
      const hi = g.items.reduce((s, x) => s + x.hi!, 0n);
      out.computed = toPlainString(lo);
      if (hi !== lo) out.computedHigh = toPlainString(hi);
    }
    if (g.items.some((x) => x.reported)) out.reported = toPlainString(g.items.reduce((s, x) => s + (x.reported?.v ?? 0n), 0n));
    return out;
  });
}

/** What the total's and the grade's findings cite: the data they were read from, the total's numbers and its comparison. */
interface WholeCardCited {
  totalReads: DataRef[];
  gradeReads: DataRef[];
  totalValues: Finding['values'];
  totalComparison?: Finding['comparison'];
}

function totals(sc: CompiledScorecard, scored: Scored[], result: ScorecardResult, c: EvalContext): WholeCardCited {
  const cited: WholeCardCited = { totalReads: [], gradeReads: [], totalValues: [] };
  const places = sc.round.places;
  const weighted = scored.filter((x) => x.weight !== undefined);
  // Σ weights.
  if (weighted.length > 0) {
    const sum = weighted.reduce((s, x) => s + x.weight!, 0n);
    result.weights.sum = toPlainString(sum);
    if (sc.total !== undefined) {
      result.weights.declared = toPlainString(sc.total);
      result.weights.outcome = sum === sc.total ? 'pass' : 'fail';
      if (sum !== sc.total) {
        result.weights.reason = L(`各指标分值合计 ${showNumber(sum)}，应为 ${showNumber(sc.total)}`, `the weights add up to ${showNumber(sum)}, not ${showNumber(sc.total)}`);
      }
    } else result.weights.outcome = 'pass';
  }
  // Reported total.
  const total = result.total;
  let reportedTotal: Num | undefined;
  if (sc.reportedTotal) {
    c.slots.fill(undefined as unknown as Value);
    c.reads = [];
    let v: Value = BLANK;
    try {
      v = sc.reportedTotal(c);
    } catch (e) {
      if (!(e instanceof EvalFailure)) throw e;
    }
    cited.totalReads = dataRefs(c.doc, c.reads);
    c.reads = [];
    const written = cited.totalReads[0]?.written ?? null;
    reportedTotal = numberOf(v, () => undefined);
    total.reported = { written, ...(reportedTotal ? { exact: toPlainString(reportedTotal.v) } : {}) };
  }
  const trail = total.trail;
  if (weighted.length === 0) {
    total.reason = L('本表没有分值，不计算总分', 'the table has no weights: no total is computed');
    return cited;
  }
  let lo = 0n;
  let hi = 0n;
  let computable = true;
  for (const x of weighted) {
    if (x.lo !== undefined) {
      lo += x.lo;
      hi += x.hi!;
    } else if (x.reported) {
      total.notComputable++;
      lo += x.reported.v;
      hi += x.reported.v;
      trail.push(L(`“${x.r.name}”无法计算，按自评得分 ${showNumber(x.reported.v)} 计入`, `"${x.r.name}" is not computable: its reported ${showNumber(x.reported.v)} is counted`));
    } else computable = false;
  }
  const reportedSum = weighted.filter((x) => x.reported).reduce((s, x) => s + x.reported!.v, 0n);
  if (weighted.some((x) => x.reported)) total.reportedSum = toPlainString(reportedSum);
  if (!computable) {
    total.reason = L('有指标既无法计算、也没有自评得分，总分无法计算', 'an indicator is neither computable nor reported: the total cannot be computed');
    return cited;
  }
  total.computed = toPlainString(lo);
  if (hi !== lo) total.computedHigh = toPlainString(hi);
  const shown = lo === hi ? showScore(lo, places) : `${showScore(lo, places)}–${showScore(hi, places)}`;
  trail.push(L(`按评分方法计算的总分 = ${shown}`, `total by the methods = ${shown}`));
  if (result.grade === undefined && sc.grade) result.grade = { computed: [], outcome: 'na' };
  const grades = sc.grade ? gradesOf(sc.grade, lo, hi) : [];
  if (sc.grade) result.grade!.computed = grades;
  if (!reportedTotal) {
    total.outcome = 'pass';
    if (sc.reportedTotal) {
      total.outcome = 'na';
      total.reason = L('没有自评总分可比较', 'no reported total to compare');
    }
  } else {
    const r = reportedTotal.v;
    const diff = r < lo ? r - lo : r > hi ? r - hi : 0n;
    total.difference = toPlainString(diff);
    const tol = sc.tolerance * BigInt(Math.max(1, weighted.length));
    // Σ reported scores against the reported total, rounding-aware: each written number stands for its interval.
    const half = (n: Num) => n.hi - n.v;
    const sumHalf = weighted.filter((x) => x.reported).reduce((s, x) => s + half(x.reported!), 0n) + half(reportedTotal);
    const arithmeticOk = !weighted.some((x) => x.reported) || (reportedSum - r < 0n ? r - reportedSum : reportedSum - r) <= sumHalf;
    const computedOk = (diff < 0n ? -diff : diff) <= tol;
    const repText = total.reported?.written ?? showNumber(r);
    // The most a total can be: the declared total (100), else the weights' sum.
    const most = sc.total ?? weighted.reduce((s, x) => s + x.weight!, 0n);
    const num = (v: bigint) => exact(v, 'number', undefined, places);
    const computedView = { ...viewOf(num(r - diff)), text: { zh: shown, en: shown } }; // the computed total nearest the reported one
    cited.totalValues.push({ name: '自评总分', value: viewOf(reportedTotal) }, { name: '计算总分', value: computedView });
    const against = (op: string, expected: ValueView, by: bigint) => ({ op, actual: viewOf(reportedTotal!), expected, difference: viewOf(num(by)) });
    if (reportedTotal.lo > most) {
      cited.totalComparison = against('<=', viewOf(exact(most, 'number')), r - most);
      total.outcome = 'fail';
      total.reason = sc.total !== undefined
        ? L(`自评总分 ${repText} 超过总分 ${showNumber(most)}`, `the reported total ${repText} is above the full score, ${showNumber(most)}`)
        : L(`自评总分 ${repText} 超过各指标分值合计 ${showNumber(most)}`, `the reported total ${repText} is above the weights' sum, ${showNumber(most)}`);
    } else if (!arithmeticOk) {
      cited.totalComparison = against('=', viewOf(exact(reportedSum, 'number')), r - reportedSum);
      total.outcome = 'fail';
      total.reason = L(`自评总分 ${repText} 不等于各项自评得分之和 ${showNumber(reportedSum)}`, `the reported total ${repText} is not the sum of the reported scores, ${showNumber(reportedSum)}`);
    } else if (!computedOk) {
      cited.totalComparison = { ...against('=', computedView, diff), ...(sc.tolerance ? { tolerance: viewOf(exact(tol, 'number')) } : {}) };
      total.outcome = 'fail';
      total.reason = L(`按评分方法计算的总分为 ${shown}，自评总分 ${repText}，差额 ${showNumber(diff)}`, `the methods give a total of ${shown}; the reported total is ${repText}, difference ${showNumber(diff)}`);
    } else {
      total.outcome = 'pass';
      total.reason = L(`自评总分 ${repText} 与计算总分 ${shown} 一致`, `the reported total ${repText} agrees with the computed ${shown}`);
    }
    trail.push(total.reason);
  }
  // Grade.
  if (sc.grade && result.grade) {
    const g = result.grade;
    let reported: string | undefined;
    if (sc.reportedGrade) {
      c.slots.fill(undefined as unknown as Value);
      try {
        const v = sc.reportedGrade(c);
        if (typeof v === 'string' && v.trim()) reported = v.trim();
      } catch (e) {
        if (!(e instanceof EvalFailure)) throw e;
      }
      cited.gradeReads = dataRefs(c.doc, c.reads);
      c.reads = [];
    }
    if (reported !== undefined) g.reported = reported;
    const list = grades.join('或');
    const listEn = grades.join(' or ');
    if (grades.length === 0) {
      g.outcome = 'na';
      g.reason = L(`总分 ${shown} 不在任何等级内`, `the total ${shown} falls in no grade`);
    } else if (reported === undefined) {
      g.outcome = 'na';
      g.reason = L(`按总分 ${shown} 应评为“${list}”；没有自评等级可比较`, `the total ${shown} gives "${listEn}"; no reported grade to compare`);
    } else if (grades.some((x) => sameGrade(x, reported!))) {
      g.outcome = 'pass';
      g.reason = L(`自评等级“${reported}”与总分 ${shown} 对应的等级一致`, `the reported grade "${reported}" agrees with the total ${shown}`);
    } else {
      g.outcome = 'fail';
      g.reason = L(`按总分 ${shown} 应评为“${list}”，自评等级为“${reported}”`, `the total ${shown} gives "${listEn}", but the reported grade is "${reported}"`);
    }
  }
  return cited;
}

function gradesOf(scale: NonNullable<CompiledScorecard['grade']>, lo: bigint, hi: bigint): string[] {
  const pick = (x: bigint) => scale.find((g) => inBand(g.op, x, g.a, g.b))?.label;
  const out = new Set<string>();
  for (const x of [lo, hi]) {
    const g = pick(x);
    if (g) out.add(g);
  }
  // A range of totals may span grades between its ends too.
  for (const g of scale) {
    if (g.op !== 'else' && g.a !== undefined && g.a > lo && g.a < hi) out.add(g.label);
  }
  return [...out];
}
