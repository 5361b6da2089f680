/**
 * Run-time values and their arithmetic. A number carries its point value (as written or
 * computed) and the interval of values it may stand for: a reported "2,308.55" stands for
 * [2308.545, 2308.555]. Arithmetic propagates both (XBRL Calculations 1.1 style); `≈` asks
 * whether intervals overlap, `=` compares point values.
 *
 * A blank cell (printed empty) counts as nothing in + and −, and makes ×, ÷ and functions
 * blank. A missing value (fact not stated, row or column absent) makes everything it touches
 * missing, so the rule is not applicable rather than wrong.
 */
import { MONEY_UNITS } from '../semantics/types';
import type { RoundingMode } from '../semantics/builtins';
import { ONE, div, halfUnit, mul, roundTo } from './decimal';

export type NumKind = 'money' | 'percent' | 'count' | 'number';

export interface Num {
  t: 'num';
  kind: NumKind;
  v: bigint;
  lo: bigint;
  hi: bigint;
  /** Money unit at run time (元, 万元, …); undefined for other kinds. */
  unit: string | undefined;
  /** Decimals to show (the written decimals of a reported number); -1 when computed. */
  dec: number;
}

export type MissingWhy = 'fact' | 'row' | 'column' | 'table' | 'parent' | 'value';

/** A printed blank cell. */
export interface Blank {
  t: 'blank';
}
/** Something the document does not contain. */
export interface Missing {
  t: 'missing';
  why: MissingWhy;
  /** What is missing, for messages (a fact name, a key, a column). */
  what: string;
}

export interface RowVal {
  t: 'row';
  table: RowSource;
  i: number;
}
export interface RowsVal {
  t: 'rows';
  table: RowSource;
  idx: readonly number[];
}
export interface ListVal {
  t: 'list';
  items: Value[];
}

/** What a row points back to (implemented by bound tables). */
export interface RowSource {
  readonly name: string;
  rowKey(i: number): string;
}

/** A level of a hierarchy is its index (0 = first level); -1 = no level. */
export type LevelVal = number;

export type Value = Num | Blank | Missing | RowVal | RowsVal | ListVal | string | boolean | LevelVal;

export const BLANK: Blank = Object.freeze({ t: 'blank' });

export function missing(why: MissingWhy, what: string): Missing {
  return { t: 'missing', why, what };
}

export function isNum(v: Value): v is Num {
  return typeof v === 'object' && v.t === 'num';
}
export function isBlank(v: Value): v is Blank {
  return typeof v === 'object' && v.t === 'blank';
}
export function isMissing(v: Value): v is Missing {
  return typeof v === 'object' && v.t === 'missing';
}
/** Blank or missing: "nothing there". */
export function isAbsent(v: Value): v is Blank | Missing {
  return typeof v === 'object' && (v.t === 'blank' || v.t === 'missing');
}

/** An exact number (no interval). */
export function exact(v: bigint, kind: NumKind, unit?: string, dec = -1): Num {
  return { t: 'num', kind, v, lo: v, hi: v, unit, dec };
}

/** A reported number: its interval is ± `half` around the written value. */
export function reported(v: bigint, kind: NumKind, unit: string | undefined, dec: number, half: bigint): Num {
  return { t: 'num', kind, v, lo: v - half, hi: v + half, unit, dec };
}

export function isExact(n: Num): boolean {
  return n.lo === n.v && n.hi === n.v;
}

/** The half-width a written number stands for, given a declared precision step (strict reading). */
export function strictHalf(decimals: number, declaredHalf: bigint | undefined): bigint {
  const written = halfUnit(decimals);
  return declaredHalf !== undefined && declaredHalf < written ? declaredHalf : written;
}

// ── units ────────────────────────────────────────────────────────────────────────────────

/** Expresses a money value in another unit (exact when going to a smaller unit). */
export function convert(n: Num, unit: string): Num {
  if (n.kind !== 'money' || !n.unit || n.unit === unit) return n.kind === 'money' ? { ...n, unit } : n;
  const from = MONEY_UNITS[n.unit]!;
  const to = MONEY_UNITS[unit]!;
  if (from > to) {
    const f = from / to;
    return { t: 'num', kind: 'money', v: n.v * f, lo: n.lo * f, hi: n.hi * f, unit, dec: n.dec < 0 ? -1 : Math.max(0, n.dec - digits(f)) };
  }
  const f = (to / from) * ONE;
  return { t: 'num', kind: 'money', v: div(n.v, f), lo: div(n.lo, f, 'floor'), hi: div(n.hi, f, 'ceil'), unit, dec: n.dec < 0 ? -1 : n.dec + digits(to / from) };
}

function digits(factor: bigint): number {
  return factor.toString().length - 1;
}

/** Whether two numbers can be combined as they are (not two amounts in different money units). */
export function sameScale(a: Num, b: Num): boolean {
  return a.kind !== 'money' || b.kind !== 'money' || a.unit === b.unit || !a.unit || !b.unit;
}

/** Brings two money values to the smaller of their units. */
function align(a: Num, b: Num): [Num, Num] {
  if (sameScale(a, b)) return [a, b];
  const [ua, ub] = [a.unit!, b.unit!];
  return MONEY_UNITS[ua]! < MONEY_UNITS[ub]! ? [a, convert(b, ua)] : [convert(a, ub), b];
}

function kindOf(op: '+' | '*' | '/', a: NumKind, b: NumKind): NumKind {
  if (op === '/') {
    if (a === 'money' && b === 'money') return 'number';
    if (a === 'money') return 'money';
    if (a === 'percent' && b !== 'percent') return 'percent';
    return 'number';
  }
  if (a === 'money' || b === 'money') return 'money';
  if (a === b) return a;
  if (a === 'number') return b;
  if (b === 'number') return a;
  return op === '+' ? (a === 'percent' || b === 'percent' ? 'percent' : 'number') : 'number';
}

// ── arithmetic ───────────────────────────────────────────────────────────────────────────

export function add(a: Num, b: Num): Num {
  if (!sameScale(a, b)) [a, b] = align(a, b);
  return { t: 'num', kind: kindOf('+', a.kind, b.kind), v: a.v + b.v, lo: a.lo + b.lo, hi: a.hi + b.hi, unit: a.unit ?? b.unit, dec: Math.max(a.dec, b.dec) };
}

export function sub(a: Num, b: Num): Num {
  if (!sameScale(a, b)) [a, b] = align(a, b);
  return { t: 'num', kind: kindOf('+', a.kind, b.kind), v: a.v - b.v, lo: a.lo - b.hi, hi: a.hi - b.lo, unit: a.unit ?? b.unit, dec: Math.max(a.dec, b.dec) };
}

export function neg(a: Num): Num {
  return { t: 'num', kind: a.kind, v: -a.v, lo: -a.hi, hi: -a.lo, unit: a.unit, dec: a.dec };
}

export function times(a: Num, b: Num): Num {
  const unit = a.kind === 'money' ? a.unit : b.kind === 'money' ? b.unit : undefined;
  const kind = kindOf('*', a.kind, b.kind);
  if (isExact(a) && isExact(b)) return exact(mul(a.v, b.v), kind, unit);
  const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
  let lo = c[0]!;
  let hi = c[0]!;
  for (const x of c) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return { t: 'num', kind, v: mul(a.v, b.v), lo: floorDiv(lo, ONE), hi: ceilDiv(hi, ONE), unit, dec: -1 };
}

/** a ÷ b; undefined when b is 0. When b's interval contains 0 the result interval is unbounded. */
export function divide(a: Num, b: Num): Num | undefined {
  if (!sameScale(a, b)) [a, b] = align(a, b);
  if (b.v === 0n) return undefined;
  const kind = kindOf('/', a.kind, b.kind);
  const unit = kind === 'money' ? a.unit : undefined;
  const v = div(a.v, b.v);
  if (isExact(a) && isExact(b)) return exact(v, kind, unit);
  if (b.lo <= 0n && b.hi >= 0n) return { t: 'num', kind, v, lo: -UNBOUNDED, hi: UNBOUNDED, unit, dec: -1 };
  // b is all positive or all negative: a/b is monotone in each bound, two divisions suffice.
  const [n, d] = b.lo > 0n ? [a, b] : [neg(a), neg(b)];
  const lo = div(n.lo, n.lo >= 0n ? d.hi : d.lo, 'floor');
  const hi = div(n.hi, n.hi >= 0n ? d.lo : d.hi, 'ceil');
  return { t: 'num', kind, v, lo, hi, unit, dec: -1 };
}

/** Stands for "no bound" (a quotient whose divisor may be 0). */
export const UNBOUNDED = 10n ** 60n;

export function absNum(a: Num): Num {
  if (a.lo >= 0n) return a.v >= 0n ? a : { ...a, v: -a.v };
  if (a.hi <= 0n) return neg(a);
  return { ...a, v: a.v < 0n ? -a.v : a.v, lo: 0n, hi: -a.lo > a.hi ? -a.lo : a.hi };
}

/** round(x, n): the rounded value; the interval rounds its bounds the same way (rounding is monotone). */
export function roundNum(a: Num, places: number, mode: RoundingMode): Num {
  const v = roundTo(a.v, places, mode);
  if (isExact(a)) return { ...a, v, lo: v, hi: v, dec: places };
  return { ...a, v, lo: roundTo(a.lo, places, mode), hi: roundTo(a.hi, places, mode), dec: places };
}

export function minNum(a: Num, b: Num): Num {
  if (!sameScale(a, b)) [a, b] = align(a, b);
  return a.v <= b.v ? { ...a, lo: a.lo < b.lo ? a.lo : b.lo, hi: a.hi < b.hi ? a.hi : b.hi } : { ...b, lo: a.lo < b.lo ? a.lo : b.lo, hi: a.hi < b.hi ? a.hi : b.hi };
}

export function maxNum(a: Num, b: Num): Num {
  if (!sameScale(a, b)) [a, b] = align(a, b);
  return a.v >= b.v ? { ...a, lo: a.lo > b.lo ? a.lo : b.lo, hi: a.hi > b.hi ? a.hi : b.hi } : { ...b, lo: a.lo > b.lo ? a.lo : b.lo, hi: a.hi > b.hi ? a.hi : b.hi };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) === (b < 0n) ? q + 1n : q;
}

// ── comparison ───────────────────────────────────────────────────────────────────────────

/** Both sides in one unit, for comparing (money only; other kinds are already comparable). */
export function comparable(a: Num, b: Num): [Num, Num] {
  return align(a, b);
}

/** The smallest distance between two intervals (0 when they overlap). */
export function distance(a: Num, b: Num): bigint {
  if (!sameScale(a, b)) [a, b] = align(a, b);
  if (a.lo > b.hi) return a.lo - b.hi;
  if (b.lo > a.hi) return b.lo - a.hi;
  return 0n;
}

/** Whether the intervals overlap, allowing `tolerance` between them. */
export function overlaps(a: Num, b: Num, tolerance = 0n): boolean {
  return distance(a, b) <= tolerance;
}

/** A value that is 0 with the other side's kind and unit (a blank compared with a number). */
export function zeroLike(n: Num): Num {
  return exact(0n, n.kind, n.unit, n.dec);
}
