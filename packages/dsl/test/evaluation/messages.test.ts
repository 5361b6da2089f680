/**
 * What a finding says: message templates rendered in zh-CN and en with actual, expected,
 * difference and distance; roll-up messages with row, column and children; default messages;
 * titles; severities; and which findings are listed (`detail`).
 */
import { describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../src/index';
import { run } from '../helpers';

const H = `ruleset t { title "t" }
hierarchy 功能分类 { 类 3  款 5 }
table 表 { key 编码: code 功能分类  名称: text  合计: money  甲: money  乙: money }
fact 缺失: money 万元
fact 本年: money 万元
fact 上年: money 万元
`;
const D = `suan: 1
document: { currency_unit: 元 }
tables:
  表:
    unit: 万元
    columns: [编码, 名称, 合计, 甲, 乙]
    rows:
      - ["201", "一般", "10.02", "5.00", "5.00"]
      - ["20101", "人大", "5.00", "5.00", ""]
      - ["20102", "政协", "4.00", "4.00", ""]
facts:
  本年: { value: "2,330.12", unit: 万元 }
  上年: { value: "1,269.20", unit: 万元 }
`;
const rule = (r: DocumentResult, id: string) => r.rules.find((x) => x.id === id)!;
const texts = (r: DocumentResult, id: string) => rule(r, id).findings.map((f) => f.message);

describe('message templates', () => {
  it('render actual, expected, difference, distance and the row, in each language', () => {
    const r = run(`${H}rule M "合计 = 甲 + 乙" en "Total = sum" {
  for r in 表
  assert r.合计 ≈ r.甲 + r.乙
  message "{r.编码} {r.名称}：合计 {actual}，甲乙之和 {expected}，差额 {difference}，距离 {distance}"
       en "{r.编码}: total {actual}, sum {expected}, difference {difference}, distance {distance}"
}`, D);
    expect(texts(r, 'M')).toEqual([{
      zh: '201 一般：合计 10.02 万元，甲乙之和 10.00 万元，差额 0.02 万元，距离 0.005 万元',
      en: '201: total 10.02 万元, sum 10.00 万元, difference 0.02 万元, distance 0.005 万元',
    }]);
    expect(rule(r, 'M').title).toEqual({ zh: '合计 = 甲 + 乙', en: 'Total = sum' });
  });

  it('render literal braces, and any expression of the rule', () => {
    const r = run(`${H}rule M { for r in 表 where r.编码 = "201" assert r.合计 = r.甲 + r.乙 message "\\{{r.编码}\\} 两倍 {r.合计 × 2}，较大 {max(r.甲, r.乙)}" }`, D);
    expect(texts(r, 'M')).toEqual([{ zh: '{201} 两倍 20.04 万元，较大 5.00 万元', en: '{201} 两倍 20.04 万元，较大 5.00 万元' }]);
  });

  it('use the Chinese text for English when the rule has no en text', () => {
    const r = run(`${H}rule M "只有中文" { for r in 表 where r.编码 = "201" assert r.合计 = r.甲 + r.乙 message "合计 {actual}" }`, D);
    expect(texts(r, 'M')).toEqual([{ zh: '合计 10.02 万元', en: '合计 10.02 万元' }]);
    expect(rule(r, 'M').title).toEqual({ zh: '只有中文', en: '只有中文' });
  });

  it('show a missing value as missing, in a not-applicable finding', () => {
    const r = run(`${H}rule N { assert 缺失 > 0 万元 message "缺失 {actual}" en "missing {actual}" }`, D, { detail: 'all' });
    expect(rule(r, 'N').findings.map((f) => [f.outcome, f.message])).toEqual([['na', { zh: '缺失 （缺少 缺失）', en: 'missing (missing 缺失)' }]]);
  });

  it('render roll-up messages with the parent row, the column and the number of children', () => {
    const r = run(`${H}rule U { rollup 表 columns 合计, 甲
  message "{key(row)} {column}：{actual}，下级之和 {expected}（{children} 行），差额 {difference}"
       en "{key(row)} {column}: {actual}, children {expected} ({children} rows), difference {difference}" }`, D);
    expect(texts(r, 'U')).toEqual([
      { zh: '201 合计：10.02 万元，下级之和 9.00 万元（2 行），差额 1.02 万元', en: '201 合计: 10.02 万元, children 9.00 万元 (2 rows), difference 1.02 万元' },
      { zh: '201 甲：5.00 万元，下级之和 9.00 万元（2 行），差额 -4.00 万元', en: '201 甲: 5.00 万元, children 9.00 万元 (2 rows), difference -4.00 万元' },
    ]);
    expect(rule(r, 'U').findings.map((f) => [f.bindings[0]!.key, f.bindings[0]!.column])).toEqual([['201', '合计'], ['201', '甲']]);
  });
});

describe('default messages', () => {
  it('say where, both values and the difference', () => {
    const r = run(`${H}rule D { for r in 表 assert r.合计 ≈ r.甲 + r.乙 }\nrule U { rollup 表 columns 合计 }`, D);
    expect(texts(r, 'D')).toEqual([{ zh: '表[201]：10.02 万元 与 10.00 万元 不符，差额 0.02 万元', en: '表[201]: 10.02 万元 does not match 10.00 万元, difference 0.02 万元' }]);
    expect(texts(r, 'U')).toEqual([{ zh: '表[201] 合计：10.02 万元 与 9.00 万元 不符，差额 1.02 万元', en: '表[201] 合计: 10.02 万元 does not match 9.00 万元, difference 1.02 万元' }]);
    expect(rule(r, 'D').title).toEqual({ zh: 'D', en: 'D' });
  });

  it('say why a binding is not applicable', () => {
    const r = run(`${H}rule N { assert 缺失 > 0 万元 }`, D, { detail: 'all' });
    expect(texts(r, 'N')).toEqual([{ zh: '不适用：缺失：文中未说明', en: 'Not applicable: 缺失: not stated in the document' }]);
  });

  it('give the error of an error binding', () => {
    const r = run(`${H}rule E { for r in 表 where r.编码 = "201" assert r.合计 / (r.甲 - r.乙) > 0 }`, D);
    expect(rule(r, 'E').findings.map((f) => [f.outcome, f.code, f.message.en])).toEqual([
      ['error', 'SUAN4003', '表[201]: Division by zero: main.suan:7:47. Exclude this case with a `when` condition.'],
    ]);
  });
});

describe('which findings are listed', () => {
  it('lists failures only by default, counting the rest, and keeps the first reason for not applicable', () => {
    const r = run(`${H}rule P { for r in 表 assert r.合计 >= r.甲 }\nrule N { for r in 表 assert 缺失 > r.合计 }`, D);
    expect(rule(r, 'P').findings).toEqual([]);
    expect(rule(r, 'P').counts).toEqual({ pass: 3, fail: 0, coarse: 0, na: 0, error: 0 });
    expect(rule(r, 'N').findings).toEqual([]);
    expect(rule(r, 'N').counts.na).toBe(3);
    expect(rule(r, 'N').notApplicable).toEqual({ zh: '缺失：文中未说明', en: '缺失: not stated in the document' });
    expect(r.counts).toEqual({ pass: 3, fail: 0, coarse: 0, na: 3, error: 0 });
  });

  it('lists every binding with detail: all', () => {
    const r = run(`${H}rule P { for r in 表 assert r.合计 >= r.甲 }`, D, { detail: 'all' });
    expect(rule(r, 'P').findings.map((f) => [f.outcome, f.bindings[0]!.key])).toEqual([['pass', '201'], ['pass', '20101'], ['pass', '20102']]);
  });

  it('runs only the rules asked for', () => {
    const r = run(`${H}rule A { assert 1 = 1 }\nrule B { assert 1 = 1 }`, D, { rules: new Set(['B']) });
    expect(r.rules.map((x) => x.id)).toEqual(['B']);
  });
});

describe('severity', () => {
  it('a finding carries its rule’s severity; a coarse reading is one lower', () => {
    const r = run(`${H}rule W { severity warning for r in 表 where r.编码 = "201" assert r.合计 = r.甲 + r.乙 }\nrule I { severity info assert 本年 < 上年 }`, D);
    expect(rule(r, 'W').findings.map((f) => [f.outcome, f.severity])).toEqual([['fail', 'warning']]);
    expect(rule(r, 'I').findings.map((f) => [f.outcome, f.severity])).toEqual([['fail', 'info']]);
    expect([rule(r, 'W').severity, rule(r, 'I').severity]).toEqual(['warning', 'info']);
  });
});
