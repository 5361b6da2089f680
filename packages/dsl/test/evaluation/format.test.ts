/**
 * Values for people (src/evaluation/format.ts): an interval reads as what it is. Its bounds once
 * lost the decimals that made them differ: [275.99, 276.01] read [276.0, 276.0].
 */
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../src/evaluation/decimal';
import { formatInterval, formatValue } from '../../src/evaluation/format';
import { divide, reported, type Num } from '../../src/evaluation/values';

const d = (s: string) => parseDecimal(s)!;
const money = (v: string, dec: number, half: string, unit = '万元'): Num => reported(d(v), 'money', unit, dec, d(half));

describe('formatInterval', () => {
  it('shows a written value\'s bounds one decimal finer than the value', () => {
    expect(formatInterval(money('2308.55', 2, '0.005'))).toBe('[2,308.545, 2,308.555] 万元');
    expect(formatInterval(reported(d('0.8370'), 'percent', undefined, 4, d('0.00005')))).toBe('[83.695%, 83.705%]');
  });

  it('shows every decimal a bound needs when that is up to three more', () => {
    // "1,174.2" read at a declared precision of 0.01 万元: ± 0.005, not ± 0.05.
    expect(formatInterval(money('1174.2', 1, '0.005'))).toBe('[1,174.195, 1,174.205] 万元');
    // 276 万元 summed from two cells read at 0.01 万元 (± 0.005 each): ± 0.01.
    expect(formatInterval(money('276', 0, '0.01'))).toBe('[275.99, 276.01] 万元');
    expect(formatInterval(reported(d('1.26'), 'percent', undefined, 2, d('0.00005')))).toBe('[125.995%, 126.005%]');
  });

  it('keeps a quotient\'s endless bounds rounded, two decimals finer than a computed value', () => {
    const q = divide(money('-956.84', 2, '0.005'), money('2131.04', 2, '0.005'))!; // a ratio, computed
    expect(formatInterval({ ...q, kind: 'percent' })).toBe('[-44.90048%, -44.89980%]');
  });
});

describe('formatValue', () => {
  it('counts rows in the singular for one', () => {
    const table = { name: '表', rowKey: () => '' };
    expect(formatValue({ t: 'rows', table, idx: [3] }, 'en')).toBe('1 row'); // it said "1 rows"
    expect(formatValue({ t: 'rows', table, idx: [3, 4] }, 'en')).toBe('2 rows');
    expect(formatValue({ t: 'rows', table, idx: [3] }, 'zh-CN')).toBe('1 行');
  });
});
