/**
 * Scoring methods: each turns an indicator's weight, parsed target and actual (and any values
 * its expressions read) into a score — or says why it cannot — and writes the explanation
 * trail a reviewer follows, step by step, in zh-CN and en.
 *
 *   full            weight (`full if <condition>`: else 0)
 *   proportional    weight × min(actual ÷ target, 1)   (target ÷ actual for an upper bound)
 *   threshold       weight when the actual meets the target (≥, ≤, =, range, deadline), else 0
 *   execution       weight × 执行数 ÷ 预算数, at most the weight
 *   deduct          weight − n × points, at least 0; n = shortfall ÷ step in whole steps (floor)
 *   bands           the first band the value falls in: points, or a share of the weight
 *   qualitative     the written value matched against listed texts
 *   auto            chosen from the parsed target
 *   parts           sub-items with their own points, added up
 *   custom          any expression
 *
 * Scores are exact fixed-point (×10^18); the caller rounds them as the scorecard says.
 */
import type * as A from '../syntax/ast';
import type { DiagnosticArgs } from '../diagnostics/diagnostic';
import type { DiagnosticCode } from '../diagnostics/catalogue';
import type { RoundingMode } from '../semantics/builtins';
import { MONEY_UNITS } from '../semantics/types';
import { EvalFailure, type EvalContext, type Fn } from '../evaluation/compile';
import { ONE, div, formatFixed, mul, roundTo } from '../evaluation/decimal';
import type { Localised } from '../evaluation/results';
import { isAbsent, isBlank, isMissing, isNum, type Num, type Value } from '../evaluation/values';
import { inBand, type BandOp } from './bands';
import { L, describeParsed, opSign, showKind, showNumber, showParsedNumber, showPercent, showValue } from './show';
import { dateKey, formatDate, parseTarget, unitClass, type ParsedTarget } from './targets';

export interface RoundRule {
  places: number;
  mode: RoundingMode;
}

/**
 * Renders an expression with the values it reads substituted (`9 ÷ 10 × 18`). A choice
 * (`if … then … else …`) renders the branch taken and adds a note saying why to `notes`.
 */
export type Renderer = (c: EvalContext, lang: 'zh-CN' | 'en', notes?: string[]) => string;

export interface CompiledBandValue {
  lo: Fn;
  hi?: Fn;
}

export interface CompiledBand {
  op: BandOp;
  a?: Fn;
  b?: Fn;
  /** The condition as written (`>= 90%`). */
  label: string;
  value?: CompiledBandValue;
}

export type CompiledMethod = (
  | { kind: 'full'; cond?: Fn; condText?: string }
  | { kind: 'proportional'; of?: Fn; to?: Fn; ofText?: string; toText?: string }
  | { kind: 'threshold'; of?: Fn; ofText?: string }
  | { kind: 'execution'; num?: Fn; den?: Fn; numText: string; denText: string }
  | { kind: 'deduct'; points: Fn; step: Fn; direction: 'below' | 'above'; threshold: Fn; of?: Fn; ofText?: string; steps: 'floor' | 'ceil' | 'exact' }
  | { kind: 'bands'; of?: Fn; ofText?: string; bands: CompiledBand[] }
  | { kind: 'qualitative'; of?: Fn; ofSpecial?: 'actual' | 'target'; entries: { text?: string; isElse: boolean; value?: CompiledBandValue }[] }
  | { kind: 'auto' }
  | { kind: 'parts'; parts: { points: Fn; method?: CompiledMethod; text: string }[] }
  | { kind: 'custom'; expr: Fn; render: Renderer; usesMet: boolean }
) & { round?: RoundRule; text: string; span: A.Span };

/** What a method sees of one indicator. */
export interface MethodEnv {
  c: EvalContext;
  /** The weight (fixed-point); 1 in attainment mode (no weight printed). */
  weight: bigint;
  attainment: boolean;
  target: ParsedTarget;
  actual: ParsedTarget;
  /** Decimals scores are shown with (the declared rounding); exact values show more when they have more. */
  places?: number;
  /** The indicator is a cost indicator (成本指标 among its levels): an amount target is a ceiling. */
  cost?: boolean;
}

export interface MethodResult {
  /** The score range (lo = hi for a single score), unrounded. Absent when not computable. */
  lo?: bigint;
  hi?: bigint;
  /** Why the score cannot be computed (flag for review). */
  na?: Localised;
  /** A value that cannot be read at all (a diagnostic at that cell). */
  error?: { code: DiagnosticCode; args: DiagnosticArgs; reason: Localised; which?: 'target' | 'actual' };
  trail: Localised[];
  /** For `auto`: the method chosen. */
  chosen?: string;
}

/** A number taken from a value or a written form, with how it reads. */
interface NumArg {
  v: bigint;
  kind: 'percent' | 'number' | 'money';
  show: string;
  unit: string;
  note?: Localised;
  /** Read from a written form (not computed by an expression). */
  written?: true;
}

type Got = { ok: NumArg } | { na: Localised } | { error: MethodResult['error'] };

const WHICH = { target: L('目标值', 'target'), actual: L('实际完成值', 'actual') };

// ── numbers from written forms and values ───────────────────────────────────────────────

/** The number a parsed target or actual stands for (a bound restated as the actual counts as its value). */
export function numberOfParsed(p: ParsedTarget, which: 'target' | 'actual'): Got {
  const w = WHICH[which];
  const kindOf = (): NumArg['kind'] => (p.value?.kind === 'percent' ? 'percent' : 'number');
  switch (p.kind) {
    case 'numeric': {
      const arg: NumArg = { v: p.normalized!, kind: kindOf(), show: showParsedNumber(p), unit: unitClass(p), written: true };
      if (which === 'actual' && p.opWritten && p.op !== '=') {
        arg.note = L(`实际完成值“${p.text}”只写了一个界限（未给出实测值），按 ${arg.show} 计`, `the actual "${p.text}" only states a bound (no measured value); read as ${arg.show}`);
      }
      return { ok: arg };
    }
    case 'qualitative':
      if (p.embedded) {
        const kind = p.embedded.value.kind === 'percent' ? 'percent' : 'number';
        const show = kind === 'percent' ? showPercent(p.embedded.normalized) : showNumber(p.embedded.normalized);
        return { ok: { v: p.embedded.normalized, kind, show, unit: p.embedded.unit === '%' ? '%' : p.embedded.unit ?? '', note: L(`从${w.zh}“${p.text}”中取数值 ${show}`, `the number ${show} taken from the ${w.en} "${p.text}"`) } };
      }
      return { na: L(`${w.zh}“${p.text}”是文字，不是数值`, `the ${w.en} "${p.text}" is words, not a number`) };
    case 'range':
      if (which === 'target') return { ok: { v: p.normalized!, kind: kindOf(), show: showParsedNumber(p), unit: unitClass(p), note: L(`目标为区间 ${describeParsed(p).zh}，取下限 ${showParsedNumber(p)}`, `the target is the range ${describeParsed(p).en}; its lower bound ${showParsedNumber(p)} is used`) } };
      return { na: L(`实际完成值“${p.text}”是一个区间，不是实测值`, `the actual "${p.text}" is a range, not a measured value`) };
    case 'deadline': return { na: L(`${w.zh}“${p.text}”是日期，不是数值`, `the ${w.en} "${p.text}" is a date, not a number`) };
    case 'none': return { na: L(`没有${w.zh}`, `no ${w.en}`) };
    case 'invalid':
      return {
        error: {
          code: 'SUAN5015', args: {}, which,
          reason: L(`${w.zh}“${p.text}”无法解析：${p.reason?.zh ?? ''}`, `the ${w.en} "${p.text}" cannot be read: ${p.reason?.en ?? ''}`),
        },
      };
  }
}

/** The number a run-time value stands for (`of <expr>`): a Num, or a written text parsed like a target. */
function numberOfValue(v: Value, what: string): Got {
  if (isNum(v)) {
    if (v.kind === 'money' && v.unit && MONEY_UNITS[v.unit]) return { ok: { v: v.v * MONEY_UNITS[v.unit]!, kind: 'money', show: showValue(v, 'zh-CN'), unit: '元' } };
    return { ok: { v: v.v, kind: v.kind === 'percent' ? 'percent' : 'number', show: showValue(v, 'zh-CN'), unit: v.kind === 'percent' ? '%' : '' } };
  }
  if (typeof v === 'string') return numberOfParsed(parseTarget(v), 'actual');
  if (isBlank(v)) return { na: L(`${what} 为空白`, `${what} is blank`) };
  if (isMissing(v)) return { na: L(`${what}：缺少 ${v.what}`, `${what}: ${v.what} is missing`) };
  return { na: L(`${what} 不是数值`, `${what} is not a number`) };
}

/** What the trail says of a bare actual read as percentage points (`v`: the percentage, as a ratio). */
export function percentPointsNote(text: string, v: bigint): Localised {
  return L(`实际完成值 ${text} 没有 %，按 ${showPercent(v)} 计`, `the actual ${text} has no %; read as ${showPercent(v)}`);
}

/**
 * Why a bare actual above 0 and not above 1 against percentages is not read: "0.96" may be the
 * ratio 96% as well as 0.96%.
 */
export function ratioOrPercent(text: string, v: bigint): Localised {
  return L(`实际完成值 ${text} 没有 %，又不大于 1：是比率 ${showPercent(v)} 还是 ${text}% 无法判断；请按原表写明 %`,
    `the actual ${text} has no % and is 1 or less: whether it is the ratio ${showPercent(v)} or ${text}% cannot be told; write the % as the table prints it`);
}

/**
 * A target and an actual in comparable units: a plain actual against a % target is read as
 * percentage points, and a % actual against a plain written target ("≥95" in a table whose
 * unit column says %) as its points too.
 */
function align(a: NumArg, t: NumArg): { a: NumArg; na?: Localised } {
  if (t.unit === '%' && a.unit === '' && a.kind === 'number' && a.written) {
    if (a.v > 0n && a.v <= ONE) return { a, na: ratioOrPercent(a.show, a.v) }; // 0 is 0 either way
    const v = a.v / 100n;
    return { a: { ...a, v, kind: 'percent', show: showPercent(v), note: percentPointsNote(a.show, v) } };
  }
  if (a.unit === '%' && a.kind === 'percent' && t.unit === '' && t.kind === 'number' && t.written) {
    const v = a.v * 100n;
    return { a: { ...a, v, kind: 'number', unit: '', show: showNumber(v), note: L(`目标值 ${t.show} 没有 %，实际完成值 ${a.show} 按 ${showNumber(v)} 计`, `the target ${t.show} has no %; the actual ${a.show} is read as ${showNumber(v)}`) } };
  }
  if (a.written && a.unit && t.unit && a.unit !== t.unit) return { a, na: L(`单位不一致：目标为 ${t.unit}，实际为 ${a.unit}`, `the units differ: target in ${t.unit}, actual in ${a.unit}`) };
  return { a };
}

// ── attainment ──────────────────────────────────────────────────────────────────────────

const ACHIEVED = new Set([
  '已完成', '完成', '全部完成', '按时完成', '按期完成', '如期完成', '已全部完成', '已按时完成', '已实现', '实现', '已达到', '达到', '达到预期',
  '完全达到预期', '已达标', '达标', '符合', '符合要求', '满足', '满足要求', '是', '已落实', '落实', '已达成', '达成', '完成目标', '已完成目标',
]);
const NEGATION = /未|没有|尚未|无法|不能|不足|部分|未能|不到|欠/;
/**
 * What a real table writes when a target was not quite reached: the verb is there, but hedged or
 * denied around it ("有待进一步提高", "降低不明显", "促进作用有限" against "明显提高").
 */
const HEDGE = /有待|仍需|仍待|尚需|尚待|还需|还待|需进一步|需要进一步|待提高|待加强|待改进|待提升|无明显|不明显|不显著|不大|有限(?!公司|责任)|不够|不高|不理想|欠佳|不佳|较差|滞后/;
/** A target that something does not happen (不发生, 杜绝, 避免, 零): an actual that it did not happen meets it. */
const DENIAL = /不发生|未发生|没有发生|无发生|未出现|没有出现|不出现|杜绝|避免|零/g;
/** Degrees: a target asking for a strong change is not reached by a slight one ("明显提高" vs "有所提高"). */
const STRONG = /^(明显|显著|大幅度?|较大幅度|大力|全面|充分)/;
const SLIGHT = /有所|略有|稍有|小幅|一定程度|些许|初步|轻微/;
const ADVERBS = /^(明显|显著|有效|逐步|稳步|不断|进一步|持续|大幅|全面|切实|充分|积极|较大幅度|较大|较好|基本|完全|大力|努力|力争|进一步|稳定|逐年|大幅度)/;

function normText(s: string): string {
  return s.replace(/^[=＝]/, '').replace(/[\s\u3000、，,。；;：:“”"'‘’()（）]/g, '');
}

/** Whether a written actual reports a qualitative target as reached. */
export function achieved(actual: ParsedTarget, target: ParsedTarget): { met?: true; na?: Localised; trail: Localised[] } {
  const t = target.words ?? target.text;
  if (actual.kind === 'none') return { na: L('没有实际完成值', 'no actual value'), trail: [] };
  const a = normText(actual.text);
  const tn = normText(t);
  if (a === tn) return { met: true, trail: [L(`实际完成值与目标“${t}”的表述相同 → 达成`, `the actual states the target "${t}" → reached`)] };
  // "未发生安全事故" against "不发生安全事故": the same thing denied.
  const denied = tn.replace(DENIAL, '');
  if (denied !== tn && denied.length >= 2) {
    const rest = a.replace(DENIAL, '');
    if (rest !== a && (rest === denied || rest.includes(denied))) {
      return { met: true, trail: [L(`实际完成值“${actual.text}”与目标“${t}”同样否定“${denied}” → 达成`, `the actual "${actual.text}" denies "${denied}" as the target "${t}" does → reached`)] };
    }
    return { na: L(`实际完成值“${actual.text}”没有说明目标“${t}”是否达成`, `the actual "${actual.text}" does not say whether the target "${t}" was reached`), trail: [] };
  }
  if (NEGATION.test(a) || HEDGE.test(a) || (STRONG.test(tn) && SLIGHT.test(a))) {
    return { na: L(`实际完成值“${actual.text}”表明目标“${t}”未（完全）达成，须人工复核得分`, `the actual "${actual.text}" says the target "${t}" was not (fully) reached; the score needs review`), trail: [] };
  }
  if (ACHIEVED.has(a)) return { met: true, trail: [L(`实际完成值“${actual.text}”表示已达成 → 达成`, `the actual "${actual.text}" reports it as reached → reached`)] };
  let core = tn;
  for (let k = 0; k < 4 && ADVERBS.test(core); k++) core = core.replace(ADVERBS, '');
  // The target's verb (its adverbs aside, or the target itself: 提高, 减少) in the actual, not denied
  // just before it (不满意 does not reach 满意).
  const at = core.length >= 2 ? a.indexOf(core) : -1;
  if (at >= 0 && !/[不未无没非]$/.test(a.slice(0, at))) {
    return { met: true, trail: [L(`实际完成值“${actual.text}”包含目标“${t}”的“${core}” → 达成`, `the actual "${actual.text}" contains "${core}" of the target "${t}" → reached`)] };
  }
  return { na: L(`实际完成值“${actual.text}”没有说明目标“${t}”是否达成`, `the actual "${actual.text}" does not say whether the target "${t}" was reached`), trail: [] };
}

/** Whether an actual meets a target (by the target's operator, range or deadline). */
export function meets(actual: ParsedTarget | NumArg, target: ParsedTarget): { met?: boolean; na?: Localised; error?: MethodResult['error']; trail: Localised[] } {
  const trail: Localised[] = [];
  if (target.kind === 'none') return { na: L('没有目标值，无法判断是否达成', 'no target: whether it was met cannot be judged'), trail };
  if (target.kind === 'invalid') return { error: (numberOfParsed(target, 'target') as { error: MethodResult['error'] }).error, trail };
  const isParsed = 'text' in actual;
  if (target.kind === 'qualitative') {
    if (!isParsed) return { na: L(`目标“${target.text}”是文字，无法与数值比较`, `the target "${target.text}" is words; a number cannot be compared with it`), trail };
    return achieved(actual as ParsedTarget, target);
  }
  if (target.kind === 'deadline') {
    if (!isParsed) return { na: L('目标是日期，实际是数值，无法比较', 'the target is a date and the actual a number: they cannot be compared'), trail };
    const a = actual as ParsedTarget;
    if (a.kind === 'deadline') {
      const td = target.date ?? {};
      const ad = a.date ?? {};
      const yearDefault = td.year ?? ad.year ?? 9999;
      const ok = dateKey(ad, yearDefault) <= dateKey(td, yearDefault);
      trail.push(L(`完成时间 ${formatDate(ad)} ${ok ? '不晚于' : '晚于'}期限 ${formatDate(td)} → ${ok ? '达成' : '未达成'}`, `done ${formatDate(ad)}, ${ok ? 'not after' : 'after'} the deadline ${formatDate(td)} → ${ok ? 'met' : 'not met'}`));
      return { met: ok, trail };
    }
    const q = achieved(a, { ...target, words: target.text });
    if (q.met) return q;
    return { na: L(`实际完成值“${a.text}”没有给出完成日期`, `the actual "${a.text}" gives no date`), trail };
  }
  // Numeric targets and ranges.
  const tv = numberOfParsed(target, 'target');
  if ('na' in tv) return { na: tv.na, trail };
  if ('error' in tv) return { error: tv.error, trail };
  let av: Got;
  if (isParsed) {
    const a = actual as ParsedTarget;
    // An actual written as a bound in the target's direction restates the target (no measured value).
    if (a.kind === 'numeric' && a.opWritten && a.op !== '=' && a.op !== undefined) {
      const sameDir = (target.op === '>=' || target.op === '>') === (a.op === '>=' || a.op === '>');
      if (!sameDir || target.kind === 'range') return { na: L(`实际完成值“${a.text}”是一个界限，不是实测值，无法判断是否达成`, `the actual "${a.text}" is a bound, not a measured value: whether the target was met cannot be judged`), trail };
    }
    av = numberOfParsed(a, 'actual');
  } else av = { ok: actual as NumArg };
  if ('na' in av) return { na: av.na, trail };
  if ('error' in av) return { error: av.error, trail };
  const al = align(av.ok, tv.ok);
  if (al.na) return { na: al.na, trail };
  const x = al.a;
  if (x.note) trail.push(x.note);
  if (target.kind === 'range') {
    const hi = target.normalizedHigh!;
    const ok = x.v >= target.normalized! && x.v <= hi;
    const range = describeParsed(target);
    trail.push(L(`实际 ${x.show} ${ok ? '在' : '不在'}目标区间 ${range.zh} 内 → ${ok ? '达成' : '未达成'}`, `actual ${x.show} is ${ok ? '' : 'not '}within the target range ${range.en} → ${ok ? 'met' : 'not met'}`));
    return { met: ok, trail };
  }
  const t = tv.ok;
  const op = target.op ?? '=';
  const ok = op === '>=' ? x.v >= t.v : op === '>' ? x.v > t.v : op === '<=' ? x.v <= t.v : op === '<' ? x.v < t.v : x.v === t.v;
  trail.push(L(`实际 ${x.show} ${opSign(op)} 目标 ${t.show}？${ok ? '是 → 达成' : '否 → 未达成'}`, `actual ${x.show} ${opSign(op)} target ${t.show}? ${ok ? 'yes → met' : 'no → not met'}`));
  return { met: ok, trail };
}

// ── methods ─────────────────────────────────────────────────────────────────────────────

/** Evaluates a compiled expression; a failure inside (division by zero, an unreadable cell) becomes na or error. */
function evalFn(env: MethodEnv, f: Fn): { v: Value } | { na: Localised } | { error: MethodResult['error'] } {
  try {
    return { v: f(env.c) };
  } catch (e) {
    if (!(e instanceof EvalFailure)) throw e;
    if (e.code === 'SUAN4003') return { na: L('评分方法要除以 0（如 0 ÷ 0），无法计算', 'the method divides by 0 (e.g. 0 ÷ 0): it cannot be computed') };
    return { error: { code: e.code, args: e.args, reason: L(String(e.args['text'] ?? e.code), String(e.args['text'] ?? e.code)) } };
  }
}

function fail(r: { na: Localised } | { error: MethodResult['error'] }, trail: Localised[]): MethodResult {
  return 'na' in r ? { na: r.na, trail } : { error: r.error, trail };
}

const W = (env: MethodEnv) => (env.attainment ? '1' : showNumber(env.weight));

/** A score in a trail: with the declared decimals (`2.50`) when that is exact, else every decimal it has. */
function shownScore(env: MethodEnv, v: bigint): string {
  if (env.attainment) return showPercent(v);
  const p = env.places ?? 2;
  return roundTo(v, p) === v ? formatFixed(v, p, false) : showNumber(v);
}

/**
 * Whether a method compares the actual with percentages of its own: a band bounded by one
 * (`bands of actual { >= 90%: … }`), or a deduction from a percentage (`… above 100% of actual`).
 */
export function comparesWithPercent(m: CompiledMethod, env: MethodEnv): boolean {
  const isPercent = (f: Fn | undefined): boolean => {
    if (!f) return false;
    const r = evalFn(env, f);
    return 'v' in r && isNum(r.v) && r.v.kind === 'percent';
  };
  if (m.kind === 'bands') return m.bands.some((b) => isPercent(b.a) || isPercent(b.b));
  if (m.kind === 'deduct') return isPercent(m.threshold);
  return false;
}

/** Runs a method for one indicator. */
export function runMethod(m: CompiledMethod, env: MethodEnv): MethodResult {
  const trail: Localised[] = [];
  const w = env.weight;
  const point = (v: bigint): MethodResult => ({ lo: v, hi: v, trail });
  switch (m.kind) {
    case 'full': {
      if (!m.cond) {
        trail.push(L(`满分：得分 = 分值 ${W(env)}`, `full marks: score = weight ${W(env)}`));
        return point(w);
      }
      const r = evalFn(env, m.cond);
      if (!('v' in r)) return fail(r, trail);
      if (r.v === true) {
        trail.push(L(`条件 ${m.condText} 成立 → 满分 ${W(env)}`, `condition ${m.condText} holds → full marks ${W(env)}`));
        return point(w);
      }
      if (r.v === false) {
        trail.push(L(`条件 ${m.condText} 不成立 → 0`, `condition ${m.condText} does not hold → 0`));
        return point(0n);
      }
      return { na: L(`条件 ${m.condText} 无法判断：${isAbsent(r.v) ? showValue(r.v, 'zh-CN') : ''}`, `condition ${m.condText} cannot be decided: ${isAbsent(r.v) ? showValue(r.v, 'en') : ''}`), trail };
    }
    case 'proportional': {
      let a: Got;
      if (m.of) {
        const r = evalFn(env, m.of);
        if (!('v' in r)) return fail(r, trail);
        a = numberOfValue(r.v, m.ofText ?? 'of');
      } else a = numberOfParsed(env.actual, 'actual');
      let t: Got;
      let upper = false;
      if (m.to) {
        const r = evalFn(env, m.to);
        if (!('v' in r)) return fail(r, trail);
        t = numberOfValue(r.v, m.toText ?? 'to');
      } else {
        t = numberOfParsed(env.target, 'target');
        upper = env.target.kind === 'numeric' && (env.target.op === '<=' || env.target.op === '<');
      }
      if (!('ok' in t)) return fail(t, trail);
      if (!('ok' in a)) return fail(a, trail);
      const al = align(a.ok, t.ok);
      if (al.na) return { na: al.na, trail };
      return proportional(al.a, t.ok, upper, env, trail);
    }
    case 'threshold': {
      let r: ReturnType<typeof meets>;
      if (m.of) {
        const v = evalFn(env, m.of);
        if (!('v' in v)) return fail(v, trail);
        const a = numberOfValue(v.v, m.ofText ?? 'of');
        if (!('ok' in a)) return fail(a, trail);
        r = meets(a.ok, env.target);
      } else r = meets(env.actual, env.target);
      trail.push(...r.trail);
      if (r.error) return { error: r.error, trail };
      if (r.met === undefined) return { na: r.na, trail };
      trail.push(r.met ? L(`达成 → 得分 = 分值 ${W(env)}`, `met → score = weight ${W(env)}`) : L('未达成 → 得分 0', 'not met → score 0'));
      return point(r.met ? w : 0n);
    }
    case 'execution': {
      if (!m.num || !m.den) return { na: L('执行率的算式不完整', 'the execution rate formula is incomplete'), trail };
      const n = evalFn(env, m.num);
      if (!('v' in n)) return fail(n, trail);
      const d = evalFn(env, m.den);
      if (!('v' in d)) return fail(d, trail);
      const nv = numberOfValue(n.v, m.numText);
      const dv = numberOfValue(d.v, m.denText);
      if (!('ok' in nv)) return fail(nv, trail);
      if (!('ok' in dv)) return fail(dv, trail);
      if (dv.ok.v === 0n) return { na: L(`${m.denText} 为 0，执行率无法计算`, `${m.denText} is 0: the execution rate cannot be computed`), trail };
      const rate = div(nv.ok.v, dv.ok.v);
      trail.push(L(`执行率 = ${nv.ok.show} ÷ ${dv.ok.show} = ${showPercent(rate)}`, `execution rate = ${nv.ok.show} ÷ ${dv.ok.show} = ${showPercent(rate)}`));
      let score = mul(w, rate);
      trail.push(L(`得分 = ${W(env)} × ${nv.ok.show} ÷ ${dv.ok.show} = ${shownScore(env, score)}`, `score = ${W(env)} × ${nv.ok.show} ÷ ${dv.ok.show} = ${shownScore(env, score)}`));
      if (score > w) {
        score = w;
        trail.push(L(`执行率超过 100%，得分以分值 ${W(env)} 为上限`, `the rate exceeds 100%: the score is capped at the weight ${W(env)}`));
      }
      if (score < 0n) score = 0n;
      return point(score);
    }
    case 'deduct': return deduct(m, env, trail);
    case 'bands': return bands(m, env, trail);
    case 'qualitative': return qualitative(m, env, trail);
    case 'auto': return auto(env, trail);
    case 'parts': return parts(m, env, trail);
    case 'custom': {
      if (m.usesMet) {
        const mt = meets(env.actual, env.target);
        trail.push(...mt.trail);
        if (mt.met === undefined && mt.na) trail.push(L(`met（是否达成）无法判断：${mt.na.zh}`, `met cannot be decided: ${mt.na.en}`));
      }
      const r = evalFn(env, m.expr);
      if (!('v' in r)) return fail(r, trail);
      const notesZh: string[] = [];
      const notesEn: string[] = [];
      const shownZh = safeRender(m.render, env.c, 'zh-CN', notesZh);
      const shownEn = safeRender(m.render, env.c, 'en', notesEn);
      notesZh.forEach((n, k) => trail.push(L(n, notesEn[k] ?? n)));
      if (!isNum(r.v)) {
        const why = isAbsent(r.v) ? showValue(r.v, 'zh-CN') : String(r.v);
        const whyEn = isAbsent(r.v) ? showValue(r.v, 'en') : String(r.v);
        // A blank or missing value shows in brackets already: "（空白）", not "（（空白））".
        const paren = (s: string, open: string, close: string) => (/^[（(].*[）)]$/.test(s) ? s : `${open}${s}${close}`);
        return { na: L(`评分式 ${m.text} = ${shownZh}，没有给出得分${paren(why, '（', '）')}`, `the score expression ${m.text} = ${shownEn} gives no score ${paren(whyEn, '(', ')')}`), trail };
      }
      const v = r.v.v;
      const res = shownScore(env, v);
      trail.push(shownZh === res || shownZh === showValue(r.v, 'zh-CN')
        ? L(`得分 = ${res}`, `score = ${res}`)
        : L(`得分 = ${shownZh} = ${res}`, `score = ${shownEn} = ${res}`));
      return point(v);
    }
  }
}

function safeRender(r: Renderer, c: EvalContext, lang: 'zh-CN' | 'en', notes?: string[]): string {
  try {
    return r(c, lang, notes);
  } catch {
    return '?';
  }
}

function proportional(a: NumArg, t: NumArg, upper: boolean, env: MethodEnv, trail: Localised[]): MethodResult {
  if (a.note) trail.push(a.note);
  if (t.note) trail.push(t.note);
  let ratio: bigint;
  if (upper) {
    if (a.v <= 0n) ratio = ONE;
    else ratio = div(t.v, a.v);
    trail.push(L(`目标为上限：完成比例 = 目标 ${t.show} ÷ 实际 ${a.show} = ${showPercent(ratio)}`, `the target is an upper bound: attainment = target ${t.show} ÷ actual ${a.show} = ${showPercent(ratio)}`));
  } else {
    if (t.v === 0n) return { na: L('目标值为 0，无法按比例计分', 'the target is 0: a proportional score cannot be computed'), trail };
    ratio = div(a.v, t.v);
    trail.push(L(`完成比例 = 实际 ${a.show} ÷ 目标 ${t.show} = ${showPercent(ratio)}`, `attainment = actual ${a.show} ÷ target ${t.show} = ${showPercent(ratio)}`));
  }
  if (ratio > ONE) {
    ratio = ONE;
    trail.push(L('超过 100% 按 100% 计', 'above 100% counts as 100%'));
  }
  if (ratio < 0n) ratio = 0n;
  const score = mul(env.weight, ratio);
  trail.push(L(`得分 = ${W(env)} × ${showPercent(ratio)} = ${shownScore(env, score)}`, `score = ${W(env)} × ${showPercent(ratio)} = ${shownScore(env, score)}`));
  return { lo: score, hi: score, trail };
}

function deduct(m: Extract<CompiledMethod, { kind: 'deduct' }>, env: MethodEnv, trail: Localised[]): MethodResult {
  const get = (f: Fn, what: string): Got | { na: Localised } | { error: MethodResult['error'] } => {
    const r = evalFn(env, f);
    return 'v' in r ? numberOfValue(r.v, what) : r;
  };
  const p = get(m.points, 'deduct');
  const s = get(m.step, 'per');
  const th = get(m.threshold, m.direction);
  let x: Got | { na: Localised } | { error: MethodResult['error'] };
  if (m.of) x = get(m.of, m.ofText ?? 'of');
  else x = numberOfParsed(env.actual, 'actual');
  for (const g of [p, s, th, x]) if (!('ok' in g)) return fail(g, trail);
  const P = (p as { ok: NumArg }).ok;
  const S = (s as { ok: NumArg }).ok;
  const T = (th as { ok: NumArg }).ok;
  let X = (x as { ok: NumArg }).ok;
  const al = align(X, T);
  if (al.na) return { na: al.na, trail };
  X = al.a;
  if (X.note) trail.push(X.note);
  const below = m.direction === 'below';
  const gap = below ? T.v - X.v : X.v - T.v;
  const kind = T.kind === 'percent' || X.kind === 'percent' ? 'percent' : T.kind;
  if (gap <= 0n) {
    trail.push(L(
      `${X.show} ${below ? '不低于' : '不高于'} ${T.show} → 不扣分，得分 = 分值 ${W(env)}`,
      `${X.show} is not ${below ? 'below' : 'above'} ${T.show} → no deduction, score = weight ${W(env)}`,
    ));
    return { lo: env.weight, hi: env.weight, trail };
  }
  trail.push(L(
    `${below ? '低于' : '超过'} ${T.show} 的幅度 = ${below ? `${T.show} − ${X.show}` : `${X.show} − ${T.show}`} = ${showKind(gap, kind)}`,
    `${below ? 'shortfall below' : 'excess over'} ${T.show} = ${below ? `${T.show} − ${X.show}` : `${X.show} − ${T.show}`} = ${showKind(gap, kind)}`,
  ));
  if (S.v <= 0n) return { na: L(`扣分步长 ${S.show} 不是正数`, `the step ${S.show} is not positive`), trail };
  const exactSteps = div(gap, S.v);
  let n: bigint;
  if (m.steps === 'floor') n = roundTo(div(gap, S.v, 'floor'), 0, 'floor');
  else if (m.steps === 'ceil') n = roundTo(div(gap, S.v, 'ceil'), 0, 'ceil');
  else n = exactSteps;
  const stepsText = m.steps === 'exact'
    ? L(`扣分档数 = ${showKind(gap, kind)} ÷ ${S.show} = ${showNumber(n)}（按比例，不取整）`, `steps = ${showKind(gap, kind)} ÷ ${S.show} = ${showNumber(n)} (exact, not rounded)`)
    : L(
      `扣分档数 = ${showKind(gap, kind)} ÷ ${S.show} = ${showNumber(exactSteps)}，${m.steps === 'floor' ? '按整档计（不足一档不扣）' : '不足一档按一档计'}为 ${showNumber(n)}`,
      `steps = ${showKind(gap, kind)} ÷ ${S.show} = ${showNumber(exactSteps)}, ${m.steps === 'floor' ? 'whole steps only' : 'a part step counts as a step'}: ${showNumber(n)}`,
    );
  trail.push(stepsText);
  const deduction = mul(n, P.v);
  trail.push(L(`扣分 = ${showNumber(n)} × ${P.show} = ${showNumber(deduction)}`, `deduction = ${showNumber(n)} × ${P.show} = ${showNumber(deduction)}`));
  const raw = env.weight - deduction;
  const score = raw < 0n ? 0n : raw;
  trail.push(raw < 0n
    ? L(`得分 = ${W(env)} − ${showNumber(deduction)} < 0 → 0（扣完为止）`, `score = ${W(env)} − ${showNumber(deduction)} < 0 → 0 (floored at 0)`)
    : L(`得分 = ${W(env)} − ${showNumber(deduction)} = ${shownScore(env, score)}`, `score = ${W(env)} − ${showNumber(deduction)} = ${shownScore(env, score)}`));
  return { lo: score, hi: score, trail };
}

/** A band's value: points, or a share of the weight (a percentage); a range when written `a to b`. */
function bandScore(v: { lo: Fn; hi?: Fn }, env: MethodEnv, label: string, trail: Localised[]): MethodResult {
  const one = (f: Fn): { v: bigint; pct: boolean; show: string } | MethodResult => {
    const r = evalFn(env, f);
    if (!('v' in r)) return fail(r, trail);
    if (!isNum(r.v)) return { na: L(`“${label}”一档的得分不是数值`, `the score of band "${label}" is not a number`), trail };
    const pct = r.v.kind === 'percent';
    if (!pct && env.attainment) return { na: L('本表未印分值，按分数计分的档位无法换算', 'the table prints no weights: a band in points cannot be applied'), trail };
    const v = pct ? mul(env.weight, r.v.v) : r.v.v;
    return { v, pct, show: pct ? `${showPercent(r.v.v)} × ${W(env)}` : showNumber(r.v.v) };
  };
  const lo = one(v.lo);
  if ('trail' in lo) return lo;
  const hi = v.hi ? one(v.hi) : lo;
  if ('trail' in hi) return hi;
  const [a, b] = lo.v <= hi.v ? [lo, hi] : [hi, lo];
  if (a.v === b.v) {
    trail.push(L(`得分 = ${a.show}${a.pct ? ` = ${showNumber(a.v)}` : ''}`, `score = ${a.show}${a.pct ? ` = ${showNumber(a.v)}` : ''}`));
  } else {
    trail.push(L(`得分在 ${a.show} 至 ${b.show} 之间：${showNumber(a.v)}–${showNumber(b.v)}`, `the score lies between ${a.show} and ${b.show}: ${showNumber(a.v)}–${showNumber(b.v)}`));
  }
  return { lo: a.v, hi: b.v, trail };
}

function bands(m: Extract<CompiledMethod, { kind: 'bands' }>, env: MethodEnv, trail: Localised[]): MethodResult {
  let x: Got;
  if (m.of) {
    const r = evalFn(env, m.of);
    if (!('v' in r)) return fail(r, trail);
    x = numberOfValue(r.v, m.ofText ?? 'of');
  } else x = numberOfParsed(env.actual, 'actual');
  if (!('ok' in x)) return fail(x, trail);
  const X = x.ok;
  if (X.note) trail.push(X.note);
  for (const b of m.bands) {
    const bound = (f: Fn | undefined): bigint | undefined => {
      if (!f) return undefined;
      const r = evalFn(env, f);
      if (!('v' in r) || !isNum(r.v)) return undefined;
      return r.v.v;
    };
    if (inBand(b.op, X.v, bound(b.a), bound(b.b))) {
      trail.push(L(`${X.show} 落在“${b.label}”一档`, `${X.show} falls in the band "${b.label}"`));
      if (!b.value) return { na: L(`“${b.label}”一档没有得分`, `the band "${b.label}" has no score`), trail };
      return bandScore(b.value, env, b.label, trail);
    }
  }
  return { na: L(`${X.show} 不在任何一档内`, `${X.show} falls in no band`), trail };
}

function qualitative(m: Extract<CompiledMethod, { kind: 'qualitative' }>, env: MethodEnv, trail: Localised[]): MethodResult {
  let text: string | undefined;
  if (!m.of || m.ofSpecial === 'actual') text = env.actual.kind === 'none' ? undefined : env.actual.text;
  else if (m.ofSpecial === 'target') text = env.target.kind === 'none' ? undefined : env.target.text;
  else {
    const r = evalFn(env, m.of);
    if (!('v' in r)) return fail(r, trail);
    if (typeof r.v === 'string') text = r.v.trim();
    else if (isNum(r.v)) text = showValue(r.v, 'zh-CN');
    else text = undefined;
  }
  if (text === undefined || text === '') return { na: L('没有可匹配的文字（实际完成值为空）', 'no written value to match (the actual is empty)'), trail };
  const n = normText(text);
  const hit = m.entries.find((e) => !e.isElse && e.text !== undefined && (e.text.trim() === text || normText(e.text) === n)) ?? m.entries.find((e) => e.isElse);
  if (!hit) {
    const listed = m.entries.filter((e) => e.text !== undefined).map((e) => `“${e.text}”`).join('、');
    return { na: L(`“${text}”不是所列的任何一项（${listed}）`, `"${text}" is none of the listed values (${listed})`), trail };
  }
  trail.push(hit.isElse ? L(`“${text}”不在所列各项中 → 按 else 计`, `"${text}" is not listed → else`) : L(`“${text}”对应“${hit.text}”`, `"${text}" matches "${hit.text}"`));
  if (!hit.value) return { na: L('该项没有得分', 'the entry has no score'), trail };
  return bandScore(hit.value, env, hit.text ?? 'else', trail);
}

/** Money, or money per something (元, 万元, 元/人, 万元/年). */
const MONEY_LIKE = /^(?:元|万元|亿元|千元)(?:\/|$)/;

function auto(env: MethodEnv, trail: Localised[]): MethodResult {
  const t = env.target;
  const say = (zh: string, en: string) => trail.push(L(`按目标自动选择：${zh}`, `chosen from the target: ${en}`));
  const thresholdResult = (chosen: string, target: ParsedTarget = t): MethodResult => {
    const r = meets(env.actual, target);
    trail.push(...r.trail);
    if (r.error) return { error: r.error, trail, chosen };
    if (r.met === undefined) return { na: r.na, trail, chosen };
    trail.push(r.met ? L(`达成 → 得分 = 分值 ${W(env)}`, `met → score = weight ${W(env)}`) : L('未达成 → 得分 0', 'not met → score 0'));
    return { lo: r.met ? env.weight : 0n, hi: r.met ? env.weight : 0n, trail, chosen };
  };
  switch (t.kind) {
    case 'none': return { na: L('没有目标值（目标为空或“无”），无法自动计分', 'no target (blank or 无): no score can be chosen'), trail, chosen: 'none' };
    case 'invalid': return { error: (numberOfParsed(t, 'target') as { error: MethodResult['error'] }).error, trail, chosen: 'none' };
    case 'qualitative': {
      say(`目标“${t.text}”为文字目标 → 达成得满分`, `the target "${t.text}" is qualitative → full marks when reached`);
      const r = achieved(env.actual, t);
      trail.push(...r.trail);
      if (!r.met) return { na: r.na, trail, chosen: 'qualitative' };
      trail.push(L(`得分 = 分值 ${W(env)}`, `score = weight ${W(env)}`));
      return { lo: env.weight, hi: env.weight, trail, chosen: 'qualitative' };
    }
    case 'deadline':
      say(`目标“${t.text}”为完成期限 → 按期完成得满分`, `the target "${t.text}" is a deadline → full marks when met`);
      return thresholdResult('threshold');
    case 'range':
      say(`目标“${t.text}”为区间 → 在区间内得满分`, `the target "${t.text}" is a range → full marks within it`);
      return thresholdResult('threshold');
    case 'numeric': {
      // A cost indicator's amount ("5万元/年", "20万元", or "20 万" as cost targets are written: 万元)
      // is what may be spent: not exceeding it meets it.
      if (env.cost && t.op === '=' && !t.opWritten && (MONEY_LIKE.test(t.baseUnit ?? unitClass(t)) || (t.magnitude !== undefined && !t.baseUnit))) {
        say(`成本指标的目标“${t.text}”为金额 → 不超过得满分，超过得 0`, `the cost target "${t.text}" is an amount → full marks when not exceeded, else 0`);
        return thresholdResult('threshold', { ...t, op: '<=' });
      }
      const upper = t.op === '<=' || t.op === '<';
      const costLike = t.op === '=' && (t.normalized === 0n || unitClass(t) === '元');
      if (upper || costLike) {
        say(
          upper ? `目标“${t.text}”为上限 → 不超过得满分，超过得 0` : `目标“${t.text}”${t.normalized === 0n ? '为 0' : '为金额'} → 达到得满分，否则 0`,
          upper ? `the target "${t.text}" is an upper bound → full marks within it, else 0` : `the target "${t.text}" is ${t.normalized === 0n ? 'zero' : 'an amount'} → full marks when met, else 0`,
        );
        if (costLike && !upper) return thresholdResult('threshold');
        return thresholdResult('threshold');
      }
      say(`目标“${t.text}”为数值${t.op === '=' ? '' : '下限'} → 按完成比例计分`, `the target "${t.text}" is a ${t.op === '=' ? 'number' : 'lower bound'} → proportional to attainment`);
      const a = numberOfParsed(env.actual, 'actual');
      const tv = numberOfParsed(t, 'target');
      if (!('ok' in tv)) return { ...fail(tv, trail), chosen: 'proportional' };
      if (!('ok' in a)) return { ...fail(a, trail), chosen: 'proportional' };
      if (env.actual.kind === 'numeric' && env.actual.opWritten && env.actual.op !== '=' && !((t.op === '>=' || t.op === '>') === (env.actual.op === '>=' || env.actual.op === '>'))) {
        return { na: L(`实际完成值“${env.actual.text}”是反方向的界限，无法判断是否达成`, `the actual "${env.actual.text}" is a bound in the other direction: whether the target was met cannot be judged`), trail, chosen: 'proportional' };
      }
      const al = align(a.ok, tv.ok);
      if (al.na) return { na: al.na, trail, chosen: 'proportional' };
      return { ...proportional(al.a, tv.ok, false, env, trail), chosen: 'proportional' };
    }
  }
}

function parts(m: Extract<CompiledMethod, { kind: 'parts' }>, env: MethodEnv, trail: Localised[]): MethodResult {
  let lo = 0n;
  let hi = 0n;
  let k = 0;
  for (const p of m.parts) {
    k++;
    const r = evalFn(env, p.points);
    if (!('v' in r)) return fail(r, trail);
    if (!isNum(r.v)) return { na: L(`第 ${k} 项的分值不是数值`, `the points of part ${k} are not a number`), trail };
    if (!p.method) continue;
    const sub = runMethod(p.method, { ...env, weight: r.v.v });
    trail.push(L(`第 ${k} 项（${showNumber(r.v.v)} 分）：${p.text}`, `part ${k} (${showNumber(r.v.v)} ${r.v.v === ONE ? 'point' : 'points'}): ${p.text}`));
    for (const s of sub.trail) trail.push(L(`  ${s.zh}`, `  ${s.en}`));
    if (sub.error) return { error: sub.error, trail };
    if (sub.lo === undefined) return { na: L(`第 ${k} 项：${sub.na?.zh ?? ''}`, `part ${k}: ${sub.na?.en ?? ''}`), trail };
    trail.push(L(`  第 ${k} 项得分 ${showNumber(sub.lo)}${sub.hi !== undefined && sub.hi !== sub.lo ? `–${showNumber(sub.hi)}` : ''}`, `  part ${k} scores ${showNumber(sub.lo)}${sub.hi !== undefined && sub.hi !== sub.lo ? `–${showNumber(sub.hi)}` : ''}`));
    lo += sub.lo;
    hi += sub.hi ?? sub.lo;
  }
  trail.push(lo === hi ? L(`各项合计 = ${showNumber(lo)}`, `parts add up to ${showNumber(lo)}`) : L(`各项合计 = ${showNumber(lo)}–${showNumber(hi)}`, `parts add up to ${showNumber(lo)}–${showNumber(hi)}`));
  return { lo, hi, trail };
}

/** Rounds a score as declared; the trail says so when it changes the value. */
export function roundScore(v: bigint, r: RoundRule): bigint {
  return roundTo(v, r.places, r.mode);
}
