/**
 * Name resolution: unknown names with "did you mean" (tables, columns, facts, grouped facts,
 * functions, hierarchies, hierarchy levels), duplicate declarations, and unused bindings.
 * Every expectation is the exact diagnostic (code, line:col, English message) and, for
 * suggestions, the quick-fix replacements the editor offers.
 */
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/index';
import { messages, ruleset } from '../helpers';

/** Five lines of declarations; the line under test is line 6. */
const H = `ruleset t { title "t" }
hierarchy 功能分类 { 类 3  款 5  项 7 }
table 支出决算表 { key 科目编码: code 功能分类  本年支出合计: money  基本支出: money  项目支出: money }
fact 收支总计: money 万元
facts 三公经费 { 合计: money 万元  公务接待费: money 万元 }
`;

function diags(line: string) {
  return ruleset(H + line).program.diagnostics;
}
const check = (line: string) => messages(diags(line));

describe('unknown names, with did you mean', () => {
  it('a table', () => {
    const ds = diags('rule R { for r in 支出决算 assert r.本年支出合计 >= 0 元 }');
    expect(messages(ds)).toEqual(['SUAN2001 6:19 Unknown name "支出决算". Did you mean "支出决算表"?']);
    expect(ds[0]!.suggestions).toEqual(['支出决算表']);
    expect(formatMessage(ds[0]!, 'zh-CN')).toBe('未知的名称 “支出决算”。是否想写 “支出决算表”？');
  });

  it('a column, naming the table', () => {
    const ds = diags('rule R { for r in 支出决算表 assert r.本年支出 >= r.基本支出 }');
    expect(messages(ds)).toEqual(['SUAN2004 6:34 Table 支出决算表 has no column "本年支出". Did you mean "本年支出合计", "基本支出", "项目支出"?']);
    expect(ds[0]!.suggestions).toEqual(['本年支出合计', '基本支出', '项目支出']); // closest first
  });

  it('a column of a list of rows (children)', () => {
    expect(check('rule R { for r in 支出决算表 assert sum(children(r).基本支) >= 0 元 }')).toEqual([
      'SUAN2004 6:48 Table 支出决算表 has no column "基本支". Did you mean "基本支出"?',
    ]);
  });

  it('a fact', () => {
    expect(check('rule R { assert 收支总 >= 0 万元 }')).toEqual(['SUAN2001 6:17 Unknown name "收支总". Did you mean "收支总计"?']);
  });

  it('a member of a group of facts, suggesting the group’s own members', () => {
    const ds = diags('rule R { assert 三公经费.公务接待 >= 0 万元 }');
    expect(messages(ds)).toEqual(['SUAN2001 6:22 Unknown name "公务接待". Did you mean "公务接待费"?']);
    expect(ds[0]!.suggestions).toEqual(['公务接待费']);
  });

  it('a function, in a call and in an aggregate', () => {
    expect(check('rule R { assert rond(收支总计, 2) >= 0 万元 }')).toEqual(['SUAN2007 6:17 Unknown function "rond". Did you mean "round"?']);
    expect(check('rule R { assert summ(x.基本支出 for x in 支出决算表) >= 0 元 }')).toEqual(['SUAN2007 6:17 Unknown function "summ". Did you mean "sum"?']);
  });

  it('a hierarchy level, bare or qualified, naming the hierarchy', () => {
    expect(check('rule R { for r in 支出决算表 where level(r) = 项目 assert r.本年支出合计 >= 0 元 }')).toEqual([
      'SUAN2008 6:42 Hierarchy 功能分类 has no level "项目". Did you mean "项"?',
    ]);
    expect(check('rule R { for r in 支出决算表 where level(r) = 功能分类.项目 assert r.本年支出合计 >= 0 元 }')).toEqual([
      'SUAN2008 6:47 Hierarchy 功能分类 has no level "项目". Did you mean "项"?',
    ]);
  });

  it('the hierarchy of a code column, and the table, hierarchy and columns of a roll-up', () => {
    expect(check('table 表二 { key 编码: code 功能分粪  金额: money }')).toEqual(['SUAN2001 6:25 Unknown name "功能分粪". Did you mean "功能分类"?']);
    expect(check('rule R { rollup 支出决算 columns 本年支出合计 }')).toEqual(['SUAN2001 6:17 Unknown name "支出决算". Did you mean "支出决算表"?']);
    expect(check('rule R { rollup 支出决算表 by 功能分 columns 本年支出合计 }')).toEqual(['SUAN2001 6:26 Unknown name "功能分". Did you mean "功能分类"?']);
    expect(check('rule R { rollup 支出决算表 columns 本年支出合计, 项目支 }')).toEqual([
      'SUAN2004 6:39 Table 支出决算表 has no column "项目支". Did you mean "项目支出"?',
    ]);
  });

  it('suggests names bound in the rule too', () => {
    expect(check('rule R { for 当前行 in 支出决算表 assert 当前 .本年支出合计 >= 0 元 }')[0]).toBe('SUAN2001 6:34 Unknown name "当前". Did you mean "当前行"?');
  });

  it('offers nothing when no name is close, and says just what is unknown', () => {
    const ds = diags('rule R { assert 完全无关的名字 >= 0 万元 }');
    expect(messages(ds)).toEqual(['SUAN2001 6:17 Unknown name "完全无关的名字".']);
    expect(formatMessage(ds[0]!, 'zh-CN')).toBe('未知的名称 “完全无关的名字”。');
    expect(ds[0]!.suggestions).toEqual([]);
  });

  it('says what a hierarchy or a function name is when used as a value, and what to write', () => {
    expect(check('rule R { assert 功能分类 = 1 }')).toEqual(['SUAN2016 6:17 "功能分类" is a hierarchy and cannot be used here. For a level write 功能分类.类.']);
    expect(check('rule R { assert sum >= 1 }')).toEqual([
      'SUAN2016 6:17 "sum" is a function and cannot be used here. Write sum(x.列 for x in 表 where 条件) | sum(行集.列).',
    ]);
  });
});

describe('duplicates', () => {
  it('a table declared twice, pointing at the first', () => {
    expect(check('table 支出决算表 { 金额: money }')).toEqual([
      'SUAN2002 6:7 "支出决算表" is declared twice (first at /virtual/main.suan:3:7). Rename or remove one.',
    ]);
  });

  it('a fact declared twice, also inside a group', () => {
    expect(check('fact 收支总计: money 万元\nfact 三公经费.合计: money 万元')).toEqual([
      'SUAN2002 6:6 "收支总计" is declared twice (first at /virtual/main.suan:4:6). Rename or remove one.',
      'SUAN2002 7:6 "三公经费.合计" is declared twice (first at /virtual/main.suan:5:14). Rename or remove one.',
    ]);
  });

  it('a column of a table, and a level of a hierarchy', () => {
    expect(check('table 表二 { 金额: money\n  金额: number }\nhierarchy 经济分类 { 类 3 类 5 }')).toEqual([
      'SUAN2002 8:22 "类" is declared twice (first at /virtual/main.suan:8:18). Rename or remove one.',
      'SUAN2002 7:3 "金额" is declared twice (first at /virtual/main.suan:6:12). Rename or remove one.',
    ]);
  });

  it('a rule id within a file', () => {
    expect(check('rule R { assert 1 = 1 }\nrule R { assert 2 = 2 }')).toEqual([
      'SUAN2003 7:6 Rule id R is used twice (first at /virtual/main.suan:6:6). Rule ids must be unique.',
    ]);
  });

  it('a rule id across the files of a ruleset', () => {
    const rs = ruleset(`${H}import "more.suan"\nrule R { assert 1 = 1 }`, { 'more.suan': 'rule S { assert 1 = 1 }\nrule R { assert 2 = 2 }' });
    expect(messages(rs.program.diagnostics)).toEqual([
      'SUAN2003 2:6 Rule id R is used twice (first at /virtual/main.suan:7:6). Rule ids must be unique.',
    ]);
    expect(rs.program.diagnostics[0]!.span.file).toBe('/virtual/more.suan');
  });

  it('a table declared in two files', () => {
    const rs = ruleset(`${H}import "more.suan"`, { 'more.suan': 'table 支出决算表 { 金额: money }' });
    expect(messages(rs.program.diagnostics)).toEqual([
      'SUAN2002 1:7 "支出决算表" is declared twice (first at /virtual/main.suan:3:7). Rename or remove one.',
    ]);
  });
});

describe('unused bindings', () => {
  it('warns about a let, a for variable and an aggregate variable that are never used, marked unnecessary', () => {
    const ds = diags('rule R { for r in 支出决算表 for q in 支出决算表 let 差 = r.基本支出 assert r.本年支出合计 >= 0 元 and sum(1 for x in 支出决算表) >= 0 }');
    expect(messages(ds)).toEqual([
      'SUAN2006 6:29 "q" is defined but never used. Use it or remove it.',
      'SUAN2006 6:44 "差" is defined but never used. Use it or remove it.',
      'SUAN2006 6:92 "x" is defined but never used. Use it or remove it.',
    ]);
    expect(ds.every((d) => d.severity === 'warning' && d.unnecessary === true)).toBe(true);
    expect(formatMessage(ds[0]!, 'zh-CN')).toBe('“q” 已定义但未使用。请使用它或删除它。');
  });

  it('warns about an unused top-level constant', () => {
    const ds = diags('let 尾差 = 0.01 万元\nlet 用到 = 1\nrule R { assert 用到 = 1 }');
    expect(messages(ds)).toEqual(['SUAN2006 6:5 "尾差" is defined but never used. Use it or remove it.']);
    expect(ds[0]!.unnecessary).toBe(true);
  });

  it('counts a use in a where filter, a let, a message or a tolerance', () => {
    expect(check('let 尾差 = 0.01 万元\nrule R { tolerance 尾差 for r in 支出决算表 where r.基本支出 >= 0 元 let a = r.基本支出 let b = a assert r.本年支出合计 ≈ r.项目支出 message "{b}" }')).toEqual([]);
  });

  it('does not warn about constants of a ruleset this one extends', () => {
    const rs = ruleset(`${H}extends "base.suan"\nrule R { assert 1 = 1 }`, { 'base.suan': 'ruleset base { title "b" }\nlet 基础常量 = 1\nrule B { for r in 支出决算表 assert 1 = 1 }' });
    expect(messages(rs.program.diagnostics)).toEqual([]);
  });
});
