/**
 * Targets and actual values as performance tables write them: `≥95%`, `≧ 40 万`, `=4个`,
 * `<=180 万元`, `>46万`, `80%-90%`, `2025年11月30日前`, `2021.12月`, `=12月`, `明显提高`,
 * `≤10000/人次`, `满意度100%`. Editor-agnostic and exact: every number goes through the same
 * written-number reader as table cells (`data/written-number.ts`), never through a float.
 *
 * The result says what kind of target it is (numeric bound, range, deadline, qualitative, none,
 * or invalid with a reason), its operator, value, unit and magnitude word, and the value
 * normalised for comparison: magnitude applied (46万 → 460000), money in 元, percentages as
 * ratios.
 */
import { parseWrittenNumber } from '../data/written-number';
import { ONE, SCALE, pow10 } from '../evaluation/decimal';
import { BLANK, exact, isBlank, isMissing, isNum, type Num, type Value } from '../evaluation/values';
import { toPlainString } from '../evaluation/decimal';
import type { Localised } from '../evaluation/results';
import { MONEY_UNITS } from '../semantics/types';

export type TargetKind = 'numeric' | 'range' | 'deadline' | 'qualitative' | 'none' | 'invalid';
export type TargetOp = '>=' | '<=' | '>' | '<' | '=';

export interface TargetDate {
  year?: number;
  month?: number;
  day?: number;
}

export interface ParsedTarget {
  kind: TargetKind;
  /** The written text, trimmed. */
  text: string;
  /** The comparison: written (`≧`, `不低于`, `以上` …) or implied (a number alone is `=`, a deadline `<=`). */
  op?: TargetOp;
  /** The operator as written, when there is one. */
  opWritten?: string;
  /** The number as written (a percentage as its ratio, money with its unit); the lower bound of a range. */
  value?: Num;
  /** The upper bound of a range. */
  high?: Num;
  /** The unit as written, magnitude word included: `%`, `个`, `万`, `万人`, `万元`, `元/人`, `/人次`; for a deadline the finest part it names (`日`, `月`, `年`). */
  unit?: string;
  /** The unit without its magnitude word: `人` for `万人`, `元` for `万元`, `` for `万`. */
  baseUnit?: string;
  /** A magnitude word before the unit (`万` in `46万`, `万人`), with its factor. Money units (万元) have none. */
  magnitude?: { word: string; factor: bigint };
  /** Whether the unit is one of the units performance tables use (`knownUnits`). */
  knownUnit?: boolean;
  /** The value for comparisons (fixed-point): magnitude applied, money in 元, a percentage as a ratio. */
  normalized?: bigint;
  /** The upper bound of a range, normalised. */
  normalizedHigh?: bigint;
  /** A deadline's date (any part may be absent: `=12月` is month 12 of the year in question). */
  date?: TargetDate;
  /** A qualitative target's words (without a leading operator). */
  words?: string;
  /** The one number inside a qualitative text (`满意度100%` → 100%), normalised like `normalized`. */
  embedded?: { value: Num; normalized: bigint; unit?: string };
  /** Why an invalid target is invalid, in both languages. */
  reason?: Localised;
}

/** Units met in performance tables (after the magnitude word). */
export const KNOWN_UNITS = new Set([
  '%', '个', '人', '次', '家', '元', '万元', '亿元', '千元', '工作日', '天', '日', '月', '个月', '年', '人次', '班次', '辆', '台',
  '批次', '户', '项', '件', '份', '场', '期', '所', '座', '套', '张', '册', '篇', '条', '名', '位', '处', '间', '床', '亩', '公里',
  '千米', '米', '平方米', '吨', '小时', '分钟', '周', '季度', '倍', '分', '本', '种', '类', '组', '轮', '批', '个百分点', '百分点',
  '元/人', '元/人次', '元/月', '元/年', '/人次', '/人', '人/次', '万人次', '万人', '万次', '万元/人', '个工作日', '周岁', '岁',
]);

/** Written forms that mean "no target": blank, dashes, 无, 不适用. */
const NONE = new Set(['', '-', '—', '－', '–', '——', '--', '/', '／', '无', '暂无', '不适用', '无此项', 'N/A', 'n/a', '\\']);

const MAGNITUDES: [string, bigint][] = [['千万', 10_000_000n], ['百万', 1_000_000n], ['亿', 100_000_000n], ['万', 10_000n], ['千', 1_000n]];

/** Operators written before the number, longest first. */
const PREFIX_OPS: [string, TargetOp][] = [
  ['大于或等于', '>='], ['小于或等于', '<='], ['大于等于', '>='], ['小于等于', '<='], ['不得低于', '>='], ['不得高于', '<='], ['不得超过', '<='],
  ['不低于', '>='], ['不少于', '>='], ['不小于', '>='], ['不高于', '<='], ['不超过', '<='], ['不大于', '<='], ['不多于', '<='],
  ['＞＝', '>='], ['＜＝', '<='], ['>＝', '>='], ['<＝', '<='], ['>=', '>='], ['<=', '<='], ['=>', '>='], ['=<', '<='], ['==', '='],
  ['至少', '>='], ['最少', '>='], ['最多', '<='], ['至多', '<='], ['大于', '>'], ['高于', '>'], ['超过', '>'], ['多于', '>'],
  ['小于', '<'], ['低于', '<'], ['少于', '<'], ['等于', '='], ['达到', '>='],
  ['≥', '>='], ['≧', '>='], ['≤', '<='], ['≦', '<='], ['＞', '>'], ['＜', '<'], ['>', '>'], ['<', '<'], ['＝', '='], ['=', '='],
];

/** Operators written after the number (`90%以上`, `3个工作日内`). */
const SUFFIX_OPS: [string, TargetOp][] = [
  ['（含）以上', '>='], ['(含)以上', '>='], ['及以上', '>='], ['含以上', '>='], ['以上', '>='],
  ['（含）以下', '<='], ['(含)以下', '<='], ['及以下', '<='], ['含以下', '<='], ['以下', '<='], ['以内', '<='], ['之内', '<='], ['内', '<='],
];

const L = (zh: string, en: string): Localised => ({ zh, en });

/** Full-width digits and signs → ASCII (text otherwise kept). */
function halfWidth(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/．/g, '.').replace(/％/g, '%').replace(/，(?=\d{3})/g, ',');
}

/** Parses a written target or actual value. Never throws. */
export function parseTarget(raw: string | null | undefined): ParsedTarget {
  const text = (raw ?? '').trim();
  if (NONE.has(text)) return { kind: 'none', text };
  // Spaces are layout (`≧ 40 万`, `1 年`): dropped for parsing; the written text is kept as is.
  const s = halfWidth(text).replace(/[\s\u3000]+/g, '');
  if (NONE.has(s)) return { kind: 'none', text };
  let rest = s;
  let op: TargetOp | undefined;
  let opWritten: string | undefined;
  for (const [w, o] of PREFIX_OPS) {
    if (rest.startsWith(w)) {
      op = o;
      opWritten = w;
      rest = rest.slice(w.length);
      break;
    }
  }
  // Deadlines and dates.
  const d = parseDeadline(rest);
  if (d) {
    if ('invalid' in d) return { kind: 'invalid', text, op, opWritten, reason: d.invalid };
    // A deadline's unit is the finest part it names: 日, 月 or 年 (`2021 年` names only a year).
    const unit = d.date.day !== undefined ? '日' : d.date.month !== undefined ? '月' : '年';
    return { kind: 'deadline', text, op: op ?? '<=', opWritten, date: d.date, unit };
  }
  // Suffix operators (`90%以上`).
  for (const [w, o] of SUFFIX_OPS) {
    if (rest.endsWith(w) && rest.length > w.length && /[\d%元人次个家户项月年天日]$/.test(rest.slice(0, -w.length))) {
      if (op && op !== o && !(op === '=' && o)) {
        return { kind: 'invalid', text, reason: L(`运算符前后矛盾（“${opWritten}”与“${w}”）`, `contradictory operators ("${opWritten}" and "${w}")`) };
      }
      op = o;
      opWritten = opWritten ?? w;
      rest = rest.slice(0, -w.length);
      break;
    }
  }
  // Ranges: 80%-90%, 80-90%, 80%～90%, 80%至90%.
  const range = /^(\d[\d,]*(?:\.\d+)?)(%?)([^\d\-–—~～至到]*)[-–—~～至到](\d[\d,]*(?:\.\d+)?)(%?)(.*)$/.exec(rest);
  if (range && !op) {
    const unitLo = range[2] || range[3] || '';
    const unitHi = range[5] || range[6] || '';
    const unitText = unitHi || unitLo;
    const lo = numberWithUnit(range[1]!, range[2] === '%' || (range[5] === '%' && !range[3]), unitText.replace(/^%/, ''));
    const hi = numberWithUnit(range[4]!, range[5] === '%' || (range[2] === '%' && !range[6]), unitText.replace(/^%/, ''));
    if (lo && hi && (!unitLo || !unitHi || unitLo === unitHi)) {
      if (lo.normalized >= hi.normalized) {
        return { kind: 'invalid', text, reason: L(`区间下限 ${range[1]} 不小于上限 ${range[4]}`, `the range's lower bound ${range[1]} is not below its upper bound ${range[4]}`) };
      }
      return {
        kind: 'range', text, value: lo.value, high: hi.value, unit: lo.unit, baseUnit: lo.baseUnit, magnitude: lo.magnitude,
        knownUnit: lo.knownUnit, normalized: lo.normalized, normalizedHigh: hi.normalized,
      };
    }
  }
  // A number with its unit: 95%, 4个, 46万, 180万元, 10000/人次, 95百分数, 一年.
  const num = /^([+-]?\d[\d,]*(?:\.\d+)?)(%?)(.*)$/.exec(rest);
  // Per mille (≤3‰, as error rates are written): a percentage a tenth of it, shown as such (0.3%).
  if (num && num[2] === '' && /^\s*‰$/.test(num[3]!)) {
    const n = numberWithUnit(num[1]!, true, '');
    if (n) {
      const v = n.value.v / 10n;
      return { kind: 'numeric', text, op: op ?? '=', opWritten, ...n, value: { ...n.value, v, lo: v, hi: v, dec: n.value.dec + 1 }, normalized: n.normalized / 10n };
    }
  }
  if (num) {
    const n = numberWithUnit(num[1]!, num[2] === '%', num[3]!);
    if (n) return { kind: 'numeric', text, op: op ?? '=', opWritten, ...n };
  }
  const cn = /^([一二两三四五六七八九十]{1,3})(.+)$/.exec(rest);
  if (cn) {
    const value = chineseNumeral(cn[1]!);
    if (value !== undefined) {
      const n = numberWithUnit(String(value), false, cn[2]!);
      if (n && n.knownUnit && n.unit) return { kind: 'numeric', text, op: op ?? '=', opWritten, ...n };
    }
  }
  // Anything else with words is qualitative (`明显提高`, `=改善`, `满意度100%`); without words it is malformed.
  const hasWords = /[\u3400-\u9fff]/.test(rest);
  const digits = /\d/.test(rest);
  if (op && digits && !hasWords) return { kind: 'invalid', text, op, opWritten, reason: L(`运算符“${opWritten}”后的“${rest}”不是数值`, `"${rest}" after "${opWritten}" is not a number`) };
  if (op && !rest) return { kind: 'invalid', text, op, opWritten, reason: L(`运算符“${opWritten}”后没有数值`, `nothing follows the operator "${opWritten}"`) };
  if (!hasWords) {
    if (/^[A-Za-z][A-Za-z\s]*$/.test(rest)) return { kind: 'qualitative', text, op: op === '=' ? '=' : undefined, opWritten, words: rest };
    return { kind: 'invalid', text, op, opWritten, reason: L(`“${text}”既不是数值，也不是文字目标`, `"${text}" is neither a number nor a written target`) };
  }
  if (op && op !== '=') {
    // `≥良好`: a bound on words is not a number; keep it qualitative but say so through the operator.
    return { kind: 'qualitative', text, op, opWritten, words: rest, embedded: embeddedNumber(rest) };
  }
  return { kind: 'qualitative', text, op: op === '=' ? '=' : undefined, opWritten, words: rest, embedded: embeddedNumber(rest) };
}

interface NumberPart {
  value: Num;
  unit?: string;
  baseUnit?: string;
  magnitude?: { word: string; factor: bigint };
  knownUnit: boolean;
  normalized: bigint;
}

/** A written number and the unit text after it; undefined when the unit text is not a unit. */
function numberWithUnit(digits: string, percent: boolean, unitText: string): NumberPart | undefined {
  let unit = unitText;
  let pct = percent;
  if (/^(百分数|百分比)$/.test(unit)) {
    pct = true;
    unit = '';
  }
  const w = parseWrittenNumber(pct ? `${digits}%` : digits);
  if (!w) return undefined;
  // A unit is letters (and `/`), not more digits or punctuation: a known unit (after a magnitude
  // word), or a short unknown one (`上访`) that does not merely start with a known unit
  // (`2021年参保率` is a name with a number in it, not 2021 of a unit “年参保率”).
  if (unit && !isUnitText(unit)) return undefined;
  if (pct) {
    if (unit) return undefined;
    return { value: exact(w.v, 'percent', undefined, w.decimals), unit: '%', baseUnit: '%', knownUnit: true, normalized: w.v };
  }
  if (MONEY_UNITS[unit] !== undefined) {
    const value = exact(w.v, 'money', unit, w.decimals);
    return { value, unit, baseUnit: unit, knownUnit: true, normalized: w.v * MONEY_UNITS[unit]! };
  }
  let magnitude: { word: string; factor: bigint } | undefined;
  let base = unit;
  for (const [word, factor] of MAGNITUDES) {
    if (unit.startsWith(word) && !MONEY_UNITS[unit]) {
      // 千米 is a unit, not 千 × 米.
      if (word === '千' && unit === '千米') break;
      magnitude = { word, factor };
      base = unit.slice(word.length);
      break;
    }
  }
  let normalized = w.v * (magnitude?.factor ?? 1n);
  let kindUnit: string | undefined;
  if (base && MONEY_UNITS[base] !== undefined) {
    normalized *= MONEY_UNITS[base]!;
    kindUnit = base;
  }
  const value = exact(w.v, 'number', undefined, w.decimals);
  void kindUnit;
  return {
    value,
    unit: unit || undefined,
    baseUnit: base,
    magnitude,
    knownUnit: !unit || KNOWN_UNITS.has(unit) || KNOWN_UNITS.has(base) || (!!magnitude && base === ''),
    normalized,
  };
}

function isUnitText(unit: string): boolean {
  if (!/^[\u3400-\u9fffA-Za-z/]+$/.test(unit)) return false;
  if (/^(百分数|百分比)$/.test(unit)) return true;
  let base = unit;
  for (const [word] of MAGNITUDES) {
    if (base.startsWith(word) && base.length > word.length && base !== '千米') {
      base = base.slice(word.length);
      break;
    }
  }
  if (KNOWN_UNITS.has(unit) || KNOWN_UNITS.has(base) || MONEY_UNITS[unit] !== undefined) return true;
  if (MAGNITUDES.some(([w]) => w === unit)) return true;
  if (base.length > 3) return false;
  for (const k of KNOWN_UNITS) if (base.length > k.length && base.startsWith(k)) return false;
  return true;
}

/** 一 … 九十九. */
function chineseNumeral(s: string): number | undefined {
  const d: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s === '十') return 10;
  if (s.length === 1) return d[s];
  if (s.length === 2 && s[0] === '十') return d[s[1]!] !== undefined ? 10 + d[s[1]!]! : undefined;
  if (s.length === 2 && s[1] === '十') return d[s[0]!] !== undefined ? d[s[0]!]! * 10 : undefined;
  if (s.length === 3 && s[1] === '十' && d[s[0]!] !== undefined && d[s[2]!] !== undefined) return d[s[0]!]! * 10 + d[s[2]!]!;
  return undefined;
}

/** The one number in a text (`满意度100%`, `提高5.45%`), when there is exactly one. */
function embeddedNumber(s: string): ParsedTarget['embedded'] {
  const all = [...s.matchAll(/\d[\d,]*(?:\.\d+)?%?/g)];
  if (all.length !== 1) return undefined;
  const m = all[0]![0];
  const after = s.slice(all[0]!.index! + m.length);
  const unitMatch = /^([\u3400-\u9fff/]{1,4})/.exec(after);
  const pct = m.endsWith('%');
  const n = numberWithUnit(pct ? m.slice(0, -1) : m, pct, pct ? '' : unitMatch && KNOWN_UNITS.has(unitMatch[1]!) ? unitMatch[1]! : '');
  if (!n) return undefined;
  return { value: n.value, normalized: n.normalized, unit: n.unit };
}

type DeadlineResult = { date: TargetDate } | { invalid: Localised } | undefined;

/** Dates and deadlines: 2025年11月30日前, 2021年12月, 2021.12月, 2021-12-31, =12月, 12月底, 年底前, 2021年. */
function parseDeadline(s0: string): DeadlineResult {
  let s = s0;
  let before = false;
  for (const suffix of ['之前', '以前', '前']) {
    if (s.endsWith(suffix) && s.length > suffix.length) {
      s = s.slice(0, -suffix.length);
      before = true;
      break;
    }
  }
  void before;
  const check = (date: TargetDate): DeadlineResult => {
    if (date.month !== undefined && (date.month < 1 || date.month > 12)) return { invalid: L(`月份 ${date.month} 不存在`, `there is no month ${date.month}`) };
    if (date.day !== undefined && (date.day < 1 || date.day > daysIn(date.month ?? 1, date.year))) {
      return { invalid: L(`${date.month ?? '?'} 月没有 ${date.day} 日`, `month ${date.month ?? '?'} has no day ${date.day}`) };
    }
    return { date };
  };
  let m = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(s) ?? /^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})$/.exec(s);
  if (m) return check({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  m = /^(\d{4})年(\d{1,2})月(?:底|末|份)?$/.exec(s) ?? /^(\d{4})[.\-/](\d{1,2})月(?:底|末|份)?$/.exec(s);
  if (m) return check({ year: Number(m[1]), month: Number(m[2]) });
  m = /^(\d{1,2})月(\d{1,2})[日号]$/.exec(s);
  if (m) return check({ month: Number(m[1]), day: Number(m[2]) });
  m = /^(\d{1,2})月(?:底|末|份)?$/.exec(s);
  if (m) return check({ month: Number(m[1]) });
  // The end of a year (2021年底, 2021年度内) is its December; a bare year (2021年) names no more than the year.
  m = /^((?:19|20)\d{2})年(?:度)?(底|末|内)?$/.exec(s);
  if (m) return check(m[2] ? { year: Number(m[1]), month: 12 } : { year: Number(m[1]) });
  if (/^(?:本?年底|年末|年内|本年度?内|当年|年度内)$/.test(s)) return { date: { month: 12 } };
  return undefined;
}

function daysIn(month: number, year?: number): number {
  if (month === 2) return year !== undefined && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 28 : 29;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A date as a comparable number (missing parts count as the end of the period). */
export function dateKey(d: TargetDate, yearDefault = 9999): number {
  return (d.year ?? yearDefault) * 10000 + (d.month ?? 12) * 100 + (d.day ?? 31);
}

/** A deadline for people: `2025年11月30日`, `12月`. */
export function formatDate(d: TargetDate): string {
  return `${d.year !== undefined ? `${d.year}年` : ''}${d.month !== undefined ? `${d.month}月` : ''}${d.day !== undefined ? `${d.day}日` : ''}`;
}

/** A fixed-point value as a Num of the target's kind (percent stays a percentage). */
export function normalizedNum(t: ParsedTarget, v: bigint | undefined = t.normalized): Num | undefined {
  if (v === undefined || !t.value) return undefined;
  if (t.value.kind === 'percent') return exact(v, 'percent', undefined, t.value.dec);
  const factor = (t.magnitude?.factor ?? 1n) * (t.value.kind === 'money' && t.value.unit ? MONEY_UNITS[t.value.unit]! : 1n);
  return exact(v, 'number', undefined, factor > 1n ? Math.max(0, t.value.dec - (factor.toString().length - 1)) : t.value.dec);
}

/**
 * An amount of money the written form states: a money unit (`180 万元`), or a bare 万/亿/千
 * magnitude read as that many 元 (`20 万` → 20 万元, as cost targets are written). Undefined for
 * per-unit amounts (`600 元/人`) and non-money values.
 */
export function moneyOf(t: ParsedTarget): Num | undefined {
  if ((t.kind !== 'numeric' && t.kind !== 'range') || !t.value) return undefined;
  if (t.value.kind === 'money') return t.value;
  if (t.magnitude && t.baseUnit === '') {
    const unit = `${t.magnitude.word}元`;
    if (MONEY_UNITS[unit] !== undefined) return exact(t.value.v, 'money', unit, t.value.dec);
  }
  return undefined;
}

/** The units two parsed values are compared in agree (either may omit its unit). */
export function sameUnit(a: ParsedTarget, b: ParsedTarget): boolean {
  const ua = unitClass(a);
  const ub = unitClass(b);
  return ua === '' || ub === '' || ua === ub;
}

/** The unit a value is compared in: `%`, `元` for money, else the base unit. */
export function unitClass(t: ParsedTarget): string {
  if (!t.value) return t.embedded?.unit === '%' ? '%' : '';
  if (t.value.kind === 'percent') return '%';
  if (t.value.kind === 'money' || (t.baseUnit && MONEY_UNITS[t.baseUnit] !== undefined)) return '元';
  return t.baseUnit ?? '';
}

/**
 * The `target*` functions of rules: `targetkind(x)`, `targetop(x)`, `targetvalue(x)`,
 * `targetunit(x)`, `targetbaseunit(x)`, `targetmoney(x)`. A missing value stays missing (the rule is not applicable);
 * a blank cell is kind "none".
 */
export function targetFunction(fn: string, v: Value): Value {
  if (isMissing(v)) return v;
  let text: string | null;
  if (typeof v === 'string') text = v;
  else if (isBlank(v)) text = null;
  else if (isNum(v)) text = v.kind === 'percent' ? `${toPlainString(v.v * 100n)}%` : `${toPlainString(v.v)}${v.kind === 'money' && v.unit ? v.unit : ''}`;
  else text = null;
  const p = parseTarget(text);
  switch (fn) {
    case 'targetkind': return p.kind;
    case 'targetop': return p.op ?? BLANK;
    case 'targetunit': return p.unit ?? BLANK;
    case 'targetbaseunit': return p.baseUnit || BLANK;
    case 'targetvalue': {
      if (p.kind === 'numeric' || p.kind === 'range') return normalizedNum(p) ?? BLANK;
      if (p.kind === 'qualitative' && p.embedded) {
        return p.embedded.value.kind === 'percent' ? exact(p.embedded.normalized, 'percent', undefined, p.embedded.value.dec) : exact(p.embedded.normalized, 'number');
      }
      return BLANK;
    }
    case 'targetmoney': return moneyOf(p) ?? BLANK;
    default: return BLANK;
  }
}

/** Fixed-point 1 (re-exported for callers comparing ratios). */
export { ONE, SCALE, pow10 };
