/**
 * The `scorecard` construct: parsing (soft keywords, every clause and method), syntax errors,
 * and the checker's diagnostics — missing clauses, unknown columns with "did you mean", band
 * gaps, overlaps and reversed ranges, grade scales, types, duplicate indicators and ids.
 */
import { describe, expect, it } from 'vitest';
import { formatMessage, parse, type AST } from '../../src/index';
import { cardText, problems, TABLE } from './harness';
import { ruleset } from '../helpers';

const DESIGN = `${TABLE}
fact 整体支出.等级: text
scorecard ZT01 "部门整体支出绩效自评" en "Department-wide performance self-evaluation" {
  doc "按评分标准计分" en "scored by the written criteria"
  table 评分表
  indicator 指标
  levels 一级
  weight 分值
  target 目标
  actual 实际
  reported 得分
  total 100
  reported total 合计.得分
  tolerance 0.01
  round 2
  grade 优 >= 90, 良 >= 80, 中 >= 60, 差 else
  reported grade 整体支出.等级
  severity error

  score 绩效目标合理性: full
  score 预算完成率: deduct 0.5 per 5% below 100% of actual
  score 公用经费控制率: deduct 0.1 per 1% above 100% of actual
  score 社会公众或服务对象满意度: bands of actual { >= 90%: 5, 80% to 90%: 3, 70% to 80%: 2, < 70%: 0 }
  score 经济效益: qualitative of actual { "已完成": 100%, "基本完成": 80%, "未完成": 0% }
  score 实际完成率: weight × 9 ÷ 10
  score "软件/硬件平台": threshold
  score 支付进度率: parts { 3: deduct 0.5 per 5% below 100% of actual steps ceil, 1: full if 季度达标 }
  score 执行率2: proportional of actual to target round 1 "half-even"
  extra 预算执行率 weight 10 reported 合计.得分: execution of 资金.执行数 / 资金.预算数
  score else: auto
}
`;

function scorecardOf(text: string): AST.Scorecard {
  return parse(text, 'x.suan').ast.items.find((i) => i.kind === 'Scorecard') as AST.Scorecard;
}

describe('scorecard syntax', () => {
  it('parses the design example with no diagnostics at all', () => {
    expect(problems(DESIGN)).toEqual([]);
  });

  it('builds every clause and method', () => {
    const sc = scorecardOf(DESIGN);
    expect(sc.id?.text).toBe('ZT01');
    expect([sc.table?.text, sc.indicator?.text, sc.weight?.text, sc.target?.text, sc.actual?.text, sc.reported?.text]).toEqual(['评分表', '指标', '分值', '目标', '实际', '得分']);
    expect(sc.levels.map((l) => l.text)).toEqual(['一级']);
    expect(sc.round?.places?.text).toBe('2');
    expect(sc.grade?.entries.map((e) => `${e.label?.text} ${e.cond.op}`)).toEqual(['优 >=', '良 >=', '中 >=', '差 else']);
    expect(sc.scores.map((s) => (s.isElse ? 'else' : s.indicator!.text))).toEqual([
      '绩效目标合理性', '预算完成率', '公用经费控制率', '社会公众或服务对象满意度', '经济效益', '实际完成率', '软件/硬件平台', '支付进度率', '执行率2', 'else',
    ]);
    expect(sc.scores.map((s) => s.method?.kind)).toEqual(['Full', 'Deduct', 'Deduct', 'Bands', 'Qualitative', 'Custom', 'Threshold', 'Parts', 'Proportional', 'Auto']);
    const deduct = sc.scores[2]!.method as AST.DeductMethod;
    expect([deduct.direction, deduct.steps]).toEqual(['above', 'floor']);
    const bands = sc.scores[3]!.method as AST.BandsMethod;
    expect(bands.entries.map((e) => e.cond.op)).toEqual(['>=', 'range', 'range', '<']);
    const parts = sc.scores[7]!.method as AST.PartsMethod;
    expect((parts.parts[0]!.method as AST.DeductMethod).steps).toBe('ceil');
    const prop = sc.scores[8]!.method as AST.ProportionalMethod;
    expect([prop.round?.places?.text, prop.round?.mode?.value]).toEqual(['1', 'half-even']);
    const ex = sc.extras[0]!;
    expect([ex.name?.text, ex.method?.kind]).toEqual(['预算执行率', 'Execution']);
    // The ratio is kept once, as the division it is written as (no node in two places).
    expect((ex.method as AST.ExecutionMethod).of).toMatchObject({ kind: 'Binary', op: '/', left: { kind: 'Member' }, right: { kind: 'Member' } });
    // Soft keywords are recorded for highlighting.
    expect(sc.keywords.length).toBeGreaterThan(25);
  });

  it('keeps its words ordinary names elsewhere: round(…), {actual}, a column named weight', () => {
    const text = `
table T { key 名称: text  weight: number  actual: number }
rule R "x" {
  for r in T
  let score = round(r.weight, 2)
  assert score = r.actual
  message "{r.名称} {actual} {expected}"
}
scorecard S { table T  indicator 名称  weight weight  reported actual  score else: full }`;
    expect(problems(text)).toEqual([]);
  });

  it('reports a misspelt clause word, saying which words may stand there', () => {
    const r = parse(cardText('score A: full', 'wieght 分值'), 'x.suan');
    expect(r.diagnostics).toHaveLength(1);
    const m = formatMessage(r.diagnostics[0]!, 'en');
    for (const w of ['`table`', '`indicator`', '`weight`', '`score`', 'found "wieght"']) expect(m).toContain(w);
    expect(formatMessage(r.diagnostics[0]!, 'zh-CN')).toContain('`weight`');
  });

  it('reports a deduct without `per`, and one without below/above', () => {
    expect(parse(cardText('score A: deduct 0.5 5% below 100%'), 'x.suan').diagnostics.map((d) => formatMessage(d, 'en'))[0]).toBe(
      'Syntax error: expected `per` here, found "5%".');
    expect(parse(cardText('score A: deduct 0.5 per 5% under 100%'), 'x.suan').diagnostics.map((d) => formatMessage(d, 'en'))[0]).toBe(
      'Syntax error: expected `below` or `above` here, found "under".');
  });

  it('a stray name at the top level is one syntax error at that name', () => {
    const ds = parse('scorecards X {}', 'x.suan').diagnostics;
    expect(ds.map((d) => [d.code, d.span.col])).toEqual([['SUAN1001', 1]]);
    expect(formatMessage(ds[0]!, 'en')).toContain('found "scorecards"');
  });
});

describe('scorecard checks', () => {
  it('names missing required clauses', () => {
    expect(problems('scorecard S { score else: auto }')).toEqual([
      'SUAN2018 Scorecard S has no `table`: name the table with one row per indicator, e.g. `table 整体绩效自评表`.',
      'SUAN2018 Scorecard S has no `indicator`: name the column holding the indicator names, e.g. `indicator 三级指标`.',
      'SUAN2018 Scorecard S has no `weight`: name the weight (分值) column, e.g. `weight 分值`.',
    ]);
  });

  it('suggests the column meant', () => {
    const text = `${TABLE}\nscorecard S { table 评分表  indicator 指标  weight 分值  reported 的分  score else: auto }`;
    expect(problems(text)).toEqual(['SUAN2004 Table 评分表 has no column "的分". Did you mean "得分"?']);
    expect(ruleset(text).program.diagnostics.find((d) => d.code === 'SUAN2004')!.suggestions).toEqual(['得分']);
    expect(problems(`scorecard S { table 评分 indicator a weight b score else: auto }\n${TABLE}`)[0]).toBe('SUAN2001 Unknown name "评分". Did you mean "评分表"?');
  });

  it('finds gaps, overlaps, reversed and unreachable bands before anything runs', () => {
    const gap = problems(cardText('score A: bands of actual { >= 90%: 5, 80% to 90%: 3, < 70%: 0 }'));
    expect(gap).toEqual(['SUAN2021 The bands do not cover [70%, 80%): a value there gets no score. Add a band, or an `else`.']);
    const overlap = problems(cardText('score A: bands of actual { >= 90%: 5, 70% to 85%: 3, 80% to 90%: 2, < 70%: 0 }'));
    expect(overlap).toEqual(['SUAN2022 "80% to 90%" overlaps the earlier "70% to 85%" on [80%, 85%); the first band that matches (in the order written) is used. Adjust the ranges.']);
    const reversed = problems(cardText('score A: bands of actual { 90% to 80%: 3, else: 0 }'));
    expect(reversed).toEqual(['SUAN2020 The range "90% to 80%" has a lower bound that is not below its upper bound. `a to b` means [a, b): write the smaller number first.']);
    const unreachable = problems(cardText('score A: bands of actual { >= 80%: 5, 85% to 90%: 3, else: 0 }'));
    expect(unreachable).toEqual(['SUAN2023 "85% to 90%" can never be used: the bands before it cover all its values. Remove or adjust it.']);
    expect(problems(cardText('score A: bands of actual { >= 90%: 5, >= 80%: 3, >= 70%: 2, else: 0 }'))).toEqual([]);
  });

  it('checks a grade scale the same way', () => {
    expect(problems(cardText('score else: auto', 'grade 优 >= 90, 良 80 to 85, 差 < 60'))).toEqual([
      'SUAN2021 The grades do not cover [60, 80): a value there gets no grade. Add a band, or an `else`.',
      'SUAN2021 The grades do not cover [85, 90): a value there gets no grade. Add a band, or an `else`.',
    ]);
  });

  it('checks types: a score is a number, execution takes a division, round takes decimals', () => {
    expect(problems(cardText('score A: "满分"'))).toEqual(['SUAN3009 A score expression should be a number (the score), found text.']);
    expect(problems(cardText('score A: execution of 资金.执行数'))).toEqual(['SUAN2024 `execution of` takes 执行数 / 预算数 (a division); this is 资金.执行数 (money (万元)).']);
    expect(problems(cardText('score A: full round 20'))).toEqual(['SUAN3013 `round` takes a number of decimals from 0 to 18, optionally a rounding mode (half-up/half-even/half-down/down/up/floor/ceil); found 20.']);
    expect(problems(cardText('score A: full round 2 "bankers"'))[0]).toContain('found "bankers"');
    expect(problems(cardText('score A: full if weight'))[0]).toContain('The condition of full if should be a condition');
  });

  it('reports an indicator scored twice, a repeated clause, a duplicate text, and an id shared with a rule', () => {
    expect(problems(cardText('score A: full\n  score A: auto'))[0]).toMatch(/^SUAN2019 Scorecard SC gives indicator "A" two scoring methods/);
    expect(problems(cardText('score A: full', 'round 2\n  round 1'))).toEqual(['SUAN2026 `round` can appear only once in a scorecard.']);
    expect(problems(cardText('score A: qualitative { "已完成": 5, "已完成": 4 }'))[0]).toMatch(/^SUAN2027/);
    expect(problems(`${cardText('score A: full')}\nrule SC { assert 1 = 1 message "x" }`)[0]).toMatch(/^SUAN2003 Rule id SC is used twice/);
  });

  it('warns about a scorecard with nothing to score', () => {
    expect(problems(cardText(''))).toEqual(['SUAN2025 Scorecard SC has no `score` entries, so no indicator can be scored. Add `score else: auto` (scores by the parsed target).']);
  });

  it('can be overridden from an extending ruleset like a rule', () => {
    const base = cardText('score else: auto');
    const city = `extends "base.suan" { override SC severity warning tolerance 0.05 }`;
    const rs = ruleset(city, { 'base.suan': base });
    expect(rs.program.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const sc = rs.program.scorecards[0]!;
    expect([sc.severity, sc.overrides.length]).toEqual(['warning', 1]);
    expect(rs.compiled!.scorecards[0]!.tolerance).toBe(5n * 10n ** 16n);
  });
});
