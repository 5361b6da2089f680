/**
 * The published 部门决算 ruleset (rulesets/juesuan) on the two real example disclosures: what it
 * reports must be exactly the reviewed golden findings (rulesets/juesuan/expected/*.yaml), and the
 * golden findings must cover every REAL inconsistency of the hand audit (rulesets/juesuan/AUDIT.md).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDisclosure, type CompiledProgram, type DocumentResult } from '@suan/dsl';
import { REPO, check, compile, findingsOf, readGolden } from './golden';

const EXAMPLES = ['000-jinlin-yibao-2021', '001-shizhong-yibao-2021'];

/** Audit item ids by verdict, from the tables of AUDIT.md (`| 000-A1 | …`). */
function auditItems(): { real: string[]; all: Set<string> } {
  const text = fs.readFileSync(path.join(REPO, 'rulesets/juesuan/AUDIT.md'), 'utf8');
  const real: string[] = [];
  const all = new Set<string>();
  let section = '';
  for (const line of text.split('\n')) {
    const h = /^### (\w+)/.exec(line);
    if (h) section = h[1]!;
    const m = /^\| (\d{3}-[ARB]\d+) \|/.exec(line);
    if (!m) continue;
    all.add(m[1]!);
    if (section === 'REAL') real.push(m[1]!);
  }
  return { real, all };
}

describe('rulesets/juesuan on the example disclosures', () => {
  let compiled: CompiledProgram;
  const results = new Map<string, DocumentResult>();

  beforeAll(async () => {
    compiled = await compile('rulesets/juesuan/juesuan.suan');
    for (const ex of EXAMPLES) results.set(ex, await check(compiled, `rulesets/juesuan/examples/${ex}.yaml`));
  });

  it('has a manifest and documented rules', () => {
    const info = compiled.program.info;
    expect(info.id).toBe('cn.gov.province.juesuan');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.kinds).toEqual(['部门决算']);
    expect(info.licence).toBeTruthy();
    expect(info.issuer).toBeTruthy();
    for (const r of compiled.program.rules) {
      expect(r.id, r.id).toMatch(/^JS\d{4}$/);
      const title = r.decl.title?.variants ?? [];
      expect(title.some((v) => v.lang === 'en'), `${r.id} en title`).toBe(true);
      const doc = r.decl.doc?.variants ?? [];
      expect(doc.length >= 2 && doc.some((v) => v.lang === 'en'), `${r.id} doc zh + en`).toBe(true);
      expect(r.message.some((m) => m.lang === 'en') && r.message.some((m) => m.lang !== 'en'), `${r.id} message zh + en`).toBe(true);
    }
  });

  it('reads the examples without data errors or rule errors', () => {
    for (const [ex, r] of results) {
      expect(r.diagnostics.filter((d) => d.severity === 'error'), ex).toEqual([]);
      for (const rule of r.rules) expect(rule.error, `${ex} ${rule.id}`).toBeUndefined();
      expect(r.counts.error, ex).toBe(0);
    }
  });

  for (const ex of EXAMPLES) {
    it(`reports exactly the reviewed findings on ${ex}`, () => {
      const golden = readGolden(`rulesets/juesuan/expected/${ex}.yaml`).map(({ audit, ...f }) => {
        void audit;
        return f;
      });
      expect(findingsOf(results.get(ex)!)).toEqual(golden);
    });
  }

  it('covers every REAL audit item, and every golden entry names an audit item', () => {
    const { real, all } = auditItems();
    expect(real.length).toBeGreaterThanOrEqual(13);
    const covered = new Set<string>();
    for (const ex of EXAMPLES) {
      for (const f of readGolden(`rulesets/juesuan/expected/${ex}.yaml`)) {
        expect(f.audit, `${ex} ${f.rule} ${f.where}`).toBeTruthy();
        expect(all.has(f.audit!), `${f.audit} is an AUDIT.md item`).toBe(true);
        expect(f.audit!.startsWith(ex.slice(0, 3)), `${f.audit} belongs to ${ex}`).toBe(true);
        covered.add(f.audit!);
      }
    }
    expect(real.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('reports no ROUNDING item and nothing beyond the golden list', () => {
    for (const [ex, r] of results) {
      const golden = readGolden(`rulesets/juesuan/expected/${ex}.yaml`);
      const rounding = golden.filter((f) => /-R\d+$/.test(f.audit ?? ''));
      expect(rounding, ex).toEqual([]);
      expect(r.counts.fail + r.counts.coarse, ex).toBe(golden.length);
    }
  });

  it('grades a difference only coarse writing explains as `coarse`, and flags a 元/万元 slip', () => {
    // Crafted: the narrative writes 项目支出 “1,980” (no decimals) against a table value of 1,980.50,
    // and states 本年收入 2,173,571.18 “万元” against a table in 元 holding 2,173,571.18.
    const yaml = [
      'suan: 1',
      'document: { kind: 部门决算, year: 2022, currency_unit: 万元 }',
      'tables:',
      '  收入支出决算总表:',
      '    unit: 元',
      '    columns: [项目, 方向, 科目编码, 原文项目, 金额]',
      '    rows:',
      '      - [本年收入合计, 收入, "", 本年收入合计, "2,173,571.18"]',
      '  支出决算表:',
      '    unit: 万元',
      '    columns: [科目编码, 科目名称, 本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出]',
      '    rows:',
      '      - [合计, "", "2,330.62", "350.12", "1,980.50", "", "", ""]',
      '  支出结构说明:',
      '    unit: 万元',
      '    columns: [项目, 金额, 占比]',
      '    rows:',
      '      - [项目支出, "1,980", ""]',
      'facts:',
      '  收支总体.本年收入合计: { value: "2173571.18", unit: 万元 }',
    ].join('\n');
    const file = path.join(REPO, 'crafted.yaml');
    const { result } = checkDisclosure(compiled, file, { readFile: (p: string) => (p === file ? { text: yaml } : undefined) });
    const found = result!.rules.flatMap((r) => r.findings).filter((f) => f.outcome === 'fail' || f.outcome === 'coarse');
    const coarse = found.find((f) => f.rule === 'JS1111')!;
    expect([coarse.outcome, coarse.severity]).toEqual(['coarse', 'warning']);
    expect(coarse.comparison?.coarse?.written).toBe('1,980');
    const slip = found.find((f) => f.rule === 'JS1101')!;
    expect(slip.outcome).toBe('fail');
    expect(slip.comparison?.unitSlip?.factor).toBe('10000');
  });
});

