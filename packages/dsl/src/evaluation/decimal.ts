/**
 * Exact decimal numbers — the one place where number representation and rounding are decided.
 *
 * A number is a `bigint` holding the value × 10^18 ("fixed-point"). Sums, differences,
 * comparisons and most products are exact integer operations on it, which is what makes the
 * interpreter fast. Operations that have to round at the 18th decimal — division, a product
 * with more than 18 decimals — round half-up (四舍五入) on the exact integer quotient (the
 * common case, as fast as a division; `round(x, n)` too), or, for another rounding mode,
 * go through decimal.js, configured here once: 50 significant digits, ROUND_HALF_UP unless a
 * rule asks for another mode. Interval bounds round outwards (floor for lower bounds, ceiling
 * for upper bounds), so intervals stay sound.
 *
 * Nothing here ever goes through a binary floating-point number.
 */
import Decimal from 'decimal.js';
import type { RoundingMode } from '../semantics/builtins';

/** Decimal places kept by fixed-point values. */
export const SCALE = 18;
const POW10: bigint[] = Array.from({ length: 80 }, (_, i) => 10n ** BigInt(i));
/** 1 as a fixed-point value. */
export const ONE = POW10[SCALE]!;

/** 10^n as a bigint. */
export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

/** The decimal.js constructor Suan uses. */
export const Dec = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 });

const MODES: Record<RoundingMode, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-down': Decimal.ROUND_HALF_DOWN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
  floor: Decimal.ROUND_FLOOR,
  ceil: Decimal.ROUND_CEIL,
};

/** Fixed-point → decimal.js. */
export function toDec(v: bigint): Decimal {
  return new Dec(toPlainString(v));
}

/** decimal.js → fixed-point, rounding to 18 places with `mode`. */
export function fromDec(d: Decimal, mode: RoundingMode = 'half-up'): bigint {
  const s = d.toDecimalPlaces(SCALE, MODES[mode]).toFixed(SCALE);
  return BigInt(s.replace('.', ''));
}

/** n ÷ d rounded toward −∞ (`floor`) or +∞ (`ceil`): exact integer division, for interval bounds. */
function directed(n: bigint, d: bigint, mode: 'floor' | 'ceil'): bigint {
  const q = n / d;
  if (n % d === 0n) return q;
  const positive = (n < 0n) === (d < 0n);
  if (mode === 'floor') return positive ? q : q - 1n;
  return positive ? q + 1n : q;
}

/**
 * n ÷ d rounded half-up (四舍五入: away from zero at exactly .5), in exact integer arithmetic.
 * The same result decimal.js gives for the exact quotient, without its cost (tested against it).
 */
function halfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice < (d < 0n ? -d : d)) return q;
  return (n < 0n) !== (d < 0n) ? q - 1n : q + 1n;
}

/** a × b, exact when the product has at most 18 decimals, else rounded with `mode`. */
export function mul(a: bigint, b: bigint, mode: RoundingMode = 'half-up'): bigint {
  const p = a * b;
  if (p % ONE === 0n) return p / ONE;
  if (mode === 'floor' || mode === 'ceil') return directed(p, ONE, mode);
  if (mode === 'half-up') return halfUp(p, ONE);
  return fromDec(toDec(a).times(toDec(b)), mode);
}

/** a ÷ b (b ≠ 0), rounded at the 18th decimal with `mode`. */
export function div(a: bigint, b: bigint, mode: RoundingMode = 'half-up'): bigint {
  const scaled = a * ONE;
  if (mode === 'floor' || mode === 'ceil') return directed(scaled, b, mode);
  if (mode === 'half-up') return halfUp(scaled, b);
  if (scaled % b === 0n) return scaled / b;
  return fromDec(toDec(a).div(toDec(b)), mode);
}

/** Rounds to `places` decimals with `mode` (half-up by default: 四舍五入, away from zero at .5). */
export function roundTo(v: bigint, places: number, mode: RoundingMode = 'half-up'): bigint {
  if (places >= SCALE) return v;
  const unit = pow10(SCALE - Math.max(0, places));
  if (v % unit === 0n) return v;
  if (mode === 'half-up') return halfUp(v, unit) * unit;
  return fromDec(toDec(v).toDecimalPlaces(places, MODES[mode]), mode);
}

/** The written-precision half unit: 2 decimals → 0.005. */
export function halfUnit(decimals: number): bigint {
  return HALF_UNITS[decimals] ?? 0n;
}

const HALF_UNITS: bigint[] = Array.from({ length: SCALE }, (_, d) => 5n * pow10(SCALE - d - 1));

/** A fixed-point value's digits as text: sign, integer part, and its 18 decimals. */
export interface Digits {
  neg: boolean;
  int: string;
  frac: string;
}

/** The digits of a fixed-point value (one conversion to text, shared by every way of showing it). */
export function digitsOf(v: bigint): Digits {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(SCALE + 1, '0');
  const point = digits.length - SCALE;
  return { neg, int: digits.slice(0, point), frac: digits.slice(point) };
}

/**
 * The digits of the value × 10^k (−18 ≤ k ≤ 18), exactly: a ratio shown in percentage points is
 * k = 2; an amount in 元 shown in 万元 is k = −4.
 */
export function shiftDigits(d: Digits, k: number): Digits {
  if (k < 0) {
    const int = d.int.padStart(1 - k, '0');
    return { neg: d.neg, int: int.slice(0, k), frac: int.slice(k) + d.frac };
  }
  let int = d.int + d.frac.slice(0, k);
  let z = 0;
  while (z < int.length - 1 && int.charCodeAt(z) === 48 /* 0 */) z++;
  if (z > 0) int = int.slice(z);
  return { neg: d.neg, int, frac: d.frac.slice(k) + '0'.repeat(k) };
}

/** "0012300" without its trailing zeros → "00123". */
function trimTrailingZeros(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  return s.slice(0, end);
}

/** Adds one to a string of decimal digits ("199" → "200", "99" → "100"). */
function incrementDigits(s: string): string {
  let i = s.length - 1;
  while (i >= 0 && s.charCodeAt(i) === 57 /* 9 */) i--;
  if (i < 0) return `1${'0'.repeat(s.length)}`;
  return `${s.slice(0, i)}${String.fromCharCode(s.charCodeAt(i) + 1)}${'0'.repeat(s.length - i - 1)}`;
}

/** Exact decimal text without trailing zeros ("2308.55", "-0.005", "12"). */
export function toPlainString(v: bigint): string {
  return plainText(digitsOf(v));
}

/** `toPlainString` of digits already taken. */
export function plainText(d: Digits): string {
  const f = trimTrailingZeros(d.frac);
  return `${d.neg ? '-' : ''}${d.int}${f ? `.${f}` : ''}`;
}

/**
 * Text for people: rounded half-up to `places` decimals (display only: the value itself is not
 * changed), thousands separated ("1,060.92"). `places` undefined shows every significant decimal.
 */
export function formatFixed(v: bigint, places?: number, separators = true): string {
  return fixedText(digitsOf(v), places, separators);
}

/**
 * `formatFixed` of digits already taken. Rounding half-up on text: the first dropped digit is 5
 * or more.
 */
export function fixedText(d: Digits, places?: number, separators = true): string {
  let int = d.int;
  let frac: string;
  if (places === undefined || places >= SCALE) {
    frac = trimTrailingZeros(d.frac);
    if (places !== undefined) frac = frac.padEnd(places, '0');
  } else {
    const p = Math.max(0, places);
    let kept = int + d.frac.slice(0, p);
    if (d.frac.charCodeAt(p) >= 53 /* 5 */) kept = incrementDigits(kept); // half-up, away from zero
    int = kept.slice(0, kept.length - p);
    frac = kept.slice(kept.length - p);
  }
  if (separators && int.length > 3) {
    const head = int.length % 3 || 3;
    let grouped = int.slice(0, head);
    for (let k = head; k < int.length; k += 3) grouped += `,${int.slice(k, k + 3)}`;
    int = grouped;
  }
  const nonZero = /[1-9]/.test(int) || /[1-9]/.test(frac);
  return `${d.neg && nonZero ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** A decimal literal ("0.01", "-3", "1e3" is not accepted) → fixed-point; undefined if it is not one. */
export function parseDecimal(text: string): bigint | undefined {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = (m[3] ?? '').slice(0, SCALE).padEnd(SCALE, '0');
  const v = BigInt(m[2]! + frac);
  return m[1] === '-' ? -v : v;
}

export function absFixed(v: bigint): bigint {
  return v < 0n ? -v : v;
}
