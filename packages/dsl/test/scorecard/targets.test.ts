/**
 * Written targets and actual values (scorecard/targets.ts): every form the seeds and the brief
 * use, the kinds, operators, units, magnitudes, deadlines, the values compared (exact, never a
 * float), and malformed forms with their reasons.
 */
import { describe, expect, it } from 'vitest';
import { moneyOf, parseTarget, targetFunction, dateKey, type ParsedTarget } from '../../src/scorecard/targets';
import { toPlainString } from '../../src/evaluation/decimal';
import { BLANK, isNum, missing, type Value } from '../../src/evaluation/values';

/** A parsed value reduced to what a reader checks: kind, op, normalised value, unit. */
function brief(p: ParsedTarget): string {
  const parts: string[] = [p.kind];
  if (p.op) parts.push(p.op);
  if (p.normalized !== undefined) parts.push(toPlainString(p.normalized));
  if (p.normalizedHigh !== undefined) parts.push(`..${toPlainString(p.normalizedHigh)}`);
  if (p.unit) parts.push(p.unit);
  if (p.date) parts.push(`${p.date.year ?? ''}-${p.date.month ?? ''}-${p.date.day ?? ''}`);
  return parts.join(' ');
}

const show = (v: Value): string => (isNum(v) ? `${v.kind}:${toPlainString(v.v)}${v.unit ? v.unit : ''}` : typeof v === 'object' ? v.t : String(v));

describe('parseTarget: numeric targets as the seeds write them', () => {
  const cases: [string, string][] = [
    // brief and seed 000/001
    ['≥95%', 'numeric >= 0.95 %'],
    ['=4个', 'numeric = 4 个'],
    ['<=180万元', 'numeric <= 1800000 万元'],
    ['<=180 万元', 'numeric <= 1800000 万元'],
    ['>46万', 'numeric > 460000 万'],
    ['>46 万', 'numeric > 460000 万'],
    ['≥10 班次', 'numeric >= 10 班次'],
    ['≤60 工作日', 'numeric <= 60 工作日'],
    ['4 个', 'numeric = 4 个'],
    ['100%', 'numeric = 1 %'],
    ['18.51%', 'numeric = 0.1851 %'],
    ['0', 'numeric = 0'],
    ['112', 'numeric = 112'],
    ['164万元', 'numeric = 1640000 万元'],
    ['1 年', 'numeric = 1 年'],
    ['20 万', 'numeric = 200000 万'],
    ['600 元/人', 'numeric = 600 元/人'],
    ['0 上访', 'numeric = 0 上访'],
    // seed 002 (绩效目标表)
    ['≧ 40 万', 'numeric >= 400000 万'],
    ['≧ 20000 次', 'numeric >= 20000 次'],
    ['≦ 71 家', 'numeric <= 71 家'],
    ['≧ 90 人次', 'numeric >= 90 人次'],
    ['≧ 95 百分数', 'numeric >= 0.95 %'],
    ['116 元', 'numeric = 116 元'],
    ['=6户', 'numeric = 6 户'],
    ['1.2万', 'numeric = 12000 万'],
    ['=3个', 'numeric = 3 个'],
    ['5万元', 'numeric = 50000 万元'],
    ['=20万次', 'numeric = 200000 万次'],
    ['=3万', 'numeric = 30000 万'],
    ['≧2000人', 'numeric >= 2000 人'],
    ['≤10000/人次', 'numeric <= 10000 /人次'],
    ['=12个月', 'numeric = 12 个月'],
    ['=280元', 'numeric = 280 元'],
    ['≤720 次', 'numeric <= 720 次'],
    ['≤50万次', 'numeric <= 500000 万次'],
    ['≤40万人', 'numeric <= 400000 万人'],
    ['=37.9万元', 'numeric = 379000 万元'],
    ['＝5人', 'numeric = 5 人'],
    ['≥3500人', 'numeric >= 3500 人'],
    ['=0.6万元', 'numeric = 6000 万元'],
    ['≧3万人次', 'numeric >= 30000 万人次'],
    ['≥370000人', 'numeric >= 370000 人'],
    ['5万', 'numeric = 50000 万'],
    // other spellings
    ['>=90%', 'numeric >= 0.9 %'],
    ['≧90%', 'numeric >= 0.9 %'],
    ['＞＝90％', 'numeric >= 0.9 %'],
    ['不低于95%', 'numeric >= 0.95 %'],
    ['不少于3次', 'numeric >= 3 次'],
    ['大于0', 'numeric > 0'],
    ['不超过3个工作日', 'numeric <= 3 个工作日'],
    ['低于5%', 'numeric < 0.05 %'],
    ['90%以上', 'numeric >= 0.9 %'],
    ['95%（含）以上', 'numeric >= 0.95 %'],
    ['3个工作日内', 'numeric <= 3 个工作日'],
    ['10%以下', 'numeric <= 0.1 %'],
    ['1.2亿元', 'numeric = 120000000 亿元'],
    ['>46万人', 'numeric > 460000 万人'],
    ['2,308.55万元', 'numeric = 23085500 万元'],
    ['１２３个', 'numeric = 123 个'],
    ['一年', 'numeric = 1 年'],
    ['十二个月', 'numeric = 12 个月'],
    ['10分', 'numeric = 10 分'],
  ];
  for (const [text, expected] of cases) it(`${text} → ${expected}`, () => expect(brief(parseTarget(text))).toBe(expected));

  it('keeps the operator as written and the number with its written decimals', () => {
    const p = parseTarget('≧ 95.50%');
    expect(p.opWritten).toBe('≧');
    expect(p.value?.dec).toBe(4);
    expect(toPlainString(p.value!.v)).toBe('0.955');
    expect(parseTarget('95%').opWritten).toBeUndefined();
  });

  it('is exact where a float is not: 0.1 + 0.2 and 40 significant digits', () => {
    expect(toPlainString(parseTarget('0.3万元').normalized!)).toBe('3000');
    expect(toPlainString(parseTarget('123456789012345678901234.56元').normalized!)).toBe('123456789012345678901234.56');
    expect(toPlainString(parseTarget('0.07%').normalized!)).toBe('0.0007');
    // Per mille, as error rates are written (a tester's round: "≤3‰" was "cannot be read").
    const pm = parseTarget('≤3‰');
    expect([pm.kind, pm.op, toPlainString(pm.normalized!), pm.unit]).toEqual(['numeric', '<=', '0.003', '%']);
    expect(toPlainString(parseTarget('0.5 ‰').normalized!)).toBe('0.0005');
  });
});

describe('parseTarget: ranges, deadlines, words, nothing', () => {
  const cases: [string, string][] = [
    ['80%-90%', 'range 0.8 ..0.9 %'],
    ['80-90%', 'range 0.8 ..0.9 %'],
    ['80%～90%', 'range 0.8 ..0.9 %'],
    ['5-10个', 'range 5 ..10 个'],
    ['2025年11月30日前', 'deadline <= 日 2025-11-30'],
    ['2021.12月', 'deadline <= 月 2021-12-'],
    ['=12月', 'deadline = 月 -12-'],
    ['=12 月', 'deadline = 月 -12-'],
    ['＝12月', 'deadline = 月 -12-'],
    ['12月底', 'deadline <= 月 -12-'],
    ['年底前', 'deadline <= 月 -12-'],
    ['2021年12月31日', 'deadline <= 日 2021-12-31'],
    ['2021-06-30', 'deadline <= 日 2021-6-30'],
    ['6月30日前', 'deadline <= 日 -6-30'],
    ['2021 年', 'deadline <= 年 2021--'],
    // The end of a year is its December (a tester's round: "2021年底前" was "a bare year, not a deadline").
    ['2021年底前', 'deadline <= 月 2021-12-'],
    ['2021年末', 'deadline <= 月 2021-12-'],
    ['2021年度内', 'deadline <= 月 2021-12-'],
    ['明显提高', 'qualitative'],
    ['有效促进', 'qualitative'],
    ['完全达到预期', 'qualitative'],
    ['逐步提高', 'qualitative'],
    ['基本平衡、略有结余', 'qualitative'],
    ['显著', 'qualitative'],
    ['有效减轻', 'qualitative'],
    ['=改善', 'qualitative ='],
    ['已完成', 'qualitative'],
    ['满意度100%', 'qualitative'],
    ['2021年参保率', 'qualitative'],
    ['评审人员 4000 人', 'qualitative'],
    ['', 'none'],
    ['——', 'none'],
    ['—', 'none'],
    ['-', 'none'],
    ['无', 'none'],
  ];
  for (const [text, expected] of cases) it(`${JSON.stringify(text)} → ${expected}`, () => expect(brief(parseTarget(text))).toBe(expected));

  it('a blank (null) cell has no target', () => expect(parseTarget(null).kind).toBe('none'));

  it('takes the one number inside words (满意度100%, 提高5.45%, 评审人员 4000 人)', () => {
    expect(toPlainString(parseTarget('满意度100%').embedded!.normalized)).toBe('1');
    expect(toPlainString(parseTarget('提高5.45%').embedded!.normalized)).toBe('0.0545');
    expect(parseTarget('评审人员 4000 人').embedded!.unit).toBe('人');
    expect(parseTarget('从3提高到5').embedded).toBeUndefined();
  });

  it('orders deadlines by date; a missing part counts as the end of the period', () => {
    const k = (s: string) => dateKey(parseTarget(s).date!, 2021);
    expect(k('2021年11月30日前')).toBeLessThan(k('2021.12月'));
    expect(k('=12月')).toBe(k('2021年12月'));
    expect(k('6月30日前')).toBeLessThan(k('=12月'));
  });
});

describe('parseTarget: malformed targets say what is wrong', () => {
  const cases: [string, RegExp][] = [
    ['≥9O%', /不是数值/],
    ['≥', /没有数值/],
    ['2021.13月', /月份 13 不存在/],
    ['2月30日前', /2 月没有 30 日/],
    ['90%-80%', /下限.*不小于上限/],
    ['1.2.3', /既不是数值，也不是文字目标/],
    ['100%%', /既不是数值/],
    ['≥90%以下', /运算符前后矛盾/],
  ];
  for (const [text, reason] of cases) {
    it(`${text} is invalid`, () => {
      const p = parseTarget(text);
      expect(p.kind).toBe('invalid');
      expect(p.reason!.zh).toMatch(reason);
      expect(p.reason!.en.length).toBeGreaterThan(5);
    });
  }
});

describe('money a target states', () => {
  it('reads money units, and a bare 万 as 万元 (cost targets)', () => {
    expect(show(moneyOf(parseTarget('<=180 万元'))!)).toBe('money:180万元');
    expect(show(moneyOf(parseTarget('20 万'))!)).toBe('money:20万元');
    expect(show(moneyOf(parseTarget('116 元'))!)).toBe('money:116元');
    expect(moneyOf(parseTarget('600 元/人'))).toBeUndefined();
    expect(moneyOf(parseTarget('20万次'))).toBeUndefined();
    expect(moneyOf(parseTarget('明显提高'))).toBeUndefined();
  });
});

describe('the target* functions of rules', () => {
  const f = (fn: string, v: Value) => show(targetFunction(fn, v));
  it('targetkind', () => {
    expect(f('targetkind', '≥95%')).toBe('numeric');
    expect(f('targetkind', '80%-90%')).toBe('range');
    expect(f('targetkind', '2021.12月')).toBe('deadline');
    expect(f('targetkind', '显著')).toBe('qualitative');
    expect(f('targetkind', BLANK)).toBe('none');
    expect(f('targetkind', '≥9O%')).toBe('invalid');
  });
  it('targetop normalises every spelling; blank without one', () => {
    expect(f('targetop', '≧ 40 万')).toBe('>=');
    expect(f('targetop', '不超过3次')).toBe('<=');
    expect(f('targetop', '5万元')).toBe('=');
    expect(f('targetop', '显著')).toBe('blank');
  });
  it('targetvalue applies the magnitude, gives money in 元, keeps percentages', () => {
    expect(f('targetvalue', '≧ 40 万')).toBe('number:400000');
    expect(f('targetvalue', '=37.9万元')).toBe('number:379000');
    expect(f('targetvalue', '≥95%')).toBe('percent:0.95');
    expect(f('targetvalue', '满意度100%')).toBe('percent:1');
    expect(f('targetvalue', '显著')).toBe('blank');
  });
  it('targetunit includes the magnitude word; a deadline gives its finest part', () => {
    expect(f('targetunit', '≧3万人次')).toBe('万人次');
    expect(f('targetunit', '≤10000/人次')).toBe('/人次');
    expect(f('targetunit', '≧ 95 百分数')).toBe('%');
    expect(f('targetunit', '2021 年')).toBe('年');
    expect(f('targetunit', '2021.12月')).toBe('月');
    expect(f('targetunit', '112')).toBe('blank');
  });
  it('targetbaseunit drops the magnitude word: what kind of thing a target measures', () => {
    expect(f('targetbaseunit', '≧3万人次')).toBe('人次');
    expect(f('targetbaseunit', '≤40万人')).toBe('人');
    expect(f('targetbaseunit', '180万元')).toBe('万元');
    expect(f('targetbaseunit', '≤2000元/人次')).toBe('元/人次');
    expect(f('targetbaseunit', '≧ 40 万')).toBe('blank');
    expect(f('targetbaseunit', '112')).toBe('blank');
  });
  it('targetmoney', () => {
    expect(f('targetmoney', '20 万')).toBe('money:20万元');
    expect(f('targetmoney', '600 元/人')).toBe('blank');
  });
  it('a missing value stays missing (the rule is not applicable)', () => {
    expect(show(targetFunction('targetkind', missing('fact', 'x')))).toBe('missing');
  });
});
