/**
 * What a scorecard produces: the ScorecardResult (indicators, level subtotals, Σ weights, total,
 * grade), the rule result every report and the language server read, data diagnostics with
 * "did you mean", and the text table of `suan check`.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingPlace } from '../../src/reporting/reporter';
import { renderScorecardText } from '../../src/reporting/scorecard-text';
import { run } from '../helpers';
import { cardText, dataText, score, type Row } from './harness';

const ROWS: Row[] = [
  ['预算完成率', '5', '100%', '92%', '4.5', '过程'],
  ['办结时限', '5', '≤60 工作日', '70 工作日', '5', '过程'],
  ['满意度', '90', '≥90%', '95%', '90', '效果'],
];
const LINES = `
  score 预算完成率: deduct 0.5 per 5% below 100% of actual
  score 办结时限: threshold
  score else: auto`;
const CLAUSES = `
  total 100
  reported total 合计.得分
  grade 优 >= 90, 良 >= 80, 中 >= 60, 差 else
  reported grade 等级`;

describe('the scorecard result', () => {
  const { doc, sc } = score(LINES, ROWS, { clauses: CLAUSES, facts: { '合计.得分': '"99.5"', 等级: '优' } });

  it('lists every indicator with its weight, target and actual as written and parsed, method, score and outcome', () => {
    const i = sc.indicators[1]!;
    expect(i).toMatchObject({
      name: '办结时限', levels: ['过程'], row: 2, weight: { written: '5', exact: '5' },
      target: { written: '≤60 工作日', parsed: { kind: 'numeric', op: '<=', value: '60', unit: '工作日', normalized: '60', text: { zh: '≤ 60 工作日' } } },
      actual: { written: '70 工作日', parsed: { kind: 'numeric', op: '=' } },
      method: { kind: 'threshold', text: 'threshold' }, computed: '0', reported: { written: '5', exact: '5' }, difference: '5', outcome: 'fail',
    });
    expect(i.reads.map((r) => r.column)).toEqual(['指标', '分值', '目标', '实际', '得分']);
    expect(i.span!.line).toBeGreaterThan(0);
    expect(sc.indicators[2]!.method).toMatchObject({ kind: 'auto', chosen: 'proportional' });
    expect(sc.counts).toMatchObject({ pass: 2, fail: 1 });
  });

  it('adds up weights, scores and reported scores per level', () => {
    expect(sc.levels).toEqual([
      { depth: 1, path: ['过程'], indicators: 2, weight: '10', computed: '4.5', reported: '9.5' },
      { depth: 1, path: ['效果'], indicators: 1, weight: '90', computed: '90', reported: '90' },
    ]);
    expect(sc.weights).toEqual({ sum: '100', declared: '100', outcome: 'pass' });
  });

  it('disputes the total the methods do not give, and computes the grade', () => {
    expect(sc.total).toMatchObject({ computed: '94.5', reported: { written: '99.5', exact: '99.5' }, reportedSum: '99.5', difference: '5', outcome: 'fail' });
    expect(sc.total.reason!.zh).toBe('按评分方法计算的总分为 94.50，自评总分 99.5，差额 5');
    expect(sc.grade).toMatchObject({ computed: ['优'], reported: '优', outcome: 'pass' });
  });

  it('is also a rule result whose findings are the disputed indicator and the total', () => {
    const rule = doc.rules.find((r) => r.id === 'SC')!;
    expect(rule.kind).toBe('scorecard');
    expect(rule.findings.map((f) => `${f.outcome} ${f.bindings[0]!.key}`)).toEqual(['fail 办结时限', 'fail 总分']);
    expect(rule.counts).toMatchObject({ pass: 4, fail: 2 }); // 2 indicators, Σ weights, grade · 1 indicator, total
    expect(doc.counts.fail).toBe(2);
  });

  it('places the disputed total at the data it was read from, with its numbers, as every report does (not at the ruleset)', () => {
    const total = doc.rules.find((r) => r.id === 'SC')!.findings.find((f) => f.bindings[0]!.key === '总分')!;
    const place = findingPlace(total)!;
    expect([path.basename(place.file), place.line]).toEqual(['data.yaml', 11]); // facts: 合计.得分: "99.5"
    expect(total.reads.map((r) => `${r.kind} ${r.fact} ${r.written}`)).toEqual(['fact 合计.得分 99.5']);
    expect(total.comparison).toMatchObject({ op: '=', actual: { exact: '99.5' }, expected: { exact: '94.5', text: { zh: '94.50' } }, difference: { exact: '5' } });
    expect(total.values.map((v) => `${v.name} ${v.value.exact}`)).toEqual(['自评总分 99.5', '计算总分 94.5']);
  });

  it('renders as a table followed by the trail of the disputed row', () => {
    const text = renderScorecardText(sc, { lang: 'zh-CN', verbose: false }, (_c, s) => s).join('\n');
    expect(text).toContain('✗ SC 测试评分表  2 一致 · 1 有争议');
    expect(text).toMatch(/指标\s+│ 分值\s+│ 目标\s+│ 实际\s+│ 计算得分\s+│ 自评得分 │ 差额/);
    expect(text).toMatch(/办结时限\s+│ 5\s+│ ≤60 工作日\s+│ 70 工作日\s+│ 0\.00\s+│ 5\s+│ 5\.00\s+│ ✗/);
    expect(text).toMatch(/合计\s+│ 100\s+│\s+│\s+│ 94\.50\s+│ 99\.5/);
    expect(text).toContain('计算过程');
    expect(text).toContain('实际 70 工作日 ≤ 目标 60 工作日？否 → 未达成');
    expect(text).not.toContain('预算完成率  deduct');
    const en = renderScorecardText(sc, { lang: 'en', verbose: true }, (_c, s) => s).join('\n');
    expect(en).toContain('How the scores were computed');
    expect(en).toContain('预算完成率  deduct 0.5 per 5% below 100% of actual');
  });
});

describe('a scorecard stopped by its evaluation budget', () => {
  // A verifying tester: it showed "✓ … 0 agree", its total "without weights", and no place.
  it('is an error alone: nothing scored, no total, shown stopped with the message and its place', () => {
    const doc = run(cardText(LINES, CLAUSES), dataText(ROWS, { '合计.得分': '"99.5"', 等级: '优' }), { maxSteps: 2 });
    const sc = doc.scorecards![0]!;
    expect(sc.counts).toMatchObject({ pass: 0, fail: 0, error: 1 });
    expect(sc.indicators).toEqual([]);
    expect(sc.total.reason!.en).toBe('scoring was stopped at its evaluation budget: no total is computed');
    const rule = doc.rules.find((r) => r.id === 'SC')!;
    expect([rule.error!.code, rule.counts, rule.findings]).toEqual(['SUAN4001', { pass: 0, fail: 0, coarse: 0, na: 0, error: 1 }, []]);
    const lines = renderScorecardText(sc, { lang: 'en', verbose: false }, (_c, t) => t);
    expect(lines[0]).toBe('  ✗ SC Test scorecard  stopped');
  });
});

describe('grades, weights and names', () => {
  it('a reported grade that the total does not give is disputed', () => {
    const { sc, doc } = score('score else: auto', [['A', '100', '≥100', '85', '85']], { clauses: 'grade 优 >= 90, 良 >= 80, 中 >= 60, 差 else\n  reported grade 等级', facts: { 等级: '优' } });
    expect(sc.grade).toMatchObject({ computed: ['良'], reported: '优', outcome: 'fail' });
    expect(sc.grade!.reason!.zh).toBe('按总分 85.00 应评为“良”，自评等级为“优”');
    const grade = doc.rules[0]!.findings.find((f) => f.bindings[0]!.key === '等级')!;
    expect([path.basename(findingPlace(grade)!.file), findingPlace(grade)!.line]).toEqual(['data.yaml', 9]); // facts: 等级: 优
    expect(grade.reads.map((r) => `${r.fact} ${r.written}`)).toEqual(['等级 优']);
    expect(grade.comparison).toMatchObject({ op: '=', actual: { text: { zh: '优' } }, expected: { text: { zh: '良', en: '良' } } });
  });

  it('weights that do not add up to the declared total are disputed, at the table in the data', () => {
    const { sc, doc } = score('score else: full', [['A', '60', '', '', '60'], ['B', '30', '', '', '30']], { clauses: 'total 100' });
    expect(sc.weights).toMatchObject({ sum: '90', declared: '100', outcome: 'fail' });
    expect(doc.rules[0]!.findings.map((f) => f.message.zh)).toEqual(['各指标分值合计 90，应为 100']);
    const place = findingPlace(doc.rules[0]!.findings[0]!)!;
    expect([path.basename(place.file), place.line]).toEqual(['data.yaml', 5]);
    expect(doc.rules[0]!.findings[0]!.comparison).toMatchObject({ op: '=', actual: { exact: '90' }, expected: { exact: '100' }, difference: { exact: '-10' } }); // the table 评分表 (its value starts with columns:)
  });

  it('a method written for an indicator the table does not have is a note with "did you mean"', () => {
    const { doc, sc } = score('score 预算完成律: full\n  score else: full', [['预算完成率', '5', '', '', '5']]);
    const d = doc.diagnostics.find((x) => x.code === 'SUAN5016')!;
    expect(d.suggestions).toEqual(['预算完成率']);
    expect(sc.notes[0]!.zh).toContain('表中有 “预算完成率”');
  });

  it('matches indicator names ignoring spaces and punctuation', () => {
    const { sc } = score('score 低保特困人员医疗救助资金: full', [['低保、特困人员 医疗救助资金', '5', '', '', '5']]);
    expect(sc.indicators[0]!.method.kind).toBe('full');
  });

  it('skips rows the where clause leaves out, and says when the table is empty or absent', () => {
    const { sc } = score('score else: full', [['A', '5', '', '', '5'], ['', '', '', '', '']], { clauses: 'where present(row.指标)' });
    expect(sc.indicators.map((i) => i.name)).toEqual(['A']);
    const empty = run(cardText('score else: full'), dataText([]).replace('    columns:', '    empty: true\n    columns:'));
    expect(empty.scorecards![0]!.notes[0]!.zh).toContain('印为空表');
    const none = run(cardText('score else: full'), 'suan: 1\ndocument: { kind: 绩效自评, year: 2021 }\ntables: {}');
    expect(none.scorecards![0]!.notes[0]!.zh).toContain('数据中没有表 评分表');
    expect(none.rules[0]!.notApplicable!.zh).toContain('数据中没有表');
  });

  it('an unreadable weight cell is an error of that indicator, not of the document', () => {
    const doc = run(cardText('score else: full'), dataText([['A', '五分', '', '', '5']]).replace('document:', 'document:'));
    const i = doc.scorecards![0]!.indicators[0]!;
    expect([i.outcome, i.code]).toEqual(['error', 'SUAN4004']);
    // Named as the interpreter names an unreadable cell (before, the message began with a blank: no "Cell").
    expect([i.reason?.en, i.reason?.zh]).toEqual(['Cell 评分表[A].分值 holds "五分", which is not a number. Correct the data.', '单元格 评分表[A].分值 的内容 “五分” 不是数值。请修正数据。']);
    // Its trail shows what the cell holds (before: "(blank)").
    const cell = i.reads.find((r) => r.column === '分值')!;
    expect([cell.written, cell.value.text.en, cell.value.kind]).toEqual(['五分', '五分', 'text']);
  });
});

describe('cost', () => {
  it('a ruleset without scorecards compiles none and its results carry none', () => {
    const doc = run(`${cardText('score else: full').split('scorecard')[0]}\nrule R "r" { assert 1 = 1 message "x" }`, dataText([]));
    expect(doc.scorecards).toBeUndefined();
    expect(Object.keys(doc)).not.toContain('scorecards');
  });
});
