import { describe, expect, it } from 'vitest';
import { outcomes, run } from '../helpers';

const HEADER = `
ruleset t { title "t" }
hierarchy 功能分类 { 类 3  款 5  项 7 }
table 表 {
  key 编码: code 功能分类
  合计: money
  甲: money
  乙: money
}
`;

function table(unit: string, rows: string[][]): string {
  return `suan: 1
document: { kind: 部门决算, year: "2021" }
tables:
  表:
    unit: ${unit}
    columns: [编码, 合计, 甲, 乙]
    rows:
${rows.map((r) => `      - [${r.map((c) => JSON.stringify(c)).join(', ')}]`).join('\n')}
`;
}

describe('rounding-aware equality (≈)', () => {
  const rule = `${HEADER}
rule R "合计 = 甲 + 乙" { for r in 表  assert r.合计 ≈ r.甲 + r.乙 }`;

  it('accepts a total that differs from the sum of its rounded parts by less than the rounding allows', () => {
    // 3 numbers at 2 decimals: |difference| up to 3 × 0.005 = 0.015 is honest rounding.
    const r = run(rule, table('万元', [['201', '10.01', '5.00', '5.00'], ['202', '9.99', '5.00', '5.00']]), { detail: 'all' });
    expect(outcomes(r, 'R')).toEqual(['pass', 'pass']);
  });

  it('rejects a difference that rounding cannot explain, and reports both intervals and their distance', () => {
    const r = run(rule, table('万元', [['201', '10.02', '5.00', '5.00']]));
    const f = r.rules[0]!.findings[0]!;
    expect(f.outcome).toBe('fail');
    expect(f.comparison!.actual.interval).toEqual(['10.015', '10.025']);
    expect(f.comparison!.expected.interval).toEqual(['9.99', '10.01']);
    expect(f.comparison!.distance!.exact).toBe('0.005');
    expect(f.comparison!.distance!.text.en).toBe('0.005 万元');
    expect(f.comparison!.difference!.exact).toBe('0.02');
  });

  it('shows a difference and an interval distance in the values\' unit and kind, and a distance never as 0 when it is not', () => {
    // A ratio's distance reads in percentage points (it read "0.960623650564774153", the bare ratio).
    const share = `${HEADER}
rule P "占比" { for r in 表 where r.编码 = "201"  assert 100% ≈ r.甲 / r.合计 }`;
    const p = run(share, table('万元', [['201', '1,980', '68.06', '0']])).rules[0]!.findings[0]!;
    expect(p.comparison!.expected.text.en).toBe('3.44%');
    expect(p.comparison!.difference!.text.en).toBe('96.56%'); // the computed side's decimals (it read 97%)
    expect(p.comparison!.distance!.text.en).toBe('96.6%'); // one decimal more than the 100% written
    // Computed values 0.0000001 apart: shown with the decimals that make it visible (it read 0.00 元).
    const tiny = `${HEADER}
rule T "三等分" { assert 1 元 / 3 ≈ 1.0000003 元 / 3 }`;
    const t = run(tiny, table('元', [['201', '0', '1', '1']])).rules[0]!.findings[0]!;
    expect(t.outcome).toBe('fail');
    expect(t.comparison!.distance!.text.en).toBe('0.0000001 元');
  });

  it('takes the interval from the written decimals: "10.1" allows ± 0.05, "10.10" only ± 0.005', () => {
    const r = run(rule, table('万元', [['201', '10.1', '5.04', '5.04'], ['202', '10.10', '5.04', '5.04']]), { detail: 'all' });
    expect(outcomes(r, 'R')).toEqual(['pass', 'fail']);
  });
});

describe('blank is not zero', () => {
  const rule = `${HEADER}
rule R { for r in 表  assert r.合计 ≈ r.甲 + r.乙 }
rule B { for r in 表  assert isblank(r.乙) }`;

  it('counts a blank as nothing in a sum, but tells it apart from 0.00', () => {
    const r = run(rule, table('万元', [['201', '753.00', '', '753.00'], ['202', '1.00', '1.00', '0.00']]), { detail: 'all' });
    expect(outcomes(r, 'R')).toEqual(['pass', 'pass']);
    expect(outcomes(r, 'B')).toEqual(['fail', 'fail']);
    const r2 = run(rule, table('万元', [['201', '1.00', '1.00', '']]), { detail: 'all' });
    expect(outcomes(r2, 'B')).toEqual(['pass']);
  });

  it('is not applicable when both sides are blank, and fails a blank total beside non-zero parts', () => {
    const r = run(rule, table('万元', [['201', '', '', ''], ['202', '', '3.00', '']]), { detail: 'all' });
    expect(outcomes(r, 'R')).toEqual(['na', 'fail']);
  });
});

describe('exact decimal arithmetic and explicit half-up rounding', () => {
  const facts = (pairs: Record<string, string>) => `suan: 1
facts:
${Object.entries(pairs).map(([k, v]) => `  ${k}: "${v}"`).join('\n')}
`;
  const decl = `ruleset t { title "t" }
fact a: number
fact b: number
fact c: number
`;

  it('rounds half-up (四舍五入), not to even: 0.125 → 0.13, 2.5 → 3, −0.125 → −0.13', () => {
    const rules = `${decl}
rule R1 { assert round(a, 2) = 0.13 }
rule R2 { assert round(b, 0) = 3 }
rule R3 { assert round(-a, 2) = -0.13 }
rule R4 { assert round(a, 2, "half-even") = 0.12 }`;
    const r = run(rules, facts({ a: '0.125', b: '2.5', c: '0' }));
    expect(r.counts).toMatchObject({ pass: 4, fail: 0 });
  });

  it('adds 0.1 + 0.2 to exactly 0.3 (no binary floating point)', () => {
    const r = run(`${decl}\nrule R { assert a + b = 0.3 }`, facts({ a: '0.1', b: '0.2', c: '0' }));
    expect(r.counts.pass).toBe(1);
  });
});

describe('percentages and growth rates from rounded operands', () => {
  const decl = `ruleset t { title "t" }
fact 本年: money 万元
fact 上年: money 万元
fact 增长率: percent
fact 占比: percent
fact 总额: money 万元
rule 增长 { assert 增长率 ≈ (本年 - 上年) / 上年 }
rule 占比 { assert 占比 ≈ 本年 / 总额 }
`;
  const doc = (v: Record<string, string>) => `suan: 1\nfacts:\n${Object.entries(v).map(([k, x]) => `  ${k}: { value: "${x}", unit: 万元 }`).join('\n')}\n`;
  const pct = (v: Record<string, string>) => Object.entries(v).map(([k, x]) => `  ${k}: "${x}"`).join('\n');

  it('accepts a growth rate stated to 2 decimals from amounts stated to 2 decimals (2,330.12 vs 1,269.20 → 83.59%)', () => {
    const r = run(decl, `${doc({ 本年: '2,330.12', 上年: '1,269.20', 总额: '2,330.12' })}\n${pct({ 增长率: '83.59%', 占比: '100%' })}\n`);
    expect(r.rules.find((x) => x.id === '增长')!.counts.pass).toBe(1);
  });

  it('rejects a stated rate outside what the rounded amounts allow', () => {
    const r = run(decl, `${doc({ 本年: '2,330.12', 上年: '1,269.20', 总额: '2,330.12' })}\n${pct({ 增长率: '83.70%', 占比: '100%' })}\n`);
    expect(r.rules.find((x) => x.id === '增长')!.counts.fail).toBe(1);
  });

  it('accepts a share stated to 2 decimals: 350.12 / 2,330.12 = 15.03%', () => {
    const r = run(decl, `${doc({ 本年: '350.12', 上年: '1', 总额: '2,330.12' })}\n${pct({ 增长率: '0%', 占比: '15.03%' })}\n`);
    expect(r.rules.find((x) => x.id === '占比')!.counts.pass).toBe(1);
  });
});

describe('coarse readings and unit slips', () => {
  it('grades a comparison that holds only when a value is read as coarsely rounded, one severity lower', () => {
    const rules = `ruleset t { title "t" }
precision facts 0.01 万元
fact 培训费: money 万元
fact 上年培训费: money 万元
fact 增长率: percent
rule R { assert 增长率 ≈ (培训费 - 上年培训费) / 上年培训费 }`;
    const data = `suan: 1
facts:
  培训费: { value: "2", unit: 万元 }
  上年培训费: { value: "1.25", unit: 万元 }
  增长率: "28%"
`;
    const r = run(rules, data);
    const f = r.rules[0]!.findings[0]!;
    expect(f.outcome).toBe('coarse');
    expect(f.severity).toBe('warning');
    expect(f.comparison!.coarse!.written).toBe('2');
    const [lo, hi] = f.comparison!.coarse!.needed.map(Number);
    expect(lo).toBeGreaterThan(1.58);
    expect(hi).toBeLessThan(1.62);
    expect(lo).toBeLessThan(1.6);
    expect(hi).toBeGreaterThan(1.6);
  });

  it('says a coarse reading in the numbers of the data, not those its search tried (it said 1,076.43 for a written 1,076)', () => {
    const rules = `ruleset t { title "t" }
precision facts 0.01 万元
fact 说明支出: money 万元
fact 表中支出: money 万元
rule R {
  let 说明 = 说明支出
  assert 说明 ≈ 表中支出
  message "说明 {说明}，表中 {表中支出}，差额 {difference}" en "narrative {说明}, table {表中支出}, difference {difference}"
}`;
    const r = run(rules, 'suan: 1\nfacts:\n  说明支出: { value: "1,076", unit: 万元 }\n  表中支出: { value: "1,076.42", unit: 万元 }\n');
    const f = r.rules[0]!.findings[0]!;
    expect(f.outcome).toBe('coarse');
    expect(f.message.en).toBe('narrative 1,076 万元, table 1,076.42 万元, difference -0.42 万元');
    expect(f.message.zh).toBe('说明 1,076 万元，表中 1,076.42 万元，差额 -0.42 万元');
    // The range it needs, with two decimals more than written (not the search's 1076.410000000000010796).
    expect(f.comparison!.coarse!.needed).toEqual(['1076.41', '1076.43']);
    expect(f.comparison!.coarse!.note.en).toBe('Consistent only if "1,076" is read as coarsely rounded from 1,076.41 万元 to 1,076.43 万元.');
  });

  it('marks a ×10,000 mismatch as a unit slip', () => {
    const rules = `ruleset t { title "t" }
fact 批复预算: money 万元
fact 表中预算: money 万元
rule R { assert 表中预算 ≈ 批复预算 }`;
    const r = run(rules, `suan: 1\nfacts:\n  批复预算: { value: "30", unit: 万元 }\n  表中预算: { value: "300000.00", unit: 万元 }\n`);
    const f = r.rules[0]!.findings[0]!;
    expect(f.outcome).toBe('fail');
    expect(f.comparison!.unitSlip!.side).toBe('actual');
  });
});

describe('hierarchy roll-up', () => {
  it('reports each failing parent and column with its imbalance, and checks the total row', () => {
    const rules = `${HEADER}
rule U { rollup 表 columns 合计, 甲 total "合计" }`;
    const data = table('元', [
      ['合计', '300.00', '100.00', '200.00'],
      ['201', '300.00', '100.00', '200.00'],
      ['20101', '100.00', '50.00', '50.00'],
      ['2010101', '100.00', '50.00', '50.00'],
      ['20102', '194.00', '50.00', '144.00'],
    ]);
    const r = run(rules, data);
    const fs = r.rules[0]!.findings;
    expect(fs.map((f) => [f.bindings[0]!.key, f.bindings[0]!.column, f.comparison!.difference!.exact])).toEqual([['201', '合计', '6']]);
    expect(r.rules[0]!.counts.pass).toBe(5);
  });
});

describe('evaluation budget', () => {
  it('stops a runaway rule with a clear error and still runs the others', () => {
    const rows = Array.from({ length: 300 }, (_, i) => [String(201 + i), '1.00', '1.00', '']);
    const rules = `${HEADER}
rule 慢 { for a in 表  for b in 表  assert sum(x.合计 for x in 表) > 0 万元 }
rule 快 { for r in 表  assert r.合计 ≈ r.甲 + r.乙 }`;
    const r = run(rules, table('元', rows), { maxSteps: 100_000 });
    expect(r.rules[0]!.error!.code).toBe('SUAN4001');
    expect(r.rules[1]!.counts.pass).toBe(300);
  });
});

describe('rules share nothing of their bindings', () => {
  // The rules of a document run in one evaluation context: a rule's names start empty, so a
  // binding that ends before its `for` has a row does not show the row the rule before it left.
  const rules = `${HEADER}
rule A "first" { for r in 表  assert r.合计 ≈ r.甲 + r.乙 }
rule B "second" { for y in children(表["999"])  assert y.合计 > 0 }`;

  it('a binding without its row lists no row, whatever the rule before it bound', () => {
    const r = run(rules, table('万元', [['201', '10.00', '5.00', '5.00']]), { detail: 'all' });
    expect(outcomes(r, 'A')).toEqual(['pass']);
    const b = r.rules.find((x) => x.id === 'B')!;
    expect(b.findings.map((f) => f.outcome)).toEqual(['na']);
    expect(b.findings[0]!.bindings).toEqual([]);
  });
});

describe('a document where every row fails', () => {
  // A 14 MB document with 220,000 failing rows made one JSON line too long for a string, and the
  // whole run ended in "internal error", its reports cut off.
  it('keeps the first findings of a rule and counts the others by severity', async () => {
    const { MAX_FINDINGS_PER_RULE } = await import('../../src/evaluation/results');
    const { tallyOf } = await import('../../src/reporting/reporter');
    const rule = `${HEADER}
rule R "合计 = 甲 + 乙" { for r in 表  assert r.合计 ≈ r.甲 + r.乙 }`;
    const n = MAX_FINDINGS_PER_RULE + 250;
    const rows = Array.from({ length: n }, (_, i) => [`${201 + i}`, '9.00', '1.00', '1.00']);
    const r = run(rule, table('万元', rows));
    const R = r.rules[0]!;
    expect(R.counts.fail).toBe(n);
    expect(R.findings).toHaveLength(MAX_FINDINGS_PER_RULE);
    expect(R.omitted).toEqual({ error: 250, warning: 0, info: 0 });
    expect(tallyOf({ file: r.file, result: r, diagnostics: r.diagnostics }).findings.error).toBe(n);
  });
});
