/**
 * Regression tests: each states a behaviour that was once wrong (found by the test suite) and
 * is now fixed. The comment above a test says what the defect was.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../src/index';
import { outcomes, run } from '../helpers';

const H = `ruleset t { title "t" }
hierarchy 功能分类 { 类 3  款 5  项 7 }
table 表 { key 编码: code 功能分类  合计: money  甲: money  乙: money }
fact 总额: money 万元
fact 率: percent
fact 本年: money 万元
fact 上年: money 万元
`;
const DATA = `suan: 1
document: { currency_unit: 元 }
tables:
  表:
    unit: 元
    columns: [编码, 合计, 甲, 乙]
    rows:
      - ["合计", "300.00", "100.00", "200.00"]
      - ["201", "300.00", "100.00", "200.00"]
      - ["20101", "100.00", "50.00", "50.00"]
      - ["20102", "200.00", "", "200.00"]
      - ["202", "10.00", "0.00", "0.00"]
      - ["203", "5.00", "x", "1.00"]
facts:
  总额: "abc"
  率: "83.70%"
  本年: { value: "2,330.12", unit: 万元 }
  上年: { value: "1,269.20", unit: 万元 }
`;
const rule = (r: DocumentResult, id: string) => r.rules.find((x) => x.id === id)!;

describe('explanations', () => {
  // interpreter.ts defaultMessage() ignores the outcome and the operator: with detail 'all' a
  // passing binding reads "300.00 元 does not match 300 元", and a failed `<` reads "does not
  // match" too.
  it('the default message of a passing binding does not say it does not match', () => {
    const r = run(`${H}rule P { for r in 表 where r.编码 = "201" assert r.合计 = r.甲 + r.乙 }`, DATA, { detail: 'all' });
    const f = rule(r, 'P').findings[0]!;
    expect(f.outcome).toBe('pass');
    expect(f.message.en).not.toMatch(/does not match/);
    expect(f.message.zh).not.toMatch(/不符/);
  });

  // interpreter.ts renderMessage() sets the template specials only when there is a comparison;
  // an error binding (an unreadable cell) has none, so its message shows actual/expected left in
  // the slots by the previous binding (row 202's 10.00 and 0.00 for row 203).
  it('the message of an error binding says the error, not the numbers of another row', () => {
    const r = run(`${H}rule M { for r in 表 assert r.合计 = r.甲 + r.乙 message "{r.编码}：合计 {actual}，甲乙之和 {expected}" en "{r.编码}: total {actual}, sum {expected}" }`, DATA, { detail: 'all' });
    const f = rule(r, 'M').findings.find((x) => x.outcome === 'error')!;
    expect(f.bindings[0]!.key).toBe('203');
    expect(f.message.en).not.toMatch(/10\.00/);
    expect(f.message.en).toMatch(/"x"/);
  });

  // interpreter.ts skippedRule() fills SUAN4002 with DEFAULT_BUDGET.timeoutMs instead of the
  // timeout the caller gave, so one document reports two different time limits.
  it('the rules skipped after a timeout report the timeout that was given', () => {
    const r = run(`${H}rule 慢 { for a in 表 for b in 表 for c in 表 for d in 表 for e in 表 assert 1 = 1 }\nrule 后 { assert 1 = 1 }`, DATA, { timeoutMs: -1 });
    expect(r.rules.map((x) => x.error?.code)).toEqual(['SUAN4002', 'SUAN4002']);
    expect(r.rules[1]!.error!.message.en).toBe(r.rules[0]!.error!.message.en);
  });

  // compile.ts readFact() raises SUAN4004 whose message starts "Cell …" / "单元格 …" for a fact.
  it('an unreadable fact is not called a cell', () => {
    const r = run(`${H}rule F { assert 总额 >= 0 万元 }`, DATA);
    const f = rule(r, 'F').findings[0]!;
    expect(f.code).toBe('SUAN4004');
    expect(f.reason!.en).not.toMatch(/^Cell/);
    expect(f.reason!.zh).not.toMatch(/^单元格/);
  });

  // format.ts formatNum(): money ÷ money is a plain ratio ("comparable with percentages",
  // language.md §6), but beside a stated 83.70% it is shown as "0.8359", so the reviewer has to
  // convert; the computed side of a comparison with a percentage should read 83.59%.
  it('a ratio compared with a percentage is shown as a percentage', () => {
    const r = run(`${H}rule G { assert 率 ≈ (本年 - 上年) / 上年 message "增长率 {actual}，计算得 {expected}" en "rate {actual}, computed {expected}" }`, DATA);
    const f = rule(r, 'G').findings[0]!;
    expect(f.outcome).toBe('fail');
    expect(f.message.en).toBe('rate 83.70%, computed 83.59%');
  });
});
