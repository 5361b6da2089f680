/**
 * The 部门决算 ruleset on layouts that real disclosures have (found by a tester's round): the
 * published example 001 with one change each. A total row labelled otherwise, a code lost to its
 * name, a 小计 row, a code of table 05 that table 03 lacks: each is checked, or said, and never
 * "all passed" without a word; and no correct document fails because of its layout.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateDocument, loadDisclosureText, type CompiledProgram, type DocumentResult } from '@suan/dsl';
import { REPO, compile } from './golden';

const EXAMPLE = 'rulesets/juesuan/examples/001-shizhong-yibao-2021.yaml';
/** Table 03's 合计 row and its 21011 row, table 05's 2101599 row, as the example prints them. */
const TOTAL_03 = '      - ["合计", "", "2,330.12", "350.12", "1,980.00", "", "", ""]';
const ROW_03_21011 = '      - ["21011", "行政事业单位医疗", "17.41", "17.41", "", "", "", ""]';
const ROW_05_2101599 = '      - ["2101599", "其他医疗保障管理事务支出", "8.00", "", "8.00"]';

let program: CompiledProgram;
let text: string;
let baseline: string[];

function variant(from: string, to: string): DocumentResult {
  expect(text.split(from)).toHaveLength(2); // the line is there, once
  const load = loadDisclosureText(path.join(REPO, 'rulesets/juesuan/examples/variant.yaml'), text.replace(from, to), { readFile: () => undefined });
  expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return evaluateDocument(program, load.disclosure!);
}
const failing = (r: DocumentResult) => r.rules.filter((x) => x.counts.fail > 0).map((x) => x.id);
const said = (r: DocumentResult) => r.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code);

beforeAll(async () => {
  program = await compile('rulesets/juesuan/juesuan.suan');
  text = fs.readFileSync(path.join(REPO, EXAMPLE), 'utf8');
  const load = loadDisclosureText(path.join(REPO, EXAMPLE), text, { readFile: () => undefined });
  baseline = failing(evaluateDocument(program, load.disclosure!));
});

describe('rulesets/juesuan on layouts of the expenditure table (03)', () => {
  it('the example itself: its one known failure, and nothing said', () => {
    expect(baseline).toEqual(['JS1508']);
  });

  it('a total row labelled 总计: not added to the 类 rows a second time (6 rules failed on a correct document), and said', () => {
    const r = variant(TOTAL_03, TOTAL_03.replace('"合计"', '"总计"'));
    expect(failing(r)).toEqual(baseline);
    expect(said(r)).toEqual(['SUAN5024']);
  });

  it('a wrong total labelled 合计数: the total the roll-up could not check is said (it was "all passed")', () => {
    const r = variant(TOTAL_03, '      - ["合计数", "", "2,999.99", "1,019.99", "1,980.00", "", "", ""]');
    expect(said(r)).toEqual(['SUAN5024']);
    expect(r.diagnostics.find((d) => d.code === 'SUAN5024')!.span.line).toBe(97);
  });

  it('a code lost to its name: the row the roll-ups leave out is said (a wrong amount on it passed)', () => {
    const r = variant(ROW_03_21011, '      - ["行政事业单位医疗", "", "19.99", "19.99", "", "", "", ""]');
    expect(said(r)).toEqual(['SUAN5021']);
  });

  it('a 小计 row and no 合计 row: not added into the table\'s total (the summary table failed against it)', () => {
    const r = variant(TOTAL_03, '      - ["小计", "", "41.66", "41.66", "", "", "", ""]');
    expect(failing(r)).toEqual(baseline);
  });
});

describe('rulesets/juesuan across tables 05 and 03', () => {
  it('JS1010 fails for an amount of 05 on a code that 03 lacks (it was not applicable)', () => {
    const r = variant(ROW_05_2101599, ROW_05_2101599.replace('2101599', '2101550'));
    expect(failing(r)).toEqual(['JS1010', ...baseline]);
    const f = r.rules.find((x) => x.id === 'JS1010')!.findings.find((x) => x.outcome === 'fail')!;
    expect(f.bindings[0]!.key).toBe('2101550');
  });
});

describe('rulesets/juesuan on a disclosure without one of its nine tables', () => {
  it('JS0001 fails naming the table (the rules on it were silently not applicable, and the document "all passed")', () => {
    const start = text.indexOf('\n  支出决算表:\n');
    const end = text.indexOf('\n  财政拨款收入支出决算总表:\n');
    expect(start).toBeGreaterThan(0);
    const r = variant(text.slice(start, end), '');
    expect(failing(r)).toEqual(['JS0001', ...baseline]);
    const f = r.rules.find((x) => x.id === 'JS0001')!.findings[0]!;
    expect(f.message.zh).toBe('缺少公开表，涉及它们的规则都无从检查：支出决算表（公开03表）');
    expect(f.message.en).toBe('Standard tables missing, so the rules on them have nothing to check: 支出决算表（公开03表）');
  });
});
