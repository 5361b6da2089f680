/**
 * rulesets/jixiao-xiangmu on the seven project tables (seed 001's four scored tables, seed 000's
 * two transfer-payment target tables and its empty provincial template): exactly the reviewed
 * golden findings, every DISPUTED audit item the data can express, and the scorecard's verdicts
 * on every indicator (agrees; not computable where the audit says so).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledProgram, DocumentResult } from '@suan/dsl';
import { check, compile, findingsOf, readGolden } from './golden';
import { auditVerdicts, goldenAudits } from './jixiao-audit';

const RULESET = 'jixiao-xiangmu';
const EXAMPLES = [
  '000-chengxiang-jumin-yibao', '000-shengji-kongbiao', '000-yiliao-jiuzhu',
  '001-laomo-jintie', '001-shifan-chuangkou', '001-yewu-jingfei', '001-zhineng-jianguan',
];

/** DISPUTED audit items the data cannot express (or that rounding explains), and why (also in the README). */
const NOT_EXPRESSIBLE: Record<string, string> = {
  'XM-001-94': 'the wrong year is in a title (附表汇总表.标题 “2020年度…”); the disclosure year is document metadata, which rules cannot read',
  'XM-001-103': 'the narrative’s 部门评价 (智能监管, 100) and the report it refers to (三级联创, 92) are in different example files',
  'XM-000-12': 'one-stop settlement 100% and manual reimbursement 100% contradict by meaning, not by any number',
  'XM-000-25': 'read to 0.01 万元 (the narrative’s precision), 111.995 ÷ 116.005 = 96.543% rounds to the printed 96.54%: honest rounding explains the difference the audit computes from exact 112 and 116',
};

/** NOT COMPUTABLE indicators of the audit, by example: the scorecard leaves exactly these not computable. */
const NOT_COMPUTABLE: Record<string, string[]> = {
  '001-shifan-chuangkou': ['无'], // XM-001-23
  '001-zhineng-jianguan': ['无'], // XM-001-49
  '001-yewu-jingfei': ['无', '无', '无'], // XM-001-67, 68, 69
  '001-laomo-jintie': ['无'], // XM-001-87
  '000-chengxiang-jumin-yibao': ['城乡居民基本医疗保险补助服务体系'], // XM-000-31
  '000-yiliao-jiuzhu': [],
  '000-shengji-kongbiao': [],
};

describe('rulesets/jixiao-xiangmu on the examples', () => {
  let compiled: CompiledProgram;
  const results = new Map<string, DocumentResult>();

  beforeAll(async () => {
    compiled = await compile(`rulesets/${RULESET}/xiangmu.suan`);
    for (const ex of EXAMPLES) results.set(ex, await check(compiled, `rulesets/${RULESET}/examples/${ex}.yaml`));
  });

  it('has a manifest and bilingual rules, and no ruleset diagnostics', () => {
    expect(compiled.program.info.id).toBe('绩效.项目支出自评');
    expect(compiled.program.diagnostics).toEqual([]);
    for (const rule of compiled.program.rules) {
      expect(rule.decl.title?.variants.some((v) => v.lang === 'en'), rule.id).toBe(true);
      expect(rule.message.some((m) => m.lang === 'en'), rule.id).toBe(true);
    }
  });

  it('reads every example without data errors or rule errors', () => {
    for (const [ex, r] of results) {
      expect(r.diagnostics.filter((d) => d.severity === 'error'), ex).toEqual([]);
      for (const rule of r.rules) expect(rule.error, `${ex} ${rule.id}`).toBeUndefined();
    }
  });

  for (const ex of EXAMPLES) {
    it(`reports exactly the reviewed findings on ${ex}`, () => {
      const golden = readGolden(`rulesets/${RULESET}/expected/${ex}.yaml`).map(({ audit, ...f }) => (void audit, f));
      expect(findingsOf(results.get(ex)!)).toEqual(golden);
    });
  }

  it('finds every DISPUTED audit item the data can express; every golden entry names an audit item', () => {
    const verdicts = auditVerdicts(RULESET, /^XM-00[01]-\d+$/);
    expect(verdicts.size).toBe(138);
    const named = goldenAudits(RULESET, EXAMPLES);
    for (const id of named.keys()) expect(verdicts.has(id), id).toBe(true);
    const disputed = [...verdicts].filter(([, v]) => v === 'DISPUTED').map(([id]) => id);
    expect(disputed.length).toBe(15);
    expect(disputed.filter((id) => !named.has(id) && !NOT_EXPRESSIBLE[id])).toEqual([]);
    for (const id of Object.keys(NOT_EXPRESSIBLE)) expect(named.has(id), id).toBe(false);
  });

  it('flags the 元-under-万元 heading as a unit slip in each of the four 001 tables', () => {
    for (const ex of EXAMPLES.filter((e) => e.startsWith('001'))) {
      const f = results.get(ex)!.rules.find((r) => r.id === 'XM20')!.findings[0]!;
      expect(f.comparison?.unitSlip?.factor, ex).toBe('10000');
    }
  });

  it('scores every indicator as the audit does: the customary method agrees, the 无 rows are not computable', () => {
    for (const [ex, r] of results) {
      const sc = r.scorecards![0]!;
      const na = sc.indicators.filter((i) => i.outcome === 'na').map((i) => i.name);
      expect(na, ex).toEqual(NOT_COMPUTABLE[ex]);
      expect(sc.indicators.filter((i) => i.outcome === 'fail' || i.outcome === 'error'), ex).toEqual([]);
    }
  });

  it('agrees on the execution score, Σ weights, the total and the grade of the 001 tables (XM-001-2, 4–6, 8)', () => {
    for (const ex of EXAMPLES.filter((e) => e.startsWith('001'))) {
      const sc = results.get(ex)!.scorecards![0]!;
      expect(sc.indicators[0]).toMatchObject({ name: '预算执行率', extra: true, computed: '10', outcome: 'pass' });
      expect(sc.weights, ex).toMatchObject({ sum: '100', outcome: 'pass' });
      expect(sc.total, ex).toMatchObject({ computed: '100', reported: { exact: '100' }, outcome: 'pass' });
      expect(sc.grade, ex).toMatchObject({ computed: ['优'], reported: '优', outcome: 'pass' });
    }
  });

  it('checks attainment only where no weights are printed (the transfer-payment tables)', () => {
    const sc = results.get('000-chengxiang-jumin-yibao')!.scorecards![0]!;
    expect(sc.indicators[0]).toMatchObject({ name: '预算执行率', attainment: '0.9656', outcome: 'pass' }); // XM-000-23: 1882/1949
    expect(sc.total.outcome).toBe('na');
    expect(results.get('000-shengji-kongbiao')!.scorecards![0]!.notes[0]!.zh).toContain('印为空表');
  });
});
