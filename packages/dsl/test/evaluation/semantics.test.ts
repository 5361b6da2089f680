/**
 * Evaluation semantics (language.md §7) beyond the basics of interpreter.test.ts: when, nested
 * for, let, if, ??, three-valued and/or/not with missing facts, hierarchy navigation, rows by
 * key across tables, aggregates, exact unit conversion, division by zero and unreadable cells
 * as errors of one binding only.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../src/index';
import { outcomes, ruleset, run } from '../helpers';

const HEADER = `ruleset t { title "t" }
hierarchy 功能分类 { 类 3  款 5  项 7 }
table 表 {
  key 编码: code 功能分类
  名称: text
  合计: money
  甲: money
  乙: money
}
table 万表 { key 项目: text  金额: money 万元 }
fact 总额: money 万元
fact 总额元: money 元
fact 缺失: money 万元
fact 零: money 万元
fact 开关: bool
fact a: number
fact b: number
`;

const DATA = `suan: 1
document: { kind: 部门决算, year: "2021", currency_unit: 元 }
tables:
  表:
    unit: 元
    columns: [编码, 名称, 合计, 甲, 乙]
    rows:
      - ["合计", "", "300.00", "100.00", "200.00"]
      - ["201", "一般", "300.00", "100.00", "200.00"]
      - ["20101", "人大", "100.00", "50.00", "50.00"]
      - ["2010101", "行政", "100.00", "50.00", "50.00"]
      - ["20102", "政协", "200.00", "", "200.00"]
      - ["202", "外交", "", "", ""]
  万表:
    columns: [项目, 金额]
    rows:
      - ["合计", "1.2346"]
      - ["甲", "0.01"]
facts:
  总额: { value: "1.234567", unit: 万元 }
  总额元: "12345.67"
  零: { value: "0", unit: 万元 }
  开关: 否
  a: "0.125"
  b: "2.5"
`;

const go = (rules: string, data = DATA) => run(HEADER + rules, data, { detail: 'all' });
const keys = (r: DocumentResult, id: string) => r.rules.find((x) => x.id === id)!.findings.map((f) => f.bindings.map((b) => b.key).join('/'));
const finding = (r: DocumentResult, id: string, i = 0) => r.rules.find((x) => x.id === id)!.findings[i]!;

describe('bindings: for, where, nested for, let', () => {
  it('checks one binding per row, filtered by where', () => {
    const r = go('rule R { for r in 表 where level(r) = 款 assert r.合计 >= 0 元 }');
    expect(keys(r, 'R')).toEqual(['20101', '20102']);
    expect(outcomes(r, 'R')).toEqual(['pass', 'pass']);
  });

  it('nests for steps: every combination, each binding naming all its rows', () => {
    const r = go('rule N { for a in 表 where level(a) = 类 for b in children(a) assert b.合计 <= a.合计 }');
    expect(keys(r, 'N')).toEqual(['201/20101', '201/20102']);
    expect(finding(r, 'N').bindings.map((b) => [b.name, b.table, b.key])).toEqual([['a', '表', '201'], ['b', '表', '20101']]);
  });

  it('evaluates let per binding and shows its value in the explanation', () => {
    const r = run(`${HEADER}rule L { for r in 表 where level(r) = 款 let 和 = r.甲 + r.乙 let 上级 = parent(r) assert r.合计 = 和 + 1 元 and 上级.合计 >= r.合计 }`, DATA);
    const f = finding(r, 'L');
    expect(f.outcome).toBe('fail');
    expect(f.values.map((v) => `${v.name}=${v.value.text.en}`)).toEqual(['和=100.00 元', '上级=201']);
    expect(keys(r, 'L')).toEqual(['20101', '20102']);
  });

  it('a where filter that is not applicable drops the row', () => {
    const r = go('rule W { for r in 表 where r.甲 > 60 元 assert r.合计 >= 0 元 }');
    expect(keys(r, 'W')).toEqual(['合计', '201']);
  });
});

describe('when', () => {
  it('makes every binding not applicable when false, and gives the reason', () => {
    const r = go('rule W { when 开关 for r in 表 assert r.合计 >= 0 元 }');
    expect(outcomes(r, 'W')).toEqual(['na', 'na', 'na', 'na', 'na', 'na']);
    expect(finding(r, 'W').reason).toEqual({ zh: 'when 条件不成立', en: 'the `when` condition does not hold' });
  });

  it('is not applicable when its condition is, and lets the rule run when true', () => {
    expect(outcomes(go('rule W { when 缺失 > 0 万元 assert 总额 > 0 万元 }'), 'W')).toEqual(['na']);
    expect(outcomes(go('rule W { when not 开关 assert 总额 > 0 万元 }'), 'W')).toEqual(['pass']);
  });
});

describe('when with the bindings of its rule (language.md §5)', () => {
  it('sees for and let bindings, and makes the binding not applicable when false', () => {
    const rule = `rule JS10 "类 = Σ 款" en "类 equals the sum of its 款" {
  severity warning
  tolerance 0.01 万元
  for r in 表 where level(r) = 类
  let 下级 = sum(x.合计 for x in children(r))
  when present(r.合计) and present(下级)
  assert r.合计 ≈ 下级
  message "{r.编码}：{actual}，下级之和 {expected}，差额 {difference}" en "{r.编码}: {actual}, children {expected}, difference {difference}"
}`;
    const r = go(rule);
    expect(keys(r, 'JS10')).toEqual(['201', '202']);
    expect(outcomes(r, 'JS10')).toEqual(['pass', 'na']);
    expect(finding(r, 'JS10', 1).reason?.en).toBe('the `when` condition does not hold');
  });
});

describe('if and ??', () => {
  it('chooses a branch per binding', () => {
    const r = go('rule I { for r in 表 assert (if isblank(r.甲) then r.乙 else r.甲 + r.乙) = r.合计 }');
    expect(outcomes(r, 'I')).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'na']);
  });

  it('an if whose condition is not applicable is not applicable', () => {
    expect(outcomes(go('rule I { assert (if 缺失 > 0 万元 then 1 else 2) = 1 }'), 'I')).toEqual(['na']);
  });

  it('?? replaces a blank or missing value, and keeps a present one (0.00 included)', () => {
    const r = go('rule C { for r in 表 assert (r.甲 ?? 999 元) + r.乙 = r.合计 ?? 0 元 }');
    expect(outcomes(r, 'C')).toEqual(['pass', 'pass', 'pass', 'pass', 'fail', 'fail']);
    expect(outcomes(go('rule C2 { assert (缺失 ?? 总额) = 1.234567 万元 and (零 ?? 总额) = 0 万元 }'), 'C2')).toEqual(['pass']);
  });
});

describe('three-valued logic with missing facts', () => {
  it.each([
    ['NA and false = false', '缺失 > 0 万元 and 总额 > 2 万元', 'fail'],
    ['false and NA = false', '总额 > 2 万元 and 缺失 > 0 万元', 'fail'],
    ['NA and true = not applicable', '缺失 > 0 万元 and 总额 > 0 万元', 'na'],
    ['NA or true = true', '缺失 > 0 万元 or 总额 > 0 万元', 'pass'],
    ['true or NA = true', '总额 > 0 万元 or 缺失 > 0 万元', 'pass'],
    ['NA or false = not applicable', '缺失 > 0 万元 or 总额 > 2 万元', 'na'],
    ['not NA = not applicable', 'not (缺失 > 0 万元)', 'na'],
    ['anything computed from a missing value is missing', '缺失 + 1 万元 - 总额 × 0 = 1 万元', 'na'],
  ])('%s', (_what, assert, outcome) => {
    expect(outcomes(go(`rule T { assert ${assert} }`), 'T')).toEqual([outcome]);
  });

  it('says which fact is missing', () => {
    const f = finding(go('rule T { assert 缺失 > 0 万元 }'), 'T');
    expect(f.reason).toEqual({ zh: '缺失：文中未说明', en: '缺失: not stated in the document' });
  });
});

describe('hierarchy navigation', () => {
  it('level, parent and children follow the code lengths; the total row has no level', () => {
    const r = go(`rule 类 { for r in 表 where level(r) = 类 assert r.合计 >= 0 元 }
rule 项 { for r in 表 where level(r) = 功能分类.项 assert parent(r).编码 = "20101" and key(parent(parent(r))) = "201" }
rule 无 { for r in 表 where not (level(r) = 类 or level(r) = 款 or level(r) = 项) assert r.合计 >= 0 元 }
rule 下级 { for r in 表 where level(r) = 类 assert sum(children(r).合计) = r.合计 }`);
    expect(keys(r, '类')).toEqual(['201', '202']);
    expect(outcomes(r, '项')).toEqual(['pass']);
    expect(keys(r, '无')).toEqual(['合计']);
    expect(outcomes(r, '下级')).toEqual(['pass', 'na']);
  });

  it('levels are ordered from the top (类 < 款 < 项); a row outside the hierarchy has no order', () => {
    const r = go(`rule 下 { for r in 表 where level(r) >= 款 assert r.合计 >= 0 元 }
rule 上 { for r in 表 where level(r) < 款 assert r.合计 >= 0 元 }
rule 顶 { for r in 表 where level(r) >= 类 and isblank(parent(r)) assert r.合计 >= 0 元 }`);
    expect(keys(r, '下')).toEqual(keys(go('rule X { for r in 表 where level(r) = 款 or level(r) = 项 assert r.合计 >= 0 元 }'), 'X'));
    expect(keys(r, '上')).toEqual(['201', '202']); // not the 合计 row
    expect(keys(r, '顶')).toEqual(['201', '202']);
    // Ordered only within one hierarchy, and never against a number.
    expect(ruleset(`${HEADER}rule E { for r in 表 where level(r) >= 1 assert r.合计 >= 0 元 }`).program.diagnostics.map((d) => d.code)).toEqual(['SUAN3002']);
  });

  it('a row without a parent is not applicable with the reason', () => {
    const f = finding(go('rule P { for r in 表 where r.编码 = "201" assert parent(r).合计 >= 0 元 }'), 'P');
    expect([f.outcome, f.reason?.en]).toEqual(['na', '201: no parent row']);
  });
});

describe('rows by key, across tables', () => {
  it('looks a row up by its written key, text or number', () => {
    expect(outcomes(go('rule K { assert 表["201"].合计 = 300 元 and 表[201].合计 = 300 元 and 万表["甲"].金额 = 0.01 万元 }'), 'K')).toEqual(['pass']);
  });

  it('a key the table does not have is not applicable, naming the row', () => {
    const f = finding(go('rule K { assert 表["999"].合计 = 300 元 }'), 'K');
    expect([f.outcome, f.reason?.en, f.reason?.zh]).toEqual(['na', '表["999"]: no such row in the table', '表["999"]：表中没有这一行']);
  });

  it('a table the document does not have is not applicable', () => {
    const r = go('rule K { for r in 万表 assert r.金额 >= 0 万元 }', 'suan: 1\ndocument: { currency_unit: 元 }\n');
    expect(r.rules[0]!.counts).toMatchObject({ pass: 0, fail: 0, error: 0 });
    expect(outcomes(go('rule K { assert 万表["甲"].金额 >= 0 万元 }', 'suan: 1\n'), 'K')).toEqual(['na']);
  });
});

describe('aggregates', () => {
  it.each([
    ['sum over a filtered table', 'sum(x.合计 for x in 表 where level(x) = 类) = 300 元'],
    ['sum of a column of children', 'sum(children(表["201"]).合计) = 300 元'],
    ['sum skips blanks', 'sum(children(表["201"]).甲) = 50 元'],
    ['min over rows', 'min(x.甲 for x in 表) = 50 元'],
    ['max of a column', 'max(表.合计) = 300 元'],
    ['min and max of arguments', 'max(1, 2, 3) = 3 and min(总额, 1 万元) = 1 万元 and min(总额元, 总额) = 12345.67 元'],
    ['the sum of only blanks is blank', 'isblank(sum(x.甲 for x in 表 where x.编码 = "202"))'],
    ['the sum of no rows is blank', 'isblank(sum(x.甲 for x in 表 where x.编码 = "999"))'],
  ])('%s', (_what, assert) => {
    expect(outcomes(go(`rule S { assert ${assert} }`), 'S')).toEqual(['pass']);
  });
});

describe('count', () => {
  it.each([
    ['rows of a table with where', 'count(x for x in 表 where level(x) = 款) = 2'],
    ['rows of a table', 'count(x for x in 表) = 6'],
    ['children of a row', 'count(children(表["201"])) = 2'],
    ['non-blank values of a column', 'count(children(表["201"]).甲) = 1'],
    ['an exact count, compared with a plain number', 'count(表.合计) = 5 and count(表.合计) > 4.5'],
  ])('%s', (_what, assert) => {
    expect(outcomes(go(`rule C { assert ${assert} }`), 'C')).toEqual(['pass']);
  });
});

describe('the comparison that explains a failure', () => {
  it('is the assert’s own, not a comparison inside a where filter of an aggregate', () => {
    const r = run(`${HEADER}rule S { assert sum(x.合计 for x in 表 where level(x) = 类) = 301 元 }`, DATA);
    const f = finding(r, 'S');
    expect(f.outcome).toBe('fail');
    expect([f.comparison?.actual.exact, f.comparison?.expected.exact, f.comparison?.difference?.exact]).toEqual(['300', '301', '-1']);
  });
});

describe('units: exact conversion and comparison', () => {
  it.each([
    ['元 and 万元 compare exactly in the smaller unit', '总额 = 总额元'],
    ['as 万元 is exact', '总额元 as 万元 = 1.234567 万元'],
    ['as 元 is exact', '总额 as 元 = 12345.67 元'],
    ['a sum of mixed units is exact', '总额 + 总额元 = 24691.34 元'],
    ['亿元 and 千元', '1 亿元 = 100000 千元 and 1 千元 = 0.1 万元'],
    ['rounding in the converted unit', 'round(总额元 as 万元, 2) = 1.23 万元 and round(总额元, 0) = 12346 元'],
  ])('%s', (_what, assert) => {
    const r = go(`rule U { assert ${assert} }`);
    expect(r.rules[0]!.findings.map((f) => `${f.outcome} ${f.message.en}`)).toEqual([expect.stringMatching(/^pass /)]);
  });

  it('reports the difference exactly, in the smaller unit', () => {
    const f = finding(go('rule U { assert 总额 = 12345.68 元 }'), 'U');
    expect([f.outcome, f.comparison!.difference!.exact, f.comparison!.difference!.unit]).toEqual(['fail', '-0.01', '元']);
  });

  it('compares reported amounts in different units by their intervals', () => {
    // 1.2346 万元 stands for [12345.5, 12346.5] 元, which holds 12,345.67 元.
    expect(outcomes(go('rule U { assert 表["201"].合计 >= 0 元 and 总额元 ≈ 万表["合计"].金额 }'), 'U')).toEqual(['pass']);
    // A constant has no interval: 1.2346 万元 is exactly 12,346 元.
    expect(outcomes(go('rule U { assert 总额元 ≈ 1.2346 万元 }'), 'U')).toEqual(['fail']);
  });
});

describe('errors of one binding', () => {
  const data = `suan: 1
document: { currency_unit: 元 }
tables:
  表:
    columns: [编码, 名称, 合计, 甲, 乙]
    rows:
      - ["1", "", "12,345.67", "12,345.67", "0"]
      - ["2", "", "10.00", "0.00", "0.00"]
      - ["3", "", "5.00", "x", "1"]
      - ["4", "", "5.00", "1.00", "4.00"]
`;

  it('a division by zero is an error of that binding; the others go on', () => {
    const r = go('rule D { for r in 表 let q = r.合计 / r.乙 assert q >= 0 }\nrule E { for r in 表 assert r.合计 >= 0 元 }', data);
    expect(outcomes(r, 'D')).toEqual(['error', 'error', 'pass', 'pass']);
    const f = finding(r, 'D');
    expect([f.code, f.reason?.en]).toEqual(['SUAN4003', 'Division by zero: main.suan:18:29. Exclude this case with a `when` condition.']);
    expect(outcomes(r, 'E')).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(r.rules[0]!.counts).toMatchObject({ pass: 2, error: 2 });
  });

  it('a let that cannot be computed fails where it is used: a when that excludes the case makes the binding not applicable', () => {
    // The division by zero's own advice ("exclude this case with a `when` condition") works as written.
    const r = go('rule D { for r in 表 let q = r.合计 / r.乙 when r.乙 != 0 assert q >= 0 }', data);
    expect(outcomes(r, 'D')).toEqual(['na', 'na', 'pass', 'pass']);
    // Used by the when itself, or by the assert, the failure is the binding's error, with its place.
    const w = go('rule W { for r in 表 let q = r.合计 / r.乙 when q >= 0 assert r.合计 >= 0 元 }', data);
    expect(outcomes(w, 'W')).toEqual(['error', 'error', 'pass', 'pass']);
    expect(finding(w, 'W').reason?.en).toBe('Division by zero: main.suan:18:29. Exclude this case with a `when` condition.');
    // Not used by the check at all: no error; a failing binding shows it among its let values.
    const u = go('rule U { for r in 表 let q = r.合计 / r.乙 assert r.合计 <= 9 元 message "{r.编码}: {q}" }', data);
    expect(outcomes(u, 'U')).toEqual(['fail', 'fail', 'pass', 'pass']);
    expect(finding(u, 'U').message.en).toBe('1: ?');
    expect(finding(u, 'U').values).toEqual([{ name: 'q', value: { text: { zh: '除数为 0：main.suan:18:29', en: 'division by zero: main.suan:18:29' }, kind: 'other' } }]);
    // A nested for over rows that come from a failed let is an error of that binding.
    const n = go('rule N { for r in 表 let p = if r.乙 / r.乙 > 0 then r else r for k in children(p) assert k.合计 >= 0 元 }', data);
    expect(outcomes(n, 'N')).toEqual(['error', 'error']);
  });

  it('a row written with more or fewer cells than columns: its numbers are errors (SUAN4006) of the bindings that read them; its texts are read', () => {
    // Row 3 has a stray cell before 合计, row 2 lacks one, row 5 has only its key: read as written,
    // row 3 would compare a blank 合计 with 5.00 + 1.00, and row 2's 乙 would be blank.
    const misaligned = data
      .replace('["2", "", "10.00", "0.00", "0.00"]', '["2", "", "10.00", "0.00"]')
      .replace('["3", "", "5.00", "x", "1"]', '["3", "", "", "5.00", "1.00", "4.00"]')
      .replace('      - ["4", "", "5.00", "1.00", "4.00"]\n', '      - ["4", "", "5.00", "1.00", "4.00"]\n      - ["5"]\n');
    const r = go('rule R { for r in 表 assert r.合计 = r.甲 + r.乙 }\nrule K { for r in 表 assert r.编码 != "" }', misaligned);
    expect(outcomes(r, 'R')).toEqual(['pass', 'error', 'error', 'pass', 'error']);
    const reasons = [1, 2, 4].map((i) => [finding(r, 'R', i).code, finding(r, 'R', i).reason?.en, finding(r, 'R', i).reason?.zh]);
    expect(reasons).toEqual([
      ['SUAN4006', 'Cell 表[2].合计 cannot be read: its row has 4 cells for 5 columns, so which is which is unknown (SUAN5006). Correct the data.', '单元格 表[2].合计 无法读取：该行单元格数（4）与列数（5）不符，不知道哪个单元格属于哪一列（SUAN5006）。请修正数据。'],
      ['SUAN4006', 'Cell 表[3].合计 cannot be read: its row has 6 cells for 5 columns, so which is which is unknown (SUAN5006). Correct the data.', '单元格 表[3].合计 无法读取：该行单元格数（6）与列数（5）不符，不知道哪个单元格属于哪一列（SUAN5006）。请修正数据。'],
      ['SUAN4006', 'Cell 表[5].合计 cannot be read: its row has 1 cell for 5 columns, so which is which is unknown (SUAN5006). Correct the data.', '单元格 表[5].合计 无法读取：该行单元格数（1）与列数（5）不符，不知道哪个单元格属于哪一列（SUAN5006）。请修正数据。'],
    ]);
    // Texts are read as written: the key names the row, and rules on texts run.
    expect(outcomes(r, 'K')).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    // The loader says what is wrong once per row (SUAN5006); binding adds nothing per cell (no SUAN5005).
    expect(r.diagnostics).toEqual([]);
  });

  it('an unreadable cell is an error (SUAN4004) only of the bindings that read it, naming the cell', () => {
    const r = go('rule R { for r in 表 assert r.合计 = r.甲 + r.乙 }\nrule S { for r in 表 assert r.合计 >= r.乙 }', data);
    expect(outcomes(r, 'R')).toEqual(['pass', 'fail', 'error', 'pass']);
    const f = finding(r, 'R', 2);
    expect([f.code, f.reason?.en, f.reason?.zh]).toEqual([
      'SUAN4004', 'Cell 表[3].甲 holds "x", which is not an amount. Correct the data.', '单元格 表[3].甲 的内容 “x” 不是金额。请修正数据。',
    ]);
    expect(outcomes(r, 'S')).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.col}`)).toEqual(['SUAN5005 9:27']);
  });
});

describe('the trail of a finding', () => {
  it('lists every cell read with where it is written, and the comparison with intervals', () => {
    const r = run(`${HEADER}rule R { for r in 表 where r.编码 = "20101" assert r.合计 ≈ r.甲 + r.乙 + 1 元 }`, DATA);
    const f = finding(r, 'R');
    expect(f.reads.map((x) => `${x.kind} ${x.table}[${x.row}].${x.column} "${x.written}" @${x.span.line}:${x.span.col}`)).toEqual([
      'cell 表[20101].合计 "100.00" @10:25', 'cell 表[20101].甲 "50.00" @10:35', 'cell 表[20101].乙 "50.00" @10:44',
    ]);
    expect([f.comparison!.op, f.comparison!.actual.interval, f.comparison!.expected.interval, f.comparison!.distance!.exact]).toEqual([
      '≈', ['99.995', '100.005'], ['100.99', '101.01'], '0.985',
    ]);
    expect(f.bindings[0]!.span).toMatchObject({ line: 10, col: 10 }); // the key cell
  });
});

describe('rounding', () => {
  it('rounds half-up unless told, in every mode, for negative numbers too', () => {
    const r = go(`rule R { assert round(a, 2) = 0.13 and round(-a, 2) = -0.13 and round(a, 2, "half-even") = 0.12
  and round(b, 0, "half-even") = 2 and round(b, 0, "half-down") = 2 and round(b, 0, "down") = 2 and round(b, 0, "up") = 3
  and round(-b, 0, "floor") = -3 and round(-b, 0, "ceil") = -2 and round(-b, 0, "up") = -3 and round(-b, 0) = -3 }`);
    expect(outcomes(r, 'R')).toEqual(['pass']);
  });
});
