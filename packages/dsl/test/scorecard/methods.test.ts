/**
 * Scoring methods, each with hand-computed scores (the brief's examples among them), where
 * rounding happens, the comparison with the reported score, and the explanation trails.
 */
import { describe, expect, it } from 'vitest';
import { score, trail } from './harness';

describe('execution: weight × 执行数 ÷ 预算数', () => {
  const facts = { '资金.执行数': '{ value: "79.36", unit: 万元 }', '资金.预算数': '{ value: "86.78", unit: 万元 }' };
  it('10 × 79.36 ÷ 86.78 = 9.144964… → 9.14 (half-up at 2 decimals)', () => {
    const { sc } = score('extra 执行率 weight 10 reported 9.14: execution of 资金.执行数 / 资金.预算数', [], { facts });
    const i = sc.indicators[0]!;
    expect([i.computed, i.outcome]).toEqual(['9.14', 'pass']);
    expect(trail(i)).toContain('执行率 = 79.36 万元 ÷ 86.78 万元 = 91.4496%');
    expect(trail(i)).toContain('四舍五入到 2 位小数：9.144964 → 9.14');
    expect(trail(i, 'en')).toContain('rounded half-up to 2 decimals: 9.144964 → 9.14');
  });
  it('an office that rounds the rate to the displayed 91.45% first gets 9.15: written as round(…, 4)', () => {
    const { sc } = score('extra 执行率 weight 10 reported 9.15: weight × round(资金.执行数 ÷ 资金.预算数, 4)', [], { facts });
    const i = sc.indicators[0]!;
    expect([i.computed, i.outcome]).toEqual(['9.15', 'pass']);
    expect(trail(i)).toContain('得分 = 10 × round(79.36 万元 ÷ 86.78 万元, 4) = 9.145');
  });
  it('the same with banker’s rounding at the score: 9.145 → 9.14', () => {
    const { sc } = score('extra 执行率 weight 10 reported 9.15: weight × round(资金.执行数 ÷ 资金.预算数, 4) round 2 "half-even"', [], { facts });
    expect([sc.indicators[0]!.computed, sc.indicators[0]!.outcome]).toEqual(['9.14', 'fail']);
    expect(trail(sc.indicators[0]!)).toContain('四舍六入五成双到 2 位小数：9.145 → 9.14');
  });
  it('a rate above 100% scores the weight, and a budget of 0 is not computable', () => {
    const over = score('extra 执行率 weight 10 reported 10: execution of 资金.执行数 / 资金.预算数', [], { facts: { '资金.执行数': '{ value: "90", unit: 万元 }', '资金.预算数': '{ value: "80", unit: 万元 }' } });
    expect(over.sc.indicators[0]!.computed).toBe('10');
    expect(trail(over.sc.indicators[0]!)).toContain('得分以分值 10 为上限');
    const zero = score('extra 执行率 weight 10 reported 10: execution of 资金.执行数 / 资金.预算数', [], { facts: { '资金.执行数': '{ value: "0", unit: 万元 }', '资金.预算数': '{ value: "0", unit: 万元 }' } });
    expect(zero.sc.indicators[0]!.outcome).toBe('na');
    expect(zero.sc.indicators[0]!.reason!.zh).toContain('为 0，执行率无法计算');
  });
});

describe('proportional, threshold, full', () => {
  it('target ≥10 班次, actual 5, weight 5 → 2.5 (proportional, and auto chooses it for a lower bound)', () => {
    const rows: [string, string, string, string, string][] = [['班次', '5', '≥10 班次', '5 班次', '2.5']];
    for (const m of ['proportional', 'auto']) {
      const { by } = score(`score 班次: ${m}`, rows);
      expect([by('班次').computed, by('班次').outcome], m).toEqual(['2.5', 'pass']);
      expect(trail(by('班次'))).toContain('完成比例 = 实际 5 班次 ÷ 目标 10 班次 = 50%');
      expect(trail(by('班次'))).toContain('得分 = 5 × 50% = 2.50');
    }
    expect(score('score 班次: auto', rows).by('班次').method.chosen).toBe('proportional');
  });
  it('the custom form writes the values in: 得分 = 5 × 5 ÷ 10 = 2.50', () => {
    const { by } = score('score 班次: weight × actual ÷ target', [['班次', '5', '≥10 班次', '5 班次', '2.5']]);
    expect(trail(by('班次'))).toContain('得分 = 5 × 5 ÷ 10 = 2.50');
    expect(trail(by('班次'), 'en')).toContain('score = 5 × 5 ÷ 10 = 2.50');
  });
  // A table whose unit column says % writes targets bare ("≥95"): a correct self-score of 9.47 for
  // 90% was disputed (attainment 90% ÷ 95 = 0.95%), while a bare actual against "≥95%" was read right.
  it('a % actual against a bare written target is read as its points, as a bare actual against a % target is', () => {
    const bare = score('score 完成率: proportional', [['完成率', '10', '≥95', '90%', '9.47']]).by('完成率');
    expect([bare.computed, bare.outcome]).toEqual(['9.47', 'pass']);
    expect(trail(bare)).toContain('目标值 95 没有 %，实际完成值 90% 按 90 计');
    expect(trail(bare, 'en')).toContain('the target 95 has no %; the actual 90% is read as 90');
    const percent = score('score 完成率: proportional', [['完成率', '10', '≥95%', '90', '9.47']]).by('完成率');
    expect([percent.computed, percent.outcome]).toEqual(['9.47', 'pass']);
  });

  it('attainment above 100% counts as 100%', () => {
    const { by } = score('score 班次: proportional', [['班次', '5', '≥10 班次', '12 班次', '5']]);
    expect(by('班次').computed).toBe('5');
    expect(trail(by('班次'))).toContain('超过 100% 按 100% 计');
  });
  it('upper bound “≤60 工作日”, actual 70 → 0; the reported 5 is disputed by 5', () => {
    for (const m of ['threshold', 'auto']) {
      const { by, doc } = score(`score 办结时限: ${m}`, [['办结时限', '5', '≤60 工作日', '70 工作日', '5']]);
      const i = by('办结时限');
      expect([i.computed, i.outcome, i.difference], m).toEqual(['0', 'fail', '5']);
      expect(trail(i)).toContain('实际 70 工作日 ≤ 目标 60 工作日？否 → 未达成');
      const f = doc.rules.find((r) => r.id === 'SC')!.findings[0]!;
      expect([f.outcome, f.severity]).toEqual(['fail', 'error']);
      expect(f.message.zh).toContain('办结时限：按');
      expect(f.comparison!.difference!.exact).toBe('5');
      expect(f.trail!.length).toBeGreaterThan(2);
    }
  });
  it('full, and full if a condition (else 0; not computable when the condition cannot be decided)', () => {
    const rows: [string, string, string, string, string][] = [['季度进度', '1', '', '', '1']];
    expect(score('score 季度进度: full', rows).by('季度进度').computed).toBe('1');
    expect(score('score 季度进度: full if 季度达标', rows, { facts: { 季度达标: '是' } }).by('季度进度').computed).toBe('1');
    expect(score('score 季度进度: full if 季度达标', rows, { facts: { 季度达标: '否' } }).by('季度进度').computed).toBe('0');
    const na = score('score 季度进度: full if 季度达标', rows).by('季度进度');
    expect(na.outcome).toBe('na');
    expect(na.reason!.zh).toContain('缺少 季度达标');
  });
});

describe('deduct: “每低于 5% 扣 0.5 分，扣完为止”', () => {
  const row = (actual: string, reported = '0'): [string, string, string, string, string] => ['预算完成率', '5', '100%', actual, reported];
  it('whole steps by default (floor): 92% is 1.6 steps below → 1 step → 4.5', () => {
    const i = score('score 预算完成率: deduct 0.5 per 5% below 100% of actual', [row('92%', '4.5')]).by('预算完成率');
    expect([i.computed, i.outcome]).toEqual(['4.5', 'pass']);
    expect(trail(i)).toContain('扣分档数 = 8% ÷ 5% = 1.6，按整档计（不足一档不扣）为 1');
  });
  it('steps ceil → 2 steps → 4; steps exact → 1.6 × 0.5 → 4.2', () => {
    expect(score('score 预算完成率: deduct 0.5 per 5% below 100% of actual steps ceil', [row('92%')]).by('预算完成率').computed).toBe('4');
    expect(score('score 预算完成率: deduct 0.5 per 5% below 100% of actual steps exact', [row('92%')]).by('预算完成率').computed).toBe('4.2');
  });
  it('18.51%: 81.49 points below, 16 steps, 8 points off a weight of 5 → 0 (floored)', () => {
    const i = score('score 预算完成率: deduct 0.5 per 5% below 100%', [row('18.51%')]).by('预算完成率');
    expect(i.computed).toBe('0');
    expect(trail(i)).toContain('低于 100% 的幅度 = 100% − 18.51% = 81.49%');
    expect(trail(i)).toContain('得分 = 5 − 8 < 0 → 0（扣完为止）');
  });
  it('above a ceiling: 104.76% with 0.5 per 1 point over 100% → 4 steps → 3 (5 steps with ceil → 2.5)', () => {
    const rows: [string, string, string, string, string][] = [['在职人员控制率', '5', '≤100%', '104.76%', '5']];
    const floor = score('score 在职人员控制率: deduct 0.5 per 1% above 100% of actual', rows).by('在职人员控制率');
    expect([floor.computed, floor.outcome, floor.difference]).toEqual(['3', 'fail', '2']);
    expect(score('score 在职人员控制率: deduct 0.5 per 1% above 100% steps ceil', rows).by('在职人员控制率').computed).toBe('2.5');
  });
  it('not below the threshold: full marks', () => {
    const i = score('score 预算完成率: deduct 0.5 per 5% below 100%', [row('100%', '5')]).by('预算完成率');
    expect([i.computed, i.outcome]).toEqual(['5', 'pass']);
  });
});

describe('bands: “90% 含以上 5 分, 80%—90% 3 分, 70%—80% 2 分, 低于 70% 0 分”', () => {
  const method = 'score 满意度: bands of actual { >= 90%: 5, 80% to 90%: 3, 70% to 80%: 2, < 70%: 0 }';
  const cases: [string, string][] = [['100%', '5'], ['90%', '5'], ['89.99%', '3'], ['80%', '3'], ['79.99%', '2'], ['70%', '2'], ['69.99%', '0'], ['满意度95%', '5']];
  for (const [actual, expected] of cases) {
    it(`${actual} → ${expected}`, () => {
      const i = score(method, [['满意度', '5', '', actual, expected]]).by('满意度');
      expect([i.computed, i.outcome]).toEqual([expected, 'pass']);
    });
  }
  it('a band may give a share of the weight, and says which band was used', () => {
    const i = score('score 满意度: bands { >= 90%: 100%, else: 60% }', [['满意度', '5', '', '85%', '3']]).by('满意度');
    expect(i.computed).toBe('3');
    expect(trail(i)).toContain('85% 落在“else”一档');
  });
});

describe('qualitative: written values matched', () => {
  const method = 'score 经济效益: qualitative { "已完成": 80% to 100%, "基本完成": 60% to 80%, "未完成": 0 }';
  it('“已完成” allows 4–5 of a weight of 5: 5 and 4 agree, 3.9 is disputed by 0.1', () => {
    const ok = score(method, [['经济效益', '5', '', '已完成', '5']]).by('经济效益');
    expect([ok.computed, ok.computedHigh, ok.outcome, ok.difference]).toEqual(['4', '5', 'pass', '0']);
    expect(score(method, [['经济效益', '5', '', '已完成', '4']]).by('经济效益').outcome).toBe('pass');
    const low = score(method, [['经济效益', '5', '', '已完成', '3.9']]).by('经济效益');
    expect([low.outcome, low.difference]).toEqual(['fail', '-0.1']);
  });
  it('a value not listed is not computable, naming the listed ones; else catches it', () => {
    const na = score(method, [['经济效益', '5', '', '部分完成', '3']]).by('经济效益');
    expect(na.outcome).toBe('na');
    expect(na.reason!.zh).toContain('“部分完成”不是所列的任何一项（“已完成”、“基本完成”、“未完成”）');
    const withElse = score('score 经济效益: qualitative { "已完成": 100%, else: 0 }', [['经济效益', '5', '', '部分完成', '0']]).by('经济效益');
    expect([withElse.computed, withElse.outcome]).toEqual(['0', 'pass']);
  });
});

describe('auto: chosen from the parsed target', () => {
  const auto = (target: string, actual: string, reported = '5') => score('score else: auto', [['指标', '5', target, actual, reported]]).by('指标');
  it('a qualitative target is reached by the same wording, an achievement word, or its core verb', () => {
    expect(auto('明显提高', '明显提高').computed).toBe('5');
    expect(auto('完全达到预期', '已完成').computed).toBe('5');
    const core = auto('逐步提高', '提高5.45%');
    expect(core.computed).toBe('5');
    expect(trail(core)).toContain('包含目标“逐步提高”的“提高”');
  });
  it('…and is not computable when the actual does not say, or says it was not reached', () => {
    const unsure = auto('逐步完善', '逐步提高');
    expect([unsure.outcome, unsure.reason!.zh]).toEqual(['na', '实际完成值“逐步提高”没有说明目标“逐步完善”是否达成']);
    expect(auto('明显提高', '未明显提高').outcome).toBe('na');
  });
  // A tester's round: an actual that holds the target's verb but hedges or denies it scored full
  // ("有待进一步提高" contains "提高"): a real table's way of saying the target was not reached.
  it('…nor when the actual hedges the verb, or reaches a strong target only slightly', () => {
    for (const actual of ['有待进一步提高', '仍需提高', '需进一步提高', '无明显提高', '提高不明显', '提高幅度不大', '促进作用有限', '有所提高', '略有提高']) {
      const i = auto('明显提高', actual);
      expect([actual, i.outcome, i.computed]).toEqual([actual, 'na', undefined]);
      expect(i.reason!.zh).toContain('须人工复核得分');
    }
    expect(auto('明显降低', '降低不明显').outcome).toBe('na');
    // A slight change meets a target that asks for no particular degree.
    expect(auto('逐步提高', '有所提高').computed).toBe('5');
  });
  it('an actual that restates the target bound counts as reached, and says so', () => {
    const i = auto('>46 万', '>46 万');
    expect(i.computed).toBe('5');
    expect(trail(i)).toContain('只写了一个界限（未给出实测值），按 46万 计');
  });
  it('a deadline: done before it scores, after it does not', () => {
    expect(auto('2025年11月30日前', '2025年11月20日').computed).toBe('5');
    expect(auto('2025年11月30日前', '2025年12月5日', '0').computed).toBe('0');
    expect(auto('=12月', '已完成').computed).toBe('5');
  });
  it('a range, an amount and an upper bound are met or not', () => {
    expect(auto('80%-90%', '85%').computed).toBe('5');
    expect(auto('80%-90%', '95%', '0').computed).toBe('0');
    expect(auto('=280元', '300元', '0').computed).toBe('0');
    expect(auto('≤180万元', '150万元').computed).toBe('5');
  });
  it('no target is not computable; an unreadable one is an error with a diagnostic at its cell', () => {
    expect(auto('无', '无').reason!.zh).toContain('没有目标值');
    const { doc, by } = score('score else: auto', [['指标', '5', '≥9O%', '95%', '5']]);
    expect([by('指标').outcome, by('指标').code]).toEqual(['error', 'SUAN5015']);
    const d = doc.diagnostics.find((x) => x.code === 'SUAN5015')!;
    expect(d.severity).toBe('warning');
    expect(d.span.line).toBe(7);
  });
});

describe('parts and custom expressions', () => {
  it('parts add up sub-items with their own points', () => {
    const i = score('score 支付进度率: parts { 3: deduct 0.5 per 5% below 100% of actual, 1: full if 季度达标 }', [['支付进度率', '4', '100%', '92.5%', '3.5']], { facts: { 季度达标: '是' } }).by('支付进度率');
    expect([i.computed, i.outcome]).toEqual(['3.5', 'pass']);
    expect(trail(i)).toContain('第 1 项（3 分）：deduct 0.5 per 5% below 100% of actual');
    expect(trail(i, 'en')).toContain('part 1 (3 points): deduct 0.5 per 5% below 100% of actual');
    expect(trail(i, 'en')).toContain('part 2 (1 point): full if 季度达标'); // it said "1 points"
  });
  it('a part that cannot be computed makes the indicator not computable', () => {
    const i = score('score 支付进度率: parts { 3: deduct 0.5 per 5% below 100% of actual, 1: full if 季度达标 }', [['支付进度率', '4', '100%', '18.5%', '1']]).by('支付进度率');
    expect(i.outcome).toBe('na');
    expect(i.reason!.zh).toContain('第 2 项');
  });
  it('`met` and `blank`: full marks when met, else not computable', () => {
    const m = 'score 合规性: if met then weight else blank';
    expect(score(m, [['合规性', '5', '100%', '100%', '5']]).by('合规性').computed).toBe('5');
    const i = score(m, [['合规性', '5', '100%', '95%', '4']]).by('合规性');
    expect(i.outcome).toBe('na');
    expect(trail(i)).toContain('实际 95% = 目标 100%？否 → 未达成');
  });
  it('an expression reads the row and the facts: 9 ÷ 10 × 18 = 16.2', () => {
    const i = score('score 实际完成率: 算式.分子 ÷ 算式.分母 × weight', [['实际完成率', '18', '≥90%', '90%', '16.2']], { facts: { '算式.分子': '"9"', '算式.分母': '"10"' } }).by('实际完成率');
    expect([i.computed, i.outcome]).toEqual(['16.2', 'pass']);
    expect(trail(i)).toContain('得分 = 9 ÷ 10 × 18 = 16.20');
    expect(i.reads.some((r) => r.kind === 'fact' && r.fact === '算式.分子')).toBe(true);
  });
});

describe('rounding, tolerance and the comparison', () => {
  it('scores round half-up to the declared decimals; a method may round elsewhere', () => {
    const rows: [string, string, string, string, string][] = [['指标', '5', '≥3', '2', '3.3']];
    expect(score('score 指标: proportional', rows).by('指标').computed).toBe('3.33');
    expect(score('score 指标: proportional', rows, { clauses: 'round 1' }).by('指标').computed).toBe('3.3');
    expect(score('score 指标: proportional round 0', rows).by('指标').computed).toBe('3');
  });
  it('a reported score within the tolerance agrees; beyond it is disputed', () => {
    const rows: [string, string, string, string, string][] = [['指标', '5', '≥3', '2', '3.3']];
    expect(score('score 指标: proportional', rows).by('指标').outcome).toBe('fail');
    expect(score('score 指标: proportional', rows, { clauses: 'tolerance 0.05' }).by('指标').outcome).toBe('pass');
  });
  it('no reported score: computed, and flagged as not computable for review', () => {
    const i = score('score 指标: full', [['指标', '5', '', '', '']]).by('指标');
    expect([i.computed, i.outcome]).toEqual(['5', 'na']);
  });
  it('no weight printed: the attainment is computed and nothing is compared', () => {
    const i = score('score else: auto', [['指标', '', '≥90%', '96.56%', '']]).by('指标');
    expect([i.attainment, i.computed, i.outcome]).toEqual(['1', undefined, 'pass']);
    const e = score('extra 执行率 weight 合计.得分: execution of 资金.执行数 / 资金.预算数', [], { facts: { '资金.执行数': '{ value: "1882", unit: 万元 }', '资金.预算数': '{ value: "1949", unit: 万元 }' } });
    const x = e.sc.indicators[0]!;
    expect([x.attainment, x.outcome]).toEqual(['0.9656', 'pass']);
    expect(trail(x)).toContain('完成程度 96.56%');
  });
});

// A tester's round: a percentage written without its % (a table whose unit column says %) was read
// as a whole number by the methods that compare it with percentages of their own: "75" fell in
// the ">= 90%" band (full marks), "90" was 8,900% above 100%, weight × "100" scored 800.
describe('an actual written without its %, against percentages', () => {
  const one = (method: string, target: string, actual: string, reported: string) => score(method, [['指标', '5', target, actual, reported]]).by('指标');
  it('is read as percentage points by bands and deductions bounded by percentages, with a note', () => {
    const band = one('score 指标: bands of actual { >= 90%: 5, 80% to 90%: 3, 70% to 80%: 2, < 70%: 0 }', '', '75', '2');
    expect([band.computed, band.outcome]).toEqual(['2', 'pass']);
    expect(trail(band)).toContain('实际完成值 75 没有 %，按 75% 计');
    expect(trail(band, 'en')).toContain('the actual 75 has no %; read as 75%');
    expect(one('score 指标: deduct 0.5 per 1% above 100% of actual', '', '90', '5').computed).toBe('5');
    expect(one('score 指标: deduct 0.5 per 5% below 100% of actual', '', '18.51', '0').computed).toBe('0');
  });
  it('is read as percentage points by met against a percentage target; an expression reads it as written', () => {
    expect(one('score 指标: if met then weight else 0', '≥95%', '96', '5').computed).toBe('5');
    // The expression's author decides (a ruleset may write weight × actual ÷ 100 for such tables).
    expect(one('score 指标: weight × actual ÷ 100', '≥90%', '95', '4.75').computed).toBe('4.75');
  });
  // The verifying round: bands bounded by bare numbers against a percentage target read 95 as 95%
  // and compared 0.95 with 90: "95% 落在 < 80 一档".
  it('stays a number where the method\'s own bounds are bare numbers, whatever the target', () => {
    const count = one('score 指标: bands of actual { >= 90: 5, < 90: 0 }', '≥90%', '95', '5');
    expect(count.computed).toBe('5');
    expect(trail(count)).not.toContain('没有 %');
  });
  // A bare 1 or less ("0.96", "1") may be a ratio as well as a percentage: it was read as 0.96%
  // and disputed a correct score by 44.55 points.
  it('is not computable when it is 1 or less, and says why, in both languages', () => {
    for (const i of [one('score 指标: bands of actual { >= 90%: 5, < 90%: 0 }', '', '0.96', '5'), one('score else: auto', '≥95%', '0.96', '5')]) {
      expect([i.outcome, i.computed]).toEqual(['na', undefined]);
      expect(i.reason!.zh).toBe('实际完成值 0.96 没有 %，又不大于 1：是比率 96% 还是 0.96% 无法判断；请按原表写明 %');
      expect(i.reason!.en).toBe('the actual 0.96 has no % and is 1 or less: whether it is the ratio 96% or 0.96% cannot be told; write the % as the table prints it');
    }
  });
});

// A tester's round: a cost target per period ("5万元/年") was taken for a quantity to reach, so an
// overrun (6万元/年) scored full (120%, capped at 100%); and an amount spent under a cost target
// (1.0万元 against 1.2万元) scored 0.
describe('auto: a cost indicator\'s amount is a ceiling', () => {
  const cost = (target: string, actual: string, reported: string, level = '成本指标') => score('score else: auto', [['指标', '5', target, actual, reported, level]]).by('指标');
  it('overrun scores 0, under or at it full, with the reason in the trail', () => {
    const over = cost('5万元/年', '6万元/年', '0');
    expect([over.computed, over.outcome]).toEqual(['0', 'pass']);
    expect(trail(over)).toContain('成本指标的目标“5万元/年”为金额 → 不超过得满分，超过得 0');
    expect(cost('1.2万元', '1.0万元', '5').computed).toBe('5');
    expect(cost('600元/人', '600元/人', '5').computed).toBe('5');
    // "20 万", as cost targets are written (the verifying round: scored 18 万 proportionally, 4.5).
    expect(cost('20 万', '18 万', '5').computed).toBe('5');
    expect(cost('20 万', '21 万', '0').computed).toBe('0');
  });
  it('is not assumed outside cost indicators: an output amount is reached, not a ceiling', () => {
    expect(cost('1.2万元', '1.0万元', '0', '产出指标').computed).toBe('0');
  });
});

// A tester's round: a blank or missing score showed its brackets twice: "没有给出得分（（空白））".
describe('an expression that gives no score', () => {
  it('says why once, in one pair of brackets', () => {
    const i = score('score 指标: if actual >= 100% then weight else blank', [['指标', '5', '', '90%', '0']]).by('指标');
    expect(i.reason!.zh).toBe('评分式 if actual >= 100% then weight else blank = 空白，没有给出得分（空白）');
    expect(i.reason!.en).toBe('the score expression if actual >= 100% then weight else blank = blank gives no score (blank)');
  });
});

// The verifying round: a bare verb target (提高, 减少) was never reached by 明显减少 or 已提高; the
// "有限" of a company name read as a hedge; 未发生 against 不发生 read as a negation.
describe('auto: qualitative targets as tables word them', () => {
  const q = (target: string, actual: string) => score('score else: auto', [['指标', '5', target, actual, '5']]).by('指标');
  it('a bare verb is reached by the verb strengthened or done, not by the verb denied', () => {
    const pairs: [string, string][] = [['减少', '明显减少'], ['提高', '已提高'], ['提高', '大幅提高'], ['降低', '有所降低'], ['改善', '已改善'], ['减少', '减少5%']];
    for (const [t, a] of pairs) {
      expect([t, a, q(t, a).computed]).toEqual([t, a, '5']);
    }
    expect(q('满意', '不满意').outcome).toBe('na');
    expect(q('提高', '未提高').outcome).toBe('na');
  });
  it('the 有限 of a company name is no hedge, and a thing that did not happen meets a target that it does not', () => {
    expect(q('完成', '已完成对XX有限公司的审计').computed).toBe('5');
    expect(q('不发生安全事故', '未发生安全事故').computed).toBe('5');
    expect(q('杜绝安全事故', '全年未发生安全事故').computed).toBe('5');
    expect(q('无纸化办公', '实现无纸化办公').computed).toBe('5');
    expect(q('不发生安全事故', '发生安全事故1起').outcome).toBe('na');
  });
});
