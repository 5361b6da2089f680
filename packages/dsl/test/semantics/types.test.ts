/**
 * Types and units, checked before anything runs (language.md §6): money only adds to money,
 * amounts do not multiply, money ÷ money is a ratio, money is not compared with percentages,
 * assert needs a condition, round needs an integer constant, aggregates need rows. Each case is
 * the exact diagnostic, and the well-typed variants beside it are accepted.
 */
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/index';
import { messages, ruleset } from '../helpers';

/** Eight lines of declarations; the rule under test is on line 9. */
const H = `ruleset t { title "t" }
hierarchy 功能分类 { 类 3  款 5  项 7 }
table 表 { key 科目编码: code 功能分类  合计: money  比例: percent  人数: count  名称: text  日期: date  公开: bool }
table 无键表 { 金额: money }
fact 收支总计: money 万元
fact 增长率: percent
fact 分值: number
fact 人次: count
`;
const check = (rule: string) => messages(ruleset(H + rule).program.diagnostics);

describe('money and units', () => {
  it('money adds only to money; a plain 0 is fine', () => {
    expect(check('rule R { assert 收支总计 + 1 = 收支总计 }')).toEqual([
      'SUAN3001 9:17 Operator + cannot be applied to money (万元) and a number. Money adds only to money; write constants with a unit, e.g. 100 万元.',
    ]);
    expect(check('rule R { assert 收支总计 - 增长率 = 收支总计 }')).toEqual([
      'SUAN3001 9:17 Operator - cannot be applied to money (万元) and a percentage. Money adds only to money; write constants with a unit, e.g. 100 万元.',
    ]);
    expect(check('rule R { assert 收支总计 + 0 = 收支总计 and 收支总计 + 1 元 - 1 亿元 = 收支总计 }')).toEqual([]);
  });

  it('two amounts cannot be multiplied; an amount times a number or a percentage is an amount', () => {
    expect(check('rule R { assert 收支总计 × 收支总计 = 收支总计 }')).toEqual([
      'SUAN3001 9:17 Operator × cannot be applied to money (万元) and money (万元). Two amounts cannot be multiplied.',
    ]);
    expect(check('rule R { assert 收支总计 × 2 = 收支总计 and 2 * 收支总计 = 收支总计 and 收支总计 × 增长率 = 收支总计 }')).toEqual([]);
  });

  it('money ÷ money is a plain ratio, comparable with a percentage; a number ÷ money is an error', () => {
    expect(check('rule R { assert 收支总计 / 收支总计 = 增长率 and 收支总计 / 收支总计 = 分值 and 收支总计 / 2 = 收支总计 }')).toEqual([]);
    expect(check('rule R { assert 1 / 收支总计 = 分值 }')).toEqual([
      'SUAN3001 9:17 Operator ÷ cannot be applied to a number and money (万元). A number cannot be divided by money.',
    ]);
  });

  it('money is not compared with a percentage, nor with a plain number other than 0 (with a hint to add the unit)', () => {
    expect(check('rule R { assert 收支总计 = 增长率 }')).toEqual(['SUAN3002 9:17 Cannot compare money (万元) with a percentage.']);
    const rs = ruleset(`${H}rule R { assert 收支总计 > 100 }`);
    expect(messages(rs.program.diagnostics)).toEqual(['SUAN3002 9:17 Cannot compare money (万元) with a number. Write money with its unit, e.g. 100 万元.']);
    expect(formatMessage(rs.program.diagnostics[0]!, 'zh-CN')).toBe('不能比较 金额（万元） 与 数值。金额要写明单位，例如 100 万元。');
    expect(check('rule R { assert 收支总计 > 0 and 收支总计 >= 100 元 }')).toEqual([]);
  });

  it('only money converts between units', () => {
    expect(check('rule R { assert 增长率 as 元 = 1 元 }')).toEqual([
      'SUAN3001 9:17 Operator as cannot be applied to a percentage and 元. Only money converts between units.',
    ]);
    expect(check('rule R { assert 收支总计 as 元 = 1 元 and 收支总计 as 亿元 > 0 元 }')).toEqual([]);
  });
});

describe('counts, percentages, text, dates, booleans', () => {
  it('counts compare with counts and plain numbers, percentages with plain numbers', () => {
    expect(check('rule R { for r in 表 assert r.人数 = 分值 and r.人数 = 人次 and r.比例 = 分值 and 增长率 ≈ 0.5 and 分值 = 50% }')).toEqual([]);
    expect(check('rule R { assert 人次 + 1 = 2 and 人次 × 人次 = 4 and 人次 / 2 = 1 and 增长率 + 1% = 增长率 + 0.01 }')).toEqual([]);
    expect(check('rule R { for r in 表 assert r.人数 = r.比例 }')).toEqual(['SUAN3002 9:28 Cannot compare a count with a percentage.']);
  });

  it('text is not arithmetic; text and dates do not compare', () => {
    expect(check('rule R { for r in 表 assert r.名称 + 1 = 2 }')).toEqual(['SUAN3001 9:28 Operator + cannot be applied to text and a number.']);
    expect(check('rule R { for r in 表 assert r.名称 < r.日期 }')).toEqual(['SUAN3002 9:28 Cannot compare text with a date.']);
    expect(check('rule R { for r in 表 assert contains(r.名称, "医疗") and startswith(r.科目编码, "2") }')).toEqual([]);
    expect(check('rule R { for r in 表 assert startswith(r.科目编码, 2) }')).toEqual([
      'SUAN3007 9:47 Argument 2 should be text or a code, found a number. Usage: startswith(x.科目编码, "210")',
    ]);
  });

  it('and, or and not take conditions', () => {
    expect(check('rule R { for r in 表 assert not r.合计 }')).toEqual(['SUAN3001 9:28 Operator not cannot be applied to money and true/false.']);
    expect(check('rule R { for r in 表 assert r.公开 and r.合计 }')).toEqual(['SUAN3001 9:37 Operator and cannot be applied to true/false and money.']);
  });
});

describe('assert, if and ??', () => {
  it('assert needs a condition', () => {
    expect(check('rule R { assert 收支总计 }')).toEqual(['SUAN3003 9:17 `assert` needs a true/false condition (a comparison); this is money (万元).']);
    expect(check('rule R { assert 收支总计 + 1 万元 }')).toEqual(['SUAN3003 9:17 `assert` needs a true/false condition (a comparison); this is money (万元).']);
    expect(check('rule R { assert "文本" }')).toEqual(['SUAN3003 9:17 `assert` needs a true/false condition (a comparison); this is text.']);
  });

  it('if needs a condition and branches of one type; ?? needs sides of one type', () => {
    expect(check('rule R { for r in 表 assert (if r.合计 then 1 else 2) = 1 }')).toEqual(['SUAN3009 9:32 The if condition should be a condition, found money.']);
    expect(check('rule R { for r in 表 assert (if r.公开 then r.合计 else 增长率) = 0 元 }')).toEqual(['SUAN3009 9:52 The else branch should be money, found a percentage.']);
    expect(check('rule R { for r in 表 assert r.合计 ?? 增长率 = 0 元 }')).toEqual(['SUAN3001 9:28 Operator ?? cannot be applied to money and a percentage.']);
    expect(check('rule R { for r in 表 assert (r.合计 ?? 0 元) = 0 元 and (r.比例 ?? 0) = 0 }')).toEqual([]);
  });

  it('when and where need conditions', () => {
    expect(check('rule R { when 收支总计 assert 1 = 1 }')).toEqual(['SUAN3009 9:15 The when condition should be a condition, found money (万元).']);
    expect(check('rule R { for r in 表 where r.合计 assert r.合计 >= 0 元 }')).toEqual(['SUAN3009 9:27 The where condition should be a condition, found money.']);
  });
});

describe('functions and aggregates', () => {
  it('round takes an integer constant for its decimals, and a known mode', () => {
    expect(check('rule R { assert round(收支总计, 2.5) = 收支总计 }')).toEqual([
      'SUAN3007 9:29 Argument 2 should be an integer constant (decimals), found a number. Usage: round(x, n) | round(x, n, "half-even")',
    ]);
    expect(check('rule R { assert round(收支总计, 分值) = 收支总计 }')).toEqual([
      'SUAN3007 9:29 Argument 2 should be an integer constant (decimals), found a number. Usage: round(x, n) | round(x, n, "half-even")',
    ]);
    expect(check('rule R { assert round(收支总计, 2, "banker") = 收支总计 }')).toEqual([
      'SUAN3007 9:32 Argument 3 should be a rounding mode half-up/half-even/half-down/down/up/floor/ceil, found text. Usage: round(x, n) | round(x, n, "half-even")',
    ]);
    for (const mode of ['half-up', 'half-even', 'half-down', 'down', 'up', 'floor', 'ceil']) {
      expect(check(`rule R { assert round(收支总计, 2, "${mode}") = 收支总计 }`)).toEqual([]);
    }
  });

  it('functions take their number of arguments', () => {
    expect(check('rule R { assert round(1) = 3 }')).toEqual(['SUAN3004 9:17 Function round takes 2–3 argument(s), got 1. Usage: round(x, n) | round(x, n, "half-even")']);
    expect(check('rule R { assert sum(1, 2) = 3 }')).toEqual([
      'SUAN3004 9:17 Function sum takes 1 argument(s), got 2. Usage: sum(x.列 for x in 表 where 条件) | sum(行集.列)',
    ]);
  });

  it('an aggregate runs over rows, and sums numbers', () => {
    expect(check('rule R { assert sum(x.合计 for x in 收支总计) = 收支总计 }')).toEqual([
      'SUAN3005 9:35 Expected a set of rows here (a table, children(row), …), found money (万元).',
    ]);
    expect(check('rule R { assert sum(x.名称 for x in 表) = 1 }')).toEqual(['SUAN3009 9:21 The elements of sum should be numbers, found text.']);
    expect(check('rule R { assert count(收支总计) = 1 }')).toEqual([
      'SUAN3007 9:23 Argument 1 should be rows or a list, found money (万元). Usage: count(x for x in 表 where 条件) | count(行集)',
    ]);
    expect(check('rule R { for r in 收支总计 assert 1 = 1 }')[0]).toBe('SUAN3005 9:19 Expected a set of rows here (a table, children(row), …), found money (万元).');
  });

  it('hierarchy functions need a table whose key is a hierarchy code', () => {
    expect(check('rule R { for r in 表 assert level(r) = 类 and parent(r).合计 >= 0 元 and key(r) = "1" and count(children(r)) >= 0 }')).toEqual([]);
    expect(check('rule R { for r in 表 assert level(r) = 3 }')).toEqual(['SUAN3002 9:28 Cannot compare a level of 功能分类 with a number.']);
  });
});

describe('rows and members', () => {
  it('a row is looked up by a text or code key, in a table that has a key', () => {
    expect(check('rule R { assert 表[1 万元].合计 = 0 元 }')).toEqual(['SUAN3009 9:19 The key should be text or a code, found money (万元).']);
    expect(check('rule R { assert 无键表["x"].金额 = 0 元 }')).toEqual([
      'SUAN2011 9:17 Table 无键表 declares no key column, so rows cannot be looked up by key. Add `key` to its declaration.',
    ]);
    expect(check('rule R { assert 收支总计["x"] = 0 元 }')).toEqual(['SUAN3005 9:17 Expected a set of rows here (a table, children(row), …), found money (万元).']);
    expect(check('rule R { assert 表["合计"].合计 = 0 元 and 表[201].合计 = 0 元 }')).toEqual([]);
  });

  it('only rows have columns; a column of all rows is a list', () => {
    expect(check('rule R { assert 收支总计.x = 1 }')).toEqual(['SUAN3006 9:17 Only a row has columns; this is money (万元).']);
    expect(check('rule R { assert 表.合计 = 1 }')).toEqual(['SUAN3002 9:17 Cannot compare a list of money with a number.']);
    expect(check('rule R { assert sum(表.合计) >= 0 元 and max(表.比例) <= 100% }')).toEqual([]);
  });
});
