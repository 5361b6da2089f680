/**
 * rulesets/jixiao-zhengti on seed 000's department-wide self-evaluation table: the findings are
 * exactly the reviewed golden file, every DISPUTED item of the hand audit the data can express is
 * among them, and the scorecard reproduces every reported score the audit reproduces.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledProgram, DocumentResult, ScorecardResult } from '@suan/dsl';
import { check, compile, findingsOf, readGolden } from './golden';
import { auditVerdicts, goldenAudits } from './jixiao-audit';

const RULESET = 'jixiao-zhengti';
const EXAMPLES = ['000-jinlin-yibao-2021'];

/** DISPUTED audit items the data of the example cannot express, and why (also in the README). */
const NOT_EXPRESSIBLE: Record<string, string> = {
  'ZT-45': 'the project budgets and executions (116 + 164, 112 + 164) it is compared with are stated in the project tables’ files, not in this one',
};

describe('rulesets/jixiao-zhengti on the example', () => {
  let compiled: CompiledProgram;
  let r: DocumentResult;
  let sc: ScorecardResult;

  beforeAll(async () => {
    compiled = await compile(`rulesets/${RULESET}/zhengti.suan`);
    r = await check(compiled, `rulesets/${RULESET}/examples/${EXAMPLES[0]}.yaml`);
    sc = r.scorecards![0]!;
  });

  it('has a manifest, and every rule a title, a rationale or message in zh-CN and en', () => {
    const info = compiled.program.info;
    expect([info.id, info.kinds, info.licence]).toEqual(['绩效.部门整体支出自评', ['绩效自评'], 'CC-BY-4.0']);
    expect(compiled.program.diagnostics).toEqual([]);
    for (const rule of compiled.program.rules) {
      expect(rule.decl.title?.variants.some((v) => v.lang === 'en'), rule.id).toBe(true);
      expect(rule.message.some((m) => m.lang === 'en') && rule.message.some((m) => m.lang !== 'en'), rule.id).toBe(true);
    }
  });

  it('reads the example without data errors or rule errors', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const rule of r.rules) expect(rule.error, rule.id).toBeUndefined();
  });

  it('reports exactly the reviewed findings', () => {
    const golden = readGolden(`rulesets/${RULESET}/expected/${EXAMPLES[0]}.yaml`).map(({ audit, ...f }) => (void audit, f));
    expect(findingsOf(r)).toEqual(golden);
  });

  it('finds every DISPUTED audit item the data can express; every golden entry names an audit item', () => {
    const verdicts = auditVerdicts(RULESET, /^ZT-\d+$/);
    expect(verdicts.size).toBe(45);
    const named = goldenAudits(RULESET, EXAMPLES);
    for (const id of named.keys()) expect(verdicts.has(id), id).toBe(true);
    const disputed = [...verdicts].filter(([, v]) => v === 'DISPUTED').map(([id]) => id);
    expect(disputed.length).toBe(10);
    expect(disputed.filter((id) => !named.has(id) && !NOT_EXPRESSIBLE[id])).toEqual([]);
    for (const id of Object.keys(NOT_EXPRESSIBLE)) expect(named.has(id), `${id} is listed as not expressible`).toBe(false);
  });

  it('reproduces every reported score the audit reproduces (ZT-13 … ZT-41)', () => {
    const outcome = Object.fromEntries(sc.indicators.map((i) => [i.name, i.outcome]));
    expect(sc.indicators).toHaveLength(20);
    expect(Object.entries(outcome).filter(([, o]) => o !== 'pass')).toEqual([['支付进度率', 'na'], ['政府采购执行率', 'na']]);
    for (const i of sc.indicators.filter((x) => x.outcome === 'pass')) {
      const lo = Number(i.computed);
      const hi = Number(i.computedHigh ?? i.computed);
      const rep = Number(i.reported!.exact);
      expect(rep >= lo && rep <= hi, i.name).toBe(true);
    }
    const by = (n: string) => sc.indicators.find((i) => i.name === n)!;
    expect(by('预算完成率').computed).toBe('0'); // ZT-18: 16 whole steps of 5% below 100% → 8 points off 5
    expect(by('公用经费控制率').computed).toBe('0'); // ZT-24: 90 points above 100% → 9 points off 2
    expect(by('实际完成率').computed).toBe('16.2'); // ZT-31: 9/10 × 18
    expect([by('经济效益').computed, by('经济效益').computedHigh]).toEqual(['4', '5']); // ZT-38: top band of 三档
    expect(by('支付进度率').reason!.zh).toContain('支付进度.按季度完成'); // ZT-22: the quarterly input is not printed
    expect(by('政府采购执行率').reason!.zh).toContain('除以 0'); // ZT-25: 0/0
  });

  it('agrees on Σ weights (ZT-8), the total (ZT-9, ZT-12) and cannot compare a grade (ZT-11)', () => {
    expect(sc.weights).toMatchObject({ sum: '100', declared: '100', outcome: 'pass' });
    expect(sc.total).toMatchObject({ computed: '83.2', computedHigh: '86.2', reported: { exact: '86.2' }, reportedSum: '86.2', notComputable: 2, outcome: 'pass' });
    expect(sc.grade).toMatchObject({ computed: ['良'], outcome: 'na' });
  });
});
