/**
 * The example city ruleset (rulesets/juesuan-city-example/city.suan) extends the provincial
 * 部门决算 ruleset: its overrides (severity, tolerance, disable) and its own rule must take effect,
 * shown on a small crafted disclosure, and it must report on the provincial examples exactly
 * what the province reports (its overrides do not touch those findings).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledProgram, DocumentResult, Finding } from '@suan/dsl';
import { check, compile, findingsOf, readGolden } from './golden';

const CRAFTED = 'rulesets/juesuan-city-example/examples/city-sample-2022.yaml';

function findings(r: DocumentResult, rule: string): Finding[] {
  return r.rules.find((x) => x.id === rule)?.findings.filter((f) => f.outcome !== 'pass' && f.outcome !== 'na') ?? [];
}

describe('rulesets/juesuan-city-example', () => {
  let province: CompiledProgram;
  let city: CompiledProgram;
  let onProvince: DocumentResult;
  let onCity: DocumentResult;

  beforeAll(async () => {
    province = await compile('rulesets/juesuan/juesuan.suan');
    city = await compile('rulesets/juesuan-city-example/city.suan');
    onProvince = await check(province, CRAFTED);
    onCity = await check(city, CRAFTED);
  });

  it('has its own manifest and keeps every provincial rule but the disabled one', () => {
    expect(city.program.info.id).toBe('cn.gov.city.example.juesuan');
    expect(city.program.info.kinds).toEqual(['部门决算']);
    const ids = new Set(onCity.rules.map((r) => r.id));
    for (const r of province.program.rules) if (r.id !== 'JS1417') expect(ids.has(r.id), r.id).toBe(true);
    expect(ids.has('CITY0701')).toBe(true);
  });

  it('override … severity: JS1405 is a warning in the province and an error in the city', () => {
    const p = findings(onProvince, 'JS1405');
    const c = findings(onCity, 'JS1405');
    expect(p.map((f) => [f.outcome, f.severity])).toEqual([['fail', 'warning']]);
    expect(c.map((f) => [f.outcome, f.severity])).toEqual([['fail', 'error']]);
    expect(c[0]!.message.zh).toBe(p[0]!.message.zh);
    expect(onCity.rules.find((r) => r.id === 'JS1405')!.severity).toBe('error');
  });

  it('override … tolerance: a 0.03-point completion-rate difference fails in the province, passes in the city', () => {
    expect(findings(onProvince, 'JS1302').map((f) => [f.outcome, f.bindings[0]!.key])).toEqual([['fail', '合计']]);
    const cityRule = onCity.rules.find((r) => r.id === 'JS1302')!;
    expect(findings(onCity, 'JS1302')).toEqual([]);
    expect(cityRule.counts.pass).toBe(1);
  });

  it('disable: JS1417 runs in the province and not at all in the city', () => {
    expect(findings(onProvince, 'JS1417').map((f) => f.severity)).toEqual(['warning']);
    expect(onCity.rules.find((r) => r.id === 'JS1417')).toBeUndefined();
  });

  it('the city rule CITY0701 runs: every 三公 item over budget is reported', () => {
    const f = findings(onCity, 'CITY0701');
    expect(f.map((x) => [x.outcome, x.severity, x.bindings[0]!.key])).toEqual([
      ['fail', 'warning', '合计'],
      ['fail', 'warning', '公务用车购置及运行维护费'],
      ['fail', 'warning', '公务用车运行维护费'],
      ['fail', 'warning', '公务接待费'],
    ]);
    expect(f[0]!.message.zh).toBe('“三公”经费 合计：决算数 6.00 万元 超过预算数 5.00 万元');
    expect(onCity.rules.find((r) => r.id === 'CITY0701')!.counts.pass).toBe(2);
  });

  it('reports on the provincial examples exactly what the province reports', async () => {
    for (const ex of ['000-jinlin-yibao-2021', '001-shizhong-yibao-2021']) {
      const r = await check(city, `rulesets/juesuan/examples/${ex}.yaml`);
      const golden = readGolden(`rulesets/juesuan/expected/${ex}.yaml`).map(({ audit, ...f }) => {
        void audit;
        return f;
      });
      expect(findingsOf(r), ex).toEqual(golden);
    }
  });
});
