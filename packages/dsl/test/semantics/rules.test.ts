/**
 * Rules and declarations as a whole: `within` and tolerances, clauses written twice, assert vs
 * rollup, roll-up requirements, hierarchy levels, keys, constants, precision, the header, and
 * the program model the interpreter and the editor read (info, rules with severity/tolerance).
 */
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/index';
import { messages, ruleset } from '../helpers';

/** Six lines of declarations; the line under test is line 7. */
const H = `ruleset t { title "t" }
hierarchy 功能分类 { 类 3  款 5  项 7 }
table 表 { key 科目编码: code 功能分类  合计: money  甲: money  名称: text }
table 无键表 { 金额: money }
table 文本键表 { key 编号: text  金额: money }
fact 收支总计: money 万元
`;
const check = (rule: string) => messages(ruleset(H + rule).program.diagnostics);

describe('within and tolerances', () => {
  it('within follows only = or ≈', () => {
    expect(check('rule R { assert 收支总计 < 1 万元 within 0.01 万元 }')).toEqual(['SUAN3008 7:36 `within` can only follow an = or ≈ comparison.']);
    expect(check('rule R { assert 收支总计 = 1 万元 within 0.01 万元 and 收支总计 ≈ 1 万元 within 0 万元 }')).toEqual([]);
  });

  it('a tolerance is a constant: literals and top-level constants, not data', () => {
    expect(check('let 尾差 = 0.01 万元\nrule R { tolerance 尾差 × 2 assert 收支总计 ≈ 1 万元 within 尾差 }')).toEqual([]);
    expect(check('rule R { tolerance 收支总计 assert 收支总计 = 1 万元 }').map((m) => m.slice(0, 14))).toEqual(['SUAN3011 7:20 ']);
    expect(check('rule R { for r in 表 assert r.合计 ≈ r.甲 within r.甲 }').map((m) => m.slice(0, 14))).toEqual(['SUAN3011 7:46 ']);
    expect(check('rule R { rollup 表 columns 合计 within 收支总计 }').map((m) => m.slice(0, 14))).toEqual(['SUAN3011 7:37 ']);
  });
});

describe('rule structure', () => {
  it('each clause is written once', () => {
    expect(check('rule R { assert 1 = 1 assert 2 = 2 when true when false }')).toEqual([
      'SUAN2017 7:23 `assert` can appear only once in a rule. Join conditions with `and`, or split the rule.',
      'SUAN2017 7:46 `when` can appear only once in a rule. Join conditions with `and`, or split the rule.',
    ]);
    expect(check('rule R { severity warning severity info message "a" message "b" doc "x" doc "y" tolerance 1 tolerance 2 title "a" title "b" assert 1 = 1 }')
      .map((m) => m.split(' ').slice(0, 3).join(' '))).toEqual(['SUAN2017 7:27 `severity`', 'SUAN2017 7:53 `message`', 'SUAN2017 7:73 `doc`', 'SUAN2017 7:93 `tolerance`', 'SUAN2017 7:115 `title`']);
  });

  it('a rule checks exactly one thing: an assert or a roll-up', () => {
    expect(check('rule R { assert 1 = 1 rollup 表 columns 合计 }')).toEqual(['SUAN2010 7:23 Rule R has both `assert` and `rollup`. A rule checks one thing: split it in two.']);
    expect(check('rule R { }')).toEqual(['SUAN2009 7:6 Rule R has no `assert` or `rollup`: say what it checks.']);
  });

  it('a roll-up needs a key that is a hierarchy code (or a hierarchy given with by), and numeric columns', () => {
    expect(check('rule R { rollup 无键表 columns 金额 }')).toEqual([
      'SUAN2011 7:17 Table 无键表 declares no key column, so rows cannot be looked up by key. Add `key` to its declaration.',
    ]);
    expect(check('rule R { rollup 文本键表 columns 金额 }')[0]!.startsWith('SUAN2012 7:17 The key of table 文本键表 is not a hierarchy code, so it cannot roll up.')).toBe(true);
    expect(check('rule R { rollup 文本键表 by 功能分类 columns 金额 }')).toEqual([]);
    expect(check('rule R { rollup 表 columns 名称, 合计 }')).toEqual(['SUAN3009 7:27 Column 名称 should be a numeric column, found text.']);
    expect(check('rule R { rollup 表 columns 合计, 甲 total "合计" within 0.01 元 }')).toEqual([]);
  });
});

describe('declarations', () => {
  it('hierarchy levels have increasing code lengths', () => {
    expect(check('hierarchy H2 { a 5 b 3 }')).toEqual(['SUAN2013 7:20 Levels of hierarchy H2 must have increasing code lengths (b 3).']);
    expect(check('hierarchy H2 { a 3 b 3 c 2.5 }')).toEqual([
      'SUAN2013 7:20 Levels of hierarchy H2 must have increasing code lengths (b 3).',
      'SUAN2013 7:24 Levels of hierarchy H2 must have increasing code lengths (c 2.5).',
    ]);
  });

  it('a table has at most one key', () => {
    expect(check('table T2 { key a: text key b: text key c: text }')).toEqual(['SUAN2014 7:28 Table T2 has 3 key columns; it can have only one.']);
  });

  it('a top-level let is a constant', () => {
    expect(check('let k = 收支总计\nrule R { assert k = 1 万元 }')).toEqual([
      'SUAN3009 7:9 The value of a top-level let should be a constant, found an expression that depends on the data.',
    ]);
    expect(check('let k = 1 + 2 × 3\nlet j = round(k / 3, 2)\nrule R { assert k = j }')).toEqual([]);
  });

  it('a precision is a power of ten', () => {
    const pre = 'ruleset t { title "t" }\nprecision facts 0.05 万元\nprecision table 0.001\nprecision facts 0.01%\n';
    expect(messages(ruleset(`${pre}fact f: money precision 0.02\nfact g: percent precision 0.5%\nfact h: percent precision 1%\nrule R { assert f >= 0 元 and g = h }`).program.diagnostics)).toEqual([
      'SUAN3012 2:17 A precision must be a power of ten such as 0.01 or 0.1%; found 0.05.',
      'SUAN3012 5:25 A precision must be a power of ten such as 0.01 or 0.1%; found 0.02.',
      'SUAN3012 6:27 A precision must be a power of ten such as 0.01 or 0.1%; found 0.5%.',
    ]);
  });

  it('warns when ≈ compares two exact values', () => {
    expect(check('rule R { assert 1 万元 ≈ 10000 元 and 收支总计 ≈ 1 万元 }')).toEqual([
      'SUAN3010 7:17 ≈ compares two exact values (no written precision), so it is the same as =. Add `within` for a tolerance.',
    ]);
  });

  it('warns at the top of the entry file when the ruleset has no header', () => {
    const rs = ruleset('rule R { assert 1 = 1 }');
    expect(messages(rs.program.diagnostics)).toEqual(['SUAN0007 1:1 The ruleset has no header (id, title, version). Add a `ruleset` block at the top of the file.']);
    expect(rs.program.diagnostics[0]!.severity).toBe('warning');
    expect(rs.compiled).toBeDefined();
  });
});

describe('the program model', () => {
  const rs = ruleset(`ruleset a.b {
  title "标题" en "Title"
  version "1.0"
  issuer "发布机关"
  kind 部门决算, 单位决算
  years 2021 to 2025
  licence "CC-BY-4.0"
  description "说明"
}
rule R { severity info tolerance 0.01 万元 assert 1 元 = 1 元 }
rule S { assert 1 = 1 }`);

  it('collects the header', () => {
    const i = rs.program.info;
    expect([i.id, i.version, i.licence, i.kinds, i.years]).toEqual(['a.b', '1.0', 'CC-BY-4.0', ['部门决算', '单位决算'], { from: 2021, to: 2025 }]);
    expect(i.title?.variants.map((v) => v.value)).toEqual(['标题', 'Title']);
    expect([i.issuer?.variants[0]?.value, i.description?.variants[0]?.value, i.span?.line]).toEqual(['发布机关', '说明', 1]);
  });

  it('lists the rules in order with their severity (error by default) and tolerance', () => {
    expect(rs.program.rules.map((r) => [r.id, r.severity, r.tolerance?.kind, r.disabled, r.layer])).toEqual([
      ['R', 'info', 'Money', false, 0],
      ['S', 'error', undefined, false, 0],
    ]);
    expect(rs.program.diagnostics).toEqual([]);
  });

  it('renders every diagnostic in both languages', () => {
    const bad = ruleset(`${H}rule R { assert 收支总计 > 100 and 未知 = 1 }`).program.diagnostics;
    expect(bad.length).toBe(2);
    for (const d of bad) {
      expect(formatMessage(d, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(formatMessage(d, 'en')).not.toMatch(/[，。“”]/);
    }
  });
});
