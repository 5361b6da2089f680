/**
 * Reported numbers as intervals (evaluation/values.ts): sums add bounds, differences subtract the
 * opposite bounds, products and quotients take the extreme combinations (rounded outward), unit
 * conversion scales the bounds exactly, and ≈ asks whether intervals overlap.
 */
import { describe, expect, it } from 'vitest';
import { halfUnit, parseDecimal, toPlainString } from '../../src/evaluation/decimal';
import { absNum, add, convert, distance, divide, exact, minNum, maxNum, neg, overlaps, reported, roundNum, sub, times, type Num } from '../../src/evaluation/values';

const d = (s: string) => parseDecimal(s)!;
/** A number as printed: `2,308.55` → 2308.55 ± 0.005. */
const printed = (s: string, unit = '万元', kind: Num['kind'] = 'money') => {
  const decimals = s.includes('.') ? s.split('.')[1]!.length : 0;
  return reported(d(s), kind, kind === 'money' ? unit : undefined, decimals, halfUnit(decimals));
};
const view = (n: Num) => `${toPlainString(n.v)} [${toPlainString(n.lo)}, ${toPlainString(n.hi)}]${n.unit ? ` ${n.unit}` : ''}`;

describe('interval arithmetic', () => {
  const a = printed('10.01');
  const b = printed('5.00');

  it('adds and subtracts bounds', () => {
    expect(view(add(a, b))).toBe('15.01 [15, 15.02] 万元');
    expect(view(sub(a, b))).toBe('5.01 [5, 5.02] 万元');
    expect(view(neg(a))).toBe('-10.01 [-10.015, -10.005] 万元');
  });

  it('multiplies by an exact number, and by another interval taking the extremes', () => {
    expect(view(times(a, exact(d('2'), 'number')))).toBe('20.02 [20.01, 20.03] 万元');
    expect(view(times(printed('2.0', '', 'number'), printed('-3.0', '', 'number')))).toBe('-6 [-6.2525, -5.7525]');
  });

  it('divides with outward rounding, so the true quotient is always inside', () => {
    const q = divide(a, b)!;
    expect(view(q)).toBe('2.002 [1.999000999000999, 2.005005005005005006]');
    expect(q.kind).toBe('number');
  });

  it('a quotient whose divisor interval holds 0 is unbounded; dividing by exactly 0 is refused', () => {
    const q = divide(a, reported(d('0.001'), 'number', undefined, 2, halfUnit(2)))!; // 0.001 ± 0.005 holds 0
    expect(q.lo < -(10n ** 40n) && q.hi > 10n ** 40n).toBe(true);
    expect(divide(a, exact(0n, 'number'))).toBeUndefined();
    expect(divide(a, printed('0.00', '', 'number'))).toBeUndefined();
  });

  it('keeps the interval through abs, round, min and max', () => {
    expect(view(absNum(printed('-0.001', '', 'number')))).toBe('0.001 [0.0005, 0.0015]');
    expect(view(absNum(printed('0.000', '', 'number')))).toBe('0 [0, 0.0005]');
    expect(view(roundNum(a, 1, 'half-up'))).toBe('10 [10, 10] 万元');
    expect(view(minNum(a, b))).toBe('5 [4.995, 5.005] 万元');
    expect(view(maxNum(a, b))).toBe('10.01 [10.005, 10.015] 万元');
  });
});

describe('units', () => {
  it('converts to a smaller unit exactly, bounds included', () => {
    expect(view(convert(printed('10.01'), '元'))).toBe('100100 [100050, 100150] 元');
    expect(view(convert(printed('1', '亿元'), '千元'))).toBe('100000 [50000, 150000] 千元');
  });

  it('converts to a larger unit exactly when the result has at most 18 decimals', () => {
    expect(view(convert(printed('12345.67', '元'), '万元'))).toBe('1.234567 [1.2345665, 1.2345675] 万元');
  });

  it('adds and compares amounts of different units in the smaller unit', () => {
    expect(view(add(printed('1', '万元'), printed('1.00', '元')))).toBe('10001 [5000.995, 15001.005] 元');
    expect(toPlainString(distance(printed('1.2346', '万元'), printed('12345.67', '元')))).toBe('0');
    expect(overlaps(exact(d('1.2346'), 'money', '万元'), printed('12345.67', '元'))).toBe(false);
  });
});

describe('≈: intervals overlap', () => {
  it('measures the gap between intervals and allows a tolerance', () => {
    const total = printed('10.02');
    const sum = add(printed('5.00'), printed('5.00'));
    expect(toPlainString(distance(total, sum))).toBe('0.005');
    expect(overlaps(total, sum)).toBe(false);
    expect(overlaps(total, sum, d('0.005'))).toBe(true);
    expect(overlaps(printed('10.01'), sum)).toBe(true);
  });
});
