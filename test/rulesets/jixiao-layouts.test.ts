/**
 * The 绩效 scorecard rulesets on data as real tables give it (found by a tester's round): a
 * published example with one change each. Every change here once passed silently, or failed a
 * correct table.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateDocument, loadDisclosureText, type CompiledProgram, type DocumentResult } from '@suan/dsl';
import { REPO, compile } from './golden';

const XIANGMU = 'rulesets/jixiao-xiangmu/examples/001-yewu-jingfei.yaml';
const ZHENGTI = 'rulesets/jixiao-zhengti/examples/000-jinlin-yibao-2021.yaml';

let xiangmu: CompiledProgram;
let zhengti: CompiledProgram;

/** The example with `from` (there once) replaced by `to`, checked. */
function variant(program: CompiledProgram, example: string, from: string, to: string): DocumentResult {
  const text = fs.readFileSync(path.join(REPO, example), 'utf8');
  expect(text.split(from)).toHaveLength(2);
  const load = loadDisclosureText(path.join(REPO, example), text.replace(from, to), { readFile: () => undefined });
  expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return evaluateDocument(program, load.disclosure!);
}
const failing = (r: DocumentResult) => r.rules.filter((x) => x.counts.fail > 0).map((x) => x.id);

beforeAll(async () => {
  xiangmu = await compile('rulesets/jixiao-xiangmu/xiangmu.suan');
  zhengti = await compile('rulesets/jixiao-zhengti/zhengti.suan');
});

describe('printed scores are exact points', () => {
  // A score written "10" read as 9.5–10.5: ten of them added up to anything in [85, 95], and a
  // 小计 of 86 against scores adding up to 90 passed XM31.
  it('xiangmu: a 小计 that is not the sum of the scores fails XM31', () => {
    const same = variant(xiangmu, XIANGMU, '小计.得分: { value: "90.0"', '小计.得分: { value: "90"');
    expect(failing(same)).not.toContain('XM31');
    const r = variant(xiangmu, XIANGMU, '小计.得分: { value: "90.0"', '小计.得分: { value: "86"');
    expect(failing(r)).toContain('XM31');
  });

  // Σ 自评得分 88.2 against a 合计 row of 86.2: "pass", with no finding at all.
  it('zhengti: a 合计 that is not the sum of the reported scores fails the scorecard total', () => {
    const r = variant(zhengti, ZHENGTI, '实际完成值: "18.50%", 自评得分: "1"', '实际完成值: "18.50%", 自评得分: "3"');
    const total = r.scorecards![0]!.total;
    expect([total.outcome, total.reason?.zh]).toEqual(['fail', '自评总分 86.2 不等于各项自评得分之和 88.2']);
  });
});

describe('a score above its weight', () => {
  // A not-computable indicator counts at its reported score: one self-scored 12 out of 7 (and a
  // total of 105 out of 100) showed ✓, and the grade 优.
  it('xiangmu: fails its indicator even when the method cannot compute it, and a total above the weights fails', () => {
    const row = '三级指标: "无", 年度指标值: "无", 实际完成值: "无", 分值: "7", 得分: "7"';
    const text = fs.readFileSync(path.join(REPO, XIANGMU), 'utf8').replace(row, row.replace('得分: "7"', '得分: "12"'))
      .replace('小计.得分: { value: "90.0"', '小计.得分: { value: "95.0"').replace('总计.得分: { value: "100"', '总计.得分: { value: "105"');
    const load = loadDisclosureText(path.join(REPO, XIANGMU), text, { readFile: () => undefined });
    const sc = evaluateDocument(xiangmu, load.disclosure!).scorecards![0]!;
    const over = sc.indicators.find((i) => i.reported?.written === '12')!;
    expect([over.outcome, over.reason?.zh.split('（')[0]]).toEqual(['fail', '自评得分 12 超过分值 7']);
    expect([sc.total.outcome, sc.total.reason?.zh]).toEqual(['fail', '自评总分 105 超过总分 100']);
  });
});

describe('an indicator named as the PDF prints it', () => {
  // "预算完成率 (5分)": the 评分标准 method was silently replaced by `auto` (a wrong failure), and
  // ZT32, which looks the row up by its name, became not applicable: a real finding disappeared.
  it('zhengti: is scored with its own method, and said (SUAN5026), with how to write it', () => {
    const r = variant(zhengti, ZHENGTI, '三级指标: "预算完成率", 分值: "5"', '三级指标: "预算完成率 (5分)", 分值: "5"');
    const i = r.scorecards![0]!.indicators.find((x) => x.name === '预算完成率 (5分)')!;
    expect([i.method.kind, i.outcome]).toEqual(['deduct', 'pass']);
    const said = r.diagnostics.filter((d) => d.code === 'SUAN5026');
    expect(said.map((d) => [d.severity, d.args.name])).toEqual([['warning', '预算完成率']]);
    // A weight in the name that the weight column contradicts is said too (SUAN5028); one that agrees is not.
    expect(r.diagnostics.map((d) => d.code)).not.toContain('SUAN5028');
    const six = variant(zhengti, ZHENGTI, '三级指标: "预算完成率", 分值: "5"', '三级指标: "预算完成率 (6分)", 分值: "5"');
    expect(six.diagnostics.filter((d) => d.code === 'SUAN5028').map((d) => [d.severity, d.args.printed, d.args.weight])).toEqual([['warning', '6', '5']]);
    for (const written of ['1.预算完成率', '（一）预算完成率', '①预算完成率', '预算完成率（%）']) {
      const x = variant(zhengti, ZHENGTI, '三级指标: "预算完成率", 分值: "5"', `三级指标: "${written}", 分值: "5"`);
      expect(x.scorecards![0]!.indicators.find((y) => y.name === written)!.method.kind, written).toBe('deduct');
    }
  });
});

describe('a label printed with its colon', () => {
  // "年度资金总额：" (seed 000 prints it so): XM20/XM21 (the 元-under-万元 slip) and XM32/XM33
  // became not applicable, and what remained blamed the wrong line.
  it('xiangmu: finds the row as without it', () => {
    const base = failing(variant(xiangmu, XIANGMU, '资金类别: "年度资金总额"', '资金类别: "年度资金总额"'));
    expect(base).toEqual(expect.arrayContaining(['XM20', 'XM21']));
    for (const colon of ['：', ':', ' ：']) expect(failing(variant(xiangmu, XIANGMU, '资金类别: "年度资金总额"', `资金类别: "年度资金总额${colon}"`)), colon).toEqual(base);
  });
});

describe('a grade written in its two-character form', () => {
  // "优秀" for 优 (many 汇总表 write 优秀/良好/中等/较差): "按总分 100 应评为“优”，自评等级为“优秀”".
  it('xiangmu: 优秀 agrees with 优, and 良好 does not', () => {
    const grade = (g: string) => variant(xiangmu, XIANGMU, '\n  自评等级: { value: "优"', `\n  自评等级: { value: "${g}"`).scorecards![0]!.grade!.outcome;
    expect([grade('优'), grade('优秀'), grade('良好'), grade('良')]).toEqual(['pass', 'pass', 'fail', 'fail']);
  });
});

describe('a weight lost from one row', () => {
  // One blank 分值 in a table that prints weights was taken for "this table prints no weights":
  // ✓ with an attainment of 40%, and its self-score of 10 never compared.
  it('xiangmu: is an error at that indicator, not an attainment', () => {
    const r = variant(xiangmu, XIANGMU, '三级指标: "宣传次数", 年度指标值: "5 次", 实际完成值: "5 次", 分值: "10"', '三级指标: "宣传次数", 年度指标值: "5 次", 实际完成值: "2 次", 分值: ""');
    const i = r.scorecards![0]!.indicators.find((x) => x.name === '宣传次数')!;
    expect([i.outcome, i.attainment, i.reason?.zh.split('（')[0]]).toEqual(['error', undefined, '分值空白']);
    expect(failing(r)).toContain('XM30');
  });
});

describe('rulesets/jixiao-mubiao on targets as tables write them', () => {
  const MUBIAO = 'rulesets/jixiao-mubiao/examples/002-dacheng-yibao-2021.yaml';
  let mubiao: CompiledProgram;
  beforeAll(async () => {
    mubiao = await compile('rulesets/jixiao-mubiao/mubiao.suan');
  });
  /** The example with `from` replaced by `to` on the first line that `line` picks. */
  const onLine = (line: (l: string) => boolean, from: string, to: string): DocumentResult => {
    const lines = fs.readFileSync(path.join(REPO, MUBIAO), 'utf8').split('\n');
    const k = lines.findIndex((l) => line(l) && l.includes(from));
    expect(k).toBeGreaterThan(0);
    lines[k] = lines[k]!.replace(from, to);
    const load = loadDisclosureText(path.join(REPO, MUBIAO), lines.join('\n'), { readFile: () => undefined });
    return evaluateDocument(mubiao, load.disclosure!);
  };
  const findings = (r: DocumentResult, id: string) => r.rules.find((x) => x.id === id)!.findings.map((f) => f.message.zh);
  let base: DocumentResult;
  beforeAll(() => {
    base = onLine(() => true, 'suan: 1', 'suan: 1');
  });

  // "≤2000元/人次" (a cost ceiling per visit) was said to contradict three "≧2000人" floors.
  it('MB10 compares only targets that measure the same kind of thing', () => {
    const r = onLine((l) => l.includes('成本指标') && l.includes('低保'), '指标值: "≤10000/人次"', '指标值: "≤2000元/人次"');
    expect(findings(r, 'MB10')).toEqual(findings(base, 'MB10'));
    expect(findings(base, 'MB10')).toHaveLength(1); // ≤40万人 against ≧ 40 万: still found
  });

  // "2021年底前" was "a bare year, not a deadline".
  it('MB05 reads the end of a year as a deadline', () => {
    const r = onLine((l) => l.includes('城乡居民医疗保险日常经费') && l.includes('工作完成时间'), '指标值: "=12月"', '指标值: "2021年底前"');
    expect(findings(r, 'MB05')).toEqual(findings(base, 'MB05'));
  });

  // "≤3‰" (per mille, as error rates are written) "cannot be read".
  it('MB01 reads a per-mille target', () => {
    const r = onLine((l) => l.includes('医疗救助资金到位率'), '指标值: "2021.12月"', '指标值: "≤3‰"');
    expect(findings(r, 'MB01')).toEqual(findings(base, 'MB01'));
  });
});
