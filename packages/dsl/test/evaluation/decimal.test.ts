/**
 * The one decimal configuration (evaluation/decimal.ts): fixed-point values ×10^18, exact
 * products and quotients rounded at the 18th decimal, explicit rounding in every mode (half-up,
 * 四舍五入, by default: away from zero at .5, also for negative numbers), formatting with
 * thousands separators, and exact plain strings.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { ONE, SCALE, digitsOf, div, fixedText, formatFixed, shiftDigits, halfUnit, mul, parseDecimal, roundTo, toPlainString } from '../../src/evaluation/decimal';
import { ROUNDING_MODES } from '../../src/semantics/builtins';

const d = (s: string) => {
  const v = parseDecimal(s);
  if (v === undefined) throw new Error(`not a decimal: ${s}`);
  return v;
};
const s = toPlainString;

describe('fixed point', () => {
  it('holds 18 decimals', () => {
    expect(SCALE).toBe(18);
    expect(ONE).toBe(10n ** 18n);
    expect(d('1')).toBe(ONE);
    expect(d('0.000000000000000001')).toBe(1n);
  });

  it('reads decimal literals, signs included, and refuses anything else', () => {
    expect([d('12'), d('-0.5'), d('+3'), d('0.10')].map(s)).toEqual(['12', '-0.5', '3', '0.1']);
    for (const bad of ['1e3', '.5', '5.', '', '1,000', ' 1', '0x10', '1_000']) expect(parseDecimal(bad), bad).toBeUndefined();
  });

  it('writes exact plain strings without trailing zeros or exponents', () => {
    expect([s(0n), s(-1n), s(d('2308.550')), s(d('-0.005')), s(10n ** 40n * ONE)]).toEqual(['0', '-0.000000000000000001', '2308.55', '-0.005', `1${'0'.repeat(40)}`]);
  });

  it('gives the half unit of a written precision', () => {
    expect([halfUnit(0), halfUnit(2), halfUnit(17), halfUnit(18)].map(s)).toEqual(['0.5', '0.005', '0.000000000000000005', '0']);
  });
});

describe('products and quotients', () => {
  it('multiplies exactly when the product has at most 18 decimals', () => {
    expect(s(mul(d('0.1'), d('0.2')))).toBe('0.02');
    expect(s(mul(d('123456789.123456789'), d('1000')))).toBe('123456789123.456789');
    expect(s(mul(d('0.000000001'), d('0.000000001')))).toBe('0.000000000000000001');
  });

  it('rounds a longer product half-up at the 18th decimal', () => {
    expect(s(mul(d('0.0000000001'), d('0.000000004')))).toBe('0');
    expect(s(mul(d('0.0000000001'), d('0.000000005')))).toBe('0.000000000000000001');
    expect(s(mul(d('-0.0000000001'), d('0.000000005')))).toBe('-0.000000000000000001');
  });

  it('divides, rounding half-up at the 18th decimal, or toward ±∞ for interval bounds', () => {
    expect([div(d('1'), d('8')), div(d('1'), d('3')), div(d('2'), d('3')), div(d('-2'), d('3'))].map(s)).toEqual([
      '0.125', '0.333333333333333333', '0.666666666666666667', '-0.666666666666666667',
    ]);
    expect(s(div(d('1'), d('3'), 'ceil'))).toBe('0.333333333333333334');
    expect(s(div(d('-1'), d('3'), 'floor'))).toBe('-0.333333333333333334');
    expect(s(div(d('2'), d('3'), 'floor'))).toBe('0.666666666666666666');
  });

  it('rounds half-up exactly: ties away from zero, signs either way', () => {
    // 0.000000000000000001 ÷ 2 = 0.0000000000000000005 → rounds to 1e-18 (away from zero)
    expect([div(1n, 2n * ONE), div(-1n, 2n * ONE), div(1n, -2n * ONE), div(-1n, -2n * ONE), div(1n, 3n * ONE)]).toEqual([1n, -1n, -1n, 1n, 0n]);
    expect(mul(-1n, 5n * 10n ** 17n)).toBe(-1n); // −0.0000000000000000005 → −0.000000000000000001
  });

  it('agrees with decimal.js (exact quotient, then half-up) on random amounts', () => {
    const Exact = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_HALF_UP });
    const plain = (v: bigint) => new Exact(s(v));
    const expected = (x: Decimal) => BigInt(x.toDecimalPlaces(SCALE, Decimal.ROUND_HALF_UP).toFixed(SCALE).replace('.', ''));
    const amount = fc.bigInt({ min: -(10n ** 34n), max: 10n ** 34n });
    fc.assert(fc.property(amount, amount, (a, b) => {
      if (b !== 0n) expect(div(a, b)).toBe(expected(plain(a).div(plain(b))));
      expect(mul(a, b)).toBe(expected(plain(a).times(plain(b))));
    }), { numRuns: 2000 });
    fc.assert(fc.property(amount, fc.integer({ min: 0, max: 17 }), (v, places) => {
      const rounded = BigInt(plain(v).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(SCALE).replace('.', ''));
      expect(roundTo(v, places)).toBe(rounded);
    }), { numRuns: 2000 });
  });
});

describe('rounding', () => {
  const table: [string, number, Record<(typeof ROUNDING_MODES)[number], string>][] = [
    ['0.125', 2, { 'half-up': '0.13', 'half-even': '0.12', 'half-down': '0.12', down: '0.12', up: '0.13', floor: '0.12', ceil: '0.13' }],
    ['-0.125', 2, { 'half-up': '-0.13', 'half-even': '-0.12', 'half-down': '-0.12', down: '-0.12', up: '-0.13', floor: '-0.13', ceil: '-0.12' }],
    ['0.135', 2, { 'half-up': '0.14', 'half-even': '0.14', 'half-down': '0.13', down: '0.13', up: '0.14', floor: '0.13', ceil: '0.14' }],
    ['2.5', 0, { 'half-up': '3', 'half-even': '2', 'half-down': '2', down: '2', up: '3', floor: '2', ceil: '3' }],
    ['-2.5', 0, { 'half-up': '-3', 'half-even': '-2', 'half-down': '-2', down: '-2', up: '-3', floor: '-3', ceil: '-2' }],
    ['1.005', 2, { 'half-up': '1.01', 'half-even': '1', 'half-down': '1', down: '1', up: '1.01', floor: '1', ceil: '1.01' }],
    ['-0.0049', 2, { 'half-up': '0', 'half-even': '0', 'half-down': '0', down: '0', up: '-0.01', floor: '-0.01', ceil: '0' }],
    ['9.995', 2, { 'half-up': '10', 'half-even': '10', 'half-down': '9.99', down: '9.99', up: '10', floor: '9.99', ceil: '10' }],
  ];

  it.each(table)('%s to %i decimals in every mode', (x, places, expected) => {
    for (const mode of ROUNDING_MODES) expect(s(roundTo(d(x), places, mode)), mode).toBe(expected[mode]);
  });

  it('is half-up (四舍五入) by default', () => {
    expect([roundTo(d('0.125'), 2), roundTo(d('-0.125'), 2), roundTo(d('2.5'), 0), roundTo(d('-0.5'), 0), roundTo(d('83.585'), 2)].map(s)).toEqual(['0.13', '-0.13', '3', '-1', '83.59']);
  });

  it('leaves a value that already fits unchanged, and 18 or more places as they are', () => {
    expect([roundTo(d('1.5'), 2), roundTo(d('0.000000000000000001'), 18), roundTo(d('123.456'), 30)].map(s)).toEqual(['1.5', '0.000000000000000001', '123.456']);
  });
});

describe('formatting for people', () => {
  it('rounds for display exactly as decimal.js does (half-up), grouping thousands', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 17 }), (v, places) => {
      const expected = new Decimal(s(v)).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
      const shown = formatFixed(v, places);
      expect(shown.replace(/,/g, '')).toBe(expected === '-0' || /^-0\.0*$/.test(expected) ? expected.slice(1) : expected);
      expect(shown).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d+)?$/);
      // The same value in percentage points (× 100), from the digits already taken.
      expect(fixedText(shiftDigits(digitsOf(v), 2), places)).toBe(formatFixed(v * 100n, places));
    }), { numRuns: 3000 });
  });

  it.each([
    ['1234567.891', 2, '1,234,567.89', '1234567.89'],
    ['-1234567.891', 2, '-1,234,567.89', '-1234567.89'],
    ['999.995', 2, '1,000.00', '1000.00'],
    ['0.1', 4, '0.1000', '0.1000'],
    ['-1234.5', 0, '-1,235', '-1235'],
    ['0', 2, '0.00', '0.00'],
    ['123', 2, '123.00', '123.00'],
  ])('%s to %i places: %s', (x, places, withSep, without) => {
    expect(formatFixed(d(x), places)).toBe(withSep);
    expect(formatFixed(d(x), places, false)).toBe(without);
  });

  it('never shows a negative zero', () => {
    expect([formatFixed(d('-0.004'), 2), formatFixed(d('-0.0'), 0)]).toEqual(['0.00', '0']);
    expect(formatFixed(d('-0.005'), 2)).toBe('-0.01');
  });

  it('shows every significant decimal when no places are given', () => {
    expect([formatFixed(d('1000'), undefined), formatFixed(d('1234.5678'), undefined), formatFixed(d('-0.000001'), undefined)]).toEqual(['1,000', '1,234.5678', '-0.000001']);
  });
});
